"""Whose case it is (decision 0117): assignment at intake, by the head, by taking a case;
every change in the history and the audit trail; substitutions and their boundaries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from haertefall.accounts.models import Role, Substitution
from haertefall.audit.models import AuditEntry
from haertefall.cases.access import history_reader_for
from haertefall.cases.models import Case
from haertefall.cases.presenters import timeline_rows
from haertefall.cases.queues import PERSONAL_QUEUES, mine_q, queue_counts
from haertefall.cases.selectors import case_event_list
from haertefall.cases.services.assignment import (
    case_assign,
    case_take,
    substitution_create,
    substitution_end,
)
from haertefall.core.errors import DomainError
from tests.factories import UserFactory, authority, make_case

TODAY = timezone.localdate


@pytest.fixture
def colleague(db):
    return UserFactory(username="kollegin", role=Role.OFFICE, first_name="Klara", last_name="Kollegin")


def mine(user, on=None) -> set[int]:
    return set(Case.objects.filter(mine_q(user, on=on or TODAY())).values_list("pk", flat=True))


@pytest.mark.django_db
def test_intake_assigns_the_recording_officer_by_default_or_the_chosen_one(office_user, colleague):
    assert make_case(actor=office_user).assigned_to == office_user
    assert make_case(actor=office_user, assigned_to=colleague).assigned_to == colleague
    assert make_case(actor=office_user, assigned_to=None).assigned_to is None


@pytest.mark.django_db
def test_intake_refuses_a_case_officer_outside_the_office(office_user, authority_user):
    with pytest.raises(DomainError, match="Geschäftsstelle"):
        make_case(actor=office_user, assigned_to=authority_user)
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_head_reassigns_and_the_history_and_audit_trail_say_so(office_user, office_head, colleague):
    case = make_case(actor=office_user)
    case_assign(case=case, actor=office_head, assignee=colleague)
    case.refresh_from_db()
    assert case.assigned_to == colleague
    rows = timeline_rows(case_event_list(case), reader=history_reader_for(office_user))
    row = rows[-1]
    assert row["label"] == "Zuständigkeit geändert"
    assert ("Zuständig", "Klara Kollegin") in row["details"]
    assert ("Bisher zuständig", str(office_user)) in row["details"]
    entry = AuditEntry.objects.filter(user=office_head, action="change", case_id=case.pk).latest("at")
    assert "Klara Kollegin" in entry.detail


@pytest.mark.django_db
def test_only_the_head_assigns(office_user, colleague):
    case = make_case(actor=office_user)
    with pytest.raises(DomainError, match="Leitung"):
        case_assign(case=case, actor=colleague, assignee=colleague)
    case.refresh_from_db()
    assert case.assigned_to == office_user


@pytest.mark.django_db
def test_the_head_cannot_give_a_case_to_an_authority(office_user, office_head, authority_user):
    case = make_case(actor=office_user)
    with pytest.raises(DomainError, match="Geschäftsstelle"):
        case_assign(case=case, actor=office_head, assignee=authority_user)


@pytest.mark.django_db
def test_take_an_unassigned_case_but_not_a_colleagues(office_user, colleague):
    free = make_case(actor=office_user, assigned_to=None)
    case_take(case=free, actor=colleague)
    free.refresh_from_db()
    assert free.assigned_to == colleague
    assert free.events.filter(event_type="assigned").count() == 1
    with pytest.raises(DomainError, match="bereits von Klara Kollegin"):
        case_take(case=free, actor=office_user)
    # A colleague who left (account deactivated) holds no case.
    colleague.is_active = False
    colleague.save(update_fields=["is_active"])
    case_take(case=free, actor=office_user)
    free.refresh_from_db()
    assert free.assigned_to == office_user


@pytest.mark.django_db
def test_the_authority_does_not_see_the_assignment_in_its_history(office_user, office_head, colleague,
                                                                 authority_user):
    case = make_case(actor=office_user, authority_obj=authority())
    case_assign(case=case, actor=office_head, assignee=colleague)
    rows = timeline_rows(case_event_list(case), reader=history_reader_for(authority_user))
    assert "Zuständigkeit geändert" not in [r["label"] for r in rows]


@pytest.mark.django_db
def test_substitution_period_boundaries(office_user, colleague):
    today = TODAY()
    case = make_case(actor=office_user)
    substitution_create(actor=office_user, absent=office_user, substitute=colleague,
                        starts_on=today + timedelta(days=1), ends_on=today + timedelta(days=3))
    assert case.pk not in mine(colleague, on=today)
    assert case.pk in mine(colleague, on=today + timedelta(days=1))
    assert case.pk in mine(colleague, on=today + timedelta(days=3))
    assert case.pk not in mine(colleague, on=today + timedelta(days=4))
    # The absent officer keeps her cases.
    assert case.pk in mine(office_user, on=today + timedelta(days=2))


@pytest.mark.django_db
def test_who_may_set_a_substitution(office_user, office_head, colleague):
    today = TODAY()
    with pytest.raises(DomainError, match="Leitung"):
        substitution_create(actor=colleague, absent=office_user, substitute=colleague, starts_on=today,
                            ends_on=today)
    substitution_create(actor=office_head, absent=office_user, substitute=colleague, starts_on=today,
                        ends_on=today)
    with pytest.raises(DomainError, match="selbst"):
        substitution_create(actor=office_user, absent=office_user, substitute=office_user, starts_on=today,
                            ends_on=today)
    with pytest.raises(DomainError, match="vor ihrem Beginn"):
        substitution_create(actor=office_user, absent=office_user, substitute=colleague, starts_on=today,
                            ends_on=today - timedelta(days=1))
    assert Substitution.objects.count() == 1


@pytest.mark.django_db
def test_ending_a_running_substitution_ends_it_yesterday(office_user, colleague):
    today = TODAY()
    case = make_case(actor=office_user)
    running = substitution_create(actor=office_user, absent=office_user, substitute=colleague,
                                  starts_on=today - timedelta(days=2), ends_on=today + timedelta(days=5))
    assert case.pk in mine(colleague)
    substitution_end(actor=office_user, substitution=running)
    assert case.pk not in mine(colleague)
    planned = substitution_create(actor=office_user, absent=office_user, substitute=colleague,
                                  starts_on=today + timedelta(days=1), ends_on=today + timedelta(days=5))
    assert substitution_end(actor=office_user, substitution=planned) is None
    assert not Substitution.objects.filter(pk=planned.pk).exists()


@pytest.mark.django_db
def test_all_queues_are_counted_in_one_query(office_user):
    for _ in range(3):
        make_case(actor=office_user)
    with CaptureQueriesContext(connection) as queries:
        counts = queue_counts(Case.objects.filter(mine_q(office_user, on=TODAY())), PERSONAL_QUEUES,
                              today=TODAY())
    assert len(queries) == 1
    assert counts["neu"] == 3
