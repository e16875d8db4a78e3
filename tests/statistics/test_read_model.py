"""The read model (``CaseFigures``) gives the same tables as the events, on random histories.

The reference (tests/statistics/reference.py) counts from the events as the report did before
the read model: a correlated subquery per case, the events walked for processing times, the
persons for minors. Histories are random walks through ``ALLOWED_TRANSITIONS``, reopenings and
revocations included, with countries that have successors, several authorities and persons
with and without birth dates; the cut-off dates fall before, between and after the steps.
"""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haertefall.cases.states import ALLOWED_TRANSITIONS, STAT_STATUS, State, Step
from haertefall.registers.models import Authority
from haertefall.statistics.figures import figures_rebuild
from haertefall.statistics.report import report_build, report_extra

from .helpers import history_add
from .reference import reference_extra, reference_report

YEARS = range(2018, 2023)
PIPELINE = [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT,
            Step.MARK_READY, Step.PLACE_ON_AGENDA]
SENT = [Step.SEND_REQUEST, Step.RECORD_INTENDED_DECISION]
# How a round of a case ends (after the receipt or a reopening), as the steps that lead there.
ENDINGS = [
    [],  # still open
    [Step.CHECK_EXCLUDE],
    [Step.CHECK_PASS, Step.PRESCREEN_REJECT],
    *([*PIPELINE[:k], Step.CLOSE_OTHER] for k in range(len(PIPELINE) + 1)),
    [*PIPELINE, Step.DECIDE_DEFER, Step.PLACE_ON_AGENDA, Step.DECIDE_NO_REQUEST],
    [*PIPELINE, Step.DECIDE_REQUEST],
    [*PIPELINE, Step.DECIDE_REQUEST, Step.REVOKE_REQUEST],
    [*PIPELINE, Step.DECIDE_REQUEST, Step.SEND_REQUEST, Step.OUTCOME_OTHER],
    [*PIPELINE, Step.DECIDE_REQUEST, *SENT, Step.OUTCOME_NOT_FOLLOWED],
    [*PIPELINE, Step.DECIDE_REQUEST, *SENT, Step.OUTCOME_GRANTED],
    [*PIPELINE, Step.DECIDE_REQUEST, *SENT, Step.OUTCOME_GRANTED, Step.REVOKE_REQUEST],
]


def history(rounds: list[int]) -> list[str]:
    """Steps of one case: rounds ending as ENDINGS[i], a reopening between closed rounds;
    checked against the transition table."""
    steps: list[str] = []
    for i, ending in enumerate(rounds):
        if i:
            if not steps or ALLOWED_TRANSITIONS[steps[-1]][1] != State.CLOSED:
                break
            steps.append(Step.REOPEN)
        steps += ENDINGS[ending]
    state = State.RECEIVED
    for step in steps:
        assert state in ALLOWED_TRANSITIONS[step][0], (steps, step)
        state = ALLOWED_TRANSITIONS[step][1]
    return steps


case_strategy = st.tuples(
    st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 12, 31)),
    st.tuples(st.lists(st.integers(0, len(ENDINGS) - 1), min_size=1, max_size=3),
              st.lists(st.integers(0, 120), min_size=40, max_size=40)),
    st.sampled_from(["Türkei", "Irak", "Serbien", "Jugoslawien", "Iran", "Kosovo"]),
    st.integers(0, 2),
    st.lists(st.one_of(st.none(), st.integers(-20 * 365, 40 * 365)), max_size=3),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_cases=st.lists(case_strategy, min_size=1, max_size=10),
       cut_offs=st.lists(st.dates(min_value=date(2017, 12, 1), max_value=date(2025, 6, 30)), min_size=1,
                         max_size=3))
def test_read_model_and_events_give_the_same_tables(raw_cases, cut_offs):
    authorities = list(Authority.objects.order_by("key")[:3])
    step_dates = []
    with transaction.atomic():
        for received, choices, country, authority, ages in raw_cases:
            when, steps = received, []
            rounds, gaps = choices
            for step, gap in zip(history(rounds), gaps, strict=False):
                when = when + timedelta(days=gap)
                steps.append((step, when))
                if step in STAT_STATUS:
                    step_dates.append(when)
            # Ages in days on the receipt date (negative: born after it, as typos are).
            births = [None if a is None else received - timedelta(days=a) for a in ages]
            history_add(received_on=received, steps=steps, country=country,
                        authority=authorities[authority], persons=max(1, len(births)), birth_dates=births)
        assert figures_rebuild(repair=False).equal
        # Also every day a status changes and the day before, where "on or before" matters.
        days = {*cut_offs, *step_dates, *(d - timedelta(days=1) for d in step_dates)}
        for as_of in sorted(days):
            report = report_build(as_of=as_of, years=YEARS, include_historical=False)
            expected = reference_report(as_of=as_of, years=YEARS)
            for table in ("applications", "countries", "outcomes", "request_outcomes"):
                assert report[table] == expected[table], (as_of, table)
            assert report_extra(as_of=as_of, years=YEARS) == reference_extra(as_of=as_of, years=YEARS), as_of
        transaction.set_rollback(True)
