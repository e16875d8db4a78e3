"""Repeat applications: the same person under another spelling, alias or umlaut form."""

from datetime import date

import pytest

from haertefall.cases.models import Case
from haertefall.cases.selectors import case_search, person_possible_repeats
from haertefall.cases.services.master import person_name_add
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def files(matches):
    return sorted({m.case.file_number for m in matches})


def test_misspelt_family_name_is_found(office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    found = person_possible_repeats(family_name="Krasniqui", given_names="Arben", birth_date=date(1985, 3, 1))
    assert files(found) == [earlier.file_number]
    assert found[0].score >= 85


def test_umlaut_spellings_are_the_same(office_user):
    earlier = make_case(actor=office_user, family_name="Müller", given_names="Jürgen", nationality="Türkei")
    assert files(person_possible_repeats(family_name="Mueller", given_names="Juergen")) == [earlier.file_number]


def test_alias_is_found(office_user):
    earlier = make_case(actor=office_user, family_name="Hasanović", given_names="Emir", nationality="Serbien")
    person_name_add(person=earlier.persons.get(), actor=office_user, family_name="Hasani", given_names="Emir",
                    kind="alias")
    assert files(person_possible_repeats(family_name="Hasani", given_names="Emir")) == [earlier.file_number]


def test_given_names_in_other_order(office_user):
    earlier = make_case(actor=office_user, family_name="Berisha", given_names="Ardit Leon")
    assert files(person_possible_repeats(family_name="Berisha", given_names="Leon Ardit")) == [earlier.file_number]


def test_different_birth_date_is_not_a_repeat(office_user):
    make_case(actor=office_user, family_name="Krasniqi", given_names="Arben", birth_date=date(1985, 3, 1))
    assert person_possible_repeats(family_name="Krasniqi", given_names="Arben", birth_date=date(1990, 1, 1)) == []


def test_unknown_birth_date_still_matches(office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben", birth_date=None)
    found = person_possible_repeats(family_name="Krasniqi", given_names="Arben", birth_date=date(1990, 1, 1))
    assert files(found) == [earlier.file_number]


def test_other_names_do_not_match_and_own_case_is_excluded(office_user):
    case = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    assert person_possible_repeats(family_name="Schmidt", given_names="Arben") == []
    assert person_possible_repeats(family_name="Krasniqi", given_names="Arben", exclude_case=case) == []


def test_search_by_alias_and_fuzzy(office_user):
    case = make_case(actor=office_user, family_name="Hasanović", given_names="Emir", nationality="Serbien")
    person_name_add(person=case.persons.get(), actor=office_user, family_name="Hasani", given_names="Emir",
                    kind="alias")
    assert list(case_search(Case.objects.all(), "hasani")) == [case]
    assert list(case_search(Case.objects.all(), "Hasanovic")) == [case]
    assert list(case_search(Case.objects.all(), "Hasanovich")) == [case]
    assert list(case_search(Case.objects.all(), "Zyzzyva")) == []
