"""REST API of the meetings part: everything the pages can do. Input serializers parse, the
services decide, ``access_meeting`` checks (404 for meetings the user may not see)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.access import access_case
from haertefall.core.errors import AccessDenied

from . import selectors
from .access import (
    access_meeting,
    can_list_meetings,
    can_prepare_meetings,
    meeting_items_for,
    meetings_visible_for,
    require_office,
)
from .minutes import minutes_content, render_docx, render_pdf
from .models import (
    AgendaItem,
    Attendance,
    Expectation,
    GroundWeighing,
    ItemDecision,
    ItemVote,
    Meeting,
    Membership,
    Minutes,
)
from .services import (
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    item_decide,
    meeting_cancel,
    meeting_invite,
    meeting_plan,
    meeting_update,
    membership_add,
    minutes_approve,
    prescreen_committee_set,
)
from .services.decisions import Votes, Weighing
from .services.minutes import minutes_file

# --- output ------------------------------------------------------------------------------


class ItemVoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemVote
        fields = ["motion", "yes", "no", "abstain", "excluded", "adopted", "rule_key", "result_text"]


class GroundSerializer(serializers.Serializer):
    """A regular exclusion ground (§ 5 Abs. 2 HFKVO) flagged at the case's formal check."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    label = serializers.CharField()
    paragraph = serializers.CharField()


class GroundWeighingSerializer(serializers.ModelSerializer):
    ground = GroundSerializer(read_only=True)

    class Meta:
        model = GroundWeighing
        fields = ["ground", "excludes", "reasons"]


class ItemDecisionSerializer(serializers.ModelSerializer):
    weighings = GroundWeighingSerializer(many=True, read_only=True,
                                         help_text="Abwägung je Soll-Ausschlussgrund (§ 5 Abs. 2 HFKVO).")

    class Meta:
        model = ItemDecision
        fields = ["outcome", "reasons", "expectations", "expectations_text", "recommendation", "rule_key",
                  "quorum_text", "recorded_at", "weighings"]


class AgendaItemSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="case.file_number", read_only=True)
    decision = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()
    regular_grounds = serializers.SerializerMethodField(
        help_text="Bei der formalen Prüfung vermerkte Soll-Ausschlussgründe (§ 5 Abs. 2 HFKVO), die die "
                  "Kommission im Beschluss über ein Ersuchen abwägt.")

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "case", "file_number", "subject", "facts", "regular_grounds", "decision",
                  "votes"]

    @extend_schema_field(GroundSerializer(many=True))
    def get_regular_grounds(self, item) -> list[dict]:
        return GroundSerializer(selectors.item_regular_grounds(item), many=True).data

    def _office(self):
        return can_prepare_meetings(self.context["request"].user)

    def get_decision(self, item) -> dict | None:
        decision = getattr(item, "decision", None)
        if decision is None:
            return None
        if not self._office():
            return {"outcome": decision.outcome}
        return ItemDecisionSerializer(decision).data

    def get_votes(self, item) -> list[dict]:
        if not self._office():
            return []
        return ItemVoteSerializer(item.votes.all(), many=True).data


class MeetingSerializer(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()
    time = serializers.TimeField(format="%H:%M:%S", read_only=True, allow_null=True)
    minutes_approved = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "kind", "date", "time", "place", "video_conference", "video_link", "written_procedure",
                  "rule_key", "items", "minutes_approved", "cancelled_at", "cancel_reason"]

    def get_minutes_approved(self, meeting) -> bool:
        return selectors.minutes_approved(meeting)

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_items(self, meeting) -> list[dict]:
        # Not the items a member is excluded from for conflict of interest (decision 0114).
        items = meeting_items_for(user=self.context["request"].user, meeting=meeting)
        return AgendaItemSerializer(items, many=True, context=self.context).data


# --- input -------------------------------------------------------------------------------

# Ids beyond the database's 64-bit integers match nothing; refuse them as input (German 400).
MAX_ID = 2**63 - 1


class MeetingInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices)
    date = serializers.DateField()
    # A session begins at a minute: hours and minutes, optionally :00 seconds; no fractions.
    time = serializers.TimeField(required=False, allow_null=True, input_formats=["%H:%M", "%H:%M:%S"])
    place = serializers.CharField(required=False, allow_blank=True, default="")
    video_conference = serializers.BooleanField(required=False, default=False)
    video_link = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    written_procedure = serializers.BooleanField(required=False, default=False)


class MeetingUpdateInput(serializers.Serializer):
    """Only the fields given change (PATCH); the kind of session does not change."""

    date = serializers.DateField(required=False)
    time = serializers.TimeField(required=False, allow_null=True, input_formats=["%H:%M", "%H:%M:%S"])
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    video_conference = serializers.BooleanField(required=False)
    video_link = serializers.CharField(required=False, allow_blank=True, max_length=500)
    written_procedure = serializers.BooleanField(required=False)


class MeetingCancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Geht per E-Mail an die Eingeladenen: keine Namen.")


class AgendaInput(serializers.Serializer):
    case = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    subject = serializers.ChoiceField(
        choices=AgendaItem.Subject.choices, required=False, allow_null=True, default=None,
        help_text="Leer: folgt aus dem Stand (bereit → Härtefallersuchen, formal geprüft → Befassung, "
                  "§ 4 Abs. 3 HFKVO). „revocation“: die Kommission berät die Rücknahme eines Ersuchens.")
    facts = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000,
                                  help_text="Nur bei „revocation“ und dort nötig: der festgestellte Sachverhalt.")


class AttendanceInput(serializers.Serializer):
    statuses = serializers.DictField(
        child=serializers.ChoiceField(choices=Attendance.Status.choices),
        help_text='Je Sitz: {"seat-<id>": "member" | "deputy" | "absent"}; Schlüssel aus GET.')


class VotesInput(serializers.Serializer):
    yes = serializers.IntegerField(min_value=0, max_value=99)
    no = serializers.IntegerField(min_value=0, max_value=99)
    abstain = serializers.IntegerField(min_value=0, max_value=99)


class WeighingInput(serializers.Serializer):
    ground = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="ID des Soll-Ausschlussgrunds aus „regular_grounds“.")
    excludes = serializers.BooleanField(help_text="Schließt er eine positive Entscheidung aus?")
    reasons = serializers.CharField(help_text="Die Abwägung, für das Protokoll.")


class DecisionInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ItemDecision.Outcome.choices)
    reasons = serializers.CharField()
    votes = VotesInput(required=False, allow_null=True, help_text="Nur Stimmenzahlen, nie Einzelstimmen.")
    excluded = serializers.ListField(child=serializers.CharField(), required=False, default=list,
                                     help_text="Sitzschlüssel der wegen Befangenheit ausgeschlossenen Sitze.")
    expectations = serializers.ListField(child=serializers.ChoiceField(choices=Expectation.choices),
                                         required=False, default=list)
    expectations_text = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation_votes = VotesInput(required=False, allow_null=True)
    weighings = WeighingInput(many=True, required=False, default=list,
                              help_text="Je vermerktem Soll-Ausschlussgrund eine Abwägung (§ 5 Abs. 2 HFKVO); "
                                        "nötig bei „request“ und „no_request“.")


def _votes(data):
    return Votes(data["yes"], data["no"], data["abstain"]) if data else None


# --- views -------------------------------------------------------------------------------


class MeetingListApi(APIView):
    @extend_schema(responses=MeetingSerializer(many=True), summary="Sitzungen, die der Nutzer sehen darf")
    def get(self, request):
        if not can_list_meetings(request.user):
            raise AccessDenied
        meetings = meetings_visible_for(request.user).order_by("-date")
        return Response(MeetingSerializer(meetings, many=True, context={"request": request}).data)

    @extend_schema(request=MeetingInput, responses={201: MeetingSerializer}, summary="Sitzung planen")
    def post(self, request):
        require_office(request.user)
        data = MeetingInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = meeting_plan(actor=request.user, **data.validated_data)
        return Response(MeetingSerializer(meeting, context={"request": request}).data, status=status.HTTP_201_CREATED)


class MeetingDetailApi(APIView):
    @extend_schema(responses=MeetingSerializer, summary="Sitzung mit Tagesordnung")
    def get(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=False, request=request)
        audit_log(user=request.user, action=AuditEntry.Action.READ, obj=meeting, request=request)
        return Response(MeetingSerializer(meeting, context={"request": request}).data)

    @extend_schema(request=MeetingUpdateInput, responses=MeetingSerializer,
                   summary="Datum, Uhrzeit oder Ort einer geplanten Sitzung ändern (benachrichtigt Eingeladene)")
    def patch(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        data = MeetingUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = meeting_update(meeting=meeting, actor=request.user, **data.validated_data)
        return Response(MeetingSerializer(meeting, context={"request": request}).data)


class MeetingCancelApi(APIView):
    @extend_schema(request=MeetingCancelInput, responses=MeetingSerializer,
                   summary="Sitzung absagen: Tagesordnung wird frei, Eingeladene werden benachrichtigt")
    def post(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        data = MeetingCancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = meeting_cancel(meeting=meeting, actor=request.user, reason=data.validated_data["reason"])
        return Response(MeetingSerializer(meeting, context={"request": request}).data)


class AgendaApi(APIView):
    @extend_schema(request=AgendaInput, responses={201: AgendaItemSerializer}, summary="Fall auf die Tagesordnung setzen")
    def post(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        data = AgendaInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = access_case(user=request.user, case_id=data.validated_data["case"], for_write=True,
                           request=request, log_read=False)
        item = agenda_item_add(meeting=meeting, case=case, actor=request.user,
                               subject=data.validated_data["subject"], facts=data.validated_data["facts"])
        return Response(AgendaItemSerializer(item, context={"request": request}).data, status=status.HTTP_201_CREATED)


class AgendaItemApi(APIView):
    @extend_schema(responses=AgendaItemSerializer, summary="Tagesordnungspunkt")
    def get(self, request, pk, item_pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
        return Response(AgendaItemSerializer(item, context={"request": request}).data)

    @extend_schema(responses={204: None}, summary="Fall von der Tagesordnung nehmen")
    def delete(self, request, pk, item_pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
        agenda_item_remove(item=item, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttendanceApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, summary="Sitze, Inhaber und erfasste Anwesenheit")
    def get(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        rows = selectors.attendance_rows(meeting)
        return Response({"seats": [
            {"key": slot.key, "label": slot.label, "member": str(slot.member or ""), "deputy": str(slot.deputy or ""),
             "status": rows[slot.key].status if slot.key in rows else None}
            for slot in selectors.meeting_slots(meeting)
        ]})

    @extend_schema(request=AttendanceInput, responses=OpenApiTypes.OBJECT, summary="Anwesenheit erfassen")
    def put(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        data = AttendanceInput(data=request.data)
        data.is_valid(raise_exception=True)
        attendance_record(meeting=meeting, statuses=data.validated_data["statuses"], actor=request.user)
        return self.get(request, pk)


class ItemDecisionApi(APIView):
    @extend_schema(responses=AgendaItemSerializer, summary="Beschluss und Stimmenzahlen eines Tagesordnungspunkts")
    def get(self, request, pk, item_pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
        return Response(AgendaItemSerializer(item, context={"request": request}).data)

    @extend_schema(request=DecisionInput, responses={201: AgendaItemSerializer},
                   summary="Beschluss zu einem Tagesordnungspunkt (nur Stimmenzahlen)")
    def post(self, request, pk, item_pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        item_decide(item=item, outcome=v["outcome"], reasons=v["reasons"], votes=_votes(v.get("votes")),
                    excluded_keys=v["excluded"], expectations=v["expectations"],
                    expectations_text=v["expectations_text"], recommendation=v["recommendation"],
                    recommendation_votes=_votes(v.get("recommendation_votes")), actor=request.user,
                    weighings=[Weighing(ground_id=w["ground"], excludes=w["excludes"], reasons=w["reasons"])
                               for w in v["weighings"]])
        item = AgendaItem.objects.get(pk=item.pk)
        return Response(AgendaItemSerializer(item, context={"request": request}).data, status=status.HTTP_201_CREATED)


class InvitationApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, summary="Einladungen und ihr Versandstand")
    def get(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        return Response({"invitations": [{"user": str(inv.user), "sent_at": inv.sent_at}
                                         for inv in meeting.invitations.select_related("user")]})

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT, summary="Einladungen mit Tagesordnung versenden")
    def post(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        sent = meeting_invite(meeting=meeting, actor=request.user)
        return Response({"sent": [str(inv.user) for inv in sent]})


class MinutesApi(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY}, summary="Protokoll (PDF oder DOCX)")
    def get(self, request, pk, fmt):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        if fmt not in ("pdf", "docx"):
            raise AccessDenied
        stored = Minutes.objects.filter(meeting=meeting).first()
        if stored is not None:
            data = minutes_file(minutes=stored, fmt=fmt)
        else:
            content = minutes_content(meeting)
            data = render_pdf(content) if fmt == "pdf" else render_docx(content)
        audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=meeting, request=request,
                  detail=f"Protokoll {fmt} (API)")
        content_type = ("application/pdf" if fmt == "pdf"
                        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        return HttpResponse(data, content_type=content_type)


class MinutesApproveApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, summary="Genehmigungsstand des Protokolls")
    def get(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        minutes = Minutes.objects.filter(meeting=meeting).first()
        if minutes is None:
            return Response({"approved": False})
        return Response({"approved": True, "approved_at": minutes.approved_at, "pdf_sha256": minutes.pdf_sha256,
                         "docx_sha256": minutes.docx_sha256})

    @extend_schema(request=None, responses={201: OpenApiResponse(description="Genehmigt")},
                   summary="Protokoll genehmigen (Vorsitz)")
    def post(self, request, pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        minutes = minutes_approve(meeting=meeting, actor=request.user)
        return Response({"approved_at": minutes.approved_at, "pdf_sha256": minutes.pdf_sha256,
                         "docx_sha256": minutes.docx_sha256}, status=status.HTTP_201_CREATED)


class CommissionApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, summary="Zusammensetzung der Kommission")
    def get(self, request):
        require_office(request.user)
        commission = selectors.commission_current()
        if commission is None:
            return Response({"commission": None})
        from django.utils import timezone

        today = timezone.localdate()
        holders = {(m.seat_id, m.kind): m for m in selectors.memberships_on(commission=commission, on=today)}

        def person(m):
            return None if m is None else {"name": str(m.user), "term_start": m.term_start, "term_end": m.term_end}

        rule = selectors.committee_rule_today()
        return Response({
            "commission": {"name": commission.name, "land": commission.land, "seats": commission.seats},
            # § 3 Abs. 3 HFKVO: whether the commission has a pre-screening committee is rule data.
            "prescreen_committee": {
                "formed": bool(rule and rule.committee_formed), "rule": rule.key if rule else None,
                "valid_from": rule.valid_from if rule else None, "valid_to": rule.valid_to if rule else None,
                "label": rule.label_de if rule else "Kein Vorprüfungsausschuss gebildet (§ 3 Abs. 3 HFKVO)."},
            "prescreen_nominations": [
                {"decided_on": n.decided_on, "number": n.number, "member": str(n.member), "deputy": str(n.deputy),
                 "meeting": n.meeting_id} for n in selectors.prescreen_nominations(commission)],
            "seats": [{"number": s.number, "nominating_body": s.nominating_body,
                       "member": person(holders.get((s.pk, "member"))),
                       "deputy": person(holders.get((s.pk, "deputy")))}
                      for s in commission.seat_set.order_by("number")],
            "prescreen": [{"number": p.number, "member": str(p.member), "deputy": str(p.deputy or "")}
                          for p in commission.prescreen_seats.order_by("number")],
        })



class MembershipInput(serializers.Serializer):
    seat = serializers.IntegerField(min_value=1, max_value=99, help_text="Sitznummer (1 = Vorsitz)")
    user = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=Membership.Kind.choices)
    term_start = serializers.DateField()
    term_end = serializers.DateField(required=False, allow_null=True,
                                     help_text="Leer: zwei Jahre (§ 2 Abs. 1 HFKVO).")


class MembershipApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, summary="Alle Berufungen (auch frühere Amtszeiten)")
    def get(self, request):
        require_office(request.user)
        commission = selectors.commission_current()
        memberships = Membership.objects.filter(seat__commission=commission).select_related("seat", "user")
        return Response({"memberships": [
            {"seat": m.seat.number, "user": m.user_id, "name": str(m.user), "kind": m.kind,
             "term_start": m.term_start, "term_end": m.term_end} for m in memberships]})

    @extend_schema(request=MembershipInput, responses={201: OpenApiTypes.OBJECT}, summary="Berufung erfassen")
    def post(self, request):
        from haertefall.accounts.models import User

        require_office(request.user)
        commission = selectors.commission_current()
        if commission is None:
            raise AccessDenied
        data = MembershipInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        seat = commission.seat_set.filter(number=v["seat"]).first()
        user = User.objects.filter(pk=v["user"], is_active=True).first()
        if seat is None or user is None:
            raise serializers.ValidationError({"seat" if seat is None else "user": ["Unbekannter Sitz."
                                               if seat is None else "Unbekannte Person."]})
        membership = membership_add(seat=seat, user=user, kind=v["kind"], term_start=v["term_start"],
                                    term_end=v.get("term_end"), actor=request.user)
        return Response({"seat": seat.number, "name": str(user), "kind": membership.kind,
                         "term_start": membership.term_start, "term_end": membership.term_end},
                        status=status.HTTP_201_CREATED)


class PrescreenPlaceInput(serializers.Serializer):
    number = serializers.ChoiceField(choices=[1, 2, 3], help_text="1 = Vorsitz, 2 und 3 = benannte Mitglieder")
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Nutzer-ID")
    deputy = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Nutzer-ID der Stellvertretung aus der Kommission "
                                                "(§ 3 Abs. 3 Satz 2 HFKVO)")


class PrescreenInput(serializers.Serializer):
    places = PrescreenPlaceInput(many=True)
    decided_on = serializers.DateField(help_text="Datum des Beschlusses der Kommission (§ 3 Abs. 3 HFKVO).")
    meeting = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None,
                                       help_text="ID der Sitzung der Kommission, in der sie benannt hat (optional).")


class PrescreenApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT,
                   summary="Vorprüfungsausschuss und wählbare Personen (heute berufene Mitglieder)")
    def get(self, request):
        from django.utils import timezone

        require_office(request.user)
        commission = selectors.commission_current()
        if commission is None:
            raise AccessDenied
        people = selectors.commission_people_on(commission=commission, on=timezone.localdate())
        return Response({
            "places": [{"number": p.number, "member": p.member_id, "member_name": str(p.member),
                        "deputy": p.deputy_id, "deputy_name": str(p.deputy or "")}
                       for p in commission.prescreen_seats.select_related("member", "deputy").order_by("number")],
            "choices": [{"id": user.pk, "name": str(user)} for user in people],
        })

    @extend_schema(request=PrescreenInput, responses=OpenApiTypes.OBJECT,
                   summary="Vorprüfungsausschuss besetzen: alle drei Plätze auf einmal (§ 3 Abs. 3 HFKVO)")
    def put(self, request):
        from django.utils import timezone

        require_office(request.user)
        commission = selectors.commission_current()
        if commission is None:
            raise AccessDenied
        data = PrescreenInput(data=request.data)
        data.is_valid(raise_exception=True)
        people = {user.pk: user for user in
                  selectors.commission_people_on(commission=commission, on=timezone.localdate())}
        places = {}
        for place in data.validated_data["places"]:
            number = int(place["number"])
            if number in places:
                raise serializers.ValidationError({"places": [f"Platz {number} ist doppelt angegeben."]})
            member, deputy = place["member"], place["deputy"]
            for key, pk in (("member", member), ("deputy", deputy)):
                if pk is not None and pk not in people:
                    raise serializers.ValidationError({f"place_{number}_{key}": [
                        f"Platz {number}: Person {pk} ist heute nicht Mitglied oder Stellvertretung der Kommission."]})
            places[number] = (people[member], people.get(deputy) if deputy is not None else None)
        if set(places) != {1, 2, 3}:
            raise serializers.ValidationError({"places": ["Bitte geben Sie alle drei Plätze an (1, 2 und 3)."]})
        meeting = None
        if data.validated_data["meeting"] is not None:
            meeting = Meeting.objects.filter(pk=data.validated_data["meeting"], kind=Meeting.Kind.COMMISSION).first()
            if meeting is None:
                raise serializers.ValidationError({"meeting": ["Unbekannte Sitzung der Kommission."]})
        prescreen_committee_set(commission=commission, places=places, actor=request.user,
                                decided_on=data.validated_data["decided_on"], meeting=meeting)
        return self.get(request)
