from django.db import migrations


def seed(apps, schema_editor):
    from haertefall.statistics.chapters import DEFAULT_CHAPTERS

    ReportChapter = apps.get_model("statistics", "ReportChapter")
    for order, (key, title, text) in enumerate(DEFAULT_CHAPTERS, start=1):
        ReportChapter.objects.get_or_create(key=key, defaults={"title": title, "text": text, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
