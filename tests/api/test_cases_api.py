"""REST API of the case file: same rules, same services, same access as the pages."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.cases.models import Case
from haertefall.cases.states import Closure, State
from tests.authorities_support import case_statement_requested
from tests.factories import authority, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(office_user):
    return make_case(actor=office_user, authority_obj=authority("stadt-koeln"))


def _step(api, case, key, **data):
    return api.post(reverse("cases-api:step-" + key, args=[case.pk]), data, format="json")


def test_create_case_through_api(api):
    payload = {
        "received_on": (date.today() - timedelta(days=3)).isoformat(),
        "submitter_name": "Flüchtlingsrat", "submitter_kind": "counselling",
        "authority": authority("stadt-essen").pk, "reason_categories": ["integration"],
        "main_person": {"family_name": "Aliyev", "given_names": "Rashad", "nationality": "Aserbajdschan",
                        "other_names": [{"kind": "alias", "family_name": "Aliev", "given_names": "Rashad"}]},
        "family": [{"relationship": "spouse", "family_name": "Aliyeva", "given_names": "Leyla"}],
    }
    response = api.post(reverse("cases-api:case-list"), payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["country_name"] == "Aserbaidschan"
    assert body["persons_count"] == 2
    assert body["allowed_steps"] == ["check", "close_other"]


def test_create_refuses_unknown_nationality_in_german(api):
    payload = {"received_on": date.today().isoformat(), "submitter_name": "X",
               "main_person": {"family_name": "Test", "nationality": "Narnia"}}
    response = api.post(reverse("cases-api:case-list"), payload, format="json")
    assert response.status_code == 400
    assert "Narnia" in str(response.json()) and not Case.objects.exists()


def test_list_filters_and_search(api, office_user, case):
    other = make_case(actor=office_user, family_name="Müller", nationality="Türkei")
    response = api.get(reverse("cases-api:case-list"), {"q": "Mueller"})
    numbers = [c["file_number"] for c in response.json()["results"]]
    assert numbers == [other.file_number]
    response = api.get(reverse("cases-api:case-list"), {"authority": authority("stadt-koeln").pk})
    assert [c["file_number"] for c in response.json()["results"]] == [case.file_number]


def test_case_file_steps_through_api(api, case):
    for key, data in [("check", {"grounds": [], "other_basis": "none"}), ("close_other", {"reason": "departure"})]:
        response = _step(api, case, key, **data)
        assert response.status_code == 200, (key, response.json())
    body = response.json()
    assert body["state"] == State.CLOSED and body["closure"] == Closure.OTHER_CLOSURE
    events = api.get(reverse("cases-api:case-events", args=[case.pk])).json()
    assert [e["step"] for e in events][-1] == "close_other"
    assert body["allowed_steps"] == ["reopen"]


def test_step_errors_are_400_in_german_and_change_nothing(api, case):
    response = _step(api, case, "check", other_basis="none", effective_on=(date.today() + timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert "liegt in der Zukunft" in response.json()["effective_on"][0]
    response = _step(api, case, "mark_ready")
    assert response.status_code == 400 and "nicht möglich" in str(response.json())
    response = _step(api, case, "check", other_basis="none", version=case.version + 5)
    assert response.status_code == 409 and "jemand anderem" in str(response.json())
    case.refresh_from_db()
    assert case.state == State.RECEIVED and case.version == 1


def test_patch_master_data_with_version(api, case):
    url = reverse("cases-api:case-detail", args=[case.pk])
    assert api.patch(url, {"version": case.version, "submitter_name": "Neu"}, format="json").status_code == 200
    response = api.patch(url, {"version": case.version, "submitter_name": "Alt"}, format="json")
    assert response.status_code == 409  # Conflict: the client's copy is stale
    assert "jemand anderem" in response.json()["version"][0]


def test_documents_notes_followups(api, case):
    upload = SimpleUploadedFile("notiz.txt", "Schulbescheinigung für Drita".encode(), content_type="text/plain")
    response = api.post(reverse("cases-api:case-documents", args=[case.pk]),
                        {"title": "Schule", "doc_type": "evidence", "file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    doc = response.json()
    assert doc["content_type"] == "text/plain" and len(doc["sha256"]) == 64
    download = api.get(reverse("cases-api:document-download", args=[case.pk, doc["id"]]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"Schul")
    response = api.post(reverse("cases-api:case-notes", args=[case.pk]), {"text": "Anruf"}, format="json")
    assert response.status_code == 201
    response = api.post(reverse("cases-api:case-followups", args=[case.pk]),
                        {"due_on": date.today().isoformat(), "reason": "Nachfragen"}, format="json")
    assert response.status_code == 201
    done = api.post(reverse("cases-api:followup-done", args=[case.pk, response.json()["id"]]))
    assert done.status_code == 200 and done.json()["done_at"]


def test_persons_and_names(api, case):
    persons = api.get(reverse("cases-api:case-persons", args=[case.pk])).json()
    person_id = persons[0]["id"]
    response = api.post(reverse("cases-api:person-names", args=[case.pk, person_id]),
                        {"kind": "alias", "family_name": "Krasnici"}, format="json")
    assert response.status_code == 201
    response = api.patch(reverse("cases-api:person-detail", args=[case.pk, person_id]),
                         {"nationality": "Albanien"}, format="json")
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.country.name == "Albanien"
    response = api.post(reverse("cases-api:case-persons", args=[case.pk]),
                        {"relationship": "child", "family_name": "Krasniqi", "given_names": "Ema"}, format="json")
    assert response.status_code == 201
    case.refresh_from_db()
    assert case.persons_count == 2


def test_repeats_endpoint(api, office_user):
    earlier = make_case(actor=office_user, family_name="Krasniqi", given_names="Arben")
    response = api.get(reverse("cases-api:repeats"), {"family_name": "Krasniqui", "given_names": "Arben",
                                                       "birth_date": "1985-03-01"})
    assert [m["file_number"] for m in response.json()] == [earlier.file_number]


def test_authority_sees_own_cases_only_and_cannot_write(office_user, authority_user):
    own = case_statement_requested(actor=office_user, authority_obj=authority_user.authority)
    make_case(actor=office_user, authority_obj=authority_user.authority)  # statement not requested yet
    other_key = "stadt-essen" if authority_user.authority.key != "stadt-essen" else "stadt-koeln"
    foreign = case_statement_requested(actor=office_user, authority_obj=authority(other_key))
    client = APIClient()
    client.force_authenticate(authority_user)
    numbers = [c["file_number"] for c in client.get(reverse("cases-api:case-list")).json()["results"]]
    assert numbers == [own.file_number]
    assert client.get(reverse("cases-api:case-detail", args=[foreign.pk])).status_code == 404
    detail = client.get(reverse("cases-api:case-detail", args=[own.pk])).json()
    assert detail["allowed_steps"] == []
    assert _step(client, own, "check").status_code == 404
    assert client.get(reverse("cases-api:case-notes", args=[own.pk])).status_code == 404


def test_member_and_ministry(office_user, member_user, ministry_user):
    case = make_case(actor=office_user)
    client = APIClient()
    client.force_authenticate(member_user)
    assert client.get(reverse("cases-api:case-detail", args=[case.pk])).status_code == 404
    from django.utils import timezone

    from haertefall.meetings.models import AgendaItem, Invitation, Meeting

    meeting = Meeting.objects.create(date=date.today() + timedelta(days=2))
    AgendaItem.objects.create(meeting=meeting, case=case, position=1)
    Invitation.objects.create(meeting=meeting, user=member_user, sent_at=timezone.now())
    assert client.get(reverse("cases-api:case-detail", args=[case.pk])).status_code == 200
    listed = client.get(reverse("cases-api:case-list")).json()["results"]
    assert [c["id"] for c in listed] == [case.pk]
    assert _step(client, case, "check").status_code == 404
    client.force_authenticate(ministry_user)
    assert client.get(reverse("cases-api:case-list")).status_code == 403


def test_anonymous_is_refused(case):
    response = APIClient().get(reverse("cases-api:case-list"))
    assert response.status_code in (401, 403)


def test_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.mark.parametrize(("name", "content"), [
    ("evil.html", b"<!DOCTYPE html><script>alert(document.cookie)</script>"),
    ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    ("antrag.pdf", b"<html><body onload=alert(1)>Antrag</body></html>"),
])
def test_a_document_with_active_content_is_refused(api, case, name, content):
    """Issue 17, item 6: refused by content, whatever the name or the browser's claim."""
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = api.post(reverse("cases-api:case-documents", args=[case.pk]),
                        {"title": "Anlage", "doc_type": "evidence", "file": upload}, format="multipart")
    assert response.status_code == 400
    assert "kein erlaubter Dateityp" in response.json()["file"][0]
    assert not case.documents.exists()
