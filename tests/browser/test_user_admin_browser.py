"""The administration creates and deactivates an account in the browser."""

import pytest

from haertefall.accounts.models import Role, User
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_and_deactivates_an_account(page, live_server):
    UserFactory(username="adam", role=Role.ADMIN)
    login(page, live_server, "adam")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Benutzer").click()
    assert page.get_by_role("heading", name="Benutzerverwaltung").is_visible()
    assert_accessible(page, context="Benutzerliste")
    page.get_by_role("link", name="Neues Konto").click()
    page.get_by_label("Benutzername").fill("nina")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_label("Rolle").select_option("ministry")
    page.get_by_label("Erstes Passwort").fill("kurz")
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("Dieses Passwort ist zu kurz").first.is_visible()
    assert_accessible(page, context="Konto anlegen mit Fehler")
    page.get_by_label("Erstes Passwort").fill("ein sehr langes startpasswort")
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("Das Konto „nina“ wurde angelegt.").is_visible()
    page.get_by_role("button", name="Deaktivieren nina").click()
    assert page.get_by_text("Das Konto „nina“ wurde deaktiviert").is_visible()
    assert not User.objects.get(username="nina").is_active
