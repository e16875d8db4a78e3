"""User administration by the administration role (pages and API)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from haertefall.accounts.models import Role, User
from haertefall.audit.models import AuditEntry
from tests.factories import authority


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _form(**overrides):
    data = {"username": "neue.kollegin", "first_name": "Nina", "last_name": "Neu", "email": "nina@example.invalid",
            "role": Role.OFFICE, "authority": "", "password": "ein sehr langes startpasswort"}
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_admin_creates_an_account(admin_client, admin_user):
    response = admin_client.post(reverse("accounts:user_create"), _form())
    assert response.status_code == 302
    user = User.objects.get(username="neue.kollegin")
    assert user.role == Role.OFFICE and user.check_password("ein sehr langes startpasswort")
    assert AuditEntry.objects.filter(user=admin_user, action="create", object_id=str(user.pk)).exists()
    assert "neue.kollegin" in admin_client.get(reverse("accounts:users")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("overrides, message", [
    ({"role": Role.AUTHORITY}, "brauchen die Angabe ihrer Behörde"),
    ({"password": "kurz"}, "zu kurz"),
    ({"username": "admin"}, "gibt es schon"),
])
def test_create_errors_are_explained_in_german(admin_client, overrides, message):
    response = admin_client.post(reverse("accounts:user_create"), _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="neue.kollegin").exists()


@pytest.mark.django_db
def test_authority_user_needs_exactly_one_authority(admin_client):
    response = admin_client.post(reverse("accounts:user_create"),
                                 _form(role=Role.AUTHORITY, authority=authority().pk))
    assert response.status_code == 302
    assert User.objects.get(username="neue.kollegin").authority == authority()


@pytest.mark.django_db
def test_edit_deactivate_reactivate(admin_client, office_user):
    response = admin_client.post(reverse("accounts:user_edit", args=[office_user.pk]), {
        "first_name": "Sven", "last_name": "Neu", "email": "", "role": Role.OFFICE_HEAD, "authority": "",
        "password": ""})
    assert response.status_code == 302
    office_user.refresh_from_db()
    assert office_user.role == Role.OFFICE_HEAD and office_user.last_name == "Neu"
    admin_client.post(reverse("accounts:user_deactivate", args=[office_user.pk]))
    office_user.refresh_from_db()
    assert not office_user.is_active
    admin_client.post(reverse("accounts:user_reactivate", args=[office_user.pk]))
    office_user.refresh_from_db()
    assert office_user.is_active


@pytest.mark.django_db
def test_admin_cannot_deactivate_itself(admin_client, admin_user):
    response = admin_client.post(reverse("accounts:user_deactivate", args=[admin_user.pk]), follow=True)
    assert "Das eigene Konto kann nicht deaktiviert werden." in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


@pytest.mark.django_db
def test_reset_second_factor(admin_client, office_user):
    TOTPDevice.objects.create(user=office_user, name="App", confirmed=True)
    admin_client.post(reverse("accounts:user_reset_2fa", args=[office_user.pk]))
    assert not TOTPDevice.objects.filter(user=office_user).exists()


@pytest.mark.django_db
def test_reset_second_factor_ends_the_users_sessions(admin_client, office_user):
    """A lost phone may be in someone else's hands, logged in: the reset logs it out."""
    from django.test import Client

    phone = Client()
    phone.force_login(office_user)
    assert phone.get(reverse("accounts:password_change")).status_code == 200
    admin_client.post(reverse("accounts:user_reset_2fa", args=[office_user.pk]))
    assert phone.get(reverse("accounts:password_change")).status_code == 302


@pytest.mark.django_db
def test_admin_pages_show_no_case_content(admin_client, office_user):
    from tests.factories import make_case

    case = make_case(actor=office_user, family_name="Geheimname")
    for url in (reverse("accounts:users"), reverse("accounts:user_edit", args=[office_user.pk])):
        html = admin_client.get(url).content.decode()
        assert "Geheimname" not in html and case.file_number not in html


@pytest.mark.django_db
def test_api_create_and_deactivate(admin_client, office_user):
    response = admin_client.post(reverse("accounts-api:users-list"), {
        "username": "api.nutzer", "role": "ministry", "password": "ein sehr langes startpasswort"},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "ministry" and "password" not in response.json()
    bad = admin_client.post(reverse("accounts-api:users-list"), {
        "username": "x", "role": "authority", "password": "ein sehr langes startpasswort"},
        content_type="application/json")
    assert bad.status_code == 400
    assert "Behörde" in bad.json()["authority"][0]
    off = admin_client.post(reverse("accounts-api:users-deactivate", args=[office_user.pk]))
    assert off.status_code == 200 and off.json()["is_active"] is False


@pytest.mark.django_db
def test_totp_code_command_only_for_demo_devices_and_demo_settings(settings, office_user, capsys):
    from haertefall.portal.demo import DEMO_TOTP_KEY, demo_totp_device

    demo_totp_device(office_user)
    settings.HAERTEFALL_DEMO_TOOLS = False
    with pytest.raises(CommandError, match="nur in der Entwicklungs"):
        call_command("totp_code", office_user.username)
    settings.HAERTEFALL_DEMO_TOOLS = True
    call_command("totp_code", office_user.username)
    assert capsys.readouterr().out.strip().isdigit()
    TOTPDevice.objects.filter(user=office_user).update(key="0" * 40)
    with pytest.raises(CommandError, match="keinen Demo-Authenticator"):
        call_command("totp_code", office_user.username)
    assert DEMO_TOTP_KEY != "0" * 40


@pytest.mark.django_db
def test_demo_logins_explains_the_second_factor(settings, capsys):
    settings.HAERTEFALL_REQUIRE_2FA = True
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "Haertefall-Demo-2024" in out and "haertefall totp-code" in out


@pytest.mark.django_db
def test_first_admin_account_from_the_command_line(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ein sehr langes startpasswort")
    call_command("createsuperuser", username="erste.admin", email="a@example.invalid", role="admin",
                 interactive=False, verbosity=0)
    assert User.objects.get(username="erste.admin").role == Role.ADMIN
