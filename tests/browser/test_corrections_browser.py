"""Corrections and the Art. 15 export in a real browser (issue 16, decisions 0121 and 0123): the
office corrects a vote before the minutes are approved and sees the item's history, corrects a
receipt date with a reason and sees it in the case history, and downloads the Art. 15 PDF."""

import io
import re
from datetime import date, timedelta

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.services.records import document_add
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _rules(transactional_db):
    from importlib import import_module

    from django.apps import apps

    from haertefall.meetings.models import DecisionRuleConfig

    if not DecisionRuleConfig.objects.exists():
        import_module("haertefall.meetings.migrations.0005_excluded_members_quorum").seed(apps, None)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"


def test_vote_corrected_before_approval_shows_in_the_items_history(page, live_server, media):
    from haertefall.meetings.services import attendance_record, item_decide
    from haertefall.meetings.services.decisions import Votes

    office = UserFactory(username="gs-korrektur", role=Role.OFFICE, first_name="Olga", last_name="Office")
    head = UserFactory(username="leitung-korrektur", role=Role.OFFICE_HEAD)
    commission = build_commission(actor=office, chair=head)
    on = timezone.localdate() - timedelta(days=1)
    meeting = session_with_items(actor=office, commission=commission, on=on,
                                 cases=[ready_case(actor=office, ready_on=on - timedelta(days=2))])
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={9, 10}), actor=office)
    item = meeting.items.get()
    item_decide(item=item, outcome="request", reasons="Gut integriert.", votes=Votes(6, 1, 1), actor=office)

    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/sitzungen/{meeting.pk}/")
    page.get_by_role("link", name=re.compile(r"^Abstimmung oder Gründe korrigieren")).click()
    expect(page.get_by_role("heading", name="Abstimmung oder Gründe zu TOP 1 korrigieren")).to_be_visible()
    assert_accessible(page, context="Abstimmung korrigieren")
    page.get_by_label("Ja-Stimmen").fill("3")
    page.get_by_label("Nein-Stimmen").fill("5")
    page.get_by_label("Enthaltungen").fill("0")
    page.get_by_label("Grund der Korrektur").fill("Zählfehler")
    page.get_by_role("button", name="Korrektur speichern").click()
    # Counts that no longer carry the decision are refused in German.
    expect(page.get_by_text("tragen den Beschluss „Härtefallersuchen“ nicht").first).to_be_visible()
    assert_accessible(page, context="Abstimmung korrigieren mit Fehler")
    page.get_by_label("Ja-Stimmen").fill("7")
    page.get_by_label("Nein-Stimmen").fill("1")
    page.get_by_role("button", name="Korrektur speichern").click()
    expect(page.get_by_role("status").filter(has_text="Korrektur zu TOP 1 ist gespeichert")).to_be_visible()
    history = page.get_by_role("region", name="Korrekturen zu TOP 1")
    expect(history).to_contain_text("Grund: Zählfehler")
    expect(history).to_contain_text("6 Ja, 1 Nein, 1 Enthaltung")
    expect(history).to_contain_text("7 Ja, 1 Nein, 0 Enthaltungen")
    assert_accessible(page, context="Sitzung mit Korrektur")


def test_receipt_date_corrected_with_reason_and_art_15_export(page, live_server, media):
    office = UserFactory(username="gs-eingang", role=Role.OFFICE, first_name="Olga", last_name="Office")
    case = make_case(actor=office, received_on=date(2024, 3, 1), family_name="Morina", given_names="Lirim")
    document_add(case=case, actor=office, title="Arbeitsvertrag", document_date=date(2024, 2, 1),
                 upload=SimpleUploadedFile("vertrag.pdf", b"%PDF-1.4\n% Arbeitsvertrag\n"))

    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    page.get_by_role("link", name="Eingangsdatum oder Stammdaten korrigieren (mit Grund)").click()
    assert_accessible(page, context="Antrag korrigieren")
    page.get_by_label("Eingangsdatum").fill("2024-02-01")
    page.get_by_role("button", name="Korrektur speichern").click()
    expect(page.get_by_text("Geben Sie „Grund der Korrektur“ ein.").first).to_be_visible()
    page.get_by_label("Grund der Korrektur").fill("Eingangsstempel falsch abgelesen")
    page.get_by_role("button", name="Korrektur speichern").click()
    expect(page.get_by_role("status").filter(has_text="Korrektur wurde gespeichert")).to_be_visible()
    expect(page.get_by_text("Eingangsdatum: 01.03.2024 → 01.02.2024")).to_be_visible()
    expect(page.get_by_text("Eingangsstempel falsch abgelesen")).to_be_visible()
    assert_accessible(page, context="Fall nach Korrektur")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Auskunft nach Art. 15 DSGVO (PDF mit Anlagen)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Auskunft-Art-15-") and "Morina" not in download.suggested_filename
    data = open(download.path(), "rb").read()  # noqa: SIM115, PTH123
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.attachments) == 1
        assert pdf.open_metadata().get("pdfaid:part") == "3"
