"""report_build: as-of semantics, country ranking, successors, historical figures (the public
variant is tested in test_disclosure.py)."""

from datetime import date

import pytest

from haertefall.cases.states import Step
from haertefall.registers.models import Country
from haertefall.statistics.report import report_build, report_compare
from haertefall.statistics.services import historical_figures_import

from .helpers import history_add, request_path

pytestmark = pytest.mark.django_db
YEARS = range(2020, 2022)


def test_a_decision_after_the_cut_off_does_not_count_the_case_stays_open():
    history_add(received_on=date(2021, 3, 1), steps=request_path(date(2021, 9, 1)))

    before = report_build(as_of=date(2021, 8, 31), years=YEARS)
    on_the_day = report_build(as_of=date(2021, 9, 1), years=YEARS)

    assert before["outcomes"]["2021"] == {"applications": 1, "requests": 0, "no_request": 0,
                                         "other_closure": 0, "open": 1}
    assert on_the_day["outcomes"]["2021"]["requests"] == 1
    assert on_the_day["request_outcomes"]["2021"]["open"] == 1


def test_a_case_received_after_the_cut_off_is_not_counted_at_all():
    history_add(received_on=date(2021, 12, 1))
    report = report_build(as_of=date(2021, 11, 30), years=YEARS)
    assert report["applications"]["2021"] == 0
    assert report["countries"]["2021"] == {"top": [], "others": 0, "total": 0}


def test_request_outcome_counts_only_when_effective_by_the_cut_off():
    history_add(received_on=date(2020, 2, 1),
                steps=request_path(date(2020, 6, 1), Step.OUTCOME_GRANTED, date(2020, 10, 1)))
    history_add(received_on=date(2020, 2, 2),
                steps=request_path(date(2020, 6, 1), Step.OUTCOME_NOT_FOLLOWED, date(2020, 8, 1)))
    history_add(received_on=date(2020, 2, 3), steps=[(Step.CLOSE_OTHER, date(2020, 3, 1))])
    history_add(received_on=date(2020, 2, 4), steps=[(Step.CHECK_EXCLUDE, date(2020, 2, 20))])

    report = report_build(as_of=date(2020, 9, 1), years=YEARS)

    assert report["request_outcomes"]["2020"] == {"requests": 2, "followed": 0, "not_followed": 1,
                                                 "other_closure": 0, "open": 1}
    assert report["outcomes"]["2020"] == {"applications": 4, "requests": 2, "no_request": 1,
                                         "other_closure": 1, "open": 0}


def test_reopened_case_is_open_again_from_the_reopening():
    steps = [(Step.CLOSE_OTHER, date(2020, 3, 1)), (Step.REOPEN, date(2020, 5, 1))]
    history_add(received_on=date(2020, 2, 1), steps=steps)
    assert report_build(as_of=date(2020, 4, 1), years=YEARS)["outcomes"]["2020"]["other_closure"] == 1
    assert report_build(as_of=date(2020, 6, 1), years=YEARS)["outcomes"]["2020"]["open"] == 1


def test_country_ties_are_ordered_by_the_official_list_name():
    # "DR Kongo" sorts as "Kongo, Demokratische Republik": after Irak, before Libanon.
    for name in ("Libanon", "DR Kongo", "Irak", "Türkei", "Türkei"):
        history_add(received_on=date(2021, 5, 1), country=name)
    top = report_build(as_of=date(2021, 12, 31), years=YEARS)["countries"]["2021"]["top"]
    assert [r["country"] for r in top] == ["Türkei", "Irak", "DR Kongo", "Libanon"]


def test_only_twelve_countries_are_listed_the_rest_is_others():
    names = list(Country.objects.filter(historical=False).order_by("destatis_code")
                 .values_list("name", flat=True)[:14])
    for i, name in enumerate(names):
        for _ in range(20 - i):
            history_add(received_on=date(2021, 1, 10), country=name)
    table = report_build(as_of=date(2021, 12, 31), years=YEARS)["countries"]["2021"]
    assert len(table["top"]) == 12
    assert table["others"] == 8 + 7
    assert table["total"] == sum(r["count"] for r in table["top"]) + table["others"]


def test_historical_state_is_counted_under_todays_country():
    history_add(received_on=date(2021, 1, 5), country="Serbien und Montenegro")
    history_add(received_on=date(2021, 1, 6), country="Jugoslawien")
    history_add(received_on=date(2021, 1, 7), country="Serbien")
    history_add(received_on=date(2021, 1, 8), country="Sowjetunion")
    top = report_build(as_of=date(2021, 12, 31), years=YEARS)["countries"]["2021"]["top"]
    assert top == [{"country": "Serbien", "count": 3}, {"country": "Russland", "count": 1}]


def test_founding_years_only_in_table_6_1_with_their_note(settings):
    settings.HAERTEFALL_STATISTICS_FOUNDING_YEARS = {2020: "Gründungsjahr"}
    history_add(received_on=date(2020, 5, 1))
    report = report_build(as_of=date(2021, 12, 31), years=YEARS)
    assert report["applications"] == {"2020": 1, "2021": 0}
    assert "2020" not in report["outcomes"] and "2020" not in report["countries"]
    assert report["notes"] == {"2020": "Gründungsjahr"}


PUBLISHED = {
    "as_of": "2021-06-30", "years": [2019, 2020],
    "applications": {"2019": 40, "2020": 30},
    "countries": {"2019": {"top": [{"country": "Irak", "count": 40}], "others": 0, "total": 40},
                  "2020": {"top": [{"country": "Iran", "count": 30}], "others": 0, "total": 30}},
    "outcomes": {y: {"applications": n, "requests": n, "no_request": 0, "other_closure": 0, "open": 0}
                 for y, n in (("2019", 40), ("2020", 30))},
    "request_outcomes": {y: {"requests": n, "followed": n, "not_followed": 0, "other_closure": 0, "open": 0}
                         for y, n in (("2019", 40), ("2020", 30))},
    "notes": {},
}


def test_years_before_the_first_case_come_from_published_figures_and_are_marked():
    historical_figures_import(data=PUBLISHED, source="Bericht 2021")
    history_add(received_on=date(2020, 3, 1))  # the first case: 2020 comes from case data

    report = report_build(as_of=date(2021, 12, 31), years=range(2019, 2021))

    assert report["applications"] == {"2019": 40, "2020": 1}
    assert report["countries"]["2019"]["top"] == [{"country": "Irak", "count": 40}]
    assert report["notes"]["2019"].startswith("aus veröffentlichten Zahlen (Bericht 2021")
    assert "2020" not in report["notes"]
    assert report_build(as_of=date(2021, 12, 31), years=range(2019, 2021),
                        include_historical=False)["applications"]["2019"] == 0


def test_published_figures_with_a_later_cut_off_are_not_used():
    historical_figures_import(data=PUBLISHED, source="Bericht 2021")
    assert report_build(as_of=date(2021, 1, 1), years=range(2019, 2020))["applications"]["2019"] == 0


def test_compare_lists_every_differing_cell():
    ours = report_build(as_of=date(2021, 6, 30), years=range(2019, 2021))
    diffs = report_compare(ours, PUBLISHED)
    assert "applications.2019: ours 0, published 40" in diffs
    assert "outcomes.2020.requests: ours 0, published 30" in diffs
    assert "countries.2019.top.Irak: ours –, published 40" in diffs
    assert report_compare(PUBLISHED, PUBLISHED) == []


def test_percentiles_interpolate_between_ranks_like_numpy():
    from haertefall.statistics.report import percentiles_from_histogram

    assert percentiles_from_histogram({1: 1, 2: 1, 3: 1, 4: 1}) == {0.5: 2.5, 0.9: 3.7}
    assert percentiles_from_histogram({10: 3}) == {0.5: 10, 0.9: 10}


def test_processing_times_from_receipt_to_decision_and_request_to_outcome():
    from haertefall.statistics.report import processing_times

    history_add(received_on=date(2020, 1, 1),
                steps=request_path(date(2020, 1, 11), Step.OUTCOME_GRANTED, date(2020, 1, 31)))
    history_add(received_on=date(2020, 1, 1),
                steps=request_path(date(2020, 1, 31), Step.OUTCOME_NOT_FOLLOWED, date(2020, 3, 1)))
    history_add(received_on=date(2020, 1, 1), steps=[(Step.CHECK_EXCLUDE, date(2020, 1, 5))])

    times = processing_times(as_of=date(2020, 12, 31), years=[2020])["2020"]
    assert times["decision"] == {"n": 2, "median": 20.0, "p90": 28.0}
    assert times["outcome"] == {"n": 2, "median": 25.0, "p90": 29.0}  # 20 and 30 days (leap year)
    assert processing_times(as_of=date(2020, 2, 15), years=[2020])["2020"]["outcome"]["n"] == 1
