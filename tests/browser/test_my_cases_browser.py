"""A case officer's morning in the browser: "Meine Fälle" after login, a queue, the case, the
session agenda; taking a case; the head reassigning one; the calendar (decisions 0117, 0118)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from haertefall.cases.states import State
from haertefall.meetings.models import Meeting
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officer(transactional_db):
    return UserFactory(username="sachbearbeitung", role=Role.OFFICE, first_name="Sara", last_name="Sachbearbeiterin")


@pytest.fixture
def colleague(transactional_db):
    return UserFactory(username="kollegin", role=Role.OFFICE, first_name="Klara", last_name="Kollegin")


def test_officer_works_the_queue_from_my_cases_to_the_agenda(page, live_server, officer):
    today = timezone.localdate()
    meeting = Meeting.objects.create(date=today + timedelta(days=10), place="Düsseldorf")
    ready = make_case(actor=officer, family_name="Bereit")
    overdue = make_case(actor=officer, family_name="Spaet")
    Case.objects.filter(pk=ready.pk).update(state=State.READY)
    Case.objects.filter(pk=overdue.pk).update(state=State.STATEMENT_REQUESTED,
                                              statement_due_on=today - timedelta(days=3))
    login(page, live_server, "sachbearbeitung")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Fälle")
    assert_accessible(page, context="Meine Fälle")
    overdue_queue = page.get_by_role("region", name=re.compile("Stellungnahme überfällig"))
    expect(overdue_queue).to_contain_text(overdue.file_number)
    overdue_queue.get_by_role("link", name=re.compile("Alle 1 anzeigen")).click()
    page.wait_for_load_state()
    assert "queue=stellungnahme-ueberfaellig" in page.url
    expect(page.get_by_role("link", name=overdue.file_number)).to_be_visible()
    expect(page.get_by_role("link", name=ready.file_number)).to_have_count(0)
    page.go_back()
    page.get_by_role("region", name=re.compile("Bereit für eine Sitzung")).get_by_role(
        "link", name=ready.file_number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fall {ready.file_number}")
    page.locator("#step-place_on_agenda summary").click()
    page.get_by_role("button", name=f"Auf die Tagesordnung: {meeting}").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").filter(has_text=f"{ready.file_number} steht als TOP 1")).to_be_visible()


def test_officer_takes_an_unassigned_case(page, live_server, officer):
    free = make_case(actor=officer, assigned_to=None)
    login(page, live_server, "sachbearbeitung")
    page.get_by_role("link", name="Zur Übersicht der Geschäftsstelle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fälle der Geschäftsstelle")
    assert_accessible(page, context="Fälle der Geschäftsstelle")
    page.get_by_role("button", name=f"Übernehmen ({free.file_number})").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").filter(has_text=f"Sie bearbeiten jetzt den Fall {free.file_number}")).to_be_visible()
    expect(page.locator(".hf-assignment")).to_contain_text("Zuständig: Sara Sachbearbeiterin")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("region", name=re.compile("Neue Anträge"))).to_contain_text(free.file_number)


def test_head_reassigns_a_case(page, live_server, officer, colleague):
    UserFactory(username="leitung", role=Role.OFFICE_HEAD)
    case = make_case(actor=officer)
    login(page, live_server, "leitung")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fälle der Geschäftsstelle")
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    page.get_by_role("link", name="Zuständigkeit", exact=True).click()
    assert_accessible(page, context="Zuständigkeit")
    page.get_by_label("Zuständige Sachbearbeitung").select_option(label="Klara Kollegin")
    page.get_by_role("button", name="Zuweisen").click()
    page.wait_for_load_state()
    expect(page.locator(".hf-assignment")).to_contain_text("Zuständig: Klara Kollegin")
    expect(page.get_by_text("Zuständigkeit geändert")).to_be_visible()


def test_calendar_month_shows_a_session_and_a_deadline(page, live_server, officer):
    day = timezone.localdate().replace(day=20)
    Meeting.objects.create(date=day, place="Düsseldorf")
    case = make_case(actor=officer)
    Case.objects.filter(pk=case.pk).update(state=State.STATEMENT_REQUESTED, statement_due_on=day)
    login(page, live_server, "sachbearbeitung")
    page.get_by_role("link", name="Kalender", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalender:")
    assert_accessible(page, context="Kalender (Monat)")
    grid = page.get_by_role("table", name=re.compile("Sitzungen und Fristen"))
    expect(grid.get_by_role("link", name=f"Sitzung: Sitzung der Härtefallkommission am {day:%d.%m.%Y}")).to_be_visible()
    expect(grid.get_by_role("link", name=f"Frist Stellungnahme: {case.file_number}")).to_be_visible()
    # Keyboard: the entries are links reached with the tab key.
    grid.get_by_role("link", name=f"Frist Stellungnahme: {case.file_number}").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fall {case.file_number}")
    page.go_back()
    page.get_by_role("link", name="Liste").click()
    assert_accessible(page, context="Kalender (Liste)")
    expect(page.get_by_role("cell", name=case.file_number)).to_be_visible()


def test_substitute_sees_the_absent_officers_cases(page, live_server, officer, colleague):
    case = make_case(actor=officer)
    today = timezone.localdate()
    login(page, live_server, "sachbearbeitung")
    page.get_by_role("link", name="Vertretungen").click()
    assert_accessible(page, context="Vertretungen")
    page.get_by_label("Vertreten durch").select_option(label="Klara Kollegin")
    page.get_by_label("Vom").fill(today.isoformat())
    page.get_by_label("Bis einschließlich").fill((today + timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Vertretung eintragen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").filter(has_text="Die Vertretung ist eingetragen.")).to_be_visible()
    expect(page.get_by_role("cell", name="Klara Kollegin")).to_be_visible()
    page.context.clear_cookies()
    login(page, live_server, "kollegin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Fälle")
    expect(page.get_by_text("Vertretung für Sara Sachbearbeiterin bis")).to_be_visible()
    new = page.get_by_role("region", name=re.compile("Neue Anträge"))
    expect(new).to_contain_text(case.file_number)
    expect(new).to_contain_text("Vertretung für Sara Sachbearbeiterin")
