"""The office's upload page: dry run, real import, report, errors table, roles, worker."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from haertefall.cases.models import Case
from haertefall.imports import jobs
from haertefall.imports.models import ImportJob
from tests.imports_files import register_csv, register_xlsx

pytestmark = pytest.mark.django_db

ROWS = [["HFK-2020-0001", "05.03.2020", "Türkei", "Stadt Bochum", "2", "Ersuchen", "01.10.2020", "", "", ""],
        ["HFK-2020-0002", "06.03.2020", "Kosovo", "", "", "", "", "", "", ""]]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploaded registers stay out of the working copy


def upload(client, data, *, name="register.csv", dry_run=True):
    payload = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("imports:upload"), payload, follow=True)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_page_shows_form_with_dry_run_on_by_default(office_client):
    response = office_client.get(reverse("imports:upload"))
    assert response.status_code == 200
    body = text(response)
    assert "Registerdatei" in body and "Probelauf" in body
    assert re.search(r'name="dry_run"[^>]*checked', body)


def test_dry_run_then_real_import(office_client):
    response = upload(office_client, register_csv(ROWS))
    body = text(response)
    assert "Probelauf ohne Fehler – es wurde noch nichts gespeichert." in body
    assert "Würden neu angelegt</dt><dd class=\"kern-description-list-item__value\">2" in body
    assert not Case.objects.exists()
    dry = ImportJob.objects.get()
    response = office_client.post(reverse("imports:job_confirm", args=[dry.pk]), follow=True)
    assert "Import gespeichert." in text(response)
    assert Case.objects.count() == 2
    dry.refresh_from_db()
    assert dry.follow_up.status == ImportJob.Status.DONE and not dry.follow_up.file
    # The same dry run cannot be executed twice.
    response = office_client.post(reverse("imports:job_confirm", args=[dry.pk]))
    assert response.status_code == 400
    assert "bereits als Import ausgeführt" in text(response)


def test_real_import_directly_and_reimport_unchanged(office_client):
    upload(office_client, register_csv(ROWS), dry_run=False)
    assert Case.objects.count() == 2
    body = text(upload(office_client, register_xlsx(ROWS), name="register.xlsx", dry_run=False))
    assert "Unverändert</dt><dd class=\"kern-description-list-item__value\">2" in body


def test_errors_table_and_nothing_written(office_client):
    rows = ROWS + [["HFK-2020-0003", "01.01.2020", "Atlantis", "", "", "", "", "", "", ""]]
    body = text(upload(office_client, register_csv(rows), dry_run=False))
    assert "1 Fehler gefunden – es wurde nichts gespeichert." in body
    assert ('<td class="kern-table__cell">4</td> <td class="kern-table__cell">Staatsangehörigkeit</td> '
            '<td class="kern-table__cell">Atlantis</td> <td class="kern-table__cell">unbekannter Staat „Atlantis“</td>') in body
    assert not Case.objects.exists()
    assert "Import jetzt ausführen" not in body


@pytest.mark.parametrize("name, data, message", [
    ("register.pdf", b"%PDF-1.4", "Bitte laden Sie eine CSV-Datei (.csv) oder Excel-Arbeitsmappe (.xlsx) hoch."),
    ("register.xlsx", b"Aktenzeichen;Eingangsdatum", "Die Datei endet auf .xlsx, ist aber keine Excel-Arbeitsmappe."),
    ("register.csv", b"PK\x03\x04abc", "Die Datei endet auf .csv, enthält aber keinen Text."),
])
def test_wrong_file_type_rejected_in_german(office_client, name, data, message):
    response = upload(office_client, data, name=name)
    assert response.status_code == 200
    assert message in text(response)
    assert not ImportJob.objects.exists()


def test_size_limit(office_client, settings):
    settings.HAERTEFALL_MAX_UPLOAD_BYTES = 1024 * 1024
    response = upload(office_client, register_csv(ROWS) + b" " * (1024 * 1024))
    assert "Die Datei ist zu groß (höchstens 1 MB)." in text(response)


def test_large_file_waits_for_worker_and_page_polls(office_client, monkeypatch):
    monkeypatch.setattr(jobs, "SYNC_MAX_BYTES", 10)
    response = upload(office_client, register_csv(ROWS), dry_run=False)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PENDING
    body = text(response)
    assert "Die Datei wartet auf die Verarbeitung." in body
    assert f'hx-get="{reverse("imports:job", args=[job.pk])}" hx-trigger="every 1s"' in body
    assert "<progress" in body
    call_command("process_imports", "--once", stdout=io.StringIO())
    partial = office_client.get(reverse("imports:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    body = text(partial)
    assert "<html" not in body and "hx-trigger" not in body
    assert "Import gespeichert." in body
    assert Case.objects.count() == 2


def test_running_job_shows_progress_value(office_client, office_user):
    job = ImportJob.objects.create(created_by=office_user, original_name="r.csv", status="running",
                                   phase="parse", total=200, done=50, dry_run=False)
    body = text(office_client.get(reverse("imports:job", args=[job.pk]), HTTP_HX_REQUEST="true"))
    assert 'max="100" value="25"' in body
    assert "Zeilen werden geprüft: 50 von 200." in body


@pytest.mark.parametrize("fixture", ["member_user", "authority_user", "ministry_user", "dpo_user", "admin_user"])
def test_other_roles_get_404(client, request, office_user, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    job = ImportJob.objects.create(created_by=office_user, original_name="r.csv", status="done")
    assert client.get(reverse("imports:upload")).status_code == 404
    assert client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("r.csv", register_csv(ROWS))}).status_code == 404
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("imports:job_confirm", args=[job.pk])).status_code == 404
    assert not Case.objects.exists()


def test_anonymous_redirected_to_login(client):
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_office_head_may_import(client, office_head):
    client.force_login(office_head)
    upload(client, register_csv(ROWS), dry_run=False)
    assert Case.objects.count() == 2


def test_navigation_entry_for_office(office_client):
    body = office_client.get(reverse("imports:upload")).content.decode()
    assert '<a class="kern-link hf-nav__link" href="/import/" aria-current="page">Register-Import</a>' in body


def test_unknown_job_404(office_client):
    assert office_client.get(reverse("imports:job", args=[999999])).status_code == 404


def test_worker_fails_stale_jobs_and_removes_old_files(office_client, office_user):
    from datetime import timedelta

    from django.utils import timezone

    stale = ImportJob.objects.create(created_by=office_user, original_name="r.csv", status="running",
                                     started_at=timezone.now() - timedelta(hours=2), dry_run=False)
    upload(office_client, register_csv(ROWS))  # a clean dry run keeps its file for confirming
    dry = ImportJob.objects.get(dry_run=True)
    assert dry.file
    jobs.import_jobs_cleanup(now=timezone.now() + timedelta(days=2))
    stale.refresh_from_db()
    dry.refresh_from_db()
    assert stale.status == ImportJob.Status.FAILED
    assert "Die Verarbeitung wurde unterbrochen" in stale.errors[0]["text"]
    assert not dry.file
    body = text(office_client.get(reverse("imports:job", args=[stale.pk])))
    assert "Der Import ist fehlgeschlagen." in body
