"""Changing the case's master data and its persons (not its procedural state)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from haertefall.core.errors import ConcurrentEdit, DomainError

from ..models import Case, Person, PersonName, ReasonCategory, Relationship, SubmitterKind
from .events import event_record
from .intake import person_search_text
from .names import person_index_refresh

CASE_EDITABLE = ("submitter_name", "submitter_form_of_address", "submitter_kind", "submitter_contact",
                 "submitter_phone", "submitter_email",
                 "authority", "reason_categories", "reasons_text", "prior_procedure")

CONFLICT = ("Der Fall wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu "
            "und prüfen Sie die Änderungen.")


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEdit(CONFLICT)
    return locked


def case_update(*, case: Case, actor, expected_version: int | None, **changes) -> Case:
    """Change master data. The event names the changed fields, never their (sensitive) values."""
    unknown = set(changes) - set(CASE_EDITABLE)
    if unknown:
        raise DomainError(f"Diese Angaben können hier nicht geändert werden: {', '.join(sorted(unknown))}.")
    if "submitter_kind" in changes and changes["submitter_kind"] not in SubmitterKind.values:
        raise DomainError("Unbekannte Art der Einreichung.", field="submitter_kind")
    if "reason_categories" in changes:
        bad = [c for c in changes["reason_categories"] if c not in ReasonCategory.values]
        if bad:
            raise DomainError("Unbekannte Gründe-Kategorie.", field="reason_categories")
        changes["reason_categories"] = list(changes["reason_categories"])
    with transaction.atomic():
        locked = _lock(case, expected_version)
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, changes[name])
        locked.version += 1
        locked.save(update_fields=[*changed, "version", "updated_at"])
        event_record(case=locked, actor=actor, event_type="data_changed",
                     effective_on=timezone.localdate(), data={"fields": sorted(changed)})
    case.refresh_from_db()
    return case


def _refresh_search_text(person: Person) -> None:
    others = list(person.other_names.all())
    person.search_text = person_search_text(person, others)
    person.save(update_fields=["search_text"])
    person_index_refresh(person=person, other_names=others)


KEEP = object()


def _successor_check(nationality, successor) -> None:
    if successor is None:
        return
    if not nationality.successor_states.filter(pk=successor.pk).exists():
        possible = ", ".join(nationality.successor_states.order_by("sort_name").values_list("name", flat=True))
        raise DomainError(
            f"{successor.name} ist kein Nachfolgestaat von {nationality.name}"
            + (f" (möglich: {possible})." if possible else "; diese Staatsangehörigkeit hat keine Nachfolgestaaten."),
            field="nationality_successor")


def person_update(*, person: Person, actor, expected_version: int | None = None,
                  family_name: str | None = None, given_names: str | None = None,
                  birth_date: date | None = None, nationality=None,
                  relationship: str | None = None, nationality_successor=KEEP) -> Person:
    """Correct a person's data. A new nationality of the main person changes the case's
    country of origin (statistics table 6.2). ``nationality_successor`` assigns the successor
    of a dissolved state (None clears it; a new nationality without successors clears it)."""
    if family_name is not None and not family_name.strip():
        raise DomainError("Der Familienname der Person fehlt.", field="family_name")
    if birth_date and birth_date > timezone.localdate():
        raise DomainError("Das Geburtsdatum liegt in der Zukunft.", field="birth_date")
    if relationship is not None and relationship not in Relationship.values:
        raise DomainError("Unbekanntes Verhältnis zur Hauptperson.", field="relationship")
    with transaction.atomic():
        case = _lock(person.case, expected_version)
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if relationship is not None and (relationship == Relationship.MAIN) != locked.is_main:
            raise DomainError("Die Hauptperson kann hier nicht gewechselt werden.", field="relationship")
        values = {"family_name": family_name.strip() if family_name is not None else None,
                  "given_names": given_names.strip() if given_names is not None else None,
                  "birth_date": birth_date, "nationality": nationality, "relationship": relationship}
        changed = [k for k, v in values.items() if v is not None and getattr(locked, k) != v]
        for name in changed:
            setattr(locked, name, values[name])
        successor = locked.nationality_successor if nationality_successor is KEEP else nationality_successor
        if successor is not None and not locked.nationality.successor_states.filter(pk=successor.pk).exists():
            if nationality_successor is KEEP:
                successor = None  # the new nationality has other successors, or none
            else:
                _successor_check(locked.nationality, successor)
        if successor != locked.nationality_successor:
            locked.nationality_successor = successor
            changed.append("nationality_successor")
        if changed:
            locked.save(update_fields=changed)
            _refresh_search_text(locked)
            update = ["version", "updated_at"]
            if "nationality" in changed and locked.is_main:
                case.country = locked.nationality
                update.append("country")
            case.version += 1
            case.save(update_fields=update)
            event_record(case=case, actor=actor, event_type="person_changed",
                         effective_on=timezone.localdate(),
                         data={"person_id": locked.pk, "fields": sorted(changed)})
    person.refresh_from_db()
    return person


def person_name_add(*, person: Person, actor, family_name: str, given_names: str = "",
                    kind: str = PersonName.Kind.SPELLING) -> PersonName:
    """Record another spelling, alias or birth name; search and repeat detection find it."""
    if not family_name.strip():
        raise DomainError("Der Familienname der weiteren Namensform fehlt.", field="family_name")
    if kind not in PersonName.Kind.values:
        raise DomainError("Unbekannte Art der Namensform.", field="kind")
    with transaction.atomic():
        name = PersonName.objects.create(person=person, kind=kind, family_name=family_name.strip(),
                                         given_names=given_names.strip())
        _refresh_search_text(person)
        event_record(case=person.case, actor=actor, event_type="person_name_added",
                     effective_on=timezone.localdate(), data={"person_id": person.pk, "kind": kind})
    return name
