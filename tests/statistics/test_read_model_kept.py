"""Every writer keeps the read model in step with the events: the lifecycle and master-data
services, the register import, retention; ``rebuild-statistics`` finds and repairs the rest."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from haertefall.cases.services.lifecycle import (
    case_close_other,
    case_decide,
    case_record_outcome,
    case_step,
)
from haertefall.cases.services.master import case_update, person_update
from haertefall.cases.states import ClosureReason, StatStatus, Step
from haertefall.imports.services import register_import
from haertefall.registers.models import Authority, Country
from haertefall.statistics.figures import figures_rebuild
from haertefall.statistics.models import CaseFigures
from haertefall.statistics.report import authority_table, report_build, report_extra
from tests.factories import make_case
from tests.imports_files import register_csv

from .reference import reference_extra, reference_report

pytestmark = pytest.mark.django_db

PIPELINE = [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT,
            Step.MARK_READY, Step.PLACE_ON_AGENDA]


def rows(case):
    return list(CaseFigures.objects.filter(case_id=case.pk).order_by("cycle").values(
        "cycle", "valid_from", "valid_until", "decided_on", "decision", "answered_on", "answer", "revoked_on",
        "decision_days", "answer_days", "country__name", "authority_id", "persons", "minors",
        "with_birth_date"))


def walk(case, actor, steps, day):
    for step in steps:
        case = case_step(case=case, actor=actor, step=step, effective_on=day)
    return case


def same_as_events(as_of, years):
    report = report_build(as_of=as_of, years=years, include_historical=False)
    expected = reference_report(as_of=as_of, years=years)
    assert {k: report[k] for k in expected} == expected
    assert report_extra(as_of=as_of, years=years) == reference_extra(as_of=as_of, years=years)


def test_lifecycle_services_keep_the_rows_of_a_case_with_a_reopening(office_user):
    start = timezone.localdate() - timedelta(days=400)
    case = make_case(actor=office_user, received_on=start, birth_date=start - timedelta(days=10 * 365))
    assert rows(case) == [{
        "cycle": 0, "valid_from": None, "valid_until": None, "decided_on": None, "decision": "",
        "answered_on": None, "answer": "", "revoked_on": None, "decision_days": None, "answer_days": None,
        "country__name": "Kosovo", "authority_id": case.authority_id, "persons": 1, "minors": 1,
        "with_birth_date": 1,
    }]
    walk(case, office_user, PIPELINE, start + timedelta(days=10))
    decided, granted, revoked, reopened = (start + timedelta(days=d) for d in (40, 100, 150, 200))
    case_decide(case=case, actor=office_user, decided_on=decided, decision="request")
    walk(case, office_user, [Step.SEND_REQUEST, Step.RECORD_INTENDED_DECISION], decided + timedelta(days=5))
    case_record_outcome(case=case, actor=office_user, outcome="granted", effective_on=granted)
    case_step(case=case, actor=office_user, step=Step.REVOKE_REQUEST, effective_on=revoked,
              closure_reason=ClosureReason.REQUEST_REVOKED)
    case_step(case=case, actor=office_user, step=Step.REOPEN, effective_on=reopened)
    case_close_other(case=case, actor=office_user, closed_on=reopened + timedelta(days=3),
                     reason=ClosureReason.DEPARTURE)
    first, second = rows(case)
    assert (first["decided_on"], first["decision"], first["decision_days"]) == (decided, StatStatus.REQUEST_OPEN, 40)
    assert (first["answered_on"], first["answer"], first["answer_days"]) == (granted, StatStatus.REQUEST_FOLLOWED, 60)
    assert (first["revoked_on"], first["valid_until"]) == (revoked, reopened)
    assert (second["valid_from"], second["decision"], second["decision_days"]) == (
        reopened, StatStatus.OTHER_CLOSURE, None)
    assert figures_rebuild(repair=False).equal
    years = range(start.year, timezone.localdate().year + 1)
    for as_of in (decided - timedelta(days=1), decided, granted, revoked, reopened, reopened + timedelta(days=3)):
        same_as_events(as_of, years)


def test_master_data_services_keep_country_authority_and_persons(office_user):
    case = make_case(actor=office_user, received_on=date(2021, 5, 1), birth_date=date(1980, 1, 1))
    person = case.persons.get()
    other = Authority.objects.order_by("key").last()
    case_update(case=case, actor=office_user, expected_version=None, authority=other)
    person_update(person=person, actor=office_user, nationality=Country.objects.get(name="Türkei"),
                  birth_date=date(2010, 1, 1))
    (row,) = rows(case)
    assert (row["country__name"], row["authority_id"], row["minors"]) == ("Türkei", other.pk, 1)
    table = authority_table(as_of=date(2021, 12, 31), years=[2021])
    assert [(r["authority"], r["applications"]) for r in table] == [(other.name, 1)]
    assert figures_rebuild(repair=False).equal


def test_register_import_writes_the_rows_and_replaces_them_for_a_changed_row():
    base = ["HFK-2019-0001", "05.03.2019", "Türkei", "Stadt Bochum", "3", "Ersuchen", "01.10.2019", ""]
    report = register_import(source=register_csv([base + ["", ""]]), name="r.csv", actor=None)
    assert report.written
    (row,) = CaseFigures.objects.values("decision", "answer", "persons", "decision_days")
    assert row == {"decision": StatStatus.REQUEST_OPEN, "answer": "", "persons": 3, "decision_days": 210}
    report = register_import(source=register_csv([base + ["gefolgt", "01.02.2020"]]), name="r.csv", actor=None)
    assert report.changed == 1
    (row,) = CaseFigures.objects.values("answer", "answered_on", "answer_days")
    assert row == {"answer": StatStatus.REQUEST_FOLLOWED, "answered_on": date(2020, 2, 1), "answer_days": 123}
    assert figures_rebuild(repair=False).equal
    same_as_events(date(2019, 12, 31), [2019])
    same_as_events(date(2020, 2, 1), [2019])


def test_rebuild_statistics_reports_repairs_and_then_finds_nothing(office_user):
    kept = make_case(actor=office_user, received_on=date(2020, 2, 1))
    changed = make_case(actor=office_user, received_on=date(2020, 3, 1), family_name="Hoxha")
    case_close_other(case=changed, actor=office_user, closed_on=date(2020, 4, 1), reason=ClosureReason.WITHDRAWAL)
    lost = make_case(actor=office_user, received_on=date(2020, 5, 1), family_name="Gashi")
    CaseFigures.objects.filter(case_id=changed.pk).update(decision=StatStatus.NO_REQUEST)
    CaseFigures.objects.filter(case_id=lost.pk).delete()
    before = report_build(as_of=date(2020, 12, 31), years=[2020], include_historical=False)
    assert before["applications"]["2020"] == 2

    out = io.StringIO()
    with pytest.raises(CommandError, match="2 von 3 Fällen weichen"):
        call_command("rebuild_statistics", "--check", stdout=out)
    assert f"Fall {changed.pk}, Durchgang 0: decision no_request statt other_closure" in out.getvalue()
    assert f"Fall {lost.pk}: keine Statistikzeile" in out.getvalue()
    assert not CaseFigures.objects.filter(case_id=lost.pk).exists()  # --check changes nothing

    with pytest.raises(CommandError, match="2 von 3 Fällen wichen .* neu aufgebaut"):
        call_command("rebuild_statistics", stdout=io.StringIO())
    out = io.StringIO()
    call_command("rebuild_statistics", "--check", stdout=out)
    assert "stimmt mit den Ereignissen überein (3 Fälle)" in out.getvalue()
    assert CaseFigures.objects.filter(case_id=kept.pk).count() == 1
    same_as_events(date(2020, 12, 31), [2020])


def test_retention_keeps_the_row_without_the_persons(office_user, settings, tmp_path):
    from haertefall.retention.services import case_anonymize, retention_rule_set

    settings.MEDIA_ROOT = tmp_path
    case = make_case(actor=office_user, received_on=date(2012, 2, 1), birth_date=date(2000, 1, 1))
    case_close_other(case=case, actor=office_user, closed_on=date(2012, 3, 1), reason=ClosureReason.WITHDRAWAL)
    retention_rule_set(actor=office_user, closure="other_closure", years=5)
    assert rows(case)[0]["minors"] == 1
    case_anonymize(case_id=case.pk, actor=office_user, today=date(2026, 6, 1))
    (row,) = rows(case)
    assert (row["minors"], row["with_birth_date"], row["decision"]) == (0, 0, StatStatus.OTHER_CLOSURE)
    assert figures_rebuild(repair=False).equal


def test_migration_fills_the_read_model_from_stored_events(office_user):
    """Installations upgrading to the read model get it filled from their events by migrate."""
    import importlib

    from django.apps import apps

    fill = importlib.import_module("haertefall.statistics.migrations.0004_fill_case_figures").fill
    case = make_case(actor=office_user, received_on=date(2020, 2, 1), birth_date=date(2015, 1, 1))
    case_close_other(case=case, actor=office_user, closed_on=date(2020, 4, 1), reason=ClosureReason.WITHDRAWAL)
    make_case(actor=office_user, received_on=date(2021, 3, 1), family_name="Hoxha")
    expected = sorted(CaseFigures.objects.values_list("case_id", "decision", "minors"))
    CaseFigures.objects.all().delete()
    fill(apps, None)
    assert sorted(CaseFigures.objects.values_list("case_id", "decision", "minors")) == expected
    assert figures_rebuild(repair=False).equal
