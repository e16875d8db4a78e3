"""Checking uploaded files by their content, not by the name or the browser's claim.

Generic on purpose: every part that accepts files (case documents, the authorities' answers)
calls ``upload_validate`` with its own list of allowed types.

Nothing a browser would run is accepted: no HTML, SVG or XML, whatever the file is called. The
formats allowed are recognised by their first bytes; a text file only if it contains no markup.
"""

import re
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
TEXT = AllowedType("text/plain", ("txt",), "Textdatei (TXT)")

DOCUMENT_TYPES = (PDF, JPEG, PNG, TIFF, DOCX, ODT, TEXT)

# A tag, a comment, a declaration or a processing instruction: HTML, SVG, XML. A browser may
# run such a file as a page if it is ever opened inline; letters and attests need none of it.
_MARKUP = re.compile(r"<\s*[A-Za-z!?/]")

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


def _decoded_text(head: bytes) -> str | None:
    """The sample as text (UTF-8 or Windows-1252, nearly all printable), or None."""
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # a multi-byte character may be cut at the end of the sample
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
        return text if not text or printable / len(text) > 0.95 else None
    return None


def _plain_text(head: bytes) -> bool:
    text = _decoded_text(head)
    return text is not None and not _MARKUP.search(text)


def _all_plain(file) -> bool:
    """The whole file, not only its first bytes, is text without markup: a script after the
    first 8 KB is still a script. The size is already checked, so it fits in memory."""
    file.seek(0)
    content = file.read()
    file.seek(0)
    return len(content) <= _HEAD_BYTES or _plain_text(content)


def upload_validate(file, *, allowed=DOCUMENT_TYPES, max_bytes: int, field: str = "file") -> AllowedType:
    """Check size, content type (magic bytes) and that the file name fits the content.

    Returns the matching ``AllowedType``; raises ``DomainError`` (on ``field``) in German.
    """
    names = ", ".join(a.label for a in allowed)
    name = getattr(file, "name", "") or ""
    size = _size(file)
    if size == 0:
        raise DomainError(f"Die Datei „{name}“ ist leer.", field=field)
    if size > max_bytes:
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise DomainError(
            f"Die Datei „{name}“ ist zu groß ({megabytes} MB); erlaubt sind höchstens "
            f"{max_bytes / 1024 / 1024:.0f} MB.",
            field=field,
        )
    head = _head(file)
    kind = filetype.guess(head)
    detected = kind.mime if kind is not None else None
    match = None
    for option in allowed:
        if detected == option.mime:
            match = option
        elif detected is None and option.mime.startswith("text/") and _plain_text(head) and _all_plain(file):
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
            field=field,
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in match.extensions:
        raise DomainError(
            f"Die Dateiendung „.{extension}“ der Datei „{name}“ passt nicht zu ihrem Inhalt ({match.label}).",
            field=field,
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
