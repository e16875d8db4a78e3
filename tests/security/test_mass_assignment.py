"""Mass assignment (ASVS V15.3.3): a client that sends fields it may read but not write
(the procedure's state, the file number, the lock version, a user's role) changes nothing
with them. States change only through the step services; roles only through the
administration's user services."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.accounts.models import Role, User
from haertefall.cases.models import Case
from haertefall.cases.states import Closure, ClosureReason, State
from tests.factories import PASSWORD, authority, make_case

pytestmark = pytest.mark.django_db

# Read-only fields of a case as the API shows them, with values an attacker would like.
CASE_READ_ONLY = {
    "id": 999_999, "file_number": "HF-1999-0001", "year": 1999, "state": State.CLOSED,
    "closure": Closure.FOLLOWED, "closure_reason": ClosureReason.WITHDRAWAL, "anonymized_at": "2026-01-01T00:00:00Z",
}


@pytest.fixture
def api(office_user):
    client = APIClient()
    client.force_authenticate(office_user)
    return client


def _as_before(case: Case, before: Case) -> None:
    case.refresh_from_db()
    for name in ("file_number", "year", "state", "closure", "closure_reason", "received_on", "anonymized_at"):
        assert getattr(case, name) == getattr(before, name), name


def test_patch_of_a_case_changes_master_data_only(api, office_user):
    case = make_case(actor=office_user)
    before = Case.objects.get(pk=case.pk)
    url = reverse("cases-api:case-detail", args=[case.pk])
    response = api.patch(url, {"version": case.version, "submitter_name": "Neu", **CASE_READ_ONLY}, format="json")
    assert response.status_code == 200, response.json()
    _as_before(case, before)
    assert case.submitter_name == "Neu"
    assert case.version == before.version + 1  # the lock counts up by one, whatever was sent
    assert response.json()["state"] == State.RECEIVED and response.json()["id"] == case.pk


def test_the_version_is_a_lock_not_a_value_to_set(api, office_user):
    case = make_case(actor=office_user)
    before = Case.objects.get(pk=case.pk)
    url = reverse("cases-api:case-detail", args=[case.pk])
    response = api.patch(url, {"version": case.version + 40, "submitter_name": "Neu"}, format="json")
    assert response.status_code == 409
    _as_before(case, before)
    assert case.version == before.version and case.submitter_name == before.submitter_name


def test_put_of_a_whole_case_is_not_offered(api, office_user):
    case = make_case(actor=office_user)
    before = Case.objects.get(pk=case.pk)
    response = api.put(reverse("cases-api:case-detail", args=[case.pk]),
                       {"version": case.version, **CASE_READ_ONLY}, format="json")
    assert response.status_code == 405
    _as_before(case, before)


def test_a_new_case_starts_at_the_beginning_whatever_is_sent(api):
    payload = {
        "received_on": (date.today() - timedelta(days=3)).isoformat(), "submitter_name": "Flüchtlingsrat",
        "authority": authority("stadt-essen").pk, "version": 77,
        "main_person": {"family_name": "Aliyev", "given_names": "Rashad", "nationality": "Aserbajdschan"},
        **CASE_READ_ONLY,
    }
    response = api.post(reverse("cases-api:case-list"), payload, format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert case.pk != CASE_READ_ONLY["id"]
    assert case.state == State.RECEIVED and case.closure == "" and case.closure_reason == ""
    assert case.file_number != CASE_READ_ONLY["file_number"] and case.year == date.today().year
    assert case.version == 1 and case.anonymized_at is None


def test_a_person_cannot_be_moved_into_another_case(api, office_user):
    case, other = make_case(actor=office_user), make_case(actor=office_user, family_name="Müller")
    person = case.persons.get()
    response = api.patch(reverse("cases-api:person-detail", args=[case.pk, person.pk]),
                         {"case": other.pk, "id": other.persons.get().pk, "given_names": "Arben Neu"},
                         format="json")
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert person.case_id == case.pk and person.given_names == "Arben Neu"
    assert other.persons.get().given_names == "Arben"


def test_the_user_api_sets_no_superuser_flags_or_session_counter(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    response = client.post(reverse("accounts-api:users-list"), {
        "username": "neue.kollegin", "password": PASSWORD, "role": Role.OFFICE,
        "is_superuser": True, "is_staff": True, "session_generation": 99, "date_joined": "2000-01-01T00:00:00Z",
    }, format="json")
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="neue.kollegin")
    assert not user.is_superuser and not user.is_staff
    assert user.session_generation == 0 and user.date_joined.year == date.today().year


def test_own_password_change_does_not_change_role_or_authority(client, office_user):
    client.force_login(office_user)
    new = "ein ganz langer neuer satz als passwort"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password": new, "new_password_repeat": new,
        "role": Role.ADMIN, "authority": authority("stadt-koeln").pk, "is_superuser": "on"})
    assert response.status_code == 302
    office_user.refresh_from_db()
    assert office_user.check_password(new)
    assert office_user.role == Role.OFFICE and office_user.authority is None and not office_user.is_superuser
