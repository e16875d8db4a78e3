"""Fill the name forms, search words and stored repeats for persons recorded before 0003.

Uses the service's bulk builder (batched; repeat pairs found group by group in memory) so the
fill follows exactly the rule the services apply from now on. It reads and writes only the
columns these two migrations know.
"""

from django.db import migrations


def fill(apps, schema_editor):
    from haertefall.cases.services.names import person_index_build

    person_index_build()


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_person_name_index")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
