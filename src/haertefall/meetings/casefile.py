"""The case page's view of the meetings part (see ``cases.casefile``)."""

from django.urls import reverse

from .access import can_prepare_meetings, visible_meetings_q
from .models import AgendaItem, ItemDecision, Meeting

PRESCREEN_KEYS = {"prescreen_take_up", "prescreen_reject"}
SESSION_ORDER = ("decide_request", "decide_no_request", "decide_defer", "remove_from_agenda")
SESSION_KEYS = set(SESSION_ORDER)
OPEN_MEETINGS_SHOWN = 6
# The case history's names for this part's events (``cases.casefile``).
EVENT_LABELS = {"decision_corrected": "Beschluss in der Sitzung korrigiert"}


def _open_meetings(kind: str):
    """Sessions not cancelled whose minutes are not approved yet: their agenda can still change."""
    return (Meeting.objects.filter(kind=kind, minutes__isnull=True, cancelled_at__isnull=True)
            .order_by("date", "time", "pk")[:OPEN_MEETINGS_SHOWN])


def _pending_item(case, kind: str):
    return (AgendaItem.objects.filter(case=case, meeting__kind=kind, decision__isnull=True)
            .select_related("meeting").order_by("-meeting__date").first())


def _agenda_posts(case, kind: str) -> list[dict]:
    return [{"label": f"Auf die Tagesordnung: {meeting}", "url": reverse("meetings:agenda_add", args=[meeting.pk]),
             "fields": {"case": case.pk}} for meeting in _open_meetings(kind)]


def step_links(*, case, user, keys) -> list[dict]:
    if not can_prepare_meetings(user):
        return []
    ordered, keys = list(keys), set(keys)
    entries = []
    plan = {"label": "Neue Sitzung planen", "url": reverse("meetings:create")}
    if keys & PRESCREEN_KEYS:
        item = _pending_item(case, Meeting.Kind.PRESCREEN)
        if item is not None:
            links = [{"label": f"Vorprüfung beschließen: {item.meeting}, TOP {item.position}",
                      "url": reverse("meetings:item_decide", args=[item.meeting_id, item.pk])}]
            posts = []
        else:
            links, posts = [plan], _agenda_posts(case, Meeting.Kind.PRESCREEN)
        entries.append({"keys": [k for k in ordered if k in PRESCREEN_KEYS], "title": "Vorprüfung (Befassung oder keine Befassung)",
                        "hint": "Der Vorprüfungsausschuss beschließt in einer Sitzung oder im Umlaufverfahren "
                                "(§ 3 Abs. 3 HFKVO).", "links": links, "posts": posts})
    if "place_on_agenda" in keys:
        entries.append({"keys": ["place_on_agenda"], "title": "Auf die Tagesordnung einer Sitzung setzen",
                        "hint": "Wählen Sie eine geplante Sitzung der Kommission.",
                        "links": [plan], "posts": _agenda_posts(case, Meeting.Kind.COMMISSION)})
    if keys & SESSION_KEYS:
        item = _pending_item(case, Meeting.Kind.COMMISSION)
        links = []
        if item is not None:
            links = [{"label": f"Beschluss erfassen: {item.meeting}, TOP {item.position}",
                      "url": reverse("meetings:item_decide", args=[item.meeting_id, item.pk])},
                     {"label": "Zur Sitzung (Anwesenheit, Absetzen von der Tagesordnung)",
                      "url": reverse("meetings:detail", args=[item.meeting_id])}]
        entries.append({"keys": [k for k in SESSION_ORDER if k in keys], "title": "Beschluss der Kommission",
                        "hint": "Beschlossen wird in der Sitzung: mit Anwesenheit, Beschlussfähigkeit und "
                                "Stimmen.", "links": links, "posts": []})
    return entries


CASE_LINKED = (AgendaItem,)


def sections(*, case, user, contents=None) -> list[dict]:
    items = []
    if contents is None or contents.has(AgendaItem):  # see cases.casefile.case_contents
        items = (AgendaItem.objects.filter(visible_meetings_q(user), case=case).order_by("meeting__date", "pk")
                 .values_list("meeting_id", "position", "meeting__kind", "meeting__date",
                              "meeting__written_procedure", "meeting__cancelled_at", "decision__outcome"))
    outcomes = dict(ItemDecision.Outcome.choices)
    rows = []
    for meeting_id, position, kind, day, written, cancelled_at, outcome in items:
        rows.append({"label": Meeting.label_for(kind=kind, date=day, written_procedure=written,
                                                cancelled=cancelled_at is not None),
                     "url": reverse("meetings:detail", args=[meeting_id]),
                     "text": f"TOP {position}: " + (outcomes.get(outcome, outcome) if outcome
                                                     else "noch nicht beschlossen")})
    if not rows and not can_prepare_meetings(user):
        return []
    return [{"id": "sitzungen", "title": "Sitzungen", "rows": rows, "links": [],
             "empty_text": "Der Fall stand noch auf keiner Tagesordnung."}]
