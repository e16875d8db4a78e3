"""Months without a session: monthly, or quarterly with a pre-screening committee (§ 6 Abs. 2 HFKVO)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from haertefall.meetings.schedule import missing_session_periods


def test_monthly_names_each_month_without_a_session():
    today = date(2026, 11, 24)
    assert missing_session_periods([date(2026, 12, 3)], today=today, quarterly=False) == [
        "November 2026", "Januar 2027"]


def test_quarterly_only_needs_one_session_per_quarter():
    today = date(2026, 11, 24)
    assert missing_session_periods([date(2026, 10, 2)], today=today, quarterly=True) == ["1. Quartal 2027"]
    assert missing_session_periods([date(2026, 10, 2), date(2027, 3, 30)], today=today, quarterly=True) == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_a_session_in_every_month_leaves_no_gap(today):
    sessions = []
    year, month = today.year, today.month
    for _ in range(3):
        sessions.append(date(year, month, 15))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    assert missing_session_periods(sessions, today=today, quarterly=False) == []
    assert missing_session_periods(sessions, today=today, quarterly=True) == []
    assert len(missing_session_periods([], today=today, quarterly=False)) == 3
