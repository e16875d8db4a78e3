"""Finding and listing (issue 16): file numbers in every form people type, the header's search
field, sortable columns, numbered pages and page sizes, the list kept when coming back."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.cases.models import Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<th scope="row"[^>]*><a class="kern-link" href="/faelle/\d+/">([^<]+)</a>')


def _numbered(actor, number, family_name="Krasniqi", **kwargs):
    case = make_case(actor=actor, family_name=family_name, **kwargs)
    Case.objects.filter(pk=case.pk).update(file_number=number)
    return case


@pytest.fixture
def numbers(office_user):
    for number, name in [("HFK-2024-0012", "Berisha"), ("HFK-2024-0120", "Hoxha"), ("HFK-2023-0012", "Gashi"),
                         ("ALT-2004-001", "Morina")]:
        _numbered(office_user, number, name)


def _search(client, typed) -> list[str]:
    """Search as a person does: the posted form, then the list it leads to."""
    response = client.post(reverse("cases:list"), {"q": typed}, follow=True)
    assert response.status_code == 200, typed
    return sorted(ROW.findall(response.content.decode()))


@pytest.mark.parametrize(("typed", "found"), [
    ("HFK-2024-0012", ["HFK-2024-0012"]),
    ("hfk 2024 12", ["HFK-2024-0012"]),
    ("2024/12", ["HFK-2024-0012"]),
    ("12/2024", ["HFK-2024-0012"]),
    ("2024-0012", ["HFK-2024-0012"]),
    ("0012/2024", ["HFK-2024-0012"]),
    ("HFK 12/2024", ["HFK-2024-0012"]),
    ("2004/1", ["ALT-2004-001"]),
    ("1/2004", ["ALT-2004-001"]),
    ("0012", ["HFK-2023-0012", "HFK-2024-0012"]),
    ("2024/120", ["HFK-2024-0120"]),
    ("012", ["HFK-2023-0012", "HFK-2024-0012", "HFK-2024-0120"]),  # a part of the number
])
def test_a_file_number_in_any_common_form_finds_its_case(office_client, numbers, typed, found):
    assert _search(office_client, typed) == found


@pytest.mark.parametrize("typed", ["12/2022", "2025/12", "ALT 2024/12", "2024/1200000"])
def test_a_number_of_another_year_or_prefix_finds_nothing(office_client, numbers, typed):
    assert _search(office_client, typed) == []


def test_the_header_search_is_on_other_pages_and_leads_to_the_case(office_client, numbers):
    home = office_client.get(reverse("portal:home")).content.decode()
    form = re.search(r'<form method="post" action="/faelle/" class="hf-header-search".*?</form>', home, re.S).group(0)
    assert '<label for="fallsuche"' in form and ">Fallsuche</label>" in form and 'name="q"' in form
    assert "csrfmiddlewaretoken" in form
    response = office_client.post(reverse("cases:list"), {"q": "Berisha"})
    # The name stays out of the address (decision 0097).
    assert "Berisha" not in response["Location"]
    assert ROW.findall(office_client.get(response["Location"]).content.decode()) == ["HFK-2024-0012"]


def test_roles_without_a_case_list_have_no_header_search(client, ministry_user):
    client.force_login(ministry_user)
    assert 'id="fallsuche"' not in client.get(reverse("portal:home")).content.decode()


@pytest.fixture
def many(office_user):
    """Seven cases: three received on the same day (the id decides among them)."""
    day = date.today() - timedelta(days=40)
    cases = [make_case(actor=office_user, family_name=f"Gleich{i}", received_on=day) for i in range(3)]
    cases += [make_case(actor=office_user, family_name=f"Anders{i}", received_on=day - timedelta(days=i + 1))
              for i in range(4)]
    return cases


def _listed(client, **params):
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    return response, ROW.findall(response.content.decode())


def test_column_headers_sort_both_ways_and_say_so(office_client, many):
    response, listed = _listed(office_client, ordering="received_on")
    body = response.content.decode()
    oldest_first = sorted(many, key=lambda c: (c.received_on, c.pk))
    assert listed == [c.file_number for c in oldest_first]
    header = re.search(r'<th scope="col" class="kern-table__header" aria-sort="ascending"><a class="kern-link" '
                       r'href="([^"]+)">Eingang', body)
    assert header, "the sorted column says it is sorted ascending"
    assert body.count("aria-sort=") == 1
    # Its link sorts the other way.
    target = header.group(1).replace("&amp;", "&")
    assert "ordering=-received_on" in target
    response = office_client.get(reverse("cases:list") + target)
    assert 'aria-sort="descending"' in response.content.decode()
    assert ROW.findall(response.content.decode()) == [c.file_number for c in reversed(oldest_first)]


def test_an_unknown_sort_key_is_refused_in_german_not_executed(office_client, many):
    response, listed = _listed(office_client, ordering="persons__family_name")
    assert re.search(r'id="id_ordering_error">.*?Sortierung', response.content.decode(), re.S)
    assert len(listed) == len(many)


def test_pages_are_numbered_with_first_and_last_and_the_size_is_chosen(office_client, office_user, many):
    for i in range(50):
        make_case(actor=office_user, family_name=f"Viele{i}")
    response, listed = _listed(office_client, seite=2)
    body = response.content.decode()
    assert len(listed) == 25 and "57 Fälle gefunden." in body and "Seite 2 von 3" in body
    assert re.search(r'<a class="kern-link" href="\?seite=1">Erste Seite</a>', body)
    assert re.search(r'<a class="kern-link" href="\?seite=3">Letzte Seite</a>', body)
    assert re.search(r'href="\?seite=2" aria-current="page"', body)
    _response, listed = _listed(office_client, anzahl=50)
    assert len(listed) == 50
    _response, listed = _listed(office_client, anzahl=100)
    assert len(listed) == 57
    _response, listed = _listed(office_client, anzahl=7)  # not offered: the usual 25
    assert len(listed) == 25


@pytest.mark.parametrize("page", ["99", "-1", "abc", "1" * 40])
def test_a_page_out_of_range_shows_the_last_or_first_page(office_client, many, page):
    response, listed = _listed(office_client, seite=page)
    assert listed  # a page of the list, not an error
    assert "Seite 1 von 1" not in response.content.decode() or len(listed) == len(many)


def test_coming_back_to_the_list_restores_its_filters_sort_and_page(office_client, office_user, many):
    for i in range(30):
        make_case(actor=office_user, family_name=f"Viele{i}")
    office_client.get(reverse("cases:list"), {"state": "received", "ordering": "file_number", "seite": 2})
    office_client.get(reverse("portal:home"))
    response = office_client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('cases:list')}?state=received&ordering=file_number&seite=2"
    # "Filter zurücksetzen" forgets it.
    assert office_client.get(reverse("cases:list"), {"zuruecksetzen": "1"})["Location"] == reverse("cases:list")
    assert office_client.get(reverse("cases:list")).status_code == 200


def test_sorting_a_search_result_keeps_the_search(office_client, office_user, many):
    address = office_client.post(reverse("cases:list"), {"q": "Gleich"})["Location"]
    response = office_client.get(address, {"ordering": "-file_number"} | _key(address))
    listed = ROW.findall(response.content.decode())
    gleich = sorted((c for c in many if c.persons.get().family_name.startswith("Gleich")),
                    key=lambda c: c.file_number, reverse=True)
    assert listed == [c.file_number for c in gleich]


def _key(address: str) -> dict:
    return {"suche": address.split("suche=")[1]}
