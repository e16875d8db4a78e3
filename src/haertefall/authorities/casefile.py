"""The case page's view of the authorities part (see ``cases.casefile``)."""

from datetime import date

from django.db.models import Q
from django.urls import reverse

from .access import (
    hardship_requests_visible_for,
    info_requests_visible_for,
    is_authority,
    is_office,
    statement_requests_visible_for,
)
from .models import (
    DocumentRelease,
    HardshipRequest,
    InfoRequest,
    IntendedDecision,
    Outcome,
    StatementRequest,
)
from .selectors import EVENT_LABELS  # noqa: F401 — the case timeline's names for this part's events
from .services import answer_document_refusal as document_removal_refusal  # noqa: F401 — hooks of
from .services import answer_document_replace as document_replaced  # noqa: F401 — cases.services.documents
from .services import earlier_request_missing

OUTCOME_KEYS = {"outcome_granted", "outcome_not_followed", "outcome_other"}


def _link(label, name, *args):
    return {"label": label, "url": reverse(name, args=args)}


_ORDER = ("request_statement", "receive_statement", "request_info", "receive_info", "send_request",
          "record_intended_decision", "outcome_granted", "outcome_not_followed", "outcome_other")


def _entry(keys, title, hint, links):
    return {"keys": [k for k in _ORDER if k in keys], "title": title, "hint": hint, "links": links, "posts": []}


def step_links(*, case, user, keys) -> list[dict]:
    if not is_office(user):
        return []
    keys = set(keys)
    entries = []
    if "request_statement" in keys:
        entries.append(_entry({"request_statement"}, "Stellungnahme der Ausländerbehörde anfordern",
                              "Die Frist wird nach §§ 187 ff. BGB berechnet; die Behörde wird benachrichtigt.",
                              [_link("Stellungnahme anfordern", "authorities:statement_request", case.pk)]))
    if "receive_statement" in keys:
        open_request = statement_requests_visible_for(user).filter(case=case, answered_on__isnull=True).first()
        links = []
        if open_request is not None:
            links = [_link(f"Stellungnahme erfassen (Frist {open_request.current_due:%d.%m.%Y})",
                           "authorities:statement_answer", open_request.pk),
                     _link("Frist verlängern", "authorities:statement_extend", open_request.pk)]
        elif earlier_request_missing(case):
            # Taken over from the register: the request is in the history, not in the system.
            links = [_link("Frühere Anforderung nachtragen (aus dem Register übernommen)",
                           "authorities:statement_request", case.pk)]
        entries.append(_entry({"receive_statement"}, "Stellungnahme eingegangen",
                              "Die Behörde antwortet selbst im System; einen Brief erfasst die Geschäftsstelle.",
                              links))
    if "request_info" in keys:
        entries.append(_entry({"request_info"}, "Weitere Informationen anfordern", "",
                              [_link("Informationen anfordern", "authorities:info_request", case.pk)]))
    if "receive_info" in keys:
        info = info_requests_visible_for(user).filter(case=case, answered_on__isnull=True).first()
        links = [_link("Eingang der Informationen erfassen", "authorities:info_answer", info.pk)] if info else []
        entries.append(_entry({"receive_info"}, "Weitere Informationen eingegangen", "", links))
    if "send_request" in keys:
        entries.append(_entry({"send_request"}, "Härtefallersuchen versenden",
                              "Das Schreiben wird erzeugt, zur Akte genommen und der Behörde zugestellt.",
                              [_link("Ersuchen versenden", "authorities:hardship_request_send", case.pk)]))
    request = None
    if keys & ({"record_intended_decision"} | OUTCOME_KEYS):
        request = hardship_requests_visible_for(user).filter(case=case, outcome__isnull=True).first()
    if "record_intended_decision" in keys:
        links = [_link("Beabsichtigte Entscheidung erfassen", "authorities:intended_decision", request.pk)] if request else []
        entries.append(_entry({"record_intended_decision"}, "Beabsichtigte Entscheidung der Ausländerbehörde",
                              "§ 7 Abs. 3 HFKVO: Will die Behörde nicht folgen, teilt sie die Gründe mit.", links))
    if keys & OUTCOME_KEYS:
        links = [_link("Ergebnis erfassen", "authorities:outcome", request.pk)] if request else []
        entries.append(_entry(keys & OUTCOME_KEYS, "Ergebnis der Ausländerbehörde", "", links))
    return entries


CASE_LINKED = (StatementRequest, InfoRequest, HardshipRequest)


def sections(*, case, user, contents=None) -> list[dict]:
    """Requests and their state, read as plain values; tables without rows for the case
    (``contents``, see ``cases.casefile.case_contents``) are not read at all."""
    own_authority = is_authority(user) and case.authority_id and user.authority_id == case.authority_id
    if not (is_office(user) or own_authority):
        return []

    def read(model, visible, date_field, *fields):
        if contents is not None and not contents.has(model):
            return []
        return list(visible(user).filter(case=case).order_by(date_field, "pk").values_list(*fields))

    rows = []
    for requested_on, answered_on, current_due, pauses in read(StatementRequest, statement_requests_visible_for,
                                                               "requested_on", "requested_on", "answered_on",
                                                               "current_due", "pauses"):
        paused_since = pauses[-1]["start"] if pauses and not pauses[-1].get("end") else None
        if answered_on:
            state = f"beantwortet am {answered_on:%d.%m.%Y}"
        elif paused_since:
            # StatementRequest.is_paused: the deadline does not run; resuming extends it.
            state = f"offen, Frist gehemmt seit {date.fromisoformat(paused_since):%d.%m.%Y}"
        else:
            state = f"offen, Frist {current_due:%d.%m.%Y}"
        rows.append({"label": f"Stellungnahme angefordert am {requested_on:%d.%m.%Y}", "url": "", "text": state})
    recipients = dict(InfoRequest.Recipient.choices)
    for requested_on, answered_on, due_on, recipient in read(InfoRequest, info_requests_visible_for, "requested_on",
                                                             "requested_on", "answered_on", "due_on", "recipient"):
        state = f"beantwortet am {answered_on:%d.%m.%Y}" if answered_on else f"offen, Frist {due_on:%d.%m.%Y}"
        rows.append({"label": f"Informationen angefordert am {requested_on:%d.%m.%Y} "
                              f"({recipients.get(recipient, recipient)})", "url": "", "text": state})
    kinds = dict(Outcome.Kind.choices)
    hardship = read(HardshipRequest, hardship_requests_visible_for, "sent_on",
                    "pk", "sent_on", "outcome__kind")
    # The intended decision in force is the latest recorded one (HardshipRequest.intended_decision).
    follows = {}
    if hardship:
        for request_id, follow in (IntendedDecision.objects.filter(hardship_request_id__in=[h[0] for h in hardship])
                                   .order_by("recorded_at", "id").values_list("hardship_request_id", "follow")):
            follows[request_id] = follow
    for request_id, sent_on, outcome_kind in hardship:
        follow = follows.get(request_id)
        parts = []
        if follow is not None:
            parts.append("beabsichtigt: " + ("folgen" if follow else "nicht folgen"))
        parts.append(f"Ergebnis: {kinds.get(outcome_kind, outcome_kind)}" if outcome_kind else "Ergebnis offen")
        rows.append({"label": f"Härtefallersuchen versandt am {sent_on:%d.%m.%Y}", "url": "", "text": ", ".join(parts)})
    return [{"id": "behoerde", "title": "Ausländerbehörde: Stellungnahmen und Ersuchen", "rows": rows,
             "links": [_link("Behördenverfahren dieses Falls", "authorities:case", case.pk)],
             "empty_text": "Noch keine Anforderung oder kein Ersuchen."}]


def authority_documents_q(authority_id: int) -> Q:
    """The documents this part holds for an authority (see ``cases.access.authority_documents_q``):
    those the office released to it, the documents of its answers (also when the office entered
    a letter of the authority), and the letters of the hardship requests sent to it."""
    released = DocumentRelease.objects.filter(authority_id=authority_id, withdrawn_at__isnull=True)
    statements = StatementRequest.documents.through.objects.filter(statementrequest__authority_id=authority_id)
    answers = InfoRequest.documents.through.objects.filter(inforequest__authority_id=authority_id)
    requests = HardshipRequest.objects.filter(authority_id=authority_id, letter__isnull=False)
    return (Q(pk__in=released.values("document_id")) | Q(pk__in=statements.values("document_id"))
            | Q(pk__in=answers.values("document_id")) | Q(pk__in=requests.values("letter_id")))
