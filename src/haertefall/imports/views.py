"""Upload page of the register import (office only). Thin: access, form, service, render."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.core.errors import AccessDenied, DomainError

from . import template
from .access import access_import_job, can_import
from .forms import RegisterUploadForm
from .jobs import import_job_confirm, import_job_create
from .models import ImportJob


def office_only(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_import(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _job_or_404(request, job_id, *, for_write):
    try:
        return access_import_job(user=request.user, job_id=job_id, for_write=for_write)
    except AccessDenied:
        raise Http404 from None


@office_only
@require_http_methods(["GET", "POST"])
def upload(request):
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(upload=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"],
                                    actor=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("imports:job", job_id=job.pk)
    jobs = ImportJob.objects.select_related("created_by")[:10]
    return render(request, "imports/upload.html", {"form": form, "jobs": jobs})


@office_only
@require_http_methods(["GET"])
def job(request, job_id):
    job = _job_or_404(request, job_id, for_write=False)
    context = {"job": job, "report": job.report, "errors": job.errors}
    if request.htmx:
        return render(request, "imports/includes/job_status.html", context)
    return render(request, "imports/job.html", context)


@office_only
@require_POST
def job_confirm(request, job_id):
    job = _job_or_404(request, job_id, for_write=True)
    try:
        real = import_job_confirm(job=job, actor=request.user)
    except DomainError as exc:
        return render(request, "imports/job.html",
                      {"job": job, "report": job.report, "errors": job.errors, "confirm_error": exc.message},
                      status=400)
    return redirect("imports:job", job_id=real.pk)



@office_only
@require_http_methods(["GET"])
def template_xlsx(request):
    """The import template: columns, allowed values and explanation (imports.template)."""
    return template.template_download("xlsx")


@office_only
@require_http_methods(["GET"])
def template_csv(request):
    return template.template_download("csv")
