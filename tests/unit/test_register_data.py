"""Shape and plausibility of the shipped register CSVs (countries, authorities, § 5 HFKVO)."""

import csv
import re
from collections import Counter
from datetime import date
from importlib import resources

import pytest

DATA = resources.files("haertefall.registers").joinpath("data")

AUTHORITY_KINDS = {
    "kreisfreie_stadt",
    "kreis",
    "kreisangehoerige_stadt",
    "zentrale_auslaenderbehoerde",
}
REGIERUNGSBEZIRKE = {"Arnsberg", "Detmold", "Düsseldorf", "Köln", "Münster"}


def _rows(name: str) -> list[dict[str, str]]:
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture(scope="module")
def countries():
    return _rows("countries.csv")


@pytest.fixture(scope="module")
def authorities():
    return _rows("authorities_nrw.csv")


@pytest.fixture(scope="module")
def grounds():
    return _rows("exclusion_grounds_nrw.csv")


# Countries


def test_country_codes_are_unique_three_digit_strings(countries):
    codes = [r["destatis_code"] for r in countries]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{3}", c) for c in codes)


def test_country_codes_given_in_the_domain_brief(countries):
    by_code = {r["destatis_code"]: r["name"] for r in countries}
    expected = {
        "121": "Albanien",
        "122": "Bosnien und Herzegowina",
        "144": "Nordmazedonien",
        "150": "Kosovo",
        "160": "Russland",
        "163": "Türkei",
        "170": "Serbien",
        "232": "Nigeria",
        "238": "Ghana",
        "246": "DR Kongo",
        "252": "Marokko",
        "261": "Guinea",
        "262": "Kamerun",
        "283": "Togo",
        "422": "Armenien",
        "423": "Afghanistan",
        "425": "Aserbaidschan",
        "430": "Georgien",
        "438": "Irak",
        "439": "Iran",
        "451": "Libanon",
        "460": "Bangladesch",
        "461": "Pakistan",
        "475": "Syrien",
        "479": "China",
        "997": "staatenlos",
        "998": "ungeklärt",
        "999": "ohne Angabe",
    }
    assert {code: by_code.get(code) for code in expected} == expected


def test_iso_codes_are_unique_and_well_formed(countries):
    for column, length in (("iso2", 2), ("iso3", 3)):
        values = [r[column] for r in countries if r[column]]
        assert len(values) == len(set(values)), column
        assert all(re.fullmatch(rf"[A-Z]{{{length}}}", v) for v in values), column


def test_kosovo_and_special_codes_have_no_iso_code(countries):
    by_code = {r["destatis_code"]: r for r in countries}
    for code in ("150", "997", "998", "999"):
        assert by_code[code]["iso2"] == by_code[code]["iso3"] == ""


def test_current_states_cover_the_world(countries):
    current = [r for r in countries if r["historical"] == "0" and r["destatis_code"] < "900"]
    # 193 UN members plus Vatikanstadt, Kosovo, Palästinensische Gebiete, Taiwan, Cookinseln
    # and Niue.
    assert len(current) == 199


def test_historical_rows_point_to_current_successors(countries):
    by_code = {r["destatis_code"]: r for r in countries}
    expected = {"120": "170", "132": "170", "133": "170", "159": "160", "162": "164", "099": "000"}
    for code, successor in expected.items():
        assert by_code[code]["historical"] == "1"
        assert by_code[code]["successor_code"] == successor
    for row in countries:
        assert row["historical"] in ("0", "1")
        if row["historical"] == "0":
            assert row["successor_code"] == "", row["name"]
        else:
            assert row["successor_code"] in by_code, row["name"]


# Authorities


def test_authorities_keys_unique_and_enough_rows(authorities):
    keys = [r["key"] for r in authorities]
    assert len(keys) >= 75
    assert len(keys) == len(set(keys))
    assert len({r["name"] for r in authorities}) == len(authorities)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)


def test_authorities_kinds_and_regions_valid(authorities):
    for row in authorities:
        assert row["kind"] in AUTHORITY_KINDS, row
        assert row["regierungsbezirk"] in REGIERUNGSBEZIRKE, row


def test_authorities_emails_are_placeholders(authorities):
    for row in authorities:
        assert row["email"] == f"abh@{row['key']}.example"


def test_authorities_cover_all_cities_and_districts(authorities):
    kinds = Counter(r["kind"] for r in authorities)
    # 22 kreisfreie Städte (Aachen is served by the StädteRegion), 30 Kreise + StädteRegion.
    assert kinds["kreisfreie_stadt"] == 22
    assert kinds["kreis"] == 31
    assert kinds["zentrale_auslaenderbehoerde"] >= 5


# Exclusion grounds


def test_exclusion_grounds_catalogue(grounds):
    kinds = Counter(r["kind"] for r in grounds)
    assert kinds == {"mandatory": 7, "regular": 6}
    codes = [r["code"] for r in grounds]
    assert codes == [f"M{i}" for i in range(1, 8)] + [f"R{i}" for i in range(1, 7)]
    for row in grounds:
        assert row["catalogue"] == "nrw-2016-12-20"
        assert date.fromisoformat(row["valid_from"]) == date(2016, 12, 20)
        assert row["valid_to"] == ""
        absatz = 1 if row["kind"] == "mandatory" else 2
        assert row["paragraph"] == f"§ 5 Abs. {absatz} Spiegelstrich {row['code'][1:]} HFKVO"
        assert row["label"] and row["text"]
    by_code = {r["code"]: r for r in grounds}
    assert "ausreisepflichtig" in by_code["M3"]["text"]
    assert "§ 58a" in by_code["M5"]["text"]
    assert "Rückführung" in by_code["R6"]["text"]
