"""Pages of the list tools: saved filters, export of the list, bulk actions and their result.
Parse input, check access, call the service, render or redirect back to the list."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from haertefall.cases.caselist import SearchExpired, case_list_address, case_list_filters
from haertefall.core.errors import AccessDenied, DomainError

from .access import access_saved_filter, can_export_case_list, can_save_filters, can_work_in_bulk
from .bulk import BulkAction, cases_bulk_apply
from .exports import FORMATS, case_list_export
from .forms import BulkForm, SavedFilterForm
from .services import saved_filter_create, saved_filter_delete

BULK_RESULTS = "hf_bulk_results"
MAX_KEPT_RESULTS = 5


def _errors(form) -> str:
    return " ".join(f"{form.fields[name].label}: {error}" if name in form.fields else error
                    for name, errors in form.errors.items() for error in errors)


@login_required
@require_POST
def filter_save(request):
    """Save the list's current filters (posted as hidden fields beside the name)."""
    if not can_save_filters(request.user):
        raise PermissionDenied
    form = SavedFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("cases:list")
    try:
        saved = saved_filter_create(user=request.user, name=form.cleaned_data["name"], query=request.POST)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Der Filter „{saved.name}“ ist gespeichert.")
    return redirect("cases:list")


@login_required
@require_GET
def filter_apply(request, pk):
    """Show the list with one of the user's saved filters (a search text goes into the session)."""
    try:
        saved = access_saved_filter(user=request.user, filter_id=pk, request=request)
    except AccessDenied:
        raise Http404("Filter nicht gefunden.") from None
    return redirect(case_list_address(request, dict(saved.query)))


@login_required
@require_POST
def filter_delete(request, pk):
    try:
        saved = access_saved_filter(user=request.user, filter_id=pk, request=request)
    except AccessDenied:
        raise Http404("Filter nicht gefunden.") from None
    saved_filter_delete(saved_filter=saved, actor=request.user)
    messages.success(request, f"Der Filter „{saved.name}“ ist gelöscht.")
    return redirect("cases:list")


@login_required
@require_GET
def export(request, fmt):
    """The list as it is filtered (the same address parameters as the list) as a file."""
    if fmt not in FORMATS:
        raise Http404("Dieses Dateiformat gibt es nicht.")
    if not can_export_case_list(request.user):
        raise PermissionDenied
    try:
        filters = case_list_filters(request)
    except SearchExpired:
        messages.info(request, "Diese Suche ist abgelaufen; bitte suchen Sie erneut.")
        return redirect(f"{reverse('cases:list')}?zuruecksetzen=1")
    try:
        file = case_list_export(user=request.user, filters=filters, fmt=fmt, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("cases:list")
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


@login_required
@require_POST
def bulk(request):
    """Apply the chosen action to the checked cases, each on its own; then show which were done."""
    if not can_work_in_bulk(request.user):
        raise PermissionDenied
    form = BulkForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("cases:list")
    data = form.cleaned_data
    try:
        results = cases_bulk_apply(actor=request.user, case_ids=request.POST.getlist("faelle"),
                                   action=data["action"], meeting=data.get("meeting"),
                                   letter_kind=data.get("letter_kind") or "", assignee=data.get("assignee"),
                                   request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("cases:list")
    kept = request.session.get(BULK_RESULTS, {})
    key = secrets.token_urlsafe(9)
    kept[key] = {"action": data["action"], "results": [[r.case_id, r.file_number, r.done, r.message]
                                                       for r in results]}
    request.session[BULK_RESULTS] = dict(list(kept.items())[-MAX_KEPT_RESULTS:])
    return redirect(f"{reverse('worklist:bulk_result')}?nr={key}")


@login_required
@require_GET
def bulk_result(request):
    if not can_work_in_bulk(request.user):
        raise PermissionDenied
    kept = request.session.get(BULK_RESULTS, {}).get(request.GET.get("nr", ""))
    if kept is None:
        messages.info(request, "Dieses Ergebnis liegt nicht mehr vor.")
        return redirect("cases:list")
    rows = [{"case_id": case_id, "file_number": number, "done": done, "message": message}
            for case_id, number, done, message in kept["results"]]
    return render(request, "worklist/bulk_result.html", {
        "action_label": BulkAction(kept["action"]).label,
        "done": [r for r in rows if r["done"]], "not_done": [r for r in rows if not r["done"]],
    })
