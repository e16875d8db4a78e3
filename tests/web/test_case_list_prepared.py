"""The case list's first page by a statement prepared per shape (cases.listing) lists exactly
what the filters' queryset lists, for every combination of filters, search and ordering, for
the office and for an authority, and leaves the shapes it cannot prepare to the ORM."""

import itertools
import re
from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse

from haertefall.cases import listing
from haertefall.cases.access import cases_visible_for
from haertefall.cases.filters import CaseFilter
from haertefall.cases.listing import first_page, list_queryset, name_rows
from haertefall.cases.models import Case, Person
from haertefall.registers.models import Authority
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PEOPLE = [("Krasniqi", "Arben", "Kosovo", date(2019, 3, 1), "received"),
          ("Krasniqi", "Drita", "Kosovo", date(2021, 5, 2), "checked"),
          ("Kras_niqi", "Ilir", "Serbien", date(2021, 7, 9), "received"),
          ("Berisha", "Arben", "Serbien", date(2022, 1, 3), "ready"),
          ("Yilmaz", "Ayşe", "Türkei", date(2019, 11, 4), "received"),
          ("Özdemir", "Mehmet", "Türkei", date(2022, 2, 2), "checked")]


@pytest.fixture
def cases(office_user):
    authorities = list(Authority.objects.order_by("key")[:2])
    made = []
    for i, (family, given, nationality, received, state) in enumerate(PEOPLE):
        case = make_case(actor=office_user, family_name=family, given_names=given, nationality=nationality,
                         received_on=received, authority_obj=authorities[i % 2])
        Case.objects.filter(pk=case.pk).update(state=state)
        made.append(Case.objects.get(pk=case.pk))
    # A case without a main person (an imported register row) shows no name.
    Person.objects.filter(case=made[-1]).delete()
    return made


def _both(user, query: str, size: int = 25):
    case_filter = CaseFilter(QueryDict(query), queryset=list_queryset(cases_visible_for(user)))
    assert case_filter.is_valid(), case_filter.errors
    expected = name_rows(list(case_filter.qs[:size]))
    got = first_page(user, case_filter, size)
    return expected, got if got is None else name_rows(got)


def _rows(cases):
    return [(c.pk, c.file_number, c.state, c.main_name, c.authority_name, c.country_name) for c in cases]


def test_every_combination_of_filters_lists_what_the_queryset_lists(cases, office_user, authority_user):
    first = cases[0]
    choices = {
        "state": ["", "received", "checked"],
        "year": ["", "2021"],
        "authority": ["", str(first.authority_id)],
        "country": ["", str(first.country_id)],
        "q": ["", "krasn", "KRASNIQI arben", "kras_", first.file_number, first.file_number[:8].lower(), "a"],
        "ordering": ["", "file_number", "-state", "received_on"],
    }
    checked = 0
    for user in (office_user, authority_user):
        for combination in itertools.product(*choices.values()):
            query = "&".join(f"{name}={value}" for name, value in zip(choices, combination, strict=True) if value)
            expected, got = _both(user, query)
            assert got is not None, query
            assert _rows(got) == _rows(expected), (user.role, query)
            checked += 1
    assert checked == 2 * 3 * 2 * 2 * 2 * 7 * 4
    assert _both(office_user, "q=Krasniqui")[1] is not None
    # The comparison is not empty: the search and the filters find what they should.
    _, got = _both(office_user, "q=krasniqi&ordering=file_number")
    assert [c.main_name for c in got] == ["Krasniqi, Arben", "Krasniqi, Drita"]
    _, got = _both(office_user, "q=drita")
    assert [c.main_name for c in got] == ["Krasniqi, Drita"]
    assert got[0].authority_name == cases[1].authority.name and got[0].country_name == "Kosovo"
    _, got = _both(authority_user, "")
    assert {c.authority_id for c in got} == {authority_user.authority_id} and len(got) == 3
    _, got = _both(office_user, "ordering=received_on")
    assert got[-1].main_name == "" and len(got) == len(cases)


def test_a_page_size_smaller_than_the_result_cuts_as_the_queryset(cases, office_user):
    for size in (1, 2, 5):
        expected, got = _both(office_user, "ordering=file_number", size)
        assert _rows(got) == _rows(expected) and len(got) == size


def test_misspelt_words_are_prepared_by_the_number_of_similar_words(cases, office_user):
    for query in ("q=Krasniqui", "q=Krasniqui+Arbem", "q=Zyzzyva", "q=Krasniqui&state=checked", "q=Berishaa"):
        expected, got = _both(office_user, query)
        assert _rows(got) == _rows(expected), query
    assert [c.main_name for c in _both(office_user, "q=Krasniqui+Arbem")[1]] == ["Krasniqi, Arben"]
    assert _both(office_user, "q=Zyzzyva")[1] == []


def test_shapes_that_cannot_be_prepared_go_to_the_orm(cases, office_user, member_user):
    # Overdue: the filter decides today's date itself.
    assert _both(office_user, "overdue=on")[1] is None
    # A member's cases are a list of ids.
    assert first_page(member_user, None, 25) is None


def test_the_page_shows_the_same_rows_by_either_path(cases, office_client, monkeypatch):
    url = reverse("cases:list")
    fast = office_client.get(url, {"q": "krasniqi", "state": "received"}).content.decode()
    monkeypatch.setattr("haertefall.cases.views.first_page", lambda *args: None)
    slow = office_client.get(url, {"q": "krasniqi", "state": "received"}).content.decode()
    main = re.compile(r'<main.*</main>', re.S)
    assert main.search(fast).group(0) == main.search(slow).group(0)
    assert cases[0].file_number in fast and "Krasniqi, Arben" in fast and "1 Fall gefunden." in fast


def test_the_kept_shapes_are_bounded(cases, office_user, monkeypatch):
    monkeypatch.setattr(listing, "MAX_SHAPES", 3)
    monkeypatch.setattr(listing, "_shapes", type(listing._shapes)())
    for size in range(1, 7):
        _both(office_user, "", size)
    assert len(listing._shapes) == 3
    assert [shape[0] for shape in listing._shapes] == [("size", 4), ("size", 5), ("size", 6)]
