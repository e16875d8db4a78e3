"""Register import and export against the database: every rule of register-format.md."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.services.lifecycle import case_check_formally
from haertefall.cases.states import Closure, ClosureReason, State, StatStatus, Step
from haertefall.imports.services import register_export, register_import, register_parse
from haertefall.registers.models import Country
from tests.factories import make_case
from tests.imports_files import HEADER, register_csv, register_xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    ["HFK-2019-0001", "05.03.2019", "Türkei", "Stadt Bochum", "3", "Ersuchen", "01.10.2019", "",
     "gefolgt", "2020-02-01"],
    ["HFK-2019-0002", "2019-04-01", "TUR", "", "", "Kein Ersuchen", "10.05.2019",
     "Ausschlussgrund § 5 Abs. 1 HFKVO", "", ""],
    ["HFK-2019-0003", "1.6.2019", "Mazedonien", "", "", "Andere Erledigung", "01.07.2019",
     "Rücknahme des Antrags", "", ""],
    ["HFK-2019-0004", "01.06.2019", "Kosovo", "Kreis Unna – Ausländerbehörde", "2", "", "", "", "", ""],
]


def run(data, *, name="register.csv", dry_run=False, actor=None):
    return register_import(source=data, name=name, actor=actor, dry_run=dry_run)


def stat_status_on(case, day):
    """The statistics' rule: the last stat-relevant event effective on or before the day."""
    event = (CaseEvent.objects.filter(case=case, effective_on__lte=day).exclude(stat_status="")
             .order_by("-effective_on", "-sequence").first())
    return event.stat_status if event else None


# --- reading every shape ------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_every_delimiter_and_encoding(delimiter, encoding):
    report = run(register_csv(ROWS, delimiter=delimiter, encoding=encoding))
    assert report.errors == []
    assert report.new == 4 and report.written
    case = Case.objects.get(file_number="HFK-2019-0001")
    assert case.country.name == "Türkei"
    assert case.authority.name == "Stadt Bochum – Ausländerbehörde"
    assert case.persons_count == 3
    assert case.source == Case.Source.IMPORT
    expected = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 mit BOM", "cp1252": "Windows-1252"}[encoding]
    assert expected in report.description


def test_xlsx_with_date_cells_and_numbers():
    rows = [["X-1", date(2019, 3, 5), 163, "Stadt Bochum", 2, "Ersuchen", date(2019, 10, 1), None,
             "nicht gefolgt", "2020-02-01"],
            ["X-2", "05.03.2019", "Kosovo", None, None, None, None, None, None, None]]
    report = run(register_xlsx(rows), name="register.xlsx")
    assert report.errors == [] and report.new == 2
    case = Case.objects.get(file_number="X-1")
    assert (case.received_on, case.country.name, case.persons_count) == (date(2019, 3, 5), "Türkei", 2)
    assert (case.state, case.closure, case.closed_on) == (State.CLOSED, Closure.NOT_FOLLOWED, date(2020, 2, 1))


def test_columns_in_any_order_unknown_columns_ignored_and_reported():
    header = ["Bemerkung", "staatsangehörigkeit", "EINGANGSDATUM", "aktenzeichen"]
    report = run(register_csv([["egal", "Albanien", "01.01.2020", "A-1"]], header=header))
    assert report.errors == [] and report.new == 1
    assert report.unknown_columns == ["Bemerkung"]


def test_missing_required_column_named_and_nothing_written():
    report = run(register_csv([["A-1", "Albanien"]], header=["Aktenzeichen", "Nationalität"]))
    assert report.error_texts() == [
        "Zeile 1: Pflichtspalten fehlen: „Eingangsdatum“, „Staatsangehörigkeit“."
    ]
    assert report.unknown_columns == ["Nationalität"]
    assert not Case.objects.exists()


# Every form of a country that register-format.md names, and what it becomes.
COUNTRY_FORMS = [
    ("Türkei", "Türkei"), ("Republik Serbien", "Serbien"), ("Kongo, Demokratische Republik", None),
    ("TUR", "Türkei"), ("TR", "Türkei"), ("tur", "Türkei"), ("163", "Türkei"), ("Aserbajdschan", None),
    ("Mazedonien", "Nordmazedonien"), ("Kosovo", "Kosovo"), ("  türkei ", "Türkei"),
]


@pytest.mark.parametrize("written, expected", COUNTRY_FORMS)
def test_every_country_form(written, expected):
    report = run(register_csv([["A-1", "01.01.2020", written]], header=HEADER[:3]))
    assert report.errors == []
    country = Case.objects.get().country
    if expected:
        assert country.name == expected
    assert Country.objects.get(pk=country.pk).destatis_code  # a real register row
    if written == "Aserbajdschan":
        assert country.destatis_code == "425"


def test_historical_state_kept_as_recorded():
    run(register_csv([["A-1", "01.01.2000", "Jugoslawien"]], header=HEADER[:3]))
    country = Case.objects.get().country
    assert country.name == "Jugoslawien" and country.historical
    assert country.current.name == "Serbien"


# --- errors -----------------------------------------------------------------------------

def test_unknown_country_exact_german_message():
    rows = [[f"A-{i}", "01.01.2020", "Türkei"] for i in range(15)] + [["A-99", "01.01.2020", "Atlantis"]]
    report = run(register_csv(rows, header=HEADER[:3]))
    assert report.error_texts() == ["Zeile 17, Spalte „Staatsangehörigkeit“: unbekannter Staat „Atlantis“."]
    assert report.errors[0] | {"text": ""} == {"line": 17, "column": "Staatsangehörigkeit",
                                               "value": "Atlantis", "message": "unbekannter Staat „Atlantis“",
                                               "text": ""}
    assert not Case.objects.exists()


def test_all_errors_collected_one_bad_row_writes_nothing():
    rows = [
        ["A-1", "01.01.2020", "Türkei", "", "", "", "", "", "", ""],
        ["A-2", "31.02.2020", "Atlantis", "Nirgendwo", "", "Vielleicht", "01.03.2020", "", "", ""],
        ["A-3", "01.01.2020", "Serbien", "Bielefeld", "", "Ersuchen", "01.12.2019", "", "", ""],
        ["A-1", "01.01.2020", "Serbien", "", "", "", "", "", "", ""],
        ["A-5", "01.01.2020", "Serbien", "", "", "Ersuchen", "01.02.2020", "", "vielleicht", "01.01.2020"],
    ]
    report = run(register_csv(rows))
    assert report.error_texts() == [
        "Zeile 3, Spalte „Eingangsdatum“: ungültiges Datum „31.02.2020“ (diesen Tag gibt es nicht).",
        "Zeile 3, Spalte „Staatsangehörigkeit“: unbekannter Staat „Atlantis“.",
        "Zeile 3, Spalte „Ausländerbehörde“: unbekannte Ausländerbehörde „Nirgendwo“.",
        "Zeile 3, Spalte „Erledigung“: unbekannte Erledigung „Vielleicht“ (erlaubt: Ersuchen, Kein Ersuchen, "
        "Andere Erledigung).",
        "Zeile 4, Spalte „Ausländerbehörde“: Ausländerbehörde „Bielefeld“ ist nicht eindeutig (passt auf: "
        "Stadt Bielefeld – Ausländerbehörde, Zentrale Ausländerbehörde Bielefeld).",
        "Zeile 4, Spalte „Erledigungsdatum“: Erledigungsdatum „01.12.2019“ liegt vor dem Eingangsdatum "
        "„01.01.2020“.",
        "Zeile 5, Spalte „Aktenzeichen“: Aktenzeichen „A-1“ steht schon in Zeile 2.",
        "Zeile 6, Spalte „Ergebnis Ersuchen“: unbekanntes Ergebnis „vielleicht“ (erlaubt: gefolgt, nicht "
        "gefolgt, andere Erledigung).",
        "Zeile 6, Spalte „Ergebnisdatum“: Ergebnisdatum „01.01.2020“ liegt vor dem Erledigungsdatum "
        "„01.02.2020“.",
    ]
    assert not report.written
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


def test_future_date_is_an_error():
    tomorrow = date.today() + timedelta(days=1)
    report = run(register_csv([["A-1", tomorrow.strftime("%d.%m.%Y"), "Türkei"]], header=HEADER[:3]))
    assert report.error_texts() == [
        f"Zeile 2, Spalte „Eingangsdatum“: Datum „{tomorrow:%d.%m.%Y}“ liegt in der Zukunft."
    ]


def test_authority_exact_case_insensitive_and_fuzzy_unique():
    rows = [["A-1", "01.01.2020", "Türkei", "stadt köln – ausländeramt"],
            ["A-2", "01.01.2020", "Türkei", "ABH Bochum"],
            ["A-3", "01.01.2020", "Türkei", "Stadt Moenchengladbach"],
            ["A-4", "01.01.2020", "Türkei", "Rhein-Sieg-Kreis"]]
    report = run(register_csv(rows, header=HEADER[:4]))
    assert report.errors == []
    names = dict(Case.objects.values_list("file_number", "authority__name"))
    assert names == {"A-1": "Stadt Köln – Ausländeramt", "A-2": "Stadt Bochum – Ausländerbehörde",
                     "A-3": "Stadt Mönchengladbach – Ausländerbehörde",
                     "A-4": "Rhein-Sieg-Kreis – Ausländerbehörde"}


def test_dry_run_writes_nothing_and_reports_counts():
    report = run(register_csv(ROWS), dry_run=True)
    assert (report.new, report.changed, report.unchanged, report.written) == (4, 0, 0, False)
    assert not Case.objects.exists()
    assert "Probelauf" in report.summary()


# --- what a row becomes -------------------------------------------------------------------

def test_cases_and_events_as_states_define_them():
    run(register_csv(ROWS))
    followed = Case.objects.get(file_number="HFK-2019-0001")
    assert list(followed.events.values_list("step", "effective_on", "stat_status")) == [
        (Step.RECEIVE, date(2019, 3, 5), StatStatus.OPEN),
        (Step.DECIDE_REQUEST, date(2019, 10, 1), StatStatus.REQUEST_OPEN),
        (Step.OUTCOME_GRANTED, date(2020, 2, 1), StatStatus.REQUEST_FOLLOWED),
    ]
    assert (followed.state, followed.closure, followed.closure_reason, followed.closed_on, followed.year) == (
        State.CLOSED, Closure.FOLLOWED, ClosureReason.PERMIT_GRANTED, date(2020, 2, 1), 2019)
    excluded = Case.objects.get(file_number="HFK-2019-0002")
    assert excluded.events.last().step == Step.CHECK_EXCLUDE
    assert (excluded.closure, excluded.closure_reason) == (Closure.NO_REQUEST, ClosureReason.MANDATORY_EXCLUSION)
    withdrawn = Case.objects.get(file_number="HFK-2019-0003")
    assert (withdrawn.closure, withdrawn.closure_reason) == (Closure.OTHER_CLOSURE, ClosureReason.WITHDRAWAL)
    open_case = Case.objects.get(file_number="HFK-2019-0004")
    assert (open_case.state, open_case.closure, open_case.closed_on) == (State.RECEIVED, "", None)
    assert not open_case.persons.exists()  # the register has no persons


def test_statistics_read_imported_history_as_of_any_date():
    run(register_csv(ROWS))
    case = Case.objects.get(file_number="HFK-2019-0001")
    assert stat_status_on(case, date(2019, 3, 4)) is None  # not yet received
    assert stat_status_on(case, date(2019, 6, 1)) == StatStatus.OPEN  # between receipt and outcome
    assert stat_status_on(case, date(2019, 12, 31)) == StatStatus.REQUEST_OPEN
    assert stat_status_on(case, date(2024, 11, 15)) == StatStatus.REQUEST_FOLLOWED


def test_open_request_case_is_request_sent():
    run(register_csv([["A-1", "01.01.2020", "Türkei", "", "", "Ersuchen", "01.02.2020", "", "", ""]]))
    assert Case.objects.get().state == State.REQUEST_SENT


# --- idempotence ------------------------------------------------------------------------

def test_reimport_same_file_changes_nothing():
    data = register_csv(ROWS)
    run(data)
    before = list(CaseEvent.objects.order_by("pk").values_list("pk", "case_id", "step", "effective_on"))
    report = run(data)
    assert (report.new, report.changed, report.unchanged) == (0, 0, 4)
    assert list(CaseEvent.objects.order_by("pk").values_list("pk", "case_id", "step", "effective_on")) == before


def test_same_facts_written_differently_are_unchanged():
    run(register_csv(ROWS))
    rewritten = [["HFK-2019-0001", "2019-03-05", "TUR", "ABH Bochum", "3", "ERSUCHEN", "1.10.2019", "",
                  " Gefolgt", "01.02.2020"]]
    report = run(register_csv(rewritten, encoding="cp1252", delimiter=","))
    assert (report.new, report.changed, report.unchanged) == (0, 0, 1)


def test_changed_row_replaces_import_history_and_says_so(office_user):
    run(register_csv(ROWS))
    case = Case.objects.get(file_number="HFK-2019-0004")
    changed = [r[:] for r in ROWS]
    changed[3][5:8] = ["Andere Erledigung", "01.08.2019", "Ausreise"]
    report = run(register_csv(changed), actor=office_user)
    assert (report.new, report.changed, report.unchanged) == (0, 1, 3)
    assert report.changed_file_numbers == ["HFK-2019-0004"]
    case.refresh_from_db()
    assert (case.state, case.closure, case.closure_reason, case.closed_on) == (
        State.CLOSED, Closure.OTHER_CLOSURE, ClosureReason.DEPARTURE, date(2019, 8, 1))
    assert list(case.events.values_list("sequence", "step")) == [(1, Step.RECEIVE), (2, Step.CLOSE_OTHER)]
    assert case.version == 2
    assert AuditEntry.objects.filter(object_type="imports.register", detail__contains="1 geändert").exists()


def test_changed_row_refused_when_case_was_worked_on_in_the_system(office_user):
    run(register_csv(ROWS))
    case = Case.objects.get(file_number="HFK-2019-0004")
    case_check_formally(case=case, actor=office_user, checked_on=date(2019, 7, 1))
    changed = [r[:] for r in ROWS]
    changed[3][4] = "5"
    report = run(register_csv(changed))
    assert report.error_texts() == [
        "Zeile 5, Spalte „Aktenzeichen“: der importierte Fall „HFK-2019-0004“ wurde seitdem im System "
        "bearbeitet; die geänderte Zeile wird nicht übernommen."
    ]
    case.refresh_from_db()
    assert case.persons_count == 2 and case.state == State.CHECKED
    # The unchanged register row is still fine.
    assert run(register_csv(ROWS)).unchanged == 4


def test_row_for_a_system_case_is_an_error_unless_identical(office_user):
    case = make_case(actor=office_user, received_on=date(2020, 1, 1), nationality="Türkei")
    row = [case.file_number, "01.01.2020", "Albanien", case.authority.name, "1", "", "", "", "", ""]
    report = run(register_csv([row]))
    assert report.error_texts() == [
        f"Zeile 2, Spalte „Aktenzeichen“: Aktenzeichen „{case.file_number}“ gehört zu einem im System "
        "erfassten Fall; der Import ändert ihn nicht."
    ]
    row[2] = "Türkei"
    report = run(register_csv([row]))
    assert (report.errors, report.unchanged) == ([], 1)


# --- export and round trip --------------------------------------------------------------

def export_bytes(fmt="csv", **kw):
    out = io.BytesIO()
    register_export(out=out, fmt=fmt, **kw)
    return out.getvalue()


def test_export_format():
    run(register_csv(ROWS))
    data = export_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(HEADER)
    assert lines[1] == ("HFK-2019-0001;05.03.2019;Türkei;Stadt Bochum – Ausländerbehörde;3;Ersuchen;"
                        "01.10.2019;;gefolgt;01.02.2020")
    assert "HFK-2019-0003;01.06.2019;Nordmazedonien;;1;Andere Erledigung;01.07.2019;Rücknahme des Antrags;;" in lines


def test_round_trip_csv_and_xlsx_unchanged_and_semantically_equal():
    run(register_csv(ROWS))
    original = register_parse(register_csv(ROWS), name="r.csv")
    for fmt in ("csv", "xlsx"):
        data = export_bytes(fmt)
        name = f"export.{fmt}"
        report = run(data, name=name)
        assert (report.errors, report.new, report.changed, report.unchanged) == ([], 0, 0, 4)
        again = register_parse(data, name=name)
        assert sorted(r.fingerprint for r in again.rows) == sorted(r.fingerprint for r in original.rows)


def test_export_includes_system_cases_derived_from_events(office_user):
    case = make_case(actor=office_user, received_on=date(2021, 2, 1), nationality="Kosovo")
    case_check_formally(case=case, actor=office_user, checked_on=date(2021, 3, 1),
                        ground_ids=[_mandatory_ground_id(date(2021, 3, 1))])
    lines = export_bytes().decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[:8] == [case.file_number, "01.02.2021", "Kosovo", case.authority.name, "1",
                                       "Kein Ersuchen", "01.03.2021",
                                       "Zwingender Ausschlussgrund (§ 5 Abs. 1 HFKVO)"]
    report = run(export_bytes())
    assert (report.errors, report.unchanged) == ([], 1)


def _mandatory_ground_id(on):
    from haertefall.registers.models import ExclusionGround
    from haertefall.registers.selectors import catalogue_in_force

    return ExclusionGround.objects.filter(catalogue=catalogue_in_force(on=on), kind="mandatory").first().pk


def test_export_years_filter_and_formula_cells_neutralised():
    rows = [["A-1", "01.01.2019", "Türkei", "", "", "Andere Erledigung", "01.02.2019", "=HYPERLINK(1)", "", ""],
            ["A-2", "01.01.2023", "Türkei", "", "", "", "", "", "", ""]]
    run(register_csv(rows))
    lines = export_bytes(years=(2019, 2019)).decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert "'=HYPERLINK(1)" in lines[1]
    # and the apostrophe is taken off again on import: unchanged
    assert run(export_bytes()).unchanged == 2


# --- command line -----------------------------------------------------------------------

def test_command_dry_run_and_import(tmp_path, office_user):
    path = tmp_path / "register.csv"
    path.write_bytes(register_csv(ROWS, encoding="cp1252"))
    out = io.StringIO()
    call_command("import_register", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "neu: 4" in out.getvalue() and not Case.objects.exists()
    out = io.StringIO()
    call_command("import_register", str(path), "--actor", office_user.username, stdout=out, stderr=io.StringIO())
    assert "Import gespeichert" in out.getvalue()
    assert set(CaseEvent.objects.values_list("actor", flat=True)) == {office_user.pk}
    out = io.StringIO()
    call_command("import_register", str(path), stdout=out, stderr=io.StringIO())
    assert "unverändert: 4" in out.getvalue()


def test_command_errors_exit_nonzero(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(register_csv([["A-1", "01.01.2020", "Atlantis"]], header=HEADER[:3]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 Fehler in 1 Zeilen"):
        call_command("import_register", str(path), stdout=io.StringIO(), stderr=err)
    assert "Zeile 2, Spalte „Staatsangehörigkeit“: unbekannter Staat „Atlantis“." in err.getvalue()


def test_command_actor_must_be_office(tmp_path, ministry_user):
    path = tmp_path / "register.csv"
    path.write_bytes(register_csv(ROWS))
    with pytest.raises(CommandError, match="kein aktiver Benutzer der Geschäftsstelle"):
        call_command("import_register", str(path), "--actor", ministry_user.username, stdout=io.StringIO())


def test_export_command_writes_file(tmp_path):
    run(register_csv(ROWS))
    target = tmp_path / "out.xlsx"
    call_command("export_register", "--output", str(target), "--years", "2019", stderr=io.StringIO())
    assert register_parse(target).total == 4
    with pytest.raises(CommandError, match="Ungültige Jahresangabe"):
        call_command("export_register", "--output", str(tmp_path / "x.csv"), "--years", "2023-2005")



def test_command_progress_bar_on_request_only(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(register_csv(ROWS))
    call_command("import_register", str(path), "--dry-run")
    assert "Prüfen" not in capsys.readouterr().err  # stderr is not a terminal here
    call_command("import_register", str(path), "--dry-run", "--progress")
    err = capsys.readouterr().err
    assert "Prüfen" in err and "4/4" in err


def test_failure_while_writing_rolls_everything_back(office_user, monkeypatch):
    """A file number taken by someone else between check and write: nothing stays half-written."""
    from haertefall.imports import services

    taken = make_case(actor=office_user, received_on=date(2020, 1, 1), file_number="HFK-2019-0004")
    monkeypatch.setattr(services, "cases_by_file_number", lambda numbers: {})  # the check saw nothing
    report = run(register_csv(ROWS), actor=office_user)
    assert report.error_texts() == [
        "Zeile 1: ein Aktenzeichen wurde während des Imports anderweitig vergeben; es wurde nichts "
        "gespeichert. Bitte wiederholen Sie den Import."
    ]
    assert not report.written
    assert list(Case.objects.values_list("pk", flat=True)) == [taken.pk]
    assert not CaseEvent.objects.exclude(case=taken).exists()
