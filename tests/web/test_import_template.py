"""The import template (issue 16): a download on the import page and in the API with the columns,
the values the import accepts (in German, German order) and an explanation; a template filled
with those values imports without an error."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from haertefall.imports import rows as R
from haertefall.imports.services import register_import, register_parse

pytestmark = pytest.mark.django_db


def _sheets(data: bytes):
    return load_workbook(io.BytesIO(data), read_only=False)


def test_the_upload_page_links_the_template_and_it_downloads_with_a_german_name(office_client):
    page = office_client.get(reverse("imports:upload")).content.decode()
    assert reverse("imports:template_xlsx") in page and reverse("imports:template_csv") in page
    response = office_client.get(reverse("imports:template_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Vorlage-Register-Import.xlsx"'
    book = _sheets(response.content)
    assert book.sheetnames == ["Register", "Erlaubte Werte", "Erläuterung"]
    assert [c.value for c in book["Register"][1]] == list(R.COLUMNS)
    values = book["Erlaubte Werte"]
    header = [c.value for c in values[1]]
    column = {name: [row[i] for row in values.iter_rows(min_row=2, values_only=True) if row[i]]
              for i, name in enumerate(header)}
    assert column["Erledigung"] == ["Ersuchen", "Kein Ersuchen", "Andere Erledigung"]
    assert column["Ergebnis Ersuchen"] == ["gefolgt", "nicht gefolgt", "andere Erledigung"]
    countries = column["Staatsangehörigkeit"]
    assert countries.index("Ägypten") < countries.index("Albanien")
    assert countries.index("Kolumbien") < countries.index("DR Kongo") < countries.index("Kosovo")
    assert "Rücknahme des Antrags" in column["Erledigungsgrund (erkannt bei „Andere Erledigung“)"]
    explained = {row[0]: row for row in book["Erläuterung"].iter_rows(min_row=2, values_only=True) if row}
    for name in R.COLUMNS:
        assert explained[name][1] and explained[name][2], name
    assert explained["Aktenzeichen"][1] == "Pflicht"
    text = " ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
    for code in ("no_request", "other_closure", "followed", "withdrawal", "kreisfreie_stadt"):
        assert code not in text


def test_a_template_filled_with_its_allowed_values_imports(office_client, office_user):
    book = _sheets(office_client.get(reverse("imports:template_xlsx")).content)
    values = list(book["Erlaubte Werte"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    country, authority = values[0], values[1]
    register = book["Register"]
    register.append(["HFK-2019-0101", "05.03.2019", country, authority, 2, "Ersuchen", "01.10.2019", "",
                     "gefolgt", "01.02.2020"])
    register.append(["HFK-2019-0102", "05.03.2019", "DR Kongo", "", "", "Andere Erledigung", "01.10.2019",
                     "Rücknahme des Antrags", "", ""])
    out = io.BytesIO()
    book.save(out)
    report = register_import(source=out.getvalue(), name="register.xlsx", actor=office_user)
    assert report.ok, report.errors
    assert report.new == 2


def test_the_csv_template_is_the_header_german_excel_reads(office_client):
    response = office_client.get(reverse("imports:template_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="Vorlage-Register-Import.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    parsed = register_parse(response.content, name="Vorlage.csv")
    assert not parsed.errors and parsed.total == 0


def test_the_api_offers_the_same_template(office_client, member_user, client):
    response = office_client.get("/api/imports/template.xlsx")
    assert response.status_code == 200
    assert [c.value for c in _sheets(response.content)["Register"][1]] == list(R.COLUMNS)
    assert office_client.get("/api/imports/template.csv").status_code == 200
    client.force_login(member_user)
    assert client.get("/api/imports/template.xlsx").status_code == 404
