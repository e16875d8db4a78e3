"""Two-factor login, enrolment, lockout and session endings as a user experiences them."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from haertefall.accounts.models import Role
from haertefall.accounts.services import user_deactivate, user_set_password, user_update
from haertefall.audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

LOCK_MESSAGE = "Zu viele fehlgeschlagene Anmeldeversuche"


def PAGE() -> str:  # noqa: N802 — any page that needs a fully logged-in user
    return reverse("accounts:password_change")


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def two_factor(settings):
    settings.HAERTEFALL_REQUIRE_2FA = True
    return settings


@pytest.fixture
def enrolled(db):
    user = UserFactory(username="enrolled", role=Role.OFFICE)
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    return user, device


def password_step(client, username, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_first_login_forces_enrolment_then_shows_ten_backup_codes(client, two_factor):
    UserFactory(username="neu", role=Role.OFFICE)
    response = password_step(client, "neu")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:enrol"))
    # Every other page sends the half-logged-in user back to the enrolment.
    home = client.get(PAGE())
    assert home.status_code == 302 and home.url.startswith(reverse("accounts:enrol"))

    page = client.get(reverse("accounts:enrol"))
    html = page.content.decode()
    assert re.search(r'<img class="hf-qr__image" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR-Code', html)
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user__username="neu", confirmed=False)
    assert secret.replace(" ", "") in __import__("base64").b32encode(device.bin_key).decode()

    wrong = client.post(reverse("accounts:enrol"), {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    time.sleep(1.1)  # django-otp throttles after a wrong code
    done = client.post(reverse("accounts:enrol"), {"token": code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user__username="neu").count() == 10
    assert client.get(PAGE()).status_code == 200
    # Reloading the enrolment page does not allow enrolling a second device.
    assert client.get(reverse("accounts:enrol")).status_code == 302


@pytest.mark.django_db
def test_login_with_totp_code(client, two_factor, enrolled):
    user, device = enrolled
    response = password_step(client, user.username)
    assert response.url.startswith(reverse("accounts:token"))
    assert client.get(PAGE()).status_code == 302
    # The API refuses the half-logged-in session too.
    assert client.get(reverse("api-schema")).status_code == 403
    half_session = client.cookies["sessionid"].value
    ok = client.post(reverse("accounts:token"), {"token": code_for(device), "next": "/"})
    assert ok.status_code == 302 and ok.url == "/"
    assert client.cookies["sessionid"].value != half_session  # new session id after the 2nd factor
    assert client.get(PAGE()).status_code == 200
    assert client.get(reverse("api-schema")).status_code == 200
    assert AuditEntry.objects.filter(user=user, action="login", detail="Zweiter Faktor bestätigt").exists()


@pytest.mark.django_db
def test_backup_code_works_once(client, two_factor, enrolled):
    from haertefall.accounts.otp import backup_codes_issue

    user, _device = enrolled
    codes = backup_codes_issue(user)
    password_step(client, user.username)
    assert client.post(reverse("accounts:token"), {"token": codes[0]}).status_code == 302
    client.post(reverse("accounts:logout"))
    password_step(client, user.username)
    again = client.post(reverse("accounts:token"), {"token": codes[0]})
    assert again.status_code == 200
    assert "Der Code ist falsch" in again.content.decode()


@pytest.mark.django_db
def test_a_totp_code_works_once(client, two_factor, enrolled):
    """ASVS V6.5.1: a code seen over someone's shoulder (or in a proxy log) cannot be replayed
    within its 30 seconds."""
    user, device = enrolled
    code = code_for(device)
    password_step(client, user.username)
    assert client.post(reverse("accounts:token"), {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))

    password_step(client, user.username)
    again = client.post(reverse("accounts:token"), {"token": code})
    assert again.status_code == 200
    assert "Der Code ist falsch" in again.content.decode()
    assert client.get(PAGE()).status_code == 302


@pytest.mark.django_db
def test_a_session_cookie_is_dead_after_logout(client, two_factor, enrolled):
    """ASVS V7.4.1: a copied cookie (shared computer, stolen from a log) opens nothing once the
    user has logged out, neither pages nor the API."""
    from django.test import Client

    user, device = enrolled
    password_step(client, user.username)
    client.post(reverse("accounts:token"), {"token": code_for(device)})
    stolen = client.cookies["sessionid"].value
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get(PAGE()).status_code == 200
    assert thief.get(reverse("api-schema")).status_code == 200

    client.post(reverse("accounts:logout"))
    page = thief.get(PAGE())
    assert page.status_code == 302 and page.url.startswith(reverse("accounts:login"))
    assert thief.get(reverse("api-schema")).status_code == 403


@pytest.mark.django_db
def test_wrong_tokens_count_towards_lockout(client, two_factor, enrolled):
    user, device = enrolled
    password_step(client, user.username)
    statuses = [client.post(reverse("accounts:token"), {"token": "12345x"}).status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429
    # Locked out: logged out, and even the right password and code do not help now.
    assert client.get(PAGE()).status_code == 302
    relogin = password_step(client, user.username)
    assert relogin.status_code == 429
    assert LOCK_MESSAGE in relogin.content.decode()
    assert AuditEntry.objects.filter(action="lockout", username=user.username).exists()
    assert AuditEntry.objects.filter(action="login_failed", username=user.username,
                                     detail="Sicherheitscode falsch").count() >= 4


def _lock_text(response) -> str:
    html = response.content.decode()
    return re.search(r'<main id="inhalt".*?</main>', html, re.S).group(0)


def _alert(response) -> str:
    return re.search(r'<div class="kern-alert.*?</div>\s*</div>', response.content.decode(), re.S).group(0)


@pytest.mark.django_db
def test_lockout_message_is_the_same_for_existing_and_unknown_usernames(client, enrolled):
    user, _ = enrolled
    existing = [password_step(client, user.username, "falsch-falsch-falsch", REMOTE_ADDR="10.0.0.1")
                for _ in range(5)]
    unknown = [password_step(client, "gibt-es-nicht", "falsch-falsch-falsch", REMOTE_ADDR="10.0.0.2")
               for _ in range(5)]
    assert [r.status_code for r in existing] == [200, 200, 200, 200, 429]
    assert [r.status_code for r in unknown] == [200, 200, 200, 200, 429]
    assert _lock_text(existing[-1]) == _lock_text(unknown[-1])
    assert LOCK_MESSAGE in _lock_text(unknown[-1])
    # The form error before the lockout is the same too.
    assert _alert(existing[0]) == _alert(unknown[0])
    assert "Benutzername oder Passwort sind falsch" in _alert(existing[0])


@pytest.mark.django_db
def test_password_change_ends_other_sessions_but_keeps_this_one(client, two_factor, enrolled):
    from django.test import Client

    user, device = enrolled
    other = Client()
    other.force_login(user)
    session = other.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert other.get(PAGE()).status_code == 200

    password_step(client, user.username)
    client.post(reverse("accounts:token"), {"token": code_for(device)})
    new = "ein ganz langer neuer satz als passwort"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password": new, "new_password_repeat": new})
    assert response.status_code == 302
    assert client.get(PAGE()).status_code == 200
    assert other.get(PAGE()).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("password, message", [
    ("kurz-11-zei", "zu kurz"),
    ("password1234", "zu üblich"),
    ("123456789012345", "komplett numerisch"),
])
def test_password_rules(client, office_user, password, message):
    client.force_login(office_user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password": password, "new_password_repeat": password})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("length", [64, 128])
def test_long_passphrases_are_accepted(client, office_user, length):
    """ASVS V6.2.9: at least 64 characters are allowed; our ceiling is 128."""
    new = ("ein langer satz als passwort " * 5)[:length]
    client.force_login(office_user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password": new, "new_password_repeat": new})
    assert response.status_code == 302
    office_user.refresh_from_db()
    assert office_user.check_password(new)


@pytest.mark.django_db
def test_a_password_beyond_the_ceiling_is_refused_not_cut(client, office_user):
    new = ("ein langer satz als passwort " * 5)[:129]
    client.force_login(office_user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password": new, "new_password_repeat": new})
    assert response.status_code == 200
    assert "Das Passwort darf höchstens 128 Zeichen lang sein." in response.content.decode()
    office_user.refresh_from_db()
    assert office_user.check_password(PASSWORD)
    assert not office_user.check_password(new[:128])


@pytest.mark.django_db
def test_password_without_composition_rules_is_accepted(office_user):
    user_set_password(actor=office_user, user=office_user, password="alles klein und lang genug")
    office_user.refresh_from_db()
    assert office_user.check_password("alles klein und lang genug")


@pytest.mark.django_db
def test_deactivation_ends_the_session(client, office_user, admin_user):
    client.force_login(office_user)
    assert client.get(PAGE()).status_code == 200
    user_deactivate(actor=admin_user, user=office_user)
    assert client.get(PAGE()).status_code == 302


@pytest.mark.django_db
def test_set_password_by_admin_ends_the_session(client, office_user, admin_user):
    client.force_login(office_user)
    user_set_password(actor=admin_user, user=office_user, password="neues langes passwort fuer dich")
    assert client.get(PAGE()).status_code == 302


@pytest.mark.django_db
def test_role_change_ends_the_session(client, office_user, admin_user):
    client.force_login(office_user)
    user_update(actor=admin_user, user=office_user, first_name="A", last_name="B", email="",
                role=Role.MINISTRY, authority=None)
    assert client.get(PAGE()).status_code == 302


@pytest.mark.django_db
def test_idle_timeout(client, office_user, settings):
    client.force_login(office_user)
    assert client.get(PAGE()).status_code == 200
    session = client.session
    session["hf_seen"] = int(time.time()) - settings.HAERTEFALL_SESSION_IDLE_SECONDS - 5
    session.save()
    assert client.get(PAGE()).status_code == 302


@pytest.mark.django_db
def test_absolute_timeout_despite_activity(client, office_user, settings):
    client.force_login(office_user)
    session = client.session
    session["hf_started"] = int(time.time()) - settings.HAERTEFALL_SESSION_ABSOLUTE_SECONDS - 5
    session.save()
    assert client.get(PAGE()).status_code == 302


@pytest.mark.django_db
def test_security_events_are_audited(client, office_user):
    password_step(client, office_user.username, "falsch-falsch-falsch")
    password_step(client, office_user.username)
    client.post(reverse("accounts:logout"))
    actions = list(AuditEntry.objects.filter(username=office_user.username).order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["login_failed", "login", "logout"]


@pytest.mark.django_db
def test_without_2fa_setting_password_alone_logs_in(client, office_user, settings):
    settings.HAERTEFALL_REQUIRE_2FA = False
    response = password_step(client, office_user.username)
    assert response.status_code == 302 and response.url == reverse("portal:home")


@pytest.mark.django_db
def test_session_is_not_written_on_every_request(client, office_user):
    """Page views within a minute do not store the session again (no write per request);
    after a minute of activity the idle clock is refreshed."""
    client.force_login(office_user)
    session = client.session
    session["hf_seen"] = recent = int(time.time()) - 10
    session.save()
    assert client.get(PAGE()).status_code == 200
    assert client.session["hf_seen"] == recent
    session = client.session
    session["hf_seen"] = int(time.time()) - 120
    session.save()
    assert client.get(PAGE()).status_code == 200
    assert client.session["hf_seen"] >= int(time.time()) - 5
