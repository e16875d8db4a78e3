"""The office's page to release documents of an agenda item's case for the session file
(decision 0114). Others get 404 (``access_meeting`` with ``for_write``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, DomainError

from .access import access_meeting
from .models import AgendaItem
from .selectors import session_document_choices
from .services.session_documents import agenda_item_documents_set, session_documents_refusal
from .session_documents_forms import SessionDocumentsForm


@login_required
@require_http_methods(["GET", "POST"])
def session_documents_view(request, pk, item_pk):
    try:
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    except AccessDenied:
        raise Http404 from None
    item = get_object_or_404(AgendaItem.objects.select_related("case"), pk=item_pk, meeting=meeting)
    choices = session_document_choices(item)
    initial = {"documents": list(choices.filter(pk__in=item.session_documents.values("pk")))}
    form = SessionDocumentsForm(request.POST if request.method == "POST" else None, choices=choices, initial=initial)
    back = reverse("meetings:detail", args=[meeting.pk]) + f"#top-{item.pk}"
    if request.method == "POST" and form.is_valid():
        try:
            chosen = agenda_item_documents_set(item=item, actor=request.user,
                                               document_ids=[d.pk for d in form.cleaned_data["documents"]])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            count = len(chosen)
            what = "keine Unterlagen" if not count else ("1 Dokument" if count == 1 else f"{count} Dokumente")
            verb = "ist" if count == 1 else "sind"
            messages.success(request, f"Für TOP {item.position} {verb} {what} für die Sitzungsmappe freigegeben.")
            return redirect(back)
    audit_log(user=request.user, action=AuditEntry.Action.READ, obj=item, case=item.case, request=request,
              detail="Unterlagen für die Sitzungsmappe")
    return render(request, "meetings/session_documents.html", {
        "meeting": meeting, "item": item, "form": form, "back": back, "has_choices": choices.exists(),
        "released": initial["documents"],
        "refusal": session_documents_refusal(meeting),
    }, status=400 if form.errors else 200)
