"""The case page's view of the correspondence part (see ``cases.casefile``)."""

from django.db.models import Q
from django.urls import reverse

from .access import is_office, letters_visible_for
from .endings import ending_letter_hints
from .models import AUTHORITY_KINDS, Channel, Letter, LetterKind

EVENT_LABELS = {"letter_sent": "Schreiben versandt"}


def step_links(*, case, user, keys) -> list[dict]:
    return []  # correspondence records no procedural step of its own


CASE_LINKED = (Letter,)


def sections(*, case, user, contents=None) -> list[dict]:
    if not is_office(user):
        return []  # letters of a case are the office's work (correspondence.access)
    kinds, channels = dict(LetterKind.choices), dict(Channel.choices)
    letters = []
    if contents is None or contents.has(Letter):  # see cases.casefile.case_contents
        letters = (letters_visible_for(user).filter(case=case).order_by("letter_date", "pk")
                   .values_list("pk", "kind", "letter_date", "recipient", "status", "channel", "dispatched_on"))
    rows = []
    for pk, kind, letter_date, recipient, status, channel, dispatched_on in letters:
        if status == Letter.Status.DRAFT:
            rows.append({"label": f"Entwurf: {kinds.get(kind, kind)}",
                         "url": reverse("correspondence:letter_draft", args=[pk]),
                         "text": f"an {recipient} – noch nicht versandt"})
        else:
            rows.append({"label": f"{kinds.get(kind, kind)} vom {letter_date:%d.%m.%Y} (PDF)",
                         "url": reverse("correspondence:letter_download", args=[pk, "pdf"]),
                         "text": f"an {recipient}, versandt am {dispatched_on:%d.%m.%Y} ({channels.get(channel, '')})"})
    return [{"id": "schreiben", "title": "Schreiben", "rows": rows, "hints": ending_letter_hints(case),
             "links": [{"label": "Schreiben dieses Falls und neues Schreiben erzeugen",
                        "url": reverse("correspondence:case_letters", args=[case.pk])}],
             "empty_text": "Noch keine Schreiben."}]


def document_removal_refusal(*, document, replacing: bool) -> str:
    """A sent letter stays in the file as the evidence of what left the office (decision 0110);
    a correction is a new letter, not an upload over it (see ``cases.casefile``)."""
    if Letter.objects.filter(Q(docx=document) | Q(pdf=document)).exists():
        return ("Dieses Schreiben wurde vom System erstellt und versandt; es bleibt als Nachweis in der Akte. "
                "Eine Berichtigung ist ein neues Schreiben.")
    return ""


def authority_documents_q(authority_id: int) -> Q:
    """The documents this part holds for an authority (see ``cases.access.authority_documents_q``):
    the files (PDF and DOCX) of the letters addressed to the authority of their case."""
    letters = Letter.objects.filter(kind__in=AUTHORITY_KINDS, status=Letter.Status.SENT)
    return Q(pk__in=letters.values("pdf_id")) | Q(pk__in=letters.values("docx_id"))
