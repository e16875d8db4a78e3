"""Bulk-load a register CSV straight into cases, persons and events — the bench's stand-in.

Used above ``BENCH_IMPORT_MAX_SIZE`` (where the import is not measured) and when the
project's ``haertefall import-register`` failed or timed out, so that the report and the
pages can still be measured at scale; the results JSON then says ``"loaded_by": "bench-seed"``.
It writes what the lifecycle services would write for each row (a receipt event, the
commission outcome, the authority's result, each with its ``stat_status``, and the statistics'
read model rows from ``statistics.figures.figures_rows``) but in bulk and without checks: it is a benchmark fixture, not an import.

Run in a child process: ``python -m bench.seed FILE`` (Django settings from env).
``python -m bench.seed --add-persons`` gives imported cases (registers have no
names) a named main person, so that the case list's name search has names to search.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from datetime import date, datetime

BATCH = 5000
# Names built from syllables: about 5,000 family names and 40 given names, so that a family
# name is shared by a few dozen cases at 100,000 (like a common name) and a full name rarely
# twice (a real repeat application is the exception, not the rule).
_HEADS = ("Ber", "Kras", "Yil", "Ka", "Hox", "Pet", "Jova", "Mame", "Hako", "Ahma", "Men", "Oka",
          "Dial", "Kabi", "Had", "Ngu", "Pope", "Gash", "Dem", "Ali", "Sark", "Rahi", "Bajr", "Osma")
_MIDS = ("", "an", "el", "ur", "om", "is", "ar", "en", "ol", "ag")
_TAILS = ("isha", "niqi", "maz", "ya", "ha", "rović", "nović", "dov", "byan", "di", "sah", "for",
          "lo", "la", "dad", "yen", "scu", "hi", "ir", "yev", "isian", "mi", "ami", "ni")
FAMILY = tuple(h + m + t for h in _HEADS for m in _MIDS for t in _TAILS)
GIVEN = ("Arben", "Elira", "Mehmet", "Ayşe", "Dragan", "Milica", "Farid", "Narine", "Kwame",
         "Amina", "Nadia", "Jamal", "Leyla", "Ilir", "Vesna", "Samir", "Fatima", "Goran", "Blerim",
         "Drita", "Emine", "Hasan", "Irina", "Jelena", "Karim", "Lejla", "Marko", "Nermin", "Omid",
         "Parisa", "Rustam", "Sanja", "Tigran", "Valbona", "Yusuf", "Zainab", "Anahit", "Besnik",
         "Chidi", "Dilan")


def _date(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    fmt = "%d.%m.%Y" if "." in text else "%Y-%m-%d"
    return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - plain dates


class FastInsert:
    """INSERT many rows of a model with executemany, bypassing the ORM's per-row compiling.

    Every column gets the model's default (computed once, as Django would write it); a row
    gives only the columns that vary. Ids are assigned here (the database is fresh or we
    continue after its highest id), and PostgreSQL's sequence is moved past them at the end.
    """

    def __init__(self, model, varying: list[str]):
        from django.db import connection

        self.model, self.connection = model, connection
        self.table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
        template = model()
        self.columns = ["id", *[f.column for f in fields]]
        defaults = []
        for f in fields:
            value = f.pre_save(template, add=True)
            defaults.append(f.get_db_prep_save(value, connection))
        self.defaults = defaults
        self.positions = [self.columns.index(c) - 1 for c in varying]
        cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        self.sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({cols}) VALUES ({', '.join(['%s'] * len(self.columns))})"  # noqa: S608 - names from model meta
        with connection.cursor() as cur:
            cur.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(self.table)}")  # noqa: S608
            self.next_id = (cur.fetchone()[0] or 0) + 1

    def add(self, rows: list[tuple]) -> list[int]:
        """Insert rows (values of the varying columns, in order); returns their ids."""
        out, ids = [], []
        for values in rows:
            record = list(self.defaults)
            for pos, value in zip(self.positions, values, strict=True):
                record[pos] = value
            ids.append(self.next_id)
            out.append((self.next_id, *record))
            self.next_id += 1
        if self.connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: one stream instead of a statement per row.
            cols = ", ".join(self.connection.ops.quote_name(c) for c in self.columns)
            with self.connection.cursor() as cur, cur.cursor.copy(
                f"COPY {self.connection.ops.quote_name(self.table)} ({cols}) FROM STDIN"
            ) as copy:
                for record in out:
                    copy.write_row(record)
        else:
            with self.connection.cursor() as cur:
                cur.executemany(self.sql, out)
        return ids

    def finish(self) -> None:
        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as cur:
                cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                            [self.table, max(self.next_id - 1, 1)])


def seed(path: str, *, name_index: bool = True) -> int:
    from django.db import connection, transaction

    from haertefall.cases.models import Case, CaseEvent, Person
    from haertefall.cases.states import STAT_STATUS, Closure, ClosureReason, State, Step
    from haertefall.core.text import name_key
    from haertefall.registers.country_lookup import default_index
    from haertefall.registers.models import Authority, Country
    from haertefall.statistics.figures import COLUMNS as FIGURE_COLUMNS
    from haertefall.statistics.figures import figures_rows
    from haertefall.statistics.models import CaseFigures

    index = default_index()
    countries = {c.destatis_code: c.pk for c in Country.objects.all()}
    authorities = {a.name: a.pk for a in Authority.objects.all()}
    resolved: dict[str, int] = {}
    rng = random.Random(1)
    day = connection.ops.adapt_datefield_value
    cases_ins = FastInsert(Case, ["file_number", "year", "received_on", "country_id", "authority_id",
                                  "persons_count", "source", "state", "closure", "closure_reason",
                                  "closed_on"])
    persons_ins = FastInsert(Person, ["case_id", "family_name", "given_names", "nationality_id",
                                      "search_text"])
    events_ins = FastInsert(CaseEvent, ["case_id", "sequence", "event_type", "step", "effective_on",
                                        "stat_status"])
    # The statistics' read model, from the same steps by the product's own projection.
    figures_ins = FastInsert(CaseFigures, list(FIGURE_COLUMNS))
    date_columns = {c for c in FIGURE_COLUMNS if c.endswith(("_on", "_from", "_until"))}

    def country_id(raw: str) -> int:
        if raw not in resolved:
            record = index.resolve(raw)
            if record is None:
                raise ValueError(f"unknown country {raw!r}")
            resolved[raw] = countries[record.destatis_code]
        return resolved[raw]

    def plan(row):
        """(received, case fields, [(step, effective_on)]) for one register row."""
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
        case_rows = []
        for row, received, fields, _steps in batch:
            cid = country_id(row["Staatsangehörigkeit"].strip())
            case_rows.append((row["Aktenzeichen"].strip(), received.year, day(received), cid,
                              authorities.get((row.get("Ausländerbehörde") or "").strip()),
                              int(row.get("Personen") or 1), Case.Source.IMPORT, fields["state"],
                              fields["closure"], fields["closure_reason"], day(fields["closed_on"])))
        ids = cases_ins.add(case_rows)
        persons, events, figures = [], [], []
        for case_id, case_row, (_row, received, _fields, steps) in zip(ids, case_rows, batch, strict=True):
            for fig in figures_rows(case_id=case_id, received_on=received, country_id=case_row[3],
                                    authority_id=case_row[4], persons=case_row[5], events=steps):
                figures.append(tuple(day(fig[c]) if c in date_columns else fig[c] for c in FIGURE_COLUMNS))
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            persons.append((case_id, family, given, case_row[3], name_key(f"{family} {given}")))
            for seq, (step, on) in enumerate(steps, start=1):
                events.append((case_id, seq, str(step), str(step), day(on), STAT_STATUS.get(step, "")))
        persons_ins.add(persons)
        events_ins.add(events)
        figures_ins.add(figures)

    count = 0
    batch = []
    with transaction.atomic(), open(path, encoding="utf-8-sig", newline="") as fh:
        if connection.vendor == "postgresql":
            # A fixture, not an import: skip the per-row foreign-key triggers (the rows are
            # consistent by construction). Needs a superuser, which the bench database has.
            with connection.cursor() as cur:
                cur.execute("SET LOCAL session_replication_role = replica")
        for row in csv.DictReader(fh, delimiter=";"):
            batch.append((row, *plan(row)))
            if len(batch) >= BATCH:
                flush(batch)
                count += len(batch)
                batch = []
        if batch:
            flush(batch)
            count += len(batch)
        for ins in (cases_ins, persons_ins, events_ins, figures_ins):
            ins.finish()
        if name_index:
            _name_index()
    _settle()
    return count


def add_persons(*, name_index: bool = True) -> int:
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
    with transaction.atomic():
        ins = FastInsert(Person, ["case_id", "family_name", "given_names", "nationality_id",
                                  "search_text"])
        while True:
            chunk = list(Case.objects.filter(pk__gt=last_pk, persons__isnull=True).order_by("pk")
                         .values_list("pk", "country_id")[:BATCH])
            if not chunk:
                break
            persons = []
            for case_id, country_id in chunk:
                family, given = rng.choice(FAMILY), rng.choice(GIVEN)
                persons.append((case_id, family, given, country_id, name_key(f"{family} {given}")))
            ins.add(persons)
            added += len(persons)
            last_pk = chunk[-1][0]
        ins.finish()
        if name_index:
            _name_index()
    _settle()  # outside the transaction: VACUUM cannot run in one
    return added


def _name_index() -> None:
    """Search words, name forms and possible repeats, as the intake stores them per person."""
    from haertefall.cases.services.names import person_index_build

    started = time.perf_counter()
    repeats = person_index_build()
    print(f"name index: {repeats} repeat rows in {time.perf_counter() - started:.1f}s", file=sys.stderr)


def _settle() -> None:
    """PostgreSQL: vacuum, analyze and checkpoint after the bulk load, as the server would do
    on its own within minutes. A database in use is in that state; one measured right after
    loading 100,000 cases has autovacuum and the checkpointer working through them during the
    page load (their CPU and disk on the same machine), and no visibility map for index-only
    scans."""
    from django.db import DatabaseError, connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM (ANALYZE)")
            try:
                cur.execute("CHECKPOINT")
            except DatabaseError as error:  # needs superuser or pg_checkpoint
                print(f"no CHECKPOINT after the load: {error}", file=sys.stderr)


def main() -> int:
    import django

    django.setup()
    started = time.perf_counter()
    name_index = "--no-name-index" not in sys.argv
    if sys.argv[1] == "--add-persons":
        count = add_persons(name_index=name_index)
        print(f"{count} persons added in {time.perf_counter() - started:.1f}s")
    else:
        count = seed(sys.argv[1], name_index=name_index)
        print(f"{count} rows seeded in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
