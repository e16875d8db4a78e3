"""Database triggers that refuse UPDATE and DELETE on the audit tables.

The model refuses save()/delete() of existing rows already; these triggers also stop
queryset.update(), raw SQL and other programs using the database. PostgreSQL lets DELETE
through only inside ``audit.services.audit_maintenance`` (a transaction-local setting);
SQLite asks the connection function ``hf_audit_delete_allowed()``, which exists only in
connections opened by this application (a sqlite3 shell gets "no such function", so it is
refused too).
"""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_auditperson")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION hf_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('haertefall.audit_maintenance', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Protokolleinträge sind unveränderlich (% auf %).', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION hf_audit_append_only();"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'Protokolleinträge sind unveränderlich (UPDATE auf {table}).'); END;"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"WHEN NOT hf_audit_delete_allowed() "
                f"BEGIN SELECT RAISE(ABORT, 'Protokolleinträge sind unveränderlich (DELETE auf {table}).'); END;"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS hf_audit_append_only();")
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_audit_person")]

    operations = [migrations.RunPython(forwards, backwards)]
