"""Sessions end to end through the services: quorum, majority (NRW and a two-thirds rule from
the database configuration), recommendations, deferral, pre-screening."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from haertefall.cases.states import Closure, State
from haertefall.core.errors import DomainError
from haertefall.meetings.models import DecisionRuleConfig, ItemDecision, ItemVote, Meeting
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.decisions import Votes
from tests.meetings_world import (
    all_present,
    build_commission,
    checked_case,
    ready_case,
    session_with_items,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def _session(office_user, commission, n_cases=1, on=None):
    on = on or TODAY() - timedelta(days=1)
    cases = [ready_case(actor=office_user, ready_on=on - timedelta(days=10), family_name=f"Familie{i}")
             for i in range(n_cases)]
    return session_with_items(actor=office_user, commission=commission, on=on, cases=cases)


def test_request_without_quorum_is_refused_with_german_reason(office_user, commission):
    meeting = _session(office_user, commission)
    # 10 seats, 4 present: at least 5 needed (§ 6 Abs. 2 HFKVO).
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={1, 2, 3, 4, 5, 6}),
                      actor=office_user)
    item = meeting.items.get()
    with pytest.raises(DomainError) as err:
        item_decide(item=item, outcome="request", reasons="Gut integriert.", votes=Votes(4, 0, 0),
                    actor=office_user)
    assert "Nicht beschlussfähig: 4 von 10 Sitzen anwesend (erforderlich: mindestens 5)" in err.value.message
    assert not ItemDecision.objects.exists()
    item.case.refresh_from_db()
    assert item.case.state == State.SCHEDULED


def test_deferral_without_quorum_is_possible_and_case_returns_to_ready(office_user, commission):
    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent=set(range(1, 8))), actor=office_user)
    item = meeting.items.get()
    item_decide(item=item, outcome="deferred", reasons="Nicht beschlussfähig.", actor=office_user)
    item.case.refresh_from_db()
    assert item.case.state == State.READY


def test_nrw_request_needs_more_than_half_of_present_and_abstentions_count_as_no(office_user, commission):
    meeting = _session(office_user, commission, n_cases=2)
    # 8 seats present (one by its deputy): the request needs at least 5 yes votes.
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={9, 10}, deputy={3}),
                      actor=office_user)
    first, second = meeting.items.all()
    with pytest.raises(DomainError) as err:
        item_decide(item=first, outcome="request", reasons="x", votes=Votes(4, 1, 3), actor=office_user)
    assert "Nicht angenommen" in err.value.message and "mindestens 5 Ja-Stimmen" in err.value.message

    decision = item_decide(item=first, outcome="request", reasons="Lange Aufenthaltsdauer, Arbeit.",
                           votes=Votes(5, 0, 3), expectations=["passport"],
                           expectations_text="Teilnahme an Schuldnerberatung", actor=office_user)
    assert decision.rule_key == "nrw-2020"
    first.case.refresh_from_db()
    assert first.case.state == State.REQUEST_DECIDED
    event = first.case.events.order_by("-sequence").first()
    assert event.effective_on == meeting.date
    assert "Pass" in event.data["expectations"]
    assert ItemVote.objects.get(item=first).adopted

    item_decide(item=second, outcome="no_request", reasons="Keine dringenden Gründe.", votes=Votes(4, 4, 0),
                actor=office_user)
    second.case.refresh_from_db()
    assert second.case.closure == Closure.NO_REQUEST


def test_vote_count_must_match_those_present(office_user, commission):
    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    with pytest.raises(DomainError) as err:
        item_decide(item=meeting.items.get(), outcome="request", reasons="x", votes=Votes(9, 2, 0),
                    actor=office_user)
    assert "Es wurden 11 Stimmen gezählt" in err.value.message


def test_no_request_with_counts_that_adopt_the_request_is_refused(office_user, commission):
    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    with pytest.raises(DomainError) as err:
        item_decide(item=meeting.items.get(), outcome="no_request", reasons="x", votes=Votes(8, 2, 0),
                    actor=office_user)
    assert "angenommen" in err.value.message


def test_recommendation_needs_its_own_majority(office_user, commission):
    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    item = meeting.items.get()
    with pytest.raises(DomainError) as err:
        item_decide(item=item, outcome="no_request", reasons="x", votes=Votes(3, 7, 0),
                    recommendation="Prüfung einer Beschäftigungsduldung", recommendation_votes=Votes(5, 5, 0),
                    actor=office_user)
    assert err.value.message.startswith("Die Empfehlung ist nicht beschlossen.")
    item_decide(item=item, outcome="no_request", reasons="x", votes=Votes(3, 7, 0),
                recommendation="Prüfung einer Beschäftigungsduldung (§ 60d AufenthG)",
                recommendation_votes=Votes(6, 4, 0), actor=office_user)
    motions = dict(ItemVote.objects.filter(item=item).values_list("motion", "adopted"))
    assert motions == {"request": False, "recommendation": True}


def test_two_thirds_rule_from_database_applies_to_sessions_from_its_validity_date(office_user, commission):
    """A changed rule is a new configuration row with a validity date; sessions before it keep
    NRW's simple majority, sessions from it on need two thirds of the votes cast."""
    change = TODAY() - timedelta(days=5)
    DecisionRuleConfig.objects.filter(key="nrw-2020").update(valid_to=change - timedelta(days=1))
    DecisionRuleConfig.objects.create(
        key="nrw-two-thirds-test", land="NW", valid_from=change, valid_to=None, quorum_basis="seats",
        quorum_numerator=1, quorum_denominator=2, majority_basis="votes_cast", majority_numerator=2,
        majority_denominator=3, majority_strict=False, label_de="Zwei Drittel der abgegebenen Stimmen")

    before = _session(office_user, commission, on=change - timedelta(days=2))
    after = _session(office_user, commission, on=change + timedelta(days=1))
    assert before.rule_key == "nrw-2020" and after.rule_key == "nrw-two-thirds-test"
    for meeting in (before, after):
        attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)

    # 6 yes, 4 no: a majority of those present (NRW), but less than two thirds of the votes cast.
    item_decide(item=before.items.get(), outcome="request", reasons="x", votes=Votes(6, 4, 0), actor=office_user)
    with pytest.raises(DomainError) as err:
        item_decide(item=after.items.get(), outcome="request", reasons="x", votes=Votes(6, 4, 0),
                    actor=office_user)
    assert "zwei Drittel der abgegebenen" in err.value.message
    # Abstentions do not count under that rule: 6 yes, 3 no, 1 abstention is two thirds.
    decision = item_decide(item=after.items.get(), outcome="request", reasons="x", votes=Votes(6, 3, 1),
                           actor=office_user)
    assert decision.rule_key == "nrw-two-thirds-test"


def test_conflict_of_interest_reduces_those_entitled_to_vote(office_user, commission):
    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={9, 10}), actor=office_user)
    item = meeting.items.get()
    seat_key = f"seat-{commission.seat_set.get(number=2).pk}"
    # 8 present, 1 excluded: 7 entitled, 4 yes suffice.
    item_decide(item=item, outcome="request", reasons="x", votes=Votes(4, 3, 0), excluded_keys=[seat_key],
                actor=office_user)
    vote = ItemVote.objects.get(item=item)
    assert vote.excluded == 1 and vote.adopted


def test_quorum_counts_who_is_present_even_if_excluded_from_the_item_section_6_2_hfkvo(office_user, commission):
    """§ 6 Abs. 2 HFKVO: 5 of 10 present is quorate, also for an item one of them may not vote on;
    the majority is counted among the 4 who may (3 yes adopt, 2 do not)."""
    meeting = _session(office_user, commission, n_cases=2)
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={6, 7, 8, 9, 10}), actor=office_user)
    first, second = meeting.items.order_by("position")
    seat_key = f"seat-{commission.seat_set.get(number=2).pk}"
    with pytest.raises(DomainError) as err:
        item_decide(item=first, outcome="request", reasons="x", votes=Votes(2, 2, 0), excluded_keys=[seat_key],
                    actor=office_user)
    assert "Mindestens 3 Ja-Stimmen".lower() in err.value.message.lower()
    assert "Nicht beschlussfähig" not in err.value.message
    decision = item_decide(item=first, outcome="request", reasons="x", votes=Votes(3, 1, 0),
                           excluded_keys=[seat_key], actor=office_user)
    assert decision.quorum_text.startswith("Beschlussfähig: 5 von 10 Sitzen anwesend, davon 1 wegen Befangenheit")
    assert ItemVote.objects.get(item=first).adopted
    first.case.refresh_from_db()
    assert first.case.state == State.REQUEST_DECIDED


def test_excluding_an_absent_seat_is_refused(office_user, commission):
    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={2}), actor=office_user)
    with pytest.raises(DomainError, match="anwesender Sitz"):
        item_decide(item=meeting.items.get(), outcome="request", reasons="x", votes=Votes(9, 0, 0),
                    excluded_keys=[f"seat-{commission.seat_set.get(number=2).pk}"], actor=office_user)


def test_decision_before_the_session_day_is_refused(office_user, commission):
    meeting = _session(office_user, commission, on=TODAY() + timedelta(days=3))
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    with pytest.raises(DomainError, match="erst am"):
        item_decide(item=meeting.items.get(), outcome="request", reasons="x", votes=Votes(10, 0, 0),
                    actor=office_user)


def test_prescreen_in_written_procedure_takes_case_up(office_user, commission):
    case = checked_case(actor=office_user, on=TODAY() - timedelta(days=10))
    rejected = checked_case(actor=office_user, on=TODAY() - timedelta(days=10), family_name="Berisha")
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY(), cases=[case, rejected],
                                 kind=Meeting.Kind.PRESCREEN, written_procedure=True, place="")
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    take, reject = meeting.items.all()
    with pytest.raises(DomainError, match="Mehrheit gegen die Befassung"):
        item_decide(item=take, outcome="take_up", reasons="x", votes=Votes(1, 2, 0), actor=office_user)
    item_decide(item=take, outcome="take_up", reasons="Humanitäre Gründe dargelegt.", votes=Votes(3, 0, 0),
                actor=office_user)
    item_decide(item=reject, outcome="no_take_up", reasons="Beschäftigungsduldung möglich.",
                votes=Votes(0, 3, 0), actor=office_user)
    case.refresh_from_db()
    rejected.refresh_from_db()
    assert case.state == State.TAKEN_UP
    assert rejected.closure == Closure.NO_REQUEST
    assert rejected.events.last().data["written_procedure"] is True


def test_commission_agenda_takes_ready_cases_and_checked_ones_only_for_take_up(office_user, commission):
    from haertefall.cases.services.lifecycle import case_step
    from haertefall.cases.states import Step
    from haertefall.meetings.services import agenda_item_add

    meeting = _session(office_user, commission)
    checked = checked_case(actor=office_user)
    assert agenda_item_add(meeting=meeting, case=checked, actor=office_user).subject == "take_up"
    taken_up = case_step(case=checked_case(actor=office_user, family_name="Zweite"), actor=office_user,
                         step=Step.PRESCREEN_TAKE_UP, effective_on=TODAY())
    with pytest.raises(DomainError, match="bereit für eine Sitzung"):
        agenda_item_add(meeting=meeting, case=taken_up, actor=office_user)


def test_removing_an_item_returns_the_case_to_ready(office_user, commission):
    from haertefall.meetings.services import agenda_item_remove

    meeting = _session(office_user, commission, n_cases=2, on=TODAY() + timedelta(days=7))
    first = meeting.items.first()
    agenda_item_remove(item=first, actor=office_user)
    first.case.refresh_from_db()
    assert first.case.state == State.READY
    assert list(meeting.items.values_list("position", flat=True)) == [1]


def test_commission_seats_are_seven_to_ten(office_user):
    from haertefall.meetings.services import commission_create

    with pytest.raises(DomainError, match="mindestens 7 und höchstens 10"):
        commission_create(land="NW", name="HFK", seats=11, actor=office_user)


def test_member_of_chair_seat_must_be_head_of_office(office_user, member_user):
    from haertefall.meetings.services import commission_create, membership_add, seat_create

    commission = commission_create(land="NW", name="HFK", seats=7, actor=office_user)
    seat = seat_create(commission=commission, number=1, nominating_body="vorsitz", actor=office_user)
    with pytest.raises(DomainError, match="Leitung der Geschäftsstelle"):
        membership_add(seat=seat, user=member_user, kind="member", term_start=date(2025, 1, 1), actor=office_user)


def test_deferred_case_goes_on_a_later_agenda(office_user, commission):
    from haertefall.meetings.services import agenda_item_add, meeting_plan

    meeting = _session(office_user, commission)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    item = meeting.items.get()
    with pytest.raises(DomainError, match="ohne Abstimmungsergebnis"):
        item_decide(item=item, outcome="deferred", reasons="x", votes=Votes(1, 0, 0), actor=office_user)
    item_decide(item=item, outcome="deferred", reasons="Unterlagen fehlen.", actor=office_user)
    with pytest.raises(DomainError, match="bereits beschlossen"):
        item_decide(item=item, outcome="request", reasons="x", votes=Votes(10, 0, 0), actor=office_user)
    later = meeting_plan(kind="commission", date=TODAY() + timedelta(days=14), commission=commission,
                         video_conference=True, actor=office_user)
    agenda_item_add(meeting=later, case=item.case, actor=office_user)
    item.case.refresh_from_db()
    assert item.case.state == State.SCHEDULED
    assert meeting.items.get().decision.outcome == "deferred"  # stays in this session's minutes


def test_prescreen_agenda_takes_checked_cases_once_and_invites_its_three_places(office_user, commission):
    from haertefall.meetings.services import agenda_item_add, meeting_invite, meeting_plan

    case = checked_case(actor=office_user)
    first = meeting_plan(kind="prescreen", date=TODAY() + timedelta(days=3), commission=commission,
                         place="Geschäftsstelle", actor=office_user)
    second = meeting_plan(kind="prescreen", date=TODAY() + timedelta(days=10), commission=commission,
                          written_procedure=True, actor=office_user)
    agenda_item_add(meeting=first, case=case, actor=office_user)
    with pytest.raises(DomainError, match="bereits auf der Tagesordnung"):
        agenda_item_add(meeting=second, case=case, actor=office_user)
    with pytest.raises(DomainError, match="formal geprüfte"):
        agenda_item_add(meeting=second, case=ready_case(actor=office_user), actor=office_user)
    sent = meeting_invite(meeting=first, actor=office_user)
    people = {commission.prescreen_seats.get(number=n).member for n in (1, 2, 3)}
    people |= {commission.prescreen_seats.get(number=n).deputy for n in (1, 2, 3)}
    assert {inv.user for inv in sent} == people


def test_written_procedure_only_for_prescreen_and_place_required(office_user, commission):
    from haertefall.meetings.services import meeting_plan

    with pytest.raises(DomainError, match="nur im Vorprüfungsausschuss"):
        meeting_plan(kind="commission", date=TODAY(), commission=commission, written_procedure=True,
                     actor=office_user)
    with pytest.raises(DomainError, match="Ort"):
        meeting_plan(kind="commission", date=TODAY(), commission=commission, actor=office_user)
