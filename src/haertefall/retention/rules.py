"""Pure retention rules: when a closed case is due for deletion."""

from datetime import date


def retention_due_on(closed_on: date, years: int) -> date:
    """Due on 1 January after ``years`` full calendar years following the closure year
    (the usual German records practice: periods run from the end of the year)."""
    return date(closed_on.year + years + 1, 1, 1)


def closed_before_for_due(today: date, years: int) -> date:
    """Cases closed before this date are due on ``today`` (inverse of retention_due_on)."""
    return date(today.year - years, 1, 1)
