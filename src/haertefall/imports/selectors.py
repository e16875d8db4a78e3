"""Reads for the register import and export: lookups of countries and authorities, and the
register columns of existing cases derived from their events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from rapidfuzz import fuzz, process

from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.states import ClosureReason
from haertefall.core.text import name_key
from haertefall.registers.models import Authority
from haertefall.registers.selectors import country_resolve

from .rows import RegisterValues, ValueProblem, register_values

BATCH = 900  # below SQLite's classic limit of 999 query parameters

# Words every authority's name carries; they say nothing about which one is meant.
_NOISE = {"auslaenderbehoerde", "auslaenderamt", "abh", "der", "des", "die"}
AUTHORITY_FUZZY_MIN = 90.0
AUTHORITY_FUZZY_MARGIN = 5.0


def _reduced(text: str) -> str:
    return " ".join(w for w in name_key(text).split() if w not in _NOISE)


class AuthorityIndex:
    """Immigration authorities by name: exact (ignoring case, umlaut spelling, punctuation
    and the word "Ausländerbehörde") or a unique close fuzzy match."""

    def __init__(self, authorities: Iterable[tuple[int, str, str]]):
        self._by_key: dict[str, set[int]] = {}
        self._info: dict[int, tuple[str, str]] = {}
        for pk, key, name in authorities:
            self._info[pk] = (key, name)
            for k in {name_key(name), _reduced(name), name_key(key.replace("-", " "))}:
                if k:
                    self._by_key.setdefault(k, set()).add(pk)
        self._choices = {pk: _reduced(name) for pk, (_key, name) in self._info.items()}

    @classmethod
    def load(cls) -> AuthorityIndex:
        return cls(Authority.objects.values_list("pk", "key", "name"))

    def resolve(self, text: str) -> tuple[int, str]:
        """(pk, key) of the authority meant by ``text``; ValueProblem with a German message."""
        for key in (name_key(text), _reduced(text)):
            ids = self._by_key.get(key)
            if ids and len(ids) == 1:
                pk = next(iter(ids))
                return pk, self._info[pk][0]
        query = _reduced(text)
        if query:
            scored = process.extract(query, self._choices, scorer=fuzz.token_set_ratio, limit=None,
                                     score_cutoff=AUTHORITY_FUZZY_MIN - AUTHORITY_FUZZY_MARGIN)
            if scored:
                scored.sort(key=lambda item: item[1], reverse=True)
                _choice, top, top_pk = scored[0]
                close = [pk for _c, score, pk in scored if score >= top - AUTHORITY_FUZZY_MARGIN]
                if top >= AUTHORITY_FUZZY_MIN and len(close) == 1:
                    return top_pk, self._info[top_pk][0]
                if top >= AUTHORITY_FUZZY_MIN:
                    names = ", ".join(sorted(self._info[pk][1] for pk in close)[:4])
                    raise ValueProblem(f"Ausländerbehörde „{text}“ ist nicht eindeutig (passt auf: {names})")
        raise ValueProblem(f"unbekannte Ausländerbehörde „{text}“")


class CountryCache:
    """``country_resolve`` once per distinct written form."""

    def __init__(self):
        self._cache: dict[str, tuple[int, str] | None] = {}

    def resolve(self, text: str) -> tuple[int, str] | None:
        key = " ".join(text.split()).casefold()
        if key not in self._cache:
            country = country_resolve(text)
            self._cache[key] = None if country is None else (country.pk, country.destatis_code)
        return self._cache[key]


def _reason_label(code: str) -> str:
    try:
        return ClosureReason(code).label
    except ValueError:
        return ""


@dataclass(frozen=True)
class CaseRegisterRow:
    case_id: int
    file_number: str
    source: str
    import_fingerprint: str
    received_on: object
    country_name: str
    country_code: str
    authority_name: str
    authority_key: str
    persons: int
    values: RegisterValues


class ExistingCase(NamedTuple):
    """The columns of a stored case that the register compares and writes."""

    pk: int
    file_number: str
    source: str
    import_fingerprint: str
    received_on: date
    country_name: str
    country_code: str
    authority_name: str | None
    authority_key: str | None
    persons: int


_CASE_FIELDS = ("pk", "file_number", "source", "import_fingerprint", "received_on", "country__name",
                "country__destatis_code", "authority__name", "authority__key", "persons_count")


def events_by_case(case_ids: list[int]) -> dict[int, list[tuple]]:
    """Procedural events (step, effective_on, data) per case, in order."""
    events: dict[int, list[tuple]] = {pk: [] for pk in case_ids}
    for start in range(0, len(case_ids), BATCH):
        chunk = case_ids[start:start + BATCH]
        for case_id, step, effective_on, data in (
            CaseEvent.objects.filter(case_id__in=chunk).exclude(step="")
            .order_by("case_id", "sequence").values_list("case_id", "step", "effective_on", "data")
        ):
            events[case_id].append((step, effective_on, data))
    return events


def case_register_rows(cases) -> Iterator[CaseRegisterRow]:
    """The register columns of each case as of now, from its events (export, comparison).

    ``cases``: a Case queryset or a list of ``ExistingCase``.
    """
    if hasattr(cases, "values_list"):
        cases = [ExistingCase(*row) for row in cases.values_list(*_CASE_FIELDS)]
    for start in range(0, len(cases), BATCH):
        chunk = cases[start:start + BATCH]
        events = events_by_case([c.pk for c in chunk])
        for c in chunk:
            yield CaseRegisterRow(
                case_id=c.pk, file_number=c.file_number, source=c.source,
                import_fingerprint=c.import_fingerprint, received_on=c.received_on,
                country_name=c.country_name, country_code=c.country_code,
                authority_name=c.authority_name or "", authority_key=c.authority_key or "",
                persons=c.persons, values=register_values(events[c.pk], _reason_label),
            )


def cases_by_file_number(numbers: list[str]) -> dict[str, ExistingCase]:
    """Existing cases for the given file numbers."""
    found: dict[str, ExistingCase] = {}
    for start in range(0, len(numbers), BATCH):
        chunk = numbers[start:start + BATCH]
        for row in Case.objects.filter(file_number__in=chunk).values_list(*_CASE_FIELDS):
            case = ExistingCase(*row)
            found[case.file_number] = case
    return found


def cases_for_export(*, years: tuple[int, int] | None = None):
    qs = Case.objects.all()
    if years is not None:
        qs = qs.filter(year__gte=years[0], year__lte=years[1])
    return qs.order_by("received_on", "file_number")
