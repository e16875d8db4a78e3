"""Deadlines (Fristen) computed per §§ 187, 188, 193 BGB.

Pure functions: the caller passes the public holidays (Feiertage) as any
`Container[date]`, so tests and other Länder use their own set. `nrw_holidays(years)` and
`NRW_HOLIDAYS` supply the holidays of Nordrhein-Westfalen from the `holidays` package.

* § 187 Abs. 1 BGB: a period triggered by an event (e.g. receipt of a statement request,
  Zugang) does not count the event day. → `deadline_end`
* § 187 Abs. 2 BGB: a period that starts at the beginning of a day counts that day (e.g. a
  person's age). → `deadline_end_begin_of_day`
* § 188 Abs. 1: a period in days ends at the end of its last day.
* § 188 Abs. 2: a period in weeks, months or years ends on the day of the last week or
  month that by its name (weekday) or number corresponds to the event day; with
  § 187 Abs. 2, on the day before that day.
* § 188 Abs. 3: if that month lacks the day, the period ends on the month's last day.
* § 193: if the last day is a Saturday, Sunday or a public holiday at the place of
  performance, the period ends on the next working day (Werktag).
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Container, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import holidays as holidays_lib

__all__ = [
    "NRW_HOLIDAYS",
    "STATEMENT_PERIOD_DEFAULT",
    "Deadline",
    "DeadlineError",
    "Period",
    "PublicHolidayCalendar",
    "add_months",
    "deadline_end",
    "deadline_end_begin_of_day",
    "is_working_day",
    "next_working_day",
    "nrw_holidays",
]

_ONE_DAY = timedelta(days=1)
# A run of non-working days longer than this means the holiday container is broken
# (e.g. it contains every date); better an error than an endless loop.
_MAX_NON_WORKING_RUN = 31


class DeadlineError(ValueError):
    """A period or deadline that cannot exist (the message is German, for the user)."""


def _date_de(day: date) -> str:
    return day.strftime("%d.%m.%Y")


# --------------------------------------------------------------------------- holidays


@functools.cache
def _public_holidays_of_year(subdiv: str, year: int) -> frozenset[date]:
    return frozenset(holidays_lib.country_holidays("DE", subdiv=subdiv, years=year))


def nrw_holidays(years: Iterable[int]) -> frozenset[date]:
    """The public holidays of Nordrhein-Westfalen in exactly these years.

    A deadline in late December can move into January: include the following year, or use
    the open-ended `NRW_HOLIDAYS`.
    """
    result: frozenset[date] = frozenset()
    for year in years:
        result |= _public_holidays_of_year("NW", year)
    return result


@dataclass(frozen=True)
class PublicHolidayCalendar:
    """The public holidays of one German Land, for any year (`date in calendar`)."""

    subdiv: str

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return day in _public_holidays_of_year(self.subdiv, day.year)


NRW_HOLIDAYS = PublicHolidayCalendar("NW")


def is_working_day(day: date, holidays: Container[date]) -> bool:
    """Neither Saturday, Sunday nor a public holiday (§ 193 BGB)."""
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: date, holidays: Container[date]) -> date:
    """`day` itself if it is a working day, else the next one (§ 193 BGB)."""
    candidate = day
    for _ in range(_MAX_NON_WORKING_RUN):
        if is_working_day(candidate, holidays):
            return candidate
        candidate += _ONE_DAY
    raise DeadlineError(
        f"Ab dem {_date_de(day)} folgt in {_MAX_NON_WORKING_RUN} Tagen kein Werktag; "
        "der Feiertagskalender ist fehlerhaft."
    )


# --------------------------------------------------------------------------- periods

_NUMBERS_DE = {
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}
_UNITS_DE = {
    # unit: (one, many)
    "days": ("ein Tag", "Tage"),
    "weeks": ("eine Woche", "Wochen"),
    "months": ("ein Monat", "Monate"),
    "years": ("ein Jahr", "Jahre"),
}


@dataclass(frozen=True)
class Period:
    """A period (Frist) in exactly one unit, e.g. `Period(weeks=4)` → "vier Wochen"."""

    days: int = 0
    weeks: int = 0
    months: int = 0
    years: int = 0
    label_de: str = ""

    def __post_init__(self) -> None:
        amounts = {unit: getattr(self, unit) for unit in _UNITS_DE}
        for value in amounts.values():
            if not isinstance(value, int) or isinstance(value, bool):
                raise DeadlineError(
                    "Eine Frist wird in ganzen Tagen, Wochen, Monaten oder Jahren angegeben."
                )
            if value < 0:
                raise DeadlineError(f"Eine Frist kann nicht negativ sein (angegeben: {value}).")
        used = [unit for unit, value in amounts.items() if value]
        if len(used) != 1:
            raise DeadlineError(
                "Eine Frist muss in genau einer Einheit (Tage, Wochen, Monate oder Jahre) "
                "angegeben werden und darf nicht null sein."
            )
        if not self.label_de:
            # frozen: derived labels are set once, here.
            object.__setattr__(self, "label_de", self._default_label())

    @property
    def unit(self) -> str:
        return next(unit for unit in _UNITS_DE if getattr(self, unit))

    @property
    def amount(self) -> int:
        return getattr(self, self.unit)

    def _default_label(self) -> str:
        one, many = _UNITS_DE[self.unit]
        if self.amount == 1:
            return one
        return f"{_NUMBERS_DE.get(self.amount, str(self.amount))} {many}"


STATEMENT_PERIOD_DEFAULT = Period(weeks=4, label_de="vier Wochen")


def add_months(day: date, months: int) -> date:
    """The day with the same number `months` later, or the month's last day (§ 188 Abs. 3)."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months_of(period: Period) -> int:
    return period.months + 12 * period.years


def _finish(day: date, holidays: Container[date], apply_section_193: bool) -> date:
    return next_working_day(day, holidays) if apply_section_193 else day


def deadline_end(
    event_day: date,
    period: Period,
    holidays: Container[date],
    *,
    apply_section_193: bool = True,
) -> date:
    """Last day of a period triggered by an event on `event_day` (§ 187 Abs. 1 BGB).

    The event day is not counted: 4 weeks from a Tuesday end on the Tuesday 4 weeks later,
    one month from 31 January ends on the last day of February; then § 193 moves a
    Saturday, Sunday or holiday to the next working day.
    """
    if period.days:
        last_day = event_day + timedelta(days=period.days)
    elif period.weeks:
        last_day = event_day + timedelta(weeks=period.weeks)
    else:
        last_day = add_months(event_day, _months_of(period))
    return _finish(last_day, holidays, apply_section_193)


def deadline_end_begin_of_day(
    start_day: date,
    period: Period,
    holidays: Container[date],
    *,
    apply_section_193: bool = True,
) -> date:
    """Last day of a period that begins at the start of `start_day` (§ 187 Abs. 2 BGB).

    The start day counts, so the period ends on the day *before* the corresponding day
    (§ 188 Abs. 2, 2nd alternative): one month from 1 March ends on 31 March. If the last
    month lacks that preceding day, on the month's last day (§ 188 Abs. 3): one month from
    31 January ends on 28/29 February.

    For a person's age § 193 does not apply: pass `apply_section_193=False`.
    """
    if period.days:
        last_day = start_day + timedelta(days=period.days - 1)
    elif period.weeks:
        last_day = start_day + timedelta(weeks=period.weeks) - _ONE_DAY
    else:
        months = _months_of(period)
        if start_day.day == 1:
            # The corresponding day is the 1st; the day before it closes the previous month.
            last_day = add_months(start_day, months) - _ONE_DAY
        else:
            # Day number (start - 1) in the final month, clamped per § 188 Abs. 3.
            last_day = add_months(start_day.replace(day=start_day.day - 1), months)
    return _finish(last_day, holidays, apply_section_193)


# --------------------------------------------------------------------------- deadlines

Pause = tuple[date, date | None]


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """A deadline that can be extended (verlängert) and paused (gehemmt).

    `original_due` is never overwritten. `extensions` are the new due dates in the order
    granted, each later than the one before. `pauses` are (first day, last day) inclusive,
    in order and not overlapping; only the last may still be open (last day None).

    `current_due` = last extension (or the original), plus the days of all closed pauses
    (a pause from d1 to d2 adds (d2 - d1).days + 1), moved to a working day per § 193 BGB.
    """

    original_due: date
    extensions: tuple[date, ...] = ()
    pauses: tuple[Pause, ...] = ()
    holidays: Container[date] = field(compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extensions", tuple(self.extensions))
        object.__setattr__(self, "pauses", tuple(tuple(pause) for pause in self.pauses))
        previous = self.original_due
        for extension in self.extensions:
            if extension <= previous:
                raise DeadlineError(
                    f"Eine Verlängerung auf den {_date_de(extension)} liegt nicht nach der "
                    f"bisherigen Frist ({_date_de(previous)})."
                )
            previous = extension
        previous_end: date | None = None
        for index, pause in enumerate(self.pauses):
            if len(pause) != 2:
                raise DeadlineError("Eine Hemmung besteht aus Beginn und Ende.")
            start, end = pause
            if end is not None and end < start:
                raise DeadlineError(
                    f"Die Hemmung endet am {_date_de(end)} vor ihrem Beginn am {_date_de(start)}."
                )
            if end is None and index != len(self.pauses) - 1:
                raise DeadlineError(
                    f"Die Hemmung ab dem {_date_de(start)} ist noch offen; danach kann keine "
                    "weitere Hemmung beginnen."
                )
            if previous_end is not None and start <= previous_end:
                raise DeadlineError(
                    f"Die Hemmung ab dem {_date_de(start)} überschneidet sich mit der "
                    f"vorigen Hemmung (bis {_date_de(previous_end)}) oder liegt vor ihr."
                )
            previous_end = end

    @property
    def base_due(self) -> date:
        """The due date as last set: the latest extension, or the original."""
        return self.extensions[-1] if self.extensions else self.original_due

    @property
    def open_pause_start(self) -> date | None:
        if self.pauses and self.pauses[-1][1] is None:
            return self.pauses[-1][0]
        return None

    def _paused_days(self, until: date | None) -> int:
        """Days of closed pauses; an open pause counts through `until` if given."""
        total = 0
        for start, end in self.pauses:
            if end is None:
                if until is None or until < start:
                    continue
                end = until
            total += (end - start).days + 1
        return total

    @property
    def current_due(self) -> date:
        """The due date now in force (closed pauses only; see `due_on` for open ones)."""
        return next_working_day(
            self.base_due + timedelta(days=self._paused_days(None)), self.holidays
        )

    def due_on(self, today: date) -> date:
        """The due date as it stands on `today`, counting an open pause through today."""
        return next_working_day(
            self.base_due + timedelta(days=self._paused_days(today)), self.holidays
        )

    def is_paused(self, today: date) -> bool:
        return any(start <= today and (end is None or today <= end) for start, end in self.pauses)

    def is_overdue(self, today: date) -> bool:
        return today > self.due_on(today)

    def days_left(self, today: date) -> int:
        """Days from `today` to the due date; 0 on the due day, negative when overdue."""
        return (self.due_on(today) - today).days

    # Transitions return new values; the original due date always stays.

    def extended(self, new_due: date) -> Deadline:
        if new_due <= self.current_due or new_due <= self.base_due:
            raise DeadlineError(
                f"Die Frist kann nur über den {_date_de(self.current_due)} hinaus verlängert "
                f"werden (angegeben: {_date_de(new_due)})."
            )
        return replace(self, extensions=(*self.extensions, new_due))

    def paused_from(self, start: date) -> Deadline:
        if self.open_pause_start is not None:
            raise DeadlineError(
                f"Die Frist ist bereits seit dem {_date_de(self.open_pause_start)} gehemmt."
            )
        return replace(self, pauses=(*self.pauses, (start, None)))

    def resumed_on(self, last_paused_day: date) -> Deadline:
        start = self.open_pause_start
        if start is None:
            raise DeadlineError("Die Frist ist nicht gehemmt.")
        return replace(self, pauses=(*self.pauses[:-1], (start, last_paused_day)))
