"""Random sequences of steps with random dates against the transition table (Hypothesis)."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from haertefall.accounts.models import Role
from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import (
    ALLOWED_TRANSITIONS,
    Closure,
    ClosureReason,
    State,
    Step,
    allowed_steps,
)
from haertefall.core.errors import DomainError
from tests.factories import UserFactory, make_case

STEPS = [s for s in Step if s != Step.RECEIVE]
TODAY = date.today()
REACHED: set[str] = set()


def replay(events) -> str:
    """The state the transition table gives for the recorded steps, from the start."""
    state = None
    for event in events:
        sources, target, _closure = ALLOWED_TRANSITIONS[event.step]
        assert event.step == Step.RECEIVE or state in sources, (state, event.step)
        state = target
    return state


class CaseLifecycle(RuleBasedStateMachine):
    @initialize(age=st.integers(min_value=60, max_value=400))
    def receive(self, age):
        self.actor = UserFactory(username="sm-office", role=Role.OFFICE)
        self.case = make_case(actor=self.actor, received_on=TODAY - timedelta(days=age))
        self.last_date = self.case.received_on
        self.reached = REACHED

    def _snapshot(self):
        case = Case.objects.get(pk=self.case.pk)
        return (case.state, case.closure, case.closure_reason, case.version,
                CaseEvent.objects.filter(case=case).count())

    @rule(step=st.sampled_from(STEPS), offset=st.integers(min_value=-5, max_value=40))
    def apply(self, step, offset):
        before = self._snapshot()
        case = Case.objects.get(pk=self.case.pk)
        effective_on = self.last_date + timedelta(days=offset)
        sources, target, closure = ALLOWED_TRANSITIONS[step]
        allowed = case.state in sources
        if step == Step.REVOKE_REQUEST and case.state == State.CLOSED:
            allowed = case.closure == Closure.FOLLOWED
        date_ok = self.last_date <= effective_on <= TODAY
        try:
            case_step(case=case, actor=self.actor, step=step, effective_on=effective_on,
                      closure_reason=ClosureReason.OTHER if closure else "")
        except DomainError:
            assert not (allowed and date_ok), f"refused although allowed: {step} from {case.state}"
            assert self._snapshot() == before, "a refused step changed the case"
            return
        assert allowed and date_ok, f"accepted although not allowed: {step} from {before[0]} on {effective_on}"
        after = self._snapshot()
        assert after[0] == target and after[3] == before[3] + 1 and after[4] == before[4] + 1
        self.last_date = effective_on
        self.reached.add(after[0])

    @rule(pick=st.integers(min_value=0, max_value=100), offset=st.integers(min_value=0, max_value=7))
    def apply_allowed(self, pick, offset):
        """Mostly legal steps too, so that random runs reach the late states of the procedure."""
        state = Case.objects.get(pk=self.case.pk).state
        steps = allowed_steps(state)
        if pick % 5 and len(steps) > 1:
            steps = [s for s in steps if s not in (Step.CLOSE_OTHER, Step.EXCLUDE_LATER, Step.REQUEST_INFO)] or steps
        self.apply(step=steps[pick % len(steps)], offset=offset)

    @invariant()
    def closed_cases_have_closure(self):
        case = Case.objects.get(pk=self.case.pk)
        if case.state == State.CLOSED:
            assert case.closure and case.closure_reason and case.closed_on
        else:
            assert not case.closure and not case.closure_reason and case.closed_on is None

    @invariant()
    def effective_dates_never_decrease(self):
        dates = list(self.case.events.exclude(step="").order_by("sequence").values_list("effective_on", flat=True))
        assert dates == sorted(dates)

    @invariant()
    def state_equals_replay(self):
        case = Case.objects.get(pk=self.case.pk)
        events = list(case.events.exclude(step="").order_by("sequence"))
        assert replay(events) == case.state
        assert case.version == len(events)


@pytest.mark.django_db
def test_lifecycle_state_machine():
    run_state_machine_as_test(
        CaseLifecycle,
        settings=settings(max_examples=40, stateful_step_count=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]),
    )
    # The runs went deep enough to mean something.
    assert {State.SCHEDULED, State.CLOSED} <= REACHED
