"""Reads the pages, API, minutes and services share."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone

from . import rules
from .models import (
    Attendance,
    Commission,
    ItemDecision,
    ItemExclusion,
    Meeting,
    Membership,
    Minutes,
    Seat,
)
from .schedule import missing_session_periods


@dataclass(frozen=True)
class SeatSlot:
    """A seat of the body that meets: a commission seat or a place on the pre-screening
    committee, with whoever holds it as member and deputy on the meeting day."""

    key: str  # "seat-<id>" or "prescreen-<id>", used as form field name
    number: int
    label: str
    member: object | None
    deputy: object | None
    seat: Seat | None = None
    prescreen_seat: object | None = None


def commission_current() -> Commission | None:
    """The commission this installation runs (one per Land; the first if several)."""
    return Commission.objects.order_by("id").first()


def commission_for(meeting: Meeting) -> Commission | None:
    return meeting.commission or commission_current()


def land_for(meeting: Meeting) -> str:
    commission = commission_for(meeting)
    return commission.land if commission else settings.HAERTEFALL_LAND


def installation_land() -> str:
    """The Land whose rules apply to a case (one commission per installation)."""
    commission = commission_current()
    return commission.land if commission else settings.HAERTEFALL_LAND


def prescreen_committee_formed(*, on: date) -> bool:
    """§ 3 Abs. 3 HFKVO: has the commission a pre-screening committee on ``on`` (rule data)?"""
    from .rule_config import committee_formed

    return committee_formed(land=installation_land(), on=on)


def pending_take_up_item(case):
    """An undecided take-up item of the case (committee or § 4 Abs. 3 commission), or None."""
    from .models import AgendaItem

    return (AgendaItem.objects.filter(case=case, subject=AgendaItem.Subject.TAKE_UP, decision__isnull=True,
                                      meeting__cancelled_at__isnull=True)
            .select_related("meeting").first())


def memberships_on(*, commission: Commission, on: date):
    return (Membership.objects.filter(seat__commission=commission, term_start__lte=on, term_end__gte=on)
            .select_related("seat", "user"))


def commission_people_on(*, commission: Commission, on: date):
    """Everyone holding a seat (as member or deputy) on ``on``: who may sit on the
    pre-screening committee (§ 3 Abs. 3 HFKVO)."""
    from django.contrib.auth import get_user_model

    ids = memberships_on(commission=commission, on=on).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")


def meeting_slots(meeting: Meeting) -> list[SeatSlot]:
    commission = commission_for(meeting)
    if commission is None:
        return []
    if meeting.is_prescreen:
        return [
            SeatSlot(key=f"prescreen-{p.pk}", number=p.number, label=str(p), member=p.member,
                     deputy=p.deputy, prescreen_seat=p)
            for p in commission.prescreen_seats.select_related("member", "deputy").order_by("number")
        ]
    holders: dict[tuple[int, str], object] = {}
    for membership in memberships_on(commission=commission, on=meeting.date).order_by("term_start"):
        holders[(membership.seat_id, membership.kind)] = membership.user
    return [
        SeatSlot(key=f"seat-{seat.pk}", number=seat.number,
                 label=f"Sitz {seat.number} – {seat.get_nominating_body_display()}",
                 member=holders.get((seat.pk, Membership.Kind.MEMBER)),
                 deputy=holders.get((seat.pk, Membership.Kind.DEPUTY)), seat=seat)
        for seat in commission.seat_set.order_by("number")
    ]


def seat_count(meeting: Meeting) -> int:
    """The number the quorum is taken of: all seats of the commission, or the committee's three."""
    if meeting.is_prescreen:
        return 3
    commission = commission_for(meeting)
    return commission.seats if commission else 0


def attendance_rows(meeting: Meeting) -> dict[str, Attendance]:
    rows = {}
    for row in meeting.attendance.all():
        key = f"seat-{row.seat_id}" if row.seat_id else f"prescreen-{row.prescreen_seat_id}"
        rows[key] = row
    return rows


def invited_user_ids(meeting: Meeting) -> set[int]:
    return set(meeting.invitations.filter(sent_at__isnull=False).values_list("user_id", flat=True))


def meeting_attendance(meeting: Meeting) -> rules.Attendance | None:
    """The attendance as the pure rules count it, or None before it was recorded."""
    rows = attendance_rows(meeting)
    if not rows:
        return None
    seats = seat_count(meeting)
    invited_users = invited_user_ids(meeting)
    invited = sum(
        1 for slot in meeting_slots(meeting)
        if {getattr(slot.member, "pk", None), getattr(slot.deputy, "pk", None)} & invited_users
    )
    invited = min(invited, seats)
    present = min(sum(1 for row in rows.values() if row.present), seats)
    return rules.Attendance(seats=seats, present=present, invited=invited, all_invited=invited == seats)


def excluded_keys(item) -> set[str]:
    return {
        f"seat-{e.seat_id}" if e.seat_id else f"prescreen-{e.prescreen_seat_id}"
        for e in ItemExclusion.objects.filter(item=item)
    }


def minutes_approved(meeting: Meeting) -> bool:
    return Minutes.objects.filter(meeting_id=meeting.pk).exists()


def meeting_change_refusal(meeting: Meeting, *, verb: str = "geändert") -> str | None:
    """Why the session's date, place or status can no longer change, or None if it can.

    Once the session took place (attendance, a decision or approved minutes exist) it is a
    record; a cancelled session stays cancelled. ``verb``: "geändert" or "abgesagt".
    """
    if meeting.cancelled_at is not None:
        return (f"Die Sitzung ist bereits abgesagt ({meeting.cancelled_at:%d.%m.%Y}) und kann nicht mehr "
                f"{verb} werden.")
    if Minutes.objects.filter(meeting_id=meeting.pk).exists():
        return f"Das Protokoll dieser Sitzung ist genehmigt; die Sitzung kann nicht mehr {verb} werden."
    if ItemDecision.objects.filter(item__meeting_id=meeting.pk).exists():
        return (f"Zu dieser Sitzung sind bereits Beschlüsse erfasst; sie hat stattgefunden und kann nicht "
                f"mehr {verb} werden.")
    if Attendance.objects.filter(meeting_id=meeting.pk).exists():
        return (f"Die Anwesenheit dieser Sitzung ist bereits erfasst; sie hat stattgefunden und kann nicht "
                f"mehr {verb} werden.")
    return None


def session_gaps(*, today: date | None = None) -> list[str]:
    """Months (or quarters) of the next three months without a planned commission session."""
    commission = commission_current()
    if commission is None:
        return []
    today = today or timezone.localdate()
    # From the start of the current quarter, so that a session earlier in the quarter counts.
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    dates = Meeting.objects.filter(kind=Meeting.Kind.COMMISSION, date__gte=quarter_start,
                                   cancelled_at__isnull=True).values_list("date", flat=True)
    # § 6 Abs. 2 Satz 2 HFKVO: with a pre-screening committee, at least quarterly.
    return missing_session_periods(list(dates), today=today,
                                   quarterly=prescreen_committee_formed(on=today))


def item_regular_grounds(item) -> list:
    """The regular exclusion grounds (§ 5 Abs. 2 HFKVO) the commission weighs on this item:
    those flagged at the case's check, on an item about a request (decision 0105)."""
    from haertefall.cases.selectors import case_flagged_grounds

    from .models import AgendaItem

    if item.subject != AgendaItem.Subject.REQUEST or item.meeting.is_prescreen:
        return []
    return case_flagged_grounds(item.case)


def committee_rule_today():
    """The pre-screening committee rule in force today (None: none configured, no committee)."""
    from .rule_config import committee_rule_in_force
    from .rules import RuleSelectionError

    try:
        return committee_rule_in_force(land=installation_land(), on=timezone.localdate())
    except RuleSelectionError:
        return None


def prescreen_nominations(commission):
    """The commission's decisions naming the committee, newest first (§ 3 Abs. 3 HFKVO)."""
    return (commission.prescreen_nominations.select_related("member", "deputy", "meeting", "recorded_by")
            .order_by("-decided_on", "number", "-id"))


def withdrawal_notices(item) -> dict | None:
    """What a decided withdrawal produced (decision 0102): the letters filed in the case and
    whether the e-mails to the authority and the ministry went out (an address may be missing)."""
    from haertefall.correspondence.models import WITHDRAWAL_KINDS, SentEmail

    from .models import AgendaItem, ItemDecision

    decision = getattr(item, "decision", None)
    if item.subject != AgendaItem.Subject.REVOCATION or decision is None or decision.outcome != ItemDecision.Outcome.REVOKE:
        return None
    letters = list(item.case.letters.filter(kind__in=WITHDRAWAL_KINDS).order_by("kind", "-created_at"))
    emails = set(SentEmail.objects.filter(case=item.case, kind__in=["request_withdrawal", "withdrawal_ministry"])
                 .values_list("kind", flat=True))
    return {"letters": letters, "authority_emailed": "request_withdrawal" in emails,
            "ministry_emailed": "withdrawal_ministry" in emails}


DECISION_CORRECTED = "decision_corrected"


def item_corrections(item) -> list:
    """The corrections of the item's vote or reasons, oldest first: its history on the session
    page and in the minutes (decision 0121)."""
    from haertefall.cases.models import CaseEvent

    return list(CaseEvent.objects.filter(case_id=item.case_id, event_type=DECISION_CORRECTED,
                                         data__item_id=item.pk).select_related("actor").order_by("sequence"))


def session_document_choices(item) -> QuerySet:
    """The documents of ``item``'s case the office may release for the session file: current
    ones (not removed or replaced), never a minutes extract; oldest document date first."""
    from haertefall.cases.models import Document

    return (Document.objects.filter(case_id=item.case_id).current().exclude(doc_type=Document.Type.MINUTES)
            .order_by(F("document_date").asc(nulls_last=True), "uploaded_at", "pk"))
