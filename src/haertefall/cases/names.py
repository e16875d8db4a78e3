"""Name forms of persons, normalised for the name search and the repeat detection.

Pure functions (no database): the keys a name form is stored under, the narrowing window the
repeat search asks SQL for, and the similarity score. Selectors and services share them, so the
search on the intake page, the stored repeats and the bulk fill agree.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz

from haertefall.core.text import name_key

# Similarity (0–100) from which two names count as the same name in another spelling.
REPEAT_THRESHOLD = 85
# Family names must be at least this similar before the full names are compared (cheap filter).
FAMILY_PREFILTER = 70


@dataclass(frozen=True)
class NameForm:
    family_key: str
    full_key: str  # "" when no given names are known
    label: str

    @property
    def initial(self) -> str:
        return self.family_key[:1]

    @property
    def family_len(self) -> int:
        return len(self.family_key)


def name_form(family_name: str, given_names: str = "") -> NameForm | None:
    family = name_key(family_name)
    if not family:
        return None
    given = name_key(given_names)
    label = f"{(family_name or '').strip()}, {(given_names or '').strip()}".strip(", ")
    return NameForm(family_key=family, full_key=f"{family} {given}" if given else "", label=label)


def length_window(length: int) -> tuple[int, int]:
    """Family-name lengths that can reach the prefilter: ratio = 2·M/(a+b) ≥ 0.7 needs the
    shorter name at least ≈ 0.54 of the longer one."""
    spread = max(2, (length * 46 + 99) // 100)
    return max(1, length - spread), length + spread


def name_score(query: NameForm, family_key: str, full_key: str) -> float:
    """0 when the family names differ too much; the full-name similarity (word order ignored)
    when both sides know given names, otherwise the family-name similarity."""
    family = fuzz.ratio(query.family_key, family_key)
    if family < FAMILY_PREFILTER:
        return 0.0
    if not query.full_key or not full_key:
        return family
    return fuzz.token_sort_ratio(query.full_key, full_key)


def name_tokens(search_text: str) -> set[str]:
    """The words of a person's normalised names (``Person.search_text``)."""
    return {word for word in search_text.replace("|", " ").split() if word}
