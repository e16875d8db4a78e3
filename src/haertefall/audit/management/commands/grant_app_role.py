"""``haertefall grant-app-role ROLE``: what the web application and the daily jobs may do on
PostgreSQL, granted to a role that owns nothing (issue 17, decision 0096).

Run as the owner of the tables (the role that runs ``migrate``), after every ``migrate``: new
tables get their rights only then. Idempotent. The role reads and writes the procedure's
tables; on the audit trail it may only read and add (no UPDATE, DELETE or TRUNCATE on any
table, no DDL, no triggers) — so no setting, statement or trigger switch of its own can remove
an audit entry. Pruning the trail (``haertefall audit-prune``) runs as the owner.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from haertefall.audit.models import AuditEntry, AuditPerson

APPEND_ONLY = (AuditEntry, AuditPerson)


class Command(BaseCommand):
    help = ("Gibt einer PostgreSQL-Rolle, die nichts besitzt, die Rechte der Anwendung "
            "(auf dem Protokoll nur Lesen und Anfügen). Nach jedem migrate als Eigentümer ausführen.")

    def add_arguments(self, parser):
        parser.add_argument("role", help="Name der Rolle, unter der die Anwendung läuft")

    def handle(self, *args, role: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Rollen und Rechte gibt es nur mit PostgreSQL (DATABASE_URL).")
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            found = cursor.fetchone()
            if found is None:
                raise CommandError(f"Die Rolle „{role}“ gibt es nicht; zuerst CREATE ROLE … LOGIN anlegen.")
            if found[0]:
                raise CommandError(f"„{role}“ ist Superuser; die Anwendung braucht eine Rolle ohne Sonderrechte.")
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) = %s", [role])
            if cursor.fetchone()[0]:
                raise CommandError(f"„{role}“ besitzt Tabellen; die Anwendung muss unter einer Rolle laufen, "
                                   "die nichts besitzt (migrate als Eigentümer ausführen).")
            cursor.execute("SELECT current_database(), current_schema()")
            database, schema = cursor.fetchone()
        name, db, sch = quote(role), quote(database), quote(schema)
        audit = ", ".join(quote(model._meta.db_table) for model in APPEND_ONLY)
        statements = [
            f"GRANT CONNECT ON DATABASE {db} TO {name}",
            f"GRANT USAGE ON SCHEMA {sch} TO {name}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {sch} FROM {name}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {name}",
            f"REVOKE UPDATE, DELETE ON {audit} FROM {name}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {name}",
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"Rechte für „{role}“ gesetzt (Protokoll: nur Lesen und Anfügen). "
                          "Nach jedem migrate erneut ausführen.")
