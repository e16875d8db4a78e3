"""Register files for the benchmark, in the format of register-format.md (version 1).

The benchmark writes them with ``haertefall.statistics.synthetic.synthetic_register_rows``
(the demo generator, scaled to the size). ``fallback_rows`` (``BENCH_GENERATOR=fallback``)
writes rows of the same shape independently of the project's code: twenty years of receipts,
the report's mix of countries written the way people write them (short names, ISO codes,
Destatis codes, old names), outcomes and results with dates, some of them after the report's
cut-off date so that "open as of" is exercised.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

from haertefall.statistics.synthetic import synthetic_register_rows

COLUMNS = (
    "Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit", "Ausländerbehörde", "Personen",
    "Erledigung", "Erledigungsdatum", "Erledigungsgrund", "Ergebnis Ersuchen", "Ergebnisdatum",
)

FIRST_YEAR = 2005
LAST_YEAR = 2024
# No date may lie in the future of the machine's clock (the import refuses those).
LATEST_DATE = date(2026, 6, 30)

# (weight, ways the nationality is written in registers). Every spelling must resolve with
# registers.country_lookup (tests/bench/test_register.py checks it).
COUNTRIES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (160, ("Serbien", "Republik Serbien", "SRB", "170")),
    (90, ("Kosovo", "150")),
    (80, ("Türkei", "TUR", "TR", "Tuerkei")),
    (50, ("Afghanistan", "AFG")),
    (45, ("Irak", "IRQ")),
    (40, ("Russland", "Russische Föderation", "RUS")),
    (35, ("Aserbaidschan", "Aserbajdschan", "AZE")),
    (35, ("Armenien", "ARM")),
    (30, ("Nordmazedonien", "Mazedonien", "MKD")),
    (30, ("Albanien", "ALB")),
    (25, ("Bosnien und Herzegowina", "BIH")),
    (25, ("Libanon", "LBN")),
    (25, ("Syrien", "SYR")),
    (20, ("Iran", "IRN")),
    (20, ("Ghana", "GHA")),
    (20, ("Nigeria", "NGA")),
    (18, ("Guinea", "GIN")),
    (18, ("DR Kongo", "Kongo, Demokratische Republik", "COD")),
    (15, ("Togo", "TGO")),
    (15, ("Marokko", "MAR")),
    (12, ("Algerien", "DZA")),
    (12, ("Georgien", "GEO")),
    (12, ("Ukraine", "UKR")),
    (10, ("Vietnam", "VNM")),
    (10, ("staatenlos", "997")),
    (8, ("Jugoslawien",)),
    (8, ("Serbien und Montenegro",)),
    (6, ("Sowjetunion",)),
    (6, ("Äthiopien", "ETH")),
    (6, ("Eritrea", "ERI")),
    (5, ("Somalia", "SOM")),
    (5, ("Pakistan", "PAK")),
    (5, ("Sri Lanka", "LKA")),
    (4, ("Kamerun", "CMR")),
    (4, ("Angola", "AGO")),
    (3, ("Côte d'Ivoire", "CIV")),
    (3, ("Montenegro", "MNE")),
    (3, ("Libyen", "LBY")),
    (2, ("Tunesien", "TUN")),
    (2, ("ungeklärt", "998")),
)

# The project's shipped register of NRW authorities, wherever the package is installed.
AUTHORITIES_CSV = files("haertefall.registers") / "data" / "authorities_nrw.csv"


def _authority_names() -> list[str]:
    with AUTHORITIES_CSV.open(encoding="utf-8", newline="") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    # Registers leave the authority empty now and then.
    return names + [""] * max(1, len(names) // 20)


NO_REQUEST_REASONS = ("Ausschlussgrund § 5 Abs. 1 HFKVO", "Keine Befassung (Vorprüfung)",
                      "Beschluss: kein Ersuchen")
OTHER_REASONS = ("Rücknahme des Antrags", "Ausreise", "Abschiebung",
                 "Aufenthaltserlaubnis nach § 25b AufenthG")


def _fmt(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def fallback_rows(count: int, *, seed: int = 0) -> Iterator[dict[str, str]]:
    """Exactly ``count`` register rows, reproducible for a seed."""
    rng = random.Random(seed)
    weights = [w for w, _ in COUNTRIES]
    spellings = [names for _, names in COUNTRIES]
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    # The founding years are large, later years vary (shape of table 6.1).
    year_weights = [4 if y == FIRST_YEAR else 3 if y == FIRST_YEAR + 1 else 1 + (y % 3) for y in years]
    authorities = _authority_names()
    for index in range(count):
        year = rng.choices(years, year_weights)[0]
        received = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        names = rng.choices(spellings, weights)[0]
        row = dict.fromkeys(COLUMNS, "")
        row.update({
            # The index keeps file numbers unique however the years fall.
            "Aktenzeichen": f"HFK-{year}-{index + 1:07d}",
            "Eingangsdatum": _fmt(received),
            "Staatsangehörigkeit": rng.choice(names),
            "Ausländerbehörde": rng.choice(authorities),
            "Personen": str(rng.choice((1, 1, 1, 2, 3, 4, 5))),
        })
        roll = rng.random()
        decided = received + timedelta(days=rng.randrange(30, 900))
        if roll < 0.08 or decided > LATEST_DATE:
            yield row
            continue
        if roll < 0.45:
            row.update(Erledigung="Kein Ersuchen", Erledigungsgrund=rng.choice(NO_REQUEST_REASONS))
        elif roll < 0.62:
            row.update(Erledigung="Andere Erledigung", Erledigungsgrund=rng.choice(OTHER_REASONS))
        else:
            row["Erledigung"] = "Ersuchen"
        row["Erledigungsdatum"] = _fmt(decided)
        if row["Erledigung"] == "Ersuchen" and rng.random() < 0.9:
            result = decided + timedelta(days=rng.randrange(20, 500))
            if result <= LATEST_DATE:
                outcome = rng.random()
                row["Ergebnis Ersuchen"] = (
                    "gefolgt" if outcome < 0.85 else "nicht gefolgt" if outcome < 0.93 else "andere Erledigung"
                )
                row["Ergebnisdatum"] = _fmt(result)
        yield row


def project_rows(count: int, *, seed: int = 0) -> Iterator[dict[str, str]]:
    """The statistics helper's generator scaled to about ``count`` rows.

    Its ``scale`` multiplies the NRW-sized demo register; we measure one run at scale 1 and
    scale up, then take exactly ``count`` rows so that sizes are comparable between runs.
    """
    base = sum(1 for _ in synthetic_register_rows(scale=1.0, seed=seed))
    scale = count / base * 1.02 + 0.01

    def rows():
        produced = 0
        for row in synthetic_register_rows(scale=scale, seed=seed):
            if produced >= count:
                return
            produced += 1
            yield {col: "" if row.get(col) is None else str(row.get(col)) for col in COLUMNS}

    return rows()


def write_register(path: Path, count: int, *, seed: int = 0, source: str = "project") -> dict:
    """Write a register CSV (``;``, UTF-8, German Excel style). Returns what was written.

    ``source``: ``project`` (the demo generator) or ``fallback`` (``fallback_rows``).
    """
    if source == "project":
        rows, used = project_rows(count, seed=seed), "haertefall.statistics.synthetic.synthetic_register_rows"
    elif source == "fallback":
        rows, used = fallback_rows(count, seed=seed), "fallback"
    else:
        raise ValueError(f"unknown register generator {source!r} (BENCH_GENERATOR: project or fallback)")
    written = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter=";", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
    return {"path": str(path), "rows": written, "generator": used, "seed": seed,
            "bytes": path.stat().st_size}
