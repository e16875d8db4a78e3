"""Checking uploaded files by their content, not by the name or the browser's claim.

Generic on purpose: every part that accepts files (case documents, register imports, letter
templates) calls ``upload_validate`` with its own list of allowed types.
"""

from dataclasses import dataclass

import filetype

from .errors import DomainError


@dataclass(frozen=True)
class AllowedType:
    mime: str
    extensions: tuple[str, ...]
    label: str


PDF = AllowedType("application/pdf", ("pdf",), "PDF")
JPEG = AllowedType("image/jpeg", ("jpg", "jpeg"), "JPEG-Bild")
PNG = AllowedType("image/png", ("png",), "PNG-Bild")
TIFF = AllowedType("image/tiff", ("tif", "tiff"), "TIFF-Bild")
DOCX = AllowedType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",), "Word-Dokument (DOCX)"
)
XLSX = AllowedType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",), "Excel-Tabelle (XLSX)"
)
ODT = AllowedType("application/vnd.oasis.opendocument.text", ("odt",), "OpenDocument-Text (ODT)")
CSV = AllowedType("text/csv", ("csv",), "CSV-Tabelle")

DOCUMENT_TYPES = (PDF, JPEG, PNG, TIFF, DOCX, ODT)

_HEAD_BYTES = 8192


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        pos = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(pos)
    return size


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    return head


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            # a multi-byte character may be cut at the end of the sample
            try:
                head[:-3].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def upload_validate(file, *, allowed=DOCUMENT_TYPES, max_bytes: int) -> AllowedType:
    """Check size, content type (magic bytes) and that the file name fits the content.

    Returns the matching ``AllowedType``; raises ``DomainError`` (field "file") in German.
    """
    names = ", ".join(a.label for a in allowed)
    name = getattr(file, "name", "") or ""
    size = _size(file)
    if size == 0:
        raise DomainError("Die Datei ist leer.", field="file")
    if size > max_bytes:
        raise DomainError(
            f"Die Datei ist zu groß ({size / 1024 / 1024:.1f} MB); erlaubt sind höchstens "
            f"{max_bytes / 1024 / 1024:.0f} MB.",
            field="file",
        )
    head = _head(file)
    kind = filetype.guess(head)
    detected = kind.mime if kind is not None else None
    match = None
    for option in allowed:
        if detected == option.mime:
            match = option
        elif detected is None and option.mime.startswith("text/") and _looks_like_text(head):
            match = option
        # filetype reports some ZIP-based office formats as plain ZIP
        elif detected == "application/zip" and option.extensions[0] in ("docx", "xlsx", "odt"):
            if _zip_contains_office(file, option):
                match = option
        if match is not None:
            break
    if match is None:
        raise DomainError(
            f"Der Inhalt der Datei „{name}“ ist kein erlaubter Dateityp. Erlaubt sind: {names}.",
            field="file",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in match.extensions:
        raise DomainError(
            f"Die Dateiendung „.{extension}“ passt nicht zum Inhalt der Datei ({match.label}).",
            field="file",
        )
    return match


def _zip_contains_office(file, option: AllowedType) -> bool:
    import zipfile

    marker = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "odt": "content.xml"}[
        option.extensions[0]
    ]
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return marker in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        file.seek(0)
