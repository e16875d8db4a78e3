"""Dissolved states (issue 14): the recorded nationality stays, the office assigns the actual
successor per person where it is known, and the report counts the rest under the register's
default successor visibly (decision 0107)."""

from datetime import date

import pytest
from django.urls import reverse

from haertefall.cases.models import Person
from haertefall.cases.services.master import person_update
from haertefall.core.errors import DomainError
from haertefall.registers.models import Country
from haertefall.statistics.report import report_build
from haertefall.statistics.tables import report_tables

from .helpers import history_add

pytestmark = pytest.mark.django_db
AS_OF = date(2024, 12, 31)


def soviet_case(office_user, **kwargs):
    case = history_add(received_on=date(2023, 5, 1), country="Sowjetunion", **kwargs)
    Person.objects.create(case=case, family_name="Petrosjan", given_names="Anahit",
                          nationality=Country.objects.get(name="Sowjetunion"))
    return case


def test_the_register_knows_the_successors_of_the_soviet_union():
    names = set(Country.objects.get(name="Sowjetunion").successor_states.values_list("name", flat=True))
    assert {"Armenien", "Aserbaidschan", "Georgien", "Russland", "Ukraine"} <= names and len(names) == 15
    assert Country.objects.get(name="Tschechoslowakei").successor_states.count() == 2


def test_unassigned_cases_are_counted_under_the_default_and_the_report_says_so(office_user):
    soviet_case(office_user)
    soviet_case(office_user)
    report = report_build(as_of=AS_OF, years=range(2023, 2024))
    table = report["countries"]["2023"]
    assert table["top"] == [{"country": "Russland", "count": 2}]
    assert table["counted_by_default"] == [{"state": "Sowjetunion", "counted_as": "Russland", "count": 2}]
    note = next(t for t in report_tables(report) if t.key == "6.2-2023").notes
    assert note == ["Nachfolgestaat nicht festgestellt, beim Standard-Nachfolgestaat gezählt – "
                    "Sowjetunion unter Russland: 2"]


def test_an_assigned_successor_counts_there_and_the_recorded_nationality_stays(office_user):
    case = soviet_case(office_user)
    soviet_case(office_user)
    person = case.persons.get()
    person_update(person=person, actor=office_user, nationality_successor=Country.objects.get(name="Armenien"))
    person.refresh_from_db()
    assert person.nationality.name == "Sowjetunion" and person.nationality_successor.name == "Armenien"
    table = report_build(as_of=AS_OF, years=range(2023, 2024))["countries"]["2023"]
    assert {r["country"]: r["count"] for r in table["top"]} == {"Armenien": 1, "Russland": 1}
    assert table["counted_by_default"] == [{"state": "Sowjetunion", "counted_as": "Russland", "count": 1}]


def test_only_a_successor_of_the_recorded_state_can_be_assigned(office_user):
    person = soviet_case(office_user).persons.get()
    with pytest.raises(DomainError, match="Serbien ist kein Nachfolgestaat von Sowjetunion"):
        person_update(person=person, actor=office_user, nationality_successor=Country.objects.get(name="Serbien"))


def test_the_office_assigns_the_successor_on_the_person_page(office_client, office_user):
    case = soviet_case(office_user)
    person = case.persons.get()
    url = reverse("cases:person_edit", args=[case.pk, person.pk])
    page = office_client.get(url).content.decode()
    assert "Nachfolgestaat" in page and ">Armenien</option>" in page
    response = office_client.post(url, {"version": case.version, "family_name": "Petrosjan",
                                        "given_names": "Anahit", "nationality": "Sowjetunion",
                                        "nationality_successor": Country.objects.get(name="Georgien").pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Sowjetunion – Nachfolgestaat: Georgien" in detail
