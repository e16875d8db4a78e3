"""How often the commission must meet (§ 6 Abs. 2 HFKVO): pure date arithmetic.

At least monthly; at least quarterly where a pre-screening committee is formed. The office is
warned about each calendar month (or quarter) of the next three months, counting the current
one, in which no commission session is planned.
"""

from collections.abc import Iterable
from datetime import date

MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
             "Oktober", "November", "Dezember"]
LOOKAHEAD_MONTHS = 3


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def missing_session_periods(session_dates: Iterable[date], *, today: date, quarterly: bool) -> list[str]:
    """German labels of the periods in the look-ahead window without any session date."""
    months = [_add_months(today.year, today.month, n) for n in range(LOOKAHEAD_MONTHS)]
    held = {(d.year, d.month) for d in session_dates}
    if not quarterly:
        return [f"{MONTHS_DE[m - 1]} {y}" for (y, m) in months if (y, m) not in held]
    held_quarters = {(y, (m - 1) // 3 + 1) for (y, m) in held}
    missing = []
    for y, m in months:
        quarter = (y, (m - 1) // 3 + 1)
        label = f"{quarter[1]}. Quartal {quarter[0]}"
        if quarter not in held_quarters and label not in missing:
            missing.append(label)
    return missing
