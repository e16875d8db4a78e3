"""The pre-screening committee is optional (§ 3 Abs. 3 HFKVO "kann ... bilden"), decision 0101.

Without a committee § 4 Abs. 2 applies: after a check without exclusion grounds the office asks
the authority for its statement directly. With one, the committee decides on the take-up, and
only a majority against it rejects (report, ch. 3). § 4 Abs. 3: the office may put a case before
the commission, which then decides on the take-up itself. § 3 Abs. 3: the commission names the
committee's members and their deputies.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from haertefall.authorities import services as authorities
from haertefall.cases.services.lifecycle import case_check_formally
from haertefall.cases.states import Closure, ClosureReason, State, StatStatus, Step
from haertefall.core.errors import DomainError, StepNotAllowed
from haertefall.meetings.models import Meeting, PrescreenNomination, PrescreenSeat
from haertefall.meetings.services import (
    agenda_item_add,
    attendance_record,
    item_decide,
    meeting_plan,
    prescreen_committee_set,
)
from haertefall.meetings.services.decisions import Votes
from haertefall.registers.selectors import grounds_in_force
from tests.authorities_support import private_media  # noqa: F401 — letters into a temporary folder
from tests.factories import make_case
from tests.meetings_world import (
    all_present,
    build_commission,
    checked_case,
    session_with_items,
    without_prescreen_committee,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def _checked(office_user, *, regular=(), family_name="Krasniqi"):
    """A checked case of a known authority; ``regular``: codes of § 5 Abs. 2 grounds flagged."""
    on = TODAY() - timedelta(days=20)
    case = make_case(actor=office_user, received_on=on, family_name=family_name)
    grounds = [g.pk for g in grounds_in_force(on=on) if g.code in regular]
    return case_check_formally(case=case, actor=office_user, checked_on=on, ground_ids=grounds)


# --- § 4 Abs. 2: without a committee the statement is requested straight after the check --------

def test_without_committee_the_office_asks_for_the_statement_after_the_check_section_4_2(office_user, commission):
    without_prescreen_committee()
    case = _checked(office_user)
    request = authorities.statement_request(case=case, actor=office_user, requested_on=TODAY())
    case.refresh_from_db()
    assert case.state == State.STATEMENT_REQUESTED
    assert request.current_due > TODAY()
    assert not case.events.filter(step__in=[Step.PRESCREEN_TAKE_UP, Step.COMMISSION_TAKE_UP]).exists()


def test_with_committee_the_statement_waits_for_its_take_up_section_3_3(office_user, commission):
    case = _checked(office_user)
    with pytest.raises(StepNotAllowed) as err:
        authorities.statement_request(case=case, actor=office_user, requested_on=TODAY())
    assert "Vorprüfungsausschuss" in err.value.message and "§ 4 Abs. 3" in err.value.message
    case.refresh_from_db()
    assert case.state == State.CHECKED


def test_flagged_regular_ground_is_no_check_without_exclusion_grounds_section_4_2(office_user, commission):
    without_prescreen_committee()
    case = _checked(office_user, regular={"R3"})
    with pytest.raises(StepNotAllowed) as err:
        authorities.statement_request(case=case, actor=office_user, requested_on=TODAY())
    assert "Soll-Ausschlussgründe" in err.value.message and "Kommission" in err.value.message
    case.refresh_from_db()
    assert case.state == State.CHECKED


def test_committee_rule_has_a_validity_period(office_user, commission):
    """Dissolved from a day on: committee sessions before that day, direct requests from it."""
    since = TODAY() - timedelta(days=3)
    without_prescreen_committee(since=since)
    meeting_plan(kind=Meeting.Kind.PRESCREEN, date=since - timedelta(days=1), actor=office_user,
                 commission=commission, place="Düsseldorf")
    with pytest.raises(DomainError) as err:
        meeting_plan(kind=Meeting.Kind.PRESCREEN, date=since, actor=office_user, commission=commission,
                     place="Düsseldorf")
    assert "kein Vorprüfungsausschuss" in err.value.message and err.value.field == "kind"
    case = _checked(office_user)
    with pytest.raises(StepNotAllowed):
        authorities.statement_request(case=case, actor=office_user, requested_on=since - timedelta(days=1))
    authorities.statement_request(case=case, actor=office_user, requested_on=since)
    case.refresh_from_db()
    assert case.state == State.STATEMENT_REQUESTED


# --- the committee: only a majority against the take-up rejects ----------------------------------

def _committee_session(office_user, commission, cases):
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY(), cases=cases,
                                 kind=Meeting.Kind.PRESCREEN)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    return meeting


def test_committee_tie_sends_the_case_to_the_commission_report_chapter_3(office_user, commission):
    case = checked_case(actor=office_user)
    meeting = _committee_session(office_user, commission, [case])
    item = meeting.items.get()
    # One for, one against, one abstention: no majority against the take-up, so no rejection.
    with pytest.raises(DomainError) as err:
        item_decide(item=item, outcome="no_take_up", reasons="x", votes=Votes(1, 1, 1), actor=office_user)
    assert "nur mit der Mehrheit gegen sie ab" in err.value.message
    item_decide(item=item, outcome="take_up", reasons="Die Kommission soll sich ein Bild machen.",
                votes=Votes(1, 1, 1), actor=office_user)
    case.refresh_from_db()
    assert case.state == State.TAKEN_UP
    vote = item.votes.get()
    assert vote.adopted and "Keine Mehrheit gegen die Befassung" in vote.result_text


def test_committee_rejects_only_with_a_majority_against_report_chapter_3(office_user, commission):
    case = checked_case(actor=office_user)
    meeting = _committee_session(office_user, commission, [case])
    item = meeting.items.get()
    with pytest.raises(DomainError, match="Mehrheit gegen die Befassung"):
        item_decide(item=item, outcome="take_up", reasons="x", votes=Votes(1, 2, 0), actor=office_user)
    item_decide(item=item, outcome="no_take_up", reasons="Beschäftigungsduldung möglich.", votes=Votes(1, 2, 0),
                actor=office_user)
    case.refresh_from_db()
    assert (case.state, case.closure, case.closure_reason) == (State.CLOSED, Closure.NO_REQUEST,
                                                               ClosureReason.PRESCREEN_REJECTED)


def test_committee_with_an_excluded_member_and_a_tie_takes_up(office_user, commission):
    case = checked_case(actor=office_user)
    meeting = _committee_session(office_user, commission, [case])
    item = meeting.items.get()
    key = f"prescreen-{commission.prescreen_seats.get(number=3).pk}"
    item_decide(item=item, outcome="take_up", reasons="x", votes=Votes(1, 1, 0), excluded_keys=[key],
                actor=office_user)
    case.refresh_from_db()
    assert case.state == State.TAKEN_UP


def test_no_committee_sessions_while_none_is_formed_section_3_3(office_user, commission):
    without_prescreen_committee()
    with pytest.raises(DomainError) as err:
        meeting_plan(kind=Meeting.Kind.PRESCREEN, date=TODAY(), actor=office_user, commission=commission,
                     place="Düsseldorf")
    assert "§ 3 Abs. 3 HFKVO" in err.value.message


# --- § 4 Abs. 3: the office puts a case before the commission -----------------------------------

def test_office_puts_a_case_before_the_commission_which_decides_the_take_up_section_4_3(office_user, commission):
    without_prescreen_committee()
    taken, refused = _checked(office_user, regular={"R3"}), _checked(office_user, family_name="Berisha")
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY(), cases=[taken, refused])
    for case in (taken, refused):
        case.refresh_from_db()
        assert case.state == State.CHECKED
        assert case.events.filter(step=Step.PRESENT_FOR_TAKE_UP, data__meeting_id=meeting.pk).exists()
    # While it waits for the commission, the statement is not requested directly.
    with pytest.raises(StepNotAllowed, match="Tagesordnung"):
        authorities.statement_request(case=refused, actor=office_user, requested_on=TODAY())
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    first, second = meeting.items.order_by("position")
    assert {first.subject, second.subject} == {"take_up"}
    # The commission's own take-up needs its majority (§ 6 Abs. 3 HFKVO applied to the take-up).
    with pytest.raises(DomainError, match="Die Befassung ist nicht beschlossen"):
        item_decide(item=first, outcome="take_up", reasons="x", votes=Votes(5, 5, 0), actor=office_user)
    item_decide(item=first, outcome="take_up", reasons="Dringende Gründe.", votes=Votes(6, 4, 0), actor=office_user)
    item_decide(item=second, outcome="no_take_up", reasons="Keine Gründe.", votes=Votes(2, 8, 0), actor=office_user)
    taken.refresh_from_db()
    refused.refresh_from_db()
    assert taken.state == State.TAKEN_UP and taken.events.last().step == Step.COMMISSION_TAKE_UP
    assert (refused.closure, refused.closure_reason) == (Closure.NO_REQUEST, ClosureReason.COMMISSION_NO_TAKE_UP)
    # Counts in table 6.4 as "kein Ersuchen".
    assert refused.events.last().stat_status == StatStatus.NO_REQUEST
    authorities.statement_request(case=taken, actor=office_user, requested_on=TODAY())


def test_taking_a_presented_case_off_the_agenda_leaves_it_checked(office_user, commission):
    from haertefall.meetings.services import agenda_item_remove

    case = _checked(office_user)
    meeting = meeting_plan(kind=Meeting.Kind.COMMISSION, date=TODAY() + timedelta(days=5), actor=office_user,
                           commission=commission, place="Düsseldorf")
    item = agenda_item_add(meeting=meeting, case=case, actor=office_user)
    agenda_item_remove(item=item, actor=office_user)
    case.refresh_from_db()
    assert case.state == State.CHECKED
    assert case.events.last().event_type == "removed_from_agenda"


# --- § 3 Abs. 3: the commission names the committee and the deputies -----------------------------

def _people(commission, *numbers, kind="member"):
    return [commission.seat_set.get(number=n).memberships.get(kind=kind).user for n in numbers]


def test_commission_names_each_member_and_a_deputy_section_3_3(office_user, office_head, commission):
    m5, m6 = _people(commission, 5, 6)
    d5, d6, d7 = _people(commission, 5, 6, 7, kind="deputy")
    session = Meeting.objects.create(commission=commission, date=TODAY() - timedelta(days=2), place="Düsseldorf")
    before = PrescreenNomination.objects.count()
    with pytest.raises(DomainError) as err:
        prescreen_committee_set(commission=commission, actor=office_user, decided_on=session.date,
                                places={1: (office_head, d5), 2: (m5, None), 3: (m6, d7)})
    assert err.value.field == "place_2_deputy" and "§ 3 Abs. 3 Satz 2" in err.value.message
    with pytest.raises(DomainError) as err:
        prescreen_committee_set(commission=commission, actor=office_user, decided_on=TODAY() + timedelta(days=1),
                                places={1: (office_head, d5), 2: (m5, d6), 3: (m6, d7)})
    assert err.value.field == "decided_on"
    with pytest.raises(DomainError) as err:
        prescreen_committee_set(commission=commission, actor=office_user, decided_on=TODAY(), meeting=session,
                                places={1: (office_head, d5), 2: (m5, d6), 3: (m6, d7)})
    assert err.value.field == "meeting"
    assert PrescreenNomination.objects.count() == before

    prescreen_committee_set(commission=commission, actor=office_user, decided_on=session.date, meeting=session,
                            places={1: (office_head, d5), 2: (m5, d6), 3: (m6, d7)})
    assert {(p.number, p.member, p.deputy) for p in PrescreenSeat.objects.filter(commission=commission)} == {
        (1, office_head, d5), (2, m5, d6), (3, m6, d7)}
    latest = PrescreenNomination.objects.filter(decided_on=session.date, meeting=session)
    assert {(n.number, n.member, n.deputy) for n in latest} == {(1, office_head, d5), (2, m5, d6), (3, m6, d7)}
    # The earlier naming stays in the history.
    assert PrescreenNomination.objects.filter(decided_on__lt=session.date).count() == 3


def test_no_naming_while_no_committee_is_formed(office_user, office_head, commission):
    without_prescreen_committee()
    m5, m6 = _people(commission, 5, 6)
    d5, d6, d7 = _people(commission, 5, 6, 7, kind="deputy")
    with pytest.raises(DomainError, match="kein Vorprüfungsausschuss"):
        prescreen_committee_set(commission=commission, actor=office_user, decided_on=TODAY(),
                                places={1: (office_head, d5), 2: (m5, d6), 3: (m6, d7)})
