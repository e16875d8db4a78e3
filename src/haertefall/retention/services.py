"""Deleting personal data after the retention period; an anonymous statistical record stays.

What stays on the Case row is what the statistics need: year, received_on, country,
authority, persons_count, state/closure/closure_reason/closed_on, and the events' step,
stat_status and effective_on. Everything else that can name or describe a person goes:
persons and their other names, documents (files and rows), notes, follow-ups, formal checks,
the submitter, the reasons, free text in event data. The file number is replaced by
"ANON-<id>" because letters to the submitter and the authority carry it (decision 0065).

Other parts that keep personal data about a case provide ``haertefall.<part>.retention``
(listed in RETENTION_HOOKS) with ``retention_scrub_case(*, case)``; it runs inside the same
transaction. Such a module also names the non-personal keys its events put into CaseEvent.data
that must survive (``EVENT_DATA_KEEP = {...}``), e.g. counts the statistics read.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.authorities import retention as authorities_retention
from haertefall.cases.models import Case, CaseEvent, Document, FollowUp, FormalCheck, Note, Person
from haertefall.cases.states import State
from haertefall.core.errors import DomainError
from haertefall.correspondence import retention as correspondence_retention
from haertefall.meetings import retention as meetings_retention
from haertefall.statistics.figures import case_figures_refresh

from .models import RetentionRule
from .rules import closed_before_for_due, retention_due_on

logger = logging.getLogger(__name__)

# Keys of CaseEvent.data that describe the procedure, not a person.
EVENT_DATA_KEEP = frozenset({
    "closure", "closure_reason", "previous_closure", "submitter_kind", "persons", "catalogue",
    "catalogue_id", "grounds", "mandatory", "meeting_id", "decision", "outcome", "from_state",
    "to_state", "agenda_position",
})

# The parts that keep personal data about a case in their own tables.
RETENTION_HOOKS = (meetings_retention, authorities_retention, correspondence_retention)


@dataclass(frozen=True)
class DueCase:
    case_id: int
    file_number: str
    closure: str
    closure_label: str
    closed_on: date
    due_on: date


def retention_rules() -> dict[str, int]:
    return dict(RetentionRule.objects.values_list("closure", "years"))


def retention_due(*, today: date) -> list[DueCase]:
    """Closed, not yet anonymised cases whose retention period has ended by ``today``."""
    rules = retention_rules()
    if not rules:
        return []
    condition = Q()
    for closure, years in rules.items():
        condition |= Q(closure=closure, closed_on__lt=closed_before_for_due(today, years))
    qs = (Case.objects.filter(state=State.CLOSED, anonymized_at__isnull=True, closed_on__isnull=False)
          .filter(condition).order_by("closed_on", "pk")
          .values_list("pk", "file_number", "closure", "closed_on"))
    from haertefall.cases.states import Closure

    return [
        DueCase(pk, number, closure, Closure(closure).label, closed_on,
                retention_due_on(closed_on, rules[closure]))
        for pk, number, closure, closed_on in qs
    ]


def event_data_keep() -> frozenset[str]:
    keys = set(EVENT_DATA_KEEP)
    for module in RETENTION_HOOKS:
        keys |= module.EVENT_DATA_KEEP
    return frozenset(keys)


def _scrub_event_data(case: Case) -> None:
    keep = event_data_keep()
    for pk, data in CaseEvent.objects.filter(case=case).values_list("pk", "data"):
        kept = {k: v for k, v in (data or {}).items() if k in keep}
        if kept != data:
            # Events are immutable for the application; retention is the one exception
            # (see CaseEvent.save), through queryset.update.
            CaseEvent.objects.filter(pk=pk).update(data=kept)


def _run_hooks(case: Case) -> None:
    for module in RETENTION_HOOKS:
        module.retention_scrub_case(case=case)


def case_anonymize(*, case_id: int, actor, today: date) -> None:
    """Delete the personal data of one due case; keep the anonymous statistical record."""
    files: list[str] = []
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.anonymized_at is not None:
            raise DomainError(f"Der Fall {case.file_number} ist bereits anonymisiert.")
        years = retention_rules().get(case.closure)
        if case.state != State.CLOSED or case.closed_on is None or years is None:
            raise DomainError(f"Der Fall {case.file_number} ist nicht abgeschlossen.")
        due_on = retention_due_on(case.closed_on, years)
        if due_on > today:
            raise DomainError(f"Die Aufbewahrungsfrist des Falls {case.file_number} endet erst am "
                              f"{due_on:%d.%m.%Y}.")
        person_ids = list(Person.objects.filter(case=case).values_list("pk", flat=True))
        files = [name for name in Document.objects.filter(case=case).values_list("file", flat=True) if name]
        _run_hooks(case)
        Document.objects.filter(case=case).delete()
        Note.objects.filter(case=case).delete()
        FollowUp.objects.filter(case=case).delete()
        FormalCheck.objects.filter(case=case).delete()
        Person.objects.filter(case=case).delete()  # other names go with them (CASCADE)
        case_figures_refresh(case_id=case.pk)  # birth dates are gone: so are the minors
        _scrub_event_data(case)
        Case.objects.filter(pk=case.pk).update(
            file_number=f"ANON-{case.pk}", submitter_name="", submitter_contact="", submitter_phone="",
            submitter_form_of_address="", submitter_email="",
            reasons_text="", reason_categories=[], flagged_grounds=[], import_fingerprint="",
            anonymized_at=timezone.now(), version=F("version") + 1,
        )
        audit_log(user=actor, username="system:retention", action=AuditEntry.Action.RETENTION, obj=case,
                  case=case, person_ids=person_ids,
                  detail=f"{case.get_closure_display()}, erledigt {case.closed_on:%d.%m.%Y}, fällig {due_on:%d.%m.%Y}")

        def _delete_files():
            for name in files:
                try:
                    default_storage.delete(name)
                except OSError:
                    # The rows are gone; an operator must remove the file by hand. The name is
                    # generated (cases/<id>/<uuid>), so the log holds no personal data.
                    logger.error("Löschkonzept: Datei %s konnte nicht gelöscht werden.", name)

        # Files go only once the database deletion is committed.
        transaction.on_commit(_delete_files)


@dataclass
class RetentionRun:
    done: list[DueCase]
    failed: list[tuple[DueCase, str]]


def retention_run(*, actor, today: date) -> RetentionRun:
    """Anonymise every due case, each in its own transaction; failures do not stop the run."""
    run = RetentionRun(done=[], failed=[])
    for due in retention_due(today=today):
        try:
            case_anonymize(case_id=due.case_id, actor=actor, today=today)
        except Exception as exc:  # noqa: BLE001 — reported per case, the run goes on
            run.failed.append((due, str(exc)))
        else:
            run.done.append(due)
    return run


def retention_rule_set(*, actor, closure: str, years: int, basis: str = "") -> RetentionRule:
    """Change one retention period (administration, after agreement with the DPO)."""
    from haertefall.cases.states import Closure

    if closure not in Closure.values:
        raise DomainError("Unbekannte Erledigungsart.", field="closure")
    if not 1 <= years <= 30:
        raise DomainError("Die Aufbewahrungsfrist muss zwischen 1 und 30 Jahren liegen.", field="years")
    with transaction.atomic():
        rule, _ = RetentionRule.objects.select_for_update().get_or_create(
            closure=closure, defaults={"years": years, "basis": basis})
        old = rule.years
        rule.years, rule.basis = years, basis or rule.basis
        rule.save(update_fields=["years", "basis"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=rule,
                  detail=f"Aufbewahrungsfrist {closure}: {old} → {years} Jahre")
    return rule
