"""The printed agenda and invitation in the REST API (decision 0113); the office only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from .printout_views import printout_response


class AgendaPdfApi(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY},
                   summary="Tagesordnung zum Ausdrucken (PDF, ohne Namen betroffener Personen)")
    def get(self, request, pk):
        return printout_response(request=request, meeting_id=pk, kind="agenda", via=" über die API")


class InvitationPdfApi(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY},
                   summary="Einladungen zum Ausdrucken (PDF, ein Schreiben je Mitglied und Stellvertretung)")
    def get(self, request, pk):
        return printout_response(request=request, meeting_id=pk, kind="invitation", via=" über die API")
