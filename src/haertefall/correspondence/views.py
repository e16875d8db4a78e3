"""Pages: letter templates (office), letters of a case, downloads."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, DomainError

from . import services
from .access import access_case_letters, access_letter, can_edit_letterhead, require_office
from .forms import (
    LetterCreateForm,
    LetterDraftForm,
    LetterheadForm,
    LetterSendForm,
    TemplateUploadForm,
)
from .models import LETTER_FILE_NAMES, Letter, LetterKind, LetterTemplate
from .placeholders import KNOWN_PLACEHOLDERS
from .rendering import docx_body_texts

DOCX_TYPE = services.DOCX_TYPE


def not_found_on_denial(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AccessDenied:
            raise Http404 from None

    return login_required(wrapper)


def _kind(kind: str) -> str:
    if kind not in LetterKind.values:
        raise AccessDenied
    return kind


def case_page_url(case_id) -> str:
    """The case's page: the case file if installed, else the authorities overview."""
    try:
        return reverse("cases:detail", args=[case_id])
    except NoReverseMatch:
        return reverse("authorities:case", args=[case_id])


@not_found_on_denial
def templates(request):
    require_office(request.user)
    active = {t.kind: t for t in LetterTemplate.objects.filter(active=True).select_related("uploaded_by")}
    rows = [{"kind": kind, "label": label, "template": active.get(kind)} for kind, label in LetterKind.choices]
    return render(request, "correspondence/templates.html",
                  {"rows": rows, "placeholders": sorted(KNOWN_PLACEHOLDERS.items()),
                   "letterhead": services.letterhead_current(),
                   "can_edit_letterhead": can_edit_letterhead(request.user)})


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def template_upload_view(request, kind):
    require_office(request.user)
    kind = _kind(kind)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_upload(kind=kind, name=form.cleaned_data["name"],
                                                data=form.cleaned_data["file"].read(), actor=request.user)
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            audit_log(user=request.user, action=AuditEntry.Action.CREATE, obj=template, request=request)
            messages.success(request, f"Vorlage „{template.name}“ (Version {template.version}) ist jetzt aktiv.")
            return redirect("correspondence:templates")
    return render(request, "correspondence/template_upload.html",
                  {"form": form, "kind_label": LetterKind(kind).label,
                   "placeholders": sorted(KNOWN_PLACEHOLDERS.items())})


@not_found_on_denial
def template_download(request, kind):
    require_office(request.user)
    kind = _kind(kind)
    _template, data = services.template_bytes(kind)
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="Vorlage-{LETTER_FILE_NAMES[kind]}.docx"'
    return response


@not_found_on_denial
@require_POST
def template_reset_view(request, kind):
    require_office(request.user)
    services.template_reset(kind=_kind(kind), actor=request.user)
    messages.success(request, "Die mitgelieferte Standardvorlage gilt wieder.")
    return redirect("correspondence:templates")


@not_found_on_denial
def case_letters(request, case_id):
    case = access_case_letters(user=request.user, case_id=case_id, for_write=False, request=request)
    letters = case.letters.select_related("created_by")
    return render(request, "correspondence/case_letters.html", {
        "case": case, "drafts": letters.filter(status=Letter.Status.DRAFT),
        "sent": letters.filter(status=Letter.Status.SENT),
        "kinds": LetterKind.choices, "form": LetterCreateForm(), "case_url": case_page_url(case.pk),
    })


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def letter_create(request, case_id, kind):
    kind = _kind(kind)
    case = access_case_letters(user=request.user, case_id=case_id, for_write=True, request=request)
    form = LetterCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_generate(case=case, kind=kind, actor=request.user,
                                              letter_date=form.cleaned_data["letter_date"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Entwurf „{letter.get_kind_display()}“ angelegt. Prüfen Sie ihn und "
                                      "versenden Sie ihn dann.")
            return redirect("correspondence:letter_draft", letter.pk)
    return render(request, "correspondence/letter_create.html",
                  {"case": case, "form": form, "kind_label": LetterKind(kind).label,
                   "case_url": case_page_url(case.pk)})


def _draft(request, pk):
    letter = access_letter(user=request.user, pk=pk, for_write=True, request=request)
    if not letter.is_draft:
        raise AccessDenied
    return letter


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def letter_draft(request, pk):
    """Read and correct a draft; from here it is previewed, sent or discarded."""
    letter = _draft(request, pk)
    form = LetterDraftForm(request.POST or None, instance=letter)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_draft_update(letter=letter, actor=request.user,
                                         **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Entwurf gespeichert.")
            return redirect("correspondence:letter_draft", letter.pk)
    letter.refresh_from_db()
    audit_log(user=request.user, action=AuditEntry.Action.READ, obj=letter, case=letter.case, request=request)
    try:
        preview = docx_body_texts(services.letter_docx(letter))
        preview_error = ""
    except DomainError as exc:
        preview, preview_error = [], exc.message
    return render(request, "correspondence/letter_draft.html", {
        "letter": letter, "case": letter.case, "form": form, "send_form": LetterSendForm(),
        "preview": preview, "preview_error": preview_error, "case_url": case_page_url(letter.case_id),
    }, status=400 if form.errors else 200)


@not_found_on_denial
def letter_preview(request, pk):
    """The draft as PDF, as it would be sent; nothing is stored."""
    letter = _draft(request, pk)
    try:
        pdf = services.letter_preview_pdf(letter)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("correspondence:letter_draft", letter.pk)
    audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=letter, case=letter.case, request=request,
              detail="Vorschau des Entwurfs")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Entwurf-{services.letter_file_stem(letter)}.pdf"'
    return response


@not_found_on_denial
@require_POST
def letter_send_view(request, pk):
    letter = _draft(request, pk)
    form = LetterSendForm(request.POST)
    if form.is_valid():
        try:
            letter = services.letter_send(letter=letter, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"{letter.get_kind_display()} versandt ({letter.get_channel_display()}, "
                                      f"{letter.dispatched_on:%d.%m.%Y}) und als PDF und DOCX in der Akte abgelegt.")
            return redirect("correspondence:case_letters", letter.case_id)
    return render(request, "correspondence/letter_draft.html", {
        "letter": letter, "case": letter.case, "form": LetterDraftForm(instance=letter), "send_form": form,
        "preview": docx_body_texts(services.letter_docx(letter)),
        "case_url": case_page_url(letter.case_id),
    }, status=400)


@not_found_on_denial
@require_POST
def letter_discard_view(request, pk):
    letter = _draft(request, pk)
    case_id, label = letter.case_id, letter.get_kind_display()
    services.letter_discard(letter=letter, actor=request.user)
    messages.success(request, f"Entwurf „{label}“ verworfen.")
    return redirect("correspondence:case_letters", case_id)


@not_found_on_denial
@require_http_methods(["GET", "POST"])
def letterhead_edit(request):
    if not can_edit_letterhead(request.user):
        raise AccessDenied
    letterhead = services.letterhead_current()
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=letterhead)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "logo"}
        logo = request.FILES.get("logo")
        try:
            services.letterhead_save(actor=request.user, data=data, logo=logo,
                                     remove_logo=form.cleaned_data["remove_logo"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Briefkopf gespeichert. Neue Schreiben und Entwürfe verwenden ihn.")
            return redirect("correspondence:templates")
    return render(request, "correspondence/letterhead.html", {"form": form}, status=400 if form.errors else 200)


@not_found_on_denial
def letter_download(request, pk, fmt):
    if fmt not in ("docx", "pdf"):
        raise AccessDenied
    letter = access_letter(user=request.user, pk=pk, for_write=False, request=request)
    document = letter.docx if fmt == "docx" else letter.pdf
    if document is None:  # a draft: nothing filed yet, see its draft page
        raise AccessDenied
    audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=document, case=letter.case,
              request=request)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                        content_type=document.content_type)
