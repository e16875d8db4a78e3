"""The file name a downloaded case document carries (decision 0112): the kind of document in
German, the file number and the document's date, e.g. ``Stellungnahme-HFK-2024-0012-2024-03-05.pdf``.

Never the name the uploader gave (it may name the person) and never an internal code. ASCII
only (ä → ae), so that every browser, mail program and file system keeps it as it is.
"""

import re

from django.utils import timezone

from haertefall.core.uploads import DOCUMENT_TYPES

from .models import Document

FILE_NAME_LABELS = {
    Document.Type.APPLICATION: "Antrag",
    Document.Type.STATEMENT: "Stellungnahme",
    Document.Type.MEDICAL: "Aerztliches-Attest",
    Document.Type.EVIDENCE: "Nachweis",
    Document.Type.IDENTITY: "Identitaetsnachweis",
    Document.Type.LETTER: "Schreiben",
    Document.Type.MINUTES: "Protokollauszug",
    Document.Type.OTHER: "Dokument",
}

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_EXTENSIONS = {allowed.mime: allowed.extensions[0] for allowed in DOCUMENT_TYPES}


def ascii_name_part(text: str) -> str:
    """``text`` as a part of a file name: German letters transliterated, anything else but
    letters and digits a single hyphen."""
    return _UNSAFE.sub("-", (text or "").translate(_GERMAN)).strip("-")


def document_download_name(document: Document) -> str:
    label = FILE_NAME_LABELS.get(document.doc_type, "Dokument")
    day = document.document_date or timezone.localdate(document.uploaded_at)
    extension = _EXTENSIONS.get(document.content_type, "")
    stem = "-".join(part for part in (label, ascii_name_part(document.case.file_number), day.isoformat()) if part)
    return f"{stem}.{extension}" if extension else stem
