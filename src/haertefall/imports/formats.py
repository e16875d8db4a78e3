"""Reading and writing register files (CSV and XLSX). Pure Python, no database.

A register arrives as offices actually save it: German Excel writes ``;`` and Windows-1252,
LibreOffice ``,`` and UTF-8, some tools add a byte-order mark. ``table_read`` detects all of
that and hands back the header and the rows with the line numbers a person sees in the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from python_calamine import CalamineWorkbook

from haertefall.core.spreadsheet import safe_cell

ZIP_MAGIC = b"PK\x03\x04"
ALLOWED_SUFFIXES = (".csv", ".xlsx")


class FileRejected(Exception):
    """The file as a whole cannot be read; the message is German and names the reason."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    header: list[str]
    # (line number as a person sees it in the file or sheet, cell values)
    rows: list[tuple[int, list]] = field(default_factory=list)
    kind: str = "csv"  # "csv" | "xlsx"
    encoding: str = ""  # for CSV: "UTF-8", "UTF-8 mit BOM", "Windows-1252"
    delimiter: str = ""

    @property
    def description(self) -> str:
        if self.kind == "xlsx":
            return "Excel-Arbeitsmappe (.xlsx), erstes Tabellenblatt"
        sep = "Semikolon" if self.delimiter == ";" else "Komma"
        return f"CSV, {self.encoding}, Trennzeichen {sep}"


def file_kind(name: str, head: bytes) -> str:
    """``csv`` or ``xlsx`` by extension, confirmed by content; FileRejected otherwise."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        if not head.startswith(ZIP_MAGIC):
            raise FileRejected("Die Datei endet auf .xlsx, ist aber keine Excel-Arbeitsmappe.")
        return "xlsx"
    if lower.endswith(".csv"):
        if head.startswith(ZIP_MAGIC) or b"\x00" in head[:4096]:
            raise FileRejected("Die Datei endet auf .csv, enthält aber keinen Text.")
        return "csv"
    raise FileRejected("Bitte laden Sie eine CSV-Datei (.csv) oder Excel-Arbeitsmappe (.xlsx) hoch.")


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding label: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        text = data.decode("utf-8-sig")  # strict: any invalid byte sequence raises
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise FileRejected(
                "Die Zeichenkodierung der Datei ist weder UTF-8 noch Windows-1252."
            ) from None
    return text, ("UTF-8 mit BOM" if data.startswith(b"\xef\xbb\xbf") else "UTF-8")


def detect_delimiter(header_line: str) -> str:
    try:
        return csv.Sniffer().sniff(header_line, delimiters=";,").delimiter
    except csv.Error:
        # One column only, or the sniffer gave up: the more frequent of the two wins.
        return ";" if header_line.count(";") >= header_line.count(",") else ","


def _blank(values: Iterable) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def csv_read(data: bytes) -> Table:
    text, encoding = decode(data)
    if not text.strip():
        raise FileRejected("Die Datei ist leer.")
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(header=[], kind="csv", encoding=encoding, delimiter=delimiter)
    previous_end = 0
    try:
        for values in reader:
            line = previous_end + 1  # a quoted cell may span lines; report where the row starts
            previous_end = reader.line_num
            if _blank(values):
                continue
            if not table.header:
                table.header = values
                continue
            table.rows.append((line, values))
    except csv.Error as exc:
        raise FileRejected(f"Zeile {reader.line_num}: die CSV-Datei ist beschädigt ({exc}).") from None
    return table


def xlsx_rows(data: bytes) -> list[list]:
    """Cell values of the first sheet, row 1 first.

    python-calamine (Rust) reads a 100,000-row sheet in about 2 s, where openpyxl needs about
    16 s of CPU; openpyxl only writes (``xlsx_write``).
    """
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise FileRejected("Die Excel-Arbeitsmappe enthält kein Tabellenblatt.")
        # skip_empty_area=False: rows start at row 1, so indexes give the sheet's line numbers.
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except FileRejected:
        raise
    except Exception:  # noqa: BLE001 - calamine raises CalamineError and others for damaged files
        raise FileRejected("Die Excel-Arbeitsmappe kann nicht gelesen werden (beschädigt?).") from None


def xlsx_read(data: bytes) -> Table:
    table = Table(header=[], kind="xlsx")
    for line, values in enumerate(xlsx_rows(data), start=1):
        if _blank(values):
            continue
        if not table.header:
            table.header = ["" if v is None else str(v) for v in values]
            continue
        table.rows.append((line, values))
    return table


def table_read(data: bytes, name: str) -> Table:
    kind = file_kind(name, data[:8192])
    table = xlsx_read(data) if kind == "xlsx" else csv_read(data)
    if not table.header:
        raise FileRejected("Die Datei enthält keine Kopfzeile.")
    return table


# --- writing ----------------------------------------------------------------------------

def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def csv_write(out: io.TextIOBase, header: list[str], rows: Iterable[list]) -> int:
    """Write German-Excel CSV (``;``); the caller opens ``out`` with encoding utf-8-sig."""
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([safe_cell(cell_text(v)) for v in row])
        count += 1
    return count


def xlsx_write(out, header: list[str], rows: Iterable[list], *, title: str = "Register") -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD.MM.YYYY"
            else:
                cell = WriteOnlyCell(sheet, value=safe_cell(value))
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(out)
    return count
