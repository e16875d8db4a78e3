"""The office removes and replaces documents of the case file in the browser; the history and
the "removed documents" disclosure say what happened (issue 15, decision 0112)."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.services.records import document_add
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"
    office = UserFactory(username="sachbearbeitung", role=Role.OFFICE, first_name="Sabine", last_name="Innendienst")
    case = make_case(actor=office, received_on=date.today() - timedelta(days=30))

    def upload(title, doc_type):
        return document_add(case=case, actor=office, title=title, doc_type=doc_type, document_date=date(2024, 3, 5),
                            upload=SimpleUploadedFile("datei.pdf", b"%PDF-1.4\n% " + title.encode()))

    return {"case": case, "wrong": upload("Attest einer anderen Person", "medical"),
            "old": upload("Arbeitsvertrag", "evidence")}


def test_remove_and_replace_through_the_pages(page, live_server, world, tmp_path):
    case = world["case"]
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    documents = page.locator("section", has=page.get_by_role("heading", name="Dokumente", exact=True))

    # Removing needs a reason; without one the form says so in German.
    documents.get_by_role("link", name=re.compile(r"^Entfernen\s*: Attest einer anderen Person$")).click()
    expect(page.get_by_role("heading", name="Dokument entfernen")).to_be_visible()
    assert_accessible(page, context="Dokument entfernen")
    page.get_by_role("button", name="Dokument entfernen").click()
    expect(page.get_by_text("Bitte geben Sie den Grund an, aus dem das Dokument entfernt wird.").first).to_be_visible()
    assert_accessible(page, context="Dokument entfernen ohne Grund")
    page.get_by_label("Grund").fill("Gehört zu einem anderen Fall")
    page.get_by_role("button", name="Dokument entfernen").click()
    expect(page.get_by_role("status").filter(has_text="wurde entfernt")).to_be_visible()

    # Replacing uploads the corrected version.
    documents = page.locator("section", has=page.get_by_role("heading", name="Dokumente", exact=True))
    documents.get_by_role("link", name=re.compile(r"^Ersetzen\s*: Arbeitsvertrag$")).click()
    expect(page.get_by_label("Titel des neuen Dokuments")).to_have_value("Arbeitsvertrag")
    new_file = tmp_path / "vertrag.pdf"
    new_file.write_bytes(b"%PDF-1.4\n% Arbeitsvertrag, unterschrieben\n")
    page.get_by_label("Titel des neuen Dokuments").fill("Arbeitsvertrag (unterschrieben)")
    page.get_by_label("Neue Datei").set_input_files(str(new_file))
    page.get_by_label("Grund").fill("Unterschriebene Fassung nachgereicht")
    assert_accessible(page, context="Dokument ersetzen")
    page.get_by_role("button", name="Dokument ersetzen").click()
    expect(page.get_by_role("status").filter(has_text="wurde ersetzt")).to_be_visible()

    # The list holds only the replacement; the disclosure and the history tell the rest.
    documents = page.locator("section", has=page.get_by_role("heading", name="Dokumente", exact=True))
    expect(documents.get_by_role("link", name="Arbeitsvertrag (unterschrieben)", exact=True)).to_be_visible()
    expect(documents.get_by_role("link", name="Attest einer anderen Person", exact=True)).to_have_count(0)
    documents.get_by_text("Entfernte und ersetzte Dokumente (2)").click()
    expect(documents).to_contain_text("Gehört zu einem anderen Fall")
    expect(documents).to_contain_text("ersetzt durch „Arbeitsvertrag (unterschrieben)“")
    expect(documents).to_contain_text("Sabine Innendienst")
    assert_accessible(page, context="Fallseite mit entfernten Dokumenten")
    history = page.locator("#verlauf")
    expect(history).to_contain_text("Dokument entfernt")
    expect(history).to_contain_text("Attest einer anderen Person")
    expect(history).to_contain_text("Dokument ersetzt")
    expect(history).to_contain_text("Arbeitsvertrag (unterschrieben)")
    expect(history).to_contain_text("Unterschriebene Fassung nachgereicht")

    # The removed document's address answers 404.
    response = page.goto(f"{live_server.url}/faelle/{case.pk}/dokumente/{world['wrong'].pk}/")
    assert response.status == 404
