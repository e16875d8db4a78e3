"""The report "nach Erfassungsstand": the figures as they had been *recorded* by a day.

A report published as of a cut-off date must be re-created exactly later, although events
with an earlier effective date may have been recorded since and data corrected
(docs/decisions/0121). This module rebuilds each case's rows of the read model
(``figures.figures_rows``) from what had been recorded by the end of that day:

- cases created by then, and of their events only those recorded by then;
- the case's and persons' statistical data (receipt date, authority, nationality and its
  successor, birth dates, persons) with every correction recorded later undone from the old
  values the correction event keeps, and persons added later left out.

The rows are built in memory (the office asks for this view rarely; a whole register is a few
ten thousand cases) and grouped exactly as ``report._grouped`` groups the stored rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from haertefall.cases.models import Case, CaseEvent, Person, Relationship
from haertefall.cases.services.corrections import CORRECTION
from haertefall.cases.states import REQUEST_STATUSES, StatStatus

from .figures import FIGURE_STEPS, SPLIT_COLUMNS, figures_rows


def recorded_end(day: date) -> datetime:
    """The first moment after ``day`` (local time): recorded "by the day" means before it."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _undo(values: dict, changes: list[dict]) -> None:
    for change in changes or ():
        values[change["field"]] = change.get("old")


def rows_as_recorded(*, recorded_as_of: date, years) -> list[dict]:
    """The read model's rows of the receipt years ``years`` as recorded by the end of
    ``recorded_as_of``."""
    end = recorded_end(recorded_as_of)
    cases = {
        pk: {"received_on": received_on, "authority": authority_id, "country": country_id, "persons": n}
        for pk, received_on, authority_id, country_id, n in Case.objects.filter(created_at__lt=end)
        .values_list("pk", "received_on", "authority_id", "country_id", "persons_count")
    }
    persons: dict[int, dict[int, dict]] = defaultdict(dict)
    for pk, case_id, relationship, birth_date, nationality_id, successor_id in Person.objects.filter(
        case_id__in=list(cases)
    ).values_list("pk", "case_id", "relationship", "birth_date", "nationality_id", "nationality_successor_id"):
        persons[case_id][pk] = {"main": relationship == Relationship.MAIN, "birth_date": birth_date,
                                "nationality": nationality_id, "nationality_successor": successor_id}
    # Undo what was recorded later, newest first.
    for case_id, event_type, data in (
        CaseEvent.objects.filter(case_id__in=list(cases), recorded_at__gte=end,
                                 event_type__in=(CORRECTION, "person_added"))
        .order_by("case_id", "-sequence").values_list("case_id", "event_type", "data")
    ):
        person_id = (data or {}).get("person_id")
        if event_type == "person_added":
            persons[case_id].pop(person_id, None)
            cases[case_id]["persons"] -= 1
        elif person_id is not None:
            person = persons[case_id].get(person_id)
            if person is not None:
                _undo(person, data.get("changes"))
                if person["main"] and any(c["field"] == "nationality" for c in data.get("changes") or ()):
                    # The main person's nationality is the case's country of origin.
                    cases[case_id]["country"] = person["nationality"]
        else:
            _undo(cases[case_id], data.get("changes"))
    events: dict[int, list[tuple]] = defaultdict(list)
    for case_id, step, on, split in (
        CaseEvent.objects.filter(case_id__in=list(cases), recorded_at__lt=end, step__in=FIGURE_STEPS)
        .order_by("case_id", "sequence").values_list("case_id", "step", "effective_on", "data__person_outcomes")
    ):
        events[case_id].append((step, on, split))
    wanted = set(years)
    rows: list[dict] = []
    for pk, case in cases.items():
        received_on = case["received_on"]
        if isinstance(received_on, str):
            received_on = date.fromisoformat(received_on)
        if received_on.year not in wanted:
            continue
        people = persons[pk].values()
        main = next((p for p in people if p["main"]), None)
        born = [date.fromisoformat(b) if isinstance(b, str) else b for b in (p["birth_date"] for p in people)]
        rows.extend(figures_rows(
            case_id=pk, received_on=received_on, country_id=case["country"],
            authority_id=case["authority"], persons=case["persons"], events=events[pk],
            birth_dates=born, country_assigned_id=main["nationality_successor"] if main else None,
        ))
    return rows


def status_on_row(row: dict, as_of: date) -> str:
    """The row's status as of ``as_of`` (the same rule as ``report.status_on`` in SQL)."""
    if row["revoked_on"] is not None and row["revoked_on"] <= as_of:
        return StatStatus.REQUEST_OTHER_CLOSURE
    if row["answered_on"] is not None and row["answered_on"] <= as_of:
        return row["answer"]
    if row["decided_on"] is not None and row["decided_on"] <= as_of:
        return row["decision"]
    return StatStatus.OPEN


def split_applies(row: dict, as_of: date) -> bool:
    """Persons count under their own outcome from the answer until a revocation (``report._split_q``)."""
    return (row["answered_on"] is not None and row["answered_on"] <= as_of
            and (row["revoked_on"] is None or row["revoked_on"] > as_of))


def counted(rows: list[dict], *, as_of: date, years) -> list[dict]:
    """``report.figures_counted`` on rows in memory."""
    wanted = set(years)
    return [r for r in rows
            if r["year"] in wanted and r["received_on"] <= as_of
            and (r["valid_from"] is None or r["valid_from"] <= as_of)
            and (r["valid_until"] is None or r["valid_until"] > as_of)]


def grouped(rows: list[dict], *, as_of: date, years) -> list[dict]:
    """``report._grouped`` on rows in memory: per year, counted country and status the number
    of cases and the sums of persons, minors and persons with a birth date."""
    groups: dict[tuple, dict] = {}
    for row in counted(rows, as_of=as_of, years=years):
        key = (row["year"], row["country_assigned_id"] or row["country_id"], status_on_row(row, as_of))
        group = groups.setdefault(key, {"year": key[0], "counted_country": key[1], "status": key[2], "cases": 0,
                                        "persons_sum": 0, "minors_sum": 0, "born_sum": 0,
                                        **dict.fromkeys(SPLIT_COLUMNS.values(), 0)})
        if split_applies(row, as_of):
            for column in SPLIT_COLUMNS.values():
                group[column] += row[column]
        group["cases"] += 1
        group["persons_sum"] += row["persons"]
        group["minors_sum"] += row["minors"]
        group["born_sum"] += row["with_birth_date"]
    return list(groups.values())


def authority_counts(rows: list[dict], *, as_of: date, years) -> list[dict]:
    """``report._authority_counts`` on rows in memory: per year and authority the applications,
    requests and followed requests."""
    groups: dict[tuple, dict] = {}
    for row in counted(rows, as_of=as_of, years=years):
        key = (row["year"], row["authority_id"])
        group = groups.setdefault(key, {"year": key[0], "authority_id": key[1], "applications": 0,
                                        "requests": 0, "followed": 0})
        status = status_on_row(row, as_of)
        group["applications"] += 1
        group["requests"] += status in REQUEST_STATUSES
        group["followed"] += status == StatStatus.REQUEST_FOLLOWED
    return list(groups.values())
