import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from haertefall.core.errors import DomainError
from haertefall.core.spreadsheet import safe_cell
from haertefall.core.uploads import CSV, DOCX, PDF, PNG, upload_validate


@pytest.mark.parametrize("value", ["=1+1", "+49 211", "-5", "@SUM(A1)", "\tx", "\rx", "\0=1+1"])
def test_formula_cells_become_text(value):
    assert safe_cell(value) == "'" + value


@given(st.text())
def test_safe_cell_never_starts_with_a_formula_character(text):
    result = safe_cell(text)
    assert not result.startswith(("=", "+", "-", "@", "\t", "\r", "\0"))
    assert result.endswith(text)


@pytest.mark.parametrize("value", [12, None, "Krasniqi", ""])
def test_other_values_unchanged(value):
    assert safe_cell(value) == value


PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_pdf_accepted():
    assert upload_validate(SimpleUploadedFile("antrag.pdf", PDF_BYTES), max_bytes=1000) == PDF


def test_docx_accepted():
    assert upload_validate(SimpleUploadedFile("brief.docx", _docx()), allowed=(PDF, DOCX), max_bytes=10_000) == DOCX


def test_content_decides_not_the_name():
    with pytest.raises(DomainError, match="kein erlaubter Dateityp"):
        upload_validate(SimpleUploadedFile("antrag.pdf", b"MZ\x90\x00 executable"), max_bytes=1000)


def test_extension_must_match_content():
    with pytest.raises(DomainError, match="Dateiendung „.pdf“ der Datei „bild.pdf“ passt nicht"):
        upload_validate(SimpleUploadedFile("bild.pdf", PNG_BYTES), allowed=(PDF, PNG), max_bytes=1000)


def test_too_large_and_empty():
    with pytest.raises(DomainError, match="zu groß"):
        upload_validate(SimpleUploadedFile("a.pdf", PDF_BYTES * 100), max_bytes=100)
    with pytest.raises(DomainError, match="leer"):
        upload_validate(SimpleUploadedFile("a.pdf", b""), max_bytes=100)


def test_text_types():
    assert upload_validate(SimpleUploadedFile("r.csv", "Name;Land\nÖzdemir;Türkei\n".encode()),
                           allowed=(CSV,), max_bytes=1000) == CSV
    with pytest.raises(DomainError):
        upload_validate(SimpleUploadedFile("r.csv", PNG_BYTES), allowed=(CSV,), max_bytes=1000)
