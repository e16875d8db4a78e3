"""Error pages as a user meets them (issue 16): German, in KERN's layout, with a way back, for
pages whatever the settings; JSON for the API. Decision 0115."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import path

from haertefall.config.urls import handler404, handler500  # noqa: F401  (this module is the URLconf)
from haertefall.config.urls import urlpatterns as project_urls
from haertefall.core.api import server_failed


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("Absichtlicher Fehler")


def _suspicious(request):
    raise SuspiciousOperation("kaputt")


urlpatterns = [
    *project_urls,
    path("test-fehler/verboten/", _forbidden),
    path("test-fehler/kaputt/", _broken),
    path("test-fehler/seltsam/", _suspicious),
    path("api/test-fehler/kaputt/", _broken),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

ENGLISH = ("Not Found", "Server Error", "Forbidden", "Bad Request", "The requested resource", "CSRF verification")


def _german_page(response, status: int, heading: str) -> str:
    body = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="de">' in body and heading in body
    assert '<a class="kern-link" href="/">Zur Startseite</a>' in body
    assert "kern/kern.min.css" in body
    assert not any(word in body for word in ENGLISH), body
    return body


@pytest.mark.parametrize("logged_in", [False, True])
def test_an_unknown_address_shows_the_german_404_page(client, office_user, logged_in):
    if logged_in:
        client.force_login(office_user)
    _german_page(client.get("/gibt-es-nicht/"), 404, "Seite nicht gefunden")


def test_a_case_one_may_not_see_shows_the_german_404_page(office_client):
    _german_page(office_client.get("/faelle/999999999/"), 404, "Seite nicht gefunden")


def test_the_api_answers_404_and_500_in_german_json(office_client):
    office_client.raise_request_exception = False
    missing = office_client.get("/api/gibt-es-nicht/")
    assert missing.status_code == 404 and missing.json() == {"detail": "Nicht gefunden."}
    broken = office_client.get("/api/test-fehler/kaputt/")
    assert broken.status_code == 500 and "technischer Fehler" in broken.json()["detail"]


def test_forbidden_and_bad_requests_show_german_pages(office_client):
    _german_page(office_client.get("/test-fehler/verboten/"), 403, "Sie haben keinen Zugriff auf diese Seite")
    _german_page(office_client.get("/test-fehler/seltsam/"), 400, "Die Anfrage ist ungültig")


def test_a_failure_shows_the_german_500_page(office_client):
    office_client.raise_request_exception = False
    body = _german_page(office_client.get("/test-fehler/kaputt/"), 500, "Ein technischer Fehler ist aufgetreten")
    assert "Absichtlicher Fehler" not in body and "Traceback" not in body


def test_the_500_page_needs_no_database(django_assert_num_queries):
    """The failure may be the database itself: the page is rendered without a query."""
    request = RequestFactory().get("/faelle/")
    with django_assert_num_queries(0):
        response = server_failed(request)
    assert response.status_code == 500 and "Zur Startseite" in response.content.decode()


def test_an_expired_form_shows_the_german_csrf_page(office_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/anmelden/", {"username": "x", "password": "y"})
    _german_page(response, 403, "Das Formular ist abgelaufen")


def test_the_demo_settings_show_the_german_pages_too(monkeypatch):
    """``make run`` uses the local settings: DEBUG (Django's English developer pages) only on request."""
    import importlib

    monkeypatch.delenv("HAERTEFALL_DEBUG", raising=False)
    local = importlib.reload(importlib.import_module("haertefall.config.settings.local"))
    assert local.DEBUG is False and local.HAERTEFALL_DEMO_TOOLS is True
    monkeypatch.setenv("HAERTEFALL_DEBUG", "1")
    assert importlib.reload(local).DEBUG is True
