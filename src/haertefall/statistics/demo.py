"""Demo history: every application since 2005, so the statistics have something to show.

Writes ``synthetic.history_plan`` as cases, persons and case events with the proper steps,
``stat_status`` and effective dates (bulk inserts: about 9,000 cases in seconds). The report as
of 15.11.2024 equals every figure of the activity report 2024; cases still open then were
decided later (or are still open), so the report as of today differs. Also loads the
published figures as historical figures and seeds the report's chapters.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from haertefall.cases.models import (
    Case,
    CaseEvent,
    FileNumberCounter,
    Person,
    PersonNameKey,
    PersonNameToken,
    PersonRepeat,
    Relationship,
)
from haertefall.cases.states import ALLOWED_TRANSITIONS, STAT_STATUS, ClosureReason, State, Step
from haertefall.core.text import name_key
from haertefall.registers.models import Authority, Country

from .figures import figures_build
from .models import CaseFigures
from .synthetic import CaseSpec, history_plan

SEED = 20241115
FAMILY_NAMES = [
    "Krasniqi", "Berisha", "Hoxha", "Gashi", "Yilmaz", "Demir", "Kaya", "Aliyev", "Mammadov",
    "Hovhannisyan", "Petrosyan", "Nikolić", "Jovanović", "Petrović", "Ahmadi", "Hosseini",
    "Rahimi", "Al-Hassan", "Haddad", "Okafor", "Adeyemi", "Mensah", "Diallo", "Barry", "Khan",
    "Hussain", "Islam", "Rahman", "Beridze", "Kapanadze", "Ivanov", "Smirnov", "Wang", "Li",
    "Mbala", "Kabila", "Ramadani", "Stojanovski", "Dimitrovski", "Morina",
]
GIVEN_NAMES = [
    "Arben", "Drita", "Mehmet", "Ayşe", "Elvin", "Leyla", "Aram", "Ani", "Milan", "Jelena",
    "Ahmad", "Fatima", "Omar", "Amina", "Chinedu", "Ngozi", "Kwame", "Ama", "Mamadou", "Aissatou",
    "Imran", "Sana", "Giorgi", "Nino", "Sergej", "Olga", "Wei", "Mei", "Jean", "Marie",
]
SUBMITTERS = [
    ("lawyer", "Kanzlei Beispiel & Partner"), ("counselling", "Flüchtlingsberatung Beispielstadt"),
    ("church", "Ev. Kirchengemeinde Beispiel"), ("person", ""), ("counselling", "Caritas Beratungsstelle"),
]
PRE_DECISION_PIPELINE = [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT,
                         Step.RECEIVE_STATEMENT, Step.MARK_READY, Step.PLACE_ON_AGENDA]
RESULT_STEPS = {"followed": Step.OUTCOME_GRANTED, "not_followed": Step.OUTCOME_NOT_FOLLOWED,
                "other": Step.OUTCOME_OTHER}
RESULT_REASONS = {"followed": ClosureReason.PERMIT_GRANTED, "not_followed": ClosureReason.AUTHORITY_REFUSED}
NO_REQUEST_STEPS = {
    "check_exclude": ([], Step.CHECK_EXCLUDE, ClosureReason.MANDATORY_EXCLUSION),
    "prescreen_reject": ([Step.CHECK_PASS], Step.PRESCREEN_REJECT, ClosureReason.PRESCREEN_REJECTED),
    "decide_no_request": (PRE_DECISION_PIPELINE, Step.DECIDE_NO_REQUEST, ClosureReason.COMMISSION_REJECTED),
}


def _spread(rng: random.Random, start: date, end: date, k: int) -> list[date]:
    """k non-decreasing dates between start and end."""
    span = max(0, (end - start).days)
    return sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(k))


def case_steps(spec: CaseSpec, rng: random.Random, today: date) -> list[tuple[str, date, str]]:
    """The case's procedural steps after receipt: (step, effective_on, closure_reason)."""
    steps: list[tuple[str, date, str]] = []
    if spec.outcome == "":
        prefix = PRE_DECISION_PIPELINE[: rng.randint(0, 5)]
        steps += [(s, d, "") for s, d in zip(prefix, _spread(rng, spec.received_on, today, len(prefix)),
                                             strict=True)]
        return steps
    if spec.outcome == "no_request":
        prefix, last, reason = NO_REQUEST_STEPS[spec.outcome_path]
    elif spec.outcome == "other_closure":
        prefix = PRE_DECISION_PIPELINE[: rng.randint(0, 4)]
        last, reason = Step.CLOSE_OTHER, spec.outcome_path
    else:
        prefix, last, reason = PRE_DECISION_PIPELINE, Step.DECIDE_REQUEST, ""
    dates = _spread(rng, spec.received_on, spec.outcome_on, len(prefix))
    steps += [(s, d, "") for s, d in zip(prefix, dates, strict=True)]
    steps.append((last, spec.outcome_on, reason))
    if spec.outcome != "request":
        return steps
    end = spec.result_on or today
    sent = min(spec.outcome_on + timedelta(days=rng.randint(3, 14)), end)
    steps.append((Step.SEND_REQUEST, sent, ""))
    if spec.result == "other" and spec.result_reason == "request_revoked":
        steps.append((Step.REVOKE_REQUEST, spec.result_on, ClosureReason.REQUEST_REVOKED))
    elif spec.result == "other":
        steps.append((Step.OUTCOME_OTHER, spec.result_on, spec.result_reason))
    elif spec.result:
        steps.append((Step.RECORD_INTENDED_DECISION, _spread(rng, sent, spec.result_on, 1)[0], ""))
        steps.append((RESULT_STEPS[spec.result], spec.result_on, RESULT_REASONS[spec.result]))
    elif rng.random() < 0.5:
        steps.append((Step.RECORD_INTENDED_DECISION, _spread(rng, sent, end, 1)[0], ""))
    return steps


def _persons(spec: CaseSpec, rng: random.Random, country_id: int) -> list[dict]:
    family = rng.choice(FAMILY_NAMES)
    adult_born = spec.received_on - timedelta(days=rng.randint(20 * 365, 55 * 365))
    people = [(Relationship.MAIN, adult_born)]
    if spec.persons > 1:
        people.append((Relationship.SPOUSE, adult_born + timedelta(days=rng.randint(-1500, 1500))))
    for _ in range(spec.persons - len(people)):
        people.append((Relationship.CHILD, spec.received_on - timedelta(days=rng.randint(200, 17 * 365))))
    rows = []
    for relationship, born in people:
        given = rng.choice(GIVEN_NAMES)
        rows.append({"relationship": relationship, "family_name": family, "given_names": given,
                     "birth_date": born, "nationality_id": country_id,
                     "search_text": name_key(f"{family} {given}")})
    return rows


@transaction.atomic
def history_create(*, actor=None, today: date | None = None, seed: int = SEED, scale: float = 1.0) -> int:
    """Write the planned history; returns the number of cases created."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    countries = dict(Country.objects.values_list("destatis_code", "pk"))
    authorities = dict(Authority.objects.values_list("key", "pk"))
    counters = dict(FileNumberCounter.objects.values_list("year", "last"))
    number_format = settings.HAERTEFALL_FILE_NUMBER_FORMAT
    used: dict[int, int] = {}
    plans: list[tuple[CaseSpec, list]] = []
    cases: list[Case] = []
    for spec in history_plan(scale=scale, seed=seed, today=today):
        steps = case_steps(spec, rng, today)
        state, closure, closure_reason, closed_on = State.RECEIVED, "", "", None
        for step, effective_on, reason in steps:
            _sources, state, closure = ALLOWED_TRANSITIONS[step]
            closure = closure or ""
            closure_reason, closed_on = (reason, effective_on) if closure else ("", None)
        seq = counters.get(spec.year, 0) + spec.seq
        used[spec.year] = max(used.get(spec.year, 0), seq)
        kind, submitter = rng.choice(SUBMITTERS)
        cases.append(Case(
            file_number=number_format.format(year=spec.year, seq=seq), year=spec.year,
            received_on=spec.received_on, state=state, closure=closure, closure_reason=closure_reason,
            closed_on=closed_on, submitter_kind=kind, submitter_name=submitter,
            authority_id=authorities.get(spec.authority_key), country_id=countries[spec.country_code],
            persons_count=spec.persons, source=Case.Source.SYSTEM, version=1 + len(steps),
        ))
        plans.append((spec, steps))
    Case.objects.bulk_create(cases, batch_size=1000)

    events: list[CaseEvent] = []
    persons: list[Person] = []
    actor_id = getattr(actor, "pk", None)
    for case, (spec, steps) in zip(cases, plans, strict=True):
        events.append(CaseEvent(
            case_id=case.pk, sequence=1, event_type=Step.RECEIVE, step=Step.RECEIVE, actor_id=actor_id,
            effective_on=spec.received_on, stat_status=STAT_STATUS[Step.RECEIVE],
            data={"submitter_kind": case.submitter_kind, "persons": spec.persons, "demo": True},
        ))
        for sequence, (step, effective_on, reason) in enumerate(steps, start=2):
            data = {"closure": ALLOWED_TRANSITIONS[step][2], "closure_reason": reason} if reason else {}
            events.append(CaseEvent(
                case_id=case.pk, sequence=sequence, event_type=step, step=step, actor_id=actor_id,
                effective_on=effective_on, stat_status=STAT_STATUS.get(step, ""), data=data,
            ))
        persons += [Person(case_id=case.pk, **row) for row in _persons(spec, rng, case.country_id)]
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    Person.objects.bulk_create(persons, batch_size=2000)
    # The statistics' read model from the events just written, in the same transaction.
    figures_build([case.pk for case in cases])
    # Name search words, name forms and possible repeats, as the intake would have stored them.
    from haertefall.cases.services.names import person_index_build

    person_index_build()

    if connection.vendor == "postgresql":
        # Fresh planner statistics: without them PostgreSQL plans the report's grouped
        # queries (and especially server-side cursors) for a nearly empty table.
        with connection.cursor() as cursor:
            for model in (Case, CaseEvent, CaseFigures, Person, PersonNameKey, PersonNameToken, PersonRepeat):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    for year, last in used.items():
        counter, _ = FileNumberCounter.objects.select_for_update().get_or_create(year=year)
        if counter.last < last:
            counter.last = last
            counter.save(update_fields=["last"])
    return len(cases)


def demo(*, users, stdout) -> None:
    """Demo provider (core.demo): the history since 2005, published figures, chapters."""
    from .services import chapters_seed, historical_figures_import
    from .synthetic import published_figures

    actor = users.get("sachbearbeitung") if users else None
    created = history_create(actor=actor)
    historical_figures_import(data=published_figures(), source="Tätigkeitsbericht 2024", actor=actor)
    chapters_seed()
    latest = Case.objects.aggregate(m=Max("received_on"))["m"]
    stdout.write(f"Statistik: {created} Fälle seit 2005 angelegt (letzter Eingang {latest:%d.%m.%Y}).")
