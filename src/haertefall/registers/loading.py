"""Load the shipped register data (CSV files in registers/data/) into the database.

Idempotent: rows are matched by their stable key and updated in place, so running it again
after a data update changes only what changed.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import transaction

from .ordering import list_positions_renumber

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def load_countries(Country) -> int:
    rows = list(_rows("countries.csv"))
    by_code = {}
    for row in rows:
        obj, _ = Country.objects.update_or_create(
            destatis_code=row["destatis_code"].strip(),
            defaults={
                "name": row["name"].strip(),
                "sort_name": (row.get("sort_name") or row["name"]).strip(),
                "official_name": (row.get("official_name") or "").strip(),
                "iso2": (row.get("iso2") or "").strip().upper(),
                "iso3": (row.get("iso3") or "").strip().upper(),
                "historical": (row.get("historical") or "0").strip() in {"1", "true", "True"},
                "variants": "\n".join(v.strip() for v in (row.get("variants") or "").split("|") if v.strip()),
            },
        )
        by_code[obj.destatis_code] = obj
    for row in rows:
        successor = (row.get("successor_code") or "").strip()
        obj = by_code[row["destatis_code"].strip()]
        wanted = by_code[successor] if successor else None
        if obj.successor_id != (wanted.pk if wanted else None):
            obj.successor = wanted
            obj.save(update_fields=["successor"])
    return len(rows)


def load_authorities(Authority) -> int:
    count = 0
    for row in _rows("authorities_nrw.csv"):
        Authority.objects.update_or_create(
            key=row["key"].strip(),
            defaults={
                "name": row["name"].strip(),
                "kind": row["kind"].strip(),
                "region": (row.get("regierungsbezirk") or "").strip(),
                "email": (row.get("email") or "").strip(),
                "land": "NW",
            },
        )
        count += 1
    return count


def load_exclusion_grounds(ExclusionCatalogue, ExclusionGround) -> int:
    count = 0
    catalogues = {}
    for row in _rows("exclusion_grounds_nrw.csv"):
        key = row["catalogue"].strip()
        if key not in catalogues:
            catalogues[key], _ = ExclusionCatalogue.objects.update_or_create(
                key=key,
                defaults={
                    "land": "NW",
                    "title": f"§ 5 HFKVO NRW (gültig ab {date.fromisoformat(row['valid_from'].strip()):%d.%m.%Y})",
                    "valid_from": date.fromisoformat(row["valid_from"].strip()),
                    "valid_to": date.fromisoformat(row["valid_to"].strip()) if (row.get("valid_to") or "").strip() else None,
                },
            )
        ExclusionGround.objects.update_or_create(
            catalogue=catalogues[key],
            code=row["code"].strip(),
            defaults={
                "kind": row["kind"].strip(),
                "paragraph": row["paragraph"].strip(),
                "label": row["label"].strip(),
                "text": row["text"].strip(),
            },
        )
        count += 1
    return count


def load_successor_states(Country) -> int:
    """The possible successors of dissolved states (``successor_states.csv``, Destatis codes)."""
    by_code = {c.destatis_code: c for c in Country.objects.all()}
    pairs = [(row["state_code"].strip(), row["successor_code"].strip()) for row in _rows("successor_states.csv")]
    for state_code in {state for state, _successor in pairs}:
        by_code[state_code].successor_states.set(
            [by_code[successor] for state, successor in pairs if state == state_code])
    return len(pairs)


def load_all(apps=None) -> dict[str, int]:
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    get = lambda name: apps.get_model("registers", name)  # noqa: E731
    with transaction.atomic():
        counts = {
            "countries": load_countries(get("Country")),
            "successor_states": load_successor_states(get("Country")),
            "authorities": load_authorities(get("Authority")),
            "exclusion_grounds": load_exclusion_grounds(get("ExclusionCatalogue"), get("ExclusionGround")),
        }
        list_positions_number(apps)
        return counts


def list_positions_number(apps) -> None:
    """German list order of countries and authorities, stored for the database (decision 0116)."""
    list_positions_renumber(apps.get_model("registers", "Country"), name_field="sort_name")
    list_positions_renumber(apps.get_model("registers", "Authority"), name_field="name")
