"""The report's read model (``CaseFigures``): derived from case events, kept in step, rebuilt.

``figures_rows`` is the one projection from a case's history to its rows (pure, no database).
Everything else applies it:

- ``case_figures_refresh``: one case, inside the transaction of the service that wrote an event
  (``cases.services.events.event_record`` calls it for every event that can change a figure;
  retention calls it after deleting the persons);
- ``figures_insert``: rows the register import computed from the events it writes;
- ``figures_build`` / ``figures_rebuild``: many cases from their stored events, for the demo
  history, the benchmark's bulk seed and ``haertefall rebuild-statistics``, which compares
  every stored row with the rows the events give and repairs what differs.

See docs/decisions/0103-statistics-read-model.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from haertefall.cases.models import Case, CaseEvent, Person, Relationship
from haertefall.cases.states import STAT_STATUS, StatStatus, Step
from haertefall.imports.bulk import bulk_insert

from .models import CaseFigures

# The commission's own decision in a session, and the authority's answer to a request: the
# two processing times of ``report_extra`` (a revocation is the commission's act, not an answer).
DECISION_STEPS = frozenset({Step.DECIDE_REQUEST, Step.DECIDE_NO_REQUEST})
TIME_OUTCOME_STEPS = frozenset({Step.OUTCOME_GRANTED, Step.OUTCOME_NOT_FOLLOWED, Step.OUTCOME_OTHER})
# Steps that can change a row: every step with a statistical status (the rest only move the
# case along inside one status).
FIGURE_STEPS = frozenset(STAT_STATUS)
# Events without a step that change what a row holds: the authority (data_changed), the
# country and the persons' birth dates and number (person_*), and corrections (the receipt date
# among them, decision 0121).
FIGURE_EVENT_TYPES = frozenset({"data_changed", "person_added", "person_changed", "correction"})
MINOR_AGE = 18

# The row's columns apart from the case: what ``figures_rows`` returns per row.
COLUMNS = ("case_id", "cycle", "year", "received_on", "country_id", "country_assigned_id", "authority_id",
           "persons", "minors",
           "with_birth_date", "valid_from", "valid_until", "decided_on", "decision", "decision_days",
           "answered_on", "answer", "answer_days", "revoked_on",
           "split_followed", "split_not_followed", "split_other_closure")
# The outcome event's per-person counts (``data["person_outcomes"]``, decision 0122) by status.
SPLIT_COLUMNS = {StatStatus.REQUEST_FOLLOWED: "split_followed",
                 StatStatus.REQUEST_NOT_FOLLOWED: "split_not_followed",
                 StatStatus.REQUEST_OTHER_CLOSURE: "split_other_closure"}
CHUNK = 2000  # cases per query and per transaction when many are built


class FiguresError(ValueError):
    """A history the transition table cannot produce (the row would misstate it)."""


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def figures_rows(*, case_id: int, received_on: date, country_id: int, authority_id: int | None,
                 persons: int, events: Iterable[tuple],
                 birth_dates: Iterable[date | None] = (), country_assigned_id: int | None = None) -> list[dict]:
    """The rows of one case from its events ``(step, effective_on)`` in sequence order; an
    authority's answer may carry a third element, the persons whose own outcome differs from
    the request's, by status (decision 0122).

    A step with status "open" after a decision (a reopening) starts the next row; within a
    row the first status after the opening is the decision, the second the answer, the third
    only a revocation. The transition table allows nothing else.
    """
    born = [b for b in birth_dates if b is not None]
    case_part = {
        "case_id": case_id, "year": received_on.year, "received_on": received_on,
        "country_id": country_id, "country_assigned_id": country_assigned_id,
        "authority_id": authority_id, "persons": persons,
        "minors": sum(1 for b in born if age_on(b, received_on) < MINOR_AGE),
        "with_birth_date": len(born),
    }

    def new_row(cycle: int, valid_from: date | None) -> dict:
        return {**case_part, "cycle": cycle, "valid_from": valid_from, "valid_until": None,
                "decided_on": None, "decision": "", "decision_days": None, "answered_on": None,
                "answer": "", "answer_days": None, "revoked_on": None,
                **dict.fromkeys(SPLIT_COLUMNS.values(), 0)}

    rows = [new_row(0, None)]
    for step, on, *extra in events:
        status = STAT_STATUS.get(step)
        if not status:
            continue
        row = rows[-1]
        if status == StatStatus.OPEN:
            if row["decided_on"] is not None:  # a reopening: the next row starts that day
                row["valid_until"] = on
                rows.append(new_row(len(rows), on))
        elif row["decided_on"] is None:
            if status not in (StatStatus.NO_REQUEST, StatStatus.OTHER_CLOSURE, StatStatus.REQUEST_OPEN):
                raise FiguresError(f"Fall {case_id}: „{step}“ ohne vorherigen Beschluss.")
            row["decided_on"], row["decision"] = on, status
            if step in DECISION_STEPS:
                row["decision_days"] = (on - received_on).days
            row["decision_step"] = step
        elif row["answered_on"] is None:
            if row["decision"] != StatStatus.REQUEST_OPEN:
                raise FiguresError(f"Fall {case_id}: „{step}“ nach Abschluss ohne Wiederaufnahme.")
            row["answered_on"], row["answer"] = on, status
            for split_status, n in ((extra[0] if extra else None) or {}).items():
                if split_status in SPLIT_COLUMNS and split_status != status:
                    row[SPLIT_COLUMNS[split_status]] = int(n)
            if step in TIME_OUTCOME_STEPS and row.pop("decision_step", None) == Step.DECIDE_REQUEST:
                row["answer_days"] = (on - row["decided_on"]).days
        elif (row["revoked_on"] is None and status == StatStatus.REQUEST_OTHER_CLOSURE
              and row["answer"] == StatStatus.REQUEST_FOLLOWED):
            row["revoked_on"] = on
        else:
            raise FiguresError(f"Fall {case_id}: „{step}“ nach Abschluss ohne Wiederaufnahme.")
    for row in rows:
        row.pop("decision_step", None)
    return rows


def figures_insert(rows: Iterable[dict], *, batch_size: int = CHUNK) -> int:
    """Write rows of ``figures_rows`` (inside the caller's transaction)."""
    return bulk_insert(CaseFigures, COLUMNS, ([row[c] for c in COLUMNS] for row in rows),
                       batch_size=batch_size)


# --- from stored events ---------------------------------------------------------------------

def _expected(case_ids: list[int]) -> dict[int, list[dict]]:
    """Rows per case from the stored cases, events and persons (one query each)."""
    events: dict[int, list[tuple]] = {pk: [] for pk in case_ids}
    for case_id, step, on, split in (
        CaseEvent.objects.filter(case_id__in=case_ids, step__in=FIGURE_STEPS)
        .order_by("case_id", "sequence").values_list("case_id", "step", "effective_on", "data__person_outcomes")
    ):
        events[case_id].append((step, on, split))
    born: dict[int, list[date]] = {pk: [] for pk in case_ids}
    for case_id, birth_date in Person.objects.filter(
        case_id__in=case_ids, birth_date__isnull=False
    ).values_list("case_id", "birth_date"):
        born[case_id].append(birth_date)
    # The successor of a dissolved state, where the office assigned it to the main person.
    assigned = dict(Person.objects.filter(
        case_id__in=case_ids, relationship=Relationship.MAIN, nationality_successor__isnull=False,
    ).values_list("case_id", "nationality_successor_id"))
    return {
        pk: figures_rows(case_id=pk, received_on=received_on, country_id=country_id,
                         authority_id=authority_id, persons=persons, events=events[pk],
                         birth_dates=born[pk], country_assigned_id=assigned.get(pk))
        for pk, received_on, country_id, authority_id, persons in Case.objects.filter(
            pk__in=case_ids
        ).values_list("pk", "received_on", "country_id", "authority_id", "persons_count")
    }


def _stored(case_ids: list[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {pk: [] for pk in case_ids}
    for row in CaseFigures.objects.filter(case_id__in=case_ids).order_by("case_id", "cycle").values(*COLUMNS):
        found[row["case_id"]].append(row)
    return found


def case_figures_refresh(*, case_id: int) -> None:
    """Bring one case's rows in line with its events. Call inside the caller's transaction,
    after the event is written (and the case and persons saved)."""
    rows = _expected([case_id]).get(case_id, [])
    if _stored([case_id])[case_id] == rows:
        return
    CaseFigures.objects.filter(case_id=case_id).delete()
    figures_insert(rows)


def figures_build(case_ids: list[int]) -> int:
    """Rows for cases that have none yet (bulk-written histories); inside the caller's
    transaction. Returns the number of rows written."""
    written = 0
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start:start + CHUNK]
        written += figures_insert(row for rows in _expected(chunk).values() for row in rows)
    return written


@dataclass
class RebuildResult:
    cases: int = 0
    differing: int = 0
    examples: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def equal(self) -> bool:
        return self.differing == 0


def _describe(case_id: int, stored: list[dict], expected: list[dict]) -> str:
    if not stored:
        return f"Fall {case_id}: keine Statistikzeile"
    if len(stored) != len(expected):
        return f"Fall {case_id}: {len(stored)} statt {len(expected)} Statistikzeilen"
    for have, want in zip(stored, expected, strict=True):
        wrong = [c for c in COLUMNS if have[c] != want[c]]
        if wrong:
            return (f"Fall {case_id}, Durchgang {want['cycle']}: "
                    + ", ".join(f"{c} {have[c]!s} statt {want[c]!s}" for c in wrong))
    return f"Fall {case_id}: abweichend"


def figures_rebuild(*, repair: bool, max_examples: int = 20,
                    progress: Callable[[int], None] | None = None) -> RebuildResult:
    """Compare every case's stored rows with the rows its events give; with ``repair``
    replace those that differ. One transaction per chunk of cases, which are locked while
    compared, so that a service writing meanwhile waits; memory stays flat in the cases."""
    result = RebuildResult()
    last_pk = 0
    while True:
        chunk = list(Case.objects.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:CHUNK])
        if not chunk:
            break
        last_pk = chunk[-1]
        with transaction.atomic():
            if repair:
                list(Case.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
            expected, stored = _expected(chunk), _stored(chunk)
            wrong = [pk for pk in chunk if stored[pk] != expected[pk]]
            for pk in wrong:
                if len(result.examples) < max_examples:
                    result.examples.append(_describe(pk, stored[pk], expected[pk]))
            if wrong and repair:
                CaseFigures.objects.filter(case_id__in=wrong).delete()
                figures_insert(row for pk in wrong for row in expected[pk])
                result.repaired = True
        result.cases += len(chunk)
        result.differing += len(wrong)
        if progress:
            progress(result.cases)
    return result
