"""cases.access — the one place that decides who sees which case — per role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.cases.access import access_case, cases_visible_for, visible_cases_q
from haertefall.cases.models import Case, Person
from haertefall.core.errors import AccessDenied
from haertefall.meetings.models import Invitation, Meeting


def visible(world, role) -> set[int]:
    return set(cases_visible_for(world["users"][role]).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("role, expected", [
    ("office", {"case_a", "case_b", "case_a_early"}),
    ("office_head", {"case_a", "case_b", "case_a_early"}),
    # Not case_a_early: its statement has not been requested yet (§ 6 Abs. 2 HFKVO).
    ("authority", {"case_a"}),
    ("authority_b", {"case_b"}),
    ("member", {"case_a"}),
    ("ministry", set()),
    ("dpo", set()),
    ("admin", set()),
])
def test_who_sees_which_case(world, role, expected):
    assert visible(world, role) == {world[key] for key in expected}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["office", "office_head", "authority", "authority_b", "member", "ministry",
                                  "dpo", "admin"])
def test_the_condition_for_linked_objects_is_the_same_rule(world, role):
    """visible_cases_q (used for statements, letters … of a case) admits exactly the cases
    cases_visible_for admits: here for the persons of the cases."""
    user = world["users"][role]
    by_condition = set(Person.objects.filter(visible_cases_q(user)).values_list("case_id", flat=True))
    by_queryset = set(Person.objects.filter(case__in=cases_visible_for(user)).values_list("case_id", flat=True))
    assert by_condition == by_queryset
    assert by_condition == visible(world, role) & set(Person.objects.values_list("case_id", flat=True))
    user.is_active = False
    assert not Person.objects.filter(visible_cases_q(user)).exists()


@pytest.mark.django_db
def test_member_sees_nothing_before_the_invitation_is_sent(world):
    Invitation.objects.filter(user=world["users"]["member"]).update(sent_at=None)
    assert visible(world, "member") == set()


@pytest.mark.django_db
def test_member_access_ends_after_the_window(world, settings):
    past = timezone.localdate() - timedelta(days=settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER + 1)
    Meeting.objects.filter(pk=world["meeting_1"]).update(date=past)
    assert visible(world, "member") == set()
    Meeting.objects.filter(pk=world["meeting_1"]).update(date=past + timedelta(days=1))
    assert visible(world, "member") == {world["case_a"]}


@pytest.mark.django_db
def test_deactivated_user_sees_nothing(world):
    user = world["users"]["office"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert visible(world, "office") == set()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "authority"])
def test_readers_may_not_write_and_the_attempt_is_logged(world, role):
    user = world["users"][role]
    assert access_case(user=user, case_id=world["case_a"], for_write=False).pk == world["case_a"]
    with pytest.raises(AccessDenied):
        access_case(user=user, case_id=world["case_a"], for_write=True)
    assert AuditEntry.objects.filter(user=user, action="denied", case_id=world["case_a"]).exists()
    read = AuditEntry.objects.filter(user=user, action="read", case_id=world["case_a"]).get()
    assert read.person_ids == [world["person_a"]]


@pytest.mark.django_db
@pytest.mark.parametrize("case_id", ["case_b", "nonsense", 10**9])
def test_invisible_unknown_and_malformed_ids_look_the_same(world, case_id):
    user = world["users"]["authority"]
    with pytest.raises(AccessDenied):
        access_case(user=user, case_id=world.get(case_id, case_id), for_write=False)
    assert AuditEntry.objects.filter(user=user, action="denied").count() == 1


@pytest.mark.django_db
def test_anonymised_case_is_read_only_even_for_the_office(world):
    Case.objects.filter(pk=world["case_a"]).update(anonymized_at=timezone.now())
    office = world["users"]["office"]
    access_case(user=office, case_id=world["case_a"], for_write=False)
    with pytest.raises(AccessDenied):
        access_case(user=office, case_id=world["case_a"], for_write=True)
