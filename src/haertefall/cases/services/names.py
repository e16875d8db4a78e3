"""Keeping a person's name index current: the name forms the repeat search reads, the words
the case list's search reads, and the stored possible repeats (both directions).

Called inside the services that record or change a person or a name form (same transaction).
``person_index_build`` fills everything for many persons at once (data migration, bulk loads).
"""

from collections import defaultdict

from rapidfuzz import fuzz, process

from ..models import Person, PersonNameKey, PersonNameToken, PersonRepeat
from ..names import FAMILY_PREFILTER, REPEAT_THRESHOLD, length_window, name_form, name_tokens
from ..selectors import name_candidates

BATCH = 2000


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
            keys += _key_rows(person, _forms(person, others.get(person.pk, ())))
            tokens += _token_rows(person)
        PersonNameKey.objects.bulk_create(keys, batch_size=BATCH)
        PersonNameToken.objects.bulk_create(tokens, batch_size=BATCH)
    return _repeats_build()


def _repeats_build() -> int:
    """All repeat pairs among the stored name forms, same rule as ``name_candidates``."""
    PersonRepeat.objects.all().delete()
    # family_key -> list of (person_id, case_id, birth_date, full_key, label)
    by_family: dict[str, list[tuple]] = defaultdict(list)
    for person_id, case_id, birth, family, full, label in PersonNameKey.objects.values_list(
            "person_id", "case_id", "birth_date", "family_key", "full_key", "label").iterator(chunk_size=BATCH):
        by_family[family].append((person_id, case_id, birth, full, label))
    families_by_initial: dict[str, list[str]] = defaultdict(list)
    for family in by_family:
        families_by_initial[family[:1]].append(family)
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for family, rows in by_family.items():
        low, high = length_window(len(family))
        near = [f for f in families_by_initial[family[:1]] if low <= len(f) <= high]
        similar = process.extract(family, near, scorer=fuzz.ratio, score_cutoff=FAMILY_PREFILTER, limit=None)
        for other_family, family_score, _ in similar:
            other_rows = by_family[other_family]
            full_choices = [r[3] for r in other_rows]
            for person_id, case_id, birth, full, _label in rows:
                if full:
                    scored = process.extract(full, full_choices, scorer=fuzz.token_sort_ratio,
                                             score_cutoff=REPEAT_THRESHOLD, limit=None)
                    scores = {index: score for _, score, index in scored}
                for index, (o_person, o_case, o_birth, o_full, o_label) in enumerate(other_rows):
                    if o_case == case_id or (birth and o_birth and birth != o_birth):
                        continue
                    score = scores.get(index, 0) if full and o_full else family_score
                    if score < REPEAT_THRESHOLD:
                        continue
                    pair = (person_id, o_person)
                    score = round(score, 1)
                    if pair not in best or score > best[pair][0]:
                        best[pair] = (score, o_label)
    rows = [PersonRepeat(person_id=a, other_id=b, score=score, matched_name=label[:302])
            for (a, b), (score, label) in best.items()]
    PersonRepeat.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
