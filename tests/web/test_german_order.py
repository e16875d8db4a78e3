"""Countries and authorities in German alphabetical order wherever they are listed (issue 16):
Ä with A, "DR Kongo" under K as in the activity report; an authority is offered only itself;
the agenda's case choice shows file number, main person and country, by file number.
Decision 0116."""

import re
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.meetings.services.planning import meeting_plan
from haertefall.registers.models import Authority
from haertefall.registers.ordering import in_german_order, register_sort_key
from tests.factories import UserFactory
from tests.meetings_world import build_commission, checked_case

pytestmark = pytest.mark.django_db


def _options(body: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', body, re.S).group(0)
    return [label.strip() for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
            if value]


def test_the_sort_key_files_umlauts_with_their_letter_and_dr_kongo_under_k():
    names = ["Österreich", "Albanien", "Ägypten", "Oman", "Zypern", "Kosovo", "Dänemark"]
    assert sorted(names, key=lambda n: register_sort_key(n)) == [
        "Ägypten", "Albanien", "Dänemark", "Kosovo", "Oman", "Österreich", "Zypern"]


def test_the_case_list_filter_lists_countries_as_the_report_does(office_client):
    countries = _options(office_client.get(reverse("cases:list")).content.decode(), "country")
    assert countries.index("Ägypten") < countries.index("Albanien") < countries.index("Algerien")
    assert countries.index("Kolumbien") < countries.index("DR Kongo") < countries.index("Kosovo")
    assert countries.index("Oman") < countries.index("Österreich") < countries.index("Pakistan")


def test_authority_lists_are_in_german_order_and_an_authority_is_offered_only_itself(client, office_user):
    Authority.objects.create(key="aaa-test", name="Stadt Übach-Palenberg", kind=Authority.objects.first().kind,
                             land="NW")
    Authority.objects.create(key="aab-test", name="Stadt Velbert-Test", kind=Authority.objects.first().kind,
                             land="NW")
    client.force_login(office_user)
    names = _options(client.get(reverse("cases:list")).content.decode(), "authority")
    assert names == [a.name for a in in_german_order(Authority.objects.all())]
    assert names.index("Stadt Übach-Palenberg") < names.index("Stadt Velbert-Test")  # Ü with U, before V

    own = Authority.objects.get(key="aaa-test")
    authority_user = UserFactory(username="abh-dueren", role=Role.AUTHORITY, authority=own)
    client.force_login(authority_user)
    # the office's rendering of the field is cached; the authority's own list is not taken from it
    assert _options(client.get(reverse("cases:list")).content.decode(), "authority") == ["Stadt Übach-Palenberg"]


def test_the_register_api_lists_in_german_order(office_client):
    countries = [c["name"] for c in office_client.get("/api/registers/countries/").json()]
    assert countries.index("Ägypten") < countries.index("Albanien")
    assert countries.index("Kolumbien") < countries.index("DR Kongo") < countries.index("Kosovo")
    authorities = [a["name"] for a in office_client.get("/api/registers/authorities/").json()]
    assert authorities == [a.name for a in in_german_order(Authority.objects.all())]


def test_the_agenda_offers_cases_by_file_number_with_main_person_and_country(client, office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    year = timezone.localdate().year - 1
    first = checked_case(actor=office_user, on=date(year, 3, 1), family_name="Berisha", given_names="Ardit",
                         nationality="Ägypten")
    second = checked_case(actor=office_user, on=date(year, 1, 15), family_name="Hoxha", given_names="Lule")
    assert first.file_number < second.file_number  # received later, numbered first
    meeting = meeting_plan(kind="commission", date=timezone.localdate() + timedelta(days=7), actor=office_user,
                           commission=commission, place="Düsseldorf")
    client.force_login(office_user)
    options = _options(client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode(), "case")
    assert options[:2] == [
        f"{first.file_number} – Berisha, Ardit – Ägypten – Befassung, § 4 Abs. 3 HFKVO",
        f"{second.file_number} – Hoxha, Lule – Kosovo – Befassung, § 4 Abs. 3 HFKVO",
    ]


def _listed_file_numbers(body: str, numbers: list[str]) -> list[str]:
    """The given file numbers in the order the page shows them."""
    return sorted(numbers, key=body.index)


@pytest.mark.parametrize("engine_order", ["ascending", "descending"])
def test_the_case_list_sorted_by_country_files_umlauts_with_their_letter(office_client, office_user, engine_order):
    """Sorting the case list by its "Herkunftsland" column gives the report's order on SQLite
    and PostgreSQL alike: Ägypten before Albanien, Österreich between Oman and Zypern."""
    from tests.factories import make_case

    names = ["Zypern", "Österreich", "Albanien", "Oman", "Ägypten"]
    cases = {name: make_case(actor=office_user, nationality=name, family_name=f"Test{i}")
             for i, name in enumerate(names)}
    expected = [cases[name].file_number for name in ["Ägypten", "Albanien", "Oman", "Österreich", "Zypern"]]
    ordering = "country" if engine_order == "ascending" else "-country"
    body = office_client.get(reverse("cases:list"), {"ordering": ordering, "per_page": 100}).content.decode()
    listed = _listed_file_numbers(body, expected)
    assert listed == (expected if engine_order == "ascending" else expected[::-1])


def test_the_case_list_sorted_by_authority_files_umlauts_with_their_letter(office_client, office_user):
    from haertefall.registers.loading import list_positions_number
    from tests.factories import make_case

    kind = Authority.objects.first().kind
    velbert = Authority.objects.create(key="aab-test", name="Stadt Velbert-Test", kind=kind, land="NW")
    uebach = Authority.objects.create(key="aaa-test", name="Stadt Übach-Palenberg", kind=kind, land="NW")
    list_positions_number(django_apps)  # what loading the registers does
    first = make_case(actor=office_user, authority_obj=velbert, family_name="Velbert")
    second = make_case(actor=office_user, authority_obj=uebach, family_name="Uebach")
    body = office_client.get(reverse("cases:list"), {"ordering": "authority", "per_page": 100}).content.decode()
    assert _listed_file_numbers(body, [first.file_number, second.file_number]) == [
        second.file_number, first.file_number]  # Ü with U, before V
