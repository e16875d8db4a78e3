"""Small register files built inside the tests (CSV in every encoding/delimiter, XLSX)."""

import csv
import io

from openpyxl import Workbook

HEADER = ["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit", "Ausländerbehörde", "Personen",
          "Erledigung", "Erledigungsdatum", "Erledigungsgrund", "Ergebnis Ersuchen", "Ergebnisdatum"]


def register_csv(rows, *, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    """``encoding``: "utf-8", "utf-8-sig" (with BOM) or "cp1252" (German Excel)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


def register_xlsx(rows, *, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
