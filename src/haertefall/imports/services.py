"""Register import and export: the office's spreadsheet register in, the same format out.

``register_parse`` reads and validates a whole file without writing anything;
``register_import`` writes it all-or-nothing (one transaction) or, with ``dry_run``, only
reports what it would do. See docs/decisions/0020-register-import.md.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.states import STAT_STATUS, Step
from haertefall.core.errors import DomainError
from haertefall.statistics.figures import figures_insert, figures_rows
from haertefall.statistics.models import CaseFigures

from . import rows as R
from .bulk import bulk_insert
from .formats import FileRejected, csv_write, table_read, xlsx_write
from .selectors import (
    AuthorityIndex,
    CountryCache,
    case_register_rows,
    cases_by_file_number,
    cases_for_export,
    events_by_case,
)

WRITE_BATCH = 2000
EVENT_SOURCE = "register"  # CaseEvent.data["source"] of events the import generated

Progress = Callable[[str, int, int], None]  # (phase "parse" | "write", done, total)


@dataclass
class ImportRow:
    row: R.RegisterRow
    country_id: int
    country_code: str
    authority_id: int | None
    authority_key: str
    fingerprint: str


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[R.RowError] = field(default_factory=list)
    # Doubts that do not stop the import (R.row_warnings).
    warnings: list[R.RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    total: int = 0  # data lines in the file
    description: str = ""


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_file_numbers: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    description: str = ""
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_texts(self) -> list[str]:
        return [e["text"] for e in self.errors]

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        return cls(**data)

    def summary(self) -> str:
        """One German sentence on what happened (or would happen)."""
        counts = f"neu: {self.new}, geändert: {self.changed}, unverändert: {self.unchanged}"
        if self.errors:
            return (f"{len(self.errors)} Fehler in {self.total} Zeilen – es wurde nichts gespeichert."
                    if not self.dry_run else
                    f"Probelauf: {len(self.errors)} Fehler in {self.total} Zeilen – so würde nichts gespeichert.")
        if self.dry_run:
            return f"Probelauf ohne Fehler ({self.total} Zeilen) – würde speichern: {counts}."
        return f"Import gespeichert ({self.total} Zeilen): {counts}."


# --- reading ----------------------------------------------------------------------------

def _read_source(source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, (str, Path)):
        path = Path(source)
        return path.read_bytes(), name or path.name
    if isinstance(source, bytes):
        return source, name or ""
    data = source.read()
    return data, name or getattr(source, "name", "") or ""


def register_parse(source, *, name: str | None = None, today: date | None = None,
                   progress: Progress | None = None) -> ParseResult:
    """Read and check a register file (path, bytes or file object). Writes nothing."""
    data, name = _read_source(source, name)
    today = today or timezone.localdate()
    result = ParseResult()
    try:
        table = table_read(data, name)
    except FileRejected as exc:
        result.errors.append(R.RowError(1, "", "", exc.message.rstrip(".")))
        return result
    result.description = table.description
    result.total = len(table.rows)
    header = R.header_read(table.header)
    result.unknown_columns = list(header.unknown)
    if header.errors:
        result.errors.extend(header.errors)
        return result

    start_year = settings.HAERTEFALL_COMMISSION_START_YEAR
    countries = CountryCache()
    authorities = AuthorityIndex.load()
    authority_cache: dict[str, tuple[int, str] | R.ValueProblem] = {}
    seen: dict[str, int] = {}
    step = max(1, result.total // 100)
    for done, (line, cells) in enumerate(table.rows, start=1):
        if progress and done % step == 0:
            progress("parse", done, result.total)
        split = R.row_cells(cells, header)
        row, errors = R.row_parse(line, cells, header, today=today, split=split)
        bad_columns = {e.column for e in errors}
        cell = split[1].get

        # Every check runs on every line, so one run names every problem of the file.
        number = " ".join(cell(R.FILE_NUMBER, "").split())
        if number and R.FILE_NUMBER not in bad_columns:
            first = seen.setdefault(number.casefold(), line)
            if first != line:
                errors.append(R.RowError(line, R.FILE_NUMBER, number,
                                         f"Aktenzeichen „{number}“ steht schon in Zeile {first}"))
        country = None
        country_text = " ".join(cell(R.COUNTRY, "").split())
        if country_text:
            country = countries.resolve(country_text)
            if country is None:
                errors.append(R.RowError(line, R.COUNTRY, country_text, f"unbekannter Staat „{country_text}“"))
        authority: tuple[int | None, str] = (None, "")
        authority_text = " ".join(cell(R.AUTHORITY, "").split())
        if authority_text:
            if authority_text not in authority_cache:
                try:
                    authority_cache[authority_text] = authorities.resolve(authority_text)
                except R.ValueProblem as exc:
                    authority_cache[authority_text] = exc
            found = authority_cache[authority_text]
            if isinstance(found, R.ValueProblem):
                errors.append(R.RowError(line, R.AUTHORITY, authority_text, str(found)))
            else:
                authority = found
        if errors:
            result.errors.extend(sorted(errors, key=_column_order))
            continue
        result.warnings.extend(R.row_warnings(row, start_year=start_year))
        result.rows.append(ImportRow(
            row=row, country_id=country[0], country_code=country[1], authority_id=authority[0],
            authority_key=authority[1],
            fingerprint=R.fingerprint(
                file_number=row.file_number, received_on=row.received_on, country_code=country[1],
                authority_key=authority[1], persons=row.persons, outcome=row.outcome,
                outcome_on=row.outcome_on, reason=row.reason, result=row.result,
                result_on=row.result_on,
            ),
        ))
    if progress:
        progress("parse", result.total, result.total)
    return result


def _column_order(error: R.RowError):
    return (error.line, R.COLUMNS.index(error.column) if error.column in R.COLUMNS else -1)


# --- importing --------------------------------------------------------------------------

def _current_fingerprint(case_row) -> str:
    """Fingerprint of what the system holds for a case now (from its events)."""
    v = case_row.values
    return R.fingerprint(
        file_number=case_row.file_number, received_on=case_row.received_on,
        country_code=case_row.country_code, authority_key=case_row.authority_key,
        persons=case_row.persons, outcome=v.outcome, outcome_on=v.outcome_on, reason=v.reason,
        result=v.result, result_on=v.result_on,
    )


def _edited_in_system(events: list[tuple]) -> bool:
    return any((data or {}).get("source") != EVENT_SOURCE for _step, _on, data in events)


def _all_events_by_case(case_ids: list[int]) -> dict[int, list[tuple]]:
    """Every event (also those without a step, e.g. a person added) per case."""
    found: dict[int, list[tuple]] = {pk: [] for pk in case_ids}
    for start in range(0, len(case_ids), 900):
        for case_id, step, on, data in CaseEvent.objects.filter(
            case_id__in=case_ids[start:start + 900]
        ).values_list("case_id", "step", "effective_on", "data"):
            found[case_id].append((step, on, data))
    return found


# After writing this many rows PostgreSQL's planner statistics are refreshed (ANALYZE):
# autovacuum would get there later, and until then it estimates a few hundred cases.
ANALYZE_FROM_ROWS = 10_000


def _analyze_case_tables() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Case, CaseEvent, CaseFigures):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def register_import(*, source, actor, dry_run: bool = False, name: str | None = None,
                    today: date | None = None, progress: Progress | None = None,
                    batch_size: int = WRITE_BATCH) -> ImportReport:
    """Import a register file all-or-nothing; with ``dry_run`` only report.

    Unknown file numbers become new cases; a known imported case whose row differs has its
    import-generated history replaced; a row equal to what the system holds is unchanged.
    """
    parsed = register_parse(source, name=name, today=today, progress=progress)
    report = ImportReport(total=parsed.total, unknown_columns=parsed.unknown_columns,
                          description=parsed.description, dry_run=dry_run,
                          warnings=[w.as_dict() for w in parsed.warnings])
    errors = list(parsed.errors)

    existing = cases_by_file_number([r.row.file_number for r in parsed.rows])
    new_rows: list[ImportRow] = []
    changed: list[tuple[ImportRow, int]] = []
    # Only rows not matching the stored import fingerprint need a look at the case's events.
    candidates = [r for r in parsed.rows if r.row.file_number in existing
                  and (existing[r.row.file_number].source != Case.Source.IMPORT
                       or existing[r.row.file_number].import_fingerprint != r.fingerprint)]
    current = {c.file_number: c for c in case_register_rows(
        [existing[r.row.file_number] for r in candidates])}
    history = _all_events_by_case([current[r.row.file_number].case_id for r in candidates])
    for item in parsed.rows:
        number = item.row.file_number
        if number not in existing:
            new_rows.append(item)
            continue
        if number not in current:  # stored fingerprint equal
            report.unchanged += 1
            continue
        case_row = current[number]
        if _current_fingerprint(case_row) == item.fingerprint:
            report.unchanged += 1
        elif case_row.source != Case.Source.IMPORT:
            errors.append(R.RowError(item.row.line, R.FILE_NUMBER, number,
                                     f"Aktenzeichen „{number}“ gehört zu einem im System erfassten Fall; "
                                     "der Import ändert ihn nicht"))
        elif _edited_in_system(history[case_row.case_id]):
            errors.append(R.RowError(item.row.line, R.FILE_NUMBER, number,
                                     f"der importierte Fall „{number}“ wurde seitdem im System bearbeitet; "
                                     "die geänderte Zeile wird nicht übernommen"))
        else:
            changed.append((item, case_row.case_id))

    report.errors = [e.as_dict() for e in sorted(errors, key=_column_order)]
    report.new = len(new_rows)
    report.changed = len(changed)
    report.changed_file_numbers = [item.row.file_number for item, _pk in changed]
    if report.errors or dry_run:
        return report
    try:
        _write(new_rows, changed, actor=actor, progress=progress, batch_size=batch_size)
    except IntegrityError:
        # Someone created one of the file numbers while we were checking.
        report.errors = [R.RowError(1, "", "", "ein Aktenzeichen wurde während des Imports "
                                    "anderweitig vergeben; es wurde nichts gespeichert. Bitte "
                                    "wiederholen Sie den Import").as_dict()]
        return report
    except DomainError as exc:
        report.errors = [R.RowError(1, "", "", exc.message.rstrip(".")).as_dict()]
        return report
    report.written = True
    if report.new + report.changed >= ANALYZE_FROM_ROWS:
        _analyze_case_tables()
    audit_log(user=actor, action=AuditEntry.Action.CREATE, object_type="imports.register",
              detail=f"Registerimport {name or ''}: {report.new} neu, {report.changed} geändert, "
                     f"{report.unchanged} unverändert"[:200])
    return report


def _case_fields(item: ImportRow, plan: R.Plan) -> dict:
    row = item.row
    return {
        "file_number": row.file_number, "year": row.received_on.year, "received_on": row.received_on,
        "country_id": item.country_id, "authority_id": item.authority_id, "persons_count": row.persons,
        "state": plan.state, "closure": plan.closure, "closure_reason": plan.closure_reason,
        "closed_on": plan.closed_on, "source": Case.Source.IMPORT, "import_fingerprint": item.fingerprint,
    }


EVENT_COLUMNS = ("case_id", "sequence", "event_type", "step", "actor_id", "effective_on", "data",
                 "stat_status")


def _events(case_id: int, item: ImportRow, plan: R.Plan, actor_id) -> list[tuple]:
    """Event rows (values of EVENT_COLUMNS) for one imported case."""
    events = []
    for sequence, planned in enumerate(plan.events, start=1):
        data = {"source": EVENT_SOURCE, "line": item.row.line}
        if planned.step == Step.RECEIVE:
            data["persons"] = item.row.persons
        else:
            data["reason_text"] = item.row.reason
        if planned.closure:
            data["closure"] = planned.closure
            data["closure_reason"] = planned.closure_reason
        events.append((case_id, sequence, planned.step, planned.step, actor_id, planned.effective_on,
                       data, STAT_STATUS.get(planned.step, "")))
    return events


def _figures(case_id: int, item: ImportRow, plan: R.Plan) -> list[dict]:
    """The statistics' read model rows of one imported case, from the events it gets
    (registers carry no persons, so no birth dates)."""
    return figures_rows(case_id=case_id, received_on=item.row.received_on, country_id=item.country_id,
                        authority_id=item.authority_id, persons=item.row.persons,
                        events=[(e.step, e.effective_on) for e in plan.events])


def _write(new_rows: list[ImportRow], changed: list[tuple[ImportRow, int]], *, actor,
           progress: Progress | None, batch_size: int) -> None:
    total = len(new_rows) + len(changed)
    done = 0
    actor_id = getattr(actor, "pk", None)
    with transaction.atomic():
        if changed:
            ids = [pk for _item, pk in changed]
            locked = {}
            for start in range(0, len(ids), 900):
                for case in Case.objects.select_for_update().filter(pk__in=ids[start:start + 900]):
                    locked[case.pk] = case
            # Re-check under the lock: a step recorded since the check must not be lost.
            history = _all_events_by_case(ids)
            for item, pk in changed:
                if _edited_in_system(history[pk]):
                    raise DomainError(f"Der Fall „{item.row.file_number}“ wurde während des Imports "
                                      "im System bearbeitet; es wurde nichts gespeichert.")
            for start in range(0, len(ids), 900):
                CaseEvent.objects.filter(case_id__in=ids[start:start + 900]).delete()
                CaseFigures.objects.filter(case_id__in=ids[start:start + 900]).delete()
            cases, events, figures = [], [], []
            for item, pk in changed:
                plan = R.row_plan(item.row)
                case = locked[pk]
                for attr, value in _case_fields(item, plan).items():
                    setattr(case, attr, value)
                case.version += 1
                cases.append(case)
                events.extend(_events(pk, item, plan, actor_id))
                figures.extend(_figures(pk, item, plan))
            Case.objects.bulk_update(
                cases, ["year", "received_on", "country_id", "authority_id", "persons_count", "state",
                        "closure", "closure_reason", "closed_on", "import_fingerprint", "version",
                        "updated_at"], batch_size=batch_size)
            bulk_insert(CaseEvent, EVENT_COLUMNS, events, batch_size=batch_size)
            figures_insert(figures, batch_size=batch_size)
            done += len(changed)
            if progress:
                progress("write", done, total)

        case_columns = ["file_number", "year", "received_on", "country_id", "authority_id",
                        "persons_count", "state", "closure", "closure_reason", "closed_on", "source",
                        "import_fingerprint"]
        # Rows inserted in this transaction get ids above every existing one; one query per
        # batch finds them (filtered by file number, in case another session inserts too).
        last_pk = Case.objects.aggregate(m=Max("pk"))["m"] or 0
        for start in range(0, len(new_rows), batch_size):
            chunk = new_rows[start:start + batch_size]
            plans = [R.row_plan(item.row) for item in chunk]
            bulk_insert(Case, case_columns,
                        ([fields[c] for c in case_columns] for fields in
                         (_case_fields(item, plan) for item, plan in zip(chunk, plans, strict=True))),
                        batch_size=batch_size)
            ids = _case_ids_after(last_pk, {item.row.file_number for item in chunk})
            last_pk = max(ids.values(), default=last_pk)
            events, figures = [], []
            for item, plan in zip(chunk, plans, strict=True):
                events.extend(_events(ids[item.row.file_number], item, plan, actor_id))
                figures.extend(_figures(ids[item.row.file_number], item, plan))
            bulk_insert(CaseEvent, EVENT_COLUMNS, events, batch_size=batch_size)
            figures_insert(figures, batch_size=batch_size)
            done += len(chunk)
            if progress:
                progress("write", done, total)


def _case_ids_after(last_pk: int, numbers: set[str]) -> dict[str, int]:
    return {number: pk for pk, number in
            Case.objects.filter(pk__gt=last_pk).values_list("pk", "file_number") if number in numbers}


# --- exporting --------------------------------------------------------------------------

def register_export_rows(*, years: tuple[int, int] | None = None):
    """Every case as a register row (values as the format writes them; dates as date)."""
    for c in case_register_rows(cases_for_export(years=years)):
        v = c.values
        yield [c.file_number, c.received_on, c.country_name, c.authority_name, c.persons,
               v.outcome, v.outcome_on, v.reason, v.result, v.result_on]


def register_export(*, out, fmt: str = "csv", years: tuple[int, int] | None = None, actor=None) -> int:
    """Write the register (all cases, imported and recorded in the system) to ``out`` (binary).

    CSV: ``;``, UTF-8 with BOM, dates TT.MM.JJJJ. XLSX: first sheet, date cells.
    """
    rows = register_export_rows(years=years)
    header = list(R.COLUMNS)
    if fmt == "xlsx":
        count = xlsx_write(out, header, rows)
    elif fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        try:
            count = csv_write(text, header, rows)
            text.flush()
        finally:
            text.detach()
    else:
        raise DomainError(f"Unbekanntes Format „{fmt}“ (erlaubt: csv, xlsx).", field="format")
    audit_log(user=actor, action=AuditEntry.Action.EXPORT, object_type="imports.register",
              detail=f"Registerexport ({fmt}, {count} Fälle)")
    return count


def years_parse(text: str | None) -> tuple[int, int] | None:
    """``2005-2023`` or ``2023`` → (first, last); DomainError otherwise."""
    if not text:
        return None
    parts = text.replace("–", "-").split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) == 1:
        numbers = numbers * 2
    if len(numbers) != 2 or numbers[0] > numbers[1] or not 1900 <= numbers[0] <= 2999:
        raise DomainError(f"Ungültige Jahresangabe „{text}“ (erwartet z. B. 2005-2023).", field="years")
    return numbers[0], numbers[1]


__all__ = ["ImportReport", "ParseResult", "events_by_case", "register_export", "register_import",
           "register_parse", "years_parse"]
