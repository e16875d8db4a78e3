"""The office uploads a register in a real browser: dry run, then the real import."""

import pytest

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from tests.browser.helpers import assert_accessible
from tests.factories import PASSWORD, UserFactory
from tests.imports_files import register_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [["HFK-2020-0001", "05.03.2020", "Türkei", "Stadt Bochum", "2", "Ersuchen", "01.10.2020", "", "", ""],
        ["HFK-2020-0002", "06.03.2020", "Kosovo", "", "", "", "", "", "", ""]]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploaded registers stay out of the working copy


@pytest.fixture(autouse=True)
def registers(transactional_db):
    # The registers come from a data migration; the flush after an earlier transactional test
    # empties them, so load them again (idempotent).
    from haertefall.registers.loading import load_authorities, load_countries
    from haertefall.registers.models import Authority, Country

    if not Country.objects.exists():
        load_countries(Country)
    if not Authority.objects.exists():
        load_authorities(Authority)


def login_to_import(page, live_server, username):
    # Straight to the import page after login (the start page belongs to other parts).
    page.goto(f"{live_server.url}/konto/anmelden/?next=/import/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def choose_file(page, data, name="register.csv"):
    page.get_by_label("Registerdatei").set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})


def test_office_dry_run_then_import(page, live_server):
    UserFactory(username="gs-import", role=Role.OFFICE)
    login_to_import(page, live_server, "gs-import")
    assert page.get_by_role("link", name="Register-Import").get_attribute("aria-current") == "page"
    assert page.get_by_label("Probelauf: nur prüfen, nichts speichern").is_checked()
    assert_accessible(page, context="Upload-Seite")

    choose_file(page, register_csv(ROWS, encoding="cp1252"))
    page.get_by_role("button", name="Datei prüfen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Probelauf ohne Fehler – es wurde noch nichts gespeichert.").is_visible()
    assert page.locator("dd", has_text="Windows-1252").is_visible()
    assert_accessible(page, context="Probelauf-Bericht")
    assert Case.objects.count() == 0

    page.get_by_role("button", name="Import jetzt ausführen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Import gespeichert.").is_visible()
    assert_accessible(page, context="Import-Bericht")
    assert Case.objects.count() == 2


def test_office_sees_errors_table(page, live_server):
    UserFactory(username="gs-import2", role=Role.OFFICE)
    login_to_import(page, live_server, "gs-import2")
    choose_file(page, register_csv(ROWS + [["HFK-2020-0003", "31.02.2020", "Atlantis", "", "", "", "", "", "", ""]]))
    page.get_by_label("Probelauf: nur prüfen, nichts speichern").uncheck()
    page.get_by_role("button", name="Datei prüfen").click()
    page.wait_for_load_state()
    table = page.get_by_role("table", name="Fehler in der Datei")
    assert table.get_by_role("row").count() == 3  # header + two errors of line 4
    assert table.get_by_role("cell", name="unbekannter Staat „Atlantis“").is_visible()
    assert page.get_by_text("2 Fehler gefunden – es wurde nichts gespeichert.").is_visible()
    assert_accessible(page, context="Fehlerbericht")
    assert Case.objects.count() == 0


def test_large_upload_polls_until_worker_finished(page, live_server, monkeypatch):
    from haertefall.imports import jobs

    monkeypatch.setattr(jobs, "SYNC_MAX_BYTES", 10)  # every file goes to the worker
    UserFactory(username="gs-import3", role=Role.OFFICE)
    login_to_import(page, live_server, "gs-import3")
    choose_file(page, register_csv(ROWS))
    page.get_by_label("Probelauf: nur prüfen, nichts speichern").uncheck()
    page.get_by_role("button", name="Datei prüfen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Die Datei wartet auf die Verarbeitung.").is_visible()
    assert page.locator("progress#import-progress").is_visible()
    assert_accessible(page, context="Wartender Import")

    assert jobs.import_jobs_process_pending() == 1  # what `haertefall process-imports` does
    # No reload: htmx polls the job and swaps in the report.
    page.get_by_text("Import gespeichert.").wait_for(timeout=10_000)
    assert page.locator("progress").count() == 0
    assert Case.objects.count() == 2
    assert_accessible(page, context="Bericht nach Worker")
