import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx

from haertefall.correspondence.models import LetterKind, LetterTemplate
from haertefall.correspondence.services import letter_generate

from ..authorities_support import authority_user, case_request_sent, private_media  # noqa: F401
from ..factories import make_case


def _docx(*paragraphs):
    document = Docx()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("vorlage.docx", out.getvalue())


@pytest.mark.django_db
def test_templates_page_lists_kinds_and_placeholders(office_client):
    page = office_client.get(reverse("correspondence:templates")).content.decode()
    for label in LetterKind.labels:
        assert label in page
    assert "aktenzeichen" in page


@pytest.mark.django_db
def test_upload_with_unknown_placeholder_shows_german_error(office_client):
    response = office_client.post(reverse("correspondence:template_upload", args=["reminder"]),
                                  {"name": "Neu", "file": _docx("{{ aktenzeichen }} {{ frsit }}")})
    assert response.status_code == 200
    assert "unbekannte Platzhalter: {{ frsit }}" in response.content.decode()
    assert not LetterTemplate.objects.exists()


@pytest.mark.django_db
def test_upload_then_download_returns_the_upload(office_client):
    response = office_client.post(reverse("correspondence:template_upload", args=["reminder"]),
                                  {"name": "Mahnung neu", "file": _docx("Mahnung {{ aktenzeichen }}")})
    assert response.status_code == 302
    download = office_client.get(reverse("correspondence:template_download", args=["reminder"]))
    assert download.status_code == 200
    assert "Mahnung {{ aktenzeichen }}" in Docx(io.BytesIO(download.content)).paragraphs[0].text
    office_client.post(reverse("correspondence:template_reset", args=["reminder"]))
    assert not LetterTemplate.objects.filter(active=True).exists()


@pytest.mark.django_db
def test_unknown_kind_is_404(office_client):
    assert office_client.get(reverse("correspondence:template_download", args=["nonsense"])).status_code == 404


@pytest.mark.django_db
def test_letter_is_drafted_corrected_and_sent_through_the_pages(office_client, office_user):
    case = make_case(actor=office_user)
    response = office_client.post(reverse("correspondence:letter_create", args=[case.pk, "acknowledgement"]),
                                  {"letter_date": "2026-01-05"})
    letter = case.letters.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("correspondence:letter_draft", args=[letter.pk])
    assert letter.letter_date.isoformat() == "2026-01-05" and letter.status == "draft"
    # A draft has nothing to download yet.
    assert office_client.get(reverse("correspondence:letter_download", args=[letter.pk, "pdf"])).status_code == 404

    page = office_client.get(reverse("correspondence:letter_draft", args=[letter.pk])).content.decode()
    assert "Sehr geehrte Damen und Herren," in page and case.file_number in page
    fields = {"recipient": "Beratungsstelle Beispiel", "recipient_address": "Hafenweg 1\n48155 Münster",
              "salutation": "Sehr geehrte Damen und Herren,", "additional_text": "Bitte senden Sie den Pass.",
              "contact_name": "Anna Schmitz", "contact_phone": "0211 1234", "contact_email": "",
              "letter_date": "2026-01-05"}
    missing = office_client.post(reverse("correspondence:letter_draft", args=[letter.pk]), {**fields, "salutation": ""})
    assert missing.status_code == 400
    assert office_client.post(reverse("correspondence:letter_draft", args=[letter.pk]), fields).status_code == 302
    page = office_client.get(reverse("correspondence:letter_draft", args=[letter.pk])).content.decode()
    assert "Bitte senden Sie den Pass." in page and "48155 Münster" in page

    sent = office_client.post(reverse("correspondence:letter_send", args=[letter.pk]),
                              {"dispatched_on": timezone.localdate().isoformat(), "channel": "post"})
    assert sent.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.channel, letter.contact_name) == ("sent", "post", "Anna Schmitz")
    pdf = office_client.get(reverse("correspondence:letter_download", args=[letter.pk, "pdf"]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert f'filename="Eingangsbestaetigung-{case.file_number}-2026-01-05.pdf"' in pdf["Content-Disposition"]
    # Sent: the draft page is gone, the list shows date and channel.
    assert office_client.get(reverse("correspondence:letter_draft", args=[letter.pk])).status_code == 404
    listing = office_client.get(reverse("correspondence:case_letters", args=[case.pk])).content.decode()
    assert "Post" in listing and "Word (DOCX)" in listing


@pytest.mark.django_db
def test_a_draft_can_be_discarded(office_client, office_user):
    case = make_case(actor=office_user)
    letter = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    assert office_client.post(reverse("correspondence:letter_discard", args=[letter.pk])).status_code == 302
    assert not case.letters.exists()


@pytest.mark.django_db
def test_authority_downloads_its_request_letter_but_not_others(client, office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    ack = letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office_user)
    request_letter = case.letters.get(kind="hardship_request")
    client.force_login(authority_user("stadt-koeln"))
    assert client.get(reverse("correspondence:letter_download", args=[request_letter.pk, "docx"])).status_code == 200
    assert client.get(reverse("correspondence:letter_download", args=[ack.pk, "docx"])).status_code == 404
    case_page = client.get(reverse("authorities:case", args=[case.pk])).content.decode()
    assert reverse("correspondence:letter_download", args=[request_letter.pk, "pdf"]) in case_page
    assert reverse("correspondence:letter_download", args=[ack.pk, "pdf"]) not in case_page
    client.force_login(authority_user("stadt-essen"))
    assert client.get(reverse("correspondence:letter_download", args=[request_letter.pk, "pdf"])).status_code == 404
    assert client.get(reverse("correspondence:templates")).status_code == 404
