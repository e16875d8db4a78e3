"""Security headers, CSRF and the production deployment check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


# The whole policy (django-csp writes the directives in no fixed order): our own files only,
# images also as data: URLs (the QR code), nothing inline, no framing, no plugins.
EXPECTED_CSP = {
    "default-src": ["'self'"], "img-src": ["'self'", "data:"], "style-src": ["'self'"],
    "script-src": ["'self'"], "font-src": ["'self'"], "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"], "form-action": ["'self'"], "base-uri": ["'none'"],
    "object-src": ["'none'"],
}


def _directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


@pytest.mark.django_db
def test_pages_and_api_answers_carry_the_whole_csp(client, admin_user):
    response = client.get(reverse("accounts:login"))
    assert _directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    client.force_login(admin_user)
    for name in ("accounts:users", "api-docs", "accounts-api:users-list"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert _directives(response["Content-Security-Policy"]) == EXPECTED_CSP, name


@pytest.mark.django_db
def test_pages_carry_csp_frame_and_cache_headers(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_are_german_whatever_the_browser_asks(client):
    """German only (no language negotiation): the header says so, Django's own messages are German."""
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""},
                           HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"
    assert "Geben Sie „Benutzername“ ein." in response.content.decode()


@pytest.mark.django_db
def test_api_answers_are_not_cached(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("accounts-api:users-list"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_htmx_requests_send_the_csrf_token(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("accounts:users")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_create"), {"username": "x"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_api_post_without_csrf_token_is_refused(admin_user, office_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(reverse("accounts-api:users-deactivate", kwargs={"pk": office_user.pk}))
    assert response.status_code == 403
    office_user.refresh_from_db()
    assert office_user.is_active


def _haertefall(*args, **env):
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **env}
    # The test run's own switches must not leak into the production check.
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        full_env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "haertefall", *args], capture_output=True, text=True,  # noqa: S603
                          env=full_env, cwd=ROOT, timeout=120)


def test_deploy_check_is_clean_in_production_settings(tmp_path):
    result = _haertefall("check", "--deploy", "--fail-level", "WARNING",
                         "--settings=haertefall.config.settings.production",
                         DJANGO_SECRET_KEY=secrets.token_urlsafe(60), HAERTEFALL_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _haertefall("check", "--settings=haertefall.config.settings.production",
                         DJANGO_SECRET_KEY="", HAERTEFALL_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_enforces_two_factor_and_hsts(tmp_path):
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.HAERTEFALL_REQUIRE_2FA, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
           "DJANGO_SETTINGS_MODULE": "haertefall.config.settings.production", "HAERTEFALL_REQUIRE_2FA": "0",
           "HAERTEFALL_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)  # noqa: S603
    assert result.stdout.split() == ["True", "31536000", "True"], result.stderr


def test_settings_load_with_oidc_enabled(tmp_path):
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "from django.urls import reverse; "
            "print(s.OIDC_ENABLED, 'mozilla_django_oidc' in s.INSTALLED_APPS, "
            "'haertefall.accounts.oidc.OIDCBackend' in s.AUTHENTICATION_BACKENDS, "
            "reverse('accounts:oidc_authentication_init'))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DJANGO_SETTINGS_MODULE": "haertefall.config.settings.test",
           "HAERTEFALL_DATA_DIR": str(tmp_path),
           "OIDC_RP_CLIENT_ID": "haertefall", "OIDC_RP_CLIENT_SECRET": "geheim",
           "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.invalid/auth",
           "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.invalid/token",
           "OIDC_OP_USER_ENDPOINT": "https://idp.example.invalid/userinfo",
           "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.invalid/jwks"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)  # noqa: S603
    assert result.stdout.split() == ["True", "True", "True", "/konto/oidc/start/"], result.stderr
