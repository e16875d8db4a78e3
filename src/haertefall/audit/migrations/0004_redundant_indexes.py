"""Drop two indexes that others already cover: the user's (the (user, at) index leads with it)
and the entry's on AuditPerson (the unique (entry, person_id) constraint's index). One audit
entry is written per page that shows personal data; each index made that write slower.

Only the indexes are dropped (state and database separately): Django's SQLite schema editor
would otherwise rebuild both tables, and a rebuilt table loses the append-only triggers of
migration 0003."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEXES = [
    ("audit_auditentry_user_id_b5ee03cd", "audit_auditentry", "user_id"),
    ("audit_auditperson_entry_id_a86c52fa", "audit_auditperson", "entry_id"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_append_only_triggers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="user",
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                            to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name="auditperson",
                    name="entry",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="persons", to="audit.auditentry"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{name}"',
                                  reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")')
                for name, table, column in INDEXES
            ],
        ),
    ]
