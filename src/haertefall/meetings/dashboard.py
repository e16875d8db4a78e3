"""Start-page panels of the meetings part: upcoming sessions, months without a session."""

from django.urls import reverse
from django.utils import timezone

from .access import can_list_meetings, can_prepare_meetings, meetings_visible_for
from .selectors import session_gaps


def check_session_gaps(*, today=None) -> list[str]:
    """The check behind the warning: labels of months (quarters) without a planned session."""
    return session_gaps(today=today)


def panels(user) -> list[dict]:
    if not can_list_meetings(user):
        return []
    today = timezone.localdate()
    upcoming = meetings_visible_for(user).filter(date__gte=today, cancelled_at__isnull=True).order_by("date")
    result = [{
        "title": "Anstehende Sitzungen" if can_prepare_meetings(user) else "Meine Sitzungen",
        "items": [{"label": str(m), "url": reverse("meetings:detail", args=[m.pk]),
                   "hint": f"{m.items.count()} TOP"} for m in upcoming[:8]],
        "count": upcoming.count(),
        "url": reverse("meetings:list"),
        "empty_text": "Keine Sitzung geplant.",
    }]
    if can_prepare_meetings(user):
        gaps = check_session_gaps(today=today)
        result.append({
            "title": "Sitzungsplanung: Monate ohne Sitzung",
            "items": [{"label": f"Keine Sitzung geplant: {gap}", "url": reverse("meetings:create"),
                       "hint": "§ 6 Abs. 2 HFKVO"} for gap in gaps],
            "count": len(gaps),
            "url": "",
            "empty_text": "Für die nächsten drei Monate sind Sitzungen geplant.",
        })
    return result
