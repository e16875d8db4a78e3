"""Writing the audit trail. Called by access functions and services, never with content."""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection, transaction

from haertefall.accounts.addresses import client_address

from .models import AuditEntry, AuditPerson

_MAINTENANCE: ContextVar[bool] = ContextVar("hf_audit_maintenance", default=False)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return client_address(request)


def audit_log(
    *,
    user,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    case=None,
    person_ids: Iterable[int] = (),
    request=None,
    detail: str = "",
    username: str = "",
) -> AuditEntry:
    """Append one entry. ``username`` names an actor without an account (failed logins)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    ids = sorted({int(pk) for pk in person_ids})
    entry = AuditEntry(
        user=user if authenticated else None,
        # A NUL cannot be stored in PostgreSQL text; an attacker's name must not break the trail.
        username=(user.get_username() if authenticated else username.replace("\x00", "")[:150]),
        role=(getattr(user, "role", "") if authenticated else ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        case_id=getattr(case, "pk", None),
        file_number=getattr(case, "file_number", ""),
        person_ids=ids,
        ip_address=_client_ip(request),
        detail=detail.replace("\x00", "")[:200],
    )
    # Inside a caller's transaction no savepoint: the entry stands or falls with the action.
    with transaction.atomic(savepoint=False):
        entry.save(force_insert=True)
        AuditPerson.objects.bulk_create([AuditPerson(entry=entry, person_id=pk) for pk in ids])
    return entry


def audit_delete_allowed() -> int:
    """Asked by the SQLite trigger (registered per connection in apps.py)."""
    return int(_MAINTENANCE.get() or getattr(settings, "HAERTEFALL_AUDIT_DELETE_ALLOWED", False))


@contextmanager
def audit_maintenance():
    """The one way to delete audit entries (pruning after their own retention period):
    PostgreSQL's trigger lets DELETE through only with this transaction-local setting."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL haertefall.audit_maintenance = 'on'")
        token = _MAINTENANCE.set(True)
        try:
            yield
        finally:
            _MAINTENANCE.reset(token)


MIN_KEEP_DAYS = 365
PRUNE_BATCH = 5000


def audit_prune(*, before, today) -> int:
    """Delete audit entries older than ``before`` (the trail's own retention, set by the DPO).

    Entries of the last year always stay. The pruning itself is recorded.
    """
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    if before > today - timedelta(days=MIN_KEEP_DAYS):
        raise ValidationError(f"Protokolleinträge der letzten {MIN_KEEP_DAYS} Tage bleiben immer erhalten.")
    with audit_maintenance():
        old = AuditEntry.objects.filter(at__date__lt=before).order_by("pk").values_list("pk", flat=True)
        count = 0
        # In batches: a year of list views is millions of entries, and delete() reads the rows
        # it deletes (their persons cascade).
        while batch := list(old[:PRUNE_BATCH]):
            AuditPerson.objects.filter(entry_id__in=batch).delete()
            count += AuditEntry.objects.filter(pk__in=batch).delete()[1].get(AuditEntry._meta.label, 0)
        audit_log(user=None, username="system:audit-prune", action=AuditEntry.Action.DELETE,
                  object_type="audit.auditentry", detail=f"{count} Einträge vor {before:%d.%m.%Y} gelöscht")
    return count
