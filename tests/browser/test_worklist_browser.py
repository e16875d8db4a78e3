"""Finding and bulk work in a real browser (issue 16): the header search from another page, sort +
page + back keeps the list, two cases put on an agenda with one refused, and the result page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from haertefall.meetings.models import AgendaItem, Meeting
from haertefall.meetings.services import meeting_plan
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case
from tests.meetings_world import build_commission, ready_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def office(transactional_db):
    return UserFactory(username="sachbearbeitung", role=Role.OFFICE)


def test_header_search_from_another_page_finds_a_file_number(page, live_server, office):
    case = make_case(actor=office, family_name="Berisha")
    Case.objects.filter(pk=case.pk).update(file_number="HFK-2024-0012")
    make_case(actor=office, family_name="Hoxha")
    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/sitzungen/")
    page.get_by_label("Fallsuche").fill("12/2024")
    page.get_by_label("Fallsuche").press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="HFK-2024-0012")).to_be_visible()
    expect(page.get_by_text("1 Fall gefunden.")).to_be_visible()
    assert "12" not in page.url.split("suche=")[0]  # the text is not in the address
    assert_accessible(page, context="Fallliste nach Suche")


def test_sort_and_page_then_back_keeps_the_list(page, live_server, office):
    for i in range(30):
        make_case(actor=office, family_name=f"Person{i:02d}")
    numbers = sorted(Case.objects.values_list("file_number", flat=True))
    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/faelle/")
    page.get_by_role("link", name=re.compile("^Aktenzeichen")).click()
    page.wait_for_load_state()
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Aktenzeichen")
    page.get_by_role("link", name="Letzte Seite").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name=numbers[-1])).to_be_visible()
    assert_accessible(page, context="Fallliste, Seite 2")
    page.get_by_role("link", name=numbers[-1]).click()
    page.wait_for_load_state()
    page.go_back()
    page.wait_for_load_state()
    expect(page.get_by_text("Seite 2 von 2", exact=True)).to_be_visible()
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Aktenzeichen")
    # Through the navigation, too: the list comes back as it was.
    page.get_by_role("link", name="Übersicht").click()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Fälle").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Seite 2 von 2", exact=True)).to_be_visible()


def test_two_cases_on_an_agenda_with_one_refused(page, live_server, office):
    head = UserFactory(username="leitung", role=Role.OFFICE_HEAD)
    commission = build_commission(actor=office, chair=head)
    meeting = meeting_plan(kind=Meeting.Kind.COMMISSION, date=timezone.localdate() + timedelta(days=10),
                           actor=office, commission=commission, place="Düsseldorf")
    ready = ready_case(actor=office, family_name="Bereit")
    fresh = make_case(actor=office, family_name="Frisch")
    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/faelle/")
    page.get_by_label(f"{ready.file_number} auswählen").check()
    page.get_by_label(f"{fresh.file_number} auswählen").check()
    page.get_by_label("Aktion für die ausgewählten Fälle").select_option("agenda")
    page.get_by_label("Sitzung (für die Tagesordnung)").select_option(str(meeting.pk))
    page.get_by_role("button", name="Für ausgewählte Fälle ausführen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Ergebnis der Sammelbearbeitung")).to_be_visible()
    expect(page.locator("#erledigt")).to_contain_text(ready.file_number)
    expect(page.locator("#nicht-bearbeitet")).to_contain_text(fresh.file_number)
    expect(page.locator("#nicht-bearbeitet")).to_contain_text("bereit für eine Sitzung")
    assert_accessible(page, context="Ergebnis der Sammelbearbeitung")
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("case_id", flat=True)) == [ready.pk]


def test_select_all_on_this_page(page, live_server, office):
    cases = [make_case(actor=office, family_name=f"Alle{i}") for i in range(3)]
    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/faelle/")
    page.get_by_label("Alle Fälle dieser Seite auswählen").check()
    for case in cases:
        expect(page.get_by_label(f"{case.file_number} auswählen")).to_be_checked()
