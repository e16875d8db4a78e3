"""The session file (Sitzungsmappe) of one invited member or deputy (decision 0114).

One copy per person: the agenda and, per item she is not excluded from, a summary of the case
(persons, nationality, stay, reasons, the authority's statement, the regular exclusion grounds
the commission weighs) with the documents the office released for the session. As a page and as one PDF: the
summaries typeset from ``meetings/session_file/pdf.html`` (tagged, with a bookmark per item),
the PDF and image documents appended, every page carrying the person's name and the date.
"""

import io
from dataclasses import dataclass, field
from datetime import date

import pikepdf
from django.db.models import Prefetch
from django.template.loader import render_to_string
from PIL import Image, UnidentifiedImageError

from haertefall.audit.services import audit_log
from haertefall.cases.access import documents_visible_for
from haertefall.cases.models import Person, ReasonCategory
from haertefall.core.pdf import pdf_from_template

from . import selectors
from .access import session_file_items

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/tiff"})
# An image becomes an A4 page (inches) at 150 dpi: enough for a scanned certificate.
A4_INCHES = (8.27, 11.69)
PAGE_DPI = 150


@dataclass
class FileDocument:
    document: object
    kind: str  # "pdf", "image" or "other" (listed only)
    appended: bool = False  # part of the PDF; False also when the file could not be read
    pages: pikepdf.Pdf | None = None


@dataclass
class FileItem:
    item: object
    heading: str
    persons: list
    reasons: list[str]
    statement: object | None
    grounds: list
    documents: list[FileDocument] = field(default_factory=list)


def recipient_name(recipient) -> str:
    return recipient.get_full_name() or recipient.get_username()


def watermark_text(*, recipient, on: date) -> str:
    return f"Persönliche Ausfertigung für {recipient_name(recipient)} – {on:%d.%m.%Y}"


def session_file_log(*, user, meeting, recipient, entries: list[FileItem], action: str, request=None,
                     via: str = "") -> None:
    """The read of personal data: one entry per case of the copy, with its persons (one for
    the session if the copy has no item)."""
    detail = f"Sitzungsmappe{via}, Ausfertigung für {recipient_name(recipient)}"
    if not entries:
        audit_log(user=user, action=action, obj=meeting, request=request, detail=detail)
    for entry in entries:
        case = entry.item.case
        audit_log(user=user, action=action, obj=entry.item.meeting, case=case, request=request,
                  person_ids=[person.pk for person in entry.persons], detail=detail)


def _document_kind(document) -> str:
    if document.content_type == "application/pdf":
        return "pdf"
    if document.content_type in IMAGE_TYPES:
        return "image"
    return "other"


def _reason_labels(case) -> list[str]:
    labels = dict(ReasonCategory.choices)
    return [labels.get(key, key) for key in case.reason_categories or []]


def session_file_content(*, meeting, recipient) -> list[FileItem]:
    """The items of ``recipient``'s copy with what the page and the PDF show of each."""
    # The persons with their nationality in one query for the whole agenda, not one per item.
    persons = Prefetch("case__persons", queryset=Person.objects.select_related("nationality"))
    items = (session_file_items(recipient=recipient, meeting=meeting)
             .select_related("meeting", "case", "case__country", "case__authority").prefetch_related(persons))
    entries = []
    for item in items:
        case = item.case
        statement = (case.statement_requests.filter(answered_on__isnull=False).select_related("authority")
                     .order_by("-answered_on", "-pk").first())
        # What the office released for this item (``agenda_item_documents_set``) and the recipient
        # reads; a document removed or replaced since drops out (``documents_visible_for`` is current).
        documents = (documents_visible_for(user=recipient, case=case)
                     .filter(pk__in=item.session_documents.values("pk"))
                     .order_by("document_date", "uploaded_at", "pk"))
        entries.append(FileItem(
            item=item,
            heading=f"TOP {item.position}: {case.file_number}",
            persons=sorted(case.persons.all(), key=lambda p: (not p.is_main, p.pk)),
            reasons=_reason_labels(case),
            statement=statement,
            grounds=selectors.item_regular_grounds(item),
            documents=[FileDocument(document=d, kind=_document_kind(d)) for d in documents],
        ))
    return entries


def _image_as_pdf(data: bytes) -> pikepdf.Pdf:
    """Each frame of the image (a TIFF scan may hold several) on an A4 page of its own, scaled
    down to fit inside a margin, never up: the watermark then lies over it as on any page."""
    width, height = round(A4_INCHES[0] * PAGE_DPI), round(A4_INCHES[1] * PAGE_DPI)
    margin = round(PAGE_DPI * 0.6)
    pages = []
    with Image.open(io.BytesIO(data)) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frame = image.convert("RGB")
            frame.thumbnail((width - 2 * margin, height - 2 * margin))
            page = Image.new("RGB", (width, height), "white")
            page.paste(frame, ((width - frame.width) // 2, margin))
            pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=PAGE_DPI, save_all=True, append_images=pages[1:])
    return pikepdf.open(io.BytesIO(out.getvalue()))


def _open_appendix(entries: list[FileItem]) -> None:
    """Open each PDF and image document; one that cannot be read (damaged, password-protected)
    stays listed with a note instead of breaking the whole file."""
    for entry in entries:
        for doc in entry.documents:
            if doc.kind == "other":
                continue
            try:
                with doc.document.file.open("rb") as handle:
                    data = handle.read()
                doc.pages = pikepdf.open(io.BytesIO(data)) if doc.kind == "pdf" else _image_as_pdf(data)
                doc.appended = len(doc.pages.pages) > 0
            except (OSError, pikepdf.PdfError, UnidentifiedImageError, ValueError):
                doc.pages, doc.appended = None, False


def _close_appendix(entries: list[FileItem]) -> None:
    for entry in entries:
        for doc in entry.documents:
            if doc.pages is not None:
                doc.pages.close()


def session_file_pdf(*, meeting, recipient, on: date, entries: list[FileItem] | None = None) -> bytes:
    """``recipient``'s copy of the session file as one PDF, watermarked for her on ``on``;
    ``entries``: its ``session_file_content`` if already read."""
    if entries is None:
        entries = session_file_content(meeting=meeting, recipient=recipient)
    _open_appendix(entries)
    try:
        mark = watermark_text(recipient=recipient, on=on)
        own = pdf_from_template("meetings/session_file/pdf.html", {
            "title": f"Sitzungsmappe: {meeting.title}", "meeting": meeting, "entries": entries,
            "recipient": recipient_name(recipient), "on": on,
            "watermark_svg": render_to_string("meetings/session_file/watermark.svg", {"watermark": mark}),
        })
        if not any(doc.appended for entry in entries for doc in entry.documents):
            return own  # only our own pages: the tagged PDF/A-2b as typeset
        stamp = pdf_from_template("meetings/session_file/watermark.html", {"title": "Wasserzeichen", "watermark": mark})
        return _join(own, stamp, entries)
    finally:
        _close_appendix(entries)


def _untag(page) -> None:
    """An appended page's marks point into its own document's structure tree, which is not
    copied; left in place they would name elements of ours. Its content stays untagged."""
    if "/StructParents" in page.obj:
        del page.obj["/StructParents"]
    for annotation in page.obj.get("/Annots") or []:
        if "/StructParent" in annotation:
            del annotation["/StructParent"]


def _join(own: bytes, stamp: bytes, entries: list[FileItem]) -> bytes:
    """Append the documents to the typeset part, stamp the watermark on each appended page, add
    a bookmark per document under its item's, and drop the PDF/A claim (decision 0114)."""
    with pikepdf.open(io.BytesIO(own)) as pdf, pikepdf.open(io.BytesIO(stamp)) as stamp_pdf:
        watermark = stamp_pdf.pages[0]
        with pdf.open_outline() as outline:
            bookmarks = {item.title: item for item in outline.root}
            for entry in entries:
                parent = bookmarks.get(entry.heading)
                for doc in entry.documents:
                    if not doc.appended:
                        continue
                    first = len(pdf.pages)
                    pdf.pages.extend(doc.pages.pages)
                    for page in pdf.pages[first:]:
                        _untag(page)
                        page.add_overlay(watermark)
                    mark = pikepdf.OutlineItem(f"Anlage: {doc.document.title}", first)
                    (parent.children if parent is not None else outline.root).append(mark)
        # A foreign PDF cannot be vouched for as PDF/A (fonts, colours, transparency we did not
        # make): the joined file no longer claims it. Its own pages stay tagged.
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            for key in ("pdfaid:part", "pdfaid:conformance"):
                if key in meta:
                    del meta[key]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
