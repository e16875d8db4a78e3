"""Issue 14: the pre-screening committee is optional, withdrawing a request is the commission's
decision, and the commission weighs each regular exclusion ground (decisions 0101, 0102, 0105).

- ``PrescreenCommitteeConfig``: whether a Land's commission has a committee, with a validity
  period (§ 3 Abs. 3 HFKVO "kann ... bilden"); it replaces ``Commission.prescreen_formed``.
  NRW is seeded with a committee: the activity report 2024 (ch. 3) describes it at work.
- ``PrescreenNomination``: the commission's decisions naming the committee (§ 3 Abs. 3).
- ``AgendaItem.subject`` / ``facts``: request, take-up (§ 4 Abs. 3) or withdrawal; items of
  the committee's sessions are take-up items.
- ``GroundWeighing``: per flagged ground, whether it excludes a positive decision and why;
  frozen with the minutes like the decision itself (the guard of migration 0003), except the
  blanking of its text by retention.
"""

from datetime import date

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COMMITTEE_RULES = [
    dict(key="nrw-vorpruefung", land="NW", valid_from=date(2005, 1, 1), valid_to=None, committee_formed=True,
         label_de="Nordrhein-Westfalen: Die Härtefallkommission hat einen Vorprüfungsausschuss gebildet "
                  "(§ 3 Abs. 3 HFKVO; Tätigkeitsbericht 2024, Kap. 3). Er entscheidet über die Befassung; "
                  "abgelehnt ist ein Fall nur mit der Mehrheit gegen die Befassung."),
]


def seed(apps, schema_editor):
    """The shipped committee rules (also for tests that flush the database)."""
    Config = apps.get_model("meetings", "PrescreenCommitteeConfig")
    for values in COMMITTEE_RULES:
        Config.objects.get_or_create(key=values["key"], defaults=values)


def forwards(apps, schema_editor):
    seed(apps, schema_editor)
    Item = apps.get_model("meetings", "AgendaItem")
    Item.objects.filter(meeting__kind="prescreen").update(subject="take_up")


def restore_prescreen_formed(apps, schema_editor):
    # Backwards: the flag comes back as "formed" wherever the committee has places.
    Commission = apps.get_model("meetings", "Commission")
    Commission.objects.filter(prescreen_seats__isnull=False).update(prescreen_formed=True)


MESSAGE = "Das Protokoll dieser Sitzung ist genehmigt und kann nicht mehr geändert werden."
TABLE = "meetings_groundweighing"
MEETING_OF = ("(SELECT i.meeting_id FROM meetings_itemdecision d JOIN meetings_agendaitem i ON i.id = d.item_id "
              "WHERE d.id = {row}.decision_id)")
SCRUB_ALLOWED = "NEW.reasons = '' AND NEW.excludes = OLD.excludes AND NEW.ground_id = OLD.ground_id " \
                "AND NEW.decision_id = OLD.decision_id"


def _guard_sql(vendor: str) -> tuple[list[str], list[str]]:
    create, drop = [], []
    if vendor == "sqlite":
        for op, row in (("INSERT", "NEW"), ("UPDATE", "OLD")):
            exception = f" AND NOT ({SCRUB_ALLOWED})" if op == "UPDATE" else ""
            create.append(
                f"CREATE TRIGGER {TABLE}_frozen_{op.lower()} BEFORE {op} ON {TABLE} "
                f"WHEN EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = {MEETING_OF.format(row=row)})"
                f"{exception} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;")
            drop.append(f"DROP TRIGGER IF EXISTS {TABLE}_frozen_{op.lower()};")
    elif vendor == "postgresql":
        old, new = MEETING_OF.format(row="OLD"), MEETING_OF.format(row="NEW")
        create.append(f"""CREATE OR REPLACE FUNCTION {TABLE}_frozen() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND {SCRUB_ALLOWED} THEN RETURN NEW; END IF;
          IF (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = {old}))
             OR EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = {new}) THEN
            RAISE EXCEPTION '{MESSAGE}';
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql;""")
        create.append(f"CREATE TRIGGER {TABLE}_frozen BEFORE INSERT OR UPDATE ON {TABLE} "
                      f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_frozen();")
        drop += [f"DROP TRIGGER IF EXISTS {TABLE}_frozen ON {TABLE};", f"DROP FUNCTION IF EXISTS {TABLE}_frozen();"]
    return create, drop


def weighing_guard_install(apps, schema_editor):
    for sql in _guard_sql(schema_editor.connection.vendor)[0]:
        schema_editor.execute(sql)


def weighing_guard_remove(apps, schema_editor):
    for sql in _guard_sql(schema_editor.connection.vendor)[1]:
        schema_editor.execute(sql)


def _minutes_guard():
    from importlib import import_module

    return import_module("haertefall.meetings.migrations.0003_seed_rules_and_minutes_guard")


def minutes_guard_remove(apps, schema_editor):
    # SQLite rebuilds meetings_agendaitem for the new columns; the triggers of 0003 name it.
    _minutes_guard().guard_remove(apps, schema_editor)


def minutes_guard_install(apps, schema_editor):
    _minutes_guard().guard_install(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0005_excluded_members_quorum'),
        ('registers', '0002_load_shipped_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(minutes_guard_remove, minutes_guard_install),
        migrations.RunPython(migrations.RunPython.noop, restore_prescreen_formed),
        migrations.RemoveField(
            model_name='commission',
            name='prescreen_formed',
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='facts',
            field=models.TextField(blank=True, help_text='Nur bei der Rücknahme: was die Geschäftsstelle festgestellt hat, z. B. falsche Personalien (Tätigkeitsbericht Kap. 5). Die Kommission entscheidet; intern, geht an keine Behörde.', verbose_name='Sachverhalt'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='subject',
            field=models.CharField(choices=[('request', 'Beratung: Härtefallersuchen'), ('take_up', 'Befassung'), ('revocation', 'Rücknahme des Ersuchens')], default='request', help_text='Härtefallersuchen (§ 6 Abs. 3 HFKVO), Befassung (Vorprüfungsausschuss, § 3 Abs. 3, oder Vorlage an die Kommission, § 4 Abs. 3 HFKVO) oder Rücknahme eines Ersuchens (Tätigkeitsbericht Kap. 5).', max_length=20, verbose_name='Gegenstand'),
        ),
        migrations.AlterField(
            model_name='itemdecision',
            name='outcome',
            field=models.CharField(choices=[('request', 'Härtefallersuchen'), ('no_request', 'Kein Ersuchen'), ('deferred', 'Vertagt'), ('take_up', 'Befassung'), ('no_take_up', 'Keine Befassung'), ('revoke', 'Rücknahme des Ersuchens'), ('keep', 'Ersuchen bleibt bestehen')], max_length=20, verbose_name='Beschluss'),
        ),
        migrations.AlterField(
            model_name='itemvote',
            name='motion',
            field=models.CharField(choices=[('request', 'Härtefallersuchen'), ('recommendation', 'Empfehlung'), ('take_up', 'Befassung'), ('revocation', 'Rücknahme des Ersuchens')], max_length=20, verbose_name='Abstimmung über'),
        ),
        migrations.CreateModel(
            name='PrescreenCommitteeConfig',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=60, unique=True, verbose_name='Schlüssel')),
                ('land', models.CharField(help_text='ISO-3166-2-Kürzel, z. B. NW.', max_length=2, verbose_name='Land')),
                ('valid_from', models.DateField(verbose_name='Gültig ab')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='Gültig bis')),
                ('committee_formed', models.BooleanField(help_text='§ 3 Abs. 3 HFKVO: Die Kommission kann einen Vorprüfungsausschuss bilden; er entscheidet über die Befassung. Ohne ihn bittet die Geschäftsstelle nach einer Prüfung ohne Ausschlussgründe direkt um die Stellungnahme (§ 4 Abs. 2 HFKVO), und die Kommission tagt monatlich statt vierteljährlich (§ 6 Abs. 2 Satz 1 und 2 HFKVO).', verbose_name='Vorprüfungsausschuss gebildet')),
                ('label_de', models.TextField(help_text='Quelle, z. B. „§ 3 Abs. 3 HFKVO NRW“.', verbose_name='Beschreibung')),
            ],
            options={
                'verbose_name': 'Regel zum Vorprüfungsausschuss',
                'verbose_name_plural': 'Regeln zum Vorprüfungsausschuss',
                'ordering': ['land', 'valid_from'],
                'constraints': [models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_to__gte', models.F('valid_from')), _connector='OR'), name='prescreen_config_valid_to_after_from')],
            },
        ),
        migrations.CreateModel(
            name='GroundWeighing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('excludes', models.BooleanField(help_text='§ 5 Abs. 2 HFKVO: ja, wenn nichts im Einzelfall den Soll-Ausschlussgrund überwiegt (Tätigkeitsbericht Kap. 5). Dann ist kein Härtefallersuchen möglich.', verbose_name='Schließt eine positive Entscheidung aus')),
                ('reasons', models.TextField(help_text='Warum der Grund überwiegt oder nicht; steht im Protokoll.', verbose_name='Abwägung')),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='weighings', to='meetings.itemdecision')),
                ('ground', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registers.exclusionground', verbose_name='Soll-Ausschlussgrund')),
            ],
            options={
                'verbose_name': 'Abwägung eines Soll-Ausschlussgrunds',
                'verbose_name_plural': 'Abwägungen von Soll-Ausschlussgründen',
                'ordering': ['decision', 'ground__code'],
                'constraints': [models.UniqueConstraint(fields=('decision', 'ground'), name='one_weighing_per_ground')],
            },
        ),
        migrations.CreateModel(
            name='PrescreenNomination',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(help_text='1 = Vorsitz (kraft Amtes, § 3 Abs. 3 HFKVO), 2 und 3 = von der Kommission benannte Mitglieder.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(3)], verbose_name='Platz Nr.')),
                ('decided_on', models.DateField(help_text='Die Kommission benennt die Mitglieder des Vorprüfungsausschusses und ihre Stellvertretungen (§ 3 Abs. 3 HFKVO).', verbose_name='Beschluss der Kommission vom')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('commission', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='prescreen_nominations', to='meetings.commission')),
                ('deputy', models.ForeignKey(help_text='Aus der Kommission benannt (§ 3 Abs. 3 Satz 2 HFKVO).', on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Stellvertretung')),
                ('meeting', models.ForeignKey(blank=True, help_text='Die Sitzung, in der die Kommission benannt hat, wenn sie im System erfasst ist.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='prescreen_nominations', to='meetings.meeting', verbose_name='Sitzung der Kommission')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Mitglied')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'Benennung für den Vorprüfungsausschuss',
                'verbose_name_plural': 'Benennungen für den Vorprüfungsausschuss',
                'ordering': ['commission', '-decided_on', 'number', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('number__gte', 1), ('number__lte', 3)), name='prescreen_nomination_three_places')],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(minutes_guard_install, minutes_guard_remove),
        migrations.RunPython(weighing_guard_install, weighing_guard_remove),
    ]
