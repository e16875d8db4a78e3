"""Corrections with a reason, and the report "nach Erfassungsstand" (issue 16, decision 0121):
a report published as of a day comes out again cell for cell after a later correction."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.services.corrections import case_correct, person_correct
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import Step
from haertefall.core.errors import DomainError
from haertefall.registers.models import Country
from haertefall.statistics.disclosure import report_protect
from haertefall.statistics.figures import figures_rebuild
from haertefall.statistics.report import report_build, report_with_extra
from tests.factories import authority, make_case

from .helpers import history_add
from .test_report_properties import YEARS, case_strategy, walk

pytestmark = pytest.mark.django_db

TAKE_UP = [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP]


def _recorded_back(case: Case, days: int) -> None:
    """As if the case and its history had been recorded ``days`` ago (queryset updates are how
    retention changes events, too; the model's save refuses)."""
    then = timezone.now() - timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(created_at=then)
    CaseEvent.objects.filter(case=case).update(recorded_at=then)


def _history(office_user, today):
    """Two cases received early in the last year, one taken up; all recorded ten days ago."""
    year = today.year - 1
    first = make_case(actor=office_user, received_on=date(year, 1, 10))
    for step in TAKE_UP:
        first = case_step(case=first, actor=office_user, step=step, effective_on=date(year, 2, 1))
    second = make_case(actor=office_user, received_on=date(year, 1, 20), family_name="Berisha",
                       nationality="Türkei")
    for case in (first, second):
        _recorded_back(case, 10)
    return first, second


def test_report_by_recorded_time_equals_the_published_one_after_a_receipt_date_correction(office_user):
    today = timezone.localdate()
    published_on = today - timedelta(days=5)
    year = today.year - 1
    first, _second = _history(office_user, today)
    years = range(year - 1, year + 1)
    published = report_with_extra(as_of=published_on, years=years)
    assert published["applications"][str(year)] == 2

    # After publication the office finds the first application was received in December before.
    case_correct(case=first, actor=office_user, reason="Eingangsstempel falsch abgelesen",
                 received_on=date(year - 1, 12, 28))

    now = report_with_extra(as_of=published_on, years=years)
    assert now["applications"][str(year)] == 1
    assert now["applications"][str(year - 1)] == 1
    again = report_with_extra(as_of=published_on, years=years, recorded_as_of=published_on)
    assert again.pop("recorded_as_of") == published_on.isoformat()
    assert again == published  # cell for cell, also the persons, authorities and times
    # The read model was kept in the same transaction.
    assert figures_rebuild(repair=False).equal


def test_recorded_time_leaves_out_events_recorded_later_with_an_earlier_effective_date(office_user):
    today = timezone.localdate()
    published_on = today - timedelta(days=5)
    year = today.year - 1
    _first, second = _history(office_user, today)
    published = report_build(as_of=published_on, years=[year])
    # Recorded today, effective before the publication: a late entry.
    for step in TAKE_UP:
        second = case_step(case=second, actor=office_user, step=step, effective_on=date(year, 3, 1))
    assert report_build(as_of=published_on, years=[year], recorded_as_of=published_on) == {
        **published, "recorded_as_of": published_on.isoformat()}


def test_a_recorded_report_without_later_entries_equals_the_normal_one(office_user):
    today = timezone.localdate()
    year = today.year - 1
    _history(office_user, today)
    normal = report_with_extra(as_of=today, years=[year])
    recorded = report_with_extra(as_of=today, years=[year], recorded_as_of=today)
    recorded.pop("recorded_as_of")
    assert recorded == normal


def test_a_person_correction_of_the_main_nationality_is_undone_by_recorded_time(office_user):
    today = timezone.localdate()
    published_on = today - timedelta(days=5)
    year = today.year - 1
    first, _second = _history(office_user, today)
    published = report_build(as_of=published_on, years=[year])
    person_correct(person=first.main_person, actor=office_user, reason="Pass vorgelegt",
                   nationality=Country.objects.get(name="Türkei"))
    assert report_build(as_of=published_on, years=[year])["countries"] != published["countries"]
    again = report_build(as_of=published_on, years=[year], recorded_as_of=published_on)
    assert again["countries"] == published["countries"]


def test_the_public_authority_table_by_recorded_time_is_the_published_one(office_user):
    """The ministry's variant of a report "nach Erfassungsstand" (``haertefall report
    --recorded-as-of … --suppress-small``) shows the authorities as they had been recorded."""
    today = timezone.localdate()
    published_on = today - timedelta(days=5)
    year = today.year - 1
    first_authority, other_authority = authority("staedteregion-aachen"), authority("stadt-koeln")
    cases = [make_case(actor=office_user, received_on=date(year, 1, 10 + i), authority_obj=first_authority)
             for i in range(3)]
    for case in cases:
        _recorded_back(case, 10)
    published = report_protect(report_with_extra(as_of=published_on, years=[year]), as_of=published_on)
    listed = [row["authority"] for row in published["extra"]["authorities_by_year"][str(year)]]
    assert first_authority.name in listed

    case_correct(case=cases[0], actor=office_user, reason="Zuständigkeit falsch erfasst",
                 authority=other_authority)
    now = report_protect(report_with_extra(as_of=published_on, years=[year]), as_of=published_on)
    assert first_authority.name not in [row["authority"] for row in now["extra"]["authorities_by_year"][str(year)]]
    again = report_protect(report_with_extra(as_of=published_on, years=[year], recorded_as_of=published_on),
                           as_of=published_on)
    assert again["extra"]["authorities_by_year"] == published["extra"]["authorities_by_year"]


def test_correction_shows_old_and_new_value_and_reason_in_the_history(office_user, office_client):
    case = make_case(actor=office_user, received_on=date(2024, 3, 1))
    case_correct(case=case, actor=office_user, reason="Eingangsstempel 01.02.", received_on=date(2024, 2, 1))
    case.refresh_from_db()
    assert case.year == 2024 and case.received_on == date(2024, 2, 1)
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Korrektur" in page
    assert "Eingangsstempel 01.02." in page
    assert "Eingangsdatum: 01.03.2024 → 01.02.2024" in page


def test_correction_needs_a_reason_and_a_change(office_user):
    case = make_case(actor=office_user, received_on=date(2024, 3, 1))
    with pytest.raises(DomainError, match="Grund der Korrektur"):
        case_correct(case=case, actor=office_user, reason="  ", received_on=date(2024, 2, 1))
    with pytest.raises(DomainError, match="ändert nichts"):
        case_correct(case=case, actor=office_user, reason="x", received_on=date(2024, 3, 1))
    with pytest.raises(DomainError, match="Zukunft"):
        case_correct(case=case, actor=office_user, reason="x", received_on=timezone.localdate() + timedelta(days=1))
    case = case_step(case=case, actor=office_user, step=Step.CHECK_PASS, effective_on=date(2024, 3, 5))
    with pytest.raises(DomainError, match="ersten Verfahrensschritt"):
        case_correct(case=case, actor=office_user, reason="x", received_on=date(2024, 3, 6))
    assert not CaseEvent.objects.filter(case=case, event_type="correction").exists()


def test_correction_page_refuses_without_reason_and_saves_with_one(office_user, office_client):
    case = make_case(actor=office_user, received_on=date(2024, 3, 1))
    url = reverse("cases:correct", args=[case.pk])
    form = {"version": case.version, "received_on": "2024-02-01", "submitter_kind": case.submitter_kind,
            "submitter_name": case.submitter_name, "authority": case.authority_id, "reason": ""}
    response = office_client.post(url, form)
    assert response.status_code == 400
    assert "Grund der Korrektur" in response.content.decode()
    response = office_client.post(url, {**form, "reason": "Stempel"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.received_on == date(2024, 2, 1)


def test_correction_api(office_user, client):
    client.force_login(office_user)
    case = make_case(actor=office_user, received_on=date(2024, 3, 1))
    url = reverse("cases-api:case-correct", args=[case.pk])
    missing = client.post(url, {"version": case.version, "received_on": "2024-02-01"}, content_type="application/json")
    assert missing.status_code == 400
    done = client.post(url, {"version": case.version, "received_on": "2024-02-01", "reason": "Stempel"},
                       content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["received_on"] == "2024-02-01"


def test_report_command_and_api_by_recorded_time(office_user, client, tmp_path):
    today = timezone.localdate()
    published_on = today - timedelta(days=5)
    year = today.year - 1
    first, _second = _history(office_user, today)
    case_correct(case=first, actor=office_user, reason="Stempel", received_on=date(year - 1, 12, 28))
    target = tmp_path / "bericht.json"
    call_command("report", "--as-of", published_on.isoformat(), "--years", f"{year}-{year}",
                 "--recorded-as-of", f"{published_on:%d.%m.%Y}", "--output", str(target), stderr=io.StringIO())
    assert json.loads(target.read_text())["applications"][str(year)] == 2
    client.force_login(office_user)
    api = client.get(reverse("statistics_api:report"), {"as_of": published_on.isoformat(), "year_from": year,
                                                       "year_to": year, "recorded_as_of": published_on.isoformat()})
    assert api.status_code == 200, api.content
    assert api.json()["applications"][str(year)] == 2
    page = client.get(reverse("statistics:report"), {"as_of": published_on.isoformat(), "year_from": year,
                                                    "year_to": year, "recorded_as_of": published_on.isoformat()})
    assert page.status_code == 200
    assert "Nach Erfassungsstand vom" in page.content.decode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_cases=st.lists(case_strategy, min_size=1, max_size=10),
       cut_offs=st.lists(st.dates(min_value=date(2017, 12, 1), max_value=date(2024, 6, 30)), min_size=1,
                         max_size=2))
def test_with_nothing_recorded_later_both_ways_give_the_same_report(raw_cases, cut_offs):
    """On random histories (reopenings, revocations, answers) the rows rebuilt in memory from
    the events count exactly as the stored read model does."""
    with transaction.atomic():
        for received, choices, country in raw_cases:
            when, steps = received, []
            for step, gap in walk(choices):
                when = when + timedelta(days=gap)
                steps.append((step, when))
            history_add(received_on=received, steps=steps, country=country, persons=1 + len(steps) % 3)
        today = timezone.localdate()
        for as_of in cut_offs:
            normal = report_with_extra(as_of=as_of, years=YEARS)
            recorded = report_with_extra(as_of=as_of, years=YEARS, recorded_as_of=today)
            assert recorded.pop("recorded_as_of") == today.isoformat()
            assert recorded == normal
        transaction.set_rollback(True)


def test_a_corrected_name_is_searched_under_the_new_spelling(office_user):
    case = make_case(actor=office_user, family_name="Krasniqi")
    person = person_correct(person=case.main_person, actor=office_user, reason="Pass: andere Schreibweise",
                            family_name="Krasnići")
    assert "krasnici" in person.search_text.lower() or "krasnići" in person.search_text.lower()
    event = CaseEvent.objects.get(case=case, event_type="correction")
    assert event.data["changes"] == [{"field": "family_name", "old": "Krasniqi", "new": "Krasnići"}]
