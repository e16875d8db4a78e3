"""The report computed straight from the events: the reference the read model is tested against.

This is how ``statistics.report`` counted before the read model (docs/decisions/0003): a
case's status as of the cut-off date is the ``stat_status`` of its last event (by sequence)
with ``effective_on <= as_of`` — one correlated subquery per case; processing times walk the
events in order; minors are counted over the persons. The formatting helpers of the report
(ranking, outcome sums, percentiles) are shared: only the counting is independent.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, OuterRef, Subquery, Sum

from haertefall.cases.models import Case, CaseEvent, Person, Relationship
from haertefall.cases.states import StatStatus, Step
from haertefall.registers.country_lookup import german_sort_key
from haertefall.registers.models import Authority, Country
from haertefall.statistics.conf import founding_years
from haertefall.statistics.report import (
    REQUEST_STATUSES,
    _CountryMap,
    _outcomes,
    _summary,
    rank_countries,
)

DECISION_STEPS = (Step.DECIDE_REQUEST, Step.DECIDE_NO_REQUEST)
TIME_OUTCOME_STEPS = (Step.OUTCOME_GRANTED, Step.OUTCOME_NOT_FOLLOWED, Step.OUTCOME_OTHER)
MINOR_AGE = 18


def status_as_of(as_of: date) -> Subquery:
    return Subquery(
        CaseEvent.objects.filter(case=OuterRef("pk"), effective_on__lte=as_of)
        .exclude(stat_status="")
        .order_by("-sequence")
        .values("stat_status")[:1]
    )


def cases_counted(*, as_of: date, years):
    return Case.objects.filter(received_on__lte=as_of, year__in=list(years))


def status_counts(*, as_of: date, years) -> dict:
    rows = (cases_counted(as_of=as_of, years=years).annotate(status=status_as_of(as_of))
            .values("year", "status").annotate(cases=Count("pk"), persons=Sum("persons_count")).order_by())
    result: dict = defaultdict(dict)
    for row in rows:
        status = row["status"] or StatStatus.OPEN
        cell = result[row["year"]].setdefault(status, {"cases": 0, "persons": 0})
        cell["cases"] += row["cases"]
        cell["persons"] += row["persons"] or 0
    return result


def reference_report(*, as_of: date, years) -> dict:
    """Tables 6.1–6.6 as ``report_build(include_historical=False)`` shapes them."""
    years = list(years)
    founding = founding_years()
    analysis = [y for y in years if y not in founding]
    statuses = status_counts(as_of=as_of, years=years)
    mapping = _CountryMap()
    countries: dict = defaultdict(lambda: defaultdict(int))
    # A dissolved state counts under the successor assigned to the main person, else under
    # the register's default, which the report names (decision 0107).
    assigned = dict(Person.objects.filter(relationship=Relationship.MAIN, nationality_successor__isnull=False)
                    .values_list("case_id", "nationality_successor_id"))
    dissolved = {c.pk: c.name for c in Country.objects.filter(successor_states__isnull=False).distinct()}
    by_default: dict = defaultdict(Counter)
    for year, case_id, country_id in cases_counted(as_of=as_of, years=analysis).values_list("year", "pk",
                                                                                           "country_id"):
        counted = assigned.get(case_id, country_id)
        countries[year][mapping.current(counted)] += 1
        if counted in dissolved:
            by_default[year][counted] += 1
    report = {"applications": {}, "countries": {}, "outcomes": {}, "request_outcomes": {}}
    for year in years:
        outcomes, request_outcomes = _outcomes(statuses.get(year, {}))
        report["applications"][str(year)] = outcomes["applications"]
        if year in analysis:
            report["countries"][str(year)] = rank_countries(countries.get(year, {}))
            if by_default.get(year):
                report["countries"][str(year)]["counted_by_default"] = [
                    {"state": dissolved[pk], "counted_as": mapping.current(pk).name, "count": n}
                    for pk, n in sorted(by_default[year].items(), key=lambda item: dissolved[item[0]])]
            report["outcomes"][str(year)] = outcomes
            report["request_outcomes"][str(year)] = request_outcomes
    return report


def reference_extra(*, as_of: date, years) -> dict:
    founding = founding_years()
    analysis = [y for y in years if y not in founding]
    statuses = status_counts(as_of=as_of, years=analysis)
    persons = {}
    for year in analysis:
        outcomes, request_outcomes = _outcomes(statuses.get(year, {}), measure="persons")
        persons[str(year)] = {**outcomes, **{f"request_{k}": v for k, v in request_outcomes.items()
                                             if k != "requests"}}
    return {
        "persons": persons,
        "authorities": reference_authorities(as_of=as_of, years=analysis),
        "processing_times": reference_processing_times(as_of=as_of, years=analysis),
        "minors": reference_minors(as_of=as_of, years=analysis),
    }


def reference_authorities(*, as_of: date, years) -> list[dict]:
    rows = (cases_counted(as_of=as_of, years=years).annotate(status=status_as_of(as_of))
            .values("authority_id", "status").annotate(n=Count("pk")).order_by())
    table: dict = defaultdict(lambda: {"applications": 0, "requests": 0, "followed": 0})
    for row in rows:
        cell = table[row["authority_id"]]
        cell["applications"] += row["n"]
        if row["status"] in REQUEST_STATUSES:
            cell["requests"] += row["n"]
        if row["status"] == StatStatus.REQUEST_FOLLOWED:
            cell["followed"] += row["n"]
    names = dict(Authority.objects.filter(pk__in=[k for k in table if k]).values_list("pk", "name"))
    result = []
    for authority_id, cell in table.items():
        share = round(100 * cell["followed"] / cell["requests"], 1) if cell["requests"] else None
        result.append({"authority": names.get(authority_id, "ohne Angabe"), **cell, "share_followed": share})
    result.sort(key=lambda r: (-r["applications"], german_sort_key(r["authority"])))
    return result


def reference_processing_times(*, as_of: date, years) -> dict:
    rows = (CaseEvent.objects.filter(step__in=(*DECISION_STEPS, *TIME_OUTCOME_STEPS), effective_on__lte=as_of,
                                     case__received_on__lte=as_of, case__year__in=list(years))
            .order_by("case_id", "sequence")
            .values_list("case_id", "case__year", "case__received_on", "step", "effective_on"))
    decision: dict = defaultdict(Counter)
    outcome: dict = defaultdict(Counter)
    current_case, requested_on = None, None
    for case_id, year, received_on, step, effective_on in rows:
        if case_id != current_case:
            current_case, requested_on = case_id, None
        if step in DECISION_STEPS:
            decision[year][(effective_on - received_on).days] += 1
            requested_on = effective_on if step == Step.DECIDE_REQUEST else None
        elif requested_on is not None:
            outcome[year][(effective_on - requested_on).days] += 1
            requested_on = None
    return {str(y): {"decision": _summary(decision.get(y, {})), "outcome": _summary(outcome.get(y, {}))}
            for y in years}


def reference_minors(*, as_of: date, years) -> dict:
    result = {str(y): {"minors": 0, "with_birth_date": 0} for y in years}
    for year, received, born in Person.objects.filter(
        case__received_on__lte=as_of, case__year__in=list(years), birth_date__isnull=False
    ).values_list("case__year", "case__received_on", "birth_date"):
        cell = result[str(year)]
        cell["with_birth_date"] += 1
        age = received.year - born.year - ((received.month, received.day) < (born.month, born.day))
        if age < MINOR_AGE:
            cell["minors"] += 1
    return result
