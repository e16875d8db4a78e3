"""Pages of the office's daily work: "Meine Fälle", whose case it is, substitutions, calendar
(decisions 0117, 0118). Parse input, check access, call the service, render."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.accounts.access import (
    assignable_users,
    can_assign_cases,
    can_see_substitutions,
    can_set_substitution,
    can_take_case,
    is_office_head,
)
from haertefall.accounts.models import Substitution
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, DomainError

from . import calendar as cal
from .access import access_case, can_see_office_queues, cases_visible_for
from .kern import DateInput, KernFormMixin
from .queues import (
    INLINE,
    PERSONAL_QUEUES,
    QUEUES,
    QUEUES_BY_KEY,
    mine_q,
    queue_cases,
    queue_counts,
)
from .services.assignment import case_assign, case_take, substitution_create, substitution_end

OFFICE_VIEW = "geschaeftsstelle"
PERSONAL_VIEW = "meine"


def _office_only(request):
    if not can_see_office_queues(request.user):
        raise PermissionDenied


def _case_or_404(request, pk, *, for_write: bool):
    try:
        return access_case(user=request.user, case_id=pk, for_write=for_write, request=request)
    except AccessDenied:
        raise Http404("Fall nicht gefunden.") from None


def _queue_rows(cases, queues, *, today, list_params: dict, inline: bool) -> list[dict]:
    counts = queue_counts(cases, queues, today=today)
    base = reverse("cases:list")
    rows = []
    for queue in queues:
        count = counts[queue.key]
        items = []
        if inline and count:
            items = list(queue_cases(cases, queue, today=today).select_related("assigned_to")
                         .only("pk", "file_number", "received_on", "statement_due_on", "state",
                               "assigned_to__first_name", "assigned_to__last_name",
                               "assigned_to__username")[:INLINE])
        rows.append({"queue": queue, "count": count, "items": items,
                     "url": f"{base}?{urlencode({**list_params, 'queue': queue.key})}"})
    return rows


def my_cases(request):
    """„Meine Fälle“, the office's start page: the user's queues (own cases and those of
    colleagues she stands in for) or, for the head and on request, the office's."""
    _office_only(request)
    user = request.user
    today = timezone.localdate()
    default = OFFICE_VIEW if is_office_head(user) else PERSONAL_VIEW
    view = request.GET.get("ansicht") if request.GET.get("ansicht") in (OFFICE_VIEW, PERSONAL_VIEW) else default
    visible = cases_visible_for(user)
    if view == PERSONAL_VIEW:
        rows = _queue_rows(visible.filter(mine_q(user, on=today)), PERSONAL_QUEUES, today=today,
                           list_params={"assigned": "me"}, inline=True)
        # Cases nobody has are offered to everyone for taking, also in the personal view.
        rows += _queue_rows(visible, [QUEUES_BY_KEY["ohne-zustaendigkeit"]], today=today, list_params={},
                            inline=True)
    else:
        rows = _queue_rows(visible, QUEUES, today=today, list_params={}, inline=True)
    unassigned = [row for row in rows if row["queue"].key == "ohne-zustaendigkeit"]
    absent_for = (Substitution.objects.filter(substitute=user, starts_on__lte=today, ends_on__gte=today)
                  .select_related("absent").order_by("ends_on"))
    from haertefall.authorities import dashboard as authorities_dashboard
    from haertefall.meetings import dashboard as meetings_dashboard

    return render(request, "cases/my_cases.html", {
        "view": view, "office_view": OFFICE_VIEW, "personal_view": PERSONAL_VIEW,
        "rows": [row for row in rows if row["queue"].key != "ohne-zustaendigkeit"],
        "unassigned": unassigned[0] if unassigned else None, "substitutions": absent_for,
        "my_total": visible.filter(mine_q(user, on=today)).exclude(state="closed").count(),
        "panels": meetings_dashboard.panels(user) + authorities_dashboard.panels(user), "today": today,
    })


@login_required
@require_POST
def case_take_view(request, pk):
    """„Übernehmen“: the user becomes the case officer of an unassigned case."""
    _office_only(request)
    case = _case_or_404(request, pk, for_write=True)
    try:
        case_take(case=case, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Sie bearbeiten jetzt den Fall {case.file_number}.")
    return redirect(reverse("cases:detail", args=[case.pk]))


class AssignForm(KernFormMixin, forms.Form):
    assigned_to = forms.ModelChoiceField(label="Zuständige Sachbearbeitung", queryset=assignable_users(),
                                         empty_label=None)


@login_required
@require_http_methods(["GET", "POST"])
def case_assignment_view(request, pk):
    """Whose case it is: the case officer, „Übernehmen“ for an unassigned case, and for the
    office head the reassignment to any office user."""
    _office_only(request)
    case = _case_or_404(request, pk, for_write=request.method == "POST")
    may_assign = can_assign_cases(request.user)
    form = AssignForm(request.POST if request.method == "POST" else None, initial={"assigned_to": case.assigned_to_id})
    if request.method == "POST":
        if not may_assign:
            raise PermissionDenied
        if form.is_valid():
            try:
                case_assign(case=case, actor=request.user, assignee=form.cleaned_data["assigned_to"])
            except DomainError as error:
                form.add_error("assigned_to", error.message)
            else:
                messages.success(request, f"Der Fall {case.file_number} ist jetzt "
                                          f"{form.cleaned_data['assigned_to']} zugewiesen.")
                return redirect(reverse("cases:detail", args=[case.pk]))
    status = 400 if form.errors else 200
    return render(request, "cases/assignment.html", {
        "case": case, "form": form if may_assign else None,
        "may_take": can_take_case(request.user, assignee=case.assigned_to),
    }, status=status)


class SubstitutionForm(KernFormMixin, forms.Form):
    absent = forms.ModelChoiceField(label="Abwesend", queryset=assignable_users(), empty_label=None)
    substitute = forms.ModelChoiceField(label="Vertreten durch", queryset=assignable_users(), empty_label=None)
    starts_on = forms.DateField(label="Vom", widget=DateInput(), help_text="Erster Tag der Abwesenheit.")
    ends_on = forms.DateField(label="Bis einschließlich", widget=DateInput(), help_text="Letzter Tag der Abwesenheit.")


@login_required
@require_http_methods(["GET", "POST"])
def substitutions_view(request):
    """Substitutions: who stands in for whom, from when to when; the head sets anyone's, an
    office user her own."""
    if not can_see_substitutions(request.user):
        raise PermissionDenied
    user = request.user
    form = SubstitutionForm(request.POST if request.method == "POST" else None, initial={"absent": user.pk, "starts_on": timezone.localdate()})
    if not is_office_head(user):
        form.fields["absent"].queryset = form.fields["absent"].queryset.filter(pk=user.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            substitution_create(actor=user, absent=data["absent"], substitute=data["substitute"],
                                starts_on=data["starts_on"], ends_on=data["ends_on"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "Die Vertretung ist eingetragen.")
            return redirect("cases:substitutions")
    today = timezone.localdate()
    rows = [{"substitution": s, "may_end": can_set_substitution(user, absent=s.absent)}
            for s in Substitution.objects.filter(ends_on__gte=today).select_related("absent", "substitute")
            .order_by("starts_on", "pk")]
    return render(request, "cases/substitutions.html", {"form": form, "rows": rows},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def substitution_end_view(request, pk):
    if not can_see_substitutions(request.user):
        raise PermissionDenied
    substitution = Substitution.objects.select_related("absent").filter(pk=pk).first()
    if substitution is None:
        raise Http404("Vertretung nicht gefunden.")
    try:
        substitution_end(actor=request.user, substitution=substitution)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Die Vertretung ist beendet.")
    return redirect("cases:substitutions")


def _month_param(value: str | None, today: date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        date(year, month, 1)
    except (TypeError, ValueError):
        return today.year, today.month
    return (year, month) if 1900 <= year <= 2200 else (today.year, today.month)


@login_required
def calendar_view(request):
    """Sessions and deadlines of a month, as a grid (``?ansicht=monat``) or a list."""
    _office_only(request)
    today = timezone.localdate()
    year, month = _month_param(request.GET.get("monat"), today)
    layout = "liste" if request.GET.get("ansicht") == "liste" else "monat"
    mine = request.GET.get("meine") == "1"
    start, end = cal.month_bounds(year, month)
    entries = cal.calendar_entries(user=request.user, start=start, end=end, mine=mine)
    audit_log(user=request.user, action=AuditEntry.Action.READ, object_type="cases.calendar", request=request,
              detail=f"Kalender {month:02d}.{year}: {len({e.case_id for e in entries if e.case_id})} Fälle")
    previous, following = cal.neighbour_months(year, month)

    def link(y, m, **extra):
        params = {"monat": f"{y}-{m:02d}", "ansicht": layout, **({"meine": "1"} if mine else {}), **extra}
        return f"{reverse('cases:calendar')}?{urlencode(params)}"

    return render(request, "cases/calendar.html", {
        "label": cal.month_label(year, month), "layout": layout, "mine": mine, "entries": entries,
        "weeks": cal.month_grid(year, month, entries), "weekdays": cal.WEEKDAYS, "today": today,
        "previous_url": link(*previous), "next_url": link(*following),
        "previous_label": cal.month_label(*previous), "next_label": cal.month_label(*following),
        "month_value": f"{year}-{month:02d}",
        "grid_url": link(year, month, ansicht="monat"), "list_url": link(year, month, ansicht="liste"),
        "this_month_url": link(today.year, today.month),
    })

