"""Case histories for statistics tests, written in bulk with the lifecycle's stat_status."""

from datetime import date

from haertefall.cases.models import Case, CaseEvent, Person, Relationship
from haertefall.cases.states import ALLOWED_TRANSITIONS, STAT_STATUS, State, Step
from haertefall.registers.models import Authority, Country
from haertefall.statistics.figures import case_figures_refresh

_counter = {"n": 0}


def history_add(*, received_on: date, steps=(), country: str = "Türkei", authority=None,
                persons: int = 1, birth_dates=()) -> Case:
    """One case received on ``received_on`` with ``steps`` = [(step, effective_on), ...]."""
    _counter["n"] += 1
    state, closure = State.RECEIVED, ""
    for step, _d in steps:
        sources, state, closure = ALLOWED_TRANSITIONS[step]
        closure = closure or ""
    closed = bool(closure)
    case = Case.objects.create(
        file_number=f"T-{received_on.year}-{_counter['n']:05d}", year=received_on.year,
        received_on=received_on, state=state, closure=closure, closure_reason="other" if closed else "",
        closed_on=steps[-1][1] if closed else None,
        country=Country.objects.get(name=country), authority=authority or Authority.objects.order_by("key").first(),
        persons_count=persons,
    )
    events = [CaseEvent(case=case, sequence=1, event_type=Step.RECEIVE, step=Step.RECEIVE,
                        effective_on=received_on, stat_status=STAT_STATUS[Step.RECEIVE])]
    events += [CaseEvent(case=case, sequence=i, event_type=step, step=step, effective_on=d,
                         stat_status=STAT_STATUS.get(step, ""))
               for i, (step, d) in enumerate(steps, start=2)]
    CaseEvent.objects.bulk_create(events)
    Person.objects.bulk_create([
        Person(case=case, relationship=Relationship.MAIN if i == 0 else Relationship.CHILD,
               family_name="Beispiel", birth_date=born, nationality=case.country)
        for i, born in enumerate(birth_dates)
    ])
    # Written in bulk like the demo history: the read model is built from the events.
    case_figures_refresh(case_id=case.pk)
    return case


def request_path(decided: date, outcome: str | None = None, outcome_on: date | None = None):
    """Steps from receipt to a commission request, optionally with the authority's result."""
    steps = [(s, decided) for s in (Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT,
                                     Step.RECEIVE_STATEMENT, Step.MARK_READY, Step.PLACE_ON_AGENDA,
                                     Step.DECIDE_REQUEST)]
    if outcome:
        steps.append((Step.SEND_REQUEST, decided))
        if outcome != Step.OUTCOME_OTHER:
            steps.append((Step.RECORD_INTENDED_DECISION, outcome_on))
        steps.append((outcome, outcome_on))
    return steps
