"""Outcomes per person of a family application (issue 16, docs/decisions/0122).

The authority may decide differently for the persons of one request: the permit under § 23a
AufenthG for the parents, a permit on another legal basis for the adult son. The request's
outcome stays the application's (tables 6.5/6.6 count applications); the persons whose own
outcome differs are stored as ``PersonOutcome`` rows and counted, by status, in the outcome
event's ``person_outcomes`` so that the statistics' persons' figures use them.
"""

from haertefall.cases.models import Person
from haertefall.cases.states import OTHER_CLOSURE_REASONS, StatStatus
from haertefall.core.errors import DomainError

from .models import Outcome, PersonOutcome

STATUS_BY_KIND = {Outcome.Kind.GRANTED: StatStatus.REQUEST_FOLLOWED,
                  Outcome.Kind.REFUSED: StatStatus.REQUEST_NOT_FOLLOWED,
                  Outcome.Kind.OTHER: StatStatus.REQUEST_OTHER_CLOSURE}


def person_outcomes_checked(*, case, kind: str, person_outcomes: dict | None) -> list[tuple[Person, str, str]]:
    """(person, kind, other_reason) for each person whose outcome differs from ``kind``.

    ``person_outcomes`` maps a person id of the case to a kind, or to (kind, other_reason);
    a person not named shares the request's outcome."""
    if not person_outcomes:
        return []
    persons = {p.pk: p for p in Person.objects.filter(case=case)}
    rows = []
    for person_id, value in person_outcomes.items():
        person_kind, reason = (value, "") if isinstance(value, str) else (value[0], value[1] or "")
        person = persons.get(int(person_id)) if str(person_id).isdigit() else None
        if person is None:
            raise DomainError("Ein Ergebnis je Person gibt es nur für die Personen dieses Falls.",
                              field="person_outcomes")
        if person_kind not in Outcome.Kind.values:
            raise DomainError(f"Bitte wählen Sie das Ergebnis für {person}.", field="person_outcomes")
        if person_kind == Outcome.Kind.OTHER and reason not in OTHER_CLOSURE_REASONS:
            raise DomainError(f"Bitte wählen Sie für {person} die Art der anderen Erledigung.",
                              field="person_outcomes")
        if person_kind != kind:
            rows.append((person, person_kind, reason if person_kind == Outcome.Kind.OTHER else ""))
    return rows


def person_outcomes_store(*, outcome: Outcome, rows) -> dict[str, int]:
    """Store the differing outcomes; return their counts by statistical status for the event."""
    counts: dict[str, int] = {}
    for person, kind, reason in rows:
        PersonOutcome.objects.create(outcome=outcome, person=person, kind=kind, other_reason=reason)
        status = STATUS_BY_KIND[kind]
        counts[status] = counts.get(status, 0) + 1
    return counts
