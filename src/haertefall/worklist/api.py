"""REST API of the list tools: the same access functions and services as the pages."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.accounts.access import assignable_users, can_assign_cases
from haertefall.cases.filters import CaseFilter
from haertefall.cases.models import Case
from haertefall.core.errors import AccessDenied
from haertefall.meetings.access import access_meeting

from .access import (
    access_saved_filter,
    can_export_case_list,
    can_save_filters,
    can_work_in_bulk,
    saved_filters_for,
)
from .bulk import MAX_BULK_CASES, BulkAction, cases_bulk_apply
from .exports import FORMATS, case_list_export
from .forms import letter_kind_choices
from .models import NAME_MAX_LENGTH, SavedFilter
from .services import saved_filter_create, saved_filter_delete

TAG = "Fallliste"


class SavedFilterSerializer(serializers.ModelSerializer):
    query = serializers.DictField(child=serializers.CharField(), help_text=(
        "Die Filter der Fallliste, wie sie die Liste als Parameter nimmt (q, state, year, authority, country, "
        "overdue, ordering …); andere Schlüssel werden nicht gespeichert."))

    class Meta:
        model = SavedFilter
        fields = ["id", "name", "query", "created_at"]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"name": {"max_length": NAME_MAX_LENGTH}}


def _may_save(request):
    if not can_save_filters(request.user):
        raise PermissionDenied("Für Ihre Rolle gibt es keine Fallliste.")


@extend_schema_view(
    get=extend_schema(tags=[TAG], summary="Eigene gespeicherte Filter der Fallliste",
                      operation_id="worklist_saved_filters_list", responses=SavedFilterSerializer(many=True)),
    post=extend_schema(tags=[TAG], summary="Filter der Fallliste speichern"),
)
class SavedFiltersApi(APIView):
    serializer_class = SavedFilterSerializer

    def get(self, request):
        _may_save(request)
        return Response(SavedFilterSerializer(saved_filters_for(request.user), many=True).data)

    def post(self, request):
        _may_save(request)
        data = SavedFilterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = saved_filter_create(user=request.user, name=data.validated_data["name"],
                                    query=data.validated_data["query"])
        return Response(SavedFilterSerializer(saved).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(tags=[TAG], summary="Einen eigenen gespeicherten Filter lesen"),
    delete=extend_schema(tags=[TAG], summary="Einen eigenen gespeicherten Filter löschen", responses={204: None}),
)
class SavedFilterDetailApi(APIView):
    serializer_class = SavedFilterSerializer

    def _saved(self, request, pk):
        # AccessDenied (another user's filter, or none) becomes 404 in core.api.exception_handler.
        return access_saved_filter(user=request.user, filter_id=pk, request=request)

    def get(self, request, pk):
        return Response(SavedFilterSerializer(self._saved(request, pk)).data)

    def delete(self, request, pk):
        saved_filter_delete(saved_filter=self._saved(request, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=[TAG], summary="Gefilterte Fallliste als CSV oder XLSX (Filter wie bei der Fallliste)",
               filters=True,
               parameters=[OpenApiParameter("fmt", location=OpenApiParameter.PATH, enum=list(FORMATS),
                                            description="Dateiformat")],
               responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, FORMATS["xlsx"]): OpenApiTypes.BINARY})
class CaseListExportApi(generics.GenericAPIView):
    # For the schema's query parameters; the cases are case_list_for's, as on the page.
    filterset_class = CaseFilter

    def get_queryset(self):
        return Case.objects.none()  # only for the schema

    def get(self, request, fmt):
        if fmt not in FORMATS:
            raise NotFound("Dieses Dateiformat gibt es nicht (csv oder xlsx).")
        if not can_export_case_list(request.user):
            raise PermissionDenied("Ihre Rolle exportiert die Fallliste nicht.")
        file = case_list_export(user=request.user, filters=request.query_params, fmt=fmt, request=request)
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
        return response


class BulkInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=BulkAction.choices, help_text="Was mit jedem Fall geschehen soll.")
    case_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1,
                                     max_length=MAX_BULK_CASES, help_text="Die Fälle, je einmal.")
    meeting = serializers.IntegerField(required=False, min_value=1, help_text="Sitzung (bei agenda).")
    letter_kind = serializers.ChoiceField(choices=letter_kind_choices()[1:], required=False,
                                          help_text="Art des Schreibens (bei letter).")
    assignee = serializers.IntegerField(required=False, min_value=1,
                                        help_text="Künftig zuständige Person der Geschäftsstelle (bei assign).")


class BulkResultSerializer(serializers.Serializer):
    case_id = serializers.IntegerField()
    file_number = serializers.CharField(help_text="Leer, wenn der Fall nicht gefunden wurde.")
    done = serializers.BooleanField()
    message = serializers.CharField(help_text="Was geschah, oder warum nicht.")


class BulkOutputSerializer(serializers.Serializer):
    action = serializers.CharField()
    results = BulkResultSerializer(many=True)


@extend_schema(tags=[TAG], summary="Sammelbearbeitung: eine Aktion für mehrere Fälle, jeder Fall für sich",
               request=BulkInputSerializer, responses={200: BulkOutputSerializer,
                                                       400: OpenApiResponse(description="Eingabe unvollständig")})
class BulkApi(APIView):
    serializer_class = BulkInputSerializer

    def post(self, request):
        if not can_work_in_bulk(request.user):
            raise PermissionDenied("Nur die Geschäftsstelle bearbeitet Fälle gesammelt.")
        data = BulkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        meeting = assignee = None
        if values.get("meeting"):
            try:
                meeting = access_meeting(user=request.user, meeting_id=values["meeting"], for_write=True,
                                         request=request)
            except AccessDenied as error:  # an unknown session is the client's mistake: 400
                raise serializers.ValidationError({"meeting": ["Diese Sitzung gibt es nicht."]}) from error
        if values.get("assignee"):
            if not can_assign_cases(request.user):
                raise serializers.ValidationError({"assignee": ["Fälle weist nur die Leitung der Geschäftsstelle zu."]})
            assignee = assignable_users().filter(pk=values["assignee"]).first()
            if assignee is None:
                raise serializers.ValidationError({"assignee": ["Diese Person kann keine Fälle bearbeiten."]})
        results = cases_bulk_apply(actor=request.user, case_ids=values["case_ids"], action=values["action"],
                                   meeting=meeting, letter_kind=values.get("letter_kind", ""), assignee=assignee,
                                   request=request)
        return Response(BulkOutputSerializer({"action": values["action"], "results": results}).data)
