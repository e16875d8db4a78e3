"""Pages of the meetings part: thin views — parse, check access, call a service, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.access import cases_visible_for
from haertefall.core.errors import AccessDenied, DomainError

from . import selectors
from .access import (
    access_meeting,
    can_approve_minutes,
    can_list_meetings,
    can_prepare_meetings,
    meeting_items_for,
    meetings_visible_for,
    require_office,
)
from .forms import (
    AgendaAddForm,
    AttendanceForm,
    DecisionForm,
    MeetingCancelForm,
    MeetingEditForm,
    MeetingForm,
    MembershipForm,
    PrescreenCommitteeForm,
    RevocationAgendaForm,
)
from .minutes import minutes_content, render_docx, render_pdf
from .models import AgendaItem, Minutes
from .services import (
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    item_decide,
    meeting_cancel,
    meeting_invite,
    meeting_plan,
    meeting_update,
    membership_add,
    minutes_approve,
    prescreen_committee_set,
)
from .services.minutes import minutes_file


def _not_found_on_denied(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AccessDenied:
            raise Http404 from None
    return wrapper


def _form_error(form, exc: DomainError):
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
@_not_found_on_denied
def meeting_list(request):
    if not can_list_meetings(request.user):
        raise AccessDenied
    meetings = meetings_visible_for(request.user).select_related("commission").order_by("-date")
    is_office = can_prepare_meetings(request.user)
    today = timezone.localdate()
    return render(request, "meetings/list.html", {
        "upcoming": [m for m in meetings if m.date >= today][::-1],
        "past": [m for m in meetings if m.date < today],
        "is_office": is_office,
        "gaps": selectors.session_gaps() if is_office else [],
    })


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    require_office(request.user)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_plan(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"{meeting} ist geplant.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/create.html", {"form": form})


def _decision_form(meeting, item, data=None):
    return DecisionForm(data, meeting=meeting, item=item, present_slots=_present_slots(meeting),
                        grounds=selectors.item_regular_grounds(item), prefix=f"top{item.pk}")


def _item_context(request, meeting, item, form=None):
    is_office = can_prepare_meetings(request.user)
    if form is None and is_office and not hasattr(item, "decision"):
        form = _decision_form(meeting, item)
    return {"meeting": meeting, "item": item, "form": form, "is_office": is_office,
            "minutes_approved": selectors.minutes_approved(meeting),
            # § 5 Abs. 2 HFKVO: the regular grounds flagged at the check, for the commission to weigh.
            "grounds": selectors.item_regular_grounds(item),
            "weighings": list(item.decision.weighings.select_related("ground")) if hasattr(item, "decision") else [],
            "withdrawal": selectors.withdrawal_notices(item) if is_office else None,
            # Corrections of the vote or the reasons before approval (decision 0121).
            "corrections": selectors.item_corrections(item) if is_office and hasattr(item, "decision") else []}


def _present_slots(meeting):
    rows = selectors.attendance_rows(meeting)
    return [slot for slot in selectors.meeting_slots(meeting) if slot.key in rows and rows[slot.key].present]


@login_required
@_not_found_on_denied
def meeting_detail(request, pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=False, request=request)
    audit_log(user=request.user, action=AuditEntry.Action.READ, obj=meeting, request=request)
    is_office = can_prepare_meetings(request.user)
    items = list(meeting_items_for(user=request.user, meeting=meeting)
                 .select_related("case", "case__country").prefetch_related("votes"))
    context = {
        "meeting": meeting,
        "items": [_item_context(request, meeting, item) for item in items],
        "is_office": is_office,
        "minutes_approved": selectors.minutes_approved(meeting),
        "can_approve": can_approve_minutes(request.user),
    }
    if is_office:
        context["change_refusal"] = selectors.meeting_change_refusal(meeting)
        context["notices"] = meeting.notices.select_related("sent_by").prefetch_related("recipients")
        counted = selectors.meeting_attendance(meeting)
        rule = None
        if counted:
            from . import rules
            from .rule_config import decision_rule_by_key

            rule = decision_rule_by_key(meeting.rule_key)
            context["quorum"] = rules.quorum(counted, rule)
        context["attendance"] = _attendance_table(meeting)
        context["agenda_form"] = AgendaAddForm(meeting=meeting, cases=cases_visible_for(request.user))
        if not meeting.is_prescreen:
            context["revocation_form"] = RevocationAgendaForm(meeting=meeting, cases=cases_visible_for(request.user))
        context["invitations"] = meeting.invitations.select_related("user").order_by("user__last_name")
    return render(request, "meetings/detail.html", context)


def _notified(notice) -> str:
    if notice is None:
        return ""
    return f" {notice.recipients.count()} Eingeladene sind per E-Mail benachrichtigt."


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    form = MeetingEditForm(request.POST or None, meeting=meeting)
    refusal = selectors.meeting_change_refusal(meeting)
    if request.method == "POST" and form.is_valid():
        before = meeting.notices.count()
        try:
            meeting = meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            notice = meeting.notices.order_by("-pk").first() if meeting.notices.count() > before else None
            messages.success(request, f"Die Sitzung ist gespeichert.{_notified(notice)}")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/edit.html", {
        "meeting": meeting, "form": form, "refusal": refusal,
        "invited": len(selectors.invited_user_ids(meeting)),
    })


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request, pk):
    """GET shows what cancelling does and asks for the reason; only the POST cancels."""
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_cancel(meeting=meeting, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            notice = meeting.notices.filter(kind="cancel").first()
            messages.success(request, f"Die Sitzung am {meeting.date:%d.%m.%Y} ist abgesagt; die Fälle ihrer "
                                      f"Tagesordnung können neu eingeplant werden.{_notified(notice)}")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/cancel.html", {
        "meeting": meeting, "form": form,
        "refusal": selectors.meeting_change_refusal(meeting, verb="abgesagt"),
        "items": meeting.items.select_related("case").order_by("position"),
        "invited": len(selectors.invited_user_ids(meeting)),
    })


def _attendance_table(meeting):
    rows = selectors.attendance_rows(meeting)
    table = []
    for slot in selectors.meeting_slots(meeting):
        row = rows.get(slot.key)
        table.append({"slot": slot, "row": row})
    return table


@login_required
@_not_found_on_denied
def agenda_add(request, pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    if request.method != "POST":  # after the access check, so others get 404 as everywhere
        return HttpResponseNotAllowed(["POST"])
    form = AgendaAddForm(request.POST, meeting=meeting, cases=cases_visible_for(request.user))
    if form.is_valid():
        try:
            item = agenda_item_add(meeting=meeting, case=form.cleaned_data["case"], actor=request.user)
            messages.success(request, f"{item.case.file_number} steht als TOP {item.position} auf der Tagesordnung "
                                      f"({item.get_subject_display()}).")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Bitte wählen Sie einen Fall für die Tagesordnung.")
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@_not_found_on_denied
def agenda_revocation(request, pk):
    """Put the withdrawal of a request before the commission, with the facts (report, ch. 5).
    The office proposes; only the commission's decision on the item withdraws (decision 0102)."""
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    if request.method != "POST":  # after the access check, so others get 404 as everywhere
        return HttpResponseNotAllowed(["POST"])
    form = RevocationAgendaForm(request.POST, meeting=meeting, cases=cases_visible_for(request.user))
    if form.is_valid():
        try:
            item = agenda_item_add(meeting=meeting, case=form.cleaned_data["case"], actor=request.user,
                                   subject=AgendaItem.Subject.REVOCATION, facts=form.cleaned_data["facts"])
            messages.success(request, f"Die Rücknahme des Ersuchens {item.case.file_number} steht als TOP "
                                      f"{item.position} auf der Tagesordnung.")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@_not_found_on_denied
def agenda_remove(request, pk, item_pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
        agenda_item_remove(item=item, actor=request.user)
        messages.success(request, f"{item.case.file_number} ist von der Tagesordnung genommen.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    slots = selectors.meeting_slots(meeting)
    form = AttendanceForm(request.POST or None, slots=slots, current=selectors.attendance_rows(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            attendance_record(meeting=meeting, statuses=form.statuses(), actor=request.user)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Die Anwesenheit ist erfasst.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "form": form})


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def item_decide_view(request, pk, item_pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    item = get_object_or_404(AgendaItem.objects.select_related("case"), pk=item_pk, meeting=meeting)
    form = _decision_form(meeting, item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item_decide(
                item=item, outcome=data["outcome"], actor=request.user, reasons=data["reasons"],
                votes=form.votes(), excluded_keys=data.get("excluded", []),
                expectations=data.get("expectations", []), expectations_text=data.get("expectations_text", ""),
                recommendation=data.get("recommendation", ""),
                recommendation_votes=form.votes("recommendation_") if "recommendation" in form.fields else None,
                weighings=form.weighings(),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            item = AgendaItem.objects.select_related("case").get(pk=item.pk)
            if request.htmx:
                return render(request, "meetings/includes/item.html",
                              {"entry": _item_context(request, meeting, item), "meeting": meeting})
            messages.success(request, f"Der Beschluss zu TOP {item.position} ist erfasst.")
            return redirect("meetings:detail", pk=meeting.pk)
    if request.htmx:
        return render(request, "meetings/includes/item.html",
                      {"entry": _item_context(request, meeting, item, form=form), "meeting": meeting})
    return render(request, "meetings/item_decide.html", {"meeting": meeting, "item": item, "form": form})


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def invite(request, pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    if request.method == "POST":
        try:
            sent = meeting_invite(meeting=meeting, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{len(sent)} Einladung(en) mit der Tagesordnung versandt.")
            return redirect("meetings:detail", pk=meeting.pk)
    slots = selectors.meeting_slots(meeting)
    invited = selectors.invited_user_ids(meeting)
    people = []
    for slot in slots:
        for role, user in (("Mitglied", slot.member), ("Stellvertretung", slot.deputy)):
            if user is not None:
                people.append({"slot": slot, "role": role, "user": user, "sent": user.pk in invited})
    return render(request, "meetings/invite.html", {"meeting": meeting, "people": people})


@login_required
@_not_found_on_denied
def minutes_download(request, pk, fmt):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    if fmt not in ("pdf", "docx"):
        raise Http404
    stored = Minutes.objects.filter(meeting=meeting).first()
    try:
        if stored is not None:
            data = minutes_file(minutes=stored, fmt=fmt)
        else:
            content = minutes_content(meeting)
            data = render_pdf(content) if fmt == "pdf" else render_docx(content)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("meetings:detail", pk=meeting.pk)
    audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=meeting, request=request,
              detail=f"Protokoll {fmt}{'' if stored else ' (Entwurf)'}")
    content_type = ("application/pdf" if fmt == "pdf"
                    else "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = HttpResponse(data, content_type=content_type)
    name = f"protokoll-{meeting.date:%Y-%m-%d}{'' if stored else '-entwurf'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def minutes_approve_view(request, pk):
    meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
    error = None
    if request.method == "POST":
        try:
            minutes_approve(meeting=meeting, actor=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "Das Protokoll ist genehmigt und unveränderlich gespeichert.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/minutes_approve.html", {
        "meeting": meeting, "error": error, "can_approve": can_approve_minutes(request.user),
        "approved": selectors.minutes_approved(meeting),
        "open_items": meeting.items.filter(decision__isnull=True).count(),
    })


@login_required
@_not_found_on_denied
def members(request):
    require_office(request.user)
    commission = selectors.commission_current()
    today = timezone.localdate()
    seats = []
    prescreen = []
    if commission is not None:
        current = {}
        for m in selectors.memberships_on(commission=commission, on=today):
            current[(m.seat_id, m.kind)] = m
        for seat in commission.seat_set.order_by("number"):
            seats.append({"seat": seat, "member": current.get((seat.pk, "member")),
                          "deputy": current.get((seat.pk, "deputy"))})
        prescreen = commission.prescreen_seats.select_related("member", "deputy").order_by("number")
    return render(request, "meetings/members.html", {
        "commission": commission, "seats": seats, "prescreen": prescreen, "today": today,
        "committee_rule": selectors.committee_rule_today(),
        "nominations": selectors.prescreen_nominations(commission) if commission else [],
    })



@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def membership_add_view(request):
    """Record an appointment by the ministry (§ 2 Abs. 1 HFKVO): a new term on a seat."""
    require_office(request.user)
    commission = selectors.commission_current()
    if commission is None:
        raise Http404
    form = MembershipForm(request.POST or None, commission=commission)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = membership_add(seat=data["seat"], user=data["user"], kind=data["kind"],
                                        term_start=data["term_start"], term_end=data["term_end"],
                                        actor=request.user)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"{membership} ist erfasst.")
            return redirect("meetings:members")
    return render(request, "meetings/membership_add.html", {"form": form})


@login_required
@_not_found_on_denied
@require_http_methods(["GET", "POST"])
def prescreen_edit(request):
    """Name the pre-screening committee: member and deputy of each place (§ 3 Abs. 3 HFKVO)."""
    require_office(request.user)
    commission = selectors.commission_current()
    if commission is None:
        raise Http404
    people = selectors.commission_people_on(commission=commission, on=timezone.localdate())
    form = PrescreenCommitteeForm(request.POST or None, commission=commission, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            prescreen_committee_set(commission=commission, places=form.places(), actor=request.user,
                                    decided_on=form.cleaned_data["decided_on"], meeting=form.cleaned_data["meeting"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Der Vorprüfungsausschuss ist gespeichert.")
            return redirect("meetings:members")
    return render(request, "meetings/prescreen_edit.html", {
        "form": form, "commission": commission, "committee_rule": selectors.committee_rule_today()})
