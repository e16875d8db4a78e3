"""Every ending reaches the outside world (issue 14, docs/decisions/0109).

The step that ends a case, or sends the commission's request, creates the letters it owes as
drafts, in the step's transaction (the office reads and sends them, decision 0110): one to the submitter for every ending, and the commission's
recommendation (§ 6 Abs. 3 Satz 4 HFKVO) to the authority. Where the case lacks what a letter
needs (the submitter's address, the authority) the step records no letter; the case page and
``ending_letter_hints`` say which letter is missing and why, so nobody assumes it went out.
"""

from django.db.models import Q

from haertefall.cases.states import Step

from .access import is_office
from .models import AUTHORITY_KINDS, SUBMITTER_KINDS, Letter, LetterKind

# step -> the letters it produces (a recommendation only when the decision gave one)
ENDING_LETTERS: dict[str, tuple[str, ...]] = {
    Step.CHECK_EXCLUDE: (LetterKind.EXCLUSION_NOTICE,),
    Step.EXCLUDE_LATER: (LetterKind.EXCLUSION_NOTICE,),
    Step.PRESCREEN_REJECT: (LetterKind.NO_TAKE_UP_NOTICE,),
    Step.COMMISSION_NO_TAKE_UP: (LetterKind.NO_TAKE_UP_NOTICE,),
    Step.DECIDE_NO_REQUEST: (LetterKind.NO_REQUEST_NOTICE, LetterKind.RECOMMENDATION),
    Step.SEND_REQUEST: (LetterKind.REQUEST_SENT_NOTICE,),
    Step.OUTCOME_GRANTED: (LetterKind.OUTCOME_NOTICE,),
    Step.OUTCOME_NOT_FOLLOWED: (LetterKind.OUTCOME_NOTICE,),
    Step.OUTCOME_OTHER: (LetterKind.OUTCOME_NOTICE,),
}


def letter_not_addressable(case, kind: str) -> str:
    """Why a letter of ``kind`` cannot be addressed for ``case`` (German), or ""."""
    if kind in SUBMITTER_KINDS and not (case.submitter_name.strip() and case.submitter_contact.strip()):
        return "Für den Fall sind Name und Anschrift der Einreicherin / des Einreichers nicht vollständig erfasst."
    if kind in AUTHORITY_KINDS and case.authority is None:
        return "Für den Fall ist keine zuständige Ausländerbehörde erfasst."
    return ""


def _owed(kinds, data: dict) -> list[str]:
    return [kind for kind in kinds
            if kind != LetterKind.RECOMMENDATION or (data.get("recommendation") or "").strip()]


def ending_letters_produce(*, case, step: str, actor, letter_date, data: dict | None = None) -> list[Letter]:
    """File the letters ``step`` owes, as far as the case can be addressed. Call inside the
    step's transaction, after the step (the letters read its event and records).

    Only the office produces letters: where an authority records its own outcome, the case page
    asks the office to produce the notice (the file under the authority's name would be its own
    document, see ``cases.access.authority_documents_q``).
    """
    from .services import letter_generate

    if not is_office(actor):
        return []
    letters = []
    for kind in _owed(ENDING_LETTERS.get(step, ()), data or {}):
        if not letter_not_addressable(case, kind):
            letters.append(letter_generate(case=case, kind=kind, actor=actor, letter_date=letter_date))
    return letters


def ending_letter_hints(case) -> list[str]:
    """German hints for the letters the case's last ending owes but that were not produced."""
    event = (case.events.filter(step__in=list(ENDING_LETTERS)).order_by("-sequence")
             .only("step", "data", "recorded_at").first())
    if event is None:
        return []
    hints = []
    for kind in _owed(ENDING_LETTERS[event.step], event.data):
        statuses = set(Letter.objects.filter(Q(created_at__gte=event.recorded_at), case=case, kind=kind)
                       .values_list("status", flat=True))
        if Letter.Status.SENT in statuses:
            continue
        if Letter.Status.DRAFT in statuses:
            hints.append(f"Das Schreiben „{LetterKind(kind).label}“ liegt als Entwurf vor und ist noch nicht "
                         "versandt. Bitte prüfen und versenden Sie es unter „Schreiben dieses Falls“.")
            continue
        reason = letter_not_addressable(case, kind) or "Der Schritt wurde nicht von der Geschäftsstelle erfasst."
        hints.append(f"Das Schreiben „{LetterKind(kind).label}“ ist nicht erzeugt und nicht versandt. {reason} "
                     "Bitte erzeugen Sie es unter „Schreiben dieses Falls“.")
    return hints
