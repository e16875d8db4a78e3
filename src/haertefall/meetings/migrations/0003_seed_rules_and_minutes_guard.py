"""Seed the decision rules shipped with haertefall and guard approved minutes in the database.

The rule values are written out here (not imported from meetings.rules) so that this
migration keeps doing the same thing when the module changes later.

The triggers make approved minutes immutable below the application: once a meeting has
minutes, its minutes row can no longer be updated, and its decisions, vote counts, exclusions
and attendance can no longer be inserted or updated, whatever code runs. Deleting is left to
the retention concept (and test database flushes); see docs/decisions/0042-minutes.md.
"""

from datetime import date

from django.db import migrations

RULES = [
    dict(key="nrw-2020", land="NW", valid_from=date(2005, 1, 1), valid_to=None,
         quorum_basis="seats", quorum_numerator=1, quorum_denominator=2,
         quorum_requires_all_invited=False, majority_basis="present", majority_numerator=1,
         majority_denominator=2, majority_strict=True, excluded_members_count_as_present=False,
         label_de="Nordrhein-Westfalen (§ 6 Abs. 2 und 3 HFKVO): beschlussfähig, wenn mindestens "
                  "die Hälfte der Mitglieder anwesend ist; ein Härtefallersuchen braucht die "
                  "Stimmenmehrheit der anwesenden Mitglieder."),
    dict(key="berlin-style-two-thirds", land="BE", valid_from=date(2005, 1, 1), valid_to=None,
         quorum_basis="seats", quorum_numerator=1, quorum_denominator=2,
         quorum_requires_all_invited=False, majority_basis="votes_cast", majority_numerator=2,
         majority_denominator=3, majority_strict=False, excluded_members_count_as_present=False,
         label_de="Nach Berliner Vorbild: mindestens zwei Drittel der abgegebenen Ja- und "
                  "Nein-Stimmen, Enthaltungen zählen nicht."),
    dict(key="bayern-style", land="BY", valid_from=date(2005, 1, 1), valid_to=None,
         quorum_basis="seats", quorum_numerator=2, quorum_denominator=3,
         quorum_requires_all_invited=True, majority_basis="present", majority_numerator=2,
         majority_denominator=3, majority_strict=False, excluded_members_count_as_present=False,
         label_de="Nach bayerischem Vorbild: alle eingeladen, zwei Drittel anwesend; zwei "
                  "Drittel der Anwesenden."),
]


def seed(apps, schema_editor):
    Config = apps.get_model("meetings", "DecisionRuleConfig")
    for values in RULES:
        Config.objects.get_or_create(key=values["key"], defaults=values)


GUARDED = {
    # table: SQL expression giving the meeting id of OLD/NEW row ({row} is OLD or NEW)
    "meetings_itemdecision": "(SELECT meeting_id FROM meetings_agendaitem WHERE id = {row}.item_id)",
    "meetings_itemvote": "(SELECT meeting_id FROM meetings_agendaitem WHERE id = {row}.item_id)",
    "meetings_itemexclusion": "(SELECT meeting_id FROM meetings_agendaitem WHERE id = {row}.item_id)",
    "meetings_attendance": "{row}.meeting_id",
}
# The one update allowed after approval: retention blanking a decision's free text
# (meetings.retention.retention_scrub_case); everything else about the decision stays.
SCRUB_ALLOWED = {
    "meetings_itemdecision": ("NEW.reasons = '' AND NEW.expectations_text = '' AND NEW.recommendation = '' "
                              "AND NEW.outcome = OLD.outcome AND NEW.item_id = OLD.item_id "
                              "AND NEW.rule_key = OLD.rule_key"),
}
MESSAGE = "Das Protokoll dieser Sitzung ist genehmigt und kann nicht mehr geändert werden."


def _sqlite_sql():
    create, drop = [], []
    for op in ("UPDATE",):
        name = f"meetings_minutes_frozen_{op.lower()}"
        create.append(f"CREATE TRIGGER {name} BEFORE {op} ON meetings_minutes "
                      f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;")
        drop.append(f"DROP TRIGGER IF EXISTS {name};")
    for table, meeting in GUARDED.items():
        for op, row in (("INSERT", "NEW"), ("UPDATE", "OLD")):
            name = f"{table}_frozen_{op.lower()}"
            exception = f" AND NOT ({SCRUB_ALLOWED[table]})" if op == "UPDATE" and table in SCRUB_ALLOWED else ""
            create.append(
                f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = {meeting.format(row=row)})"
                f"{exception} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
            drop.append(f"DROP TRIGGER IF EXISTS {name};")
    return create, drop


def _postgres_sql():
    create = [
        f"""CREATE OR REPLACE FUNCTION meetings_minutes_frozen() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;""",
        "CREATE TRIGGER meetings_minutes_frozen BEFORE UPDATE ON meetings_minutes "
        "FOR EACH ROW EXECUTE FUNCTION meetings_minutes_frozen();",
    ]
    drop = ["DROP TRIGGER IF EXISTS meetings_minutes_frozen ON meetings_minutes;"]
    for table, meeting in GUARDED.items():
        fn = f"{table}_frozen"
        old, new = meeting.format(row="OLD"), meeting.format(row="NEW")
        scrub = (f"IF TG_OP = 'UPDATE' AND {SCRUB_ALLOWED[table]} THEN RETURN NEW; END IF;"
                 if table in SCRUB_ALLOWED else "")
        create.append(f"""CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger AS $$
        BEGIN
          {scrub}
          IF (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = {old}))
             OR EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = {new}) THEN
            RAISE EXCEPTION '{MESSAGE}';
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql;""")
        create.append(f"CREATE TRIGGER {fn} BEFORE INSERT OR UPDATE ON {table} "
                      f"FOR EACH ROW EXECUTE FUNCTION {fn}();")
        drop.append(f"DROP TRIGGER IF EXISTS {fn} ON {table};")
    drop.append("DROP FUNCTION IF EXISTS meetings_minutes_frozen();")
    for table in GUARDED:
        drop.append(f"DROP FUNCTION IF EXISTS {table}_frozen();")
    return create, drop


def guard_install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = _sqlite_sql()[0]
    elif vendor == "postgresql":
        statements = _postgres_sql()[0]
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def guard_remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = _sqlite_sql()[1]
    elif vendor == "postgresql":
        statements = _postgres_sql()[1]
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0002_commission_members_votes_minutes"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(guard_install, guard_remove),
    ]
