"""Bring a case into any state through the lifecycle services (for tests)."""

from datetime import date, timedelta

from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import ALLOWED_TRANSITIONS, ClosureReason, State, Step

PATHS = {
    State.RECEIVED: [],
    State.CHECKED: [Step.CHECK_PASS],
    State.TAKEN_UP: [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP],
    State.STATEMENT_REQUESTED: [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT],
    State.STATEMENT_RECEIVED: [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT,
                               Step.RECEIVE_STATEMENT],
}
PATHS[State.INFO_REQUESTED] = [*PATHS[State.STATEMENT_RECEIVED], Step.REQUEST_INFO]
PATHS[State.READY] = [*PATHS[State.STATEMENT_RECEIVED], Step.MARK_READY]
PATHS[State.SCHEDULED] = [*PATHS[State.READY], Step.PLACE_ON_AGENDA]
PATHS[State.REQUEST_DECIDED] = [*PATHS[State.SCHEDULED], Step.DECIDE_REQUEST]
PATHS[State.REQUEST_SENT] = [*PATHS[State.REQUEST_DECIDED], Step.SEND_REQUEST]
PATHS[State.INTENDED_DECISION] = [*PATHS[State.REQUEST_SENT], Step.RECORD_INTENDED_DECISION]
PATHS[State.CLOSED] = [*PATHS[State.INTENDED_DECISION], Step.OUTCOME_GRANTED]


def drive(case, actor, steps, *, start: date | None = None):
    day = start or case.received_on
    for step in steps:
        closure = ALLOWED_TRANSITIONS[step][2]
        case = case_step(case=case, actor=actor, step=step, effective_on=day,
                         closure_reason=ClosureReason.OTHER if closure else "")
    return case


def case_in_state(make, actor, state, *, days_ago: int = 200):
    case = make(actor=actor, received_on=date.today() - timedelta(days=days_ago))
    return drive(case, actor, PATHS[state])
