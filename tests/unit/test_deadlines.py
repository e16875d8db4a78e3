"""Deadlines per §§ 187, 188, 193 BGB (core/deadlines.py): plain values, no database."""

from dataclasses import FrozenInstanceError
from datetime import date, timedelta

import holidays as holidays_lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from haertefall.core.deadlines import (
    NRW_HOLIDAYS,
    STATEMENT_PERIOD_DEFAULT,
    Deadline,
    DeadlineError,
    Period,
    PublicHolidayCalendar,
    add_months,
    deadline_end,
    deadline_end_begin_of_day,
    is_working_day,
    next_working_day,
    nrw_holidays,
)

NO_HOLIDAYS: frozenset[date] = frozenset()
BERLIN_HOLIDAYS = PublicHolidayCalendar("BE")
FOUR_WEEKS = Period(weeks=4)
ONE_MONTH = Period(months=1)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


# --------------------------------------------------------------------------- holidays


def test_nrw_holidays_of_2025():
    assert nrw_holidays([2025]) == {
        date(2025, 1, 1),  # Neujahr
        date(2025, 4, 18),  # Karfreitag
        date(2025, 4, 21),  # Ostermontag
        date(2025, 5, 1),  # Tag der Arbeit
        date(2025, 5, 29),  # Christi Himmelfahrt
        date(2025, 6, 9),  # Pfingstmontag
        date(2025, 6, 19),  # Fronleichnam
        date(2025, 10, 3),  # Tag der Deutschen Einheit
        date(2025, 11, 1),  # Allerheiligen
        date(2025, 12, 25),  # 1. Weihnachtstag
        date(2025, 12, 26),  # 2. Weihnachtstag
    }


def test_holiday_sets_and_calendars():
    both = nrw_holidays(range(2024, 2026))
    assert date(2024, 5, 30) in both and date(2025, 6, 19) in both
    assert date(2026, 1, 1) not in both  # exactly the years asked for
    assert date(2026, 1, 1) in NRW_HOLIDAYS  # the calendar covers any year
    assert date(2025, 6, 19) in NRW_HOLIDAYS  # Fronleichnam: NRW yes ...
    assert date(2025, 6, 19) not in BERLIN_HOLIDAYS  # ... Berlin no
    assert date(2025, 3, 8) in BERLIN_HOLIDAYS  # Frauentag: Berlin only
    assert date(2025, 3, 8) not in NRW_HOLIDAYS
    assert date(2024, 12, 24) not in NRW_HOLIDAYS  # Heiligabend is a working day
    assert "2025-06-19" not in NRW_HOLIDAYS  # only dates are holidays
    assert frozenset(holidays_lib.Germany(subdiv="NW", years=2024)) == nrw_holidays([2024])


def test_working_days():
    assert is_working_day(date(2025, 6, 18), NRW_HOLIDAYS)
    assert not is_working_day(date(2025, 6, 19), NRW_HOLIDAYS)
    assert not is_working_day(date(2025, 6, 21), NO_HOLIDAYS)  # Saturday
    assert next_working_day(date(2025, 6, 18), NRW_HOLIDAYS) == date(2025, 6, 18)
    assert next_working_day(date(2025, 4, 18), NRW_HOLIDAYS) == date(2025, 4, 22)


def test_a_broken_holiday_calendar_does_not_loop_forever():
    class EveryDay:
        def __contains__(self, day):
            return True

    with pytest.raises(DeadlineError, match="Feiertagskalender"):
        deadline_end(date(2025, 1, 6), FOUR_WEEKS, EveryDay())


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(weeks=4), "vier Wochen"),
        (Period(weeks=1), "eine Woche"),
        (Period(days=1), "ein Tag"),
        (Period(days=14), "14 Tage"),
        (Period(months=1), "ein Monat"),
        (Period(months=3), "drei Monate"),
        (Period(years=2), "zwei Jahre"),
        (Period(days=10, label_de="zehn Kalendertage"), "zehn Kalendertage"),
    ],
)
def test_period_labels(period, label):
    assert period.label_de == label


def test_statement_period_default():
    assert STATEMENT_PERIOD_DEFAULT == Period(weeks=4, label_de="vier Wochen")
    assert (STATEMENT_PERIOD_DEFAULT.unit, STATEMENT_PERIOD_DEFAULT.amount) == ("weeks", 4)


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"days": 0}, {"weeks": 1, "days": 2}, {"months": -1}, {"days": 1.5}, {"weeks": True}],
)
def test_period_needs_exactly_one_positive_whole_unit(kwargs):
    with pytest.raises(DeadlineError):
        Period(**kwargs)


def test_period_is_immutable():
    with pytest.raises(FrozenInstanceError):
        FOUR_WEEKS.weeks = 2  # type: ignore[misc]


# --------------------------------------------------------------------------- § 187(1), § 188


@pytest.mark.parametrize(
    ("event_day", "period", "expected", "why"),
    [
        # § 188(2): same weekday four weeks later; Easter 2024 lies inside, not at the end
        (date(2024, 3, 5), FOUR_WEEKS, date(2024, 4, 2), "Tuesday to Tuesday"),
        (date(2024, 1, 15), ONE_MONTH, date(2024, 2, 15), "same day number"),
        # § 188(3): February lacks the 31st
        (date(2024, 1, 31), ONE_MONTH, date(2024, 2, 29), "leap year"),
        (date(2025, 1, 31), ONE_MONTH, date(2025, 2, 28), "common year"),
        (date(2025, 3, 31), ONE_MONTH, date(2025, 4, 30), "April lacks the 31st"),
        (date(2024, 2, 29), Period(years=1), date(2025, 2, 28), "29 February + 1 year"),
        (date(2024, 8, 31), Period(months=6), date(2025, 2, 28), "months across the year end"),
        # § 188(1): days, the event day not counted
        (date(2024, 12, 20), Period(days=14), date(2025, 1, 3), "days across the year end"),
        (date(2025, 7, 7), Period(days=1), date(2025, 7, 8), "one day"),
    ],
)
def test_deadline_end_on_working_days(event_day, period, expected, why):
    assert deadline_end(event_day, period, NRW_HOLIDAYS) == expected
    assert deadline_end(event_day, period, NRW_HOLIDAYS, apply_section_193=False) == expected


@pytest.mark.parametrize(
    ("event_day", "period", "last_day_by_188", "expected", "why"),
    [
        (
            date(2024, 6, 1),
            Period(weeks=2),
            date(2024, 6, 15),
            date(2024, 6, 17),
            "Saturday → Monday",
        ),
        (date(2024, 6, 2), Period(weeks=4), date(2024, 6, 30), date(2024, 7, 1), "Sunday → Monday"),
        (
            date(2026, 1, 31),
            ONE_MONTH,
            date(2026, 2, 28),
            date(2026, 3, 2),
            "§ 188(3) then Saturday",
        ),
        # Fronleichnam (Thursday 19.06.2025) is a holiday in NRW
        (date(2025, 5, 22), FOUR_WEEKS, date(2025, 6, 19), date(2025, 6, 20), "Fronleichnam"),
        (date(2024, 4, 30), ONE_MONTH, date(2024, 5, 30), date(2024, 5, 31), "Fronleichnam 2024"),
        (
            date(2024, 10, 4),
            FOUR_WEEKS,
            date(2024, 11, 1),
            date(2024, 11, 4),
            "Allerheiligen, Friday",
        ),
        # Karfreitag, Saturday, Easter Sunday, Ostermontag: four days later
        (date(2025, 3, 21), FOUR_WEEKS, date(2025, 4, 18), date(2025, 4, 22), "Easter"),
        (date(2025, 5, 10), FOUR_WEEKS, date(2025, 6, 7), date(2025, 6, 10), "Pentecost weekend"),
        # 25.12.2020 Friday, 26.12. Saturday, 27.12. Sunday → Monday 28.12.
        (
            date(2020, 11, 27),
            FOUR_WEEKS,
            date(2020, 12, 25),
            date(2020, 12, 28),
            "Christmas on Friday",
        ),
        # 01.01.2021 Friday → Monday 04.01.2021
        (date(2020, 12, 4), FOUR_WEEKS, date(2021, 1, 1), date(2021, 1, 4), "New Year on Friday"),
        # 25.12.2022 Sunday, 26.12. Monday → Tuesday 27.12.
        (
            date(2022, 11, 27),
            FOUR_WEEKS,
            date(2022, 12, 25),
            date(2022, 12, 27),
            "Christmas on Sunday",
        ),
        # 25.12.2025 Thursday, 26.12. Friday, weekend → Monday 29.12.
        (
            date(2025, 11, 27),
            FOUR_WEEKS,
            date(2025, 12, 25),
            date(2025, 12, 29),
            "Christmas on Thursday",
        ),
        # 31.12.2022 Saturday, 01.01.2023 Sunday → Monday 02.01.2023
        (
            date(2022, 12, 3),
            FOUR_WEEKS,
            date(2022, 12, 31),
            date(2023, 1, 2),
            "Silvester on Saturday",
        ),
    ],
)
def test_deadline_end_moves_to_next_working_day(event_day, period, last_day_by_188, expected, why):
    assert deadline_end(event_day, period, NRW_HOLIDAYS, apply_section_193=False) == last_day_by_188
    assert deadline_end(event_day, period, NRW_HOLIDAYS) == expected


def test_holidays_are_those_of_the_place():
    # The same deadline in Berlin ends on Fronleichnam itself.
    assert deadline_end(date(2025, 5, 22), FOUR_WEEKS, BERLIN_HOLIDAYS) == date(2025, 6, 19)
    assert deadline_end(date(2025, 5, 22), FOUR_WEEKS, NRW_HOLIDAYS) == date(2025, 6, 20)
    # and a plain set works as well as a calendar
    assert deadline_end(date(2025, 5, 22), FOUR_WEEKS, nrw_holidays([2025])) == date(2025, 6, 20)
    assert deadline_end(date(2025, 5, 22), FOUR_WEEKS, NO_HOLIDAYS) == date(2025, 6, 19)


# --------------------------------------------------------------------------- § 187(2)


@pytest.mark.parametrize(
    ("start_day", "period", "expected_by_188", "expected_with_193"),
    [
        # the start day counts: 1 March + 1 month ends 31 March (a Sunday in 2024;
        # Monday 1 April is Ostermontag, so § 193 moves it to Tuesday)
        (date(2024, 3, 1), ONE_MONTH, date(2024, 3, 31), date(2024, 4, 2)),
        (date(2025, 1, 15), ONE_MONTH, date(2025, 2, 14), date(2025, 2, 14)),
        (date(2025, 1, 1), ONE_MONTH, date(2025, 1, 31), date(2025, 1, 31)),
        (date(2025, 12, 1), ONE_MONTH, date(2025, 12, 31), date(2025, 12, 31)),
        # the preceding day (30th) is missing in February: its last day (§ 188(3))
        (date(2025, 1, 31), ONE_MONTH, date(2025, 2, 28), date(2025, 2, 28)),
        (date(2024, 1, 31), ONE_MONTH, date(2024, 2, 29), date(2024, 2, 29)),
        (date(2024, 6, 3), Period(days=10), date(2024, 6, 12), date(2024, 6, 12)),
        (date(2024, 6, 3), Period(weeks=2), date(2024, 6, 16), date(2024, 6, 17)),
        # ages: born 10.05.2006, 18 years complete at the end of 09.05.2024
        (date(2006, 5, 10), Period(years=18), date(2024, 5, 9), date(2024, 5, 10)),
        # born on 29 February: the year completes at the end of 28 February
        (date(2000, 2, 29), Period(years=18), date(2018, 2, 28), date(2018, 2, 28)),
    ],
)
def test_deadline_end_begin_of_day(start_day, period, expected_by_188, expected_with_193):
    assert (
        deadline_end_begin_of_day(start_day, period, NRW_HOLIDAYS, apply_section_193=False)
        == expected_by_188
    )
    assert deadline_end_begin_of_day(start_day, period, NRW_HOLIDAYS) == expected_with_193


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
        (date(2024, 5, 31), 0, date(2024, 5, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


# --------------------------------------------------------------------------- Deadline


def make_deadline(**kwargs) -> Deadline:
    kwargs.setdefault("original_due", date(2024, 4, 2))  # Tuesday
    return Deadline(holidays=NRW_HOLIDAYS, **kwargs)


def test_plain_deadline():
    deadline = make_deadline()
    assert deadline.current_due == date(2024, 4, 2)
    assert deadline.days_left(date(2024, 3, 26)) == 7
    assert deadline.days_left(date(2024, 4, 2)) == 0
    assert not deadline.is_overdue(date(2024, 4, 2))  # the whole last day is available
    assert deadline.is_overdue(date(2024, 4, 3))
    assert deadline.days_left(date(2024, 4, 5)) == -3


def test_extensions_keep_the_original():
    deadline = make_deadline().extended(date(2024, 4, 16)).extended(date(2024, 4, 30))
    assert deadline.original_due == date(2024, 4, 2)
    assert deadline.extensions == (date(2024, 4, 16), date(2024, 4, 30))
    assert deadline.current_due == date(2024, 4, 30)
    assert not deadline.is_overdue(date(2024, 4, 20))


def test_an_extension_on_a_holiday_ends_on_the_next_working_day():
    # 1 May 2024 is a Wednesday and a holiday
    assert make_deadline(extensions=(date(2024, 5, 1),)).current_due == date(2024, 5, 2)


@pytest.mark.parametrize("new_due", [date(2024, 4, 2), date(2024, 4, 1), date(2024, 3, 1)])
def test_an_extension_must_be_later_than_the_current_due_date(new_due):
    with pytest.raises(DeadlineError, match="verlängert"):
        make_deadline().extended(new_due)
    with pytest.raises(DeadlineError, match="nicht nach der bisherigen Frist"):
        make_deadline(extensions=(new_due,))


def test_extensions_must_increase():
    with pytest.raises(DeadlineError, match="nicht nach der bisherigen Frist"):
        make_deadline(extensions=(date(2024, 4, 30), date(2024, 4, 16)))


def test_closed_pauses_extend_the_deadline():
    # 10 days paused (10.–19.03. inclusive): Tuesday 02.04. → Friday 12.04.
    deadline = make_deadline(pauses=((date(2024, 3, 10), date(2024, 3, 19)),))
    assert deadline.current_due == date(2024, 4, 12)
    assert deadline.original_due == date(2024, 4, 2)
    # a one-day pause adds one day
    assert make_deadline(pauses=((date(2024, 3, 10), date(2024, 3, 10)),)).current_due == date(
        2024, 4, 3
    )


def test_a_pause_can_shift_the_end_onto_a_weekend_and_section_193_applies_again():
    # 4 days: 02.04. + 4 = Saturday 06.04. → Monday 08.04.
    deadline = make_deadline(pauses=((date(2024, 3, 10), date(2024, 3, 13)),))
    assert deadline.current_due == date(2024, 4, 8)


def test_pauses_add_up_and_apply_on_top_of_extensions():
    deadline = make_deadline(
        extensions=(date(2024, 4, 16),),
        pauses=((date(2024, 3, 4), date(2024, 3, 5)), (date(2024, 3, 11), date(2024, 3, 13))),
    )
    assert deadline.current_due == date(2024, 4, 22)  # Tuesday 16.04. + 5 = Sunday → Monday


def test_an_open_pause_stops_the_clock():
    deadline = make_deadline().paused_from(date(2024, 3, 25))
    assert deadline.current_due == date(2024, 4, 2)  # closed pauses only
    assert deadline.is_paused(date(2024, 4, 10))
    assert not deadline.is_overdue(date(2024, 4, 10))
    # counted through 10.04.: 17 days after 02.04. → Friday 19.04.
    assert deadline.due_on(date(2024, 4, 10)) == date(2024, 4, 19)
    assert deadline.days_left(date(2024, 4, 10)) == 9

    resumed = deadline.resumed_on(date(2024, 3, 31))  # 7 days paused
    assert resumed.pauses == ((date(2024, 3, 25), date(2024, 3, 31)),)
    assert resumed.current_due == date(2024, 4, 9)
    assert not resumed.is_paused(date(2024, 4, 1))


def test_pause_transitions_check_the_state():
    paused = make_deadline().paused_from(date(2024, 3, 25))
    with pytest.raises(DeadlineError, match="bereits seit dem 25.03.2024 gehemmt"):
        paused.paused_from(date(2024, 3, 27))
    with pytest.raises(DeadlineError, match="nicht gehemmt"):
        make_deadline().resumed_on(date(2024, 3, 27))


@pytest.mark.parametrize(
    ("pauses", "word"),
    [
        (
            ((date(2024, 3, 10), date(2024, 3, 15)), (date(2024, 3, 15), date(2024, 3, 20))),
            "überschneidet",
        ),
        (
            ((date(2024, 3, 10), date(2024, 3, 15)), (date(2024, 3, 12), date(2024, 3, 13))),
            "überschneidet",
        ),
        (((date(2024, 3, 10), date(2024, 3, 15)), (date(2024, 3, 1), date(2024, 3, 2))), "vor ihr"),
        (((date(2024, 3, 10), None), (date(2024, 3, 20), date(2024, 3, 21))), "noch offen"),
        (((date(2024, 3, 10), date(2024, 3, 9)),), "vor ihrem Beginn"),
    ],
)
def test_inconsistent_pauses_are_rejected(pauses, word):
    with pytest.raises(DeadlineError, match=word):
        make_deadline(pauses=pauses)


def test_adjacent_pauses_are_fine():
    deadline = make_deadline(
        pauses=((date(2024, 3, 10), date(2024, 3, 11)), (date(2024, 3, 12), date(2024, 3, 13)))
    )
    assert deadline.current_due == date(2024, 4, 8)  # + 4 days = Saturday → Monday


def test_deadline_is_a_value():
    assert make_deadline() == make_deadline()
    assert hash(make_deadline()) == hash(make_deadline())
    assert make_deadline() != make_deadline().extended(date(2024, 4, 16))
    assert issubclass(DeadlineError, ValueError)


# --------------------------------------------------------------------------- properties

event_days = st.dates(date(1995, 1, 1), date(2090, 12, 31))
periods = st.one_of(
    st.builds(Period, days=st.integers(1, 400)),
    st.builds(Period, weeks=st.integers(1, 60)),
    st.builds(Period, months=st.integers(1, 36)),
    st.builds(Period, years=st.integers(1, 5)),
)
week_periods = st.builds(Period, weeks=st.integers(1, 60))


@st.composite
def event_and_random_holidays(draw):
    """An event in 2030 and an arbitrary holiday set around the deadlines it can reach."""
    event_day = draw(st.dates(date(2030, 1, 1), date(2030, 12, 31)))
    holidays = draw(st.frozensets(st.dates(date(2030, 1, 1), date(2032, 12, 31)), max_size=200))
    return event_day, holidays


def _non_working(day: date, holidays) -> bool:
    return day.weekday() in (SAT, SUN) or day in holidays


@given(event_days, periods)
def test_nrw_deadline_never_ends_on_a_weekend_or_holiday(event_day, period):
    end = deadline_end(event_day, period, NRW_HOLIDAYS)
    assert end.weekday() not in (SAT, SUN)
    assert end not in holidays_lib.Germany(subdiv="NW", years=end.year)
    assert end > event_day


@given(event_and_random_holidays(), periods)
def test_section_193_moves_to_the_first_working_day_and_no_further(data, period):
    event_day, holidays = data
    last_day = deadline_end(event_day, period, holidays, apply_section_193=False)
    end = deadline_end(event_day, period, holidays)
    assert end > event_day
    assert not _non_working(end, holidays)
    assert end >= last_day
    day = last_day
    while day < end:
        assert _non_working(day, holidays)
        day += timedelta(days=1)


@given(event_days, week_periods)
def test_weeks_keep_the_weekday_and_move_at_most_four_days_in_nrw(event_day, period):
    last_day = deadline_end(event_day, period, NRW_HOLIDAYS, apply_section_193=False)
    assert last_day.weekday() == event_day.weekday()
    assert last_day - event_day == timedelta(weeks=period.weeks)
    # Longest NRW run: Karfreitag, Saturday, Easter Sunday, Ostermontag (or Christmas on a
    # Thursday): four days.
    extra = (deadline_end(event_day, period, NRW_HOLIDAYS) - event_day).days - 7 * period.weeks
    assert 0 <= extra <= 4


@given(event_days, week_periods)
def test_weeks_without_holidays_move_at_most_over_a_weekend(event_day, period):
    extra = (deadline_end(event_day, period, NO_HOLIDAYS) - event_day).days - 7 * period.weeks
    assert extra == {SAT: 2, SUN: 1}.get(event_day.weekday(), 0)


@given(event_and_random_holidays(), week_periods)
def test_weeks_move_at_most_over_the_holiday_run_of_the_set(data, period):
    event_day, holidays = data
    extra = (deadline_end(event_day, period, holidays) - event_day).days - 7 * period.weeks
    # The bound comes from the set: the run of weekend days and holidays that starts on
    # the last day of the period, counted here independently of the implementation.
    last_day = event_day + timedelta(weeks=period.weeks)
    run = 0
    while _non_working(last_day + timedelta(days=run), holidays):
        run += 1
    assert extra == run
    assert 7 * period.weeks <= (deadline_end(event_day, period, holidays) - event_day).days


@given(event_days, st.integers(0, 60), periods)
def test_a_later_event_never_gives_an_earlier_end(event_day, delay, period):
    later = event_day + timedelta(days=delay)
    assert deadline_end(event_day, period, NRW_HOLIDAYS) <= deadline_end(
        later, period, NRW_HOLIDAYS
    )


@given(event_and_random_holidays(), st.integers(0, 60), week_periods)
def test_monotone_with_any_holiday_set(data, delay, period):
    event_day, holidays = data
    later = event_day + timedelta(days=delay)
    assert deadline_end(event_day, period, holidays) <= deadline_end(later, period, holidays)


@given(event_days, st.integers(1, 36))
def test_months_end_on_the_same_day_number_or_the_last_of_the_month(event_day, months):
    last_day = deadline_end(event_day, Period(months=months), NO_HOLIDAYS, apply_section_193=False)
    assert (last_day.year * 12 + last_day.month) - (event_day.year * 12 + event_day.month) == months
    if last_day.day != event_day.day:
        assert last_day.day < event_day.day
        assert (last_day + timedelta(days=1)).day == 1  # last day of its month


@given(event_days, st.one_of(st.builds(Period, days=st.integers(1, 400)), week_periods))
def test_begin_of_day_counts_the_start_day(start_day, period):
    # § 187(2) vs (1) for days and weeks: starting at the beginning of a day is the same as
    # an event on the day before.
    assert deadline_end_begin_of_day(
        start_day, period, NO_HOLIDAYS, apply_section_193=False
    ) == deadline_end(start_day - timedelta(days=1), period, NO_HOLIDAYS, apply_section_193=False)


@given(event_days, st.integers(1, 60))
def test_begin_of_day_months_end_the_day_before_the_corresponding_day(start_day, months):
    last_day = deadline_end_begin_of_day(
        start_day, Period(months=months), NO_HOLIDAYS, apply_section_193=False
    )
    if start_day.day <= 28:  # the corresponding day exists in every month
        assert last_day + timedelta(days=1) == add_months(start_day, months)
    else:
        assert last_day.day in (start_day.day - 1, 28, 29, 30)
    assert last_day >= start_day


@given(
    original=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    gaps=st.lists(st.integers(1, 90), max_size=4),
    pause_lengths=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 20)), max_size=4),
    today=st.dates(date(2023, 6, 1), date(2031, 12, 31)),
)
def test_deadline_properties(original, gaps, pause_lengths, today):
    extensions = []
    due = original
    for gap in gaps:
        due += timedelta(days=gap)
        extensions.append(due)
    pauses = []
    cursor = original - timedelta(days=200)
    total = 0
    for gap, length in pause_lengths:
        start = cursor + timedelta(days=gap)
        pauses.append((start, start + timedelta(days=length)))
        total += length + 1
        cursor = start + timedelta(days=length + 1)
    deadline = Deadline(
        original_due=original,
        extensions=tuple(extensions),
        pauses=tuple(pauses),
        holidays=NRW_HOLIDAYS,
    )
    base = extensions[-1] if extensions else original
    assert deadline.original_due == original
    assert deadline.current_due == next_working_day(base + timedelta(days=total), NRW_HOLIDAYS)
    assert deadline.current_due >= base + timedelta(days=total)
    assert is_working_day(deadline.current_due, NRW_HOLIDAYS)
    assert deadline.is_overdue(today) == (deadline.days_left(today) < 0)
    assert deadline.is_overdue(today) == (today > deadline.current_due)
    # extending never shortens the deadline and keeps what was there
    later = deadline.extended(deadline.current_due + timedelta(days=1))
    assert later.current_due > deadline.current_due
    assert later.original_due == original
    assert later.extensions[:-1] == deadline.extensions
    with pytest.raises(DeadlineError):
        deadline.extended(deadline.current_due)


@given(
    original=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    start_offset=st.integers(-60, 0),
    days_into_pause=st.integers(0, 400),
)
def test_a_deadline_paused_before_it_expires_is_never_overdue_while_paused(
    original, start_offset, days_into_pause
):
    start = original + timedelta(days=start_offset)
    deadline = Deadline(original_due=original, holidays=NRW_HOLIDAYS).paused_from(start)
    today = start + timedelta(days=days_into_pause)
    assert deadline.is_paused(today)
    assert not deadline.is_overdue(today)
    assert deadline.days_left(today) >= 1


def test_the_last_day_of_a_pause_is_still_paused_and_the_next_day_is_not():
    resumed = make_deadline().paused_from(date(2024, 3, 25)).resumed_on(date(2024, 3, 31))
    assert resumed.is_paused(date(2024, 3, 31))
    assert not resumed.is_paused(date(2024, 4, 1))
    assert not resumed.is_paused(date(2024, 3, 24))


@pytest.mark.parametrize("amount,words", [
    (1, "eine Woche"), (2, "zwei Wochen"), (5, "fünf Wochen"), (6, "sechs Wochen"), (7, "sieben Wochen"),
    (8, "acht Wochen"), (9, "neun Wochen"), (10, "zehn Wochen"), (11, "elf Wochen"), (12, "zwölf Wochen"),
    (13, "13 Wochen"),
])
def test_periods_are_written_in_german_words_up_to_twelve(amount, words):
    from haertefall.core.deadlines import Period

    assert Period(weeks=amount).label_de == words
    assert Period(months=amount).label_de == words.replace("eine Woche", "ein Monat").replace("Wochen", "Monate")
