"""The report as files: JSON, CSV, XLSX (openpyxl), PDF (reportlab) and a standalone HTML page."""

from __future__ import annotations

import csv
import io
import json
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

def _pdf_table(table: Table, styles, *, col_widths=None):
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    data = [table.columns] + [["" if c is None else str(c) for c in row] for row in table.rows]
    pdf = PdfTable(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f2f5")]),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if table.columns and table.columns[-1] == "Anmerkung":
        style.append(("ALIGN", (-1, 0), (-1, -1), "LEFT"))
    for index in table.total_rows:
        style.append(("FONT", (0, index + 1), (-1, index + 1), "Helvetica-Bold", 8))
    pdf.setStyle(TableStyle(style))
    return pdf


def _pdf_years_chart(report: dict):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    years = list(report["applications"])
    apps = [int(report["applications"][y]) for y in years]
    reqs = [int(report["outcomes"].get(y, {}).get("requests") or 0) for y in years]
    drawing = Drawing(480, 210)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, 430, 150
    chart.data = [apps, reqs]
    chart.categoryAxis.categoryNames = [y[2:] if len(years) > 12 else y for y in years]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#1f4e8c")
    chart.bars[1].fillColor = colors.HexColor("#c0392b")
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 40, 205
    legend.fontSize = 8
    legend.columnMaximum = 1
    legend.colorNamePairs = [(colors.HexColor("#1f4e8c"), "Anträge"), (colors.HexColor("#c0392b"), "Ersuchen")]
    drawing.add(legend)
    return drawing


def _pdf_countries_chart(report: dict, year: str):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    table = report["countries"][year]
    rows = list(reversed(table["top"]))
    drawing = Drawing(480, 20 + 16 * len(rows))
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 120, 10, 340, 16 * len(rows)
    chart.data = [[r["count"] if isinstance(r["count"], int) else 0 for r in rows]]
    chart.categoryAxis.categoryNames = [r["country"] for r in rows]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#1f4e8c")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def render_pdf(report: dict, *, chapters=None, title: str = "Statistik der Härtefallkommission") -> bytes:
    """Tables and charts; with ``chapters`` the whole activity report (texts first)."""
    from xml.sax.saxutils import escape as xml_escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    from .chapters import STATISTICS_CHAPTER

    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=title,
                            author="Geschäftsstelle der Härtefallkommission", lang="de")
    story = [Paragraph(xml_escape(title), styles["Title"]),
             Paragraph(f"Stand: {_de_date(report['as_of'])}", styles["Normal"]), Spacer(1, 12)]

    def statistics_part():
        tables = report_tables(report)
        part = []
        for table in tables:
            if table.key.startswith("6.2-"):
                continue
            part.append(KeepTogether([Paragraph(xml_escape(table.title), styles["Heading3"]),
                                      _pdf_table(table, styles)] +
                                     [Paragraph(xml_escape(n), styles["Italic"]) for n in table.notes]))
            if table.key == "6.1":
                part += [Spacer(1, 6), _pdf_years_chart(report)]
                countries = [t for t in tables if t.key.startswith("6.2-")]
                if countries:
                    heading = Paragraph("6.2 Herkunftsländer", styles["Heading3"])
                    cells = [[Paragraph(f"<b>{xml_escape(t.title[4:])}</b>", styles["Normal"]),
                              _pdf_table(t, styles, col_widths=[3.1 * cm, 1.4 * cm])] for t in countries]
                    for i in range(0, len(cells), 3):
                        # One row of three year tables, each with its title in the same cell,
                        # so a page break never separates a title from its table.
                        row = cells[i:i + 3]
                        grid = PdfTable([row], hAlign="LEFT", colWidths=[5.5 * cm] * len(row),
                                        style=[("VALIGN", (0, 0), (-1, -1), "TOP")])
                        part.append(KeepTogether([heading, grid]) if i == 0 else grid)
                        part.append(Spacer(1, 6))
                    latest = list(report["countries"])[-1]
                    if report["countries"][latest]["top"]:
                        part.append(KeepTogether([Paragraph(f"Herkunftsländer {latest}", styles["Heading4"]),
                                                  _pdf_countries_chart(report, latest)]))
            part.append(Spacer(1, 8))
        for table in extra_tables(report.get("extra")):
            part.append(Paragraph(xml_escape(table.title), styles["Heading3"]))
            part.append(_pdf_table(table, styles))
            part += [Paragraph(xml_escape(n), styles["Italic"]) for n in table.notes]
        return part

    if chapters:
        for chapter in chapters:
            story.append(Paragraph(xml_escape(chapter.title), styles["Heading2"]))
            story += [Paragraph(xml_escape(p), styles["BodyText"]) for p in chapter.paragraphs()]
            if chapter.key == STATISTICS_CHAPTER:
                story += statistics_part()
                story.append(PageBreak())
        if not any(c.key == STATISTICS_CHAPTER for c in chapters):
            story += statistics_part()
    else:
        story += statistics_part()
    doc.build(story)
    return out.getvalue()


def render(report: dict, fmt: str, *, chapters=None) -> bytes:
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "xlsx":
        return render_xlsx(report)
    if fmt == "pdf":
        return render_pdf(report, chapters=chapters,
                          title="Tätigkeitsbericht der Härtefallkommission" if chapters else
                          "Statistik der Härtefallkommission")
    if fmt == "html":
        return render_html(report, chapters=chapters)
    raise ValueError(fmt)
