"""Every closure is reachable through the services of the parts that own the steps
(docs/decisions/0080-step-owners.md): no step needs the generic case-file form any more."""

from datetime import date, timedelta

import pytest

from haertefall.authorities import services as authorities
from haertefall.cases.services.lifecycle import case_check_formally, case_step
from haertefall.cases.states import Closure, State, Step
from haertefall.meetings.models import ItemDecision, Meeting
from haertefall.meetings.services import (
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    item_decide,
    meeting_plan,
)
from haertefall.meetings.services.decisions import Votes
from tests.factories import UserFactory, make_case
from tests.meetings_world import all_present, build_commission

from ..authorities_support import private_media  # noqa: F401 — letters go to a temp folder

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def world(office_user):
    from haertefall.accounts.models import Role

    head = UserFactory(username="leitung-paths", role=Role.OFFICE_HEAD)
    commission = build_commission(actor=office_user, chair=head)
    case = make_case(actor=office_user, received_on=TODAY - timedelta(days=30))
    case_check_formally(case=case, actor=office_user, checked_on=TODAY - timedelta(days=29))
    return {"office": office_user, "commission": commission, "case": case}


def _session(world, kind, **kwargs):
    meeting = meeting_plan(kind=kind, date=TODAY, actor=world["office"], commission=world["commission"],
                           place="" if kwargs.get("written_procedure") else "Düsseldorf", **kwargs)
    item = agenda_item_add(meeting=meeting, case=world["case"], actor=world["office"])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=world["office"])
    return item


def prescreen(world, outcome):
    item = _session(world, Meeting.Kind.PRESCREEN, written_procedure=True)
    votes = Votes(3, 0, 0) if outcome == ItemDecision.Outcome.TAKE_UP else Votes(0, 3, 0)
    item_decide(item=item, outcome=outcome, actor=world["office"], reasons="Vorprüfung", votes=votes)


def statement(world):
    request = authorities.statement_request(case=world["case"], actor=world["office"], requested_on=TODAY)
    authorities.statement_answer(request=request, actor=world["office"], answered_on=TODAY, text="Keine Bedenken.")


def ready(world):
    prescreen(world, ItemDecision.Outcome.TAKE_UP)
    statement(world)
    case_step(case=world["case"], actor=world["office"], step=Step.MARK_READY, effective_on=TODAY)


def decide(world, outcome):
    item = _session(world, Meeting.Kind.COMMISSION)
    votes = {ItemDecision.Outcome.REQUEST: Votes(7, 3, 0), ItemDecision.Outcome.NO_REQUEST: Votes(2, 8, 0)}
    item_decide(item=item, outcome=outcome, actor=world["office"], reasons="Beratung", votes=votes.get(outcome))


def sent(world):
    ready(world)
    decide(world, ItemDecision.Outcome.REQUEST)
    return authorities.hardship_request_send(case=world["case"], actor=world["office"], sent_on=TODAY)


def _closed(world):
    case = world["case"]
    case.refresh_from_db()
    assert case.state == State.CLOSED
    return case


def test_prescreen_reject_closes_without_request(world):
    prescreen(world, ItemDecision.Outcome.NO_TAKE_UP)
    assert _closed(world).closure == Closure.NO_REQUEST


def test_commission_no_request(world):
    ready(world)
    decide(world, ItemDecision.Outcome.NO_REQUEST)
    assert _closed(world).closure == Closure.NO_REQUEST


def test_defer_remove_from_agenda_and_decide_later(world):
    ready(world)
    decide(world, ItemDecision.Outcome.DEFERRED)
    world["case"].refresh_from_db()
    assert world["case"].state == State.READY
    meeting = meeting_plan(kind=Meeting.Kind.COMMISSION, date=TODAY, actor=world["office"],
                           commission=world["commission"], place="Düsseldorf")
    item = agenda_item_add(meeting=meeting, case=world["case"], actor=world["office"])
    agenda_item_remove(item=item, actor=world["office"])  # REMOVE_FROM_AGENDA is the meetings part's
    world["case"].refresh_from_db()
    assert world["case"].state == State.READY
    assert list(world["case"].events.values_list("step", flat=True))[-2:] == [Step.PLACE_ON_AGENDA,
                                                                              Step.REMOVE_FROM_AGENDA]
    decide(world, ItemDecision.Outcome.REQUEST)
    world["case"].refresh_from_db()
    assert world["case"].state == State.REQUEST_DECIDED


def test_info_request_and_answer_through_authorities(world):
    prescreen(world, ItemDecision.Outcome.TAKE_UP)
    statement(world)
    info = authorities.info_request(case=world["case"], actor=world["office"], recipient="submitter",
                                    requested_on=TODAY, due_on=TODAY + timedelta(days=14), text="Meldebescheinigung")
    authorities.info_answer(info=info, actor=world["office"], answered_on=TODAY, text="Liegt bei.")
    world["case"].refresh_from_db()
    assert world["case"].state == State.STATEMENT_RECEIVED


@pytest.mark.parametrize("follow, kind, closure", [
    (True, "granted", Closure.FOLLOWED),
    (False, "refused", Closure.NOT_FOLLOWED),
    (None, "other", Closure.REQUEST_OTHER_CLOSURE),
])
def test_outcomes_after_a_request(world, follow, kind, closure, django_capture_on_commit_callbacks):
    hardship = sent(world)
    if follow is not None:
        with django_capture_on_commit_callbacks(execute=True):  # the ministry's e-mail goes out
            authorities.intended_decision_record(hardship_request=hardship, actor=world["office"], follow=follow,
                                                 reasons="" if follow else "Straftaten", recorded_on=TODAY)
    authorities.outcome_record(hardship_request=hardship, actor=world["office"], kind=kind, decided_on=TODAY,
                               other_reason="departure" if kind == "other" else "")
    assert _closed(world).closure == closure


def test_a_closed_case_leaves_the_authority_queues(world):
    """Revoking (the commission's decision) or withdrawing closes the case: the authority no
    longer sees a request or statement waiting, and no reminder goes out."""
    from haertefall.authorities import selectors
    from haertefall.authorities.reminders import reminders_send
    from haertefall.cases.services.lifecycle import case_close_other, case_revoke_request
    from haertefall.cases.states import ClosureReason

    hardship = sent(world)
    office = world["office"]
    assert selectors.hardship_requests_awaiting_intended(user=office).filter(pk=hardship.pk).exists()
    case_revoke_request(case=world["case"], actor=office, revoked_on=TODAY)
    assert not selectors.hardship_requests_awaiting_intended(user=office).filter(pk=hardship.pk).exists()

    other = make_case(actor=office, received_on=TODAY - timedelta(days=90), family_name="Berisha")
    case_check_formally(case=other, actor=office, checked_on=TODAY - timedelta(days=89))
    case_step(case=other, actor=office, step=Step.PRESCREEN_TAKE_UP, effective_on=TODAY - timedelta(days=88))
    request = authorities.statement_request(case=other, actor=office, requested_on=TODAY - timedelta(days=60))
    case_close_other(case=other, actor=office, closed_on=TODAY, reason=ClosureReason.WITHDRAWAL)
    assert not selectors.statements_open(user=office).filter(pk=request.pk).exists()
    assert not [r for r in reminders_send(today=TODAY) if r.statement_request_id == request.pk]
