"""German display of case events for the timeline (pages) and the API."""

import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from haertefall.core.fast_urls import reverse_ids

from .models import Case, Document, SubmitterKind
from .services.lifecycle import INFO_FROM
from .states import Closure, ClosureReason, Step

EVENT_LABELS = {
    "person_added": "Person hinzugefügt",
    "person_changed": "Angaben zu einer Person geändert",
    "person_name_added": "Weitere Namensform erfasst",
    "document_added": "Dokument hinzugefügt",
    "note_added": "Notiz angelegt",
    "followup_added": "Wiedervorlage angelegt",
    "followup_done": "Wiedervorlage erledigt",
    "data_changed": "Stammdaten geändert",
}

_KEYS = {
    "reasons": "Gründe", "expectations": "Erwartungen / Auflagen", "recommendation": "Empfehlung",
    "note": "Vermerk", "reason": "Grund", "deadline": "Frist", "closure": "Erledigung",
    "closure_reason": "Erledigungsgrund", "mandatory": "Zwingende Ausschlussgründe",
    "regular": "Soll-Ausschlussgründe", "catalogue": "Katalog", "follows": "Absicht der Behörde",
    "requested_from": "Angefordert bei", "fields": "Geänderte Angaben",
    "previous_closure": "Frühere Erledigung", "doc_type": "Dokumentart", "due_on": "Wiedervorlage am",
    "persons": "Personen", "submitter_kind": "Einreichung", "kind": "Art",
}


def _field_label(name: str) -> str:
    try:
        return str(Case._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - person fields and unknown names show as they are
        from .models import Person

        try:
            return str(Person._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001
            return name


def _value(key: str, value):
    if key in ("closure", "previous_closure") and value in Closure.values:
        return Closure(value).label
    if key == "closure_reason" and value in ClosureReason.values:
        return ClosureReason(value).label
    if key in ("deadline", "due_on") and isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if key == "follows":
        return "dem Ersuchen folgen" if value else "dem Ersuchen nicht folgen"
    if key == "requested_from":
        return INFO_FROM.get(value, value)
    if key == "fields":
        return ", ".join(_field_label(name) for name in value)
    if key == "submitter_kind" and value in SubmitterKind.values:
        return SubmitterKind(value).label
    if key == "doc_type" and value in Document.Type.values:
        return Document.Type(value).label
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "keine"
    return value


@functools.cache
def _part_labels() -> dict[str, str]:
    from .casefile import part_event_labels

    return part_event_labels()


def event_label(event) -> str:
    if event.step:
        return Step(event.step).label
    return EVENT_LABELS.get(event.event_type) or _part_labels().get(event.event_type, event.event_type)


def event_details(event) -> list[tuple[str, str]]:
    details = []
    for key, value in (event.data or {}).items():
        if key not in _KEYS or value in ("", None):
            continue
        if key in ("mandatory", "regular") and not value:
            continue
        details.append((_KEYS[key], str(_value(key, value))))
    return details


def timeline_rows(events) -> list[dict]:
    """The case page's timeline, formatted here once (dates as the page writes them, recording
    time in the local time zone): a template filter per date cost more than the rest of it."""
    rows = []
    for event in events:
        recorded = timezone.localtime(event.recorded_at) if event.recorded_at else None
        rows.append({
            "label": event_label(event),
            "effective_on": f"{event.effective_on:%d.%m.%Y}" if event.effective_on else "",
            "recorded_at": f"{recorded:%d.%m.%Y %H:%M}" if recorded else "",
            "actor": str(event.actor) if event.actor_id else "",
            "details": event_details(event),
        })
    return rows


def repeat_rows(repeats) -> list[SafeString]:
    """The case page's list of possible repeat applications (``selectors.case_repeats``), each
    item written here once: a case can have dozens of similar names, and a template loop with
    a filter per cell made this the page's most expensive part. The texts are escaped as
    Django escapes (``html.escape``); dates, numbers and the URL of an id need no escaping."""
    from .states import State

    labels = dict(State.choices)
    return [mark_safe(  # noqa: S308 - every text below is escaped
        f'<li><a class="kern-link" href="{reverse_ids("cases:detail", (r.case_id,))}">{escape(r.file_number)}</a> '
        f"(Eingang {r.received_on:%d.%m.%Y}, {escape(labels.get(r.state, r.state))}): {escape(r.matched_name)}"
        f"{f', geb. {r.birth_date:%d.%m.%Y}' if r.birth_date else ''} – Übereinstimmung "
        f"{Decimal(str(r.score)).quantize(Decimal(1), rounding=ROUND_HALF_UP)} %</li>"  # as floatformat:0
    ) for r in repeats]


def state_badge_html(case) -> SafeString:
    """The case's state (or, when closed, its closure) as a KERN badge."""
    if case.state == "closed":
        kind = "success" if case.closure == "followed" else "warning"
        return format_html('<span class="kern-badge kern-badge--{}">{}</span>', kind, case.get_closure_display())
    return format_html('<span class="kern-badge kern-badge--info">{}</span>', case.get_state_display())


def list_row_html(case) -> SafeString:
    """One row of the case list (cases.listing reads the columns; ``main_name`` set by
    ``listing.name_rows``), written here once: 25 rows of template variables, filters and tags
    were the larger part of the list's template."""
    others = case.persons_count - 1
    return format_html(
        '<tr class="kern-table__row">\n'
        '      <th scope="row" class="kern-table__cell hf-nowrap"><a class="kern-link" href="{}">{}</a></th>\n'
        '      <td class="kern-table__cell">{}</td>\n'
        '      <td class="kern-table__cell">{}{}</td>\n'
        '      <td class="kern-table__cell">{}</td>\n'
        '      <td class="kern-table__cell">{}</td>\n'
        '      <td class="kern-table__cell">{}</td>\n'
        '    </tr>',
        reverse_ids("cases:detail", (case.pk,)), case.file_number, f"{case.received_on:%d.%m.%Y}",
        case.main_name or "–", format_html(' <span class="hf-muted">(+{})</span>', others) if others > 0 else "",
        case.country_name, case.authority_name or "–", state_badge_html(case))
