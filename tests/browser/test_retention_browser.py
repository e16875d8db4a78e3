"""The administration changes a retention period in the browser; the DPO only reads them."""

import pytest

from haertefall.accounts.models import Role
from haertefall.retention.models import RetentionRule
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_changes_a_retention_period(page, live_server):
    UserFactory(username="adam", role=Role.ADMIN)
    rule = RetentionRule.objects.order_by("pk").first()
    assert rule is not None, "the default retention rules come from migration retention/0002"
    login(page, live_server, "adam")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Löschfristen").click()
    assert page.get_by_role("heading", name="Aufbewahrungs- und Löschfristen").is_visible()
    assert_accessible(page, context="Löschfristen")
    page.locator(f"a[href$='/loeschung/{rule.pk}/']").click()
    years = page.get_by_label("Aufbewahrung (Jahre nach Ablauf des Erledigungsjahres)")
    years.fill("31")
    page.get_by_role("button", name="Speichern").click()
    assert_accessible(page, context="Löschfrist mit Fehler")
    rule.refresh_from_db()
    assert rule.years != 31
    years = page.get_by_label("Aufbewahrung (Jahre nach Ablauf des Erledigungsjahres)")
    years.fill("12")
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("wurde gespeichert").is_visible()
    rule.refresh_from_db()
    assert rule.years == 12


def test_dpo_reads_periods_without_edit_links(page, live_server):
    UserFactory(username="dora", role=Role.DPO)
    login(page, live_server, "dora")
    page.goto(f"{live_server.url}/loeschung/")
    assert page.get_by_role("heading", name="Aufbewahrungs- und Löschfristen").is_visible()
    assert page.get_by_role("link", name="Ändern").count() == 0
    assert_accessible(page, context="Löschfristen (Datenschutz)")
