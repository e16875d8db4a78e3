"""Statistics pages: report with charts, downloads, the activity report and its chapters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, DomainError

from .access import MINISTRY, OFFICE, must_suppress, statistics_access
from .charts import report_charts
from .disclosure import report_for
from .exports import FORMATS
from .exports import render as render_file
from .forms import ChapterForm, DownloadForm, ReportForm
from .models import ReportChapter
from .services import chapter_update
from .tables import extra_tables, report_tables


def _access(request, *, for_edit: bool) -> str:
    try:
        return statistics_access(user=request.user, for_edit=for_edit)
    except AccessDenied:
        raise Http404 from None


def _bound(form_class, request, view: str):
    public = view == MINISTRY
    defaults = form_class.defaults(public=public)
    data = request.GET.copy() if request.GET else defaults
    for key, value in defaults.items():
        data.setdefault(key, value)
    return form_class(data, public=public)


@login_required
@require_GET
def report_page(request):
    view = _access(request, for_edit=False)
    form = _bound(ReportForm, request, view)
    context = {"form": form, "view": view, "is_office": view == OFFICE}
    if form.is_valid():
        suppress = must_suppress(view, form.cleaned_data.get("suppress"))
        report = report_for(as_of=form.cut_off, years=form.years, public=suppress,
                            recorded_as_of=form.recorded_cut_off)
        country_year = form.cleaned_data.get("country_year")
        context.update({
            "report": report, "suppressed": suppress,
            "tables": report_tables(report), "extra_tables": extra_tables(report["extra"]),
            "charts": report_charts(report, country_year=str(country_year) if country_year else None),
            "query": _query(form),
            "formats": list(FORMATS),
        })
    return render(request, "statistics/report.html", context, status=200 if form.is_valid() else 400)


def _query(form) -> str:
    from urllib.parse import urlencode

    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, False, "")}
    return urlencode({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()})


@login_required
@require_GET
def report_download(request):
    view = _access(request, for_edit=False)
    form = _bound(DownloadForm, request, view)
    if not form.is_valid():
        errors = "; ".join([*form.non_field_errors(), *(m for field in form for m in field.summary_errors)])
        return HttpResponse(f"Ungültige Angaben: {errors}", status=400, content_type="text/plain; charset=utf-8")
    fmt = form.cleaned_data["format"]
    suppress = must_suppress(view, form.cleaned_data.get("suppress"))
    report = report_for(as_of=form.cut_off, years=form.years, public=suppress,
                        recorded_as_of=form.recorded_cut_off)
    chapters = list(ReportChapter.objects.all()) if form.cleaned_data["full"] else None
    content = render_file(report, fmt, chapters=chapters)
    years = form.years
    audit_log(user=request.user, action=AuditEntry.Action.EXPORT, object_type="statistics.report",
              request=request,
              detail=f"{'Tätigkeitsbericht' if chapters else 'Statistik'} {fmt} Stand {form.cut_off:%d.%m.%Y} "
                     f"Jahre {years[0]}-{years[-1]}{' unterdrückt' if suppress else ''}"
                     + (f" Erfassungsstand {form.recorded_cut_off:%d.%m.%Y}" if form.recorded_cut_off else ""))
    content_type, ext = FORMATS[fmt]
    name = f"{'taetigkeitsbericht' if chapters else 'statistik'}-{form.cut_off:%Y-%m-%d}.{ext}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def activity_report(request):
    view = _access(request, for_edit=False)
    form = _bound(ReportForm, request, view)
    context = {"form": form, "chapters": ReportChapter.objects.all(), "is_office": view == OFFICE}
    if form.is_valid():
        context["query"] = _query(form)
    return render(request, "statistics/activity_report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def chapters(request):
    _access(request, for_edit=True)
    items = list(ReportChapter.objects.all())
    forms_by_id = {c.pk: ChapterForm(prefix=f"k{c.pk}", initial={"title": c.title, "text": c.text,
                                                                 "order": c.order}) for c in items}
    if request.method == "POST":
        try:
            chapter_id = int(request.POST.get("chapter", ""))
        except ValueError:
            chapter_id = None
        if chapter_id not in forms_by_id:
            raise Http404
        form = ChapterForm(request.POST, prefix=f"k{chapter_id}")
        forms_by_id[chapter_id] = form
        if form.is_valid():
            try:
                chapter = chapter_update(chapter_id=chapter_id, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"Kapitel „{chapter.title}“ gespeichert.")
                return redirect("statistics:chapters")
    entries = [(c, forms_by_id[c.pk]) for c in items]
    return render(request, "statistics/chapters.html", {"entries": entries},
                  status=400 if any(f.is_bound and f.errors for _c, f in entries) else 200)
