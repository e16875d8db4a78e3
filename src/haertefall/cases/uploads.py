"""Which files the case file accepts, decided by their content, not by name or browser claim."""

import filetype

# mime type -> German name, for the types the office works with.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG-Bild",
    "image/jpeg": "JPEG-Bild",
    "image/tiff": "TIFF-Bild",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word-Dokument (DOCX)",
    "application/vnd.oasis.opendocument.text": "OpenDocument-Text (ODT)",
    "text/plain": "Textdatei",
}
ALLOWED_NAMES = ", ".join(["PDF", "PNG", "JPEG", "TIFF", "DOCX", "ODT", "Text"])


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # The sample may end inside a multi-byte character.
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
        return not text or printable / len(text) > 0.95
    return False


def detect_content_type(head: bytes) -> str | None:
    """The mime type of an allowed file from its first bytes, or None if not allowed."""
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime if kind.mime in ALLOWED_TYPES else None
    return "text/plain" if head and _looks_like_text(head) else None
