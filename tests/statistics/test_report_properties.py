"""Hypothesis: for random event histories the report matches a plain-Python oracle and the
report's identities hold for every year and cut-off date."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haertefall.cases.states import ALLOWED_TRANSITIONS, STAT_STATUS, Closure, State, Step
from haertefall.statistics.report import report_build

from .helpers import history_add

YEARS = range(2018, 2023)
STEPS = [s for s in ALLOWED_TRANSITIONS if s != Step.RECEIVE]


def walk(choices):
    """Turn random numbers into an allowed step sequence: (step, days after the previous)."""
    state, closure, steps = State.RECEIVED, "", []
    for pick, gap in choices:
        allowed = [s for s in STEPS if state in ALLOWED_TRANSITIONS[s][0]
                   and not (s == Step.REVOKE_REQUEST and state == State.CLOSED and closure != Closure.FOLLOWED)]
        if not allowed:
            break
        step = allowed[pick % len(allowed)]
        _src, state, new_closure = ALLOWED_TRANSITIONS[step]
        closure = new_closure or ""
        steps.append((step, gap))
    return steps


case_strategy = st.tuples(
    st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 12, 31)),
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 200)), max_size=12),
    st.sampled_from(["Türkei", "Irak", "Serbien", "Jugoslawien", "Iran"]),
)


def oracle(cases, as_of):
    """Status per receipt year, computed from the plain history without the database."""
    result = {}
    for received, steps, _country in cases:
        if received > as_of:
            continue
        status = STAT_STATUS[Step.RECEIVE]
        for step, when in steps:
            if when <= as_of and STAT_STATUS.get(step):
                status = STAT_STATUS[step]
        result.setdefault(str(received.year), Counter())[status] += 1
    return result


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_cases=st.lists(case_strategy, min_size=1, max_size=12),
       cut_offs=st.lists(st.dates(min_value=date(2017, 12, 1), max_value=date(2024, 6, 30)), min_size=1,
                         max_size=3))
def test_report_matches_oracle_and_identities_hold(raw_cases, cut_offs):
    cases = []
    for received, choices, country in raw_cases:
        when, steps = received, []
        for step, gap in walk(choices):
            when = when + timedelta(days=gap)
            steps.append((step, when))
        cases.append((received, steps, country))
    with transaction.atomic():
        for received, steps, country in cases:
            history_add(received_on=received, steps=steps, country=country)
        for as_of in cut_offs:
            report = report_build(as_of=as_of, years=YEARS)
            expected = oracle(cases, as_of)
            for year in map(str, YEARS):
                o, r = report["outcomes"][year], report["request_outcomes"][year]
                e = expected.get(year, Counter())
                assert o["applications"] == sum(e.values()) == report["applications"][year]
                assert o["applications"] == o["requests"] + o["no_request"] + o["other_closure"] + o["open"]
                assert r["requests"] == r["followed"] + r["not_followed"] + r["other_closure"] + r["open"]
                assert o["requests"] == r["requests"]
                assert (o["open"], o["no_request"], o["other_closure"]) == (
                    e["open"], e["no_request"], e["other_closure"])
                assert (r["followed"], r["not_followed"], r["other_closure"], r["open"]) == (
                    e["request_followed"], e["request_not_followed"], e["request_other_closure"],
                    e["request_open"])
                countries = report["countries"][year]
                assert countries["total"] == o["applications"]
                assert countries["total"] == sum(x["count"] for x in countries["top"]) + countries["others"]
                assert "Jugoslawien" not in [x["country"] for x in countries["top"]]
        transaction.set_rollback(True)
