"""German display of case events for the timeline (pages) and the API."""

import functools
from datetime import date

from .models import Case, Document, OtherBasis, SubmitterKind
from .services.lifecycle import INFO_FROM
from .states import Closure, ClosureReason, Step

EVENT_LABELS = {
    "assigned": "Zuständigkeit geändert",
    "person_added": "Person hinzugefügt",
    "person_changed": "Angaben zu einer Person geändert",
    "person_name_added": "Weitere Namensform erfasst",
    "document_added": "Dokument hinzugefügt",
    "document_removed": "Dokument entfernt",
    "document_replaced": "Dokument ersetzt",
    "note_added": "Notiz angelegt",
    "followup_added": "Wiedervorlage angelegt",
    "followup_done": "Wiedervorlage erledigt",
    "data_changed": "Stammdaten geändert",
    "correction": "Korrektur",
}

_KEYS = {
    "reasons": "Gründe", "expectations": "Erwartungen / Auflagen", "recommendation": "Empfehlung",
    "note": "Vermerk", "reason": "Grund", "deadline": "Frist", "closure": "Erledigung",
    "closure_reason": "Erledigungsgrund", "mandatory": "Zwingende Ausschlussgründe",
    "regular": "Soll-Ausschlussgründe", "catalogue": "Katalog", "follows": "Absicht der Behörde",
    "requested_from": "Angefordert bei", "fields": "Geänderte Angaben",
    "previous_closure": "Frühere Erledigung", "doc_type": "Dokumentart", "due_on": "Wiedervorlage am",
    "persons": "Personen", "submitter_kind": "Einreichung", "kind": "Art",
    "other_basis": "Andere Rechtsgrundlage", "changes": "Korrigiert", "old": "Vorher", "new": "Nachher",
    "assigned_to": "Zuständig", "previous_assignee": "Bisher zuständig", "how": "Wie",
    "document_title": "Dokument", "document_date": "Datum des Dokuments", "new_document_title": "Ersetzt durch",
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
    if key in ("deadline", "due_on", "document_date") and isinstance(value, str):
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
    if key in ("old", "new") and isinstance(value, dict):
        return "; ".join(f"{label}: {text}" for label, text in value.items())
    if key == "changes":
        return "; ".join(f"{_field_label(c['field'])}: {_changed_value(c['field'], c.get('old'))} → "
                         f"{_changed_value(c['field'], c.get('new'))}" for c in value)
    if key == "submitter_kind" and value in SubmitterKind.values:
        return SubmitterKind(value).label
    if key == "other_basis" and value in OtherBasis.values:
        return OtherBasis(value).label
    if key == "doc_type" and value in Document.Type.values:
        return Document.Type(value).label
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "keine"
    return value


def _changed_value(field: str, value) -> str:
    """A corrected field's old or new value as the history shows it (decision 0121)."""
    if value in (None, "", []):
        return "(leer)"
    if field in ("received_on", "birth_date"):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if field == "authority":
        from haertefall.registers.models import Authority

        return Authority.objects.filter(pk=value).values_list("name", flat=True).first() or "(gelöscht)"
    if field in ("nationality", "nationality_successor"):
        from haertefall.registers.models import Country

        return Country.objects.filter(pk=value).values_list("name", flat=True).first() or "(gelöscht)"
    if field == "submitter_kind" and value in SubmitterKind.values:
        return str(SubmitterKind(value).label)
    if field == "reason_categories":
        from .models import ReasonCategory

        return ", ".join(str(ReasonCategory(v).label) if v in ReasonCategory.values else v for v in value)
    return str(value)


@functools.cache
def _part_labels() -> dict[str, str]:
    from .casefile import part_event_labels

    return part_event_labels()


def event_label(event) -> str:
    if event.step:
        return Step(event.step).label
    return EVENT_LABELS.get(event.event_type) or _part_labels().get(event.event_type, event.event_type)


# Steps decided in a confidential session (§ 6 Abs. 2 HFKVO): their reasons belong to the
# minutes; only the office and the commission's members read them in the case history.
DELIBERATION_STEPS = frozenset({Step.PRESCREEN_TAKE_UP, Step.PRESCREEN_REJECT, Step.DECIDE_REQUEST,
                                Step.DECIDE_NO_REQUEST, Step.DECIDE_DEFER})


# Corrections of a session's decision: what changed stays with the commission, too.
DELIBERATION_CORRECTIONS = frozenset({"decision_corrected"})


def event_data(event, *, reader) -> dict:
    """The event's recorded data as the reader (``access.history_reader_for``) may see it:
    without the reasons of a session's decision for readers outside the commission (entries
    written before those reasons were kept out of the history still hold them), and for an
    authority only the details named in ``access.AUTHORITY_HISTORY``."""
    data = dict(event.data or {})
    if not reader.deliberations and event.step in DELIBERATION_STEPS:
        data.pop("reasons", None)
    if not reader.deliberations and event.event_type in DELIBERATION_CORRECTIONS:
        # Counts, reasons and why they were corrected belong to the minutes (decision 0121).
        data = {key: data[key] for key in ("meeting_id", "agenda_item") if key in data}
    keys = reader.keys(event)
    if keys is not None:
        data = {key: value for key, value in data.items() if key in keys}
    return data


@functools.lru_cache(maxsize=16)
def _catalogue_names(catalogue_key: str) -> tuple[str, dict[str, str]]:
    """The catalogue's title and its grounds' names by code: the history shows names, not
    internal codes (both are fixed once a catalogue version is in force)."""
    from haertefall.registers.models import ExclusionCatalogue

    catalogue = ExclusionCatalogue.objects.filter(key=catalogue_key).first()
    if catalogue is None:
        return catalogue_key, {}
    return catalogue.title, {g.code: f"{g.label} ({g.paragraph})" for g in catalogue.grounds.all()}


def event_details(event, *, reader) -> list[tuple[str, str]]:
    details = []
    data = event_data(event, reader=reader)
    title, grounds = _catalogue_names(data["catalogue"]) if data.get("catalogue") else ("", {})
    for key, value in data.items():
        if key not in _KEYS or value in ("", None):
            continue
        if key in ("mandatory", "regular") and not value:
            continue
        if key == "catalogue":
            value = title
        elif key in ("mandatory", "regular"):
            value = "; ".join(grounds.get(code, code) for code in value)
        details.append((_KEYS[key], str(_value(key, value))))
    return details


def timeline_rows(events, *, reader) -> list[dict]:
    """The case page's timeline: each event the reader sees, with its German label, details
    and who recorded it (as far as the reader may know)."""
    return [{"event": event, "label": event_label(event), "details": event_details(event, reader=reader),
             "actor": reader.actor(event)}
            for event in events if reader.sees(event)]
