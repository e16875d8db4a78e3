"""A synthetic, deterministic case history that reproduces the published figures.

``history_plan(scale, seed)`` plans one ``CaseSpec`` per application from 2005 until today:
receipt, nationality as recorded, authority, persons, the commission's outcome and the
authority's result, with dates. At ``scale=1`` the plan evaluated as of 15.11.2024 gives every
figure of the activity report 2024 (tables 6.1–6.6, 2005–2023); at other scales the same
shape, scaled (for benchmarks with 100,000 or 1,000,000 rows).

Pure Python (no database): the demo data (``statistics.demo``) writes the plan as cases and
events, ``synthetic_register_rows`` writes it as rows of the register format
(/work/shared/domain/register-format.md) for the import and the benchmarks.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import accumulate

from haertefall.registers.country_lookup import default_index

CUT_OFF = date(2024, 11, 15)
FIRST_YEAR = 2005
FILE_NUMBER_FORMAT = "HFK-{year}-{seq:04d}"

# Years the report does not break down (founding years): plausible outcomes of our own.
FOUNDING_OUTCOMES = {
    2005: {"no_request": 560, "other_closure": 214, "open": 0,
           "followed": 270, "not_followed": 12, "request_other": 8, "request_open": 0},
    2006: {"no_request": 402, "other_closure": 165, "open": 0,
           "followed": 214, "not_followed": 9, "request_other": 7, "request_open": 0},
}
FOUNDING_COUNTRIES = {  # Destatis code as recorded then -> weight
    "132": 38, "163": 12, "150": 0, "160": 6, "423": 4, "438": 5, "451": 5, "475": 4,
    "122": 4, "439": 4, "246": 3, "252": 3,
}
# Applications after the published report (2026: up to today, scaled to the elapsed year).
LATER_YEARS = {2024: 287, 2025: 301, 2026: 276}
LATER_SHARES = {"request": 0.30, "no_request": 0.40, "other_closure": 0.30}
LATER_RESULTS = {"followed": 0.78, "not_followed": 0.14, "other": 0.08}

PERSONS_WEIGHTS = {1: 45, 2: 15, 3: 12, 4: 12, 5: 9, 6: 7}
NO_REQUEST_PATHS = {"check_exclude": 30, "prescreen_reject": 10, "decide_no_request": 60}
OTHER_CLOSURE_REASONS = {"withdrawal": 30, "departure": 20, "deportation": 10,
                         "other_legal_basis": 32, "death": 2, "moved_land": 6}
REQUEST_OTHER_REASONS = {"other_legal_basis": 50, "departure": 30, "request_revoked": 20}
# Codes never used for "Übrige": Germany, and historical states (they count under successors).
NOT_IN_OTHERS = {"000", "999"}

OUTCOME_LABELS = {"request": "Ersuchen", "no_request": "Kein Ersuchen", "other_closure": "Andere Erledigung"}
RESULT_LABELS = {"followed": "gefolgt", "not_followed": "nicht gefolgt", "other": "andere Erledigung"}
REASON_TEXTS = {
    "check_exclude": "Ausschlussgrund § 5 Abs. 1 HFKVO",
    "prescreen_reject": "Keine Befassung (Vorprüfungsausschuss)",
    "decide_no_request": "Kein Ersuchen (Beschluss der Kommission)",
    "withdrawal": "Rücknahme des Antrags",
    "departure": "Ausreise",
    "deportation": "Abschiebung",
    "other_legal_basis": "Aufenthaltserlaubnis auf anderer Rechtsgrundlage",
    "death": "Tod",
    "moved_land": "Wegzug in ein anderes Land",
    "request_revoked": "Widerruf des Ersuchens",
}


@dataclass(frozen=True)
class CaseSpec:
    """One planned application and what became of it (dates may lie after the cut-off)."""

    year: int
    seq: int
    received_on: date
    country_code: str  # Destatis code as recorded (historical states possible)
    authority_key: str
    persons: int
    outcome: str = ""  # "request" | "no_request" | "other_closure" | "" (open)
    outcome_on: date | None = None
    outcome_path: str = ""  # how: check_exclude/prescreen_reject/decide_no_request or a reason
    result: str = ""  # after a request: "followed" | "not_followed" | "other" | "" (open)
    result_on: date | None = None
    result_reason: str = ""


@cache
def published_figures() -> dict:
    """The activity report 2024's figures shipped with this package."""
    text = resources.files("haertefall.statistics").joinpath(
        "data", "published-figures-2024.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _authorities() -> tuple[tuple[str, str, int], ...]:
    text = resources.files("haertefall.registers").joinpath(
        "data", "authorities_nrw.csv").read_text(encoding="utf-8-sig")
    weights = {"kreisfreie_stadt": 6, "kreis": 3, "kreisangehoerige_stadt": 1,
               "zentrale_auslaenderbehoerde": 2}
    return tuple((row["key"], row["name"], weights.get(row["kind"], 1))
                 for row in csv.DictReader(text.splitlines()))


_CUMULATIVE: dict[int, tuple[list, list, dict]] = {}


def _pick(rng: random.Random, weights: dict):
    # Cumulative weights computed once per table: choices() draws the same numbers as with
    # weights=, only faster (the benchmarks plan a million cases).
    cached = _CUMULATIVE.get(id(weights))
    if cached is None or cached[2] is not weights:
        cached = (list(weights), list(accumulate(weights.values())), weights)
        _CUMULATIVE[id(weights)] = cached
    return rng.choices(cached[0], cum_weights=cached[1])[0]


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


class _Planner:
    def __init__(self, *, scale: float, seed: int, today: date):
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.index = default_index()
        self.code_by_name = {r.name: r.destatis_code for r in self.index}
        authorities = _authorities()
        self.authority_keys = [a[0] for a in authorities]
        self.authority_cumulative = list(accumulate(a[2] for a in authorities))

    def n(self, value: int) -> int:
        return round(value * self.scale)

    # -- countries ------------------------------------------------------------------------
    def countries_published(self, year: int, total: int) -> list[str]:
        table = published_figures()["countries"][str(year)]
        top = [(self.code_by_name[r["country"]], self.n(r["count"])) for r in table["top"]]
        codes: list[str] = []
        for code, count in top:
            codes += [self._as_recorded(code, year) for _ in range(count)]
        others = max(0, total - len(codes))
        del codes[total:]
        smallest = min(c for _code, c in top) if top else 2
        codes += self._others(others, cap=max(1, smallest - 1), exclude={c for c, _ in top})
        return codes

    def _as_recorded(self, code: str, year: int) -> str:
        """Some early registers recorded states that no longer exist (counted as today's)."""
        if code == "170" and year <= 2008 and self.rng.random() < 0.5:
            return "133"  # "Serbien (einschl. Kosovo)"
        if code == "160" and year <= 2009 and self.rng.random() < 0.2:
            return "159"  # "Sowjetunion" (old passports)
        return code

    def _others(self, count: int, *, cap: int, exclude: set[str]) -> list[str]:
        pool = [r.destatis_code for r in self.index
                if not r.historical and r.destatis_code not in NOT_IN_OTHERS
                and r.destatis_code not in exclude]
        self.rng.shuffle(pool)
        codes: list[str] = []
        used: dict[str, int] = {}
        i = 0
        while len(codes) < count:
            code = pool[i % len(pool)]
            i += 1
            room = cap - used.get(code, 0)
            if room <= 0:
                continue
            k = min(self.rng.randint(1, room), count - len(codes))
            used[code] = used.get(code, 0) + k
            codes += [code] * k
        return codes

    def countries_weighted(self, weights: dict[str, int], total: int) -> list[str]:
        return [_pick(self.rng, weights) for _ in range(total)]

    # -- dates ----------------------------------------------------------------------------
    def closed_dates(self, received: date, *, latest: date, with_result: bool):
        """Decision 2–9 months after receipt, result 1–6 months later, all by ``latest``."""
        decision = self.rng.randint(60, 270)
        result = self.rng.randint(30, 180) if with_result else 0
        room = (latest - received).days
        if decision + result > room:
            factor = room / (decision + result) * 0.97
            decision, result = max(1, int(decision * factor)), max(1, int(result * factor)) if with_result else 0
        decided = received + timedelta(days=decision)
        return decided, (decided + timedelta(days=result) if with_result else None)

    def after_cut_off(self) -> date | None:
        if self.today <= CUT_OFF:
            return None
        return _random_day(self.rng, CUT_OFF + timedelta(days=1), self.today)

    # -- one year -------------------------------------------------------------------------
    def plan_year(self, year: int) -> Iterator[CaseSpec]:
        figures = published_figures()
        if str(year) in figures["outcomes"]:
            o, r = figures["outcomes"][str(year)], figures["request_outcomes"][str(year)]
            leaves = {"no_request": o["no_request"], "other_closure": o["other_closure"], "open": o["open"],
                      "followed": r["followed"], "not_followed": r["not_followed"],
                      "request_other": r["other_closure"], "request_open": r["open"]}
        elif year in FOUNDING_OUTCOMES:
            leaves = FOUNDING_OUTCOMES[year]
        else:
            yield from self.plan_later_year(year)
            return
        leaves = {k: self.n(v) for k, v in leaves.items()}
        total = sum(leaves.values())
        if str(year) in figures["countries"]:
            countries = self.countries_published(year, total)
        else:
            countries = self.countries_weighted(FOUNDING_COUNTRIES, total)
        self.rng.shuffle(countries)
        kinds = [k for k, v in leaves.items() for _ in range(v)]
        self.rng.shuffle(kinds)
        receipts = sorted(_random_day(self.rng, date(year, 1, 2), date(year, 12, 30)) for _ in kinds)
        for seq, (kind, country, received) in enumerate(zip(kinds, countries, receipts, strict=True), 1):
            yield self.plan_case(year, seq, received, country, kind)

    def base(self, year, seq, received, country) -> dict:
        return {
            "year": year, "seq": seq, "received_on": received, "country_code": country,
            "authority_key": self.rng.choices(self.authority_keys, cum_weights=self.authority_cumulative)[0],
            "persons": _pick(self.rng, PERSONS_WEIGHTS),
        }

    def plan_case(self, year, seq, received, country, kind) -> CaseSpec:
        """A case whose status as of the cut-off date is ``kind``."""
        spec = self.base(year, seq, received, country)
        rng = self.rng
        if kind in ("no_request", "other_closure"):
            decided, _ = self.closed_dates(received, latest=CUT_OFF, with_result=False)
            path = _pick(rng, NO_REQUEST_PATHS if kind == "no_request" else OTHER_CLOSURE_REASONS)
            return CaseSpec(**spec, outcome=kind, outcome_on=decided, outcome_path=path)
        if kind in ("followed", "not_followed", "request_other"):
            decided, result_on = self.closed_dates(received, latest=CUT_OFF, with_result=True)
            result = "other" if kind == "request_other" else kind
            reason = _pick(rng, REQUEST_OTHER_REASONS) if result == "other" else ""
            return CaseSpec(**spec, outcome="request", outcome_on=decided, result=result,
                            result_on=result_on, result_reason=reason)
        if kind == "request_open":
            decided, _ = self.closed_dates(received, latest=CUT_OFF, with_result=False)
            later = self.after_cut_off() if rng.random() < 0.7 else None
            if later is None:
                return CaseSpec(**spec, outcome="request", outcome_on=decided)
            result = _pick(rng, LATER_RESULTS)
            reason = _pick(rng, REQUEST_OTHER_REASONS) if result == "other" else ""
            return CaseSpec(**spec, outcome="request", outcome_on=decided, result=result,
                            result_on=later, result_reason=reason)
        # open as of the cut-off: decided later (after the cut-off) or still open today
        later = self.after_cut_off() if rng.random() < 0.7 else None
        if later is None:
            return CaseSpec(**spec)
        outcome = _pick(rng, LATER_SHARES)
        return self.decided_case(spec, outcome, later)

    def decided_case(self, spec: dict, outcome: str, decided: date) -> CaseSpec:
        rng = self.rng
        if outcome == "no_request":
            return CaseSpec(**spec, outcome=outcome, outcome_on=decided,
                            outcome_path=_pick(rng, NO_REQUEST_PATHS))
        if outcome == "other_closure":
            return CaseSpec(**spec, outcome=outcome, outcome_on=decided,
                            outcome_path=_pick(rng, OTHER_CLOSURE_REASONS))
        result_on = decided + _days(rng, 30, 180)
        if result_on > self.today:
            return CaseSpec(**spec, outcome="request", outcome_on=decided)
        result = _pick(rng, LATER_RESULTS)
        reason = _pick(rng, REQUEST_OTHER_REASONS) if result == "other" else ""
        return CaseSpec(**spec, outcome="request", outcome_on=decided, result=result,
                        result_on=result_on, result_reason=reason)

    def plan_later_year(self, year: int) -> Iterator[CaseSpec]:
        """Years after the published report: plausible numbers, statuses from the dates."""
        if year > self.today.year:
            return
        end = min(date(year, 12, 30), self.today)
        share = (end - date(year, 1, 1)).days / 365
        total = self.n(round(LATER_YEARS.get(year, 280) * share))
        table = published_figures()["countries"]["2023"]
        weights = {self.code_by_name[r["country"]]: r["count"] for r in table["top"]}
        weights.update({c: 3 for c in ("423", "460", "261", "160", "232", "262", "283")})
        countries = self.countries_weighted(weights, total)
        receipts = sorted(_random_day(self.rng, date(year, 1, 2), end) for _ in range(total))
        for seq, (received, country) in enumerate(zip(receipts, countries, strict=True), 1):
            spec = self.base(year, seq, received, country)
            decided = received + _days(self.rng, 60, 270)
            if decided > self.today:
                yield CaseSpec(**spec)
                continue
            yield self.decided_case(spec, _pick(self.rng, LATER_SHARES), decided)


def history_plan(*, scale: float = 1.0, seed: int = 0, today: date | None = None) -> Iterator[CaseSpec]:
    """Every planned application, year by year, from 2005 until ``today``."""
    today = today or date.today()
    planner = _Planner(scale=scale, seed=seed, today=today)
    for year in range(FIRST_YEAR, today.year + 1):
        yield from planner.plan_year(year)


def _de(d: date | None) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}" if d else ""


def synthetic_register_rows(*, scale: float = 1.0, seed: int = 0, today: date | None = None) -> Iterator[dict]:
    """Register rows (German column names of register format version 1), one per application.

    At ``scale=1`` the rows, imported, give the published figures as of 15.11.2024; use e.g.
    ``scale=12.5`` for about 100,000 and ``scale=125`` for about 1,000,000 rows.
    """
    index = default_index()
    names = {a[0]: a[1] for a in _authorities()}
    for spec in history_plan(scale=scale, seed=seed, today=today):
        row = {
            "Aktenzeichen": FILE_NUMBER_FORMAT.format(year=spec.year, seq=spec.seq),
            "Eingangsdatum": _de(spec.received_on),
            "Staatsangehörigkeit": index.by_code(spec.country_code).name,
            "Ausländerbehörde": names[spec.authority_key],
            "Personen": str(spec.persons),
            "Erledigung": OUTCOME_LABELS.get(spec.outcome, ""),
            "Erledigungsdatum": _de(spec.outcome_on),
            "Erledigungsgrund": REASON_TEXTS.get(spec.outcome_path, ""),
            "Ergebnis Ersuchen": RESULT_LABELS.get(spec.result, ""),
            "Ergebnisdatum": _de(spec.result_on),
        }
        if spec.result == "other":
            row["Erledigungsgrund"] = REASON_TEXTS.get(spec.result_reason, "")
        yield row
