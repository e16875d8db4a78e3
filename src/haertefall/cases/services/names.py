"""Keeping a person's name index current: the name forms the repeat search reads, the words
the case list's search reads, and the stored possible repeats (both directions).

Called inside the services that record or change a person or a name form (same transaction).
``person_index_build`` fills everything for many persons at once (data migration, bulk loads).
"""

from collections import defaultdict

from rapidfuzz import fuzz, process

from haertefall.imports.bulk import bulk_insert

from ..models import Person, PersonNameKey, PersonNameToken, PersonRepeat
from ..names import FAMILY_PREFILTER, REPEAT_THRESHOLD, length_window, name_form, name_tokens
from ..selectors import name_candidates

BATCH = 2000
KEY_COLUMNS = ["person_id", "case_id", "birth_date", "family_key", "full_key", "initial", "family_len", "label"]


def _forms(person: Person, other_names) -> list:
    names = [(person.family_name, person.given_names)]
    names += [(n.family_name, n.given_names) for n in other_names]
    forms = [name_form(family, given) for family, given in names]
    return [f for f in forms if f is not None]


def _key_rows(person: Person, forms) -> list[PersonNameKey]:
    return [PersonNameKey(person_id=person.pk, case_id=person.case_id, birth_date=person.birth_date,
                          family_key=f.family_key, full_key=f.full_key, initial=f.initial,
                          family_len=f.family_len, label=f.label[:302]) for f in forms]


def _token_rows(person: Person) -> list[PersonNameToken]:
    return [PersonNameToken(person_id=person.pk, case_id=person.case_id, token=t[:150])
            for t in sorted(name_tokens(person.search_text))]


def person_index_refresh(*, person: Person, other_names=None) -> None:
    """Rewrite the name forms, search words and possible repeats of ``person``. Must run inside
    the transaction of the service that changed the person or its names."""
    if other_names is None:
        other_names = list(person.other_names.all())
    forms = _forms(person, other_names)
    PersonNameKey.objects.filter(person_id=person.pk).delete()
    PersonNameToken.objects.filter(person_id=person.pk).delete()
    PersonRepeat.objects.filter(person_id=person.pk).delete()
    PersonRepeat.objects.filter(other_id=person.pk).delete()
    found = name_candidates(forms, birth_date=person.birth_date, exclude_case_id=person.case_id)
    PersonNameKey.objects.bulk_create(_key_rows(person, forms))
    PersonNameToken.objects.bulk_create(_token_rows(person))
    rows = []
    for other_id, (score, theirs, ours) in found.items():
        rows.append(PersonRepeat(person_id=person.pk, other_id=other_id, score=score, matched_name=theirs[:302]))
        rows.append(PersonRepeat(person_id=other_id, other_id=person.pk, score=score, matched_name=ours[:302]))
    PersonRepeat.objects.bulk_create(rows, batch_size=BATCH)


def person_index_build(persons=None) -> int:
    """Fill name forms, search words and repeats for ``persons`` (default: all) from scratch,
    in batches; the repeat pairs are found group by group in memory (family names compared
    once per distinct spelling), not one query per person. Returns the number of repeat rows."""
    from ..models import PersonName

    persons = Person.objects.all() if persons is None else persons
    ids = list(persons.order_by("pk").values_list("pk", flat=True))
    PersonNameKey.objects.filter(person_id__in=persons.values("pk")).delete()
    PersonNameToken.objects.filter(person_id__in=persons.values("pk")).delete()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        others = defaultdict(list)
        for name in PersonName.objects.filter(person_id__in=chunk).only(
                "person_id", "family_name", "given_names"):
            others[name.person_id].append(name)
        keys, tokens = [], []
        for person in Person.objects.filter(pk__in=chunk).only(
                "pk", "case_id", "birth_date", "family_name", "given_names", "search_text"):
            keys += [tuple(getattr(k, c) for c in KEY_COLUMNS)
                     for k in _key_rows(person, _forms(person, others.get(person.pk, ())))]
            tokens += [(person.pk, person.case_id, t[:150]) for t in sorted(name_tokens(person.search_text))]
        bulk_insert(PersonNameKey, KEY_COLUMNS, keys, batch_size=BATCH)
        bulk_insert(PersonNameToken, ["person_id", "case_id", "token"], tokens, batch_size=BATCH)
    return _repeats_build()


def _sorted_tokens(text: str) -> str:
    # token_sort_ratio(a, b) == ratio(sorted words of a, sorted words of b): sort once per row.
    return " ".join(sorted(text.split()))


def _repeats_build() -> int:
    """All repeat pairs among the stored name forms, same rule as ``name_candidates``: family
    names are compared once per distinct spelling; each name form is then scored against the
    name forms of all similar families in one rapidfuzz call (C), not pair by pair in Python."""
    PersonRepeat.objects.all().delete()
    person, case, birth, full, label = [], [], [], [], []
    by_family: dict[str, list[int]] = defaultdict(list)
    for row in PersonNameKey.objects.values_list(
            "person_id", "case_id", "birth_date", "family_key", "full_key", "label").iterator(chunk_size=BATCH):
        index = len(person)
        person.append(row[0])
        case.append(row[1])
        birth.append(row[2])
        full.append(_sorted_tokens(row[4]) if row[4] else "")
        label.append(row[5])
        by_family[row[3]].append(index)
    families_by_initial: dict[str, list[str]] = defaultdict(list)
    for family in by_family:
        families_by_initial[family[:1]].append(family)
    best: dict[tuple[int, int], tuple[float, str]] = {}

    def keep(a: int, b: int, score: float) -> None:
        if case[a] == case[b] or (birth[a] and birth[b] and birth[a] != birth[b]):
            return
        pair = (person[a], person[b])
        score = round(score, 1)
        if pair not in best or score > best[pair][0]:
            best[pair] = (score, label[b])

    for family, rows in by_family.items():
        low, high = length_window(len(family))
        near = [f for f in families_by_initial[family[:1]] if low <= len(f) <= high]
        similar = process.extract(family, near, scorer=fuzz.ratio, score_cutoff=FAMILY_PREFILTER, limit=None)
        with_given: list[int] = []  # rows of similar families that know given names
        by_family_score: list[tuple[float, list[int]]] = []  # (family score, rows without given names)
        for other_family, family_score, _ in similar:
            others = by_family[other_family]
            with_given += [i for i in others if full[i]]
            by_family_score.append((family_score, others))
        choices = [full[i] for i in with_given]
        for a in rows:
            if full[a]:
                for _text, score, pos in process.extract(full[a], choices, scorer=fuzz.ratio,
                                                         score_cutoff=REPEAT_THRESHOLD, limit=None):
                    keep(a, with_given[pos], score)
            for family_score, others in by_family_score:
                if family_score < REPEAT_THRESHOLD:
                    continue
                for b in others:
                    if not full[a] or not full[b]:
                        keep(a, b, family_score)
    # executemany / COPY (imports.bulk): Django's bulk_create compiles every row in Python.
    return bulk_insert(PersonRepeat, ["person_id", "other_id", "score", "matched_name"],
                       ((a, b, score, text[:302]) for (a, b), (score, text) in best.items()),
                       batch_size=BATCH)
