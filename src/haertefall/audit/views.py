"""The data-protection officer's audit search and export. Every use is itself logged."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .access import require_audit_reader
from .exports import export_csv, export_xlsx
from .forms import AuditSearchForm
from .models import AuditEntry
from .selectors import AuditQuery, audit_search
from .services import audit_log


def _query(form) -> AuditQuery:
    return AuditQuery(**form.cleaned_data) if form.is_valid() else AuditQuery()


@login_required
def search(request):
    require_audit_reader(request.user)
    form = AuditSearchForm(request.GET or None)
    result = None
    page = None
    if form.is_bound and form.is_valid():
        query = _query(form)
        result = audit_search(query)
        audit_log(user=request.user, action=AuditEntry.Action.SEARCH, object_type="audit.auditentry",
                  person_ids=result.person_ids, request=request, detail=query.describe())
        page = Paginator(result.entries, 100).get_page(request.GET.get("seite"))
    querystring = request.GET.copy()
    querystring.pop("seite", None)
    return render(request, "audit/search.html", {
        "form": form, "page": page, "querystring": querystring.urlencode(),
    })


@login_required
def export(request, fmt):
    require_audit_reader(request.user)
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/search.html", {"form": form, "page": None, "querystring": ""}, status=400)
    query = _query(form) if form.is_bound else AuditQuery()
    result = audit_search(query)
    audit_log(user=request.user, action=AuditEntry.Action.EXPORT, object_type="audit.auditentry",
              person_ids=result.person_ids, request=request, detail=f"{fmt.upper()} – {query.describe()}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        body, ctype = export_xlsx(result.entries), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, ctype = export_csv(result.entries), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="protokoll-{stamp}.{fmt}"'
    return response
