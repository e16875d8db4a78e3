"""Issue 16 in the browser: an unknown address shows the German 404 page with a way back, and a
form sent incomplete shows an error summary whose entries name and link the field."""

import pytest
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def office(transactional_db):
    return UserFactory(username="sachbearbeitung", role=Role.OFFICE)


def test_the_404_page_is_german_and_leads_back(page, live_server, office):
    login(page, live_server, office.username)
    response = page.goto(f"{live_server.url}/gibt-es-nicht/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    assert_accessible(page, context="404")
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Zur Startseite").click()
    assert navigation.value.ok  # the start page (or the role's own start, after its redirect)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Seite nicht gefunden")


def test_the_error_summary_names_the_field_and_moves_to_it(page, live_server, office):
    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/faelle/neu/")
    page.get_by_role("button", name="Antrag speichern").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert").filter(has_text="Bitte prüfen Sie Ihre Eingaben.")
    expect(summary).to_be_visible()
    link = summary.get_by_role("link", name="Geben Sie „Familienname der Hauptperson“ ein.")
    expect(link).to_be_visible()
    assert_accessible(page, context="Fehlerübersicht")
    link.click()
    expect(page.get_by_label("Familienname der Hauptperson")).to_be_focused()
