"""Corrections of recorded data with a reason (issue 16, docs/decisions/0121).

A correction is one event "correction" (Korrektur) that names the reason and, per changed
field, the value before and after. The history shows it; the statistics' read model is
brought in step in the same transaction; and the report "nach Erfassungsstand" undoes
corrections recorded after its cut-off from these old values (``statistics.recorded``).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from haertefall.core.errors import ConcurrentEdit, DomainError

from ..models import Case, Person, ReasonCategory, SubmitterKind
from .events import event_record
from .master import _refresh_search_text as refresh_search_text

CORRECTION = "correction"
# Fields of the application a correction may change; the receipt date only here.
CASE_CORRECTABLE = ("received_on", "authority", "submitter_name", "submitter_kind", "submitter_contact",
                    "submitter_email", "reason_categories", "reasons_text", "prior_procedure")
PERSON_CORRECTABLE = ("family_name", "given_names", "birth_date", "nationality")
# Foreign keys are kept as ids in the event (the statistics undo them from there).
FOREIGN_KEYS = ("authority", "nationality")
REASON_MAX = 1000

CONFLICT = ("Der Fall wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu "
            "und prüfen Sie die Änderungen.")


def _json(name: str, value):
    if name in FOREIGN_KEYS:
        return value.pk if value is not None else None
    if isinstance(value, date):
        return value.isoformat()
    return value


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Bitte geben Sie den Grund der Korrektur an.", field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(f"Der Grund der Korrektur ist zu lang (höchstens {REASON_MAX} Zeichen).",
                          field="reason")
    return reason


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEdit(CONFLICT)
    return locked


def _check_received_on(case: Case, received_on: date) -> None:
    if received_on > timezone.localdate():
        raise DomainError("Das Eingangsdatum liegt in der Zukunft.", field="received_on")
    # A step before the receipt would make the history impossible (and the statistics wrong).
    first_step = (case.events.exclude(step="").exclude(step="receive").order_by("effective_on")
                  .values_list("effective_on", flat=True).first())
    if first_step is not None and received_on > first_step:
        raise DomainError(
            f"Das Eingangsdatum darf nicht nach dem ersten Verfahrensschritt ({first_step:%d.%m.%Y}) liegen.",
            field="received_on")


def case_correct(*, case: Case, actor, reason: str, expected_version: int | None = None, **values) -> Case:
    """Correct the application's data, including the receipt date (statistics: the receipt
    year is the report's cohort). Only changed fields are recorded; nothing changed is refused."""
    reason = _reason(reason)
    unknown = set(values) - set(CASE_CORRECTABLE)
    if unknown:
        raise DomainError("Diese Angaben können nicht korrigiert werden: " + ", ".join(sorted(unknown)) + ".")
    if "submitter_kind" in values and values["submitter_kind"] not in SubmitterKind.values:
        raise DomainError("Unbekannte Art der Einreichung.", field="submitter_kind")
    if "reason_categories" in values:
        values["reason_categories"] = list(values["reason_categories"])
        if any(c not in ReasonCategory.values for c in values["reason_categories"]):
            raise DomainError("Unbekannte Gründe-Kategorie.", field="reason_categories")
    with transaction.atomic():
        locked = _lock(case, expected_version)
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        if not changed:
            raise DomainError("Die Korrektur ändert nichts: Die Angaben sind bereits so erfasst.")
        if "received_on" in changed:
            if values["received_on"] is None:
                raise DomainError("Das Eingangsdatum fehlt.", field="received_on")
            _check_received_on(locked, values["received_on"])
        changes = [{"field": name, "old": _json(name, getattr(locked, name)), "new": _json(name, values[name])}
                   for name in changed]
        update = list(changed)
        for name in changed:
            setattr(locked, name, values[name])
        if "received_on" in changed:
            locked.year = locked.received_on.year
            update.append("year")
        locked.version += 1
        locked.save(update_fields=[*update, "version", "updated_at"])
        event_record(case=locked, actor=actor, event_type=CORRECTION, effective_on=timezone.localdate(),
                     data={"reason": reason, "changes": changes})
    case.refresh_from_db()
    return case


def person_correct(*, person: Person, actor, reason: str, expected_version: int | None = None,
                   **values) -> Person:
    """Correct a person's data. A new nationality of the main person changes the case's
    country of origin (table 6.2); a birth date the count of minors."""
    reason = _reason(reason)
    unknown = set(values) - set(PERSON_CORRECTABLE)
    if unknown:
        raise DomainError("Diese Angaben können nicht korrigiert werden: " + ", ".join(sorted(unknown)) + ".")
    if "family_name" in values:
        values["family_name"] = (values["family_name"] or "").strip()
        if not values["family_name"]:
            raise DomainError("Der Familienname der Person fehlt.", field="family_name")
    if "given_names" in values:
        values["given_names"] = (values["given_names"] or "").strip()
    if values.get("birth_date") and values["birth_date"] > timezone.localdate():
        raise DomainError("Das Geburtsdatum liegt in der Zukunft.", field="birth_date")
    if "nationality" in values and values["nationality"] is None:
        raise DomainError("Die Staatsangehörigkeit fehlt.", field="nationality")
    with transaction.atomic():
        case = _lock(person.case, expected_version)
        locked = Person.objects.select_for_update().get(pk=person.pk)
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        if not changed:
            raise DomainError("Die Korrektur ändert nichts: Die Angaben sind bereits so erfasst.")
        changes = [{"field": name, "old": _json(name, getattr(locked, name)), "new": _json(name, values[name])}
                   for name in changed]
        update = list(changed)
        for name in changed:
            setattr(locked, name, values[name])
        if "nationality" in changed and locked.nationality_successor_id is not None and not (
            locked.nationality.successor_states.filter(pk=locked.nationality_successor_id).exists()
        ):
            changes.append({"field": "nationality_successor", "old": locked.nationality_successor_id,
                            "new": None})
            locked.nationality_successor = None  # the successor of the old nationality no longer fits
            update.append("nationality_successor")
        locked.save(update_fields=update)
        refresh_search_text(locked)  # names are searched and matched for repeats
        case_update = ["version", "updated_at"]
        if "nationality" in changed and locked.is_main:
            case.country = locked.nationality
            case_update.append("country")
        case.version += 1
        case.save(update_fields=case_update)
        event_record(case=case, actor=actor, event_type=CORRECTION, effective_on=timezone.localdate(),
                     data={"reason": reason, "person_id": locked.pk, "changes": changes})
    person.refresh_from_db()
    return person
