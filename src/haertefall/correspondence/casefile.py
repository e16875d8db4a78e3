"""The case page's view of the correspondence part (see ``cases.casefile``)."""

from django.db.models import Q
from django.urls import reverse

from .access import is_office, letters_visible_for
from .endings import ending_letter_hints
from .models import AUTHORITY_KINDS, Letter, LetterKind


def step_links(*, case, user, keys) -> list[dict]:
    return []  # correspondence records no procedural step of its own


CASE_LINKED = (Letter,)


def sections(*, case, user, contents=None) -> list[dict]:
    if not is_office(user):
        return []  # letters of a case are the office's work (correspondence.access)
    kinds = dict(LetterKind.choices)
    letters = []
    if contents is None or contents.has(Letter):  # see cases.casefile.case_contents
        letters = (letters_visible_for(user).filter(case=case).order_by("letter_date", "pk")
                   .values_list("pk", "kind", "letter_date", "recipient", "pdf_id"))
    rows = [{"label": f"{kinds.get(kind, kind)} vom {letter_date:%d.%m.%Y}",
             "url": reverse("correspondence:letter_download", args=[pk, "pdf" if pdf_id else "docx"]),
             "text": f"an {recipient}"}
            for pk, kind, letter_date, recipient, pdf_id in letters]
    return [{"id": "schreiben", "title": "Schreiben", "rows": rows, "hints": ending_letter_hints(case),
             "links": [{"label": "Schreiben dieses Falls und neues Schreiben erzeugen",
                        "url": reverse("correspondence:case_letters", args=[case.pk])}],
             "empty_text": "Noch keine Schreiben."}]


def authority_documents_q(authority_id: int) -> Q:
    """The documents this part holds for an authority (see ``cases.access.authority_documents_q``):
    the files (PDF and DOCX) of the letters addressed to the authority of their case."""
    letters = Letter.objects.filter(kind__in=AUTHORITY_KINDS)
    return Q(pk__in=letters.values("pdf_id")) | Q(pk__in=letters.values("docx_id"))
