"""Each work queue's rule (cases.queues, decision 0118): a case just inside, one just outside."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haertefall.authorities.models import HardshipRequest, InfoRequest, IntendedDecision, Outcome
from haertefall.cases.models import Case, FollowUp
from haertefall.cases.queues import QUEUES, QUEUES_BY_KEY, queue_cases, queue_counts
from haertefall.cases.states import State
from haertefall.core.deadlines import add_months
from haertefall.meetings.models import AgendaItem, Meeting
from tests.factories import UserFactory, make_case


def _case(actor, state=State.RECEIVED, **fields):
    case = make_case(actor=actor)
    Case.objects.filter(pk=case.pk).update(state=state, **fields)
    return Case.objects.get(pk=case.pk)


def _in(queue_key, case, today) -> bool:
    return queue_cases(Case.objects.all(), QUEUES_BY_KEY[queue_key], today=today).filter(pk=case.pk).exists()


@pytest.fixture
def today():
    return timezone.localdate()


def test_every_queue_names_its_rule():
    """The start page shows each queue's rule: its docstring, "Name: rule"."""
    for queue in QUEUES:
        name, _, rule = queue.rule.partition(": ")
        assert name and len(rule) > 20, queue.key


@pytest.mark.django_db
def test_new_applications(office_user, today):
    assert _in("neu", _case(office_user), today)
    assert not _in("neu", _case(office_user, State.CHECKED), today)


@pytest.mark.django_db
def test_checked_not_yet_presented(office_user, today):
    waiting = _case(office_user, State.CHECKED)
    taken_up = _case(office_user, State.TAKEN_UP)
    on_agenda = _case(office_user, State.CHECKED)
    meeting = Meeting.objects.create(kind=Meeting.Kind.PRESCREEN, date=today + timedelta(days=3))
    AgendaItem.objects.create(meeting=meeting, case=on_agenda, position=1)
    assert _in("vorzulegen", waiting, today)
    assert _in("vorzulegen", taken_up, today)
    assert not _in("vorzulegen", on_agenda, today)
    assert not _in("vorzulegen", _case(office_user, State.STATEMENT_REQUESTED), today)


@pytest.mark.django_db
def test_statement_to_review(office_user, today):
    assert _in("stellungnahme-pruefen", _case(office_user, State.STATEMENT_RECEIVED), today)
    assert not _in("stellungnahme-pruefen", _case(office_user, State.READY), today)


@pytest.mark.django_db
def test_statement_overdue_from_the_day_after_the_deadline(office_user, today):
    overdue = _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today - timedelta(days=1))
    due_today = _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today)
    assert _in("stellungnahme-ueberfaellig", overdue, today)
    assert not _in("stellungnahme-ueberfaellig", due_today, today)


@pytest.mark.django_db
def test_due_in_the_next_seven_days(office_user, today):
    day_7 = _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today + timedelta(days=7))
    day_8 = _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today + timedelta(days=8))
    yesterday = _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today - timedelta(days=1))
    info = _case(office_user, State.INFO_REQUESTED)
    InfoRequest.objects.create(case=info, recipient="submitter", requested_on=today, due_on=today + timedelta(days=2),
                               text="Nachweise", requested_by=office_user)
    assert _in("frist-7-tage", day_7, today)
    assert _in("frist-7-tage", info, today)
    assert not _in("frist-7-tage", day_8, today)
    assert not _in("frist-7-tage", yesterday, today)


@pytest.mark.django_db
def test_follow_up_due_today_but_not_tomorrow_nor_done(office_user, today):
    due = _case(office_user)
    later = _case(office_user)
    done = _case(office_user)
    FollowUp.objects.create(case=due, due_on=today, reason="Nachfragen", created_by=office_user)
    FollowUp.objects.create(case=later, due_on=today + timedelta(days=1), reason="Nachfragen", created_by=office_user)
    FollowUp.objects.create(case=done, due_on=today, reason="Nachfragen", created_by=office_user,
                            done_at=timezone.now())
    assert _in("wiedervorlage", due, today)
    assert not _in("wiedervorlage", later, today)
    assert not _in("wiedervorlage", done, today)


@pytest.mark.django_db
def test_ready_for_a_session(office_user, today):
    assert _in("sitzungsreif", _case(office_user, State.READY), today)
    assert not _in("sitzungsreif", _case(office_user, State.SCHEDULED), today)


def _request(case, actor, sent_on):
    return HardshipRequest.objects.create(case=case, authority=case.authority, sent_on=sent_on, sent_by=actor)


@pytest.mark.django_db
def test_request_without_outcome_after_three_months(office_user, today, settings):
    settings.HAERTEFALL_REQUEST_UNANSWERED_MONTHS = 3
    cutoff = add_months(today, -3)
    old = _case(office_user, State.REQUEST_SENT)
    _request(old, office_user, cutoff)
    recent = _case(office_user, State.REQUEST_SENT)
    _request(recent, office_user, cutoff + timedelta(days=1))
    answered = _case(office_user, State.INTENDED_DECISION)
    Outcome.objects.create(hardship_request=_request(answered, office_user, cutoff - timedelta(days=30)),
                           kind=Outcome.Kind.GRANTED, decided_on=today, recorded_by=office_user)
    assert _in("ersuchen-ohne-ergebnis", old, today)
    assert not _in("ersuchen-ohne-ergebnis", recent, today)
    assert not _in("ersuchen-ohne-ergebnis", answered, today)


@pytest.mark.django_db
def test_intended_decision_to_forward_to_the_ministry(office_user, today):
    pending = _case(office_user, State.INTENDED_DECISION)
    IntendedDecision.objects.create(hardship_request=_request(pending, office_user, today), follow=False,
                                    reasons="Lebensunterhalt nicht gesichert", recorded_on=today,
                                    recorded_by=office_user)
    informed = _case(office_user, State.INTENDED_DECISION)
    IntendedDecision.objects.create(hardship_request=_request(informed, office_user, today), follow=False,
                                    reasons="Lebensunterhalt nicht gesichert", recorded_on=today,
                                    recorded_by=office_user, ministry_informed_at=timezone.now())
    follows = _case(office_user, State.INTENDED_DECISION)
    IntendedDecision.objects.create(hardship_request=_request(follows, office_user, today), follow=True,
                                    recorded_on=today, recorded_by=office_user)
    assert _in("mitteilung-7-3", pending, today)
    assert not _in("mitteilung-7-3", informed, today)
    assert not _in("mitteilung-7-3", follows, today)


@pytest.mark.django_db
def test_unassigned_open_cases(office_user, today):
    free = _case(office_user, assigned_to=None)
    closed = make_case(actor=office_user, assigned_to=None)
    Case.objects.filter(pk=closed.pk).update(state=State.CLOSED, closure="other_closure", closure_reason="withdrawal")
    assert _in("ohne-zustaendigkeit", free, today)
    assert not _in("ohne-zustaendigkeit", closed, today)
    assert not _in("ohne-zustaendigkeit", _case(office_user), today)
    left = _case(office_user, assigned_to=UserFactory(username="ausgeschieden", is_active=False))
    assert _in("ohne-zustaendigkeit", left, today)


@pytest.mark.django_db
def test_counts_equal_the_lists(office_user, today):
    _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today - timedelta(days=3))
    _case(office_user, State.STATEMENT_REQUESTED, statement_due_on=today + timedelta(days=3))
    _case(office_user, State.READY, assigned_to=None)
    counts = queue_counts(Case.objects.all(), today=today)
    for queue in QUEUES:
        assert counts[queue.key] == queue_cases(Case.objects.all(), queue, today=today).count(), queue.key
