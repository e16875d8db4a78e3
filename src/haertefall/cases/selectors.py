"""Reads of the case file shared by pages, API, dashboard and other parts."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process

from haertefall.core.text import name_key

from .models import Case, Person, PersonNameKey, PersonRepeat
from .names import REPEAT_THRESHOLD, NameForm, length_window, name_form, name_score

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


def name_candidates(forms: list[NameForm], *, birth_date: date | None = None,
                    exclude_case_id: int | None = None,
                    cases: QuerySet[Case] | None = None) -> dict[int, tuple[float, str, str]]:
    """Persons with a recorded name form (nearly) equal to one of ``forms``:
    ``{person_id: (score, their matched name, our matched name)}``. SQL narrows by the
    family name's initial and length (index ``person_name_key_idx``), rapidfuzz scores the rest
    as plain tuples — no model instances, nothing that grows with all persons."""
    best: dict[int, tuple[float, str, str]] = {}
    for form in forms:
        low, high = length_window(form.family_len)
        rows = PersonNameKey.objects.filter(initial=form.initial, family_len__gte=low, family_len__lte=high)
        if exclude_case_id is not None:
            rows = rows.exclude(case_id=exclude_case_id)
        if birth_date is not None:
            rows = rows.filter(Q(birth_date=birth_date) | Q(birth_date__isnull=True))
        if cases is not None:
            rows = rows.filter(case__in=cases)
        for person_id, family_key, full_key, label in rows.values_list("person_id", "family_key",
                                                                        "full_key", "label"):
            score = name_score(form, family_key, full_key)
            if score < REPEAT_THRESHOLD:
                continue
            current = best.get(person_id)
            if current is None or score > current[0]:
                best[person_id] = (round(score, 1), label, form.label)
    return best


def person_possible_repeats(*, family_name: str, given_names: str = "", birth_date: date | None = None,
                            exclude_case: Case | None = None,
                            cases: QuerySet[Case] | None = None) -> list[RepeatMatch]:
    """Earlier cases with a person of (nearly) the same name in any recorded spelling or alias,
    and the same date of birth where both are known (repeat applications, § 23a AufenthG)."""
    form = name_form(family_name, given_names)
    if form is None:
        return []
    found = name_candidates([form], birth_date=birth_date,
                            exclude_case_id=exclude_case.pk if exclude_case is not None else None,
                            cases=cases)
    persons = Person.objects.select_related("case").in_bulk(list(found))
    matches = [RepeatMatch(person=persons[pk], case=persons[pk].case, score=score, matched_name=label)
               for pk, (score, label, _ours) in found.items() if pk in persons]
    return sorted(matches, key=lambda m: (-m.score, -m.case.received_on.toordinal()))


def case_repeats(case: Case, *, cases: QuerySet[Case] | None = None) -> list[RepeatMatch]:
    """Possible earlier or later applications for the persons of ``case``: read from the
    repeats stored when the persons and their names were recorded (one indexed query)."""
    rows = (PersonRepeat.objects.filter(person__case_id=case.pk).exclude(other__case_id=case.pk)
            .select_related("other__case"))
    if cases is not None:
        rows = rows.filter(other__case__in=cases)
    matches: dict[int, RepeatMatch] = {}
    for row in rows:
        current = matches.get(row.other_id)
        if current is None or row.score > current.score:
            matches[row.other_id] = RepeatMatch(person=row.other, case=row.other.case, score=row.score,
                                                matched_name=row.matched_name)
    return sorted(matches.values(), key=lambda m: (-m.score, m.case.file_number))


def case_events(case: Case):
    return case.events.select_related("actor").order_by("sequence")


def follow_ups_due(cases: QuerySet[Case], *, on: date):
    from .models import FollowUp

    return FollowUp.objects.filter(done_at__isnull=True, due_on__lte=on, case__in=cases).select_related("case")


def statements_overdue(cases: QuerySet[Case], *, on: date) -> QuerySet[Case]:
    from .states import State

    return cases.filter(state=State.STATEMENT_REQUESTED, statement_due_on__lt=on).order_by("statement_due_on")
