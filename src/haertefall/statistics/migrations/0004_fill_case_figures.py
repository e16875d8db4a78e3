"""Fill the statistics' read model from the events already stored (docs/decisions/0103).

The projection is the pure ``figures_rows``; the rows are read and written with the
historical models, in chunks, so that memory stays flat. ``haertefall rebuild-statistics
--check`` proves the result equal to the events afterwards.
"""

from django.db import migrations

CHUNK = 2000


def fill(apps, schema_editor):
    from haertefall.statistics.figures import FIGURE_STEPS, figures_rows

    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    Person = apps.get_model("cases", "Person")
    CaseFigures = apps.get_model("statistics", "CaseFigures")
    last_pk = 0
    while True:
        cases = list(Case.objects.filter(pk__gt=last_pk).order_by("pk")
                     .values_list("pk", "received_on", "country_id", "authority_id", "persons_count")[:CHUNK])
        if not cases:
            break
        last_pk = cases[-1][0]
        ids = [c[0] for c in cases]
        events = {pk: [] for pk in ids}
        for case_id, step, on in (CaseEvent.objects.filter(case_id__in=ids, step__in=FIGURE_STEPS)
                                  .order_by("case_id", "sequence").values_list("case_id", "step", "effective_on")):
            events[case_id].append((step, on))
        born = {pk: [] for pk in ids}
        for case_id, birth_date in Person.objects.filter(case_id__in=ids, birth_date__isnull=False).values_list(
                "case_id", "birth_date"):
            born[case_id].append(birth_date)
        # Columns added by later migrations (0005: country_assigned; 0006: the persons with an
        # outcome of their own) are not in this state of the model; they start empty (0) and
        # the later migrations leave them so.
        later = {"country_assigned_id", "split_followed", "split_not_followed", "split_other_closure"}
        CaseFigures.objects.bulk_create([
            CaseFigures(**{key: value for key, value in row.items() if key not in later})
            for pk, received_on, country_id, authority_id, persons in cases
            for row in figures_rows(case_id=pk, received_on=received_on, country_id=country_id,
                                    authority_id=authority_id, persons=persons, events=events[pk],
                                    birth_dates=born[pk])
        ], batch_size=CHUNK)


class Migration(migrations.Migration):

    dependencies = [
        ("statistics", "0003_case_figures"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
