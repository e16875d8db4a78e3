"""The audit trail cannot be changed or deleted: not by the model, not by raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from haertefall.audit.models import AuditEntry, AuditPerson
from haertefall.audit.services import audit_log, audit_maintenance


@pytest.fixture
def entry(db, office_user):
    return audit_log(user=office_user, action=AuditEntry.Action.READ, object_type="cases.case",
                     object_id="1", person_ids=[7, 3])


@pytest.fixture
def strict(settings):
    # The test settings let the test runner empty tables on SQLite; the application never may.
    settings.HAERTEFALL_AUDIT_DELETE_ALLOWED = False


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["audit_auditentry", "audit_auditperson"])
def test_raw_update_is_refused_by_the_database(entry, strict, table):
    column = "detail" if table == "audit_auditentry" else "person_id"
    value = "manipuliert" if column == "detail" else 99
    with pytest.raises(DatabaseError, match="unveränderlich"):
        _raw(f"UPDATE {table} SET {column} = %s", [value])  # noqa: S608
    entry.refresh_from_db()
    assert entry.detail == ""


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["audit_auditentry", "audit_auditperson"])
def test_raw_delete_is_refused_by_the_database(entry, strict, table):
    with pytest.raises(DatabaseError, match="unveränderlich"):
        _raw(f"DELETE FROM {table}", [])  # noqa: S608
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert AuditPerson.objects.filter(entry=entry).count() == 2


@pytest.mark.django_db
def test_queryset_update_is_refused(entry, strict):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(username="jemand")


@pytest.mark.django_db
def test_model_refuses_change_and_delete(entry):
    entry.detail = "x"
    with pytest.raises(ValueError, match="unveränderlich"):
        entry.save()
    with pytest.raises(ValueError, match="unveränderlich"):
        entry.delete()


@pytest.mark.django_db
def test_maintenance_may_delete_but_not_update(entry, strict):
    with audit_maintenance():
        AuditPerson.objects.filter(entry=entry).delete()
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    other = audit_log(user=None, action=AuditEntry.Action.LOGIN_FAILED, username="x")
    with pytest.raises(DatabaseError), audit_maintenance():
        AuditEntry.objects.filter(pk=other.pk).update(username="y")


@pytest.mark.django_db
def test_person_ids_are_indexed_for_search(entry):
    assert sorted(AuditPerson.objects.filter(entry=entry).values_list("person_id", flat=True)) == [3, 7]
    assert entry.person_ids == [3, 7]


@pytest.mark.django_db
def test_prune_deletes_only_old_entries_and_records_itself(entry, strict):
    from datetime import timedelta

    from django.core.management import CommandError, call_command
    from django.utils import timezone

    # An entry from long ago: INSERT is allowed, only UPDATE/DELETE are refused.
    old_time = timezone.now() - timedelta(days=800)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, username, role, action, object_type, object_id, file_number, "
            "person_ids, detail) VALUES (%s, 'alt', '', 'read', 'cases.case', '1', '', '[5]', '')", [old_time])
    old = AuditEntry.objects.get(username="alt")
    AuditPerson.objects.create(entry=old, person_id=5)
    with pytest.raises(CommandError, match="letzten 365 Tage"):
        call_command("audit_prune", "--before", timezone.localdate().isoformat())
    recent = audit_log(user=None, action=AuditEntry.Action.LOGIN_FAILED, username="neu")
    call_command("audit_prune", "--before", (timezone.localdate() - timedelta(days=400)).isoformat())
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert not AuditPerson.objects.filter(entry_id=old.pk).exists()
    assert AuditEntry.objects.filter(pk__in=[entry.pk, recent.pk]).count() == 2
    assert AuditEntry.objects.filter(action="delete", detail__startswith="1 Einträge").exists()


@pytest.mark.django_db
def test_an_entry_reads_back_as_written(office_user, rf):
    """What comes back from the database is what was logged (time, user, role, ids as JSON,
    address, the detail cut to its column)."""
    from django.utils import timezone

    request = rf.get("/", REMOTE_ADDR="192.0.2.7")
    before = timezone.now()
    entry = audit_log(user=office_user, action=AuditEntry.Action.SEARCH, object_type="cases.case",
                      object_id=42, person_ids=[5, 5, 2], request=request, detail="Fallsuche" + "x" * 300)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert before <= stored.at <= timezone.now()
    assert (stored.user_id, stored.username, stored.role) == (office_user.pk, office_user.username, office_user.role)
    assert (stored.action, stored.object_type, stored.object_id) == ("search", "cases.case", "42")
    assert stored.person_ids == [2, 5] and stored.ip_address == "192.0.2.7" and len(stored.detail) == 200
    assert list(stored.persons.order_by("person_id").values_list("person_id", flat=True)) == [2, 5]
    with pytest.raises(ValueError):
        entry.save()  # still immutable through the model


@pytest.mark.django_db
def test_an_entry_stores_exactly_its_persons(office_user):
    """The entry and exactly its persons are stored, none for an entry without persons."""
    bare = audit_log(user=office_user, action=AuditEntry.Action.READ, object_type="cases.case", object_id=1)
    with_persons = audit_log(user=office_user, action=AuditEntry.Action.READ, object_type="cases.case",
                             object_id=2, person_ids=[9, 4])
    assert not AuditPerson.objects.filter(entry_id=bare.pk).exists()
    assert sorted(AuditPerson.objects.filter(entry_id=with_persons.pk).values_list("person_id", flat=True)) == [4, 9]
    assert AuditEntry.objects.get(pk=with_persons.pk).person_ids == [4, 9]


@pytest.mark.django_db(transaction=True)
def test_a_failing_person_row_writes_no_entry(office_user):
    """One transaction: if a person row cannot be written, the entry is not written either."""
    before = AuditEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017,PT011 - the driver's own error for an out-of-range id
        audit_log(user=office_user, action=AuditEntry.Action.READ, object_type="cases.case",
                  object_id=3, person_ids=[1, 2**70])
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_each_lookup_has_one_index_and_the_tables_stay_append_only():
    """Migration 0004 dropped the indexes that others cover (user: (user, at); entry: the
    unique (entry, person_id)) without rebuilding the tables, whose triggers keep them
    append-only (the raw UPDATE/DELETE tests above run on the migrated tables)."""
    with connection.cursor() as cursor:
        entry = connection.introspection.get_constraints(cursor, AuditEntry._meta.db_table)
        person = connection.introspection.get_constraints(cursor, AuditPerson._meta.db_table)
    entry_indexes = [c["columns"] for c in entry.values() if c["index"] and not c["primary_key"]]
    person_indexes = [c["columns"] for c in person.values() if (c["index"] or c["unique"]) and not c["primary_key"]]
    assert ["user_id"] not in entry_indexes and ["user_id", "at"] in entry_indexes
    assert ["entry_id"] not in person_indexes and ["entry_id", "person_id"] in person_indexes
    assert ["person_id"] in person_indexes and ["at"] in entry_indexes and ["case_id"] in entry_indexes
