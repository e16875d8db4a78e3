"""Turning a DOCX template and a context into DOCX and PDF bytes (no database).

One document, two formats (docs/decisions/0110): the DOCX is rendered from the template, and the
PDF is that DOCX converted by LibreOffice (headless ``soffice``) to PDF/A-2b, tagged, fonts
embedded — the same layout, page breaks and letterhead.
"""

import io
import os
import shutil
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path

from django.conf import settings
from docx import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing
from jinja2 import TemplateError

from haertefall.core.errors import DomainError

from .placeholders import KNOWN_PLACEHOLDERS

DEFAULT_DIR = Path(__file__).resolve().parent / "templates_default"


def default_template_path(kind: str) -> Path:
    return DEFAULT_DIR / f"{kind}.docx"


def template_placeholders(data: bytes) -> set[str]:
    """The placeholders a DOCX template uses; DomainError (German) if it is no usable template."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DomainError("Die Datei ist kein Word-Dokument (DOCX).", field="file")
    try:
        template = DocxTemplate(io.BytesIO(data))
        return set(template.get_undeclared_template_variables())
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise DomainError("Die Datei ist kein lesbares Word-Dokument (DOCX).", field="file") from exc
    except TemplateError as exc:
        raise DomainError(
            f"Die Vorlage enthält einen fehlerhaften Platzhalter: {exc}. Platzhalter werden als "
            "{{ name }} geschrieben.", field="file"
        ) from exc


def template_validate(data: bytes) -> set[str]:
    """Check an uploaded template: a DOCX that docxtpl opens, with known placeholders only."""
    used = template_placeholders(data)
    unknown = sorted(used - set(KNOWN_PLACEHOLDERS))
    if unknown:
        raise DomainError(
            "Die Vorlage enthält unbekannte Platzhalter: "
            + ", ".join(f"{{{{ {name} }}}}" for name in unknown)
            + ". Erlaubt sind: " + ", ".join(sorted(KNOWN_PLACEHOLDERS)) + ".",
            field="file",
        )
    return used


def render_docx(template_bytes: bytes, context: dict, *, logo: bytes | None = None) -> bytes:
    template = DocxTemplate(io.BytesIO(template_bytes))
    # Multi-line values (addresses, reasons) keep their line breaks in Word.
    context = {key: Listing(value) if isinstance(value, str) and "\n" in value else value
               for key, value in context.items()}
    context["logo"] = InlineImage(template, io.BytesIO(logo), height=Mm(18)) if logo else ""
    # autoescape: names and reasons are text, never markup in the document XML.
    template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def docx_body_texts(docx_bytes: bytes) -> list[str]:
    """The text of the letter's body paragraphs (not header, address field or information
    block), as the draft page shows it beside the form."""
    return [p.text for p in DocxDocument(io.BytesIO(docx_bytes)).paragraphs]


def docx_paragraphs(docx_bytes: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, tables flattened row by row."""
    document = DocxDocument(io.BytesIO(docx_bytes))
    result = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            result.append(("", " | ".join(cell.text for cell in row.cells)))
    return result


_CONVERT_LOCK = threading.Lock()
# writer_pdf_Export's options: PDF/A-2b (SelectPdfVersion 2), tagged, fields shown as text.
_PDF_FILTER = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
               '"UseTaggedPDF":{"type":"boolean","value":"true"},'
               '"ExportFormFields":{"type":"boolean","value":"false"}}')


def soffice_path() -> str | None:
    if settings.HAERTEFALL_SOFFICE:
        return settings.HAERTEFALL_SOFFICE if os.access(settings.HAERTEFALL_SOFFICE, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    """The rendered DOCX as PDF/A-2b, converted by LibreOffice; DomainError (German) if it cannot.

    One conversion at a time per process, each process with its own LibreOffice profile (two
    instances must not share one)."""
    binary = soffice_path()
    if not binary:
        raise DomainError("Das PDF kann nicht erzeugt werden: LibreOffice ist auf dem Server nicht installiert "
                          "(Paket libreoffice-writer-nogui). Der Entwurf bleibt erhalten.")
    profile = Path(tempfile.gettempdir()) / f"haertefall-soffice-{os.getuid()}-{os.getpid()}"
    with _CONVERT_LOCK, tempfile.TemporaryDirectory(prefix="haertefall-letter-") as work:
        source = Path(work) / "schreiben.docx"
        source.write_bytes(docx_bytes)
        try:
            subprocess.run(  # noqa: S603 - our own binary, arguments are no user input
                [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                 "--convert-to", _PDF_FILTER, "--outdir", work, str(source)],
                capture_output=True, timeout=settings.HAERTEFALL_SOFFICE_TIMEOUT, check=True,
                env={**os.environ, "HOME": work},
            )
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError, OSError) as exc:
            raise DomainError("Das PDF konnte nicht erzeugt werden (LibreOffice meldet einen Fehler). "
                              "Der Entwurf bleibt erhalten; bitte versuchen Sie es erneut.") from exc
        target = Path(work) / "schreiben.pdf"
        if not target.exists():
            raise DomainError("Das PDF konnte nicht erzeugt werden (LibreOffice hat keine Datei geschrieben). "
                              "Der Entwurf bleibt erhalten; bitte versuchen Sie es erneut.")
        return target.read_bytes()
