"""Art. 15 DSGVO export of one case as one PDF: page action and API (decision 0123). The office
only; every download is logged with the persons it concerns."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .access import access_case, can_export_subject_access
from .subject_access import subject_access_pdf


def _response(request, case) -> HttpResponse:
    content = subject_access_pdf(case=case)
    audit_log(user=request.user, action=AuditEntry.Action.EXPORT, obj=case, case=case,
              person_ids=list(case.persons.values_list("pk", flat=True)), request=request,
              detail="Auskunft nach Art. 15 DSGVO (PDF mit Anlagen)")
    response = HttpResponse(content, content_type="application/pdf")
    # The file number only; never a person's name in the file name.
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in case.file_number)
    response["Content-Disposition"] = f'attachment; filename="Auskunft-Art-15-{name}.pdf"'
    return response


def _case(request, pk):
    case = access_case(user=request.user, case_id=pk, for_write=False, request=request, log_read=False)
    if not can_export_subject_access(request.user):
        raise PermissionDenied("Die Auskunft nach Art. 15 DSGVO erstellt die Geschäftsstelle.")
    return case


@login_required
@require_GET
def subject_access_download(request, pk):
    try:
        case = _case(request, pk)
    except AccessDenied:
        raise Http404("Fall nicht gefunden.") from None
    return _response(request, case)


class SubjectAccessApi(APIView):
    @extend_schema(tags=["Fälle"], summary="Auskunft nach Art. 15 DSGVO: die ganze Akte des Falls als PDF mit Anlagen",
                   responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        return _response(request, _case(request, pk))
