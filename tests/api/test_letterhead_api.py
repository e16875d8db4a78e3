"""The letterhead over the API (issue 15, decision 0110): read by the office, set by the head."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_head_sets_the_letterhead_the_office_reads_it(api, office_user, office_head):
    api.force_authenticate(office_user)
    current = api.get("/api/correspondence/letterhead/")
    assert current.status_code == 200 and current.json()["name"].startswith("Geschäftsstelle der Härtefallkommission")
    body = {"name": "Härtefallkommission Testland", "address": "Amtsweg 1\n12345 Amtsstadt", "phone": "0123 4567"}
    assert api.post("/api/correspondence/letterhead/", body, format="json").status_code == 404

    api.force_authenticate(office_head)
    missing = api.post("/api/correspondence/letterhead/", {"name": "Nur ein Name"}, format="json")
    assert missing.status_code == 400 and "address" in missing.json()
    saved = api.post("/api/correspondence/letterhead/", body, format="json")
    assert saved.status_code == 201 and saved.json()["phone"] == "0123 4567"

    api.force_authenticate(office_user)
    assert api.get("/api/correspondence/letterhead/").json()["name"] == "Härtefallkommission Testland"
