"""Lockout per account, a brake per address, the client's address only from trusted proxies
(issue 17, item 3; decision 0061). Behind the office's reverse proxy every user has the
proxy's address: failures of some must not lock out the others."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from haertefall.accounts.addresses import client_address
from haertefall.accounts.models import Role
from haertefall.audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _login(username, password=PASSWORD, address=PROXY, **headers):
    return Client().post(reverse("accounts:login"), {"username": username, "password": password},
                         REMOTE_ADDR=address, **headers)


def test_made_up_names_from_one_address_do_not_lock_out_a_colleague():
    user = UserFactory(username="kollegin", role=Role.OFFICE)
    assert [_login(f"erfunden{i}", "falsch-falsch").status_code for i in range(5)] == [200] * 5
    response = _login(user.username)
    assert response.status_code == 302  # logged in, from the same address


def test_five_wrong_passwords_lock_the_account_from_any_address():
    user = UserFactory(username="ziel", role=Role.OFFICE)
    statuses = [_login(user.username, "falsch-falsch", address=f"192.0.2.{i}").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = _login(user.username, address="198.51.100.7")  # right password, another address
    assert locked.status_code == 429 and "Zu viele fehlgeschlagene Anmeldeversuche" in locked.content.decode()
    assert _login("andere", "falsch-falsch", address="192.0.2.1").status_code == 200  # others unaffected


def test_many_failures_from_one_address_slow_it_down_without_locking_anyone_out(settings, monkeypatch):
    settings.HAERTEFALL_LOGIN_ADDRESS_BURST = 8
    user = UserFactory(username="kollege", role=Role.OFFICE)
    clock = [1_000_000.0]
    monkeypatch.setattr("haertefall.accounts.addresses.time.time", lambda: clock[0])
    for i in range(8):
        clock[0] += 1
        assert _login(f"geraten{i}", "falsch-falsch").status_code == 200
    braked = _login(f"geraten{9}", "falsch-falsch")
    assert braked.status_code == 429 and braked["Retry-After"] == "5"
    assert "in 5 Sekunden erneut" in braked.content.decode()
    clock[0] += 5
    assert _login(user.username).status_code == 302  # the colleague waited five seconds at most
    assert _login(f"geraten{10}", "falsch-falsch", address="203.0.113.9").status_code == 200  # other address


def test_the_client_address_comes_from_a_trusted_proxy_only(settings):
    settings.HAERTEFALL_TRUSTED_PROXIES = [PROXY]
    factory = RequestFactory()
    behind = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.2")
    assert client_address(behind) == "198.51.100.2"  # the address the proxy saw
    forged = factory.get("/", REMOTE_ADDR="203.0.113.77", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert client_address(forged) == "203.0.113.77"  # not a proxy: its header is ignored
    settings.HAERTEFALL_TRUSTED_PROXIES = []
    assert client_address(behind) == PROXY


def test_the_audit_trail_names_the_client_behind_the_proxy(settings):
    settings.HAERTEFALL_TRUSTED_PROXIES = [PROXY]
    _login("unbekannt", "falsch-falsch", HTTP_X_FORWARDED_FOR="198.51.100.23")
    entry = AuditEntry.objects.filter(action="login_failed").latest("pk")
    assert entry.ip_address == "198.51.100.23"
