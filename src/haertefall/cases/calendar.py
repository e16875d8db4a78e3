"""The office's calendar: sessions and deadlines of a date range, and the month grid."""

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .access import cases_visible_for
from .models import FollowUp
from .queues import WAITING_FOR_AUTHORITY, mine_q
from .states import State

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
WEEKDAYS = (("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"), ("Do", "Donnerstag"), ("Fr", "Freitag"),
            ("Sa", "Samstag"), ("So", "Sonntag"))
# The longest range one request may ask for (the API): a year and a bit.
MAX_DAYS = 400


@dataclass(frozen=True)
class Entry:
    day: date
    kind: str  # German, shown as it is
    title: str
    url: str
    case_id: int | None = None


def calendar_entries(*, user, start: date, end: date, mine: bool = False) -> list[Entry]:
    """Sessions (not cancelled) and deadlines from ``start`` to ``end`` (both included): the
    statement deadlines of cases waiting for the statement, open requests for further
    information, open follow-ups, and the first day an authority that will not follow a request
    may decide (§ 7 Abs. 3 HFKVO). ``mine``: only deadlines of the user's cases (with the cases
    she stands in for); sessions always. Five queries, whatever the range."""
    from haertefall.authorities.models import InfoRequest, IntendedDecision
    from haertefall.meetings.access import meetings_visible_for

    entries = [Entry(m.date, "Sitzung", m.title, reverse("meetings:detail", args=[m.pk]))
               for m in meetings_visible_for(user).filter(date__gte=start, date__lte=end, cancelled_at__isnull=True)]
    cases = cases_visible_for(user)
    if mine:
        cases = cases.filter(mine_q(user, on=min(max(start, timezone.localdate()), end)))
    for case_id, number, due in (cases.filter(state=State.STATEMENT_REQUESTED, statement_due_on__gte=start,
                                              statement_due_on__lte=end)
                                 .values_list("pk", "file_number", "statement_due_on")):
        entries.append(Entry(due, "Frist Stellungnahme", number, reverse("cases:detail", args=[case_id]), case_id))
    for case_id, number, due in (InfoRequest.objects.filter(case__in=cases, answered_on__isnull=True,
                                                            case__state=State.INFO_REQUESTED,
                                                            due_on__gte=start, due_on__lte=end)
                                 .values_list("case_id", "case__file_number", "due_on")):
        entries.append(Entry(due, "Frist weitere Informationen", number, reverse("cases:detail", args=[case_id]),
                             case_id))
    for case_id, number, due in (FollowUp.objects.filter(case__in=cases, done_at__isnull=True, due_on__gte=start,
                                                         due_on__lte=end)
                                 .values_list("case_id", "case__file_number", "due_on")):
        entries.append(Entry(due, "Wiedervorlage", number, reverse("cases:detail", args=[case_id]), case_id))
    # § 7 Abs. 3 HFKVO: where the authority will not follow, it may decide only after the waiting
    # period (authorities.services.outcome_not_before); until then the commission can react.
    wait = timedelta(days=settings.HAERTEFALL_NOT_FOLLOW_WAITING_DAYS)
    for case_id, number, recorded in (IntendedDecision.objects.filter(
            follow=False, hardship_request__outcome__isnull=True, hardship_request__case__in=cases,
            hardship_request__case__state__in=WAITING_FOR_AUTHORITY,
            recorded_on__gte=start - wait, recorded_on__lte=end - wait)
            .values_list("hardship_request__case_id", "hardship_request__case__file_number", "recorded_on")):
        entries.append(Entry(recorded + wait, "§ 7 Abs. 3: Entscheidung der Behörde frühestens", number,
                             reverse("cases:detail", args=[case_id]), case_id))
    return sorted(entries, key=lambda e: (e.day, e.kind != "Sitzung", e.kind, e.title))


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, pycalendar.monthrange(year, month)[1])


def month_grid(year: int, month: int, entries: list[Entry]) -> list[list[dict]]:
    """Weeks (Monday first) of days, each with its entries; days of the neighbouring months
    are marked ``outside``."""
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    return [[{"day": day, "outside": day.month != month, "entries": by_day.get(day, [])} for day in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)]


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def neighbour_months(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return previous, following
