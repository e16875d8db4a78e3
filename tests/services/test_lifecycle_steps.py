"""The named lifecycle services: each step, its data, its refusals and the date rules."""

from datetime import date, timedelta

import pytest

from haertefall.cases.models import CaseEvent, FormalCheck
from haertefall.cases.services import lifecycle as lc
from haertefall.cases.states import Closure, ClosureReason, State, Step
from haertefall.core.errors import ConcurrentEdit, DomainError, StepNotAllowed
from haertefall.registers.models import ExclusionGround
from haertefall.registers.selectors import catalogue_in_force
from tests.factories import make_case
from tests.services.lifecycle_helpers import case_in_state

pytestmark = pytest.mark.django_db
TODAY = date.today()


def snapshot(case):
    case.refresh_from_db()
    return (case.state, case.closure, case.closure_reason, case.version, case.statement_due_on,
            CaseEvent.objects.filter(case=case).count())


def last_event(case):
    return case.events.order_by("-sequence").first()


@pytest.fixture
def grounds():
    catalogue = catalogue_in_force(on=TODAY)
    qs = ExclusionGround.objects.filter(catalogue=catalogue)
    return qs.filter(kind="mandatory").first(), qs.filter(kind="regular").first()


def test_formal_check_without_grounds_passes(office_user):
    case = make_case(actor=office_user)
    case = lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY)
    assert case.state == State.CHECKED and case.flagged_grounds == []
    assert FormalCheck.objects.get(case=case).catalogue == catalogue_in_force(on=TODAY)


def test_formal_check_regular_ground_is_flagged_not_closing(office_user, grounds):
    case = make_case(actor=office_user)
    case = lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY, ground_ids=[grounds[1].pk])
    assert case.state == State.CHECKED and case.flagged_grounds == [grounds[1].code]


def test_formal_check_mandatory_ground_closes_as_no_request(office_user, grounds):
    case = make_case(actor=office_user)
    case = lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY, ground_ids=[grounds[0].pk])
    assert (case.state, case.closure, case.closure_reason) == (
        State.CLOSED, Closure.NO_REQUEST, ClosureReason.MANDATORY_EXCLUSION)
    assert last_event(case).data["mandatory"] == [grounds[0].code]


def test_formal_check_unknown_ground_refused(office_user):
    case = make_case(actor=office_user)
    before = snapshot(case)
    with pytest.raises(DomainError, match="gehören nicht zum Katalog"):
        lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY, ground_ids=[999999])
    assert snapshot(case) == before


def test_prescreen_take_up_and_reject(office_user):
    a = case_in_state(make_case, office_user, State.CHECKED)
    assert lc.case_prescreen(case=a, actor=office_user, decided_on=TODAY, take_up=True).state == State.TAKEN_UP
    b = case_in_state(make_case, office_user, State.CHECKED)
    b = lc.case_prescreen(case=b, actor=office_user, decided_on=TODAY, take_up=False, reasons="offensichtlich")
    assert b.closure_reason == ClosureReason.PRESCREEN_REJECTED
    assert last_event(b).data["reasons"] == "offensichtlich"


def test_request_statement_sets_default_deadline_and_receive_clears_it(office_user):
    case = case_in_state(make_case, office_user, State.TAKEN_UP)
    requested = TODAY - timedelta(days=10)
    case = lc.case_request_statement(case=case, actor=office_user, requested_on=requested)
    assert case.statement_due_on >= requested + timedelta(weeks=4)
    assert last_event(case).data["deadline"] == case.statement_due_on.isoformat()
    case = lc.case_receive_statement(case=case, actor=office_user, received_on=TODAY)
    assert case.state == State.STATEMENT_RECEIVED and case.statement_due_on is None


def test_request_statement_deadline_must_follow_request(office_user):
    case = case_in_state(make_case, office_user, State.TAKEN_UP)
    before = snapshot(case)
    with pytest.raises(DomainError, match="Frist"):
        lc.case_request_statement(case=case, actor=office_user, requested_on=TODAY, deadline=TODAY)
    assert snapshot(case) == before


def test_info_round_trip_and_ready(office_user):
    case = case_in_state(make_case, office_user, State.STATEMENT_RECEIVED)
    case = lc.case_request_info(case=case, actor=office_user, requested_on=TODAY, requested_from="authority")
    assert case.state == State.INFO_REQUESTED and last_event(case).data["requested_from"] == "authority"
    case = lc.case_receive_info(case=case, actor=office_user, received_on=TODAY)
    assert case.state == State.STATEMENT_RECEIVED
    case = lc.case_mark_ready(case=case, actor=office_user, marked_on=TODAY)
    assert case.state == State.READY
    with pytest.raises(DomainError):
        lc.case_request_info(case=case, actor=office_user, requested_on=TODAY, requested_from="mars")


def test_agenda_and_decisions(office_user):
    case = case_in_state(make_case, office_user, State.READY)
    case = lc.case_place_on_agenda(case=case, actor=office_user, placed_on=TODAY, meeting_id=7)
    assert case.state == State.SCHEDULED and last_event(case).data["meeting_id"] == 7
    case = lc.case_remove_from_agenda(case=case, actor=office_user, removed_on=TODAY)
    assert case.state == State.READY
    case = lc.case_place_on_agenda(case=case, actor=office_user, placed_on=TODAY)
    case = lc.case_decide(case=case, actor=office_user, decided_on=TODAY, decision="deferred")
    assert case.state == State.READY
    case = lc.case_place_on_agenda(case=case, actor=office_user, placed_on=TODAY)
    case = lc.case_decide(case=case, actor=office_user, decided_on=TODAY, decision="request",
                          reasons="Integration", expectations="Passbeschaffung")
    assert case.state == State.REQUEST_DECIDED
    assert last_event(case).data["expectations"] == "Passbeschaffung"


def test_decide_no_request_closes(office_user):
    case = case_in_state(make_case, office_user, State.SCHEDULED)
    case = lc.case_decide(case=case, actor=office_user, decided_on=TODAY, decision="no_request",
                          recommendation="§ 25b prüfen")
    assert case.closure == Closure.NO_REQUEST and case.closure_reason == ClosureReason.COMMISSION_REJECTED
    with pytest.raises(DomainError):
        lc.case_decide(case=case, actor=office_user, decided_on=TODAY, decision="maybe")


def test_request_sent_intended_decision_and_outcomes(office_user):
    case = case_in_state(make_case, office_user, State.REQUEST_DECIDED)
    case = lc.case_send_request(case=case, actor=office_user, sent_on=TODAY)
    assert case.state == State.REQUEST_SENT
    before = snapshot(case)
    with pytest.raises(DomainError, match="Gründe"):
        lc.case_record_intended_decision(case=case, actor=office_user, received_on=TODAY, follows=False)
    assert snapshot(case) == before
    case = lc.case_record_intended_decision(case=case, actor=office_user, received_on=TODAY, follows=True)
    assert case.state == State.INTENDED_DECISION
    case = lc.case_record_outcome(case=case, actor=office_user, outcome="granted", effective_on=TODAY)
    assert (case.closure, case.closure_reason) == (Closure.FOLLOWED, ClosureReason.PERMIT_GRANTED)
    case = lc.case_revoke_request(case=case, actor=office_user, revoked_on=TODAY, data={"meeting_id": 1})
    assert case.closure == Closure.REVOKED


@pytest.mark.parametrize("outcome,closure", [("not_followed", Closure.NOT_FOLLOWED),
                                             ("other", Closure.REQUEST_OTHER_CLOSURE)])
def test_other_outcomes(office_user, outcome, closure):
    case = case_in_state(make_case, office_user, State.INTENDED_DECISION)
    case = lc.case_record_outcome(case=case, actor=office_user, outcome=outcome, effective_on=TODAY,
                                  reason=ClosureReason.OTHER_LEGAL_BASIS if outcome == "other" else "")
    assert case.closure == closure


def test_close_other_requires_listed_reason(office_user):
    case = make_case(actor=office_user)
    before = snapshot(case)
    with pytest.raises(DomainError):
        lc.case_close_other(case=case, actor=office_user, closed_on=TODAY, reason=ClosureReason.PERMIT_GRANTED)
    assert snapshot(case) == before
    case = lc.case_close_other(case=case, actor=office_user, closed_on=TODAY, reason=ClosureReason.WITHDRAWAL)
    assert case.closure == Closure.OTHER_CLOSURE and case.closed_on == TODAY


def test_reopen_needs_reason_and_returns_to_received(office_user):
    case = case_in_state(make_case, office_user, State.CLOSED)
    with pytest.raises(DomainError):
        lc.case_reopen(case=case, actor=office_user, reopened_on=TODAY, reason=" ")
    case = lc.case_reopen(case=case, actor=office_user, reopened_on=TODAY, reason="Neue Tatsachen")
    assert case.state == State.RECEIVED and case.closure == "" and case.closed_on is None
    assert last_event(case).data["previous_closure"] == Closure.FOLLOWED


def test_revocation_is_not_a_step_of_the_case_file(office_user):
    """Report ch. 5: the commission withdraws its request; the case file offers no form for it
    and points to the session (decision 0102)."""
    from haertefall.cases.steps import ACTIONS_BY_KEY, foreign_steps_for

    case = case_in_state(make_case, office_user, State.REQUEST_SENT)
    assert "revoke_request" not in ACTIONS_BY_KEY
    pointer = next(f for f in foreign_steps_for(case) if f.key == "revoke_request")
    assert "Beschluss der Kommission" in pointer.refusal


# --- date rules and refusals ---------------------------------------------------------------

def test_future_date_refused_and_nothing_changes(office_user):
    case = make_case(actor=office_user)
    before = snapshot(case)
    with pytest.raises(DomainError, match="liegt in der Zukunft") as info:
        lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY + timedelta(days=1))
    assert info.value.field == "effective_on"
    assert snapshot(case) == before


def test_date_before_previous_step_refused(office_user):
    case = make_case(actor=office_user, received_on=TODAY - timedelta(days=30))
    before = snapshot(case)
    with pytest.raises(DomainError, match="vor dem letzten Verfahrensschritt"):
        lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY - timedelta(days=31))
    assert snapshot(case) == before
    # the same day as the previous step is fine, and past dates are allowed
    case = lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY - timedelta(days=30))
    assert case.state == State.CHECKED


def test_step_from_wrong_state_refused(office_user):
    case = make_case(actor=office_user)
    before = snapshot(case)
    with pytest.raises(StepNotAllowed, match="nicht möglich"):
        lc.case_send_request(case=case, actor=office_user, sent_on=TODAY)
    assert snapshot(case) == before


def test_stale_version_refused(office_user):
    case = make_case(actor=office_user)
    before = snapshot(case)
    with pytest.raises(ConcurrentEdit):
        lc.case_check_formally(case=case, actor=office_user, checked_on=TODAY, expected_version=case.version + 1)
    assert snapshot(case) == before
    assert not FormalCheck.objects.filter(case=case).exists()


def test_closed_case_event_records_closure(office_user):
    case = case_in_state(make_case, office_user, State.SCHEDULED)
    case = lc.case_decide(case=case, actor=office_user, decided_on=TODAY, decision="no_request")
    event = last_event(case)
    assert event.step == Step.DECIDE_NO_REQUEST
    assert event.data["closure"] == Closure.NO_REQUEST
    assert event.stat_status == "no_request"
