"""The report reads what the lifecycle services write (no bulk shortcuts)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haertefall.cases.services.lifecycle import (
    case_decide,
    case_prescreen,
    case_record_outcome,
    case_step,
)
from haertefall.cases.states import Step
from haertefall.statistics.report import report_build
from tests.factories import make_case


@pytest.mark.django_db
def test_steps_recorded_by_the_services_move_the_case_through_the_tables(office_user):
    today = timezone.localdate()
    start = today - timedelta(days=100)
    case = make_case(actor=office_user, received_on=start)
    case = case_step(case=case, actor=office_user, step=Step.CHECK_PASS, effective_on=start + timedelta(days=5))
    case = case_prescreen(case=case, actor=office_user, decided_on=start + timedelta(days=10), take_up=True)
    for offset, step in enumerate((Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT, Step.MARK_READY,
                                   Step.PLACE_ON_AGENDA), start=11):
        case = case_step(case=case, actor=office_user, step=step, effective_on=start + timedelta(days=offset))
    decided = start + timedelta(days=40)
    case = case_decide(case=case, actor=office_user, decided_on=decided, decision="request")
    case = case_step(case=case, actor=office_user, step=Step.SEND_REQUEST, effective_on=decided)
    case = case_step(case=case, actor=office_user, step=Step.RECORD_INTENDED_DECISION,
                     effective_on=decided + timedelta(days=20))
    case_record_outcome(case=case, actor=office_user, outcome="granted", effective_on=decided + timedelta(days=30))

    years = range(start.year, today.year + 1)
    year = str(start.year)

    def row(as_of):
        report = report_build(as_of=as_of, years=years)
        return report["outcomes"][year], report["request_outcomes"][year]

    outcomes, _ = row(decided - timedelta(days=1))
    assert (outcomes["open"], outcomes["requests"]) == (1, 0)
    outcomes, requests = row(decided)
    assert (outcomes["open"], outcomes["requests"], requests["open"]) == (0, 1, 1)
    _, requests = row(today)
    assert (requests["followed"], requests["open"]) == (1, 0)
