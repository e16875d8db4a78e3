"""Allowed document types are recognised by content."""

import io

from haertefall.cases.uploads import detect_content_type


def test_pdf_png_jpeg_tiff():
    assert detect_content_type(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == "application/pdf"
    assert detect_content_type(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20) == "image/png"
    assert detect_content_type(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00") == "image/jpeg"
    assert detect_content_type(b"II*\x00\x08\x00\x00\x00" + b"\x00" * 8) == "image/tiff"


def test_docx_is_recognised():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert detect_content_type(buffer.getvalue()[:8192]) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def test_text_in_utf8_and_cp1252():
    assert detect_content_type("Ärztliches Attest für Frau Öztürk".encode()) == "text/plain"
    assert detect_content_type("Attest für Öztürk".encode("cp1252")) == "text/plain"


def test_executables_archives_and_empty_are_refused():
    assert detect_content_type(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00") is None
    assert detect_content_type(b"\x7fELF\x02\x01\x01\x00") is None
    assert detect_content_type(b"PK\x03\x04" + b"\x00" * 40) is None
    assert detect_content_type(b"") is None
