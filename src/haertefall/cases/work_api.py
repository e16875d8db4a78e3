"""REST API of the office's daily work: queues, whose case it is, substitutions, calendar
(decisions 0117, 0118). Same access functions, selectors and services as the pages."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.accounts.access import assignable_users, can_see_substitutions
from haertefall.accounts.models import Substitution
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log

from . import calendar as cal
from .access import access_case, can_see_office_queues, cases_visible_for
from .queues import PERSONAL_QUEUES, QUEUES, mine_q, queue_counts
from .services.assignment import case_assign, case_take, substitution_create

TAG = "Arbeitslisten"


def _office_only(request):
    if not can_see_office_queues(request.user):
        raise PermissionDenied("Nur die Geschäftsstelle darf das.")


class QueueSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Wert des Parameters ``queue`` der Fallliste.")
    title = serializers.CharField()
    rule = serializers.CharField()
    count = serializers.IntegerField()


class QueuesSerializer(serializers.Serializer):
    mine = QueueSerializer(many=True, help_text="Eigene Fälle und die vertretener Kolleginnen und Kollegen.")
    office = QueueSerializer(many=True, help_text="Alle Fälle der Geschäftsstelle.")


class QueuesApi(APIView):
    @extend_schema(tags=[TAG], summary="Arbeitslisten: Anzahl je Liste (eigene und Geschäftsstelle)",
                   responses=QueuesSerializer)
    def get(self, request):
        _office_only(request)
        today = timezone.localdate()
        visible = cases_visible_for(request.user)
        mine = queue_counts(visible.filter(mine_q(request.user, on=today)), PERSONAL_QUEUES, today=today)
        office = queue_counts(visible, QUEUES, today=today)

        def rows(queues, counts):
            return [{"key": q.key, "title": q.title, "rule": q.rule, "count": counts[q.key]} for q in queues]

        return Response({"mine": rows(PERSONAL_QUEUES, mine), "office": rows(QUEUES, office)})


class AssignmentSerializer(serializers.Serializer):
    assigned_to = serializers.IntegerField(allow_null=True, read_only=True, source="assigned_to_id")
    assigned_to_name = serializers.SerializerMethodField()

    def get_assigned_to_name(self, case) -> str:
        return str(case.assigned_to) if case.assigned_to_id else ""


class AssignInputSerializer(serializers.Serializer):
    assigned_to = serializers.PrimaryKeyRelatedField(queryset=assignable_users(),
                                                     help_text="Benutzer-ID einer Person der Geschäftsstelle.")


class CaseAssignmentApi(APIView):
    @extend_schema(tags=[TAG], summary="Zuständigkeit eines Falls", responses=AssignmentSerializer)
    def get(self, request, pk):
        _office_only(request)
        case = access_case(user=request.user, case_id=pk, for_write=False, request=request, log_read=False)
        return Response(AssignmentSerializer(case).data)

    @extend_schema(tags=[TAG], summary="Fall zuweisen (Leitung der Geschäftsstelle)", request=AssignInputSerializer,
                   responses=AssignmentSerializer)
    def post(self, request, pk):
        _office_only(request)
        case = access_case(user=request.user, case_id=pk, for_write=True, request=request, log_read=False)
        data = AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(AssignmentSerializer(case_assign(case=case, actor=request.user,
                                                         assignee=data.validated_data["assigned_to"])).data)


class CaseTakeApi(APIView):
    @extend_schema(tags=[TAG], summary="Fall übernehmen (nur ohne Zuständigkeit)", request=None,
                   responses=AssignmentSerializer)
    def post(self, request, pk):
        _office_only(request)
        case = access_case(user=request.user, case_id=pk, for_write=True, request=request, log_read=False)
        return Response(AssignmentSerializer(case_take(case=case, actor=request.user)).data)


class SubstitutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Substitution
        fields = ["id", "absent", "substitute", "starts_on", "ends_on"]


class SubstitutionsApi(APIView):
    @extend_schema(tags=[TAG], summary="Laufende und geplante Vertretungen", responses=SubstitutionSerializer(many=True))
    def get(self, request):
        if not can_see_substitutions(request.user):
            raise PermissionDenied("Nur die Geschäftsstelle darf das.")
        rows = Substitution.objects.filter(ends_on__gte=timezone.localdate()).order_by("starts_on", "pk")
        return Response(SubstitutionSerializer(rows, many=True).data)

    @extend_schema(tags=[TAG], summary="Vertretung eintragen", request=SubstitutionSerializer,
                   responses={201: SubstitutionSerializer})
    def post(self, request):
        if not can_see_substitutions(request.user):
            raise PermissionDenied("Nur die Geschäftsstelle darf das.")
        data = SubstitutionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        substitution = substitution_create(actor=request.user, **data.validated_data)
        return Response(SubstitutionSerializer(substitution).data, status=status.HTTP_201_CREATED)


class CalendarQuerySerializer(serializers.Serializer):
    start = serializers.DateField(help_text="Erster Tag (JJJJ-MM-TT).")
    end = serializers.DateField(help_text="Letzter Tag (JJJJ-MM-TT), höchstens 400 Tage nach dem ersten.")
    mine = serializers.BooleanField(required=False, default=False, help_text="Nur Fristen meiner Fälle.")

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise ValidationError({"end": ["Der letzte Tag liegt vor dem ersten."]})
        if attrs["end"] - attrs["start"] > timedelta(days=cal.MAX_DAYS):
            raise ValidationError({"end": [f"Bitte höchstens {cal.MAX_DAYS} Tage auf einmal abfragen."]})
        return attrs


class CalendarEntrySerializer(serializers.Serializer):
    day = serializers.DateField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="Seite der Sitzung oder des Falls.")
    case_id = serializers.IntegerField(allow_null=True)


class CalendarApi(APIView):
    @extend_schema(tags=[TAG], summary="Sitzungen und Fristen eines Zeitraums", parameters=[CalendarQuerySerializer],
                   responses=CalendarEntrySerializer(many=True))
    def get(self, request):
        _office_only(request)
        query = CalendarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        entries = cal.calendar_entries(user=request.user, **query.validated_data)
        audit_log(user=request.user, action=AuditEntry.Action.READ, object_type="cases.calendar", request=request,
                  detail=f"Kalender (API): {len({e.case_id for e in entries if e.case_id})} Fälle")
        return Response(CalendarEntrySerializer(entries, many=True).data)

