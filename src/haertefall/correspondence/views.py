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
from .access import access_case_letters, access_letter, require_office
from .forms import LetterCreateForm, TemplateUploadForm
from .models import LetterKind, LetterTemplate
from .placeholders import KNOWN_PLACEHOLDERS

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
                  {"rows": rows, "placeholders": sorted(KNOWN_PLACEHOLDERS.items())})


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
    response["Content-Disposition"] = f'attachment; filename="vorlage-{kind}.docx"'
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
    return render(request, "correspondence/case_letters.html", {
        "case": case, "letters": case.letters.select_related("docx", "pdf", "created_by"),
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
            messages.success(request, f"{letter.get_kind_display()} erzeugt und in der Akte abgelegt.")
            return redirect(case_page_url(case.pk))
    return render(request, "correspondence/letter_create.html",
                  {"case": case, "form": form, "kind_label": LetterKind(kind).label,
                   "case_url": case_page_url(case.pk)})


@not_found_on_denial
def letter_download(request, pk, fmt):
    if fmt not in ("docx", "pdf"):
        raise AccessDenied
    letter = access_letter(user=request.user, pk=pk, for_write=False, request=request)
    document = letter.docx if fmt == "docx" else letter.pdf
    audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=document, case=letter.case,
              request=request)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                        content_type=document.content_type)
