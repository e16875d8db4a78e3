"""The register format's pure rules: header, values, German errors, events (no database)."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from haertefall.cases.states import STAT_STATUS, Closure, ClosureReason, State, StatStatus, Step
from haertefall.core.spreadsheet import safe_cell, unsafe_cell
from haertefall.imports import formats
from haertefall.imports import rows as R

TODAY = date(2024, 11, 15)
HEADER = R.header_read(list(R.COLUMNS))


def parse(**values):
    cells = [values.get(c, "") for c in R.COLUMNS]
    return R.row_parse(7, cells, HEADER, today=TODAY)


def messages(errors):
    return [str(e) for e in errors]


# --- header ---------------------------------------------------------------------------

def test_header_any_order_case_and_spaces_unknown_reported():
    header = R.header_read(["  staatsangehörigkeit", "EINGANGSDATUM", "Bemerkung", "Ergebnis  ersuchen",
                            "aktenzeichen ", None, "Sachbearbeiter"])
    assert header.positions[R.FILE_NUMBER] == 4
    assert header.positions[R.COUNTRY] == 0
    assert header.positions[R.RESULT] == 3
    assert header.unknown == ("Bemerkung", "Sachbearbeiter")
    assert header.errors == ()


def test_header_missing_required_columns_named():
    header = R.header_read(["Aktenzeichen", "Personen"])
    assert messages(header.errors) == [
        "Zeile 1: Pflichtspalten fehlen: „Eingangsdatum“, „Staatsangehörigkeit“."
    ]


def test_header_duplicate_column_is_an_error():
    header = R.header_read(["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit", "aktenzeichen"])
    assert messages(header.errors) == ["Zeile 1, Spalte „Aktenzeichen“: die Spalte kommt mehrfach vor."]


# --- values ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("05.03.2019", date(2019, 3, 5)), ("5.3.2019", date(2019, 3, 5)), ("2019-03-05", date(2019, 3, 5)),
    (" 29.02.2020 ", date(2020, 2, 29)), (datetime(2019, 3, 5, 0, 0), date(2019, 3, 5)),
    (date(2019, 3, 5), date(2019, 3, 5)),
])
def test_dates_german_iso_and_cells(text, expected):
    assert R.date_parse(text) == expected


@pytest.mark.parametrize("text, message", [
    ("31.02.2020", "ungültiges Datum „31.02.2020“ (diesen Tag gibt es nicht)"),
    ("29.02.2019", "ungültiges Datum „29.02.2019“ (diesen Tag gibt es nicht)"),
    ("2020-13-01", "ungültiges Datum „2020-13-01“ (diesen Tag gibt es nicht)"),
    ("03/05/2019", "ungültiges Datum „03/05/2019“ (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)"),
    ("+1.02.2020", "ungültiges Datum „+1.02.2020“ (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)"),
    ("März 2019", "ungültiges Datum „März 2019“ (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)"),
])
def test_impossible_or_malformed_dates(text, message):
    with pytest.raises(R.ValueProblem) as exc:
        R.date_parse(text)
    assert str(exc.value) == message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_real_date_reads_back_in_both_forms(day):
    assert R.date_parse(day.strftime("%d.%m.%Y")) == day
    assert R.date_parse(day.isoformat()) == day
    assert R.date_parse(f"{day.day}.{day.month}.{day.year}") == day


def test_values_ignore_case_and_spaces():
    row, errors = parse(**{R.FILE_NUMBER: " A-1 ", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "Türkei",
                           R.OUTCOME: "  ersuchen ", R.OUTCOME_ON: "01.02.2020",
                           R.RESULT: " Gefolgt ", R.RESULT_ON: "2020-03-01", R.PERSONS: " 3 "})
    assert errors == []
    assert (row.file_number, row.outcome, row.result, row.persons) == ("A-1", "Ersuchen", "gefolgt", 3)


def test_persons_default_one_and_must_be_positive():
    row, _ = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X"})
    assert row.persons == 1
    for bad in ("0", "-2", "zwei", "1,5"):
        _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X",
                                R.PERSONS: bad})
        assert messages(errors) == [f"Zeile 7, Spalte „Personen“: „{bad}“ ist keine positive ganze Zahl bis 999."]


def test_xlsx_numbers_become_text():
    assert R.cell_str(163.0) == "163"
    assert R.cell_str(2) == "2"
    assert R.cell_str(None) == ""


# --- row errors: all of them, each naming line, column and value -----------------------

def test_missing_required_values_all_reported():
    row, errors = parse()
    assert row is None
    assert messages(errors) == [
        "Zeile 7, Spalte „Aktenzeichen“: Pflichtangabe fehlt.",
        "Zeile 7, Spalte „Eingangsdatum“: Pflichtangabe fehlt.",
        "Zeile 7, Spalte „Staatsangehörigkeit“: Pflichtangabe fehlt.",
    ]


def test_unknown_outcome_and_result():
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X",
                            R.OUTCOME: "Vielleicht", R.OUTCOME_ON: "01.02.2020"})
    assert messages(errors) == [
        "Zeile 7, Spalte „Erledigung“: unbekannte Erledigung „Vielleicht“ "
        "(erlaubt: Ersuchen, Kein Ersuchen, Andere Erledigung)."
    ]
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X",
                            R.OUTCOME: "Ersuchen", R.OUTCOME_ON: "01.02.2020", R.RESULT: "teilweise",
                            R.RESULT_ON: "01.03.2020"})
    assert messages(errors) == [
        "Zeile 7, Spalte „Ergebnis Ersuchen“: unbekanntes Ergebnis „teilweise“ "
        "(erlaubt: gefolgt, nicht gefolgt, andere Erledigung)."
    ]


def test_outcome_needs_its_date_and_result_only_after_request():
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X",
                            R.OUTCOME: "Kein Ersuchen", R.RESULT: "gefolgt", R.RESULT_ON: "01.03.2020"})
    assert messages(errors) == [
        "Zeile 7, Spalte „Erledigungsdatum“: Erledigungsdatum fehlt zur Erledigung „Kein Ersuchen“.",
        "Zeile 7, Spalte „Ergebnis Ersuchen“: ein Ergebnis gibt es nur nach der Erledigung „Ersuchen“, "
        "nicht nach „Kein Ersuchen“.",
    ]


def test_result_needs_its_date_and_dates_need_their_values():
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X",
                            R.OUTCOME: "Ersuchen", R.OUTCOME_ON: "01.02.2020", R.RESULT: "gefolgt"})
    assert messages(errors) == ["Zeile 7, Spalte „Ergebnisdatum“: Ergebnisdatum fehlt zum Ergebnis „gefolgt“."]
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.01.2020", R.COUNTRY: "X",
                            R.OUTCOME_ON: "01.02.2020", R.REASON: "Ausreise"})
    assert messages(errors) == [
        "Zeile 7, Spalte „Erledigungsdatum“: Datum ohne Erledigung (Spalte „Erledigung“ ist leer).",
        "Zeile 7, Spalte „Erledigungsgrund“: Erledigungsgrund ohne Erledigung (Spalte „Erledigung“ ist leer).",
    ]


def test_dates_out_of_order():
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.03.2020", R.COUNTRY: "X",
                            R.OUTCOME: "Ersuchen", R.OUTCOME_ON: "01.02.2020", R.RESULT: "gefolgt",
                            R.RESULT_ON: "2020-01-15"})
    assert messages(errors) == [
        "Zeile 7, Spalte „Erledigungsdatum“: Erledigungsdatum „01.02.2020“ liegt vor dem Eingangsdatum „01.03.2020“.",
        "Zeile 7, Spalte „Ergebnisdatum“: Ergebnisdatum „15.01.2020“ liegt vor dem Erledigungsdatum „01.02.2020“.",
    ]


def test_same_day_is_in_order():
    row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "01.03.2020", R.COUNTRY: "X",
                           R.OUTCOME: "Ersuchen", R.OUTCOME_ON: "01.03.2020", R.RESULT: "gefolgt",
                           R.RESULT_ON: "01.03.2020"})
    assert errors == [] and row.result_on == date(2020, 3, 1)


def test_future_dates_are_errors_today_is_not():
    row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "15.11.2024", R.COUNTRY: "X"})
    assert errors == []
    _row, errors = parse(**{R.FILE_NUMBER: "A", R.RECEIVED_ON: "16.11.2024", R.COUNTRY: "X"})
    assert messages(errors) == ["Zeile 7, Spalte „Eingangsdatum“: Datum „16.11.2024“ liegt in der Zukunft."]


# --- meaning ----------------------------------------------------------------------------

def row(**kw):
    base = {"line": 2, "file_number": "A", "received_on": date(2020, 1, 1), "country": "Türkei"}
    return R.RegisterRow(**{**base, **kw})


def steps(plan):
    return [(e.step, e.effective_on) for e in plan.events]


def test_open_row_is_received():
    plan = R.row_plan(row())
    assert steps(plan) == [(Step.RECEIVE, date(2020, 1, 1))]
    assert (plan.state, plan.closure, plan.closed_on) == (State.RECEIVED, "", None)


def test_open_request_counts_as_sent():
    plan = R.row_plan(row(outcome="Ersuchen", outcome_on=date(2020, 5, 1)))
    assert steps(plan) == [(Step.RECEIVE, date(2020, 1, 1)), (Step.DECIDE_REQUEST, date(2020, 5, 1))]
    assert plan.state == State.REQUEST_SENT and plan.closure == ""
    assert STAT_STATUS[plan.events[-1].step] == StatStatus.REQUEST_OPEN


@pytest.mark.parametrize("result, step, closure, status", [
    ("gefolgt", Step.OUTCOME_GRANTED, Closure.FOLLOWED, StatStatus.REQUEST_FOLLOWED),
    ("nicht gefolgt", Step.OUTCOME_NOT_FOLLOWED, Closure.NOT_FOLLOWED, StatStatus.REQUEST_NOT_FOLLOWED),
    ("andere Erledigung", Step.OUTCOME_OTHER, Closure.REQUEST_OTHER_CLOSURE, StatStatus.REQUEST_OTHER_CLOSURE),
])
def test_results(result, step, closure, status):
    plan = R.row_plan(row(outcome="Ersuchen", outcome_on=date(2020, 5, 1), result=result,
                          result_on=date(2020, 9, 1)))
    assert steps(plan)[-1] == (step, date(2020, 9, 1))
    assert (plan.state, plan.closure, plan.closed_on) == (State.CLOSED, closure, date(2020, 9, 1))
    assert plan.closure_reason
    assert STAT_STATUS[step] == status


@pytest.mark.parametrize("reason, step, closure_reason", [
    ("", Step.DECIDE_NO_REQUEST, ClosureReason.COMMISSION_REJECTED),
    ("Ausschlussgrund § 5 Abs. 1 HFKVO", Step.CHECK_EXCLUDE, ClosureReason.MANDATORY_EXCLUSION),
    ("zwingend nach § 5 Abs. 1", Step.CHECK_EXCLUDE, ClosureReason.MANDATORY_EXCLUSION),
    ("Keine Befassung (Vorprüfungsausschuss)", Step.PRESCREEN_REJECT, ClosureReason.PRESCREEN_REJECTED),
])
def test_no_request(reason, step, closure_reason):
    plan = R.row_plan(row(outcome="Kein Ersuchen", outcome_on=date(2020, 5, 1), reason=reason))
    assert steps(plan)[-1] == (step, date(2020, 5, 1))
    assert (plan.closure, plan.closure_reason) == (Closure.NO_REQUEST, closure_reason)
    assert STAT_STATUS[step] == StatStatus.NO_REQUEST


@pytest.mark.parametrize("reason, expected", [
    ("Rücknahme des Antrags", ClosureReason.WITHDRAWAL),
    ("Antrag zurückgezogen", ClosureReason.WITHDRAWAL),
    ("Ausreise", ClosureReason.DEPARTURE),
    ("freiwillig ausgereist", ClosureReason.DEPARTURE),
    ("Abschiebung", ClosureReason.DEPORTATION),
    ("Aufenthaltserlaubnis nach § 25b", ClosureReason.OTHER_LEGAL_BASIS),
    ("andere Rechtsgrundlage", ClosureReason.OTHER_LEGAL_BASIS),
    ("Tod", ClosureReason.DEATH),
    ("Wegzug in ein anderes Bundesland", ClosureReason.MOVED_LAND),
    ("Todesfall? nein: Sonstiges", ClosureReason.OTHER),
    ("", ClosureReason.OTHER),
])
def test_other_closure_reasons(reason, expected):
    plan = R.row_plan(row(outcome="Andere Erledigung", outcome_on=date(2020, 5, 1), reason=reason))
    assert steps(plan)[-1][0] == Step.CLOSE_OTHER
    assert (plan.closure, plan.closure_reason) == (Closure.OTHER_CLOSURE, expected)
    assert STAT_STATUS[Step.CLOSE_OTHER] == StatStatus.OTHER_CLOSURE


def test_register_values_from_system_events_latest_wins_and_reopen_resets():
    label = {"commission_rejected": "Kein Ersuchen (Beschluss der Kommission)"}.get
    events = [(Step.RECEIVE, date(2020, 1, 1), {}), (Step.CHECK_PASS, date(2020, 1, 5), {}),
              (Step.DECIDE_NO_REQUEST, date(2020, 3, 1), {"closure_reason": "commission_rejected"})]
    values = R.register_values(events, label)
    assert values == R.RegisterValues("Kein Ersuchen", date(2020, 3, 1), "Kein Ersuchen (Beschluss der Kommission)")
    events.append((Step.REOPEN, date(2020, 4, 1), {}))
    assert R.register_values(events, label) == R.RegisterValues()


def test_fingerprint_ignores_spacing_of_reason_but_not_facts():
    base = {"file_number": "A", "received_on": date(2020, 1, 1), "country_code": "163", "authority_key": "",
            "persons": 1, "outcome": "Andere Erledigung", "outcome_on": date(2020, 2, 1),
            "reason": "Rücknahme  des Antrags", "result": "", "result_on": None}
    assert R.fingerprint(**base) == R.fingerprint(**{**base, "reason": " Rücknahme des Antrags "})
    assert R.fingerprint(**base) != R.fingerprint(**{**base, "persons": 2})


# --- files ------------------------------------------------------------------------------

def test_decode_utf8_bom_and_cp1252():
    text = "Staatsangehörigkeit;Türkei"
    assert formats.decode(text.encode("utf-8")) == (text, "UTF-8")
    assert formats.decode(text.encode("utf-8-sig")) == (text, "UTF-8 mit BOM")
    assert formats.decode(text.encode("cp1252")) == (text, "Windows-1252")


@pytest.mark.parametrize("line, delimiter", [
    ("Aktenzeichen;Eingangsdatum;Staatsangehörigkeit", ";"),
    ("Aktenzeichen,Eingangsdatum,Staatsangehörigkeit", ","),
    ('"Kongo, Demokratische Republik";x;y', ";"),
])
def test_detect_delimiter(line, delimiter):
    assert formats.detect_delimiter(line) == delimiter


def test_file_kind_checks_content_and_extension():
    assert formats.file_kind("r.CSV", b"Aktenzeichen;") == "csv"
    assert formats.file_kind("r.xlsx", b"PK\x03\x04....") == "xlsx"
    with pytest.raises(formats.FileRejected, match="keine Excel-Arbeitsmappe"):
        formats.file_kind("r.xlsx", b"Aktenzeichen;")
    with pytest.raises(formats.FileRejected, match="keinen Text"):
        formats.file_kind("r.csv", b"PK\x03\x04")
    with pytest.raises(formats.FileRejected, match="CSV-Datei"):
        formats.file_kind("r.pdf", b"%PDF")


def test_csv_line_numbers_as_in_the_file_with_blank_and_multiline_rows():
    data = b'Aktenzeichen;Eingangsdatum\r\nA;1\r\n;\r\n"B\nB";2\r\nC;3\r\n'
    table = formats.csv_read(data)
    assert [line for line, _ in table.rows] == [2, 4, 6]


@pytest.mark.parametrize("value, safe", [
    ("=SUMME(A1)", "'=SUMME(A1)"), ("+49", "'+49"), ("-- siehe Akte", "'-- siehe Akte"),
    ("@x", "'@x"), ("Türkei", "Türkei"), ("", ""), (5, 5), (None, None),
])
def test_safe_cell(value, safe):
    assert safe_cell(value) == safe
    assert unsafe_cell(safe_cell(value)) == value


def _xlsx_bytes(workbook) -> bytes:
    import io

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_first_sheet_line_numbers_and_cell_types():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"], sheet["D3"] = "Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit"
    sheet["B4"], sheet["C4"], sheet["D4"] = 12345, date(2020, 1, 5), 163
    sheet["B6"], sheet["C6"], sheet["D6"] = "X-2", datetime(2020, 1, 6), "Türkei"
    workbook.create_sheet("Notizen")["A1"] = "wird nicht gelesen"
    table = formats.table_read(_xlsx_bytes(workbook), "register.xlsx")
    assert [c for c in table.header if c] == ["Aktenzeichen", "Eingangsdatum", "Staatsangehörigkeit"]
    assert [line for line, _ in table.rows] == [4, 6]
    header = R.header_read(table.header)
    first, errors = R.row_parse(4, table.rows[0][1], header, today=TODAY)
    assert errors == [] and (first.file_number, first.received_on, first.country) == ("12345", date(2020, 1, 5), "163")
    second, errors = R.row_parse(6, table.rows[1][1], header, today=TODAY)
    assert errors == [] and second.received_on == date(2020, 1, 6)


def _zip_without_workbook() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notiz.txt", "keine Arbeitsmappe")
    return out.getvalue()


def _truncated_workbook() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"], workbook.active["A2"] = "Aktenzeichen", "X-1"
    data = _xlsx_bytes(workbook)
    return data[: len(data) // 2]  # an upload broken off half-way


@pytest.mark.parametrize("data", [
    pytest.param(b"PK\x03\x04kaputt", id="zip-header-only"),
    pytest.param(_truncated_workbook(), id="truncated"),
    pytest.param(_zip_without_workbook(), id="zip-without-workbook"),
])
def test_damaged_xlsx_rejected_with_a_german_message(data):
    with pytest.raises(formats.FileRejected) as rejected:
        formats.table_read(data, "register.xlsx")
    assert rejected.value.message == "Die Excel-Arbeitsmappe kann nicht gelesen werden (beschädigt?)."
