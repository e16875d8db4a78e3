"""Master data and persons: optimistic locking, events without sensitive values."""

from datetime import date, timedelta

import pytest

from haertefall.cases.models import CaseEvent
from haertefall.cases.services.intake import PersonInput, person_add
from haertefall.cases.services.master import case_update, person_name_add, person_update
from haertefall.core.errors import ConcurrentEdit, DomainError
from tests.factories import authority, country, make_case

pytestmark = pytest.mark.django_db


def test_case_update_records_field_names_only(office_user):
    case = make_case(actor=office_user)
    case = case_update(case=case, actor=office_user, expected_version=case.version,
                       reasons_text="Schwere Erkrankung", authority=authority("stadt-essen"))
    event = case.events.get(event_type="data_changed")
    assert event.data == {"fields": ["authority", "reasons_text"]}
    assert case.version == 2 and case.authority.key == "stadt-essen"


def test_case_update_conflict_and_unknown_fields(office_user):
    case = make_case(actor=office_user)
    with pytest.raises(ConcurrentEdit):
        case_update(case=case, actor=office_user, expected_version=case.version + 1, submitter_name="X")
    with pytest.raises(DomainError):
        case_update(case=case, actor=office_user, expected_version=case.version, state="closed")
    with pytest.raises(DomainError):
        case_update(case=case, actor=office_user, expected_version=case.version, reason_categories=["magic"])
    case.refresh_from_db()
    assert case.version == 1 and not CaseEvent.objects.filter(case=case, event_type="data_changed").exists()


def test_case_update_without_change_records_nothing(office_user):
    case = make_case(actor=office_user)
    case_update(case=case, actor=office_user, expected_version=1, submitter_name=case.submitter_name)
    case.refresh_from_db()
    assert case.version == 1


def test_person_update_main_nationality_changes_case_country(office_user):
    case = make_case(actor=office_user, nationality="Kosovo")
    person = case.persons.get()
    person_update(person=person, actor=office_user, nationality=country("Albanien"), family_name="Krasniqi-Hoxha")
    case.refresh_from_db()
    person.refresh_from_db()
    assert case.country.name == "Albanien"
    assert "krasniqi hoxha" in person.search_text
    with pytest.raises(DomainError):
        person_update(person=person, actor=office_user, birth_date=date.today() + timedelta(days=1))
    with pytest.raises(DomainError):
        person_update(person=person, actor=office_user, relationship="child")


def test_person_add_after_intake_counts_and_name_forms(office_user):
    case = make_case(actor=office_user)
    child = person_add(case=case, actor=office_user,
                       data=PersonInput(family_name="Krasniqi", given_names="Ema", nationality=country("Kosovo"),
                                        relationship="child"))
    case.refresh_from_db()
    assert case.persons_count == 2
    person_name_add(person=child, actor=office_user, family_name="Krasnići", given_names="Ema", kind="spelling")
    child.refresh_from_db()
    assert "krasnici ema" in child.search_text
    with pytest.raises(DomainError):
        person_name_add(person=child, actor=office_user, family_name=" ")
