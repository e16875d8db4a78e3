"""Removing and replacing documents on the case page (issue 15, decision 0112); uploads are
refused by content; downloads carry German file names."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from haertefall.cases.models import Document
from haertefall.cases.services.documents import document_remove
from haertefall.cases.services.records import document_add
from tests.authorities_support import private_media  # noqa: F401 — uploads into a temporary folder
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% Inhalt\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


@pytest.fixture
def case(office_user):
    return make_case(actor=office_user)


@pytest.fixture
def document(case, office_user):
    return document_add(case=case, actor=office_user, title="Stellungnahme Stadt Köln",
                        upload=SimpleUploadedFile("abh_antwort_final.pdf", PDF),
                        doc_type=Document.Type.STATEMENT, document_date=date(2024, 3, 5))


def test_the_case_page_offers_remove_and_replace_to_the_office(office_client, case, document):
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:document_remove", args=[case.pk, document.pk]) in body
    assert reverse("cases:document_replace", args=[case.pk, document.pk]) in body


def test_remove_without_reason_answers_in_german_and_keeps_the_document(office_client, case, document):
    url = reverse("cases:document_remove", args=[case.pk, document.pk])
    page = office_client.get(url).content.decode()
    assert "Stellungnahme Stadt Köln" in page and "05.03.2024" in page
    response = office_client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Bitte geben Sie den Grund an, aus dem das Dokument entfernt wird." in response.content.decode()
    document.refresh_from_db()
    assert document.removed_at is None


def test_remove_with_reason_hides_the_document_and_shows_it_under_removed(office_client, case, document):
    url = reverse("cases:document_remove", args=[case.pk, document.pk])
    response = office_client.post(url, {"reason": "Gehört zu einem anderen Fall"})
    assert response.status_code == 302
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:document_download", args=[case.pk, document.pk]) not in body
    assert "Entfernte und ersetzte Dokumente (1)" in body and "Gehört zu einem anderen Fall" in body
    assert "Dokument entfernt" in body  # the history
    download = office_client.get(reverse("cases:document_download", args=[case.pk, document.pk]))
    assert download.status_code == 404
    assert office_client.get(url).status_code == 404  # nothing left to remove


def test_replace_without_reason_or_file_names_what_is_missing(office_client, case, document):
    url = reverse("cases:document_replace", args=[case.pk, document.pk])
    assert 'value="Stellungnahme Stadt Köln"' in office_client.get(url).content.decode()
    response = office_client.post(url, {"title": "Neu", "reason": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Bitte geben Sie den Grund an, aus dem das Dokument ersetzt wird." in body
    assert "Bitte wählen Sie die neue Datei aus." in body


def test_replace_through_the_page(office_client, case, document):
    url = reverse("cases:document_replace", args=[case.pk, document.pk])
    response = office_client.post(url, {"title": "Stellungnahme Stadt Köln (berichtigt)", "reason": "Berichtigt",
                                         "file": SimpleUploadedFile("neu.pdf", PDF + b"2")})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.replaced_by.title == "Stellungnahme Stadt Köln (berichtigt)"
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Dokument ersetzt" in body and "ersetzt durch „Stellungnahme Stadt Köln (berichtigt)“" in body


@pytest.mark.parametrize(("name", "content", "message"), [
    ("antrag.html", b"<!DOCTYPE html><html><body>Antrag</body></html>", "kein erlaubter Dateityp"),
    ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "kein erlaubter Dateityp"),
    ("daten.xml", b'<?xml version="1.0"?><a><script>alert(1)</script></a>', "kein erlaubter Dateityp"),
    ("daten.txt", b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"/>', "kein erlaubter"),
    ("notiz.txt", b"Vermerk " * 2000 + b"<script>alert(1)</script>", "kein erlaubter Dateityp"),
    ("antrag.pdf", "Antrag auf Härtefallprüfung".encode(), "passt nicht zu ihrem Inhalt (Textdatei"),
    ("antrag.pdf", PNG, "passt nicht zu ihrem Inhalt (PNG-Bild)"),
])
def test_uploads_are_judged_by_content(office_client, case, name, content, message):
    response = office_client.post(reverse("cases:document_add", args=[case.pk]), {
        "doc_type": "other", "title": "Upload", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not case.documents.exists()


def test_download_carries_a_german_name_and_the_right_type(office_client, case, document):
    response = office_client.get(reverse("cases:document_download", args=[case.pk, document.pk]))
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="Stellungnahme-{case.file_number}-2024-03-05.pdf"'
    assert "abh_antwort" not in disposition and "statement" not in disposition


def test_download_name_for_each_kind_is_german(office_client, case, office_user):
    png = document_add(case=case, actor=office_user, title="Pass", upload=SimpleUploadedFile("p.png", PNG),
                       doc_type=Document.Type.IDENTITY)
    response = office_client.get(reverse("cases:document_download", args=[case.pk, png.pk]))
    assert response["Content-Type"] == "image/png"
    assert f'filename="Identitaetsnachweis-{case.file_number}-{date.today().isoformat()}.png"' in \
        response["Content-Disposition"]


def test_removed_document_is_gone_for_the_member_and_api_too(client, office_user, case, document):
    document_remove(document=document, actor=office_user, reason="Doppelt")
    client.force_login(office_user)
    response = client.get(reverse("cases-api:document-download", args=[case.pk, document.pk]))
    assert response.status_code == 404 and response.json()["detail"] == "Dokument nicht gefunden."
