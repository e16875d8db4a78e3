"""Turning a DOCX template and a context into DOCX and PDF bytes (no database).

PDF: LibreOffice is not guaranteed on the servers, so the PDF is typeset with reportlab from
the *rendered* DOCX's paragraphs — the same words as the DOCX, in a plain layout
(docs/decisions/0052-letters-docx-and-pdf.md).
"""

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate, Listing
from jinja2 import TemplateError
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

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


def render_docx(template_bytes: bytes, context: dict) -> bytes:
    template = DocxTemplate(io.BytesIO(template_bytes))
    # Multi-line values (addresses, reasons) keep their line breaks in Word.
    context = {key: Listing(value) if isinstance(value, str) and "\n" in value else value
               for key, value in context.items()}
    # autoescape: names and reasons are text, never markup in the document XML.
    template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def docx_paragraphs(docx_bytes: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, tables flattened row by row."""
    document = DocxDocument(io.BytesIO(docx_bytes))
    result = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            result.append(("", " | ".join(cell.text for cell in row.cells)))
    return result


def render_pdf(docx_bytes: bytes, *, title: str) -> bytes:
    styles = getSampleStyleSheet()
    story = []
    for style_name, text in docx_paragraphs(docx_bytes):
        if not text.strip():
            story.append(Spacer(1, 4 * mm))
            continue
        if style_name.startswith("Title") or style_name.startswith("Heading"):
            style = styles["Heading2"]
        else:
            style = styles["BodyText"]
        story.append(Paragraph(escape(text).replace("\n", "<br/>"), style))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title, leftMargin=25 * mm, rightMargin=20 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm).build(story)
    return out.getvalue()
