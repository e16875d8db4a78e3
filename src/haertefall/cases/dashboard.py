"""Office work queues on the start page."""

from django.urls import reverse
from django.utils import timezone

from .access import can_see_office_queues, cases_visible_for
from .selectors import follow_ups_due, statements_overdue
from .states import State

LIMIT = 8


def _panel(title, qs, url, empty_text, hint=lambda c: ""):
    items = [{"label": f"{c.file_number}", "url": reverse("cases:detail", args=[c.pk]), "hint": hint(c)}
             for c in qs[:LIMIT]]
    return {"title": title, "items": items, "count": qs.count(), "url": url, "empty_text": empty_text}


def panels(user) -> list[dict]:
    if not can_see_office_queues(user):
        return []
    cases = cases_visible_for(user).select_related("country", "authority")
    base = reverse("cases:list")
    today = timezone.localdate()
    due = follow_ups_due(cases, on=today)
    overdue = statements_overdue(cases, on=today)
    return [
        _panel("Neue Anträge (formale Prüfung offen)", cases.filter(state=State.RECEIVED).order_by("received_on"),
               f"{base}?state={State.RECEIVED}", "Keine neuen Anträge.",
               lambda c: f"eingegangen {c.received_on:%d.%m.%Y}"),
        _panel("Vorprüfung offen", cases.filter(state=State.CHECKED).order_by("received_on"),
               f"{base}?state={State.CHECKED}", "Keine Fälle für den Vorprüfungsausschuss."),
        _panel("Bereit für eine Sitzung", cases.filter(state=State.READY).order_by("received_on"),
               f"{base}?state={State.READY}", "Keine Fälle bereit."),
        # The one overdue panel: the deadline the authorities part keeps on the case (0081).
        _panel("Stellungnahme überfällig", overdue, f"{base}?overdue=on",
               "Keine überfälligen Stellungnahmen.",
               lambda c: f"Frist {c.statement_due_on:%d.%m.%Y}" + (f", {c.authority.name}" if c.authority else "")),
        {
            "title": "Fällige Wiedervorlagen",
            "items": [{"label": f.case.file_number, "url": reverse("cases:detail", args=[f.case_id]),
                       "hint": f"{f.due_on:%d.%m.%Y}: {f.reason}"} for f in due[:LIMIT]],
            "count": due.count(),
            "url": "",
            "empty_text": "Keine Wiedervorlagen fällig.",
        },
    ]
