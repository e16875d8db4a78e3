"""A letter from draft to sent, in the browser (issue 15, decision 0110): the office reads the
draft, corrects it, looks at the PDF preview and sends it; the PDF/A is filed in the case."""

import shutil
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case
from tests.pdf_checks import pdf_archival_problems, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice fehlt (scripts/system-deps.sh installiert es)")]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"
    office = UserFactory(username="sachbearbeitung", role=Role.OFFICE, first_name="Sabine", last_name="Innendienst")
    case = make_case(actor=office, family_name="Krasniqi", given_names="Arben",
                     received_on=date.today() - timedelta(days=10),
                     submitter_contact="Berliner Allee 12\n40212 Düsseldorf", submitter_form_of_address="Frau")
    case.submitter_name = "Rechtsanwältin Dr. Sabine Meier"
    case.save(update_fields=["submitter_name"])
    return {"case": case}


def test_the_office_drafts_corrects_previews_and_sends_a_letter(page, live_server, world):
    case = world["case"]
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    page.get_by_role("link", name="Schreiben dieses Falls und neues Schreiben erzeugen").click()
    page.get_by_role("link", name="Eingangsbestätigung an Einreicher/in").click()
    page.get_by_role("button", name="Entwurf anlegen").click()

    expect(page.get_by_role("heading", name="Entwurf: Eingangsbestätigung an Einreicher/in")).to_be_visible()
    expect(page.get_by_label("Anrede")).to_have_value("Sehr geehrte Frau Dr. Meier,")
    preview = page.get_by_label("Text des Schreibens")
    expect(preview).to_contain_text("Krasniqi, Arben, geboren am 01.03.1985, Staatsangehörigkeit: Kosovo")
    assert_accessible(page, context="Entwurf eines Schreibens")

    # A required field left empty is named in German; nothing is saved.
    page.get_by_label("Anrede").fill("")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Anrede")
    page.get_by_label("Anrede").fill("Sehr geehrte Frau Dr. Meier,")
    page.get_by_label("Ergänzender Text").fill("Bitte reichen Sie eine Kopie des Passes nach.")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Entwurf gespeichert.")).to_be_visible()
    expect(preview).to_contain_text("Bitte reichen Sie eine Kopie des Passes nach.")

    # The PDF preview is the letter with letterhead, as it will be sent; nothing is filed yet.
    href = page.get_by_role("link", name="PDF-Vorschau öffnen (wie versandt, mit Briefkopf)").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    assert "Sehr geehrte Frau Dr. Meier," in pdf_text(response.body())
    assert not case.documents.exists()

    page.get_by_label("Versandweg").select_option(label="Post")
    page.get_by_role("button", name="Schreiben versenden und ablegen").click()
    expect(page.get_by_text("versandt (Post,")).to_be_visible()
    expect(page.get_by_text("Keine offenen Entwürfe.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF Eingangsbestätigung an Einreicher/in").click()
    download = download_info.value
    assert download.suggested_filename == f"Eingangsbestaetigung-{case.file_number}-{date.today():%Y-%m-%d}.pdf"
    pdf = open(download.path(), "rb").read()
    assert pdf_archival_problems(pdf) == []
    text = pdf_text(pdf)
    assert "Bitte reichen Sie eine Kopie des Passes nach." in text and "40212 Düsseldorf" in text
    assert_accessible(page, context="Schreiben des Falls")


def test_the_head_sets_the_letterhead_from_the_templates_page(page, live_server, world):
    UserFactory(username="leitung", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    login(page, live_server, "leitung")
    page.goto(f"{live_server.url}/schreiben/")
    page.get_by_role("link", name="Briefkopf bearbeiten").click()
    expect(page.get_by_role("heading", name="Briefkopf der Geschäftsstelle")).to_be_visible()
    assert_accessible(page, context="Briefkopf")
    page.get_by_label("Anschrift", exact=True).fill("")
    page.get_by_role("button", name="Briefkopf speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Anschrift")
    page.get_by_label("Anschrift", exact=True).fill("Amtsweg 1\n12345 Amtsstadt")
    page.get_by_label("Telefon (Zentrale)").fill("0123 4567")
    page.get_by_role("button", name="Briefkopf speichern").click()
    expect(page.get_by_text("Briefkopf gespeichert.")).to_be_visible()
    expect(page.get_by_text("Amtsweg 1")).to_be_visible()
