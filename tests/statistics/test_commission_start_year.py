"""Years before the commission existed (issue 16): the statistics refuse them in German (page and
API), the register import warns about such receipts and still takes the row."""

import pytest

from haertefall.cases.models import Case
from haertefall.imports.services import register_import
from tests.imports_files import register_csv

pytestmark = pytest.mark.django_db

MESSAGE = "Die Härtefallkommission arbeitet seit 2005; geben Sie bei „Eingangsjahre von“ ein Jahr ab 2005 ein."


def test_the_statistics_page_refuses_years_before_2005(office_client):
    response = office_client.get("/statistik/?as_of=2023-12-31&year_from=2003&year_to=2023")
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert 'min="2005"' in office_client.get("/statistik/").content.decode()
    assert office_client.get("/statistik/?as_of=2023-12-31&year_from=2005&year_to=2023").status_code == 200


def test_the_statistics_api_refuses_years_before_the_configured_start(office_client, settings):
    bad = office_client.get("/api/statistics/report/?as_of=2023-12-31&year_from=1990&year_to=2023")
    assert bad.status_code == 400 and bad.json()["year_from"] == [MESSAGE]
    settings.HAERTEFALL_COMMISSION_START_YEAR = 2010
    bad = office_client.get("/api/statistics/report/?as_of=2023-12-31&year_from=2008&year_to=2023")
    assert bad.status_code == 400 and "arbeitet seit 2010" in bad.json()["year_from"][0]


def test_the_import_warns_about_a_receipt_before_2005_and_takes_the_row(office_user):
    data = register_csv([
        ["HFK-2003-0001", "12.05.2003", "Türkei", "", "", "", "", "", "", ""],
        ["HFK-2005-0001", "03.01.2005", "Kosovo", "", "", "", "", "", "", ""],
    ])
    report = register_import(source=data, name="register.csv", actor=office_user)
    assert report.ok and report.new == 2
    assert [(w["line"], w["column"], w["value"]) for w in report.warnings] == [(2, "Eingangsdatum", "12.05.2003")]
    assert "liegt vor 2005, dem ersten Jahr der Härtefallkommission" in report.warnings[0]["text"]
    assert Case.objects.filter(file_number="HFK-2003-0001").exists()


def test_the_upload_page_shows_the_warning(office_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = register_csv([["HFK-2004-0001", "12.05.2004", "Türkei", "", "", "", "", "", "", ""]])
    response = office_client.post(reverse("imports:upload"), {
        "file": SimpleUploadedFile("register.csv", data, content_type="text/csv"), "dry_run": "on"}, follow=True)
    body = response.content.decode()
    assert "Hinweise (die Zeilen werden trotzdem übernommen)" in body
    assert "liegt vor 2005, dem ersten Jahr der Härtefallkommission" in body
