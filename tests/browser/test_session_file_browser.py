"""A member opens her session file in a real browser and downloads the PDF with her name on
every page (issue 15, decision 0114); an item she is excluded from is not in it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Document
from haertefall.cases.services.records import document_add
from haertefall.core.pdf import pdf_from_template
from haertefall.meetings.models import ItemExclusion
from tests.browser.helpers import assert_accessible, login
from tests.browser.test_meetings_browser import _reference_data  # noqa: F401 (autouse fixture)
from tests.factories import UserFactory
from tests.meetings_world import (
    build_commission,
    ready_case,
    release_session_documents,
    session_with_items,
)
from tests.pdf_checks import pdf_text
from tests.services.test_meetings_session_file import has_watermark, page_texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people(settings, tmp_path):
    """The office, and seat 2 of a commission held by Miriam Mappel and her deputy Stefan Stellmann."""
    settings.MEDIA_ROOT = tmp_path / "media"
    office = UserFactory(username="gs-mappe", role=Role.OFFICE, first_name="Olga", last_name="Office")
    head = UserFactory(username="leitung-mappe", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    member = UserFactory(username="mitglied-mappe", role=Role.MEMBER, first_name="Miriam", last_name="Mappel")
    deputy = UserFactory(username="stv-mappe", role=Role.MEMBER, first_name="Stefan", last_name="Stellmann")
    commission = build_commission(actor=office, chair=head, members={2: (member, deputy)})
    return office, member, commission


def test_member_opens_the_session_file_and_downloads_her_copy(page, live_server, people):
    office, member, commission = people
    today = timezone.localdate()
    case_1 = ready_case(actor=office, ready_on=today - timedelta(days=3), family_name="Eins")
    case_2 = ready_case(actor=office, ready_on=today - timedelta(days=3), family_name="Befangen")
    attest = pdf_from_template("pdf/base.html", {"title": "Attest für die Mappe"})
    document_add(case=case_1, actor=office, upload=SimpleUploadedFile("attest.pdf", attest, "application/pdf"),
                 title="Ärztliches Attest", doc_type=Document.Type.MEDICAL, document_date=today)
    meeting = session_with_items(actor=office, commission=commission, on=today + timedelta(days=5),
                                 cases=[case_1, case_2])
    ItemExclusion.objects.create(item=meeting.items.get(case=case_2), seat=commission.seat_set.get(number=2))
    release_session_documents(meeting=meeting, actor=office)
    # Added after the release: the office has not released it, so the copy does not carry it.
    document_add(case=case_1, actor=office, upload=SimpleUploadedFile("miete.txt", b"Miete", "text/plain"),
                 title="Mietvertrag", doc_type=Document.Type.EVIDENCE, document_date=today)

    login(page, live_server, member.username)
    page.goto(f"{live_server.url}/sitzungen/{meeting.pk}/")
    page.get_by_role("link", name="Sitzungsmappe öffnen").click()
    page.wait_for_load_state()
    assert_accessible(page, context="Sitzungsmappe")
    content = page.content()
    assert f"TOP 1: {case_1.file_number}" in content and "Eins, Arben" in content
    assert case_2.file_number not in content and "Befangen" not in content.replace("Befangenheit", "")
    page.get_by_role("link", name="Ärztliches Attest").wait_for()
    assert "Mietvertrag" not in content

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Sitzungsmappe als PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == f"sitzungsmappe-{meeting.date:%Y-%m-%d}.pdf"
    data = open(download.path(), "rb").read()
    text = " ".join(pdf_text(data).split())
    assert case_1.file_number in text and "Attest für die Mappe" in text and case_2.file_number not in text
    mark = f"Persönliche Ausfertigung für Miriam Mappel – {today:%d.%m.%Y}"
    assert all(has_watermark(page_text, mark) for page_text in page_texts(data))
    assert AuditEntry.objects.filter(user=member, action=AuditEntry.Action.DOWNLOAD, case_id=case_1.pk).exists()
    assert not AuditEntry.objects.filter(user=member, case_id=case_2.pk).exists()


def test_office_releases_documents_and_checks_a_members_copy(page, live_server, people):
    office, _member, commission = people
    today = timezone.localdate()
    case = ready_case(actor=office, ready_on=today - timedelta(days=3), family_name="Geprüft")
    for title in ("Arbeitsvertrag", "Mietvertrag"):
        document_add(case=case, actor=office, upload=SimpleUploadedFile(f"{title}.txt", b"Text", "text/plain"),
                     title=title, doc_type=Document.Type.EVIDENCE, document_date=today - timedelta(days=9))
    meeting = session_with_items(actor=office, commission=commission, on=today + timedelta(days=5), cases=[case])

    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/sitzungen/{meeting.pk}/")
    page.get_by_role("link", name="Unterlagen für die Sitzungsmappe (TOP 1)").click()
    page.wait_for_load_state()
    assert_accessible(page, context="Unterlagen für die Sitzungsmappe")
    page.get_by_label("Arbeitsvertrag", exact=False).check()
    page.get_by_role("button", name="Freigabe speichern").click()
    page.wait_for_load_state()
    assert "Für TOP 1 ist 1 Dokument für die Sitzungsmappe freigegeben." in page.content()
    assert [d.title for d in meeting.items.get().session_documents.all()] == ["Arbeitsvertrag"]
    page.get_by_role("link", name="Sitzungsmappen der Eingeladenen").click()
    page.wait_for_load_state()
    assert_accessible(page, context="Auswahl der Sitzungsmappen")
    page.get_by_role("link", name="Ausfertigung für Stefan Stellmann ansehen").click()
    page.wait_for_load_state()
    assert "Ausfertigung für Stefan Stellmann (Ansicht der Geschäftsstelle zur Prüfung)" in page.content()
    assert f"TOP 1: {case.file_number}" in page.content()
    page.get_by_role("link", name="Arbeitsvertrag").wait_for()
    assert "Mietvertrag" not in page.content()
    assert_accessible(page, context="Sitzungsmappe (Prüfung)")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Sitzungsmappe als PDF herunterladen").click()
    data = open(download_info.value.path(), "rb").read()
    assert all(has_watermark(text, f"Persönliche Ausfertigung für Stefan Stellmann – {today:%d.%m.%Y}")
               for text in page_texts(data))
