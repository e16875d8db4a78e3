"""Pages of the session file (Sitzungsmappe, decision 0114): the member's copy as a page and as
a PDF; the office opens any invited person's copy to check it. Access: ``access_session_file``."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .access import (
    access_meeting,
    access_session_file,
    can_prepare_meetings,
    session_file_recipients,
)
from .session_file import session_file_content, session_file_log, session_file_pdf, watermark_text

NOT_FOUND = "Diese Sitzungsmappe gibt es nicht oder sie steht Ihnen (nicht mehr) zur Verfügung."


def _not_found_on_denied(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AccessDenied:
            raise Http404(NOT_FOUND) from None
    return wrapper


@login_required
@_not_found_on_denied
def session_file_page(request, pk, user_pk=None):
    if user_pk is None and can_prepare_meetings(request.user):
        # The office is not a reader of its own: it chooses whose copy to check.
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=False, request=request)
        audit_log(user=request.user, action=AuditEntry.Action.READ, obj=meeting, request=request,
                  detail="Sitzungsmappe: Auswahl der Ausfertigung")
        return render(request, "meetings/session_file/choose.html", {
            "meeting": meeting, "recipients": session_file_recipients(meeting)})
    meeting, recipient = access_session_file(user=request.user, meeting_id=pk, recipient_id=user_pk,
                                             request=request)
    entries = session_file_content(meeting=meeting, recipient=recipient)
    session_file_log(user=request.user, meeting=meeting, recipient=recipient, entries=entries,
                     action=AuditEntry.Action.READ, request=request)
    own = recipient.pk == request.user.pk
    return render(request, "meetings/session_file/page.html", {
        "meeting": meeting, "recipient": recipient, "entries": entries, "own": own,
        "watermark": watermark_text(recipient=recipient, on=timezone.localdate()),
        "pdf_url": (reverse("meetings:session_file_pdf", args=[meeting.pk]) if user_pk is None
                    else reverse("meetings:session_file_for_pdf", args=[meeting.pk, recipient.pk])),
    })


@login_required
@_not_found_on_denied
def session_file_download(request, pk, user_pk=None):
    meeting, recipient = access_session_file(user=request.user, meeting_id=pk, recipient_id=user_pk,
                                             request=request)
    today = timezone.localdate()
    entries = session_file_content(meeting=meeting, recipient=recipient)
    data = session_file_pdf(meeting=meeting, recipient=recipient, on=today, entries=entries)
    session_file_log(user=request.user, meeting=meeting, recipient=recipient, entries=entries,
                     action=AuditEntry.Action.DOWNLOAD, request=request, via=" (PDF)")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"sitzungsmappe-{meeting.date:%Y-%m-%d}.pdf")
    return response
