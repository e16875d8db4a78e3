"""Bulk work (issue 16, decision 0120): each chosen case on its own, with its own event; a case
the service refuses keeps nothing of the attempt and does not stop the others; the result names
which cases were done and why the others were not."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from haertefall.accounts.models import Role
from haertefall.audit.models import AuditEntry
from haertefall.authorities import services as authority_services
from haertefall.authorities.models import Reminder
from haertefall.cases.models import Case, CaseEvent
from haertefall.cases.states import State
from haertefall.core.errors import AccessDenied
from haertefall.meetings.models import AgendaItem, Meeting
from haertefall.meetings.services import meeting_plan
from haertefall.worklist.bulk import cases_bulk_apply
from tests.authorities_support import case_taken_up
from tests.factories import UserFactory, make_case
from tests.meetings_world import build_commission, ready_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    return meeting_plan(kind=Meeting.Kind.COMMISSION, date=timezone.localdate() + timedelta(days=14),
                        actor=office_user, commission=commission, place="Düsseldorf")


@pytest.fixture
def chosen(office_user):
    """Two cases ready for a session and one that is not (just received)."""
    return [ready_case(actor=office_user, family_name="Bereit"), make_case(actor=office_user, family_name="Neu"),
            ready_case(actor=office_user, family_name="Auch")]


def _events(case) -> int:
    return CaseEvent.objects.filter(case=case).count()


def test_one_refused_case_does_not_stop_or_half_apply_the_others(office_client, session, chosen):
    first, refused, last = chosen
    events_before = _events(refused)
    response = office_client.post(reverse("worklist:bulk"), {
        "action": "agenda", "meeting": session.pk, "faelle": [c.pk for c in chosen]})
    assert response.status_code == 302
    body = office_client.get(response["Location"]).content.decode()
    done = re.search(r'<table class="kern-table" id="erledigt">.*?</table>', body, re.S).group(0)
    not_done = re.search(r'<table class="kern-table" id="nicht-bearbeitet">.*?</table>', body, re.S).group(0)
    assert first.file_number in done and last.file_number in done and refused.file_number not in done
    assert refused.file_number in not_done
    assert "bereit für eine Sitzung" in not_done  # the service's own German reason
    assert "2 Fälle erledigt, 1 nicht" in body
    assert set(AgendaItem.objects.filter(meeting=session).values_list("case_id", flat=True)) == {first.pk, last.pk}
    for case in (first, last):
        case.refresh_from_db()
        assert case.state == State.SCHEDULED
        assert case.events.filter(step="place_on_agenda").count() == 1
    refused.refresh_from_db()
    assert refused.state == State.RECEIVED and _events(refused) == events_before


def test_a_failure_inside_one_case_rolls_back_only_that_case(office_user, session, chosen, monkeypatch):
    """The service fails after it wrote (an event): that case's transaction is rolled back."""
    from haertefall.core.errors import DomainError
    from haertefall.meetings.services import planning

    real = planning.agenda_item_add
    first, _refused, last = chosen

    def failing_for_last(*, meeting, case, actor, **kwargs):
        item = real(meeting=meeting, case=case, actor=actor, **kwargs)
        if case.pk == last.pk:
            raise DomainError("Testfehler nach dem Schreiben.")
        return item

    monkeypatch.setattr(planning, "agenda_item_add", failing_for_last)
    events_before = _events(last)
    results = cases_bulk_apply(actor=office_user, case_ids=[first.pk, last.pk], action="agenda", meeting=session)
    assert [(r.file_number, r.done) for r in results] == [(first.file_number, True), (last.file_number, False)]
    assert results[1].message == "Testfehler nach dem Schreiben."
    last.refresh_from_db()
    assert last.state == State.READY and _events(last) == events_before
    assert not AgendaItem.objects.filter(case=last).exists()


def test_unknown_and_invisible_cases_are_named_not_found(office_user, session, chosen):
    results = cases_bulk_apply(actor=office_user, case_ids=[chosen[0].pk, 10**9, "x"], action="agenda",
                               meeting=session)
    assert [r.done for r in results] == [True, False, False]
    assert results[1].message.startswith("Fall nicht gefunden")


@pytest.mark.parametrize("role", [Role.MEMBER, Role.AUTHORITY, Role.MINISTRY, Role.DPO, Role.ADMIN])
def test_a_user_without_rights_gets_nothing_done(client, session, chosen, role):
    user = UserFactory(username=f"ohne-{role}", role=role,
                       authority=chosen[0].authority if role == Role.AUTHORITY else None)
    client.force_login(user)
    response = client.post(reverse("worklist:bulk"), {"action": "agenda", "meeting": session.pk,
                                                      "faelle": [c.pk for c in chosen]})
    assert response.status_code == 403
    api = APIClient()
    api.force_authenticate(user)
    response = api.post(reverse("worklist-api:bulk"), {"action": "agenda", "meeting": session.pk,
                                                       "case_ids": [c.pk for c in chosen]}, format="json")
    assert response.status_code == 403
    with pytest.raises(AccessDenied):
        cases_bulk_apply(actor=user, case_ids=[c.pk for c in chosen], action="agenda", meeting=session)
    assert not AgendaItem.objects.filter(meeting=session).exists()


def test_the_api_answers_per_case(office_user, session, chosen):
    api = APIClient()
    api.force_authenticate(office_user)
    response = api.post(reverse("worklist-api:bulk"), {"action": "agenda", "meeting": session.pk,
                                                       "case_ids": [c.pk for c in chosen]}, format="json")
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [(r["case_id"], r["done"]) for r in results] == [(chosen[0].pk, True), (chosen[1].pk, False),
                                                            (chosen[2].pk, True)]
    assert "bereit für eine Sitzung" in results[1]["message"]
    # Missing parameters are the client's mistake, in German.
    response = api.post(reverse("worklist-api:bulk"), {"action": "agenda", "case_ids": [chosen[0].pk]}, format="json")
    assert response.status_code == 400 and "Sitzung" in str(response.json())
    response = api.post(reverse("worklist-api:bulk"), {"action": "agenda", "meeting": 10**6,
                                                       "case_ids": [chosen[0].pk]}, format="json")
    assert response.status_code == 400


def test_without_chosen_cases_or_action_the_list_says_what_is_missing(office_client, session):
    body = office_client.post(reverse("worklist:bulk"), {"action": "agenda", "meeting": session.pk},
                              follow=True).content.decode()
    assert "Bitte wählen Sie mindestens einen Fall aus." in body
    body = office_client.post(reverse("worklist:bulk"), {"faelle": ["1"]}, follow=True).content.decode()
    assert "Aktion für die ausgewählten Fälle" in body


def test_overdue_reminders_go_out_once_and_other_cases_are_named(office_user, django_capture_on_commit_callbacks):
    overdue = case_taken_up(actor=office_user, authority_key="stadt-koeln", received_on=date(2025, 9, 1))
    authority_services.statement_request(case=overdue, actor=office_user, requested_on=date(2025, 9, 2))
    running = case_taken_up(actor=office_user, authority_key="stadt-koeln", family_name="Laufend")
    authority_services.statement_request(case=running, actor=office_user, requested_on=timezone.localdate())
    received = make_case(actor=office_user, family_name="Eingang")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        results = cases_bulk_apply(actor=office_user, case_ids=[overdue.pk, running.pk, received.pk],
                                   action="reminder")
    assert [r.done for r in results] == [True, False, False]
    assert "läuft noch bis" in results[1].message
    assert "keine Stellungnahme" in results[2].message
    assert len(mail.outbox) == 1 and "Mahnung" in mail.outbox[0].subject
    event = overdue.events.get(event_type="reminder_sent")
    assert event.actor == office_user
    # The same week again: not twice.
    again = cases_bulk_apply(actor=office_user, case_ids=[overdue.pk], action="reminder")
    assert not again[0].done and "bereits gesendet" in again[0].message
    assert Reminder.objects.count() == 1


def test_reassignment_is_offered_to_the_head_only(office_client, client, office_user, office_head):
    colleague = UserFactory(username="kollege", role=Role.OFFICE, first_name="Kim", last_name="Kollege")
    cases = [make_case(actor=office_user, family_name=f"Zuweisung{i}") for i in range(2)]
    assert 'value="assign"' not in office_client.get(reverse("cases:list"), {"state": "received"}).content.decode()
    client.force_login(office_head)
    assert 'value="assign"' in client.get(reverse("cases:list"), {"state": "received"}).content.decode()
    response = client.post(reverse("worklist:bulk"), {"action": "assign", "assignee": colleague.pk,
                                                      "faelle": [c.pk for c in cases]})
    body = client.get(response["Location"]).content.decode()
    assert "2 Fälle erledigt, 0 nicht" in body
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("assigned_to", flat=True)) == {colleague.pk}
    assert all(c.events.filter(event_type="assigned").count() == 1 for c in cases)
    assert AuditEntry.objects.filter(user=office_head, action="change", object_type="cases.case").count() == 2


def test_letters_of_one_kind_are_drafted_per_case_and_a_refusal_is_named(office_user):
    from haertefall.correspondence.models import Letter

    cases = [make_case(actor=office_user, family_name=f"Brief{i}") for i in range(2)]
    results = cases_bulk_apply(actor=office_user, case_ids=[c.pk for c in cases], action="letter",
                               letter_kind="acknowledgement")
    assert [r.done for r in results] == [True, True]
    assert "Entwurf „Eingangsbestätigung" in results[0].message
    assert sorted(Letter.objects.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
    # The withdrawal letters come only from the commission's decision (decision 0102).
    refused = cases_bulk_apply(actor=office_user, case_ids=[cases[0].pk], action="letter",
                               letter_kind="request_withdrawal")
    assert not refused[0].done and "Beschluss" in refused[0].message
    assert Letter.objects.count() == 2
