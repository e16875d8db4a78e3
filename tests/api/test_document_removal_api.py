"""API: remove and replace case documents with a reason, list removed ones (decision 0112)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.cases.services.records import document_add
from tests.authorities_support import private_media  # noqa: F401 — uploads into a temporary folder
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% Inhalt\n"


@pytest.fixture
def document(office_user):
    case = make_case(actor=office_user)
    return document_add(case=case, actor=office_user, title="Schulbescheinigung", doc_type="evidence",
                        upload=SimpleUploadedFile("s.pdf", PDF), document_date=date(2024, 1, 10))


def test_remove_requires_a_reason(api, document):
    url = reverse("cases-api:document-remove", args=[document.case_id, document.pk])
    response = api.post(url, {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api.post(url, {"reason": "Doppelt hochgeladen"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["removal_reason"] == "Doppelt hochgeladen" and body["removed_at"]
    listed = api.get(reverse("cases-api:case-documents", args=[document.case_id])).json()
    assert listed == []
    removed = api.get(reverse("cases-api:removed-documents", args=[document.case_id])).json()
    assert [r["title"] for r in removed] == ["Schulbescheinigung"]
    assert api.post(url, {"reason": "noch einmal"}, format="json").status_code == 404


def test_replace_uploads_the_new_file(api, document):
    url = reverse("cases-api:document-replace", args=[document.case_id, document.pk])
    response = api.post(url, {"reason": "Aktuelle Bescheinigung",
                              "file": SimpleUploadedFile("neu.pdf", PDF + b"neu")}, format="multipart")
    assert response.status_code == 201, response.json()
    new = response.json()
    assert new["title"] == "Schulbescheinigung" and new["doc_type"] == "evidence"
    removed = api.get(reverse("cases-api:removed-documents", args=[document.case_id])).json()
    assert removed[0]["replaced_by"] == new["id"]


def test_replace_with_a_disguised_file_is_refused_in_german(api, document):
    url = reverse("cases-api:document-replace", args=[document.case_id, document.pk])
    response = api.post(url, {"reason": "Neu", "file": SimpleUploadedFile("neu.pdf", b"<svg onload=alert(1)>")},
                        format="multipart")
    assert response.status_code == 400
    assert "kein erlaubter Dateityp" in str(response.json())


def test_others_cannot_remove(document, member_user, authority_user):
    for user in (member_user, authority_user):
        client = APIClient()
        client.force_authenticate(user)
        response = client.post(reverse("cases-api:document-remove", args=[document.case_id, document.pk]),
                               {"reason": "x"}, format="json")
        assert response.status_code == 404
    document.refresh_from_db()
    assert document.removed_at is None
