"""The printed agenda and invitation of a session as PDF downloads for the office (decision 0113).
Access: ``access_meeting(for_write=True)``, so only the office; everyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .access import access_meeting
from .printouts import agenda_pdf, invitation_pdf

PRINTOUTS = {
    # name in the address: (what the audit trail calls it, file name stem, renderer)
    "agenda": ("Tagesordnung", "tagesordnung", agenda_pdf),
    "invitation": ("Einladung", "einladung", invitation_pdf),
}


def printout_response(*, request, meeting_id, kind: str, via: str = "") -> HttpResponse:
    """Check access, render, log the download and answer with the PDF (the page and the API)."""
    label, stem, render = PRINTOUTS[kind]
    meeting = access_meeting(user=request.user, meeting_id=meeting_id, for_write=True, request=request)
    data = render(meeting)
    audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=meeting, request=request,
              detail=f"{label} (PDF){via}")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}-{meeting.date:%Y-%m-%d}.pdf")
    return response


@login_required
@require_GET
def agenda_download(request, pk):
    try:
        return printout_response(request=request, meeting_id=pk, kind="agenda")
    except AccessDenied:
        raise Http404 from None


@login_required
@require_GET
def invitation_download(request, pk):
    try:
        return printout_response(request=request, meeting_id=pk, kind="invitation")
    except AccessDenied:
        raise Http404 from None
