"""Statistics pages and downloads: who sees what, file formats, suppression, audit."""

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from haertefall.audit.models import AuditEntry
from haertefall.statistics.models import ReportChapter

from .helpers import history_add

pytestmark = pytest.mark.django_db
QUERY = "as_of=2022-12-31&year_from=2020&year_to=2021"


@pytest.fixture
def history(db):
    authority = None
    for name in ("Irak", "Irak", "Irak", "Iran"):
        history_add(received_on=date(2021, 4, 1), country=name, authority=authority)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client
    return _login


def test_office_sees_tables_charts_and_small_counts(login, office_user, history):
    response = login(office_user).get(f"/statistik/?{QUERY}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "6.4 Kein Ersuchen / Andere Erledigung" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="hf-chart" role="img"' in html
    assert "<title id=\"chart-countries-title\">Herkunftsländer 2021</title>" in html
    assert '<th scope="row" class="kern-table__header">Iran</th><td class="kern-table__cell num">1</td>' in html
    assert "/faelle/" not in html.split('id="inhalt"')[1]  # no links to cases


def test_office_can_ask_for_the_public_variant(login, office_user, history):
    html = login(office_user).get(f"/statistik/?{QUERY}&suppress=on").content.decode()
    # Iran (1 application) is counted in "Übrige", not listed with its small count.
    assert '<th scope="row" class="kern-table__header">Iran</th>' not in html
    assert '<th scope="row" class="kern-table__header">Irak</th><td class="kern-table__cell num">3</td>' in html
    assert "Länder und Behörden mit weniger als 3 Anträgen sind unter „Übrige“ zusammengefasst" in html


def test_ministry_always_gets_the_protected_variant(login, ministry_user, history):
    html = login(ministry_user).get(f"/statistik/?{QUERY}").content.decode()
    assert '<th scope="row" class="kern-table__header">Iran</th>' not in html
    assert 'name="suppress"' not in html
    data = json.loads(login(ministry_user).get(f"/statistik/download/?{QUERY}&format=json").content)
    assert data["countries"]["2021"] == {"top": [{"country": "Irak", "count": 3}], "others": 1, "total": 4}
    assert "authorities" not in data["extra"] and list(data["extra"]["authorities_by_year"]) == ["2020", "2021"]


@pytest.mark.parametrize("role_fixture", ["member_user", "authority_user", "dpo_user", "admin_user"])
def test_other_roles_get_404(request, login, role_fixture):
    client = login(request.getfixturevalue(role_fixture))
    for url in ("/statistik/", f"/statistik/download/?{QUERY}&format=pdf", "/statistik/taetigkeitsbericht/",
                "/statistik/taetigkeitsbericht/kapitel/", f"/api/statistics/report/?{QUERY}"):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client):
    response = client.get("/statistik/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_invalid_input_is_explained_in_german(login, office_user):
    response = login(office_user).get("/statistik/?as_of=2999-01-01&year_from=2021&year_to=2020")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Der Stichtag darf nicht in der Zukunft liegen." in html
    assert "Das Endjahr liegt vor dem Anfangsjahr." in html
    response = login(office_user).get(f"/statistik/download/?{QUERY}&format=exe")
    assert response.status_code == 400 and "Format" in response.content.decode()


def test_downloads_in_every_format_are_logged_as_exports(login, office_user, history):
    client = login(office_user)
    pdf = client.get(f"/statistik/download/?{QUERY}&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert 'filename="statistik-2022-12-31.pdf"' in pdf["Content-Disposition"]
    xlsx = client.get(f"/statistik/download/?{QUERY}&format=xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "6.1 Anträge" in workbook.sheetnames and "6.2 Herkunftsländer" in workbook.sheetnames
    assert workbook["6.1 Anträge"]["B4"].value == 4  # row 3: 2020 (0), row 4: 2021
    html = client.get(f"/statistik/download/?{QUERY}&format=html").content.decode()
    assert html.startswith("<!DOCTYPE html>") and "6.3 Ersuchen" in html
    full = client.get(f"/statistik/download/?{QUERY}&format=pdf&full=on")
    assert full.content.startswith(b"%PDF") and 'taetigkeitsbericht-2022-12-31.pdf' in full["Content-Disposition"]
    exports = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, user=office_user)
    assert exports.count() == 4
    assert "Stand 31.12.2022 Jahre 2020-2021" in exports.first().detail


def test_csv_cells_are_neutralised_against_formulas(login, office_user, history):
    chapter = ReportChapter.objects.get(key="einleitung")
    assert chapter  # chapters are seeded by the migration
    from haertefall.registers.models import Authority

    evil = Authority.objects.create(key="evil", name="=HYPERLINK(\"http://x\")")
    history_add(received_on=date(2021, 5, 1), authority=evil)
    content = login(office_user).get(f"/statistik/download/?{QUERY}&format=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content
    assert "\n=HYPERLINK" not in content and ";=HYPERLINK" not in content


def test_json_download_has_the_published_shape_plus_extra(login, office_user, history):
    data = json.loads(login(office_user).get(f"/statistik/download/?{QUERY}&format=json").content)
    assert list(data) == ["as_of", "years", "applications", "countries", "outcomes", "request_outcomes",
                          "notes", "extra"]
    assert set(data["extra"]) == {"persons", "authorities", "processing_times", "minors"}


def test_office_edits_a_chapter_ministry_cannot(login, office_user, ministry_user):
    chapter = ReportChapter.objects.get(key="einleitung")
    client = login(office_user)
    response = client.post("/statistik/taetigkeitsbericht/kapitel/", {
        "chapter": chapter.pk, f"k{chapter.pk}-title": "1 Einleitung (neu)",
        f"k{chapter.pk}-text": "Erster Absatz.\n\nZweiter Absatz.", f"k{chapter.pk}-order": 5})
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.title == "1 Einleitung (neu)" and chapter.paragraphs() == ["Erster Absatz.", "Zweiter Absatz."]
    assert "1 Einleitung (neu)" in client.get("/statistik/taetigkeitsbericht/").content.decode()

    response = client.post("/statistik/taetigkeitsbericht/kapitel/", {
        "chapter": chapter.pk, f"k{chapter.pk}-title": "", f"k{chapter.pk}-order": 5})
    assert response.status_code == 400 and "Geben Sie „Überschrift“ ein." in response.content.decode()

    ministry = login(ministry_user)
    assert ministry.get("/statistik/taetigkeitsbericht/").status_code == 200
    assert ministry.post("/statistik/taetigkeitsbericht/kapitel/", {"chapter": chapter.pk}).status_code == 404


def test_api_returns_the_report(login, office_user, history):
    response = login(office_user).get(f"/api/statistics/report/?{QUERY}")
    assert response.status_code == 200 and response.json()["applications"] == {"2020": 0, "2021": 4}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, detail__startswith="API json").exists()
    bad = login(office_user).get("/api/statistics/report/?as_of=2022-12-31&year_from=2021&year_to=2020")
    assert bad.status_code == 400 and "Das Endjahr liegt vor dem Anfangsjahr." in bad.content.decode()


def test_figures_on_the_page_are_in_german_form():
    """1.064 applications and a share of 66,7 %, as the published report writes them; a
    suppressed cell stays "•"."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    table = SimpleNamespace(title="6.1 Anträge", columns=["Jahr", "Anträge", "Anteil"], total_rows=[],
                            rows=[["2005", 1064, 66.7], ["2006", "•", "–"]], notes=[])
    html = render_to_string("statistics/includes/table.html", {"table": table})
    assert '<td class="kern-table__cell num">1.064</td>' in html
    assert '<td class="kern-table__cell num">66,7</td>' in html
    assert '<td class="kern-table__cell num">•</td>' in html
    assert "1064" not in html
