"""Office work queues on the start page."""

from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import OFFICE_ROLES

from .access import cases_visible_for
from .models import FollowUp
from .states import State

LIMIT = 8


def _panel(title, qs, url, empty_text, hint=lambda c: ""):
    items = [{"label": f"{c.file_number}", "url": reverse("cases:detail", args=[c.pk]), "hint": hint(c)}
             for c in qs[:LIMIT]]
    return {"title": title, "items": items, "count": qs.count(), "url": url, "empty_text": empty_text}


def panels(user) -> list[dict]:
    if user.role not in OFFICE_ROLES:
        return []
    cases = cases_visible_for(user).select_related("country")
    base = reverse("cases:list")
    today = timezone.localdate()
    due = FollowUp.objects.filter(done_at__isnull=True, due_on__lte=today, case__in=cases).select_related("case")
    return [
        _panel("Neue Anträge (formale Prüfung offen)", cases.filter(state=State.RECEIVED).order_by("received_on"),
               f"{base}?state={State.RECEIVED}", "Keine neuen Anträge.",
               lambda c: f"eingegangen {c.received_on:%d.%m.%Y}"),
        _panel("Vorprüfung offen", cases.filter(state=State.CHECKED).order_by("received_on"),
               f"{base}?state={State.CHECKED}", "Keine Fälle für den Vorprüfungsausschuss."),
        _panel("Bereit für eine Sitzung", cases.filter(state=State.READY).order_by("received_on"),
               f"{base}?state={State.READY}", "Keine Fälle bereit."),
        {
            "title": "Fällige Wiedervorlagen",
            "items": [{"label": f.case.file_number, "url": reverse("cases:detail", args=[f.case_id]),
                       "hint": f"{f.due_on:%d.%m.%Y}: {f.reason}"} for f in due[:LIMIT]],
            "count": due.count(),
            "url": "",
            "empty_text": "Keine Wiedervorlagen fällig.",
        },
    ]
