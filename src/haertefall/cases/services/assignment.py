"""Whose case it is: assignment, taking a case, substitution (decision 0117).

Every change of the case officer is a case event ("Zuständigkeit geändert" in the history) and an
audit entry; substitutions are audit entries too. Role decisions: ``accounts.access``.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from haertefall.accounts.access import (
    can_assign_cases,
    can_set_substitution,
    can_take_case,
    may_be_assigned,
)
from haertefall.accounts.models import Substitution
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import DomainError

from ..models import Case
from .events import event_record

ASSIGNED = "assigned"


def _name(user) -> str:
    return str(user) if user is not None else "niemand"


def _assign_locked(*, case: Case, actor, assignee, how: str) -> Case:
    """Change the case officer of the locked ``case``; event and audit entry. Inside a transaction."""
    previous = case.assigned_to
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to", "updated_at"])
    event_record(case=case, actor=actor, event_type=ASSIGNED, effective_on=timezone.localdate(),
                 data={"assigned_to": _name(assignee), "previous_assignee": _name(previous), "how": how})
    audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=case, case=case,
              detail=f"Zuständigkeit: {_name(previous)} → {_name(assignee)} ({how})")
    return case


def _locked(case: Case) -> Case:
    return Case.objects.select_related("assigned_to").select_for_update(of=("self",)).get(pk=case.pk)


def _check_open(case: Case) -> None:
    if case.anonymized_at is not None:
        raise DomainError("Der Fall ist anonymisiert; er hat keine Zuständigkeit mehr.")


def case_assign(*, case: Case, actor, assignee) -> Case:
    """The office head gives ``case`` to ``assignee`` (an active office user)."""
    if not can_assign_cases(actor):
        raise DomainError("Nur die Leitung der Geschäftsstelle kann Fälle zuweisen.")
    if not may_be_assigned(assignee):
        raise DomainError("Fälle können nur Mitarbeitenden der Geschäftsstelle zugewiesen werden.",
                          field="assigned_to")
    with transaction.atomic():
        locked = _locked(case)
        _check_open(locked)
        if locked.assigned_to_id == assignee.pk:
            raise DomainError(f"Der Fall ist bereits {assignee} zugewiesen.", field="assigned_to")
        return _assign_locked(case=locked, actor=actor, assignee=assignee, how="Zuweisung durch die Leitung")


def case_take(*, case: Case, actor) -> Case:
    """An office user takes a case that has no (active) case officer („Übernehmen“)."""
    with transaction.atomic():
        locked = _locked(case)
        _check_open(locked)
        if not can_take_case(actor, assignee=locked.assigned_to):
            if locked.assigned_to_id is not None:
                raise DomainError(f"Der Fall wird bereits von {locked.assigned_to} bearbeitet; "
                                  "eine Neuzuweisung nimmt die Leitung der Geschäftsstelle vor.")
            raise DomainError("Nur Mitarbeitende der Geschäftsstelle können Fälle übernehmen.")
        return _assign_locked(case=locked, actor=actor, assignee=actor, how="übernommen")


def case_assign_at_intake(*, case: Case, assignee) -> None:
    """The case officer named when the application is recorded; call inside the intake's
    transaction (the receive event names her). ``assignee`` None leaves the case to be taken."""
    if assignee is None:
        return
    if not may_be_assigned(assignee):
        raise DomainError("Fälle können nur Mitarbeitenden der Geschäftsstelle zugewiesen werden.",
                          field="assigned_to")
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to"])


def substitution_create(*, actor, absent, substitute, starts_on: date, ends_on: date) -> Substitution:
    """„``substitute`` vertritt ``absent`` vom ``starts_on`` bis ``ends_on``“ (both days count)."""
    if not can_set_substitution(actor, absent=absent):
        raise DomainError("Eine Vertretung trägt die Leitung der Geschäftsstelle oder die abwesende Person "
                          "selbst ein.", field="absent")
    if not may_be_assigned(absent):
        raise DomainError("Vertreten werden nur Mitarbeitende der Geschäftsstelle.", field="absent")
    if not may_be_assigned(substitute):
        raise DomainError("Vertreten können nur Mitarbeitende der Geschäftsstelle.", field="substitute")
    if absent.pk == substitute.pk:
        raise DomainError("Niemand vertritt sich selbst; bitte wählen Sie eine andere Vertretung.",
                          field="substitute")
    if ends_on < starts_on:
        raise DomainError("Das Ende der Vertretung liegt vor ihrem Beginn.", field="ends_on")
    if ends_on < timezone.localdate():
        raise DomainError("Die Vertretung läge ganz in der Vergangenheit.", field="ends_on")
    with transaction.atomic():
        substitution = Substitution.objects.create(absent=absent, substitute=substitute, starts_on=starts_on,
                                                   ends_on=ends_on, created_by=actor)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=substitution, detail=str(substitution))
    return substitution


def substitution_end(*, actor, substitution: Substitution) -> Substitution | None:
    """End a substitution today (the absent person is back): one that has not begun is removed,
    a running one ends yesterday. Returns the shortened row, or None when it was removed."""
    if not can_set_substitution(actor, absent=substitution.absent):
        raise DomainError("Eine Vertretung beendet die Leitung der Geschäftsstelle oder die vertretene Person.")
    today = timezone.localdate()
    with transaction.atomic():
        locked = Substitution.objects.select_for_update().get(pk=substitution.pk)
        if locked.ends_on < today:
            raise DomainError("Diese Vertretung ist bereits beendet.")
        if locked.starts_on >= today:
            audit_log(user=actor, action=AuditEntry.Action.DELETE, obj=locked, detail=str(locked))
            locked.delete()
            return None
        locked.ends_on = today - timedelta(days=1)
        locked.save(update_fields=["ends_on"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, detail=f"beendet: {locked}")
    return locked
