"""Work queues on the start page: the office's follow-up of the authorities, and the
authority's own open requests."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .access import intended_decisions_for_ministry, is_authority, is_ministry, is_office

LIMIT = 8


def _panel(title, qs, empty_text, item, url=""):
    return {"title": title, "items": [item(obj) for obj in qs[:LIMIT]], "count": qs.count(), "url": url,
            "empty_text": empty_text}


def panels(user) -> list[dict]:
    today = timezone.localdate()
    inbox = reverse("authorities:inbox")
    if is_office(user):
        months = settings.HAERTEFALL_REQUEST_UNANSWERED_MONTHS
        return [
            # Overdue statements: one panel only, the case file's (cases.dashboard).
            _panel("Beabsichtigte Entscheidung liegt vor – Ergebnis offen",
                   selectors.hardship_requests_awaiting_outcome(user=user),
                   "Keine beabsichtigten Entscheidungen ohne Ergebnis.",
                   lambda h: {"label": h.case.file_number, "url": reverse("authorities:case", args=[h.case_id]),
                              "hint": ("folgen" if h.intended_decision.follow else "nicht folgen")
                              + f", {h.authority}"}),
            _panel(f"Ersuchen seit über {months} Monaten ohne Ergebnis",
                   selectors.hardship_requests_unanswered(user=user, today=today),
                   "Keine unbeantworteten Ersuchen.",
                   lambda h: {"label": h.case.file_number, "url": reverse("authorities:case", args=[h.case_id]),
                              "hint": f"versandt {h.sent_on:%d.%m.%Y}, {h.authority}"}),
        ]
    if is_authority(user):
        return [
            _panel("Angeforderte Stellungnahmen", selectors.statements_open(user=user),
                   "Keine offenen Anforderungen.",
                   lambda s: {"label": s.case.file_number,
                              "url": reverse("authorities:statement_answer", args=[s.pk]),
                              "hint": f"Frist {s.current_due:%d.%m.%Y}"
                              + (" – abgelaufen" if s.current_due < today else "")}, url=inbox),
            _panel("Härtefallersuchen ohne beabsichtigte Entscheidung",
                   selectors.hardship_requests_awaiting_intended(user=user), "Keine offenen Ersuchen.",
                   lambda h: {"label": h.case.file_number,
                              "url": reverse("authorities:intended_decision", args=[h.pk]),
                              "hint": f"versandt {h.sent_on:%d.%m.%Y}"}, url=inbox),
        ]
    if is_ministry(user):
        pending = intended_decisions_for_ministry(user).filter(follow=False, hardship_request__outcome__isnull=True)
        return [
            _panel("Mitteilungen „nicht folgen“ vor der abschließenden Entscheidung", pending,
                   "Keine offenen Mitteilungen.",
                   lambda d: {"label": d.hardship_request.case.file_number, "url": reverse("authorities:ministry"),
                              "hint": f"{d.hardship_request.authority}, {d.recorded_on:%d.%m.%Y}"},
                   url=reverse("authorities:ministry")),
        ]
    return []
