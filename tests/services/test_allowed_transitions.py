"""Every step from every state: accepted exactly when ALLOWED_TRANSITIONS says so."""

from datetime import date

import pytest
from django.db import transaction

from haertefall.cases.models import CaseEvent
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import ALLOWED_TRANSITIONS, Closure, ClosureReason, State, Step
from haertefall.core.errors import StepNotAllowed
from tests.factories import make_case
from tests.services.lifecycle_helpers import case_in_state, drive

pytestmark = pytest.mark.django_db

STEPS = [s for s in Step if s != Step.RECEIVE]

# The procedure, written out from the regulation and the report, not from ALLOWED_TRANSITIONS:
# for each state, the steps the office, the sessions or the authorities may record in it.
S = State
BEFORE_DECISION = {S.RECEIVED, S.CHECKED, S.TAKEN_UP, S.STATEMENT_REQUESTED, S.STATEMENT_RECEIVED,
                   S.INFO_REQUESTED, S.READY, S.SCHEDULED}
EXPECTED: dict[str, set[str]] = {
    # § 4 Abs. 2, § 5 HFKVO: the office checks each application first.
    Step.CHECK_PASS: {S.RECEIVED},
    Step.CHECK_EXCLUDE: {S.RECEIVED},
    # A § 5 Abs. 1 ground found after the check, until the commission decides (decision 0099).
    Step.EXCLUDE_LATER: BEFORE_DECISION - {S.RECEIVED},
    # § 3 Abs. 3 HFKVO: the committee decides on take-up of checked cases.
    Step.PRESCREEN_TAKE_UP: {S.CHECKED},
    Step.PRESCREEN_REJECT: {S.CHECKED},
    # § 4 Abs. 3 HFKVO: the office may put a checked case before the commission, which decides on
    # the take-up itself; the case stays checked until it has (decision 0101).
    Step.PRESENT_FOR_TAKE_UP: {S.CHECKED},
    Step.COMMISSION_TAKE_UP: {S.CHECKED},
    Step.COMMISSION_NO_TAKE_UP: {S.CHECKED},
    # § 4 Abs. 2 HFKVO: the office asks the authority for its statement once the case is taken up,
    # or straight after a check without exclusion grounds where no committee is formed (§ 3 Abs. 3:
    # optional; the named step lifecycle.case_request_statement checks the rule data).
    Step.REQUEST_STATEMENT: {S.CHECKED, S.TAKEN_UP},
    Step.RECEIVE_STATEMENT: {S.STATEMENT_REQUESTED},
    Step.REQUEST_INFO: {S.STATEMENT_RECEIVED, S.READY},
    Step.RECEIVE_INFO: {S.INFO_REQUESTED},
    Step.MARK_READY: {S.STATEMENT_RECEIVED},
    Step.PLACE_ON_AGENDA: {S.READY},
    Step.REMOVE_FROM_AGENDA: {S.SCHEDULED},
    # § 6 Abs. 3 HFKVO: the commission decides in a session on the cases of its agenda.
    Step.DECIDE_REQUEST: {S.SCHEDULED},
    Step.DECIDE_NO_REQUEST: {S.SCHEDULED},
    Step.DECIDE_DEFER: {S.SCHEDULED},
    # § 7 Abs. 2 HFKVO: the office forwards the request; § 7 Abs. 3: the authority's intention.
    Step.SEND_REQUEST: {S.REQUEST_DECIDED},
    Step.RECORD_INTENDED_DECISION: {S.REQUEST_SENT},
    Step.OUTCOME_GRANTED: {S.INTENDED_DECISION},
    Step.OUTCOME_NOT_FOLLOWED: {S.INTENDED_DECISION},
    Step.OUTCOME_OTHER: {S.REQUEST_SENT, S.INTENDED_DECISION},
    # Withdrawal, departure, deportation, death … at any time before the commission's decision,
    # also while the case waits for information or a session.
    Step.CLOSE_OTHER: BEFORE_DECISION,
    # Report ch. 5: a request is withdrawn when it rested on false personal details — while it
    # stands, and after a permit was granted on it (closed as followed; guarded below).
    Step.REVOKE_REQUEST: {S.REQUEST_DECIDED, S.REQUEST_SENT, S.INTENDED_DECISION, S.CLOSED},
    Step.REOPEN: {S.CLOSED},
}


def test_the_written_out_table_names_every_step():
    assert set(EXPECTED) == set(STEPS), "a new step needs its row in EXPECTED, written from the procedure"


class Rollback(Exception):
    pass


def _try(case, actor, step):
    """Apply the step inside a savepoint that is rolled back; True if it was accepted."""
    closure = ALLOWED_TRANSITIONS[step][2]
    try:
        with transaction.atomic():
            result = case_step(case=case, actor=actor, step=step, effective_on=date.today(),
                               closure_reason=ClosureReason.OTHER if closure else "")
            assert result.state == ALLOWED_TRANSITIONS[step][1]
            raise Rollback
    except Rollback:
        return True
    except StepNotAllowed:
        return False


@pytest.mark.parametrize("state", list(State))
def test_every_step_from_state(office_user, state):
    case = case_in_state(make_case, office_user, state)
    before = (case.state, case.version, CaseEvent.objects.filter(case=case).count())
    for step in STEPS:
        expected = state in EXPECTED[step]
        if step == Step.REVOKE_REQUEST and state == State.CLOSED:
            expected = case.closure == Closure.FOLLOWED
        assert _try(case, office_user, step) is expected, (state, step)
        case.refresh_from_db()
        assert (case.state, case.version, CaseEvent.objects.filter(case=case).count()) == before


@pytest.mark.parametrize("closing", [Step.CLOSE_OTHER, Step.DECIDE_NO_REQUEST, Step.OUTCOME_NOT_FOLLOWED])
def test_closed_without_followed_request_cannot_be_revoked(office_user, closing):
    from tests.services.lifecycle_helpers import PATHS

    source = next(s for s in PATHS if s in ALLOWED_TRANSITIONS[closing][0] and s != State.CLOSED)
    case = case_in_state(make_case, office_user, source)
    case = drive(case, office_user, [closing])
    assert case.state == State.CLOSED
    assert _try(case, office_user, Step.REVOKE_REQUEST) is False
    assert _try(case, office_user, Step.REOPEN) is True


def test_receive_is_not_a_step(office_user):
    case = make_case(actor=office_user)
    with pytest.raises(StepNotAllowed):
        case_step(case=case, actor=office_user, step=Step.RECEIVE, effective_on=date.today())


def test_every_step_has_a_form_or_a_pointer_to_its_owner():
    # The case file's forms record its own steps; the others are refused there and recorded
    # by their owning part (docs/decisions/0080-step-owners.md, tests/web/test_step_owners.py).
    from haertefall.cases.steps import ACTIONS, FOREIGN_STEPS

    covered = {step for action in ACTIONS for step in action.steps}
    covered |= {step for foreign in FOREIGN_STEPS for step in foreign.steps}
    assert covered == set(STEPS)
