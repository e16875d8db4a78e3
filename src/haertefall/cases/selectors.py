"""Reads of the case file shared by pages, API, dashboard and other parts."""

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process

from haertefall.core.text import name_key

from .models import Case, CaseEvent, Person, PersonNameKey, PersonNameToken, PersonRepeat
from .names import REPEAT_THRESHOLD, NameForm, length_window, name_form, name_score
from .states import State

# Similarity of a single search word with a word of a name (fuzzy fallback of the search).
SEARCH_WORD_THRESHOLD = 80


def prefix_q(field: str, prefix: str) -> Q:
    """``field`` starts with ``prefix`` (case-sensitive), in a form the database answers from a
    b-tree index: PostgreSQL serves ``LIKE 'x%'`` from the ``*_like`` pattern index Django
    creates for indexed/unique text columns; SQLite's ``LIKE`` ignores case and so cannot use
    an index, but a range on the BINARY-ordered column can."""
    q = Q(**{f"{field}__startswith": prefix})
    if connection.vendor == "sqlite":
        q &= Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})
    return q


def _cases_with_words(words: list[str], tokens_for) -> QuerySet:
    """Case ids of persons having, for every word, a name word matching ``tokens_for(word)``."""
    rows = None
    for word in words:
        step = PersonNameToken.objects.filter(tokens_for(word))
        rows = step if rows is None else step.filter(person_id__in=rows.values("person_id"))
    return rows.values("case_id")


def _fuzzy_tokens(word: str) -> list[str]:
    """Recorded name words (same initial) similar to ``word`` (Krasniqui ~ krasniqi)."""
    known = (PersonNameToken.objects.filter(prefix_q("token", word[:1])).order_by()
             .values_list("token", flat=True).distinct())
    return [t for t, _score, _ in process.extract(word, list(known), scorer=fuzz.ratio,
                                                   score_cutoff=SEARCH_WORD_THRESHOLD, limit=None)]


# Longer texts are cut: no name has more words, and each word is one more index lookup.
SEARCH_MAX_WORDS = 8
_NUMBER_SEPARATORS = re.compile(r"[\s/._-]+")


def file_number_key(text: str) -> str:
    """``text`` as ``Case.file_number_key`` writes file numbers: upper case, every run of
    spaces, slashes, dots, underscores and hyphens one hyphen."""
    return _NUMBER_SEPARATORS.sub("-", text.strip().upper()).strip("-")


# A year as file numbers write it (the office's own from 1990 on, the old register's too).
_YEAR = re.compile(r"(19|20)\d\d")
# Widest running number written with leading zeros ("HFK-2024-0012", "ALT-2004-001").
_MAX_NUMBER_WIDTH = 6


def year_and_number_cases(key: str) -> QuerySet[Case]:
    """Cases whose file number ends in the year and running number of ``key`` (a
    ``file_number_key``), whatever leading zeros either side wrote and in either order:
    "2024/12", "12/2024", "HFK 2024 12" find "HFK-2024-0012". Empty unless ``key`` holds
    exactly two numbers, one of them a year; letters ("HFK") must start the file number."""
    parts = key.split("-")
    numbers = [p for p in parts if p.isdigit()]
    letters = [p for p in parts if not p.isdigit()]
    if len(numbers) != 2 or len(letters) > 1:
        return Case.objects.none()
    found = Q(pk__in=[])
    for year, number in (numbers, numbers[::-1]):
        plain = number.lstrip("0")
        if not _YEAR.fullmatch(year) or not plain or len(plain) > _MAX_NUMBER_WIDTH:
            continue
        for width in range(len(plain), _MAX_NUMBER_WIDTH + 1):
            found |= Q(file_number_key__endswith=f"{year}-{plain.zfill(width)}")
    if letters:
        found &= prefix_q("file_number_key", letters[0])
    return Case.objects.filter(found)


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Cases among ``cases`` that match what a person typed into the search field:

    - by file number, in any case and with any separators: a text with a digit anywhere in the
      number (``alt 2019/17``, ``ALT-2004-001``, ``2004-001``, ``0296``), a text without one at
      its start (``HFK``, ``alt``); year and running number also without leading zeros and in
      either order (``2024/12``, ``12/2024`` find ``HFK-2024-0012``);
    - by name: for every word, a name word of a person (any spelling, alias, umlauts folded)
      starting with it; where no recorded name word starts with a word, the recorded words
      similar to it (Krasniqui ~ Krasniqi).

    Builds the query only. Names and number starts are found by index; a part of a number is
    looked for in the search column of every case (one short column, a few milliseconds at
    100,000 cases; no b-tree index serves ``LIKE '%…%'``)."""
    text = " ".join((text or "").split())
    if not text:
        return cases
    key = file_number_key(text)
    if not key:  # only separators ("_", " / "): no number, and no name either
        return cases.none()
    if any(ch.isdigit() for ch in text):
        by_number = Case.objects.filter(file_number_key__contains=key) | year_and_number_cases(key)
    else:
        by_number = Case.objects.filter(prefix_q("file_number_key", key))
    ids = by_number.order_by().values("pk")
    words = name_key(text).split()[:SEARCH_MAX_WORDS]
    if words:
        if all(PersonNameToken.objects.filter(prefix_q("token", w)).exists() for w in words):
            by_name = _cases_with_words(words, lambda w: prefix_q("token", w))
        else:
            similar = {w: _fuzzy_tokens(w) for w in words}
            by_name = _cases_with_words(words, lambda w: Q(token__in=similar[w]))
        # One id list from both sides: the database finds the few matching cases and checks
        # the other filters only on those.
        ids = ids.union(by_name)
    return cases.filter(pk__in=ids)


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


class CaseRepeat(NamedTuple):
    """A person of another case whose name is (nearly) that of a person of this case (a tuple:
    a case can have dozens)."""

    person_id: int
    birth_date: date | None
    case_id: int
    file_number: str
    received_on: date
    state: str
    score: float
    matched_name: str

    @property
    def state_label(self) -> str:
        return State(self.state).label if self.state in State.values else self.state


_REPEAT_COLUMNS = ("other_id", "other__birth_date", "other__case_id", "other__case__file_number",
                   "other__case__received_on", "other__case__state", "score", "matched_name")


def _repeats_of(case_id: int, same_case_id: int) -> QuerySet[PersonRepeat]:
    return (PersonRepeat.objects.filter(person__case_id=case_id).exclude(other__case_id=same_case_id)
            .values_list(*_REPEAT_COLUMNS))


def case_repeats(case: Case, *, cases: QuerySet[Case] | None = None) -> list[CaseRepeat]:
    """Possible earlier or later applications for the persons of ``case``: read from the
    repeats stored when the persons and their names were recorded (one indexed query, plain
    rows: a case can have dozens). Each other person once, with their best score."""
    rows = _repeats_of(case.pk, case.pk)
    if cases is not None:
        rows = rows.filter(other__case__in=cases)
    best: dict[int, tuple] = {}
    for row in rows:
        current = best.get(row[0])
        if current is None or row[6] > current[6]:
            best[row[0]] = row
    return sorted((CaseRepeat(*row) for row in best.values()), key=lambda r: (-r.score, r.file_number))


CASE_YEARS_CACHE_KEY = "cases:years"


def case_years() -> list[int]:
    """Years with applications, newest first. Cached for a minute (the intake clears it): the
    list filter needs it on every request, a DISTINCT over all cases is not."""
    years = cache.get(CASE_YEARS_CACHE_KEY)
    if years is None:
        years = list(Case.objects.order_by("-year").values_list("year", flat=True).distinct())
        cache.set(CASE_YEARS_CACHE_KEY, years, 60)
    return years


def case_events(case: Case):
    return case.events.select_related("actor").order_by("sequence")


def case_event_list(case: Case) -> list[CaseEvent]:
    """``case_events`` as a list, each event knowing its case without another query."""
    events = list(case_events(case))
    for event in events:
        event.case = case
    return events


def follow_ups_due(cases: QuerySet[Case], *, on: date):
    from .models import FollowUp

    return FollowUp.objects.filter(done_at__isnull=True, due_on__lte=on, case__in=cases).select_related("case")


def statements_overdue(cases: QuerySet[Case], *, on: date) -> QuerySet[Case]:
    return cases.filter(state=State.STATEMENT_REQUESTED, statement_due_on__lt=on).order_by("statement_due_on")


def case_flagged_grounds(case: Case) -> list:
    """The regular exclusion grounds (§ 5 Abs. 2 HFKVO) flagged at the case's latest formal
    check, as catalogue rows of that check's catalogue: what the commission weighs."""
    from haertefall.registers.models import ExclusionGround

    if not case.flagged_grounds:
        return []
    check = case.formal_checks.order_by("-checked_on", "-id").first()
    grounds = ExclusionGround.objects.filter(code__in=case.flagged_grounds, kind=ExclusionGround.Kind.REGULAR)
    if check is not None:
        grounds = grounds.filter(catalogue=check.catalogue)
    return list(grounds.order_by("code"))
