"""Art. 15 DSGVO: the whole file of one case for the persons concerned, as one PDF
(issue 16, docs/decisions/0123).

The PDF holds what the persons may see of their case: master data, persons, the history with
German labels (as a reader outside the commission sees it), documents and letters, the
decisions with what was communicated of them, the authority's statement, intended decision
and outcome. It holds nothing of other cases (no possible repeats, no other persons) and
nothing of the commission's deliberations: no votes, no reasons of a session's decision, no
weighing of exclusion grounds, no corrections of votes (§ 6 Abs. 2 Satz 5, Abs. 3 Satz 3
HFKVO). The case's current documents go along as files embedded in the PDF, which makes it a
PDF/A-3b (PDF/A-2 embeds only PDF/A files).
"""

from __future__ import annotations

import io
from datetime import datetime

import pikepdf
from django.utils import timezone

from haertefall.core.pdf import pdf_from_template

from .access import HistoryReader
from .models import Case, Document
from .presenters import timeline_rows
from .states import Step

PDF_VARIANT = "pdf/a-3b"
# The history as a reader outside the commission reads it: no deliberations, the office's staff
# named only as "Geschäftsstelle" (``HistoryReader.actor`` with a foreign authority id).
SUBJECT_READER = HistoryReader(deliberations=False, entries=None, authority_id=-1)
# Extracts of the minutes are the commission's deliberations.
WITHHELD_DOCUMENT_TYPES = frozenset({Document.Type.MINUTES})


def _decisions(case: Case) -> list[dict]:
    """The bodies' decisions as communicated: date, body, outcome, expectations attached to a
    request and a recommendation to the authority; never reasons, votes or weighings."""
    from haertefall.meetings.models import Expectation, ItemDecision

    rows = []
    decisions = (ItemDecision.objects.filter(item__case=case, item__meeting__cancelled_at__isnull=True)
                 .select_related("item__meeting").order_by("item__meeting__date", "pk"))
    for decision in decisions:
        meeting = decision.item.meeting
        rows.append({"date": meeting.date, "body": meeting.get_kind_display(),
                     "outcome": decision.get_outcome_display(),
                     "expectations": [str(Expectation(e).label) for e in decision.expectations
                                      if e in Expectation.values],
                     "expectations_text": decision.expectations_text,
                     "recommendation": decision.recommendation})
    return rows or _decisions_from_history(case)


# A decision recorded as a step without a session in the system (taken over from the register
# or recorded after a session held elsewhere): the history is then all there is to tell.
_DECISION_STEPS = {
    Step.PRESCREEN_TAKE_UP: "Vorprüfungsausschuss", Step.PRESCREEN_REJECT: "Vorprüfungsausschuss",
    Step.COMMISSION_NO_TAKE_UP: "Härtefallkommission", Step.DECIDE_REQUEST: "Härtefallkommission",
    Step.DECIDE_NO_REQUEST: "Härtefallkommission", Step.DECIDE_DEFER: "Härtefallkommission",
    Step.REVOKE_REQUEST: "Härtefallkommission",
}


def _decisions_from_history(case: Case) -> list[dict]:
    from haertefall.meetings.models import Expectation

    rows = []
    for event in case.events.filter(step__in=list(_DECISION_STEPS)).order_by("sequence"):
        data = event.data or {}
        expectations = data.get("expectations") or []
        if isinstance(expectations, str):
            expectations = [expectations]
        rows.append({"date": event.effective_on, "body": _DECISION_STEPS[event.step],
                     "outcome": Step(event.step).label,
                     "expectations": [str(Expectation(e).label) if e in Expectation.values else str(e)
                                      for e in expectations],
                     "expectations_text": "", "recommendation": data.get("recommendation") or ""})
    return rows


def subject_access_content(*, case: Case) -> dict:
    """Everything the PDF shows, read in a few queries (the view logs the read)."""
    from haertefall.authorities.models import HardshipRequest, StatementRequest
    from haertefall.correspondence.models import Letter

    case = Case.objects.select_related("authority", "country").get(pk=case.pk)
    persons = list(case.persons.select_related("nationality", "nationality_successor").prefetch_related("other_names"))
    events = case.events.select_related("actor").order_by("sequence")
    documents = list(Document.objects.filter(case=case).current().exclude(doc_type__in=WITHHELD_DOCUMENT_TYPES)
                     .order_by("uploaded_at", "pk"))
    removed = list(Document.objects.filter(case=case, removed_at__isnull=False)
                   .exclude(doc_type__in=WITHHELD_DOCUMENT_TYPES).order_by("removed_at", "pk"))
    decisions = _decisions(case)
    requests = list(HardshipRequest.objects.filter(case=case).select_related("authority", "outcome")
                    .prefetch_related("intended_decisions").order_by("sent_on", "pk"))
    return {
        "case": case, "persons": persons, "timeline": timeline_rows(events, reader=SUBJECT_READER),
        "documents": documents, "removed_documents": removed, "decisions": decisions,
        "statements": list(StatementRequest.objects.filter(case=case, answered_on__isnull=False)
                           .order_by("answered_on", "pk")),
        "requests": requests,
        "letters": list(Letter.objects.filter(case=case).order_by("letter_date", "pk")),
        "created": timezone.localtime(),
    }


def _attach(pdf_bytes: bytes, documents: list[Document], when: datetime) -> bytes:
    """Embed each document's file, named by its title, as an associated file of the PDF/A-3."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        associated = pikepdf.Array()
        used: set[str] = set()
        for number, document in enumerate(documents, start=1):
            with document.file.open("rb") as handle:
                data = handle.read()
            name = attachment_name(document, number, used)
            spec = pikepdf.AttachedFileSpec(
                pdf, data, description=document.title, filename=name, mime_type=document.content_type or "application/octet-stream",
                creation_date=document.uploaded_at.strftime("D:%Y%m%d%H%M%S"),
                mod_date=when.strftime("D:%Y%m%d%H%M%S"), relationship=pikepdf.Name.Supplement)
            pdf.attachments[name] = spec
            associated.append(pdf.attachments[name].obj)
        if len(associated):
            pdf.Root.AF = associated
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def attachment_name(document: Document, number: int, used: set[str]) -> str:
    """A file name from the document's title and its original extension, never its stored name."""
    from django.utils.text import get_valid_filename

    extension = document.original_name.rsplit(".", 1)[-1].lower() if "." in document.original_name else "bin"
    stem = get_valid_filename(document.title)[:60] or "Dokument"
    name = f"{number:02d}-{stem}.{extension}"
    used.add(name)
    return name


def subject_access_pdf(*, case: Case) -> bytes:
    content = subject_access_content(case=case)
    pdf = pdf_from_template("cases/pdf/subject_access.html", content, variant=PDF_VARIANT)
    return _attach(pdf, content["documents"], content["created"])
