"""Writing the audit trail. Called by access functions and services, never with content."""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection, transaction

from haertefall.core.prepared import statement_cursor

from .models import AuditEntry, AuditPerson

_MAINTENANCE: ContextVar[bool] = ContextVar("hf_audit_maintenance", default=False)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


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
        username=(user.get_username() if authenticated else username[:150]),
        role=(getattr(user, "role", "") if authenticated else ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        case_id=getattr(case, "pk", None),
        file_number=getattr(case, "file_number", ""),
        person_ids=ids,
        ip_address=_client_ip(request),
        detail=detail[:200],
    )
    if connection.vendor == "postgresql":
        # One statement writes the entry and its persons: atomic by itself, one round trip
        # instead of BEGIN, two INSERTs and COMMIT.
        _insert_with_persons(entry, ids)
        return entry
    # Inside a caller's transaction no savepoint: the entry stands or falls with the action.
    with transaction.atomic(savepoint=False):
        _insert([entry], returning=True)
        if ids:
            _insert([AuditPerson(entry_id=entry.pk, person_id=pk) for pk in ids])
    return entry


_INSERTS: dict[tuple, tuple[str, list] | str] = {}


def _insert(objs: list, *, returning: bool = False) -> None:
    """INSERT rows as ``Model.save()``/``bulk_create`` would (each field's own conversion for
    the database, ``auto_now_add`` included), with the statement built once per model and
    database vendor: every page that shows personal data writes an entry, and the ORM compiled
    the same INSERT anew each time. Entries are never updated, so nothing else of ``save()``
    applies. ``returning``: one row, whose new primary key is set on it."""
    model = type(objs[0])
    sql, fields = _statement(model, returning=returning)
    rows = [_values(obj, fields) for obj in objs]
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(sql, rows[0])
            objs[0].pk = cursor.fetchone()[0]
        else:
            cursor.executemany(sql, rows)
    for obj in objs:
        _saved(obj)


def _statement(model, *, returning: bool) -> tuple[str, list]:
    key = (connection.vendor, model._meta.label_lower, returning)
    statement = _INSERTS.get(key)
    if statement is None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names of our own model only; every value is a parameter.
        sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        if returning:
            sql += f" RETURNING {quote(model._meta.pk.column)}"
        statement = _INSERTS[key] = (sql, fields)
    return statement


def _values(obj, fields) -> list:
    return [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]


def _saved(obj) -> None:
    obj._state.adding = False
    obj._state.db = connection.alias


def _insert_with_persons(entry: AuditEntry, person_ids: list[int]) -> None:
    """PostgreSQL: the entry and its AuditPerson rows in one statement (data-modifying CTEs
    run whether or not the outer query reads them)."""
    key = (connection.vendor, "audit.entry+persons", True)
    sql = _INSERTS.get(key)
    if sql is None:
        entry_sql, _ = _statement(AuditEntry, returning=True)
        quote = connection.ops.quote_name
        person = AuditPerson._meta
        sql = (f"WITH entry AS ({entry_sql}), persons AS ("  # noqa: S608 - our own names only
               f"INSERT INTO {quote(person.db_table)} ({quote(person.get_field('entry').column)}, "
               f"{quote(person.get_field('person_id').column)}) "
               f"SELECT entry.{quote(AuditEntry._meta.pk.column)}, p FROM entry, unnest(%s::bigint[]) AS p) "
               f"SELECT {quote(AuditEntry._meta.pk.column)} FROM entry")
        _INSERTS[key] = sql
    _, fields = _statement(AuditEntry, returning=True)
    with statement_cursor(connection) as cursor:
        cursor.execute(sql, [*_values(entry, fields), list(person_ids)])
        entry.pk = cursor.fetchone()[0]
    _saved(entry)


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


def audit_prune(*, before, today) -> int:
    """Delete audit entries older than ``before`` (the trail's own retention, set by the DPO).

    Entries of the last year always stay. The pruning itself is recorded.
    """
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    if before > today - timedelta(days=MIN_KEEP_DAYS):
        raise ValidationError(f"Protokolleinträge der letzten {MIN_KEEP_DAYS} Tage bleiben immer erhalten.")
    with audit_maintenance():
        old = AuditEntry.objects.filter(at__date__lt=before)
        AuditPerson.objects.filter(entry__in=old.values("pk"))._raw_delete(connection.alias)
        count = old._raw_delete(connection.alias)
        audit_log(user=None, username="system:audit-prune", action=AuditEntry.Action.DELETE,
                  object_type="audit.auditentry", detail=f"{count} Einträge vor {before:%d.%m.%Y} gelöscht")
    return count
