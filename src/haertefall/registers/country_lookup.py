"""Resolve nationalities as people write them to the Destatis country register.

Pure Python (no Django): the register import, the statistics and the tests use it directly,
and the Django layer only maps a resolved record to its database row.

Registers written by hand contain every form of a country: the short name ("Türkei"), the
official name ("Republik Serbien"), the Destatis list form ("Kongo, Demokratische Republik"),
ISO 3166 codes ("TUR", "tr"), the Destatis code ("163"), older or foreign spellings
("Aserbajdschan", "Mazedonien") and artefacts of copying from a PDF ("Aserbaid- schan").
``CountryIndex.resolve`` accepts all of them; ``CountryIndex.current`` maps historical states
(Jugoslawien, Sowjetunion …) to the country they are counted under today.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

__all__ = [
    "FUZZY_MIN_MARGIN",
    "FUZZY_MIN_SCORE",
    "CountryIndex",
    "CountryRecord",
    "default_index",
    "german_sort_key",
    "normalise",
]

# A fuzzy match is only trusted when it is nearly exact (a typo, a dropped letter) and no other
# country comes close: a wrong country in the statistics is worse than an import error that
# asks a person to correct the row.
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_MARGIN = 5.0
# Shorter strings give unstable similarity scores ("Irak"/"Iran" differ by one letter).
FUZZY_MIN_LENGTH = 5

CSV_COLUMNS = (
    "destatis_code",
    "name",
    "sort_name",
    "official_name",
    "iso2",
    "iso3",
    "historical",
    "successor_code",
    "variants",
)

_UMLAUTS_EXPANDED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_UMLAUTS_DROPPED = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_ISO_LIKE = re.compile(r"[A-Za-z]{2,3}")
_DIGITS = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class CountryRecord:
    """One row of countries.csv."""

    destatis_code: str
    name: str
    sort_name: str
    official_name: str
    iso2: str
    iso3: str
    historical: bool
    successor_code: str | None
    variants: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """Every written name of this country (not the codes)."""
        return (self.name, self.sort_name, self.official_name, *self.variants)


def _strip_accents(text: str) -> str:
    # NFKD splits "é" into "e" + combining accent; dropping the combining marks leaves "e".
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold(text: str, umlauts: dict[int, str]) -> str:
    # Umlauts are translated before accents are stripped, otherwise "ü" would already be "u".
    text = unicodedata.normalize("NFC", text).lower().translate(umlauts)
    return _strip_accents(text).casefold()


def normalise(text: str) -> str:
    """Lookup key: lower case, umlauts as ae/oe/ue, ß as ss, nothing but letters and digits.

    Dropping spaces, hyphens and punctuation makes "Aserbaid- schan" (a hyphenation left over
    from the report's PDF), "Guinea Bissau" and "Kongo (Dem. Rep.)" match their clean forms.
    Expanding umlauts makes "Tuerkei" match "Türkei".
    """
    return _NOT_ALNUM.sub("", _fold(text, _UMLAUTS_EXPANDED))


def _normalise_dropped(text: str) -> str:
    # Second key for every name: umlauts without the e ("Turkei"), as written on keyboards
    # without umlauts. Only used to build the index; input is normalised with normalise().
    return _NOT_ALNUM.sub("", _fold(text, _UMLAUTS_DROPPED))


def german_sort_key(text: str) -> tuple[str, str]:
    """Locale-independent German collation (DIN 5007, variant 1).

    Umlauts sort as their base letter (ä as a), ß as ss, other accents are ignored and case
    does not matter. The second element only makes the order total for strings that differ
    in nothing but case or accents. The server's locale is deliberately not used: it differs
    between machines, and the published tables must come out the same everywhere.
    """
    primary = _fold(text, _UMLAUTS_DROPPED)
    return primary, text.casefold()


def _parse_row(row: dict[str, str], line: int) -> CountryRecord:
    try:
        code = row["destatis_code"].strip()
        name = row["name"].strip()
    except KeyError as exc:
        raise ValueError(f"countries.csv line {line}: missing column {exc}") from None
    if not _DIGITS.fullmatch(code) or len(code) != 3:
        raise ValueError(f"countries.csv line {line}: destatis_code must have 3 digits: {code!r}")
    if not name:
        raise ValueError(f"countries.csv line {line}: empty name")
    historical = (row.get("historical") or "0").strip()
    if historical not in ("0", "1"):
        raise ValueError(f"countries.csv line {line}: historical must be 0 or 1: {historical!r}")
    variants = tuple(v.strip() for v in (row.get("variants") or "").split("|") if v.strip())
    return CountryRecord(
        destatis_code=code,
        name=name,
        sort_name=(row.get("sort_name") or "").strip() or name,
        official_name=(row.get("official_name") or "").strip(),
        iso2=(row.get("iso2") or "").strip().upper(),
        iso3=(row.get("iso3") or "").strip().upper(),
        historical=historical == "1",
        successor_code=(row.get("successor_code") or "").strip() or None,
        variants=variants,
    )


class CountryIndex:
    """All countries of the register, with lookups by every written form."""

    def __init__(self, records: Iterable[CountryRecord]):
        self._by_code: dict[str, CountryRecord] = {}
        for record in records:
            if record.destatis_code in self._by_code:
                raise ValueError(f"duplicate destatis_code {record.destatis_code!r}")
            self._by_code[record.destatis_code] = record

        # Two separate lookups: ISO codes are only tried when the input looks like one, so
        # "n/a" or "N.A." in a register is not read as Namibia ("NA").
        self._by_iso: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        # Every key of both lookups, to find the same text meaning two countries.
        seen: dict[str, tuple[str, str]] = {}

        def add(table: dict[str, str], key: str, record: CountryRecord, source: str) -> None:
            if not key:
                return
            other = seen.get(key)
            if other is not None and other[0] != record.destatis_code:
                raise ValueError(
                    f"ambiguous country key {key!r}: {source!r} of "
                    f"{record.destatis_code} {record.name} and {other[1]!r} of "
                    f"{other[0]} {self._by_code[other[0]].name}"
                )
            seen[key] = (record.destatis_code, source)
            table[key] = record.destatis_code

        for record in self._by_code.values():
            for iso in (record.iso2, record.iso3):
                add(self._by_iso, iso.lower(), record, iso)
            for text in record.names():
                add(self._by_name, normalise(text), record, text)
                add(self._by_name, _normalise_dropped(text), record, text)

        self._check_successors()
        # Fuzzy candidates: names only (codes are too short to compare by similarity).
        self._fuzzy_keys = [key for key in self._by_name if len(key) >= FUZZY_MIN_LENGTH]

    def _check_successors(self) -> None:
        for record in self._by_code.values():
            chain = [record.destatis_code]
            current = record
            while current.successor_code is not None:
                successor = self._by_code.get(current.successor_code)
                if successor is None:
                    raise ValueError(
                        f"{current.destatis_code} {current.name}: unknown successor_code "
                        f"{current.successor_code!r}"
                    )
                if successor.destatis_code in chain:
                    raise ValueError(f"successor cycle: {' -> '.join(chain)}")
                chain.append(successor.destatis_code)
                current = successor
            if current.historical:
                # A historical state must end at a country that exists today, otherwise the
                # statistics would show it under its old name.
                raise ValueError(f"{record.destatis_code} {record.name}: no current successor")

    @classmethod
    def load(cls, path: str | Path | None = None) -> CountryIndex:
        """Read countries.csv; by default the copy shipped inside this package."""
        if path is None:
            source = resources.files("haertefall.registers").joinpath("data", "countries.csv")
            text = source.read_text(encoding="utf-8-sig")
        else:
            text = Path(path).read_text(encoding="utf-8-sig")
        reader = csv.DictReader(text.splitlines())
        missing = set(CSV_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"countries.csv: missing columns {sorted(missing)}")
        # Line 1 is the header, so data rows start at line 2.
        return cls(_parse_row(row, line) for line, row in enumerate(reader, start=2))

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[CountryRecord]:
        return iter(self._by_code.values())

    def by_code(self, code: str) -> CountryRecord | None:
        return self._by_code.get(code.strip())

    def resolve(self, text: str) -> CountryRecord | None:
        """The country meant by ``text``, or None when it is unknown or ambiguous.

        Tried in order: Destatis code, ISO alpha-2/alpha-3, exact name (short, official,
        list form, variants, historical names; normalised), and last a fuzzy match that must
        be close and unambiguous.
        """
        if text is None:
            return None
        stripped = " ".join(str(text).split())
        if not stripped:
            return None

        if _DIGITS.fullmatch(stripped):
            # Spreadsheets drop leading zeros ("0" for "000").
            return self._by_code.get(stripped.zfill(3))

        if _ISO_LIKE.fullmatch(stripped):
            code = self._by_iso.get(stripped.lower())
            if code is not None:
                return self._by_code[code]

        key = normalise(stripped)
        if not key:
            return None
        code = self._by_name.get(key)
        if code is not None:
            return self._by_code[code]
        return self._fuzzy(key)

    def _fuzzy(self, key: str) -> CountryRecord | None:
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        # Best score per country: several keys of one country (name, variants) must not
        # count as competitors of each other.
        best: dict[str, float] = {}
        for candidate, score, _ in process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, limit=None, score_cutoff=50
        ):
            code = self._by_name[candidate]
            if score > best.get(code, 0.0):
                best[code] = score
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        top_code, top_score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if top_score >= FUZZY_MIN_SCORE and top_score - runner_up >= FUZZY_MIN_MARGIN:
            return self._by_code[top_code]
        return None

    def current(self, record: CountryRecord) -> CountryRecord:
        """The country a (possibly historical) record counts under today."""
        while record.successor_code is not None:
            record = self._by_code[record.successor_code]
        return record

    def resolve_current(self, text: str) -> CountryRecord | None:
        record = self.resolve(text)
        return None if record is None else self.current(record)


@cache
def default_index() -> CountryIndex:
    """The shipped register, loaded once per process."""
    return CountryIndex.load()
