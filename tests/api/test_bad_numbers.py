"""Input that used to answer 500 (issue 17, item 4): numbers beyond the database's integers in
paths and paging, an offset that is no number, a second main person, a stale version. Each
answers 400, 404 or 409 with a German message, and changes nothing. The schema documents these
answers (core/openapi.py); tests/api/test_schemathesis.py checks every operation against it."""

import pytest
from django.urls import reverse

from haertefall.cases.models import Person
from tests.factories import make_case

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.fixture
def case(office_user):
    return make_case(actor=office_user)


@pytest.mark.parametrize("path", [f"/api/cases/cases/{HUGE}/", f"/api/cases/cases/{HUGE}/events/",
                                  "/api/cases/cases/9223372036854775808/", f"/faelle/{HUGE}/"])
def test_an_id_beyond_the_databases_integers_is_not_found(api, office_client, path):
    client = office_client if path.startswith("/faelle/") else api
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("offset", ["abc", "-1", "1.5", "99999999999999999999"])
def test_an_offset_that_is_no_number_is_refused_in_german(api, case, offset):
    response = api.get(reverse("cases-api:case-list"), {"offset": offset})
    assert response.status_code == 400
    assert response.json() == {"offset": ["„offset“ muss eine ganze Zahl ab 0 sein."]}


def test_a_huge_limit_gives_the_largest_page(api, case):
    response = api.get(reverse("cases-api:case-list"), {"limit": "11104823217974755328"})
    assert response.status_code == 200 and [c["id"] for c in response.json()["results"]] == [case.pk]


def test_a_second_main_person_is_refused(api, case):
    response = api.post(reverse("cases-api:case-persons", args=[case.pk]),
                        {"family_name": "Zweite", "nationality": case.country.name, "relationship": "main"},
                        format="json")
    assert response.status_code == 400
    assert "schon eine Hauptperson" in str(response.json())
    assert Person.objects.filter(case=case).count() == 1


def test_a_stale_version_is_a_conflict(api, case):
    url = reverse("cases-api:case-detail", args=[case.pk])
    assert api.patch(url, {"version": case.version, "submitter_name": "Neu"}, format="json").status_code == 200
    response = api.patch(url, {"version": case.version, "submitter_name": "Alt"}, format="json")
    assert response.status_code == 409
    case.refresh_from_db()
    assert case.submitter_name == "Neu"



def test_a_body_that_is_no_json_is_refused_in_german(api, case):
    response = api.patch(reverse("cases-api:case-detail", args=[case.pk]), data=b"\xf7{",
                         content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Der Inhalt der Anfrage lässt sich nicht als „application/json“ lesen."}


@pytest.mark.parametrize("path", ["/api/cases/cases/abc/", "/api/cases/cases/-1/", "/api/nichts/"])
def test_an_api_address_that_matches_nothing_answers_german_json(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nicht gefunden."}


def test_a_page_address_that_matches_nothing_stays_a_page(office_client):
    response = office_client.get("/faelle/abc/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_the_schema_documents_the_error_answers(api):
    paths = api.get(reverse("api-schema"), {"format": "json"}).json()["paths"]
    assert set(paths["/api/cases/cases/{id}/"]["patch"]["responses"]) == {"200", "400", "403", "404", "409", "415"}
    assert set(paths["/api/cases/cases/{id}/"]["get"]["responses"]) == {"200", "403", "404"}
    assert set(paths["/api/cases/cases/"]["get"]["responses"]) == {"200", "400", "403", "404"}
    error = paths["/api/cases/cases/{id}/"]["get"]["responses"]["404"]["content"]["application/json"]
    assert error["schema"] == {"$ref": "#/components/schemas/Fehler"}


def test_the_templates_list_is_a_list_as_documented(api):
    assert [t["kind"] for t in api.get("/api/correspondence/templates/").json()][:1] == ["acknowledgement"]
