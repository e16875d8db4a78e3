"""CSV and XLSX export of audit search results (formula cells neutralised)."""

import csv
import io

from django.utils import timezone

from haertefall.core.spreadsheet import safe_cell

from .presenters import object_type_label, role_label

HEADER = ["Zeitpunkt", "Benutzername", "Rolle", "Aktion", "Objekt", "Objekt-ID", "Fall-ID",
          "Aktenzeichen", "Personen-IDs", "IP-Adresse", "Hinweis"]
MAX_ROWS = 200_000


def _rows(entries):
    for e in entries.iterator(chunk_size=2000):
        yield [
            timezone.localtime(e.at).strftime("%d.%m.%Y %H:%M:%S"), e.username, role_label(e.role),
            e.get_action_display(), object_type_label(e.object_type), e.object_id, e.case_id or "", e.file_number,
            " ".join(str(pk) for pk in e.person_ids), e.ip_address or "", e.detail,
        ]


def export_csv(entries) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    for row in _rows(entries[:MAX_ROWS]):
        writer.writerow([safe_cell(v) for v in row])
    # BOM: spreadsheet programs then read the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(entries) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Protokoll")
    sheet.append(HEADER)
    for row in _rows(entries[:MAX_ROWS]):
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
