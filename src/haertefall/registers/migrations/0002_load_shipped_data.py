from django.db import migrations


def load(apps, schema_editor):
    # The loaders as they were when this migration was written; later data comes with later
    # migrations (0003: successor states), which need fields this state does not have yet.
    from haertefall.registers.loading import load_authorities, load_countries, load_exclusion_grounds

    get = lambda name: apps.get_model("registers", name)  # noqa: E731
    load_countries(get("Country"))
    load_authorities(get("Authority"))
    load_exclusion_grounds(get("ExclusionCatalogue"), get("ExclusionGround"))


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
