"""REST API of the statistics: the report as of a cut-off date (same as the page's JSON)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log

from .access import MINISTRY, must_suppress, statistics_access
from .disclosure import report_for
from .forms import ReportForm


class ReportQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="Stichtag (JJJJ-MM-TT)")
    # The first year is the commission's (HAERTEFALL_COMMISSION_START_YEAR, NRW 2005); the page's
    # form checks it and says so in German (validate).
    year_from = serializers.IntegerField(help_text="Erstes Eingangsjahr, nicht vor dem Gründungsjahr der Kommission")
    year_to = serializers.IntegerField(help_text="Letztes Eingangsjahr")
    suppress = serializers.BooleanField(
        required=False, default=False,
        help_text="Zusammengefasste Statistik mit geschützten kleinen Fallzahlen (für das Ministerium immer)")
    recorded_as_of = serializers.DateField(
        required=False, default=None, allow_null=True,
        help_text="Nach Erfassungsstand (nur Geschäftsstelle): nur, was bis zum Ende dieses Tages erfasst war, "
                  "mit den Werten vor späteren Korrekturen (JJJJ-MM-TT)")

    def validate(self, attrs):
        form = ReportForm(data=attrs, public=self.context.get("public", False))
        if not form.is_valid():
            raise serializers.ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        return attrs


class ReportApi(APIView):
    """Tables 6.1–6.6 (published shape) plus ``extra``; ministry users get suppressed cross-tables."""

    @extend_schema(
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, required=True),
                    OpenApiParameter("year_from", OpenApiTypes.INT, required=True),
                    OpenApiParameter("year_to", OpenApiTypes.INT, required=True),
                    OpenApiParameter("suppress", OpenApiTypes.BOOL),
                    OpenApiParameter("recorded_as_of", OpenApiTypes.DATE)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        view = statistics_access(user=request.user, for_edit=False)
        query = ReportQuerySerializer(data=request.query_params, context={"public": view == MINISTRY})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        suppress = must_suppress(view, data["suppress"])
        if data["recorded_as_of"] is not None and view == MINISTRY:
            raise serializers.ValidationError(
                {"recorded_as_of": ["Den Erfassungsstand wählt nur die Geschäftsstelle."]})
        report = report_for(as_of=data["as_of"], years=range(data["year_from"], data["year_to"] + 1),
                            public=suppress, recorded_as_of=data["recorded_as_of"])
        audit_log(user=request.user, action=AuditEntry.Action.EXPORT, object_type="statistics.report",
                  request=request,
                  detail=f"API json Stand {data['as_of']:%d.%m.%Y} Jahre {data['year_from']}-{data['year_to']}"
                         f"{' unterdrückt' if suppress else ''}"
                         + (f" Erfassungsstand {data['recorded_as_of']:%d.%m.%Y}" if data["recorded_as_of"] else ""))
        return Response(report)
