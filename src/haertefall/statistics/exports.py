"""The report as files: JSON, CSV, XLSX (openpyxl), PDF (WeasyPrint, decision 0113) and a standalone HTML page."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from haertefall.core.spreadsheet import safe_cell

from .charts import report_charts
from .tables import Table, export_tables, extra_tables, report_tables

FORMATS = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pdf": ("application/pdf", "pdf"),
    "html": ("text/html; charset=utf-8", "html"),
}


def _de_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d.%m.%Y")


def render_json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_csv(report: dict) -> bytes:
    """All tables one after another (title, header, rows, blank line); ``;`` for German Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(f"Stichtag {_de_date(report['as_of'])}")])
    for table in export_tables(report):
        writer.writerow([])
        writer.writerow([safe_cell(table.title)])
        writer.writerow([safe_cell(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([safe_cell(c) for c in row])
        for note in table.notes:
            writer.writerow([safe_cell(note)])
    # BOM: German Excel reads UTF-8 only with it.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_xlsx(report: dict) -> bytes:
    """One sheet per table (6.2 as one long sheet), header bold, notes below."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in export_tables(report):
        sheet = workbook.create_sheet(table.sheet_name)
        sheet.append([safe_cell(f"{table.title} – Stand {_de_date(report['as_of'])}")])
        sheet["A1"].font = Font(bold=True)
        sheet.append([safe_cell(c) for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_cell(c) for c in row])
        for note in table.notes:
            sheet.append([safe_cell(note)])
        sheet.column_dimensions["A"].width = 28 if table.key.startswith("authorities") else 14
        for letter in "BCDEFG":
            sheet.column_dimensions[letter].width = 18
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render_html(report: dict, *, chapters=None) -> bytes:
    """A standalone page (own CSS, no external resources) with tables and charts."""
    html = render_to_string("statistics/export.html", {
        "report": report, "tables": report_tables(report), "extra_tables": extra_tables(report.get("extra")),
        "charts": report_charts(report), "as_of": date.fromisoformat(report["as_of"]),
        "chapters": chapters or [],
    })
    return html.encode("utf-8")


# --- PDF ----------------------------------------------------------------------------------

@dataclass
class Section:
    """One numbered part of the statistics in print: its tables (with captions) and a chart."""

    anchor: str
    title: str
    tables: list[tuple[str, Table]]
    intro: str = ""
    side_by_side: bool = False
    chart: object = None
    chart_template: str = ""


def pdf_sections(report: dict) -> list[Section]:
    """Tables 6.1–6.6 and the further tables, grouped as the published report has them."""
    tables = report_tables(report)
    charts = report_charts(report)
    by_key = {t.key: t for t in tables}
    countries = [(t.title.removeprefix("6.2 "), t) for t in tables if t.key.startswith("6.2-")]
    sections = [
        Section(anchor="abschnitt-6-1", title="6.1 Anträge", tables=[("Tabelle 6.1: Anträge je Eingangsjahr", by_key["6.1"])],
                chart=charts["years"], chart_template="statistics/includes/chart_series.html"),
        Section(anchor="abschnitt-6-2", title="6.2 Herkunftsländer", tables=countries, side_by_side=True,
                intro="Die häufigsten Herkunftsländer je Eingangsjahr (heutige Ländernamen; historische Staaten "
                      "sind unter ihrem Nachfolgestaat gezählt), dann „Übrige“ und „Gesamt“.",
                chart=charts.get("countries"), chart_template="statistics/includes/chart_bars.html"),
    ]
    for key in ("6.3", "6.4", "6.5", "6.6"):
        table = by_key[key]
        sections.append(Section(anchor=f"abschnitt-{key.replace('.', '-')}", title=table.title,
                                tables=[(f"Tabelle {table.title.replace(' ', ': ', 1)} je Eingangsjahr", table)]))
    extra = extra_tables(report.get("extra"))
    if extra:
        sections.append(Section(anchor="abschnitt-weitere", title="Weitere Auswertungen",
                                tables=[(t.title, t) for t in extra]))
    return sections


def render_pdf(report: dict, *, chapters=None) -> bytes:
    """The statistics, or with ``chapters`` the whole activity report: title page, table of
    contents, chapters, tables and charts (template ``statistics/pdf/report.html``)."""
    from haertefall.core.pdf import pdf_from_template

    from .chapters import STATISTICS_CHAPTER

    chapters = list(chapters or [])
    title = "Tätigkeitsbericht der Härtefallkommission" if chapters else "Statistik der Härtefallkommission"
    return pdf_from_template("statistics/pdf/report.html", {
        "title": title,
        "as_of": date.fromisoformat(report["as_of"]),
        "years": list(report["applications"]),
        "chapters": chapters,
        "statistics_key": STATISTICS_CHAPTER,
        # Without a chapter "Statistik" the tables follow the chapters (or stand alone).
        "statistics_after": not any(c.key == STATISTICS_CHAPTER for c in chapters),
        "sections": pdf_sections(report),
    })


def render(report: dict, fmt: str, *, chapters=None) -> bytes:
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "xlsx":
        return render_xlsx(report)
    if fmt == "pdf":
        return render_pdf(report, chapters=chapters)
    if fmt == "html":
        return render_html(report, chapters=chapters)
    raise ValueError(fmt)
