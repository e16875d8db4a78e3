"""Reads shared by the authorities pages, API and dashboard."""

from datetime import date

from django.conf import settings
from django.db.models import Count, Q

from haertefall.cases.access import (
    SENSITIVE_DOCUMENT_TYPES,
    UNRELEASABLE_DOCUMENT_TYPES,
    authority_documents_q,
    documents_visible_for,
    history_reader_for,
)
from haertefall.cases.models import CaseEvent, Document
from haertefall.cases.states import State, Step
from haertefall.core.deadlines import add_months
from haertefall.registers.models import Authority

from .access import (
    hardship_requests_visible_for,
    info_requests_visible_for,
    statement_requests_visible_for,
)
from .models import DocumentRelease, Outcome


def statements_open(*, user):
    """Unanswered requests of cases still waiting for the statement (a case closed meanwhile,
    e.g. by withdrawal, waits for nothing)."""
    return (statement_requests_visible_for(user)
            .filter(answered_on__isnull=True, case__state=State.STATEMENT_REQUESTED).order_by("current_due", "id"))


def statements_overdue(*, user, today: date):
    """Open statement requests past their running deadline (not while paused).

    Reads the deadline the case mirrors (``Case.statement_due_on``, kept in sync by
    ``services``), the same value as the case list filter and the office dashboard."""
    return statements_open(user=user).filter(case__statement_due_on__lt=today)


# A request whose case was revoked, closed otherwise or reopened waits for no answer any more.
WAITING_FOR_AUTHORITY = (State.REQUEST_SENT, State.INTENDED_DECISION)


def info_requests_open(*, user):
    return (info_requests_visible_for(user).filter(answered_on__isnull=True, case__state=State.INFO_REQUESTED)
            .order_by("due_on", "id"))


def hardship_requests_awaiting_intended(*, user):
    """Requests sent, no intended decision yet."""
    return (hardship_requests_visible_for(user)
            .filter(intended_decisions__isnull=True, outcome__isnull=True, case__state__in=WAITING_FOR_AUTHORITY)
            .order_by("sent_on", "id"))


def hardship_requests_awaiting_outcome(*, user):
    """Intended decision recorded, final decision outstanding."""
    return (hardship_requests_visible_for(user)
            .filter(intended_decisions__isnull=False, outcome__isnull=True, case__state__in=WAITING_FOR_AUTHORITY)
            .distinct().order_by("sent_on", "id"))


def hardship_requests_unanswered(*, user, today: date):
    """Sent more than N months ago without an outcome: back to the office to follow up."""
    cutoff = add_months(today, -settings.HAERTEFALL_REQUEST_UNANSWERED_MONTHS)
    return (hardship_requests_visible_for(user)
            .filter(outcome__isnull=True, sent_on__lte=cutoff, case__state__in=WAITING_FOR_AUTHORITY)
            .order_by("sent_on", "id"))


def authority_figures() -> list[dict]:
    """Counts per authority for the ministry: no case content, only numbers."""
    rows = (Authority.objects
            .annotate(
                statements=Count("statement_requests", distinct=True),
                statements_open=Count("statement_requests", filter=Q(statement_requests__answered_on__isnull=True),
                                      distinct=True),
                requests=Count("hardship_requests", distinct=True),
                granted=Count("hardship_requests__outcome",
                              filter=Q(hardship_requests__outcome__kind=Outcome.Kind.GRANTED), distinct=True),
                refused=Count("hardship_requests__outcome",
                              filter=Q(hardship_requests__outcome__kind=Outcome.Kind.REFUSED), distinct=True),
                other=Count("hardship_requests__outcome",
                            filter=Q(hardship_requests__outcome__kind=Outcome.Kind.OTHER), distinct=True),
                not_follow=Count("hardship_requests__intended_decisions",
                                 filter=Q(hardship_requests__intended_decisions__follow=False), distinct=True),
            )
            .filter(Q(statements__gt=0) | Q(requests__gt=0))
            .order_by("name"))
    result = []
    for row in rows:
        result.append({
            "authority": row.name, "statements": row.statements, "statements_open": row.statements_open,
            "requests": row.requests, "granted": row.granted, "refused": row.refused, "other": row.other,
            "open": row.requests - row.granted - row.refused - row.other, "not_follow": row.not_follow,
        })
    return result


# --- the case timeline ---------------------------------------------------------------------

EVENT_LABELS = {
    "letter_generated": "Schreiben erzeugt",  # before drafts (decision 0110)
    "letter_sent": "Schreiben versandt",
    "statement_extended": "Frist für die Stellungnahme verlängert",
    "statement_paused": "Frist für die Stellungnahme gehemmt",
    "statement_resumed": "Frist für die Stellungnahme läuft weiter",
    "statement_request_recorded": "Frühere Anforderung der Stellungnahme erfasst (aus dem Register)",
    "reminder_sent": "Erinnerung an die Ausländerbehörde gesendet",
    "intended_decision_revised": "Beabsichtigte Entscheidung geändert",
    "document_released": "Dokument für die Ausländerbehörde freigegeben",
    "document_release_withdrawn": "Freigabe eines Dokuments für die Ausländerbehörde zurückgenommen",
}

def _d(value) -> str:
    try:
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return ""


def event_summary(event: CaseEvent, data: dict | None = None) -> str:
    """One line on the event from ``data`` (default: all it recorded)."""
    data = (event.data or {}) if data is None else data
    kind = event.event_type
    if kind == Step.REQUEST_STATEMENT:
        return f"Frist bis {_d(data.get('due'))} ({data.get('period', '')})"
    if kind == "statement_extended":
        return f"Neue Frist {_d(data.get('new_due'))} (ursprünglich {_d(data.get('original_due'))}): {data.get('reason', '')}"
    if kind == Step.RECEIVE_STATEMENT:
        return "von der Geschäftsstelle erfasst" if data.get("entered_by_office") else "von der Behörde erfasst"
    if kind in (Step.RECORD_INTENDED_DECISION, "intended_decision_revised"):
        return "folgen" if data.get("follow") else f"nicht folgen – Gründe: {data.get('reasons', '')}"
    if kind in ("letter_generated", "letter_sent"):
        return f"an {data.get('recipient', '')}"
    if kind == "reminder_sent":
        return f"Frist {_d(data.get('due'))}"
    return ""


def case_timeline(*, case, user) -> list[dict]:
    """The case's history on the authorities page: for an authority only its own dealings with
    the commission (``cases.access.AUTHORITY_HISTORY``, § 6 Abs. 2 HFKVO)."""
    reader = history_reader_for(user)
    result = []
    for event in case.events.select_related("actor").order_by("sequence"):
        if not reader.sees(event):
            continue
        label = Step(event.step).label if event.step else EVENT_LABELS.get(event.event_type, event.event_type)
        keys = reader.keys(event)
        data = {k: v for k, v in (event.data or {}).items() if keys is None or k in keys}
        result.append({"label": label, "effective_on": event.effective_on, "summary": event_summary(event, data),
                       "event_type": event.event_type})
    return result


def case_work(*, case, user) -> dict:
    from haertefall.correspondence.access import letters_visible_for

    return {
        "letters": list(letters_visible_for(user).filter(case=case)),
        "statements": list(statement_requests_visible_for(user).filter(case=case).order_by("-requested_on", "-id")),
        "info_requests": list(info_requests_visible_for(user).filter(case=case).order_by("-requested_on")),
        "hardship_requests": list(hardship_requests_visible_for(user).filter(case=case)
                                  .prefetch_related("intended_decisions").select_related("outcome")),
    }


# --- documents released to the authority ------------------------------------------------------

def _open_releases(case):
    if case.authority_id is None:
        return DocumentRelease.objects.none()
    return DocumentRelease.objects.filter(document__case=case, authority_id=case.authority_id,
                                          withdrawn_at__isnull=True)


def document_release_dates(*, case) -> dict[int, date]:
    """Document id -> day it was released to the case's authority (open releases only)."""
    return {document_id: released_at.date() for document_id, released_at in
            _open_releases(case).values_list("document_id", "released_at")}


def documents_for_release(*, case) -> list[dict]:
    """The office's view of what the case's authority receives: every document of the case
    with its state — seen by the authority anyway (its own, letters to it), released (with the
    open release), releasable (``sensitive``: only with a confirmation) or never released."""
    documents = list(Document.objects.filter(case=case).current().order_by("-uploaded_at", "-pk"))
    if case.authority_id is None:
        return []
    inherent = set(Document.objects.filter(case=case).filter(authority_documents_q(case.authority_id))
                   .values_list("pk", flat=True))
    releases = {r.document_id: r for r in _open_releases(case).select_related("released_by")}
    rows = []
    for document in documents:
        release = releases.get(document.pk)
        if release is not None:
            state = "released"
        elif document.pk in inherent:
            state = "inherent"
        elif document.doc_type in UNRELEASABLE_DOCUMENT_TYPES:
            state = "never"
        else:
            state = "releasable"
        rows.append({"document": document, "release": release, "state": state,
                     "sensitive": document.doc_type in SENSITIVE_DOCUMENT_TYPES})
    return rows


def documents_proposed_for_release(*, case):
    """What the statement request proposes to release: the documents not yet seen by the
    authority, without medical attests, identity papers and extracts of the minutes."""
    rows = documents_for_release(case=case)
    return Document.objects.filter(pk__in=[row["document"].pk for row in rows
                                           if row["state"] == "releasable" and not row["sensitive"]]
                                   ).order_by("-uploaded_at", "-pk")


def documents_of_authority(*, case, user):
    """The documents of the case the user reads (for an authority: released, its own, letters)."""
    return documents_visible_for(user=user, case=case).order_by("-uploaded_at", "-pk")
