"""The import template: an empty register with the columns, the values the import accepts and a
short explanation, for the office to fill in (issue 16).

Everything in it is read from what the import itself checks against: the columns, required
columns and outcome values of ``rows`` and the shipped registers (countries, authorities). A
new column or value therefore shows in the template without anyone copying it.
"""

from __future__ import annotations

import io
from itertools import zip_longest

from django.http import HttpResponse

from haertefall.cases.states import ClosureReason
from haertefall.core.spreadsheet import safe_cell
from haertefall.registers.models import Authority, Country
from haertefall.registers.ordering import in_german_order

from . import rows as R
from .formats import csv_write

FILE_NAME_XLSX = "Vorlage-Register-Import.xlsx"
FILE_NAME_CSV = "Vorlage-Register-Import.csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What each column means, shown on the explanation sheet (docs: register-format.md).
COLUMN_HELP = {
    R.FILE_NUMBER: "Aktenzeichen des Antrags, eindeutig; ein erneuter Import derselben Zeile ändert nichts.",
    R.RECEIVED_ON: "Eingangsdatum des Antrags, TT.MM.JJJJ (oder JJJJ-MM-TT).",
    R.COUNTRY: "Staatsangehörigkeit der Hauptperson: deutscher Name, amtlicher Name, ISO-Code oder "
               "Destatis-Schlüssel (siehe Blatt „Erlaubte Werte“).",
    R.AUTHORITY: "Zuständige Ausländerbehörde, mit Namen (siehe Blatt „Erlaubte Werte“).",
    R.PERSONS: f"Zahl der Personen des Antrags, 1 bis {R.PERSONS_MAX}; leer bedeutet 1.",
    R.OUTCOME: "Ergebnis des Verfahrens bei der Kommission; leer, solange es offen ist.",
    R.OUTCOME_ON: "Datum der Erledigung, TT.MM.JJJJ; nötig, wenn „Erledigung“ ausgefüllt ist.",
    R.REASON: "Grund der Erledigung als Text, z. B. „Rücknahme des Antrags“ oder "
              "„Ausschlussgrund § 5 Abs. 1 HFKVO“.",
    R.RESULT: f"Nur nach „{R.OUTCOME_REQUEST}“: was die Ausländerbehörde entschieden hat; leer, solange offen.",
    R.RESULT_ON: "Datum des Ergebnisses, TT.MM.JJJJ; nötig, wenn „Ergebnis Ersuchen“ ausgefüllt ist.",
}


def _requirement(column: str) -> str:
    if column in R.REQUIRED:
        return "Pflicht"
    if column == R.OUTCOME_ON:
        return f"mit „{R.OUTCOME}“"
    if column == R.RESULT_ON:
        return f"mit „{R.RESULT}“"
    return "freiwillig"


def recognised_reasons() -> list[str]:
    """Reasons of another closure the import recognises in the free text (its own rule)."""
    return [reason.label for reason in ClosureReason
            if reason != ClosureReason.OTHER and R.closure_reason_from_text(reason.label) == reason]


def allowed_values() -> dict[str, list[str]]:
    """Column name → the values the import accepts there, in the order a person looks them up."""
    return {
        R.COUNTRY: [c.name for c in in_german_order(Country.objects.filter(historical=False))],
        R.AUTHORITY: [a.name for a in in_german_order(Authority.objects.filter(active=True))],
        R.OUTCOME: list(R.OUTCOMES),
        f"{R.REASON} (erkannt bei „{R.OUTCOME_OTHER}“)": recognised_reasons(),
        R.RESULT: list(R.RESULTS),
    }


def explanation() -> list[list[str]]:
    rows = [["Spalte", "Angabe", "Bedeutung"]]
    rows += [[column, _requirement(column), COLUMN_HELP[column]] for column in R.COLUMNS]
    rows += [
        [],
        ["Hinweise", "", "Eine Zeile je Antrag, die Kopfzeile wie im Blatt „Register“ (Reihenfolge beliebig). "
                         "Groß- und Kleinschreibung spielen keine Rolle. Enthält die Datei einen Fehler, wird "
                         "nichts übernommen; ein Probelauf prüft die Datei, ohne zu speichern."],
        ["", "", "Staaten dürfen auch in anderen üblichen Schreibweisen oder mit früheren Namen stehen "
                 "(z. B. „TUR“, „Mazedonien“); historische Staaten werden ihren Nachfolgern zugeordnet."],
    ]
    return rows


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    register = workbook.active
    register.title = "Register"
    register.append(list(R.COLUMNS))
    for cell in register[1]:
        cell.font = Font(bold=True)
    register.freeze_panes = "A2"

    values = workbook.create_sheet("Erlaubte Werte")
    allowed = allowed_values()
    values.append(list(allowed))
    for cell in values[1]:
        cell.font = Font(bold=True)
    for line in zip_longest(*allowed.values(), fillvalue=""):
        values.append([safe_cell(v) for v in line])

    notes = workbook.create_sheet("Erläuterung")
    for line in explanation():
        notes.append([safe_cell(v) for v in line])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for sheet in (register, values, notes):
        for column in sheet.columns:
            letter = column[0].column_letter
            sheet.column_dimensions[letter].width = min(60, max(14, *(len(str(c.value or "")) for c in column)))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    """Only the header, as German Excel writes CSV (``;``, UTF-8 with BOM)."""
    out = io.StringIO()
    csv_write(out, list(R.COLUMNS), [])
    return out.getvalue().encode("utf-8-sig")


def template_download(kind: str) -> HttpResponse:
    """The template as a download, ``kind`` "xlsx" or "csv" (page and API)."""
    if kind == "xlsx":
        data, content_type, name = template_xlsx(), XLSX_TYPE, FILE_NAME_XLSX
    else:
        data, content_type, name = template_csv(), "text/csv; charset=utf-8", FILE_NAME_CSV
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
