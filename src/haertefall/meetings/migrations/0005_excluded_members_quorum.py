"""A member excluded from one item for a conflict of interest stays present for the quorum.

§ 6 Abs. 2 Satz 3 HFKVO NRW counts who is *present*; the majority (§ 6 Abs. 3 Satz 2) is
counted among those present who may vote on the item. The old single flag
(``excluded_members_count_as_present``) meant both; it becomes the majority flag and the
quorum gets its own (docs/decisions/0100-quorum-counts-who-is-present.md).

The NRW row is corrected in place: § 6 has not changed since 2005, the encoding was wrong.
Decisions recorded before keep the quorum text they were recorded with. Values are written
out here so that the migration does the same thing when ``meetings.rules`` changes later.
"""

from django.db import migrations, models

LABELS = {
    "nrw-2020": (
        "Nordrhein-Westfalen (§ 6 Abs. 2 und 3 HFKVO): beschlussfähig, wenn mindestens die Hälfte "
        "der Mitglieder anwesend ist; wer wegen Befangenheit von einem Punkt ausgeschlossen ist, "
        "bleibt für die Beschlussfähigkeit anwesend. Ein Härtefallersuchen braucht die "
        "Stimmenmehrheit der anwesenden Mitglieder, die über den Punkt abstimmen dürfen (mehr "
        "Ja-Stimmen als die Hälfte von ihnen, Enthaltungen wirken wie Nein-Stimmen)."
    ),
    "berlin-style-two-thirds": (
        "Nach Berliner Vorbild: beschlussfähig, wenn mindestens die Hälfte der Mitglieder "
        "anwesend ist; ein Härtefallersuchen braucht mindestens zwei Drittel der abgegebenen "
        "Ja- und Nein-Stimmen, Enthaltungen zählen nicht; wegen Befangenheit ausgeschlossene "
        "Mitglieder zählen weder für die Beschlussfähigkeit noch für die Mehrheit."
    ),
    "bayern-style": (
        "Nach bayerischem Vorbild: beschlussfähig, wenn alle Mitglieder eingeladen und "
        "mindestens zwei Drittel anwesend sind; ein Härtefallersuchen braucht mindestens zwei "
        "Drittel der anwesenden Mitglieder; befangene Mitglieder sind ausgeschlossen und "
        "zählen weder für die Beschlussfähigkeit noch für die Mehrheit als anwesend."
    ),
}
# Before this migration every shipped rule treated excluded members as absent for both.
COUNT_FOR_QUORUM = {"nrw-2020": True, "berlin-style-two-thirds": False, "bayern-style": False}


def forwards(apps, schema_editor):
    Config = apps.get_model("meetings", "DecisionRuleConfig")
    # Rows added by an installation keep their old meaning: the old flag meant both.
    for config in Config.objects.all():
        config.excluded_count_for_quorum = COUNT_FOR_QUORUM.get(config.key, config.excluded_count_for_majority)
        if config.key in LABELS:
            config.label_de = LABELS[config.key]
        config.save(update_fields=["excluded_count_for_quorum", "label_de"])


def seed(apps, schema_editor):
    """The shipped rules as this migration leaves them, for tests that flush the database
    (0003's own ``seed`` writes the field under its old name)."""
    from importlib import import_module

    Config = apps.get_model("meetings", "DecisionRuleConfig")
    for values in import_module("haertefall.meetings.migrations.0003_seed_rules_and_minutes_guard").RULES:
        values = dict(values)
        values["excluded_count_for_majority"] = values.pop("excluded_members_count_as_present")
        Config.objects.get_or_create(key=values["key"], defaults=values)
    forwards(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0004_meeting_change_and_cancel"),
    ]

    operations = [
        migrations.RenameField(
            model_name="decisionruleconfig",
            old_name="excluded_members_count_as_present",
            new_name="excluded_count_for_majority",
        ),
        migrations.AlterField(
            model_name="decisionruleconfig",
            name="excluded_count_for_majority",
            field=models.BooleanField(
                default=False,
                help_text="Nein (NRW): die Mehrheit wird unter den Anwesenden gezählt, die über den Punkt "
                "abstimmen dürfen (§ 6 Abs. 3 Satz 2 HFKVO NRW). Ja: sie wirken wie Nein-Stimmen.",
                verbose_name="Befangene Mitglieder zählen für die Mehrheit",
            ),
        ),
        migrations.AddField(
            model_name="decisionruleconfig",
            name="excluded_count_for_quorum",
            field=models.BooleanField(
                default=True,
                help_text="Wer wegen Befangenheit von einem Punkt ausgeschlossen ist, bleibt anwesend: "
                "§ 6 Abs. 2 Satz 3 HFKVO NRW („beschlussfähig, wenn mindestens die Hälfte ihrer Mitglieder "
                "anwesend ist“). Andere Länder können es anders regeln.",
                verbose_name="Befangene Mitglieder zählen für die Beschlussfähigkeit",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
