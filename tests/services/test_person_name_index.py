"""The stored name index: repeats are recorded with the person and read back unchanged, the
search finds the same cases through the word index, and nothing grows with all persons."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from haertefall.cases.models import Case, Person, PersonRepeat, Relationship
from haertefall.cases.selectors import case_repeats, case_search, person_possible_repeats
from haertefall.cases.services.master import person_name_add, person_update
from haertefall.cases.services.names import person_index_build
from haertefall.registers.models import Country
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def files(matches):
    # case_repeats gives rows with the file number, person_possible_repeats persons with their case.
    return sorted({m.file_number if hasattr(m, "file_number") else m.case.file_number for m in matches})


def test_repeat_is_stored_in_both_directions_when_recorded(office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    later = make_case(actor=office_user, family_name="Krasniqui", given_names="Arben")
    assert files(case_repeats(later)) == [earlier.file_number]
    assert files(case_repeats(earlier)) == [later.file_number]
    assert case_repeats(later)[0].matched_name == "Krasniqi, Arben"


def test_alias_recorded_later_creates_the_repeat(office_user):
    earlier = make_case(actor=office_user, family_name="Gashi", given_names="Ilir")
    later = make_case(actor=office_user, family_name="Berisha", given_names="Ilir")
    assert case_repeats(later) == []
    person_name_add(person=earlier.persons.get(), actor=office_user, family_name="Berisha",
                    given_names="Ilir", kind="alias")
    assert files(case_repeats(later)) == [earlier.file_number]
    assert files(case_repeats(earlier)) == [later.file_number]


def test_corrected_birth_date_removes_the_repeat(office_user):
    earlier = make_case(actor=office_user, family_name="Müller", given_names="Jürgen", nationality="Türkei",
                        birth_date=date(1985, 3, 1))
    later = make_case(actor=office_user, family_name="Mueller", given_names="Juergen", nationality="Türkei",
                      birth_date=date(1985, 3, 1))
    assert files(case_repeats(later)) == [earlier.file_number]
    person_update(person=later.persons.get(), actor=office_user, birth_date=date(1990, 1, 1))
    assert case_repeats(later) == [] and case_repeats(earlier) == []


def test_bulk_build_finds_what_the_services_stored(office_user):
    make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    make_case(actor=office_user, family_name="Krasniqui", given_names="Arben")
    c = make_case(actor=office_user, family_name="Berisha", given_names="Ardit Leon")
    make_case(actor=office_user, family_name="Berisha", given_names="Leon Ardit")
    person_name_add(person=c.persons.get(), actor=office_user, family_name="Gashi", given_names="Emir")
    make_case(actor=office_user, family_name="Gashi", given_names="Emir")
    make_case(actor=office_user, family_name="Krasniqi", given_names="Arben", birth_date=date(1990, 1, 1))
    stored = set(PersonRepeat.objects.values_list("person_id", "other_id", "score", "matched_name"))
    assert len(stored) == 6
    person_index_build()
    assert set(PersonRepeat.objects.values_list("person_id", "other_id", "score", "matched_name")) == stored


def test_search_by_word_prefix_file_number_and_several_words(office_user):
    case = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    other = make_case(actor=office_user, family_name="Krasniqi", given_names="Drita")
    assert set(case_search(Case.objects.all(), "krasn")) == {case, other}
    assert list(case_search(Case.objects.all(), "Krasniqi Arben")) == [case]
    assert list(case_search(Case.objects.all(), "arb KRASNIQI")) == [case]
    assert list(case_search(Case.objects.all(), case.file_number)) == [case]
    assert list(case_search(Case.objects.all(), case.file_number.lower())) == [case]
    assert list(case_search(Case.objects.all(), "Krasnici Drita")) == [other]  # fuzzy
    assert list(case_search(Case.objects.exclude(pk=other.pk), "Drita")) == []


def _unrelated_persons(case, count):
    country = Country.objects.order_by("pk").first()
    Person.objects.bulk_create([
        Person(case=case, relationship=Relationship.OTHER, family_name=f"Unverwandt{i:04d}",
               given_names="Zora", nationality=country, search_text=f"unverwandt{i:04d} zora")
        for i in range(count)
    ])
    person_index_build()


def _detail_queries(client, case):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_detail_page_queries_do_not_grow_with_unrelated_persons(office_client, office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    case = make_case(actor=office_user, family_name="Krasniqui", given_names="Arben")
    filler = make_case(actor=office_user, family_name="Ohnebezug", given_names="Karl")
    _unrelated_persons(filler, 50)
    small, body = _detail_queries(office_client, case)
    assert earlier.file_number in body
    _unrelated_persons(filler, 450)
    large, body = _detail_queries(office_client, case)
    assert earlier.file_number in body and filler.file_number not in body
    assert large == small


def test_intake_hint_uses_the_index(office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    filler = make_case(actor=office_user, family_name="Ohnebezug", given_names="Karl")
    _unrelated_persons(filler, 300)
    with CaptureQueriesContext(connection) as ctx:
        found = person_possible_repeats(family_name="Krasniqui", given_names="Arben")
    assert files(found) == [earlier.file_number]
    assert len(ctx.captured_queries) <= 3
