"""REST API of the register import: upload, status, confirm; office only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from haertefall.cases.models import Case
from haertefall.imports.models import ImportJob
from tests.imports_files import register_csv

pytestmark = pytest.mark.django_db

ROWS = [["HFK-2020-0001", "05.03.2020", "Türkei", "Stadt Bochum", "2", "", "", "", "", ""]]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_file(client, data, name="register.csv", dry_run="true"):
    return client.post(reverse("imports-api:jobs"), {"file": SimpleUploadedFile(name, data), "dry_run": dry_run})


def test_upload_dry_run_status_and_confirm(office_client):
    response = post_file(office_client, register_csv(ROWS))
    assert response.status_code == 201
    job = response.json()
    assert (job["status"], job["dry_run"], job["report"]["new"], job["errors"]) == ("done", True, 1, [])
    assert not Case.objects.exists()
    detail = office_client.get(reverse("imports-api:job", args=[job["id"]]))
    assert detail.status_code == 200 and detail.json()["id"] == job["id"]
    confirmed = office_client.post(reverse("imports-api:job-confirm", args=[job["id"]]))
    assert confirmed.status_code == 201
    assert confirmed.json()["report"]["new"] == 1 and confirmed.json()["dry_run"] is False
    assert Case.objects.count() == 1
    again = office_client.post(reverse("imports-api:job-confirm", args=[job["id"]]))
    assert again.status_code == 400
    assert "bereits als Import ausgeführt" in str(again.json())
    assert len(office_client.get(reverse("imports-api:jobs")).json()) == 2


def test_errors_in_report(office_client):
    job = post_file(office_client, register_csv([["A", "01.01.2020", "Atlantis"]] ), dry_run="false").json()
    assert job["errors"] == [{"line": 2, "column": "Staatsangehörigkeit", "value": "Atlantis",
                              "message": "unbekannter Staat „Atlantis“",
                              "text": "Zeile 2, Spalte „Staatsangehörigkeit“: unbekannter Staat „Atlantis“."}]


def test_wrong_type_is_400_in_german(office_client):
    response = post_file(office_client, b"%PDF", name="x.pdf")
    assert response.status_code == 400
    assert response.json() == {"file": ["Bitte laden Sie eine CSV-Datei (.csv) oder Excel-Arbeitsmappe (.xlsx) hoch."]}


@pytest.mark.parametrize("fixture", ["member_user", "authority_user", "ministry_user", "dpo_user", "admin_user"])
def test_other_roles_404(client, request, office_user, fixture):
    client.force_login(request.getfixturevalue(fixture))
    job = ImportJob.objects.create(created_by=office_user, original_name="r.csv", status="done")
    assert client.get(reverse("imports-api:jobs")).status_code == 404
    assert post_file(client, register_csv(ROWS)).status_code == 404
    assert client.get(reverse("imports-api:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("imports-api:job-confirm", args=[job.pk])).status_code == 404
    assert not Case.objects.exists() and ImportJob.objects.count() == 1


def test_anonymous_403(client):
    assert client.get(reverse("imports-api:jobs")).status_code == 403


def test_schema_documents_import_endpoints(office_client):
    schema = office_client.get("/api/schema/").content.decode()
    assert "/api/imports/jobs/{job_id}/confirm/" in schema
