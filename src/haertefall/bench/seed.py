"""Bulk-load a register CSV straight into cases, persons and events — the bench's stand-in.

Used only when the project's ``haertefall import-register`` is not available (or failed or
timed out), so that the report and the pages can still be measured at scale; the results
JSON then says ``"loaded_by": "bench-seed"`` and the import figure is missing. It writes what
the lifecycle services would write for each row (a receipt event, the commission outcome,
the authority's result, each with its ``stat_status``) but in bulk and without checks: it is
a benchmark fixture, not an import.

Run in a child process: ``python -m haertefall.bench.seed FILE`` (Django settings from env).
``python -m haertefall.bench.seed --add-persons`` gives imported cases (registers have no
names) a named main person, so that the case list's name search has names to search.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from datetime import date, datetime

BATCH = 5000
FAMILY = ("Berisha", "Krasniqi", "Yilmaz", "Kaya", "Hoxha", "Petrović", "Jovanović", "Mamedov",
          "Hakobyan", "Ahmadi", "Mensah", "Okafor", "Diallo", "Kabila", "Haddad", "Nguyen",
          "Popescu", "Gashi", "Demir", "Aliyev", "Sarkisian", "Rahimi", "Bajrami", "Osmani")
GIVEN = ("Arben", "Elira", "Mehmet", "Ayşe", "Dragan", "Milica", "Farid", "Narine", "Kwame",
         "Amina", "Nadia", "Jamal", "Leyla", "Ilir", "Vesna", "Samir", "Fatima", "Goran")


def _date(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    fmt = "%d.%m.%Y" if "." in text else "%Y-%m-%d"
    return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - plain dates


def seed(path: str) -> int:
    from django.db import transaction

    from haertefall.cases.models import Case, CaseEvent, Person
    from haertefall.cases.states import STAT_STATUS, Closure, ClosureReason, State, Step
    from haertefall.core.text import name_key
    from haertefall.registers.country_lookup import default_index
    from haertefall.registers.models import Authority, Country

    index = default_index()
    countries = {c.destatis_code: c.pk for c in Country.objects.all()}
    authorities = {a.name: a.pk for a in Authority.objects.all()}
    resolved: dict[str, int] = {}
    rng = random.Random(1)

    def country_id(raw: str) -> int:
        if raw not in resolved:
            record = index.resolve(raw)
            if record is None:
                raise ValueError(f"unknown country {raw!r}")
            resolved[raw] = countries[record.destatis_code]
        return resolved[raw]

    def plan(row):
        """(case fields, [(step, effective_on)]) for one register row."""
        received = _date(row["Eingangsdatum"])
        steps = [(Step.RECEIVE, received)]
        fields = {"state": State.RECEIVED, "closure": "", "closure_reason": "", "closed_on": None}
        erl = (row.get("Erledigung") or "").strip().lower()
        erg = (row.get("Ergebnis Ersuchen") or "").strip().lower()
        decided, resulted = _date(row.get("Erledigungsdatum")), _date(row.get("Ergebnisdatum"))
        if erl == "kein ersuchen":
            steps.append((Step.DECIDE_NO_REQUEST, decided))
            fields.update(state=State.CLOSED, closure=Closure.NO_REQUEST,
                          closure_reason=ClosureReason.COMMISSION_REJECTED, closed_on=decided)
        elif erl == "andere erledigung":
            steps.append((Step.CLOSE_OTHER, decided))
            fields.update(state=State.CLOSED, closure=Closure.OTHER_CLOSURE,
                          closure_reason=ClosureReason.OTHER, closed_on=decided)
        elif erl == "ersuchen":
            steps.append((Step.DECIDE_REQUEST, decided))
            fields["state"] = State.REQUEST_SENT
            result = {"gefolgt": (Step.OUTCOME_GRANTED, Closure.FOLLOWED, ClosureReason.PERMIT_GRANTED),
                      "nicht gefolgt": (Step.OUTCOME_NOT_FOLLOWED, Closure.NOT_FOLLOWED,
                                        ClosureReason.AUTHORITY_REFUSED),
                      "andere erledigung": (Step.OUTCOME_OTHER, Closure.REQUEST_OTHER_CLOSURE,
                                            ClosureReason.OTHER)}.get(erg)
            if result:
                steps.append((result[0], resulted))
                fields.update(state=State.CLOSED, closure=result[1], closure_reason=result[2],
                              closed_on=resulted)
        return received, fields, steps

    def flush(batch):
        with transaction.atomic():
            cases = Case.objects.bulk_create([
                Case(file_number=row["Aktenzeichen"].strip(), year=received.year, received_on=received,
                     country_id=country_id(row["Staatsangehörigkeit"].strip()),
                     authority_id=authorities.get((row.get("Ausländerbehörde") or "").strip()),
                     persons_count=int(row.get("Personen") or 1), source=Case.Source.IMPORT, **fields)
                for row, received, fields, _steps in batch
            ])
            persons, events = [], []
            for case, (_row, _received, _fields, steps) in zip(cases, batch, strict=True):
                family, given = rng.choice(FAMILY), rng.choice(GIVEN)
                persons.append(Person(case_id=case.pk, family_name=family, given_names=given,
                                      nationality_id=case.country_id,
                                      search_text=name_key(f"{family} {given}")))
                for seq, (step, on) in enumerate(steps, start=1):
                    events.append(CaseEvent(case_id=case.pk, sequence=seq, event_type=step, step=step,
                                            effective_on=on, stat_status=STAT_STATUS.get(step, ""),
                                            data={"source": "bench-seed"}))
            Person.objects.bulk_create(persons, batch_size=BATCH)
            CaseEvent.objects.bulk_create(events, batch_size=BATCH)

    count = 0
    batch = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            batch.append((row, *plan(row)))
            if len(batch) >= BATCH:
                flush(batch)
                count += len(batch)
                batch = []
    if batch:
        flush(batch)
        count += len(batch)
    return count


def add_persons() -> int:
    """Give every case without persons a named main person (registers carry no names).

    The case list's name search needs names to find; an imported register has none, so the
    bench adds one main person per case, in bulk, with the search key intake writes.
    """
    from django.db import transaction

    from haertefall.cases.models import Case, Person
    from haertefall.core.text import name_key

    rng = random.Random(2)
    added = 0
    last_pk = 0
    while True:
        chunk = list(Case.objects.filter(pk__gt=last_pk, persons__isnull=True).order_by("pk")
                     .values_list("pk", "country_id")[:BATCH])
        if not chunk:
            return added
        persons = []
        for case_id, country_id in chunk:
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            persons.append(Person(case_id=case_id, family_name=family, given_names=given,
                                  nationality_id=country_id, search_text=name_key(f"{family} {given}")))
        with transaction.atomic():
            Person.objects.bulk_create(persons)
        added += len(persons)
        last_pk = chunk[-1][0]


def main() -> int:
    import django

    django.setup()
    started = time.perf_counter()
    if sys.argv[1] == "--add-persons":
        count = add_persons()
        print(f"{count} persons added in {time.perf_counter() - started:.1f}s")
    else:
        count = seed(sys.argv[1])
        print(f"{count} rows seeded in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
