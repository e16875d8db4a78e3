"""PostgreSQL: the application runs under a role that owns nothing (issue 17, item 1). As that
role the audit trail can be read and added to, and every way of removing or changing an entry
fails: UPDATE, DELETE, DELETE with the maintenance setting, DISABLE TRIGGER, TRUNCATE, DROP.
The procedure itself works as usual."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from tests.factories import make_case

pytestmark = [
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="roles and rights are PostgreSQL's"),
    pytest.mark.django_db,
]

ROLE = "hf_app_test"


@pytest.fixture
def as_app_role(office_user):
    """The test's connection switched to the application role for the rest of the test."""
    entry = audit_log(user=office_user, action=AuditEntry.Action.READ, object_type="cases.case", object_id=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("grant_app_role", ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
    return entry


@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditentry SET detail = 'x' WHERE id = {pk}",
    "DELETE FROM audit_auditentry WHERE id = {pk}",
    "DELETE FROM audit_auditperson",
    "SET LOCAL haertefall.audit_maintenance = 'on'; DELETE FROM audit_auditentry WHERE id = {pk}",
    "ALTER TABLE audit_auditentry DISABLE TRIGGER USER",
    "TRUNCATE audit_auditentry CASCADE",
    "DROP TABLE audit_auditperson",
    "CREATE TABLE hf_intruder (id int)",
])
def test_the_application_role_cannot_change_the_trail_or_the_schema(as_app_role, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        for part in statement.format(pk=as_app_role.pk).split("; "):
            cursor.execute(part)
    assert AuditEntry.objects.filter(pk=as_app_role.pk, detail="").exists()


def test_the_application_works_as_usual_under_the_role(as_app_role, office_user, office_client):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == ROLE
    case = make_case(actor=office_user, family_name="Rollentest")
    assert office_client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert office_client.get(reverse("cases:list"), {"q": "Rollentest"}).status_code == 200
    assert AuditEntry.objects.filter(case_id=case.pk, action=AuditEntry.Action.READ).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == ROLE


def test_pruning_as_the_application_role_is_refused(as_app_role):
    from datetime import date

    from haertefall.audit.services import audit_prune

    with connection.cursor() as cursor:  # an entry of 2001, written as the owner
        cursor.execute("RESET ROLE")
        cursor.execute("INSERT INTO audit_auditentry (at, username, role, action, object_type, object_id, "
                       "file_number, person_ids, detail) "
                       "VALUES ('2001-01-01T00:00:00Z', 'alt', '', 'read', 'cases.case', '1', '', '[]', '')")
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
    with pytest.raises(DatabaseError), transaction.atomic():
        audit_prune(before=date(2002, 1, 1), today=date(2030, 1, 1))
    assert AuditEntry.objects.filter(at__year=2001).count() == 1
