"""Allowed document types are recognised by content; nothing a browser would run gets in
(issue 17, item 6), whatever the file is called."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from haertefall.core.errors import DomainError
from haertefall.core.uploads import DOCX, JPEG, PDF, PNG, TEXT, TIFF, upload_validate


def _check(name: str, content: bytes):
    return upload_validate(SimpleUploadedFile(name, content), max_bytes=1_000_000)


def test_pdf_png_jpeg_tiff():
    assert _check("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == PDF
    assert _check("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20) == PNG
    assert _check("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00") == JPEG
    assert _check("a.tif", b"II*\x00\x08\x00\x00\x00" + b"\x00" * 8) == TIFF


def test_docx_is_recognised():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert _check("brief.docx", buffer.getvalue()) == DOCX


def test_text_in_utf8_and_cp1252():
    assert _check("attest.txt", "Ärztliches Attest für Frau Öztürk, Blutdruck 140 > 90".encode()) == TEXT
    assert _check("attest.txt", "Attest für Öztürk".encode("cp1252")) == TEXT


@pytest.mark.parametrize(("name", "content"), [
    ("evil.html", b"<!DOCTYPE html><script>alert(document.cookie)</script>"),
    ("evil.txt", b"Sehr geehrte Damen und Herren,\n<script>alert(1)</script>"),
    ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    ("bild.png", b'<?xml version="1.0"?><svg onload="alert(1)"/>'),
    ("antrag.pdf", b"<html><body onload=alert(1)>Antrag</body></html>"),
    ("programm.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
    ("programm", b"\x7fELF\x02\x01\x01\x00"),
    ("archiv.docx", b"PK\x03\x04" + b"\x00" * 40),
])
def test_active_content_executables_and_archives_are_refused(name, content):
    with pytest.raises(DomainError, match="kein erlaubter Dateityp"):
        _check(name, content)


def test_a_name_that_does_not_fit_the_content_is_refused():
    with pytest.raises(DomainError, match="passt nicht zu ihrem Inhalt"):
        _check("attest.pdf", "Ärztliches Attest".encode())


def test_empty_file_is_refused():
    with pytest.raises(DomainError, match="ist leer"):
        _check("a.pdf", b"")
