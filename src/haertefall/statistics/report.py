"""The activity report's tables 6.1–6.6 (and more) as of any cut-off date.

Selectors only: every figure is an aggregate query over the read model ``CaseFigures`` (one
narrow row per case and reopening, kept from the case events; docs/decisions/0003 and
0103), so memory does not grow with the number of cases. A case counts for its receipt year
when ``received_on <= as_of``; of its rows the one whose validity covers the cut-off date
counts, with the status of the latest of decision, answer and revocation on or before it.
Every table is one grouped statement with these date filters.

The result has exactly the shape of the published figures
(/work/shared/domain/published-figures-2024.json); keys are strings of years as in JSON.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from datetime import date

from django.db import models
from django.db.models import Count, F, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from haertefall.cases.models import Case
from haertefall.cases.states import REQUEST_STATUSES, StatStatus
from haertefall.registers.country_lookup import german_sort_key
from haertefall.registers.models import Authority, Country

from . import recorded
from .conf import HISTORICAL_NOTE, TOP_COUNTRIES, founding_years
from .figures import SPLIT_COLUMNS
from .models import CaseFigures, HistoricalFigures

REPORT_KEYS = ("as_of", "years", "applications", "countries", "outcomes", "request_outcomes", "notes")
OUTCOME_KEYS = ("applications", "requests", "no_request", "other_closure", "open")
REQUEST_OUTCOME_KEYS = ("requests", "followed", "not_followed", "other_closure", "open")
OTHERS_LABEL = "Übrige"
TOTAL_LABEL = "Gesamt"

# --- building blocks ----------------------------------------------------------------------

def figures_counted(*, as_of: date, years) -> QuerySet[CaseFigures]:
    """Per case that counts for its receipt year as of the cut-off date, the one row whose
    validity covers that date."""
    return CaseFigures.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=as_of),
        Q(valid_until__isnull=True) | Q(valid_until__gt=as_of),
        _in_years(years), received_on__lte=as_of,
    )


def _in_years(years) -> Q:
    """Receipt years; consecutive ones (the usual "2005–2023") as a range, which costs one
    comparison per row instead of a look-up in a list."""
    years = sorted(years)
    if years and years == list(range(years[0], years[-1] + 1)):
        return Q(year__gte=years[0], year__lte=years[-1])
    return Q(year__in=years)


def status_on(as_of: date) -> models.Case:
    """The row's statistical status as of ``as_of``: its latest step on or before that day."""
    return models.Case(
        models.When(revoked_on__lte=as_of, then=Value(StatStatus.REQUEST_OTHER_CLOSURE)),
        models.When(answered_on__lte=as_of, then=F("answer")),
        models.When(decided_on__lte=as_of, then=F("decision")),
        default=Value(StatStatus.OPEN),
        output_field=models.CharField(),
    )


COUNTED_COUNTRY = "counted_country"


def _grouped(*, as_of: date, years, recorded_as_of: date | None = None,
             sums: bool = True) -> QuerySet | list[dict]:
    """Counted cases grouped by receipt year, counted country and status, with their sums:
    the one statement that tables 6.1–6.6 and ``extra``'s persons and minors share. Tables
    6.1–6.6 alone count applications only (``sums=False``: the grouping is the cost, and every
    sum widens what the database sorts).

    The counted country is the main person's assigned successor of a dissolved state, else the
    nationality as recorded (mapped to today's country afterwards).
    ``recorded_as_of``: only what had been recorded by the end of that day ("nach
    Erfassungsstand", decision 0121), grouped in memory from the rebuilt rows."""
    if recorded_as_of is not None:
        return recorded.grouped(recorded.rows_as_recorded(recorded_as_of=recorded_as_of, years=years),
                                as_of=as_of, years=years)
    aggregates = {"cases": Count("*")}
    if sums:
        applies = _split_q(as_of)
        aggregates.update(
            persons_sum=Sum("persons"), minors_sum=Sum("minors"), born_sum=Sum("with_birth_date"),
            **{column: Sum(models.Case(models.When(applies, then=F(column)), default=Value(0),
                                       output_field=models.IntegerField()))
               for column in SPLIT_COLUMNS.values()})
    return (
        figures_counted(as_of=as_of, years=years)
        .annotate(counted_country=Coalesce("country_assigned_id", "country_id"), status=status_on(as_of))
        .values("year", COUNTED_COUNTRY, "status")
        .annotate(**aggregates)
        .order_by()
    )


def _split_q(as_of: date) -> Q:
    """Persons with their own outcome (decision 0122) count under it from the authority's
    answer on, until a revocation turns the whole request into "other closure"."""
    return Q(answered_on__lte=as_of) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=as_of))


def _status_cells(rows) -> dict[int, dict[str, dict[str, int]]]:
    """year -> status -> {"cases", "persons"}. Cases count by the application's status; persons
    with an outcome of their own (decision 0122) count under it instead."""
    result: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    for row in rows:
        cell = result[row["year"]].setdefault(row["status"], {"cases": 0, "persons": 0})
        cell["cases"] += row["cases"]
        cell["persons"] += row.get("persons_sum") or 0
        for status, column in SPLIT_COLUMNS.items():
            moved = row.get(column) or 0
            if moved:
                cell["persons"] -= moved
                result[row["year"]].setdefault(status, {"cases": 0, "persons": 0})["persons"] += moved
    return result


def _outcomes(statuses: dict[str, dict[str, int]], measure: str = "cases") -> tuple[dict, dict]:
    def n(*keys):
        return sum(statuses.get(k, {}).get(measure, 0) for k in keys)

    requests = n(*REQUEST_STATUSES)
    outcomes = {
        "applications": n(*StatStatus.values),
        "requests": requests,
        "no_request": n(StatStatus.NO_REQUEST),
        "other_closure": n(StatStatus.OTHER_CLOSURE),
        "open": n(StatStatus.OPEN),
    }
    request_outcomes = {
        "requests": requests,
        "followed": n(StatStatus.REQUEST_FOLLOWED),
        "not_followed": n(StatStatus.REQUEST_NOT_FOLLOWED),
        "other_closure": n(StatStatus.REQUEST_OTHER_CLOSURE),
        "open": n(StatStatus.REQUEST_OPEN),
    }
    return outcomes, request_outcomes


class _CountryMap:
    """Maps country ids to the country counted today (successor chain), with sort keys."""

    def __init__(self):
        rows = {c.pk: c for c in Country.objects.only("pk", "name", "sort_name", "successor_id")}
        self._rows = rows
        self._current: dict[int, Country] = {}

    def current_name(self, country_id: int) -> str:
        """The country's own name, as recorded."""
        return self._rows[country_id].name

    def current(self, country_id: int) -> Country:
        if country_id not in self._current:
            country = self._rows[country_id]
            seen = {country.pk}
            while country.successor_id is not None and country.successor_id not in seen:
                country = self._rows[country.successor_id]
                seen.add(country.pk)
            self._current[country_id] = country
        return self._current[country_id]


def rank_countries(counts: dict[Country, int], *, top: int = TOP_COUNTRIES) -> dict:
    """Top ``top`` by count, ties by the official German list name (DIN 5007), then the rest."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], german_sort_key(item[0].sort_name)))
    head = ordered[:top]
    total = sum(counts.values())
    return {
        "top": [{"country": c.name, "count": n} for c, n in head],
        "others": total - sum(n for _c, n in head),
        "total": total,
    }


def _country_table(rows, mapping: _CountryMap) -> dict[int, dict[Country, int]]:
    """year -> today's country -> applications, from rows grouped by counted country."""
    by_id: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        by_id[row["year"]][row[COUNTED_COUNTRY]] += row["cases"]
    result: dict[int, dict[Country, int]] = {}
    for year, counts in by_id.items():
        table: dict[Country, int] = defaultdict(int)
        for pk, n in counts.items():
            table[mapping.current(pk)] += n
        result[year] = table
    return result


def _counted_by_default(rows, mapping: _CountryMap) -> dict[int, list[dict]]:
    """Per year, applications of a dissolved state with several successors whose successor was
    not assigned, counted under the register's default (issue 14; decision 0107):
    ``[{"state": "Sowjetunion", "counted_as": "Russland", "count": 3}]``."""
    dissolved = set(Country.objects.filter(successor_states__isnull=False).values_list("pk", flat=True))
    found: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        if row[COUNTED_COUNTRY] in dissolved:
            found[row["year"]][row[COUNTED_COUNTRY]] += row["cases"]
    return {
        year: [{"state": mapping.current_name(pk), "counted_as": mapping.current(pk).name, "count": n}
               for pk, n in sorted(counts.items(), key=lambda item: mapping.current_name(item[0]))]
        for year, counts in found.items()
    }


def historical_for(as_of: date) -> HistoricalFigures | None:
    """The latest published figures whose own cut-off date is not after ``as_of``."""
    return HistoricalFigures.objects.filter(as_of__lte=as_of).order_by("-as_of", "-imported_at").first()


def first_case_year() -> int | None:
    return Case.objects.aggregate(first=Min("year"))["first"]


# --- the report ---------------------------------------------------------------------------

def report_build(*, as_of: date, years: range, include_historical: bool = True,
                 recorded_as_of: date | None = None) -> dict:
    """Tables 6.1–6.6 as of ``as_of`` for receipt years ``years`` (published JSON shape);
    with ``recorded_as_of`` as recorded by the end of that day (decision 0121)."""
    years = list(years)
    rows = list(_grouped(as_of=as_of, years=years, recorded_as_of=recorded_as_of, sums=False))
    return _report_from(rows, as_of=as_of, years=years, include_historical=include_historical,
                        recorded_as_of=recorded_as_of)


def _report_from(rows: list[dict], *, as_of: date, years: list[int], include_historical: bool,
                 recorded_as_of: date | None) -> dict:
    """Tables 6.1–6.6 from the one statement that counts cases by year, country and status."""
    founding = founding_years()
    analysis_years = _analysis_years(years)
    statuses = _status_cells(rows)
    analysed = [r for r in rows if r["year"] in analysis_years]
    mapping = _CountryMap()
    countries = _country_table(analysed, mapping)
    by_default = _counted_by_default(analysed, mapping)

    historical = historical_for(as_of) if include_historical else None
    first_year = first_case_year()
    from_history: set[int] = set()
    if historical is not None:
        published_years = historical.data.get("applications", {})
        from_history = {
            y for y in years
            if str(y) in published_years and (first_year is None or y < first_year)
        }

    report: dict = {
        "as_of": as_of.isoformat(),
        "years": years,
        "applications": {},
        "countries": {},
        "outcomes": {},
        "request_outcomes": {},
        "notes": {},
    }
    if recorded_as_of is not None:
        report["recorded_as_of"] = recorded_as_of.isoformat()
    for year in years:
        key = str(year)
        if year in from_history:
            data = historical.data
            report["applications"][key] = data["applications"][key]
            if year in analysis_years:
                for table in ("countries", "outcomes", "request_outcomes"):
                    if key in data.get(table, {}):
                        report[table][key] = copy.deepcopy(data[table][key])
            continue
        outcomes, request_outcomes = _outcomes(statuses.get(year, {}))
        report["applications"][key] = outcomes["applications"]
        if year in analysis_years:
            report["countries"][key] = rank_countries(countries.get(year, {}))
            if by_default.get(year):
                report["countries"][key]["counted_by_default"] = by_default[year]
            report["outcomes"][key] = outcomes
            report["request_outcomes"][key] = request_outcomes

    for year in years:
        notes = []
        if year in founding:
            notes.append(founding[year])
        if year in from_history:
            notes.append(
                f"{HISTORICAL_NOTE} ({historical.source}, Stand {historical.as_of:%d.%m.%Y})"
            )
        if notes:
            report["notes"][str(year)] = "; ".join(notes)
    return report


def historical_years(report: dict) -> set[str]:
    """Years of a built report that come from published figures, not from case data."""
    return {y for y, note in report.get("notes", {}).items() if HISTORICAL_NOTE in note}


# --- beyond the published report ----------------------------------------------------------

def report_extra(*, as_of: date, years: range, recorded_as_of: date | None = None) -> dict:
    """What other commissions publish: persons, authorities, processing times, minors.

    Only case data (historical figures have none of this). Founding years are left out as in
    tables 6.2–6.6.
    """
    analysis_years = _analysis_years(years)
    rows = list(_grouped(as_of=as_of, years=analysis_years, recorded_as_of=recorded_as_of))
    return _extra_from(rows, as_of=as_of, years=years, recorded_as_of=recorded_as_of)


def _analysis_years(years) -> list[int]:
    founding = founding_years()
    return [y for y in years if y not in founding]


def _extra_from(rows: list[dict], *, as_of: date, years, recorded_as_of: date | None) -> dict:
    """``report_extra`` with persons and minors taken from the rows that also give tables
    6.1–6.6 (counted cases by year, country and status; rows of other years are left out)."""
    analysis_years = _analysis_years(years)
    wanted = set(analysis_years)
    rows = [row for row in rows if row["year"] in wanted]
    statuses = _status_cells(rows)
    persons = {}
    for year in analysis_years:
        outcomes, request_outcomes = _outcomes(statuses.get(year, {}), measure="persons")
        persons[str(year)] = {**outcomes, **{f"request_{k}": v for k, v in request_outcomes.items()
                                             if k != "requests"}}
    minors = {str(y): {"minors": 0, "with_birth_date": 0} for y in analysis_years}
    for row in rows:
        cell = minors[str(row["year"])]
        cell["minors"] += row["minors_sum"] or 0
        cell["with_birth_date"] += row["born_sum"] or 0
    return {
        "persons": persons,
        "authorities": authority_table(as_of=as_of, years=analysis_years, recorded_as_of=recorded_as_of),
        "processing_times": processing_times(as_of=as_of, years=analysis_years, recorded_as_of=recorded_as_of),
        "minors": minors,
    }


AUTHORITY_MEASURES = ("applications", "requests", "followed")


def _authority_counts(*, as_of: date, years, recorded_as_of: date | None = None):
    """Per receipt year and immigration authority: applications, requests and followed
    requests, as of the cut-off date (one grouped statement)."""
    if recorded_as_of is not None:
        return recorded.authority_counts(recorded.rows_as_recorded(recorded_as_of=recorded_as_of, years=years),
                                         as_of=as_of, years=years)
    return (
        figures_counted(as_of=as_of, years=years)
        .annotate(status=status_on(as_of))
        .values("year", "authority_id")
        .annotate(applications=Count("*"),
                  requests=Count("pk", filter=Q(status__in=REQUEST_STATUSES)),
                  followed=Count("pk", filter=Q(status=StatStatus.REQUEST_FOLLOWED)))
        .order_by()
    )


def authority_tables(*, as_of: date, years, recorded_as_of: date | None = None) -> dict[int, list[dict]]:
    """Per receipt year the table of ``authority_table`` (one statement for all years)."""
    cells: dict[int, dict[int | None, dict]] = {year: {} for year in years}
    for row in _authority_counts(as_of=as_of, years=years, recorded_as_of=recorded_as_of):
        cells[row["year"]][row["authority_id"]] = {k: row[k] for k in AUTHORITY_MEASURES}
    names = _authority_names({pk for table in cells.values() for pk in table})
    return {year: _authority_rows(table, names) for year, table in cells.items()}


def authority_table(*, as_of: date, years, recorded_as_of: date | None = None) -> list[dict]:
    """Applications, requests, followed and share followed per immigration authority, summed
    over the receipt years."""
    table: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(AUTHORITY_MEASURES, 0))
    for row in _authority_counts(as_of=as_of, years=years, recorded_as_of=recorded_as_of):
        cell = table[row["authority_id"]]
        for key in AUTHORITY_MEASURES:
            cell[key] += row[key]
    return _authority_rows(table, _authority_names(set(table)))


def _authority_names(ids) -> dict[int, str]:
    return dict(Authority.objects.filter(pk__in=[pk for pk in ids if pk]).values_list("pk", "name"))


def _authority_rows(table: dict[int | None, dict[str, int]], names: dict[int, str]) -> list[dict]:
    result = []
    for authority_id, cell in table.items():
        share = round(100 * cell["followed"] / cell["requests"], 1) if cell["requests"] else None
        result.append({"authority": names.get(authority_id, "ohne Angabe"), **cell,
                       "share_followed": share})
    result.sort(key=lambda r: (-r["applications"], german_sort_key(r["authority"])))
    return result


def percentiles_from_histogram(histogram: dict[int, int], qs=(0.5, 0.9)) -> dict[float, float]:
    """Exact percentiles (linear interpolation between the nearest ranks, as numpy's default)
    from a histogram value -> count."""
    n = sum(histogram.values())
    wanted = {}
    for q in qs:
        pos = (n - 1) * q
        wanted[q] = (int(pos), min(int(pos) + 1, n - 1), pos - int(pos))
    ranks = {i for lo, hi, _f in wanted.values() for i in (lo, hi)}
    at: dict[int, int] = {}
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        for rank in ranks:
            if seen <= rank < seen + count:
                at[rank] = value
        seen += count
    return {q: round(at[lo] + (at[hi] - at[lo]) * frac, 1) for q, (lo, hi, frac) in wanted.items()}


def _summary(histogram: dict[int, int]) -> dict | None:
    if not histogram:
        return None
    p = percentiles_from_histogram(histogram)
    return {"n": sum(histogram.values()), "median": p[0.5], "p90": p[0.9]}


def processing_times(*, as_of: date, years, recorded_as_of: date | None = None) -> dict[str, dict]:
    """Days from receipt to the commission's decision and from request to the authority's
    answer, per receipt year: median and 90th percentile.

    Every decision and answer on or before the cut-off date counts, also those of a case's
    earlier rounds (before a reopening); the database returns a histogram of days per year,
    so memory does not grow with the cases.
    """
    decision: dict[int, Counter] = defaultdict(Counter)
    outcome: dict[int, Counter] = defaultdict(Counter)
    if recorded_as_of is not None:
        for row in recorded.rows_as_recorded(recorded_as_of=recorded_as_of, years=years):
            if row["received_on"] > as_of or row["decided_on"] is None or row["decided_on"] > as_of:
                continue
            if row["decision_days"] is not None:
                decision[row["year"]][row["decision_days"]] += 1
            if row["answered_on"] is not None and row["answered_on"] <= as_of and row["answer_days"] is not None:
                outcome[row["year"]][row["answer_days"]] += 1
        return _times(years, decision, outcome)
    counted = CaseFigures.objects.filter(_in_years(years), received_on__lte=as_of)
    for year, days, n in (
        counted.filter(decided_on__lte=as_of, decision_days__isnull=False)
        .values_list("year", "decision_days").annotate(n=Count("*")).order_by()
    ):
        decision[year][days] += n
    for year, days, n in (
        counted.filter(decided_on__lte=as_of, answered_on__lte=as_of, answer_days__isnull=False)
        .values_list("year", "answer_days").annotate(n=Count("*")).order_by()
    ):
        outcome[year][days] += n
    return _times(years, decision, outcome)


def _times(years, decision: dict[int, Counter], outcome: dict[int, Counter]) -> dict[str, dict]:
    return {
        str(year): {"decision": _summary(decision.get(year, {})), "outcome": _summary(outcome.get(year, {}))}
        for year in years
    }


# --- comparing with a published report ----------------------------------------------------

def report_compare(ours: dict, published: dict) -> list[str]:
    """Every figure that differs, as ``path: ours X, published Y``; notes and extra ignored.

    Country tables are compared by country (and others/total), not by position: the order of
    equal counts is presentation, and the published 2019 table breaks its own tie rule.
    """
    diffs: list[str] = []

    def differ(path, a, b):
        if a != b:
            diffs.append(f"{path}: ours {_fmt(a)}, published {_fmt(b)}")

    differ("as_of", ours.get("as_of"), published.get("as_of"))
    differ("years", ours.get("years"), published.get("years"))
    for table in ("applications", "outcomes", "request_outcomes"):
        a_table, b_table = ours.get(table, {}), published.get(table, {})
        for year in sorted(set(a_table) | set(b_table)):
            a, b = a_table.get(year), b_table.get(year)
            if isinstance(a, dict) or isinstance(b, dict):
                a, b = a or {}, b or {}
                for key in list(dict.fromkeys([*b.keys(), *a.keys()])):
                    differ(f"{table}.{year}.{key}", a.get(key), b.get(key))
            else:
                differ(f"{table}.{year}", a, b)
    a_countries, b_countries = ours.get("countries", {}), published.get("countries", {})
    for year in sorted(set(a_countries) | set(b_countries)):
        a, b = a_countries.get(year) or {}, b_countries.get(year) or {}
        a_top = {r["country"]: r["count"] for r in a.get("top", [])}
        b_top = {r["country"]: r["count"] for r in b.get("top", [])}
        for country in list(dict.fromkeys([*b_top, *a_top])):
            differ(f"countries.{year}.top.{country}", a_top.get(country), b_top.get(country))
        for key in ("others", "total"):
            differ(f"countries.{year}.{key}", a.get(key), b.get(key))
    return diffs


def _fmt(value) -> str:
    return "–" if value is None else str(value)


def report_with_extra(*, as_of: date, years: range, recorded_as_of: date | None = None) -> dict:
    """The report plus ``extra`` as the office sees it on the page, in the downloads and the API
    (the public variant is ``disclosure.public_report``, decision 0098); ``recorded_as_of``:
    as recorded by the end of that day (decision 0121)."""
    years = list(years)
    rows = list(_grouped(as_of=as_of, years=years, recorded_as_of=recorded_as_of))
    report = _report_from(rows, as_of=as_of, years=years, include_historical=True, recorded_as_of=recorded_as_of)
    report["extra"] = _extra_from(rows, as_of=as_of, years=years, recorded_as_of=recorded_as_of)
    return report
