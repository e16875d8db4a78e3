"""Disclosure control of the ministry's statistics holds across every report it can request
(issue 17, item 2; decision 0098).

The attacks of the outside test are performed here: subtracting two reports (two ranges of
receipt years, two cut-off dates) and solving the tables' totals for hidden cells, with an
integer program that knows everything a reader knows.
"""

import json
import random
from datetime import date
from itertools import combinations

import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from haertefall.cases.states import Step
from haertefall.registers.models import Authority
from haertefall.statistics.conf import SMALL_COUNTS, SUPPRESSED
from haertefall.statistics.disclosure import (
    OTHER_AUTHORITIES,
    authorities_protect,
    public_cutoffs,
    public_report,
)
from haertefall.statistics.report import authority_table as authority_table_uncached

from .helpers import history_add, request_path

pytestmark = pytest.mark.django_db
MEASURES = ("requests", "followed")


TRUTH = {}


def authority_table(*, as_of, years):
    """The office's unprotected table (the truth the reader is after), read once per date."""
    key = (as_of, tuple(years))
    if key not in TRUTH:
        TRUTH[key] = authority_table_uncached(as_of=as_of, years=years)
    return TRUTH[key]


def row(name, applications, requests, followed):
    share = round(100 * followed / requests, 1) if requests else None
    return {"authority": name, "applications": applications, "requests": requests, "followed": followed,
            "share_followed": share}


def by_name(rows):
    return {r["authority"]: r for r in rows}


# --- the rules, one by one ----------------------------------------------------------------

def test_a_hidden_count_is_not_left_alone_in_its_column():
    """The old variant hid B's 2 requests and showed A's 10: 12 requests in table 6.3 minus 10
    gave B's 2 back. Now a second cell of the column is hidden with it."""
    rows = by_name(authorities_protect([row("A", 40, 10, 9), row("B", 5, 2, 1), row("C", 9, 6, 6)]))
    assert rows["B"]["requests"] == SUPPRESSED and rows["B"]["followed"] == SUPPRESSED
    hidden_requests = [n for n, r in rows.items() if r["requests"] == SUPPRESSED]
    hidden_followed = [n for n, r in rows.items() if r["followed"] == SUPPRESSED]
    assert len(hidden_requests) >= 2 and len(hidden_followed) >= 2
    assert rows["B"]["share_followed"] == SUPPRESSED
    assert all(r["applications"] != SUPPRESSED for r in rows.values())


def test_authorities_with_fewer_than_three_applications_are_grouped_never_alone():
    rows = authorities_protect([row("A", 40, 10, 9), row("B", 8, 4, 3), row("C", 2, 1, 1), row("D", 1, 0, 0)])
    assert [r["authority"] for r in rows] == ["A", "B", OTHER_AUTHORITIES]
    assert rows[-1] == {"authority": OTHER_AUTHORITIES, "applications": 3, "requests": 1, "followed": 1,
                          "share_followed": 100.0}
    # One small authority alone would be recognisable: the smallest listed one joins it.
    rows = authorities_protect([row("A", 40, 10, 9), row("B", 8, 4, 3), row("C", 2, 1, 1)])
    assert [r["authority"] for r in rows] == ["A", OTHER_AUTHORITIES]
    assert rows[-1]["applications"] == 10


def test_the_public_variant_has_cross_tables_only_for_complete_years_one_table_per_year():
    for _ in range(4):
        history_add(received_on=date(2024, 5, 1), country="Irak")
        history_add(received_on=date(2025, 5, 1), country="Irak")
    history_add(received_on=date(2025, 6, 1), country="Iran")
    report = public_report(as_of=date(2025, 9, 30), years=range(2024, 2026))
    assert list(report["countries"]) == ["2024"]
    assert list(report["extra"]["authorities_by_year"]) == ["2024"]
    assert "authorities" not in report["extra"]
    assert report["applications"] == {"2024": 4, "2025": 5}  # table 6.1 as published
    # After the year's end, 2025 comes with its countries; Iran (1) is counted in "Übrige".
    report = public_report(as_of=date(2025, 12, 31), years=range(2024, 2026))
    assert report["countries"]["2025"] == {"top": [{"country": "Irak", "count": 4}], "others": 1, "total": 5}


def test_the_ministry_chooses_only_fixed_cut_off_dates(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get("/statistik/?as_of=2025-12-24&year_from=2024&year_to=2025")
    assert response.status_code == 400
    assert "Die zusammengefasste Statistik gibt es zu festen Stichtagen" in response.content.decode()
    response = client.get("/api/statistics/report/?as_of=2025-12-24&year_from=2024&year_to=2025")
    assert response.status_code == 400
    assert "festen Stichtagen" in json.dumps(response.json(), ensure_ascii=False)
    page = client.get("/statistik/").content.decode()
    assert '<select name="as_of"' in page and '<option value="2025-12-31">31.12.2025</option>' in page
    assert client.get("/statistik/?as_of=2025-12-31&year_from=2024&year_to=2025").status_code == 200


def test_the_office_still_chooses_any_cut_off_date(client, office_user):
    client.force_login(office_user)
    assert client.get("/statistik/?as_of=2025-12-24&year_from=2024&year_to=2025").status_code == 200
    assert client.get("/statistik/?as_of=2025-12-24&year_from=2024&year_to=2025&suppress=on").status_code == 200


def test_the_grid_is_quarter_ends_and_the_report_day():
    dates = public_cutoffs(first_year=2025, today=date(2025, 11, 20))
    assert dates == [date(2025, 11, 15), date(2025, 9, 30), date(2025, 6, 30), date(2025, 3, 31)]


# --- the attacks over every period --------------------------------------------------------

DATA_YEARS = range(2021, 2024)


@pytest.fixture
def history():
    """About 80 applications of 2021–2023 at seven authorities (some with one or two), decided
    and answered over the following quarters."""
    rng = random.Random(17)
    authorities = list(Authority.objects.order_by("key")[:7])
    weights = [30, 20, 12, 8, 4, 2, 1]
    countries = ["Irak", "Türkei", "Iran", "Syrien", "Armenien"]
    for year in DATA_YEARS:
        for authority, weight in zip(authorities, weights, strict=True):
            for _ in range(max(1, round(weight * rng.uniform(0.4, 1.0)))):
                received = date(year, rng.randint(1, 12), rng.randint(1, 28))
                roll = rng.random()
                if roll < 0.55:
                    decided = date(received.year + rng.randint(0, 1), rng.randint(1, 12), 15)
                    decided = max(decided, received)
                    outcome = rng.choice([None, Step.OUTCOME_GRANTED, Step.OUTCOME_GRANTED, Step.OUTCOME_NOT_FOLLOWED])
                    outcome_on = date(decided.year + 1, rng.randint(1, 12), 10) if outcome else None
                    steps = request_path(decided, outcome, outcome_on)
                else:
                    steps = []
                history_add(received_on=received, steps=steps, authority=authority,
                            country=rng.choice(countries[: 2 + year % 3]))


def ministry_periods():
    """Every period the ministry can request for these data: each public cut-off date from the
    first receipt until the history is over (later ones repeat the last), each range of years."""
    cutoffs = [d for d in public_cutoffs(first_year=2021, today=date(2026, 12, 5)) if d <= date(2025, 12, 31)]
    ranges = [(a, b) for a in DATA_YEARS for b in DATA_YEARS if a <= b]
    return sorted(cutoffs), [(c, a, b) for c in sorted(cutoffs) for a, b in ranges if b <= c.year]


def cross_cells(report):
    """Every published cross-table cell: (table, receipt year, row, column) -> value."""
    cells = {}
    for year, table in report["countries"].items():
        for r in table["top"]:
            cells[("countries", year, r["country"], "count")] = r["count"]
        cells[("countries", year, "Übrige", "count")] = table["others"]
    for year, rows in report["extra"]["authorities_by_year"].items():
        for r in rows:
            for column in ("applications", *MEASURES):
                cells[("authorities", year, r["authority"], column)] = r[column]
    return cells


def test_no_suppressed_cell_follows_from_any_pair_of_periods(history):
    TRUTH.clear()
    cutoffs, periods = ministry_periods()
    reports = {(c, a, b): public_report(as_of=c, years=range(a, b + 1)) for c, a, b in periods}
    cells = {period: cross_cells(report) for period, report in reports.items()}
    assert len(periods) > 60

    # 1. Subtracting two periods: every cell both publish is the same figure and hidden in
    #    both or in neither, so the difference of two reports is a difference of whole stocks,
    #    never a figure of single applications. Applications of a complete year are the same at
    #    every later cut-off date, so two cut-off dates give no new applications either.
    pairs = 0
    for p, q in combinations(periods, 2):
        pairs += 1
        common = cells[p].keys() & cells[q].keys()
        for key in common:
            a, b = cells[p][key], cells[q][key]
            if p[0] == q[0] or key[3] in ("count", "applications"):
                assert a == b, (p, q, key, a, b)
            assert (a == SUPPRESSED) == (b == SUPPRESSED) or p[0] != q[0], (p, q, key)
    assert pairs > 2000

    # 2. Nothing small is shown: every count of 1 or 2 of a single authority is hidden or
    #    grouped; no country or authority is listed with fewer than 3 applications.
    for (c, _a, _b), report in reports.items():
        for year in report["extra"]["authorities_by_year"]:
            truth = by_name(authority_table(as_of=c, years=[int(year)]))
            for r in report["extra"]["authorities_by_year"][year]:
                if r["authority"] == OTHER_AUTHORITIES:
                    assert sum(1 for t in truth.values() if t["authority"] not in
                               {x["authority"] for x in report["extra"]["authorities_by_year"][year]}) >= 2
                    continue
                assert r["applications"] >= 3
                for measure in MEASURES:
                    if truth[r["authority"]][measure] in SMALL_COUNTS:
                        assert r[measure] == SUPPRESSED, (c, year, r)
        for table in report["countries"].values():
            assert all(r["count"] >= 3 for r in table["top"])

    # 3. Solving the totals: for every receipt year and every pair of cut-off dates (and each
    #    alone), no hidden cell has only one possible value.
    hidden_seen = 0
    by_year_and_cutoff = {}
    for (c, _a, _b), report in reports.items():
        for year, rows in report["extra"]["authorities_by_year"].items():
            by_year_and_cutoff[(year, c)] = (rows, report["outcomes"][year], report["request_outcomes"][year])
    for year in {y for y, _c in by_year_and_cutoff}:
        dates = sorted(c for y, c in by_year_and_cutoff if y == year)
        for chosen in [*([d] for d in dates), *combinations(dates, 2)]:
            hidden_seen += reader_cannot_pin(year, [(d, *by_year_and_cutoff[(year, d)]) for d in chosen])
    assert hidden_seen > 0, "the data must give the attack something to find"


def reader_cannot_pin(year, tables) -> int:
    """Integer program of a reader who knows the shown cells of the given tables (one receipt
    year at one or two cut-off dates), the column totals (tables 6.3 and 6.5), followed ≤
    requests ≤ applications, hidden ≥ 0, and that stocks do not shrink between the dates.
    Asserts that each hidden cell has at least two possible values; returns how many there were."""
    truth = {d: by_name(authority_table(as_of=d, years=[int(year)])) for d, *_rest in tables}
    variables = [(d, r["authority"], m) for d, rows, _o, _r in tables for r in rows for m in MEASURES
                 if r[m] == SUPPRESSED]
    if not variables:
        return 0
    index = {v: i for i, v in enumerate(variables)}
    shown = {(d, r["authority"], m): r[m] for d, rows, _o, _r in tables for r in rows for m in MEASURES}
    applications = {(d, r["authority"]): r["applications"] for d, rows, _o, _r in tables for r in rows}
    lines, low, high = [], [], []

    def constraint(coefficients: dict, lo, hi):
        line = [0] * len(variables)
        constant = 0
        for key, factor in coefficients.items():
            if key in index:
                line[index[key]] += factor
            else:
                constant += factor * shown[key]
        if any(line):
            lines.append(line)
            low.append(lo - constant)
            high.append(hi - constant)

    for d, rows, outcomes, request_outcomes in tables:
        totals = {"requests": outcomes["requests"], "followed": request_outcomes["followed"]}
        for m in MEASURES:
            constraint({(d, r["authority"], m): 1 for r in rows}, totals[m], totals[m])
        for r in rows:
            constraint({(d, r["authority"], "followed"): 1, (d, r["authority"], "requests"): -1}, -10**6, 0)
    if len(tables) == 2:
        (first, *_), (second, *_) = tables
        for _d, name, m in variables:
            earlier, later = (first, name, m), (second, name, m)
            if earlier in shown and later in shown and \
                    truth[first].get(name, {}).get(m, 0) <= truth[second].get(name, {}).get(m, 0):
                constraint({earlier: 1, later: -1}, -10**6, 0)
    bounds = Bounds([0] * len(variables), [applications[(d, name)] for d, name, _m in variables])
    constraints = LinearConstraint(lines, low, high)
    for variable in variables:
        values = []
        for sign in (1, -1):
            objective = [0] * len(variables)
            objective[index[variable]] = sign
            result = milp(objective, constraints=constraints, bounds=bounds, integrality=[1] * len(variables))
            assert result.success, (year, variable, result.message)
            values.append(round(result.x[index[variable]]))
        assert values[0] < values[1], f"{year} {variable}: nur der Wert {values[0]} ist möglich"
    return len(variables)
