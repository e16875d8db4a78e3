"""The activity report and the statistics as PDF read like the published report (issue 15):
archival (PDF/A-2b, tagged), German figures, page numbers, table of contents, bookmarks,
charts with a text alternative, and the published figures unchanged."""

import io
import json
import re

import pikepdf
import pytest
from django.core.management import call_command

from haertefall.statistics.exports import render_pdf
from haertefall.statistics.models import ReportChapter
from haertefall.statistics.synthetic import published_figures
from tests.pdf_checks import pdf_archival_problems, pdf_text

pytestmark = pytest.mark.django_db
PUBLISHED = "as_of=2024-11-15&year_from=2005&year_to=2023"


def _outline(data: bytes) -> dict[str, list[str]]:
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
        return {item.title: [child.title for child in item.children] for item in outline.root}


@pytest.fixture
def published(tmp_path):
    source = tmp_path / "published-figures-2024.json"
    source.write_text(json.dumps(published_figures()), encoding="utf-8")
    call_command("import_published_figures", str(source), "--source", "Tätigkeitsbericht 2024",
                 stdout=io.StringIO(), stderr=io.StringIO())
    return published_figures()


def test_activity_report_pdf_reads_like_the_published_report(client, office_user, published):
    client.force_login(office_user)
    response = client.get(f"/statistik/download/?{PUBLISHED}&format=pdf&full=on")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_archival_problems(response.content) == []
    text = pdf_text(response.content)

    assert "Tätigkeitsbericht der Härtefallkommission" in text and "Stand: 15. November 2024" in text
    assert re.search(r"Seite 2 von \d+", text)
    # The table of contents names every chapter and table with the page it starts on.
    for entry in ("1 Einleitung", "6 Statistik", "6.1 Anträge", "6.2 Herkunftsländer",
                  "6.6 Ersuchen und keine Aufenthaltserlaubnis", "7 Ausblick"):
        assert re.search(rf"{re.escape(entry)} ?\.{{5,}} \d+", text), entry
    # Every published figure of table 6.1 in German format: 1.064 applications in 2005.
    for year, count in published["applications"].items():
        assert re.search(rf"^\s*{year}\s+{count:,}".replace(",", "."), text, re.MULTILINE), year
    assert re.search(r"^\s*2005\s+1\.064\s", text, re.MULTILINE)
    assert "1064" not in text
    # Table 6.3, 2023: 264 applications, 68 requests, 60 open (historical year marked "*").
    assert re.search(r"2023 \*\s+264\s+68\s+60", text)
    assert "Herkunftsländer 2023" in text and "Tabelle 6.4: Kein Ersuchen / Andere Erledigung" in text
    # The charts' text alternative is printed beneath them.
    assert "Abbildung: Anträge und Ersuchen nach Eingangsjahr" in text
    assert "die Zahlen stehen in den Tabellen 6.1 und 6.3" in text
    # Bookmarks from the headings, the tables under the chapter "6 Statistik".
    outline = _outline(response.content)
    assert "1 Einleitung" in outline and "7 Ausblick" in outline
    assert outline["6 Statistik"][:3] == ["6.1 Anträge", "6.2 Herkunftsländer", "6.3 Ersuchen"]


def test_statistics_pdf_has_contents_and_page_numbers_without_chapters(client, ministry_user, published):
    client.force_login(ministry_user)
    response = client.get(f"/statistik/download/?{PUBLISHED}&format=pdf")
    assert pdf_archival_problems(response.content) == []
    text = pdf_text(response.content)
    assert "Statistik der Härtefallkommission" in text and "Inhaltsverzeichnis" in text
    assert re.search(r"6\.5 Ersuchen und Aufenthaltserlaubnis ?\.{5,} \d+", text)
    assert re.search(r"Seite 3 von \d+", text)
    assert "1 Einleitung" not in text


def test_decimals_and_thousands_are_printed_the_german_way():
    """The user's finding: "88.2" and "154.5" in the PDF; shares carry their "%"."""
    report = published_figures()
    report["extra"] = {
        "persons": {"2023": {"applications": 1234, "requests": 5, "no_request": 1, "other_closure": 2,
                             "open": 3, "request_followed": 4}},
        "authorities": [{"authority": "Stadt Köln", "applications": 17, "requests": 17, "followed": 15,
                         "share_followed": 88.2}],
        "processing_times": {"2023": {"decision": {"median": 154.5, "p90": 1300.0, "n": 12}, "outcome": None}},
        "minors": {"2023": {"minors": 3, "with_birth_date": 10}},
    }
    text = pdf_text(render_pdf(report, chapters=ReportChapter.objects.all()))
    assert re.search(r"Stadt Köln\s+17\s+17\s+15\s+88,2 %", text)
    assert re.search(r"2023\s+154,5\s+1\.300\s+12\s+–\s+–\s+0", text)
    assert re.search(r"2023\s+1\.234\s+5", text)
    assert "88.2" not in text and "154.5" not in text
