"""Pure rules of the authorities part (no database): when a deadline reminder is due."""

from datetime import date

BEFORE = "before"
AFTER = "after"


def reminder_due(*, due: date, today: date, days_before: int, repeat_days: int) -> tuple[str, int] | None:
    """Which reminder a still-open deadline needs on ``today``, as (kind, number), or None.

    * ``days_before`` days before the deadline up to the due day: one reminder ("before", 0).
    * From the day after the deadline: a reminder ("after", 0), then one every
      ``repeat_days`` days ("after", 1), ("after", 2) …

    The caller sends it only if no reminder with the same (kind, due, number) was sent, so
    running the command several times a day, or after missing days, sends each at most once
    and never a backlog.
    """
    if today > due:
        if repeat_days <= 0:
            return (AFTER, 0)
        return (AFTER, ((today - due).days - 1) // repeat_days)
    if days_before > 0 and (due - today).days <= days_before:
        return (BEFORE, 0)
    return None
