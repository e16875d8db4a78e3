"""Disclosure control of the public variant: what the ministry gets (decision 0098).

Small counts in cross-tables could identify a person. Hiding them is not enough when the
hidden cell follows from the totals or from another report the same reader may ask for, so
the public variant is built to hold across every report the ministry can request:

- **Fixed periods.** Cut-off dates lie on a grid (quarter ends and the Land's report day,
  ``public_cutoffs``); receipt years are whole calendar years.
- **Cross-tables only for complete receipt years.** A year's countries and authorities are
  shown once the cut-off lies on or after its 31 December. Their applications no longer change
  then, so two cut-off dates cannot be subtracted to find single new applications.
- **One table per receipt year.** The authority table is no longer summed over the chosen
  years, so the report for 2025–2026 minus the report for 2025 gives nothing new.
- **Small units are grouped, not hidden.** Countries and authorities with fewer than
  ``PUBLIC_MIN_COUNT`` applications are counted in "Übrige"; the grouping depends only on the
  applications, which no longer change, so it is the same at every cut-off date.
- **Secondary suppression.** Requests and followed requests of the authorities that are listed
  change over time; counts of 1 and 2 are hidden ("•"), and further cells of the same column
  are hidden until no hidden cell follows from the column's total (tables 6.3 and 6.5) and
  the rows' order (followed ≤ requests ≤ applications).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from haertefall.registers.country_lookup import german_sort_key

from .conf import SMALL_COUNTS, SUPPRESSED
from .models import CaseFigures, HistoricalFigures
from .report import authority_tables, report_with_extra

PUBLIC_MIN_COUNT = 3
OTHER_AUTHORITIES = "Übrige Ausländerbehörden"
# Quarter ends and NRW's report day (the activity report counts as of 15 November).
DEFAULT_CUTOFF_DAYS = ((3, 31), (6, 30), (9, 30), (11, 15), (12, 31))
MEASURES = ("requests", "followed")


def cutoff_days() -> tuple[tuple[int, int], ...]:
    """(month, day) of the public cut-off dates; ``HAERTEFALL_STATISTICS_CUTOFF_DAYS`` overrides."""
    configured = getattr(settings, "HAERTEFALL_STATISTICS_CUTOFF_DAYS", None)
    days = DEFAULT_CUTOFF_DAYS if configured is None else configured
    return tuple(sorted((int(month), int(day)) for month, day in days))


def is_public_cutoff(as_of: date) -> bool:
    return (as_of.month, as_of.day) in cutoff_days()


def public_cutoffs(*, first_year: int, today: date) -> list[date]:
    """Every public cut-off date from ``first_year`` up to ``today``, newest first."""
    dates = [date(year, month, day) for year in range(first_year, today.year + 1)
             for month, day in cutoff_days()]
    return sorted((d for d in dates if d <= today), reverse=True)


def cutoff_days_text() -> str:
    return ", ".join(f"{day:02d}.{month:02d}." for month, day in cutoff_days())


def complete_years(*, as_of: date, years) -> list[int]:
    """Receipt years whose 31 December is not after the cut-off date."""
    return [year for year in years if date(year, 12, 31) <= as_of]


# --- the public report --------------------------------------------------------------------

# How long a computed report is kept at most (decision 0124). A write to what the report counts
# changes the key at once; a renamed country in the registers shows within this time, as in
# the case list's cached filters.
REPORT_CACHE_SECONDS = 300


def data_version() -> tuple[int, int, int, int]:
    """Changes with every write to what the report counts: a row of the read model or of the
    published figures is never updated in place but deleted and inserted anew (``statistics.
    figures``, ``services.historical_figures_import``), so its count or its highest id moves."""
    figures = CaseFigures.objects.aggregate(n=Count("id"), last=Max("id"))
    published = HistoricalFigures.objects.aggregate(n=Count("id"), last=Max("id"))
    return figures["n"], figures["last"] or 0, published["n"], published["last"] or 0


def report_for(*, as_of: date, years: range, public: bool, recorded_as_of: date | None = None) -> dict:
    """The report with ``extra`` as a reader gets it: the public variant or the office's own
    (which the office may ask for as recorded by a day, decision 0121).

    Kept in Django's cache under the data's version (decision 0124): the same report asked
    again, by the page, a download or the API, is not counted again until something it counts
    changes. The report by recorded time is rebuilt from the events each time."""
    if recorded_as_of is not None:
        return report_with_extra(as_of=as_of, years=years, recorded_as_of=recorded_as_of)
    key = "statistics-report:" + ":".join(
        str(part) for part in (as_of.isoformat(), years[0], years[-1], int(public), *data_version()))
    if public:
        return cache.get_or_set(key, lambda: public_report(as_of=as_of, years=years), REPORT_CACHE_SECONDS)
    return cache.get_or_set(key, lambda: report_with_extra(as_of=as_of, years=years), REPORT_CACHE_SECONDS)


def public_report(*, as_of: date, years: range) -> dict:
    """The report plus ``extra`` with disclosure control, as the ministry sees it."""
    return report_protect(report_with_extra(as_of=as_of, years=years), as_of=as_of)


def report_protect(report: dict, *, as_of: date) -> dict:
    """A protected copy of a built report (with or without ``extra``)."""
    result = copy.deepcopy(report)
    complete = {str(y) for y in complete_years(as_of=as_of, years=result["years"])}
    result["countries"] = {year: countries_protect(table) for year, table in result["countries"].items()
                           if year in complete}
    extra = result.get("extra")
    if extra is not None:
        extra.pop("authorities", None)
        recorded_as_of = result.get("recorded_as_of")
        tables = authority_tables(
            as_of=as_of, years=sorted(int(year) for year in result["outcomes"] if year in complete),
            recorded_as_of=date.fromisoformat(recorded_as_of) if recorded_as_of else None,
        )
        extra["authorities_by_year"] = {str(year): authorities_protect(rows) for year, rows in tables.items()}
    result["disclosure"] = {
        "complete_years": sorted(complete & set(result["outcomes"]) | complete & set(result["countries"])),
        "min_count": PUBLIC_MIN_COUNT,
    }
    return result


def countries_protect(table: dict) -> dict:
    """Countries with fewer than ``PUBLIC_MIN_COUNT`` applications counted in "Übrige"."""
    top = [row for row in table["top"] if row["count"] >= PUBLIC_MIN_COUNT]
    return {"top": top, "others": table["total"] - sum(row["count"] for row in top),
            "total": table["total"]}


# --- authorities: grouping and secondary suppression -------------------------------------

def authorities_protect(rows: list[dict]) -> list[dict]:
    """One receipt year's authority table (``report.authority_table``), protected.

    Authorities with fewer than ``PUBLIC_MIN_COUNT`` applications are one row "Übrige
    Ausländerbehörden"; when only one authority would be in it, the smallest listed one joins
    it, so that row never stands for a single authority. Requests and followed requests of 1
    and 2 are hidden, with secondary suppression (``Suppression``); a share is shown only where
    both its counts are.
    """
    rows = sorted(rows, key=lambda r: (-r["applications"], german_sort_key(r["authority"])))
    listed = [r for r in rows if r["applications"] >= PUBLIC_MIN_COUNT]
    grouped = [r for r in rows if r["applications"] < PUBLIC_MIN_COUNT]
    if len(grouped) == 1 and listed:
        grouped.append(listed.pop())
    while True:
        suppression = Suppression(listed, grouped)
        if suppression.solve():
            return suppression.rows()
        # A column with a single row cannot be protected: that authority joins "Übrige".
        grouped.append(listed.pop())


@dataclass(frozen=True)
class Cell:
    row: int
    measure: str


class Suppression:
    """Hides requests/followed counts of 1 and 2 of listed authorities and as many more cells
    as their protection needs.

    A hidden cell is protected when a reader who knows every shown figure, the column totals
    (tables 6.3 and 6.5), that hidden counts are not negative and that followed ≤ requests ≤
    applications in each row, can still find two different values for it. Further cells are
    taken from the same column, smallest first (zeros too; "Übrige" last).
    """

    def __init__(self, listed: list[dict], grouped: list[dict]):
        self.listed = len(listed)
        self.table = list(listed)
        if grouped:
            sums = {k: sum(r[k] for r in grouped) for k in ("applications", *MEASURES)}
            share = round(100 * sums["followed"] / sums["requests"], 1) if sums["requests"] else None
            self.table.append({"authority": OTHER_AUTHORITIES, **sums, "share_followed": share})
        self.hidden = {Cell(i, m) for i, row in enumerate(listed) for m in MEASURES
                       if row[m] in SMALL_COUNTS}

    def solve(self) -> bool:
        """Add secondary cells until every hidden cell is protected; False when impossible."""
        while True:
            weak = next((cell for cell in sorted(self.hidden, key=self._order)
                         if not self._protected(cell)), None)
            if weak is None:
                return True
            candidates = sorted(
                (Cell(i, weak.measure) for i in range(len(self.table))
                 if Cell(i, weak.measure) not in self.hidden),
                key=self._order,
            )
            if not candidates:
                return False
            self.hidden.add(candidates[0])

    def rows(self) -> list[dict]:
        result = []
        for i, row in enumerate(self.table):
            shown = {m: SUPPRESSED if Cell(i, m) in self.hidden else row[m] for m in MEASURES}
            share = SUPPRESSED if SUPPRESSED in shown.values() else row["share_followed"]
            result.append({"authority": row["authority"], "applications": row["applications"],
                           **shown, "share_followed": share})
        return result

    def _order(self, cell: Cell):
        row = self.table[cell.row]
        return (cell.row >= self.listed, row[cell.measure], german_sort_key(row["authority"]), cell.measure)

    def _bounds(self, cell: Cell) -> tuple[int, int]:
        """What the row tells about a hidden cell on its own."""
        row = self.table[cell.row]
        low, high = 0, row["applications"]
        if cell.measure == "requests" and Cell(cell.row, "followed") not in self.hidden:
            low = max(low, row["followed"])
        if cell.measure == "followed" and Cell(cell.row, "requests") not in self.hidden:
            high = min(high, row["requests"])
        return low, high

    def _protected(self, cell: Cell) -> bool:
        """A move of one unit between two hidden cells of the column that keeps every rule
        proves two values; without one, the reader's range is computed exactly."""
        value = self.table[cell.row][cell.measure]
        for other in self.hidden:
            if other == cell or other.measure != cell.measure:
                continue
            other_value = self.table[other.row][other.measure]
            if self._can_shift(cell, value, +1) and self._can_shift(other, other_value, -1):
                return True
            if self._can_shift(cell, value, -1) and self._can_shift(other, other_value, +1):
                return True
        low, high = self._reader_range(cell)
        return high > low

    def _can_shift(self, cell: Cell, value: int, step: int) -> bool:
        low, high = self._bounds(cell)
        new = value + step
        if not low <= new <= high:
            return False
        row = self.table[cell.row]
        partner = Cell(cell.row, "followed" if cell.measure == "requests" else "requests")
        if partner in self.hidden:
            requests = new if cell.measure == "requests" else row["requests"]
            followed = new if cell.measure == "followed" else row["followed"]
            return followed <= requests
        return True

    def _reader_range(self, cell: Cell) -> tuple[int, int]:
        """The smallest and largest value the reader can find for ``cell`` (linear program;
        the constraints form a network matrix, so its optimum is whole-numbered)."""
        from scipy.optimize import linprog

        cells = sorted(self.hidden, key=lambda c: (c.measure, c.row))
        index = {c: k for k, c in enumerate(cells)}
        equalities, totals = [], []
        for measure in MEASURES:
            column = [c for c in cells if c.measure == measure]
            if not column:
                continue
            equalities.append([1 if c.measure == measure else 0 for c in cells])
            totals.append(sum(self.table[c.row][measure] for c in column))
        inequalities = []
        for c in cells:
            partner = Cell(c.row, "requests")
            if c.measure == "followed" and partner in self.hidden:
                line = [0] * len(cells)
                line[index[c]], line[index[partner]] = 1, -1
                inequalities.append(line)
        bounds = [self._bounds(c) for c in cells]
        found = []
        for sign in (1, -1):
            objective = [0] * len(cells)
            objective[index[cell]] = sign
            result = linprog(objective, A_ub=inequalities or None, b_ub=[0] * len(inequalities) or None,
                             A_eq=equalities, b_eq=totals, bounds=bounds, method="highs")
            found.append(round(result.x[index[cell]]))
        return found[0], found[1]
