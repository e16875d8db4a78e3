"""Reads of the case file shared by pages, API, dashboard and other parts."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process

from haertefall.core.text import name_key

from .models import Case, Person

# Similarity (0–100) from which two names count as the same name in another spelling.
REPEAT_THRESHOLD = 85
# Similarity of a single search word with a word of a name (fuzzy fallback of the search).
SEARCH_WORD_THRESHOLD = 80


def _words_match(query_words: list[str], text: str) -> bool:
    words = text.replace("|", " ").split()
    if not words:
        return False
    for word in query_words:
        best = process.extractOne(word, words, scorer=fuzz.ratio)
        if best is None or best[1] < SEARCH_WORD_THRESHOLD:
            return False
    return True


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Cases among ``cases`` whose file number or any person's name (any spelling, alias,
    umlauts folded) matches ``text``; misspelt names are found by a fuzzy fallback."""
    text = (text or "").strip()
    if not text:
        return cases
    key = name_key(text)
    words = key.split()
    by_number = Q(file_number__icontains=text)
    name_q = Q()
    for word in words:
        name_q &= Q(search_text__icontains=word)
    exact_ids = Person.objects.filter(name_q).values("case_id") if words else Person.objects.none()
    found = cases.filter(by_number | Q(pk__in=exact_ids))
    if found.exists() or not words:
        return found
    # Fuzzy fallback: nothing matched literally, so compare word by word (Krasniqui ~ Krasniqi).
    candidates = Person.objects.filter(case__in=cases).values_list("case_id", "search_text")
    fuzzy_ids = {case_id for case_id, search_text in candidates if _words_match(words, search_text)}
    return cases.filter(pk__in=fuzzy_ids)


@dataclass(frozen=True)
class RepeatMatch:
    person: Person
    case: Case
    score: float
    matched_name: str


def _name_score(query_family: str, query_full: str, family: str, given: str) -> float:
    family_key = name_key(family)
    if not query_full or not given.strip():
        return fuzz.ratio(query_family, family_key)
    return fuzz.token_sort_ratio(query_full, name_key(f"{family} {given}"))


def person_possible_repeats(*, family_name: str, given_names: str = "", birth_date: date | None = None,
                            exclude_case: Case | None = None,
                            cases: QuerySet[Case] | None = None) -> list[RepeatMatch]:
    """Earlier cases with a person of (nearly) the same name in any recorded spelling or alias,
    and the same date of birth where both are known (repeat applications, § 23a AufenthG)."""
    query_family = name_key(family_name)
    if not query_family:
        return []
    query_full = name_key(f"{family_name} {given_names}") if given_names.strip() else ""
    persons = Person.objects.select_related("case", "nationality").prefetch_related("other_names")
    if cases is not None:
        persons = persons.filter(case__in=cases)
    if exclude_case is not None:
        persons = persons.exclude(case=exclude_case)
    if birth_date is not None:
        persons = persons.filter(Q(birth_date=birth_date) | Q(birth_date__isnull=True))
    best: dict[int, RepeatMatch] = {}
    for person in persons:
        variants = [(person.family_name, person.given_names)]
        variants += [(n.family_name, n.given_names) for n in person.other_names.all()]
        for family, given in variants:
            score = _name_score(query_family, query_full, family, given)
            if score < REPEAT_THRESHOLD:
                continue
            current = best.get(person.pk)
            if current is None or score > current.score:
                best[person.pk] = RepeatMatch(person=person, case=person.case, score=round(score, 1),
                                              matched_name=f"{family}, {given}".strip(", "))
    return sorted(best.values(), key=lambda m: (-m.score, -m.case.received_on.toordinal()))


def case_repeats(case: Case, *, cases: QuerySet[Case] | None = None) -> list[RepeatMatch]:
    """Possible earlier or later applications for the persons of ``case``."""
    matches: dict[int, RepeatMatch] = {}
    for person in case.persons.all():
        names = [(person.family_name, person.given_names)]
        names += [(n.family_name, n.given_names) for n in person.other_names.all()]
        for family, given in names:
            for match in person_possible_repeats(family_name=family, given_names=given,
                                                 birth_date=person.birth_date, exclude_case=case,
                                                 cases=cases):
                if match.person.pk not in matches or match.score > matches[match.person.pk].score:
                    matches[match.person.pk] = match
    return sorted(matches.values(), key=lambda m: (-m.score, m.case.file_number))


def case_events(case: Case):
    return case.events.select_related("actor").order_by("sequence")


def follow_ups_due(cases: QuerySet[Case], *, on: date):
    from .models import FollowUp

    return FollowUp.objects.filter(done_at__isnull=True, due_on__lte=on, case__in=cases).select_related("case")


def statements_overdue(cases: QuerySet[Case], *, on: date) -> QuerySet[Case]:
    from .states import State

    return cases.filter(state=State.STATEMENT_REQUESTED, statement_due_on__lt=on).order_by("statement_due_on")
