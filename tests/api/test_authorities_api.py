import io
import shutil
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document as Docx
from rest_framework.test import APIClient

from haertefall.accounts.models import Role
from haertefall.authorities import services

from ..authorities_support import (  # noqa: F401
    authority_user,
    case_request_decided,
    case_taken_up,
    private_media,
)
from ..factories import UserFactory, make_case

TODAY = date.today()


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_statement_lifecycle_over_the_api(api, office_user):
    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    api.force_login(office_user)
    created = api.post("/api/authorities/statement-requests/",
                       {"case": case.pk, "requested_on": "2025-10-04"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["original_due"] == "2025-11-03"
    pk = created.json()["id"]

    extended = api.post(f"/api/authorities/statement-requests/{pk}/extend/",
                        {"new_due": "2025-11-20", "reason": "Urlaub"}, format="json")
    assert extended.json()["current_due"] == "2025-11-20"
    assert extended.json()["original_due"] == "2025-11-03"
    bad = api.post(f"/api/authorities/statement-requests/{pk}/extend/",
                   {"new_due": "2025-11-01", "reason": "x"}, format="json")
    assert bad.status_code == 400
    assert "verlängert" in str(bad.json())

    koeln = authority_user("stadt-koeln")
    api.force_login(koeln)
    listed = api.get("/api/authorities/statement-requests/").json()
    assert [row["id"] for row in listed["results"]] == [pk]
    assert api.post(f"/api/authorities/statement-requests/{pk}/extend/",
                    {"new_due": "2025-12-20", "reason": "x"}, format="json").status_code == 404
    answered = api.post(f"/api/authorities/statement-requests/{pk}/answer/",
                        {"answered_on": "2025-11-15", "text": "Keine Bedenken."}, format="json")
    assert answered.status_code == 200, answered.content
    assert answered.json()["answered_on"] == "2025-11-15"

    api.force_login(authority_user("stadt-essen"))
    assert api.get(f"/api/authorities/statement-requests/{pk}/").status_code == 404
    assert api.get("/api/authorities/statement-requests/").json()["results"] == []


@pytest.mark.django_db
def test_request_intended_decision_outcome_over_the_api(api, office_user, django_capture_on_commit_callbacks):
    case = case_request_decided(actor=office_user, authority_key="stadt-koeln")
    api.force_login(office_user)
    sent = api.post("/api/authorities/hardship-requests/",
                    {"case": case.pk, "sent_on": (TODAY - timedelta(days=5)).isoformat()}, format="json")
    assert sent.status_code == 201, sent.content
    hardship_id = sent.json()["id"]

    api.force_login(authority_user("stadt-koeln"))
    early = api.post("/api/authorities/outcomes/", {"hardship_request": hardship_id, "kind": "refused",
                                                    "decided_on": TODAY.isoformat()}, format="json")
    assert early.status_code == 400
    assert "§ 7 Abs. 3 HFKVO" in str(early.json())
    no_reasons = api.post("/api/authorities/intended-decisions/",
                          {"hardship_request": hardship_id, "follow": False, "reasons": "",
                           "recorded_on": TODAY.isoformat()}, format="json")
    assert no_reasons.status_code == 400
    assert "reasons" in no_reasons.json()
    with django_capture_on_commit_callbacks(execute=True):  # the ministry's e-mail goes out
        intended = api.post("/api/authorities/intended-decisions/",
                            {"hardship_request": hardship_id, "follow": False, "reasons": "Täuschung über Identität",
                             "recorded_on": TODAY.isoformat()}, format="json")
    assert intended.status_code == 201
    outcome = api.post("/api/authorities/outcomes/", {"hardship_request": hardship_id, "kind": "refused",
                                                      "decided_on": TODAY.isoformat()}, format="json")
    assert outcome.status_code == 201, outcome.content

    ministry = UserFactory(username="ministerium", role=Role.MINISTRY)
    api.force_login(ministry)
    rows = api.get("/api/authorities/intended-decisions/").json()["results"]
    assert [r["reasons"] for r in rows] == ["Täuschung über Identität"]
    assert api.get("/api/authorities/hardship-requests/").status_code == 404
    assert api.get(f"/api/authorities/hardship-requests/{hardship_id}/").status_code == 404


@pytest.mark.django_db
def test_reminders_list(api, office_user):
    from haertefall.authorities.reminders import reminders_send

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    reminders_send(today=date(2025, 10, 1))
    api.force_login(office_user)
    rows = api.get("/api/authorities/reminders/").json()["results"]
    assert [(r["kind"], r["file_number"]) for r in rows] == [("after", case.file_number)]
    api.force_login(authority_user("stadt-essen"))
    assert api.get("/api/authorities/reminders/").json()["results"] == []
    api.force_login(UserFactory(username="mitglied", role=Role.MEMBER))
    assert api.get("/api/authorities/reminders/").status_code == 404


@pytest.mark.django_db
def test_letters_and_templates_over_the_api(api, office_user):
    case = make_case(actor=office_user)
    api.force_login(office_user)
    created = api.post("/api/correspondence/letters/", {"case": case.pk, "kind": "acknowledgement"}, format="json")
    assert created.status_code == 201, created.content
    letter_id = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["status_label"] == "Entwurf"
    # A draft has nothing filed to download; the office corrects it and sends it (decision 0110).
    assert api.get(f"/api/correspondence/letters/{letter_id}/download/?file=docx").status_code == 404
    corrected = api.patch(f"/api/correspondence/letters/{letter_id}/",
                          {"additional_text": "Bitte reichen Sie den Pass nach."}, format="json")
    assert corrected.status_code == 200 and corrected.json()["additional_text"] == "Bitte reichen Sie den Pass nach."
    assert api.patch(f"/api/correspondence/letters/{letter_id}/", {"salutation": ""}, format="json").status_code == 400
    if shutil.which("soffice"):
        preview = api.get(f"/api/correspondence/letters/{letter_id}/preview/")
        assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
        sent = api.post(f"/api/correspondence/letters/{letter_id}/send/",
                        {"dispatched_on": str(timezone.localdate()), "channel": "email"}, format="json")
        assert sent.status_code == 200 and sent.json()["channel_label"] == "E-Mail", sent.content
        docx = api.get(f"/api/correspondence/letters/{letter_id}/download/?file=docx")
        data = b"".join(docx.streaming_content)
        text = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
        assert "Bitte reichen Sie den Pass nach." in text
        assert api.patch(f"/api/correspondence/letters/{letter_id}/", {"recipient": "X"},
                         format="json").status_code == 404
    assert api.get(f"/api/correspondence/letters/?case={case.pk}").json()["results"][0]["id"] == letter_id

    listing = api.get("/api/correspondence/templates/").json()
    assert {t["kind"] for t in listing} >= {"acknowledgement", "hardship_request"}
    placeholders = api.get("/api/correspondence/templates/placeholders/").json()
    assert {"name": "aktenzeichen", "description": "Aktenzeichen des Falls", "example": "HFK-2026-0042"} in placeholders
    document = Docx()
    document.add_paragraph("{{ aktenzeichen }} {{ unbekannt }}")
    out = io.BytesIO()
    document.save(out)
    out.name = "v.docx"
    out.seek(0)
    refused = api.post("/api/correspondence/templates/", {"kind": "acknowledgement", "file": out},
                       format="multipart")
    assert refused.status_code == 400
    assert "unbekannte Platzhalter" in str(refused.json())
    assert api.get("/api/correspondence/templates/reminder/download/").status_code == 200

    api.force_login(authority_user("stadt-koeln"))
    assert api.get("/api/correspondence/templates/").status_code == 404
    assert api.post("/api/correspondence/letters/", {"case": case.pk, "kind": "acknowledgement"},
                    format="json").status_code == 404


@pytest.mark.django_db
def test_schema_documents_the_endpoints(api, office_user):
    api.force_login(office_user)
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/authorities/statement-requests/{id}/answer/", "/api/authorities/outcomes/",
                 "/api/correspondence/letters/{id}/download/", "/api/correspondence/templates/"):
        assert path in schema["paths"]


@pytest.mark.django_db
def test_answer_with_scanned_file_over_the_api(api, office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    api.force_login(office_user)
    response = api.post(f"/api/authorities/statement-requests/{statement.pk}/answer/",
                        {"answered_on": "2025-09-20", "files": [SimpleUploadedFile("scan.pdf", b"%PDF-1.4 x")]},
                        format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["entered_by_office"] is True
    assert statement.documents.get().original_name == "scan.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [
    ("evil.html", b"<!DOCTYPE html><script>alert(document.cookie)</script>"),
    ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    ("scan.pdf", b"<html><body onload=alert(1)>Stellungnahme</body></html>"),
])
def test_an_answer_with_active_content_is_refused_and_nothing_is_stored(api, office_user, name, content):
    """Issue 17, item 6: refused by content, whatever the name; the answer is not recorded."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    statement = services.statement_request(case=case, actor=office_user, requested_on=date(2025, 9, 2))
    api.force_login(office_user)
    response = api.post(f"/api/authorities/statement-requests/{statement.pk}/answer/",
                        {"answered_on": "2025-09-20", "files": [SimpleUploadedFile(name, content)]},
                        format="multipart")
    assert response.status_code == 400
    assert "kein erlaubter Dateityp" in response.json()["files"][0]
    statement.refresh_from_db()
    assert statement.answered_on is None and not statement.documents.exists()
