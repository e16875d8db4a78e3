"""The case search answers every form people type: file numbers as the old register wrote them,
in any case, with spaces for hyphens, in part; names; and text that is no file number at all.
The page and the API list the same cases and log the read the same way."""

import re
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db

IMPORTED = ["ALT-2004-001", "ALT 2019 / 17", "HFK-2011-0296"]


@pytest.fixture
def register(office_user):
    """Three cases taken over from the old register, and one recorded in the system."""
    cases = {}
    for number, family_name in zip(IMPORTED, ["Berisha", "Hoxha", "Krasniqi"], strict=True):
        case = make_case(actor=office_user, family_name=family_name, received_on=date(2011, 3, 1))
        Case.objects.filter(pk=case.pk).update(file_number=number)
        cases[number] = case
    cases["new"] = make_case(actor=office_user, family_name="Altun", given_names="Deniz")
    return cases


def _listed(client, text) -> list[str]:
    response = client.get(reverse("cases:list"), {"q": text})
    assert response.status_code == 200, text
    return re.findall(r'<th scope="row"[^>]*><a class="kern-link" href="/faelle/\d+/">([^<]+)</a>',
                      response.content.decode())


@pytest.mark.parametrize(("typed", "found"), [
    ("ALT-2004-001", "ALT-2004-001"),
    ("alt-2004-001", "ALT-2004-001"),
    ("alt 2004 001", "ALT-2004-001"),
    ("2004-001", "ALT-2004-001"),
    ("ALT 2019 / 17", "ALT 2019 / 17"),
    ("ALT 2019/17", "ALT 2019 / 17"),
    ("alt-2019-17", "ALT 2019 / 17"),
    ("2019/17", "ALT 2019 / 17"),
    ("HFK-2011-0296", "HFK-2011-0296"),
    ("hfk 2011 0296", "HFK-2011-0296"),
    ("2011-0296", "HFK-2011-0296"),
    ("0296", "HFK-2011-0296"),
    ("  0296  ", "HFK-2011-0296"),
])
def test_a_file_number_in_any_form_people_type_finds_its_case(office_client, register, typed, found):
    assert _listed(office_client, typed) == [found]


def test_the_start_of_a_file_number_lists_those_numbers_and_names_starting_so(office_client, register):
    listed = _listed(office_client, "ALT")
    assert sorted(listed) == sorted(["ALT-2004-001", "ALT 2019 / 17", register["new"].file_number])
    assert sorted(_listed(office_client, "hfk")) == sorted(["HFK-2011-0296", register["new"].file_number])


@pytest.mark.parametrize("typed", ["%", "_", "'", "\\", "100%", "x_y", "O'Brien", "\\'; DROP TABLE x; --",
                                   "x" * 600, "Krasniqi " * 70, "2011" + "-0" * 300])
def test_special_characters_and_long_text_answer_normally(office_client, register, typed):
    listed = _listed(office_client, typed)
    assert "ALT-2004-001" not in listed  # no wildcard matches everything


def test_names_are_still_found(office_client, register):
    assert _listed(office_client, "krasniqi") == ["HFK-2011-0296"]
    assert _listed(office_client, "Krasniqui") == ["HFK-2011-0296"]  # misspelt


def test_the_api_lists_what_the_page_lists_and_logs_the_read_alike(office_user, office_client, register):
    api = APIClient()
    api.force_authenticate(office_user)
    for typed in ["alt 2019/17", "0296", "ALT", "krasniqi"]:
        page = sorted(_listed(office_client, typed))
        body = api.get(reverse("cases-api:case-list"), {"q": typed}).json()
        assert sorted(c["file_number"] for c in body["results"]) == page, typed

    before = AuditEntry.objects.count()
    body = api.get(reverse("cases-api:case-list")).json()
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == AuditEntry.Action.READ and entry.object_type == "cases.case"
    main_persons = {c.persons.get(relationship="main").pk for c in Case.objects.all()}
    assert set(entry.person_ids) == main_persons
    assert {c["main_person"] for c in body["results"]} >= {"Krasniqi, Arben", "Altun, Deniz"}

    api.get(reverse("cases-api:case-list"), {"q": "0296"})
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.action == AuditEntry.Action.SEARCH and "0296" not in entry.detail
    assert entry.person_ids == [register["HFK-2011-0296"].persons.get(relationship="main").pk]


def test_an_invalid_filter_value_is_a_german_error_in_the_api(office_user, register):
    api = APIClient()
    api.force_authenticate(office_user)
    response = api.get(reverse("cases-api:case-list"), {"state": "unbekannt"})
    assert response.status_code == 400
    assert "state" in response.json()


def test_a_number_imported_in_small_letters_is_found_by_its_start(office_client, office_user):
    case = make_case(actor=office_user, family_name="Berisha")
    Case.objects.filter(pk=case.pk).update(file_number="alt-1999-5")
    assert _listed(office_client, "ALT") == ["alt-1999-5"]
    assert _listed(office_client, "Alt 1999 5") == ["alt-1999-5"]


def test_the_api_gives_at_most_its_largest_page_however_much_is_asked(office_user, register, monkeypatch):
    from haertefall.core.api import Pagination

    monkeypatch.setattr(Pagination, "max_limit", 2)
    api = APIClient()
    api.force_authenticate(office_user)
    body = api.get(reverse("cases-api:case-list"), {"limit": 100000}).json()
    assert len(body["results"]) == 2 and body["count"] == 4 and body["next"]


def test_the_search_form_keeps_names_out_of_the_address(office_client, register, monkeypatch):
    """ASVS 14.2.1 (issue 17, item 8): the form is posted; a search text is kept in the session
    and the address carries only an opaque id, also in the page links."""
    from haertefall.cases import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    response = office_client.post(reverse("cases:list"), {"q": "krasniqi Arben", "state": "", "year": ""})
    assert response.status_code == 302
    address = response["Location"]
    assert re.fullmatch(r"/faelle/\?suche=[\w-]{12}", address), address
    body = office_client.get(address).content.decode()
    assert "HFK-2011-0296" in body and 'value="krasniqi Arben"' in body
    assert "krasniqi" not in "".join(re.findall(r'href="([^"]*)"', body)).lower()

    # Without a search text the filters stay in the address: back and bookmarks work.
    response = office_client.post(reverse("cases:list"), {"state": "received", "q": ""})
    assert response["Location"] == "/faelle/?state=received"

    # An id this session never stored lists nothing of anybody's search.
    response = office_client.get(reverse("cases:list"), {"suche": "fremd"})
    assert response.status_code == 302 and response["Location"] == reverse("cases:list")


def test_a_role_without_a_case_list_cannot_store_a_search(client, ministry_user):
    client.force_login(ministry_user)
    assert client.post(reverse("cases:list"), {"q": "Krasniqi"}).status_code == 403
