"""The office's release of documents for the session file in the API (issue 15, decision 0114)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.services.test_meetings_session_documents import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_office_reads_and_replaces_the_release(world, office_user):  # noqa: F811
    item, docs = world["item"], world["docs"]
    url = reverse("meetings-api:agenda_item_session_documents", args=[world["meeting"].pk, item.pk])
    api = _client(office_user)
    body = api.get(url).json()
    assert body["documents"] == [] and body["refusal"] is None
    titles = [choice["title"] for choice in body["choices"]]
    assert titles == ["Schulzeugnis", "Mietvertrag", "Arbeitsvertrag"]  # by document date, no minutes extract
    assert body["choices"][0]["kind"] == "Nachweis (Arbeit, Schule, Sprache)"
    body = api.put(url, {"documents": [docs["later"].pk, docs["earlier"].pk]}, format="json").json()
    assert body["documents"] == [docs["earlier"].pk, docs["later"].pk]
    assert set(item.session_documents.values_list("pk", flat=True)) == {docs["earlier"].pk, docs["later"].pk}
    # The member's copy now carries them.
    copy = _client(world["member"]).get(reverse("meetings-api:session_file", args=[world["meeting"].pk])).json()
    mine = next(entry for entry in copy["items"] if entry["file_number"] == world["case"].file_number)
    assert [d["title"] for d in mine["documents"]] == ["Schulzeugnis", "Arbeitsvertrag"]


@pytest.mark.parametrize("payload, message", [
    ({"documents": ["foreign"]}, "gehört nicht zu diesem Fall"),
    ({"documents": ["minutes"]}, "Protokollauszug"),
    ({"documents": "abc"}, None),
    ({}, None),
])
def test_bad_input_is_a_400_and_changes_nothing(world, office_user, payload, message):  # noqa: F811
    item = world["item"]
    if isinstance(payload.get("documents"), list):
        payload = {"documents": [world["docs"][key].pk for key in payload["documents"]]}
    url = reverse("meetings-api:agenda_item_session_documents", args=[world["meeting"].pk, item.pk])
    response = _client(office_user).put(url, payload, format="json")
    assert response.status_code == 400
    if message:
        assert message in str(response.json())
    assert not item.session_documents.exists()


def test_members_get_404(world):  # noqa: F811
    url = reverse("meetings-api:agenda_item_session_documents", args=[world["meeting"].pk, world["item"].pk])
    member = _client(world["member"])
    assert member.get(url).status_code == 404
    assert member.put(url, {"documents": [world["docs"]["later"].pk]}, format="json").status_code == 404
    assert not world["item"].session_documents.exists()


def test_schema_documents_the_release(api):
    paths = api.get("/api/schema/", {"format": "json"}).json()["paths"]
    operations = paths["/api/meetings/meetings/{id}/agenda/{item_pk}/session-documents/"]
    assert {"get", "put"} <= set(operations)
