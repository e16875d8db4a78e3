"""Pages to remove or replace a document of the case file (decision 0112), office only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from haertefall.core.errors import AccessDenied, DomainError

from . import forms as f
from .access import access_document_for_change
from .services.documents import document_remove, document_replace
from .views import _add_domain_error, _case_or_404


def _document_or_404(request, case, document_pk):
    try:
        return access_document_for_change(user=request.user, case=case, document_id=document_pk, request=request)
    except AccessDenied:
        raise Http404("Dokument nicht gefunden.") from None


def _posted(request):
    # An empty POST is still a POST: it answers with the missing reason, not with a blank form.
    return request.POST if request.method == "POST" else None


def _change_page(request, case, document, form, *, title, submit, save, done):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect(reverse("cases:detail", args=[case.pk]) + "#h-dokumente")
    return render(request, "cases/document_change.html", {
        "case": case, "document": document, "form": form, "title": title, "submit": submit,
        "multipart": "file" in form.fields,
    }, status=400 if form.errors else 200)


@login_required
def document_remove_view(request, pk, document_pk):
    case = _case_or_404(request, pk, for_write=True)
    document = _document_or_404(request, case, document_pk)
    form = f.DocumentRemoveForm(_posted(request))
    return _change_page(request, case, document, form, title="Dokument entfernen", submit="Dokument entfernen",
                        done=f"Das Dokument „{document.title}“ wurde entfernt.",
                        save=lambda d: document_remove(document=document, actor=request.user, reason=d["reason"]))


@login_required
def document_replace_view(request, pk, document_pk):
    case = _case_or_404(request, pk, for_write=True)
    document = _document_or_404(request, case, document_pk)
    form = f.DocumentReplaceForm(_posted(request), request.FILES or None,
                                 initial={"title": document.title, "document_date": document.document_date})
    return _change_page(request, case, document, form, title="Dokument ersetzen", submit="Dokument ersetzen",
                        done=f"Das Dokument „{document.title}“ wurde ersetzt.",
                        save=lambda d: document_replace(document=document, actor=request.user, reason=d["reason"],
                                                        upload=d["file"], title=d["title"],
                                                        document_date=d["document_date"]))
