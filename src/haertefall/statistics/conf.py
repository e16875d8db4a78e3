"""Land configuration of the statistics, overridable in the Django settings.

``HAERTEFALL_STATISTICS_FOUNDING_YEARS``: years shown in table 6.1 only, with their note
(NRW: 2005/2006, the commission's founding years, are left out of tables 6.2–6.6).
``HAERTEFALL_COMMISSION_START_YEAR`` (base settings): no year of receipt before it is offered.
"""

from django.conf import settings

DEFAULT_FOUNDING_YEARS = {
    2005: "Sonderfaktoren wegen Neugründung HFK",
    2006: "Sonderfaktoren wegen Neugründung HFK",
}

# Cross-table cells with counts in this set are shown as "•" in the public variant.
SMALL_COUNTS = frozenset({1, 2})
SUPPRESSED = "•"
TOP_COUNTRIES = 12
HISTORICAL_NOTE = "aus veröffentlichten Zahlen"


def commission_start_year() -> int:
    """The first year of receipt there can be (``HAERTEFALL_COMMISSION_START_YEAR``; NRW: 2005)."""
    return int(settings.HAERTEFALL_COMMISSION_START_YEAR)


def founding_years() -> dict[int, str]:
    configured = getattr(settings, "HAERTEFALL_STATISTICS_FOUNDING_YEARS", None)
    years = DEFAULT_FOUNDING_YEARS if configured is None else configured
    return {int(year): str(note) for year, note in years.items()}
