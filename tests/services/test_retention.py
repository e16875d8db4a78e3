"""Löschkonzept: personal data goes after the retention period; the statistics stay the same."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import OuterRef, Subquery
from hypothesis import given
from hypothesis import strategies as st

from haertefall.audit.models import AuditEntry, AuditPerson
from haertefall.cases.models import Case, CaseEvent, Document, FollowUp, Note, Person, PersonName
from haertefall.cases.services.lifecycle import case_close_other, case_decide, case_step
from haertefall.cases.states import ClosureReason, Step
from haertefall.core.errors import DomainError
from haertefall.retention.rules import closed_before_for_due, retention_due_on
from haertefall.retention.services import case_anonymize, retention_due
from haertefall.statistics.report import report_build
from tests.factories import make_case

TODAY = date(2026, 6, 1)

REQUEST_PATH = [Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT,
                Step.MARK_READY, Step.PLACE_ON_AGENDA]


def _walk(case, actor, steps, start):
    day = start
    for step in steps:
        day += timedelta(days=10)
        case = case_step(case=case, actor=actor, step=step, effective_on=day, check_dates=False)
    return case, day


def followed_case(actor, received_on, name="Krasniqi"):
    case = make_case(actor=actor, received_on=received_on, family_name=name,
                     reasons_text="Schwere Erkrankung, Attest liegt vor", submitter_contact="Kanzlei, Tel. 0211 123")
    case, day = _walk(case, actor, REQUEST_PATH, received_on)
    case = case_decide(case=case, actor=actor, decided_on=day + timedelta(days=5), decision="request",
                       reasons="vertrauliche Begründung", expectations="Passbeschaffung")
    case, day = _walk(case, actor, [Step.SEND_REQUEST, Step.RECORD_INTENDED_DECISION], day + timedelta(days=5))
    return case_step(case=case, actor=actor, step=Step.OUTCOME_GRANTED, effective_on=day + timedelta(days=10),
                     closure_reason=ClosureReason.PERMIT_GRANTED, check_dates=False)


def withdrawn_case(actor, received_on, name="Hoxha"):
    case = make_case(actor=actor, received_on=received_on, family_name=name)
    return case_close_other(case=case, actor=actor, closed_on=received_on + timedelta(days=30),
                            reason=ClosureReason.WITHDRAWAL, note="Rücknahme durch Anwältin Frau X")


def stat_table(as_of: date) -> dict:
    """What the statistics report reads: the last stat_status per case as of a date, counted
    by year of receipt (docs/decisions/0003)."""
    last = (CaseEvent.objects.filter(case=OuterRef("pk"), effective_on__lte=as_of)
            .exclude(stat_status="").order_by("-effective_on", "-sequence").values("stat_status")[:1])
    rows = Case.objects.filter(received_on__lte=as_of).annotate(status=Subquery(last)).values_list(
        "year", "country__name", "authority_id", "persons_count", "status")
    return dict(Counter(rows))


@pytest.fixture
def documents_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def old_cases(db, office_user, documents_dir):
    followed_old = followed_case(office_user, date(2012, 2, 1))           # closed 2012 → due 2023
    followed_recent = followed_case(office_user, date(2019, 2, 1), "Berisha")  # closed 2019 → due 2030
    withdrawn_old = withdrawn_case(office_user, date(2019, 3, 1))          # closed 2019 → due 2025
    withdrawn_recent = withdrawn_case(office_user, date(2021, 3, 1), "Gashi")  # closed 2021 → due 2027
    open_case = make_case(actor=office_user, received_on=date(2010, 1, 5), family_name="Offen")
    for case in (followed_old, withdrawn_old):
        person = case.persons.get()
        PersonName.objects.create(person=person, family_name=person.family_name + "-Alias")
        Note.objects.create(case=case, text="Vorstrafe 2009 (vertraulich)", author=office_user)
        FollowUp.objects.create(case=case, due_on=date(2013, 1, 1), reason="Attest nachfordern",
                                created_by=office_user)
        doc = Document(case=case, title="Attest", original_name="attest.pdf", content_type="application/pdf",
                       size=9, sha256="0" * 64, uploaded_by=office_user)
        doc.file.save("attest.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        doc.save()
    return {"followed_old": followed_old, "followed_recent": followed_recent, "withdrawn_old": withdrawn_old,
            "withdrawn_recent": withdrawn_recent, "open": open_case}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 30),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2130, 12, 31)))
def test_due_rule_and_its_inverse_agree(closed_on, years, today):
    assert (retention_due_on(closed_on, years) <= today) == (closed_on < closed_before_for_due(today, years))


def test_due_on_is_first_of_january_after_full_years():
    assert retention_due_on(date(2015, 12, 31), 10) == date(2026, 1, 1)
    assert retention_due_on(date(2015, 1, 1), 5) == date(2021, 1, 1)


@pytest.mark.django_db
def test_dry_run_lists_only_due_cases(old_cases, capsys):
    due = {d.case_id for d in retention_due(today=TODAY)}
    assert due == {old_cases["followed_old"].pk, old_cases["withdrawn_old"].pk}
    call_command("retention", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert old_cases["followed_old"].file_number in out and old_cases["withdrawn_old"].file_number in out
    assert old_cases["followed_recent"].file_number not in out
    assert "01.01.2023" in out  # due since
    # A dry run deletes nothing.
    assert Person.objects.filter(case=old_cases["followed_old"]).exists()


@pytest.mark.django_db
def test_run_removes_personal_data_and_keeps_the_statistical_record(old_cases, documents_dir, capsys,
                                                                   django_capture_on_commit_callbacks):
    case = old_cases["followed_old"]
    person_ids = list(case.persons.values_list("pk", flat=True))
    old_number = case.file_number
    file_path = documents_dir / Document.objects.filter(case=case).get().file.name
    assert file_path.exists()
    before = Case.objects.filter(pk=case.pk).values("year", "received_on", "country", "authority",
                                                    "persons_count", "state", "closure", "closure_reason",
                                                    "closed_on").get()
    events_before = list(case.events.values_list("sequence", "step", "stat_status", "effective_on"))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("retention", "--today", TODAY.isoformat())
    assert "2 Fälle anonymisiert, 0 Fehler" in capsys.readouterr().out

    case.refresh_from_db()
    assert case.anonymized_at is not None
    assert case.file_number == f"ANON-{case.pk}"
    assert (case.submitter_name, case.submitter_contact, case.submitter_email, case.reasons_text) == ("", "", "", "")
    assert case.reason_categories == [] and case.flagged_grounds == []
    assert not Person.objects.filter(case=case).exists()
    assert not PersonName.objects.filter(person_id__in=person_ids).exists()
    assert not Document.objects.filter(case=case).exists() and not file_path.exists()
    assert not Note.objects.filter(case=case).exists() and not FollowUp.objects.filter(case=case).exists()
    for data in case.events.values_list("data", flat=True):
        assert not {"reasons", "expectations", "note", "person_id", "recommendation"} & set(data)
    assert Case.objects.filter(pk=case.pk).values(*before).get() == before
    assert list(case.events.values_list("sequence", "step", "stat_status", "effective_on")) == events_before

    entry = AuditEntry.objects.get(action="retention", case_id=case.pk)
    assert entry.file_number == old_number  # the trail says which file was deleted
    assert sorted(AuditPerson.objects.filter(entry=entry).values_list("person_id", flat=True)) == sorted(person_ids)
    # Not yet due: untouched.
    assert Person.objects.filter(case=old_cases["followed_recent"]).exists()


@pytest.mark.django_db
def test_statistics_are_identical_before_and_after_deletion(old_cases):
    cutoffs = [date(2013, 11, 15), date(2020, 11, 15), TODAY]
    before = {c: stat_table(c) for c in cutoffs}
    call_command("retention", "--today", TODAY.isoformat())
    assert Case.objects.filter(anonymized_at__isnull=False).count() == 2
    assert {c: stat_table(c) for c in cutoffs} == before


@pytest.mark.django_db
def test_statistics_report_identical_before_and_after_deletion(old_cases):
    """The activity report as of the same day is the same before and after the deletion."""
    before = report_build(as_of=TODAY, years=range(2010, 2026))
    call_command("retention", "--today", TODAY.isoformat())
    assert report_build(as_of=TODAY, years=range(2010, 2026)) == before


@pytest.mark.django_db
def test_case_not_yet_due_is_refused(old_cases, office_user):
    with pytest.raises(DomainError, match="endet erst am 01.01.2030"):
        case_anonymize(case_id=old_cases["followed_recent"].pk, actor=office_user, today=TODAY)
    with pytest.raises(DomainError, match="nicht abgeschlossen"):
        case_anonymize(case_id=old_cases["open"].pk, actor=office_user, today=TODAY)


@pytest.mark.django_db
def test_second_run_finds_nothing(old_cases):
    call_command("retention", "--today", TODAY.isoformat())
    assert retention_due(today=TODAY) == []


@pytest.mark.django_db
def test_configured_period_changes_what_is_due(old_cases):
    from haertefall.retention.models import RetentionRule

    RetentionRule.objects.filter(closure="other_closure").update(years=8)
    assert {d.case_id for d in retention_due(today=TODAY)} == {old_cases["followed_old"].pk}


@pytest.mark.django_db
def test_anonymised_case_refuses_writes(old_cases, office_user):
    from haertefall.cases.access import access_case
    from haertefall.core.errors import AccessDenied

    call_command("retention", "--today", TODAY.isoformat())
    case_id = old_cases["withdrawn_old"].pk
    assert access_case(user=office_user, case_id=case_id, for_write=False).anonymized_at is not None
    with pytest.raises(AccessDenied):
        access_case(user=office_user, case_id=case_id, for_write=True)


@pytest.mark.django_db
@pytest.mark.parametrize("years", [0, 31])
def test_retention_period_must_be_sensible(admin_user, years):
    from haertefall.retention.services import retention_rule_set

    with pytest.raises(DomainError, match="zwischen 1 und 30 Jahren"):
        retention_rule_set(actor=admin_user, closure="followed", years=years)


@pytest.mark.django_db
def test_admin_changes_a_period_on_the_page(client, admin_user):
    from django.urls import reverse

    from haertefall.retention.models import RetentionRule

    rule = RetentionRule.objects.get(closure="no_request")
    client.force_login(admin_user)
    response = client.post(reverse("retention:rule_edit", args=[rule.pk]), {"years": 6, "basis": "DSB 2026"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.years, rule.basis) == (6, "DSB 2026")
    assert AuditEntry.objects.filter(user=admin_user, action="change", detail__contains="5 → 6").exists()
    page = client.get(reverse("retention:rules")).content.decode()
    assert "Kein Ersuchen" in page and "DSB 2026" in page


@pytest.mark.django_db
def test_api_refuses_an_invalid_period(client, admin_user):
    from haertefall.retention.models import RetentionRule

    rule = RetentionRule.objects.get(closure="followed")
    client.force_login(admin_user)
    response = client.patch(f"/api/retention/rules/{rule.pk}/", {"years": 0}, content_type="application/json")
    assert response.status_code == 400
    assert "zwischen 1 und 30 Jahren" in response.json()["years"][0]
    rule.refresh_from_db()
    assert rule.years == 10


@pytest.mark.django_db
def test_other_parts_scrub_their_data_and_keep_their_statistical_keys(old_cases, monkeypatch, office_user):
    import types

    from haertefall.cases.services.events import event_record
    from haertefall.retention import services as retention_services

    case = old_cases["withdrawn_old"]
    event_record(case=case, actor=office_user, event_type="vote_recorded", effective_on=date(2019, 3, 20),
                 data={"yes_votes": 5, "minutes_text": "Herr X berichtet über die Erkrankung"})
    scrubbed = []
    fake = types.SimpleNamespace(EVENT_DATA_KEEP=frozenset({"yes_votes"}),
                                 retention_scrub_case=lambda *, case: scrubbed.append(case.pk))
    monkeypatch.setattr(retention_services, "RETENTION_HOOKS", (*retention_services.RETENTION_HOOKS, fake))

    case_anonymize(case_id=case.pk, actor=None, today=TODAY)
    assert scrubbed == [case.pk]
    assert case.events.get(event_type="vote_recorded").data == {"yes_votes": 5}
