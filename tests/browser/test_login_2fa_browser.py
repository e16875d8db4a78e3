"""Two-factor enrolment, login with TOTP and lockout in a real browser (Chromium)."""

import time

import pytest
from axes.utils import reset as axes_reset
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from haertefall.accounts.models import Role
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def test_enrolment_then_login_with_totp(page, live_server, settings):
    settings.HAERTEFALL_REQUIRE_2FA = True
    UserFactory(username="dora", role=Role.DPO, first_name="Dora", last_name="Datenschutz")

    page.goto(f"{live_server.url}/konto/anmelden/")
    assert_accessible(page, context="Anmeldung")
    login(page, live_server, "dora")
    assert page.get_by_role("heading", name="Zweiten Faktor einrichten").is_visible()
    assert page.get_by_role("img", name="QR-Code für die Authenticator-App").is_visible()
    secret = page.locator("#totp-secret").inner_text()
    assert len(secret.replace(" ", "")) == 32
    assert_accessible(page, context="Einrichtung")

    device = TOTPDevice.objects.get(user__username="dora", confirmed=False)
    page.get_by_label("Code aus der App").fill(_code(device))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    assert page.get_by_role("heading", name="Ihre Notfallcodes").is_visible()
    assert page.locator(".hf-codes li").count() == 10
    assert_accessible(page, context="Notfallcodes")
    page.get_by_role("link", name="Weiter").click()
    assert page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Protokoll").is_visible()

    page.get_by_role("button", name="Abmelden").click()
    login(page, live_server, "dora")
    assert page.get_by_role("heading", name="Sicherheitscode eingeben").is_visible()
    assert_accessible(page, context="Sicherheitscode")
    page.get_by_label("Sicherheitscode").fill("000000" if _code(device, 1) != "000000" else "111111")
    page.get_by_role("button", name="Bestätigen").click()
    assert page.get_by_text("Der Code ist falsch oder abgelaufen").first.is_visible()
    time.sleep(1.2)  # django-otp throttles after a wrong code
    device.refresh_from_db()
    # The enrolment used the current time step; a code is valid once, so take the next one.
    page.get_by_label("Sicherheitscode").fill(_code(device, 1))
    page.get_by_role("button", name="Bestätigen").click()
    page.get_by_role("link", name="Protokoll").click()
    assert page.get_by_role("heading", name="Zugriffsprotokoll").is_visible()
    page.get_by_label("Benutzername").fill("dora")
    page.get_by_role("button", name="Suchen").click()
    assert page.get_by_role("table").is_visible()
    assert page.get_by_role("cell", name="Zweiter Faktor bestätigt").first.is_visible()
    assert_accessible(page, context="Protokollsuche")


def _fail_five_times(page, live_server, username):
    for _ in range(5):
        login(page, live_server, username, "falsches-passwort-123")
    return page.locator("main").inner_text()


def test_lockout_message_is_the_same_for_existing_and_unknown_users(page, live_server):
    UserFactory(username="sven", role=Role.OFFICE)
    existing = _fail_five_times(page, live_server, "sven")
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in existing
    axes_reset()  # the client address is locked too; start the second series afresh
    unknown = _fail_five_times(page, live_server, "niemand-heisst-so")
    assert unknown == existing
    assert_accessible(page, context="Sperre")
