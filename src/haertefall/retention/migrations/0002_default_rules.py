from django.db import migrations

# closure -> (years, reason); see docs/decisions/0065-retention-periods.md
DEFAULTS = {
    "followed": (10, "Ersuchen gefolgt: Nachweis für spätere Verfahren der Person (Verlängerung, Widerruf)."),
    "not_followed": (10, "Ersuchen gestellt: Nachfragen von Behörden, Petitionen, Wiederholungsanträge."),
    "request_other_closure": (10, "Ersuchen gestellt: wie oben."),
    "revoked": (10, "Widerruf des Ersuchens: Nachweis bei erneutem Antrag."),
    "no_request": (5, "Kein Ersuchen: Erkennen von Wiederholungsanträgen."),
    "other_closure": (5, "Andere Erledigung vor Entscheidung: Erkennen von Wiederholungsanträgen."),
}


def forwards(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for closure, (years, basis) in DEFAULTS.items():
        RetentionRule.objects.get_or_create(closure=closure, defaults={"years": years, "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
