"""The office releases documents to the authority in the browser, and the authority sees only
those (issue 14, § 6 Abs. 2 HFKVO, decision 0104)."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.filenames import document_download_name
from haertefall.cases.services.records import document_add, note_add
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, authority

from ..authorities_support import case_taken_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"
    office = UserFactory(username="sachbearbeitung", role=Role.OFFICE, first_name="Sabine", last_name="Innendienst")
    UserFactory(username="abh-koeln", role=Role.AUTHORITY, authority=authority("stadt-koeln"))
    case = case_taken_up(actor=office, authority_key="stadt-koeln", family_name="Krasniqi",
                         received_on=date.today() - timedelta(days=30))
    note_add(case=case, actor=office, text="Interne Notiz zum Fall")

    def upload(title, doc_type):
        return document_add(case=case, actor=office, title=title, doc_type=doc_type,
                            upload=SimpleUploadedFile(f"{doc_type}.txt", f"Inhalt: {title}".encode(),
                                                      content_type="text/plain"))

    return {"case": case, "application": upload("Antrag der Familie", "application"),
            "evidence": upload("Arbeitsvertrag", "evidence"), "medical": upload("Attest Dr. Beispiel", "medical")}


def test_the_office_releases_documents_and_the_authority_sees_only_those(page, live_server, world):
    case, medical, evidence = world["case"], world["medical"], world["evidence"]

    # Before its statement is requested the authority does not find the case.
    login(page, live_server, "abh-koeln")
    response = page.goto(f"{live_server.url}/faelle/{case.pk}/")
    assert response.status == 404
    page.context.clear_cookies()

    # The office requests the statement; application and evidence are proposed, the attest is not.
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/behoerden/faelle/{case.pk}/")
    page.get_by_role("link", name="Stellungnahme anfordern").click()
    documents = page.get_by_role("group", name="Dokumente für die Ausländerbehörde")
    expect(documents.get_by_role("checkbox", name="Antrag der Familie (Antrag)")).to_be_checked()
    expect(documents.get_by_role("checkbox", name="Arbeitsvertrag (Nachweis (Arbeit, Schule, Sprache))")).to_be_checked()
    expect(documents.get_by_text("Attest Dr. Beispiel")).to_have_count(0)
    assert_accessible(page, context="Stellungnahme anfordern mit Dokumenten")
    documents.get_by_role("checkbox", name="Arbeitsvertrag (Nachweis (Arbeit, Schule, Sprache))").uncheck()
    page.get_by_role("button", name="Stellungnahme anfordern").click()
    expect(page.get_by_role("status").filter(has_text="Stellungnahme angefordert")).to_be_visible()

    # The attest is released one by one, and only with the confirmation.
    expect(page.get_by_role("heading", name="Dokumente für die Ausländerbehörde")).to_be_visible()
    row = page.locator(f"#dokument-{medical.pk}")
    expect(row).to_contain_text("nicht freigegeben")
    row.get_by_role("button", name="Freigeben von „Attest Dr. Beispiel“").click()
    expect(page.get_by_role("alert").filter(has_text="Bestätigung")).to_be_visible()
    assert_accessible(page, context="Freigabe ohne Bestätigung")
    row = page.locator(f"#dokument-{medical.pk}")
    row.get_by_role("checkbox").check()
    row.get_by_role("button", name="Freigeben von „Attest Dr. Beispiel“").click()
    expect(page.get_by_role("status").filter(has_text="„Attest Dr. Beispiel“ ist der Ausländerbehörde freigegeben"))\
        .to_be_visible()
    expect(page.locator(f"#dokument-{medical.pk}")).to_contain_text("freigegeben am")
    expect(page.locator(f"#dokument-{evidence.pk}")).to_contain_text("nicht freigegeben")
    page.context.clear_cookies()

    # The authority sees the case, the application and the attest — not the evidence, the note or names.
    login(page, live_server, "abh-koeln")
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    expect(page.get_by_role("heading", name=f"Fall {case.file_number}")).to_be_visible()
    section = page.locator("section", has=page.get_by_role("heading", name="Dokumente", exact=True))
    expect(section.get_by_role("link", name="Antrag der Familie")).to_be_visible()
    expect(section.get_by_role("link", name="Attest Dr. Beispiel")).to_be_visible()
    expect(page.get_by_text("Arbeitsvertrag")).to_have_count(0)
    expect(page.get_by_text("Interne Notiz")).to_have_count(0)
    expect(page.get_by_text("Innendienst")).to_have_count(0)
    timeline = page.locator("#verlauf")
    expect(timeline.get_by_role("heading", name="Stellungnahme angefordert")).to_be_visible()
    expect(timeline).to_contain_text("von Geschäftsstelle")
    expect(timeline.get_by_role("heading", name="Vorprüfung: Befassung")).to_have_count(0)
    assert_accessible(page, context="Fallakte aus Sicht der Behörde")
    with page.expect_download() as download:
        section.get_by_role("link", name="Attest Dr. Beispiel").click()
    # Named by kind, file number and date, never by the uploaded name (decision 0112).
    name = download.value.suggested_filename
    assert name == document_download_name(medical)
    assert name.startswith(f"Aerztliches-Attest-{case.file_number}-") and name.endswith(".txt")
    response = page.goto(f"{live_server.url}/faelle/{case.pk}/dokumente/{evidence.pk}/")
    assert response.status == 404

    page.goto(f"{live_server.url}/behoerden/faelle/{case.pk}/")
    expect(page.get_by_role("heading", name="Dokumente", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Antrag der Familie")).to_be_visible()
    expect(page.get_by_role("heading", name="Dokumente für die Ausländerbehörde")).to_have_count(0)
    assert_accessible(page, context="Behördenverfahren aus Sicht der Behörde")
