"""Hypothesis: any valid register → import → export → parse gives the same rows."""

import io
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haertefall.cases.models import Case, CaseEvent
from haertefall.imports import rows as R
from haertefall.imports.services import register_export, register_import, register_parse
from haertefall.registers.models import Authority, Country
from tests.imports_files import register_csv, register_xlsx

REASONS = ["", "Rücknahme des Antrags", "Ausreise", "Abschiebung", "Aufenthaltserlaubnis § 25b", "Tod",
           "Wegzug in ein anderes Bundesland", "Ausschlussgrund § 5 Abs. 1 HFKVO", "=Formel", "-- siehe Akte"]


@st.composite
def register_row(draw, number):
    received = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2024, 6, 30)))
    outcome = draw(st.sampled_from(["", *R.OUTCOMES]))
    outcome_on = received + timedelta(days=draw(st.integers(0, 300))) if outcome else None
    result = draw(st.sampled_from(["", *R.RESULTS])) if outcome == R.OUTCOME_REQUEST else ""
    result_on = outcome_on + timedelta(days=draw(st.integers(0, 300))) if result else None
    reason = draw(st.sampled_from(REASONS)) if outcome else ""
    as_text = draw(st.sampled_from(["%d.%m.%Y", "%Y-%m-%d"]))
    return [
        f"HYP-{number}", received.strftime(as_text),
        draw(st.sampled_from(COUNTRY_NAMES)), draw(st.sampled_from(["", *AUTHORITY_NAMES])),
        str(draw(st.integers(1, 12))), outcome, outcome_on.strftime(as_text) if outcome_on else "",
        reason, result, result_on.strftime(as_text) if result_on else "",
    ]


COUNTRY_NAMES: list[str] = []
AUTHORITY_NAMES: list[str] = []


@st.composite
def registers(draw):
    count = draw(st.integers(1, 8))
    return [draw(register_row(i)) for i in range(count)]


@pytest.fixture
def names(db):
    COUNTRY_NAMES[:] = list(Country.objects.values_list("name", flat=True))
    AUTHORITY_NAMES[:] = list(Authority.objects.values_list("name", flat=True))


def _facts(row):
    """Everything but where and how the row was written (line, country/authority spelling)."""
    return (row.file_number, row.received_on, row.persons, row.outcome, row.outcome_on, row.reason,
            row.result, row.result_on)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=registers(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_import_export_parse_gives_the_same_rows(names, rows, fmt):
    CaseEvent.objects.all().delete()
    Case.objects.all().delete()
    data = register_csv(rows)
    report = register_import(source=data, name="r.csv", actor=None)
    assert report.errors == [] and report.new == len(rows)

    out = io.BytesIO()
    register_export(out=out, fmt=fmt)
    exported = out.getvalue()
    original = {r.row.file_number: r for r in register_parse(data, name="r.csv").rows}
    again = {r.row.file_number: r for r in register_parse(exported, name=f"e.{fmt}").rows}
    assert again.keys() == original.keys()
    for number, item in original.items():
        assert again[number].fingerprint == item.fingerprint
        assert _facts(again[number].row) == _facts(item.row)
    report = register_import(source=exported, name=f"e.{fmt}", actor=None)
    assert (report.errors, report.unchanged, report.new, report.changed) == ([], len(rows), 0, 0)


@pytest.mark.django_db
def test_every_country_name_reads_back_as_itself():
    """The export writes Country.name; each must resolve to the same row on re-import."""
    names = list(Country.objects.values_list("name", "destatis_code"))
    rows = [[f"C-{i}", "01.01.2020", name] for i, (name, _code) in enumerate(names)]
    parsed = register_parse(register_xlsx(rows, header=["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit"]),
                            name="c.xlsx")
    assert parsed.errors == []
    assert [r.country_code for r in parsed.rows] == [code for _name, code in names]


@pytest.mark.django_db
def test_every_authority_name_reads_back_as_itself():
    names = list(Authority.objects.values_list("name", "key"))
    rows = [[f"B-{i}", "01.01.2020", "Türkei", name] for i, (name, _key) in enumerate(names)]
    parsed = register_parse(register_csv(rows, header=["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit",
                                                       "Ausländerbehörde"]), name="b.csv")
    assert parsed.errors == []
    assert [r.authority_key for r in parsed.rows] == [key for _name, key in names]
