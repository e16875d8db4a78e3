"""The statistics pages in a real browser, checked with axe-core."""

from datetime import date

import pytest

from haertefall.accounts.models import Role
from haertefall.registers.loading import load_all
from haertefall.statistics.services import chapters_seed
from tests.factories import UserFactory
from tests.statistics.helpers import history_add, request_path

from .helpers import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history():
    # Transactional tests flush the tables, and with them what data migrations loaded.
    load_all()
    chapters_seed()
    for name in ("Irak", "Irak", "Irak", "Iran", "Türkei"):
        history_add(received_on=date(2022, 3, 1), country=name, steps=request_path(date(2022, 9, 1)))
    history_add(received_on=date(2023, 2, 1), country="Serbien")


def test_office_chooses_a_cut_off_date_and_sees_tables_and_charts(page, live_server, history):
    UserFactory(username="statistik-office", role=Role.OFFICE)
    login(page, live_server, "statistik-office")
    # The start page belongs to other parts; open ours from the navigation of a page we own.
    page.goto(f"{live_server.url}/statistik/taetigkeitsbericht/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Statistik").click()
    page.get_by_label("Stichtag").fill("2022-08-31")
    page.get_by_label("Eingangsjahre von").fill("2021")
    page.get_by_label("bis", exact=True).fill("2022")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()

    table = page.get_by_role("table", name="6.3 Ersuchen")
    assert table.get_by_role("row", name="2022 5 0 5").is_visible()  # decisions came later: open
    assert page.get_by_role("img", name="Herkunftsländer 2022").is_visible()
    assert_accessible(page, context="Statistik")

    page.get_by_label("Stichtag").fill("2022-09-30")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert page.get_by_role("table", name="6.3 Ersuchen").get_by_role("row", name="2022 5 5 0").is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    assert download.value.suggested_filename == "statistik-2022-09-30.pdf"

    page.get_by_role("link", name="Tätigkeitsbericht", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="1 Einleitung").is_visible()
    assert_accessible(page, context="Tätigkeitsbericht")
    page.get_by_role("link", name="Texte bearbeiten").click()
    page.wait_for_load_state()
    assert_accessible(page, context="Kapitel")


def test_ministry_chooses_a_fixed_cut_off_and_sees_small_counts_grouped(page, live_server, history):
    UserFactory(username="statistik-ministerium", role=Role.MINISTRY)
    login(page, live_server, "statistik-ministerium")
    page.goto(f"{live_server.url}/statistik/")
    page.get_by_label("Stichtag").select_option(label="31.12.2023")
    page.get_by_label("Eingangsjahre von").fill("2022")
    page.get_by_label("bis", exact=True).fill("2023")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    countries = page.get_by_role("table", name="Herkunftsländer 2022")
    assert countries.get_by_role("row", name="Irak 3").is_visible()
    assert countries.get_by_role("row", name="Iran").count() == 0
    assert countries.get_by_role("row", name="Übrige 2").is_visible()  # Iran and Türkei, 1 each
    assert page.get_by_text("Länder und Behörden mit weniger als 3 Anträgen", exact=False).is_visible()
    assert page.get_by_label("Für Veröffentlichungen", exact=False).count() == 0
    assert_accessible(page, context="Statistik (Ministerium)")
