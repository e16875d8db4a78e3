"""PostgreSQL: DELETE on the audit tables only by the tables' owner, inside
``audit.services.audit_maintenance``. Before, any role that could set the transaction-local
setting could delete (issue 17): the application's own role can, so the setting alone opened
the trigger. Production runs the application under a role that owns nothing
(``haertefall grant-app-role``); pruning the trail runs as the owner."""

from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION hf_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('haertefall.audit_maintenance', true) = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Protokolleinträge sind unveränderlich (% auf %).', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""

PREVIOUS = """
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
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_redundant_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
