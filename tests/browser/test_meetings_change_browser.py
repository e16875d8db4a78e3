"""In a real browser: the office changes and cancels a planned session, names the
pre-screening committee, and records a statement request taken over from the register."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.authorities.models import StatementRequest
from haertefall.meetings.models import Meeting, PrescreenSeat
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory
from tests.meetings_world import build_commission, ready_case, session_with_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_office_changes_then_cancels_a_session(page, live_server):
    office = UserFactory(username="gs-aendern", role=Role.OFFICE)
    head = UserFactory(username="leitung-aendern", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    commission = build_commission(actor=office, chair=head)
    on = timezone.localdate() + timedelta(days=14)
    case = ready_case(actor=office, ready_on=timezone.localdate() - timedelta(days=2))
    meeting = session_with_items(actor=office, commission=commission, on=on, cases=[case], invite=False)

    login(page, live_server, head.username)
    page.goto(f"{live_server.url}/sitzungen/{meeting.pk}/")
    page.get_by_role("link", name="Termin und Ort ändern").click()
    page.wait_for_load_state()
    assert_accessible(page, context="Sitzung ändern")
    page.get_by_label("Ort").fill("Düsseldorf, Raum 4.12")
    page.get_by_role("button", name="Änderung speichern").click()
    page.wait_for_load_state()
    assert "Düsseldorf, Raum 4.12" in page.content()

    page.get_by_role("link", name="Sitzung absagen").click()
    page.wait_for_load_state()
    assert case.file_number in page.content()  # the cases that go back
    assert_accessible(page, context="Sitzung absagen")
    page.get_by_role("button", name="Sitzung absagen").click()  # no reason given
    page.wait_for_load_state()
    assert "kern-error" in page.content()
    assert Meeting.objects.get(pk=meeting.pk).cancelled_at is None
    page.get_by_label("Grund der Absage").fill("Die Vorsitzende ist erkrankt.")
    page.get_by_role("button", name="Sitzung absagen").click()
    page.wait_for_load_state()
    assert "abgesagt" in page.content()
    assert Meeting.objects.get(pk=meeting.pk).cancelled_at is not None
    assert not Meeting.objects.get(pk=meeting.pk).items.exists()
    assert_accessible(page, context="Abgesagte Sitzung")


def test_office_names_the_prescreen_committee(page, live_server):
    office = UserFactory(username="gs-vpa", role=Role.OFFICE)
    head = UserFactory(username="leitung-vpa", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    build_commission(actor=office, chair=head)
    login(page, live_server, head.username)
    page.goto(f"{live_server.url}/sitzungen/kommission/")
    page.get_by_role("link", name="Vorprüfungsausschuss besetzen").click()
    page.wait_for_load_state()
    assert "Vorprüfungsausschuss besetzen" in page.content()
    assert_accessible(page, context="Vorprüfungsausschuss besetzen")
    page.get_by_label("Beschluss der Kommission vom").fill(timezone.localdate().isoformat())
    page.get_by_label("Platz 1 (Vorsitz): Mitglied").select_option(label="Mia Mitglied9")  # not the chair
    page.get_by_role("button", name="Vorprüfungsausschuss speichern").click()
    page.wait_for_load_state()
    assert "Platz 1 im Vorprüfungsausschuss hat der Vorsitz" in page.content()
    assert PrescreenSeat.objects.get(number=1).member == head  # nothing changed
    assert_accessible(page, context="Vorprüfungsausschuss mit Fehlern")


def test_office_records_a_request_taken_over_from_the_register(page, live_server):
    from haertefall.cases.services.lifecycle import case_step
    from haertefall.cases.states import Step
    from tests.authorities_support import case_taken_up

    office = UserFactory(username="gs-register", role=Role.OFFICE)
    case = case_taken_up(actor=office, received_on=timezone.localdate() - timedelta(days=90),
                         authority_key="stadt-koeln")
    case_step(case=case, actor=office, step=Step.REQUEST_STATEMENT,
              effective_on=timezone.localdate() - timedelta(days=30))
    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    page.get_by_text("Stellungnahme eingegangen").click()  # opens the step
    page.get_by_role("link", name="Frühere Anforderung nachtragen (aus dem Register übernommen)").click()
    page.wait_for_load_state()
    assert_accessible(page, context="Frühere Anforderung nachtragen")
    page.get_by_role("button", name="Anforderung erfassen").click()
    page.wait_for_load_state()
    assert "Frühere Anforderung erfasst" in page.content()
    assert StatementRequest.objects.filter(case=case).count() == 1
