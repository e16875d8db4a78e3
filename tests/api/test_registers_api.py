import pytest


@pytest.mark.django_db
def test_resolve_accepts_every_written_form(office_client):
    for text in ["Türkei", "TUR", "tr", "163", " türkei "]:
        response = office_client.get("/api/registers/countries/resolve/", {"text": text})
        assert response.status_code == 200, text
        assert response.json()["name"] == "Türkei"


@pytest.mark.django_db
def test_resolve_maps_historical_state_to_successor_code(office_client):
    data = office_client.get("/api/registers/countries/resolve/", {"text": "Jugoslawien"}).json()
    serbia = office_client.get("/api/registers/countries/resolve/", {"text": "Serbien"}).json()
    assert data["historical"] is True
    assert data["current"] == serbia["destatis_code"]


@pytest.mark.django_db
def test_unknown_country_answers_404_in_german(office_client):
    response = office_client.get("/api/registers/countries/resolve/", {"text": "Atlantis"})
    assert response.status_code == 404
    assert "Atlantis" in response.json()["detail"]


@pytest.mark.django_db
def test_catalogue_lists_mandatory_and_regular_grounds(office_client):
    catalogues = office_client.get("/api/registers/exclusion-catalogues/").json()
    kinds = [g["kind"] for g in catalogues[0]["grounds"]]
    assert kinds.count("mandatory") == 7 and kinds.count("regular") == 6


@pytest.mark.django_db
def test_registers_need_login(client):
    assert client.get("/api/registers/authorities/").status_code == 403
