"""The office records an application and takes it through the whole procedure in the browser."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from haertefall.cases.states import Closure
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def office(transactional_db):
    from haertefall.registers.loading import load_all
    from haertefall.registers.models import Country

    # A transactional test empties the tables afterwards, the shipped registers included.
    if not Country.objects.exists():
        load_all()
    return UserFactory(username="sachbearbeitung", role=Role.OFFICE)


def run_step(page, key, button, fill=None):
    section = page.locator(f"#step-{key}")
    section.locator("summary").click()
    if fill:
        fill(section)
    section.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").filter(has_text="wurde erfasst")).to_be_visible()


def test_intake_and_every_step_to_permit_granted(page, live_server, office):
    make_case(actor=office, family_name="Krasniqi", given_names="Arben", birth_date=date(1985, 3, 1),
              received_on=date.today() - timedelta(days=700))
    login(page, live_server, "sachbearbeitung")

    page.goto(f"{live_server.url}/faelle/")
    expect(page.get_by_role("heading", name="Fälle", exact=True)).to_be_visible()
    assert_accessible(page, context="Fallliste")

    page.get_by_role("link", name="Neuen Antrag erfassen").click()
    expect(page.get_by_role("heading", name="Neuen Antrag erfassen")).to_be_visible()
    assert_accessible(page, context="Antragserfassung")
    page.get_by_label("Name Einreicher/in").fill("Caritas Köln")
    page.get_by_label("Art der Einreichung").select_option(label="Beratungsstelle")
    page.get_by_label("Zuständige Ausländerbehörde").select_option(label="Stadt Köln – Ausländeramt")
    page.get_by_role("checkbox", name="Integration", exact=True).check()
    page.get_by_role("checkbox", name="Familie", exact=True).check()
    page.get_by_label("Gründe (Freitext)").fill("Seit neun Jahren in Köln, Kinder in der Schule.")
    page.get_by_label("Familienname der Hauptperson").fill("Krasniqui")
    page.get_by_label("Vornamen der Hauptperson").fill("Arben")
    page.get_by_label("Geburtsdatum der Hauptperson").fill("1985-03-01")
    page.get_by_label("Staatsangehörigkeit der Hauptperson").fill("Kosovo")
    # Before saving, the office already sees the earlier application under another spelling.
    expect(page.locator("#repeat-check")).to_contain_text("Möglicher Wiederholungsantrag")
    expect(page.locator("#repeat-check")).to_contain_text("Krasniqi, Arben")
    page.get_by_role("button", name="Weitere Person hinzufügen").click()
    row = page.locator("#family-row-0")
    expect(row).to_be_visible()
    row.get_by_label("Verhältnis zur Hauptperson").select_option(label="Kind")
    row.get_by_role("textbox", name="Familienname", exact=True).fill("Krasniqui")
    row.get_by_role("textbox", name="Vornamen – optional", exact=True).fill("Drita")
    page.get_by_role("button", name="Antrag speichern").click()
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="Fall HFK-")).to_be_visible()
    expect(page.get_by_text("Möglicher Wiederholungsantrag")).to_be_visible()
    expect(page.get_by_role("cell", name="Krasniqui, Drita")).to_be_visible()
    assert_accessible(page, context="Falldetail")

    run_step(page, "check", "Formale Prüfung erfassen")
    run_step(page, "prescreen_take_up", "Vorprüfung: Befassung erfassen")
    run_step(page, "request_statement", "Stellungnahme anfordern erfassen")
    expect(page.get_by_text("Stellungnahme fällig am")).to_be_visible()
    run_step(page, "receive_statement", "Stellungnahme eingegangen erfassen")
    run_step(page, "request_info", "Weitere Informationen anfordern erfassen",
             lambda s: (s.get_by_label("Ausländerbehörde").check(), s.get_by_label("Was wird angefordert?").fill("Meldebescheinigung")))
    run_step(page, "receive_info", "Weitere Informationen eingegangen erfassen")
    run_step(page, "mark_ready", "Bereit für Sitzung erfassen")
    run_step(page, "place_on_agenda", "Auf Tagesordnung setzen erfassen")
    run_step(page, "remove_from_agenda", "Von Tagesordnung nehmen erfassen")
    run_step(page, "place_on_agenda", "Auf Tagesordnung setzen erfassen")
    run_step(page, "decide_defer", "Beschluss: vertagt erfassen")
    run_step(page, "place_on_agenda", "Auf Tagesordnung setzen erfassen")
    run_step(page, "decide_request", "Beschluss: Härtefallersuchen erfassen",
             lambda s: (s.get_by_label("Gründe").fill("Nachhaltige Integration."),
                        s.get_by_label("Erwartungen / Auflagen").fill("Mitwirkung bei der Passbeschaffung")))
    run_step(page, "send_request", "Ersuchen versenden erfassen")
    run_step(page, "record_intended_decision", "Beabsichtigte Entscheidung der Ausländerbehörde erfassen",
             lambda s: s.get_by_label("dem Ersuchen zu folgen").check())
    run_step(page, "outcome_granted", "Ergebnis: Aufenthaltserlaubnis erteilt erfassen")

    expect(page.locator(".hf-case-head").get_by_text("Ersuchen gefolgt – Aufenthaltserlaubnis erteilt")).to_be_visible()
    timeline = page.locator("#verlauf")
    for label in ["Eingang", "Formale Prüfung: kein zwingender Ausschlussgrund", "Vorprüfung: Befassung",
                  "Stellungnahme angefordert", "Stellungnahme eingegangen", "Weitere Informationen angefordert",
                  "Weitere Informationen eingegangen", "Bereit für Sitzung", "Auf Tagesordnung gesetzt",
                  "Von Tagesordnung genommen", "Beschluss: vertagt", "Beschluss: Härtefallersuchen",
                  "Ersuchen an Ausländerbehörde versandt", "Beabsichtigte Entscheidung der ABH",
                  "Ergebnis: Aufenthaltserlaubnis erteilt"]:
        expect(timeline.get_by_role("heading", name=label, exact=True).first).to_be_visible()
    expect(timeline.get_by_text("Mitwirkung bei der Passbeschaffung")).to_be_visible()
    expect(timeline.get_by_text("Aufenthaltserlaubnis nach § 23a AufenthG erteilt")).to_be_visible()
    assert_accessible(page, context="Falldetail abgeschlossen")

    case = Case.objects.get(persons__given_names="Drita")
    assert case.closure == Closure.FOLLOWED and case.persons_count == 2


def test_future_date_shows_german_error(page, live_server, office):
    case = make_case(actor=office, received_on=date.today() - timedelta(days=5))
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    section = page.locator("#step-check")
    section.locator("summary").click()
    future = date.today() + timedelta(days=10)
    section.get_by_label("Datum des Schritts").fill(future.isoformat())
    section.get_by_role("button", name="Formale Prüfung erfassen").click()
    page.wait_for_load_state()
    message = f"Das Datum {future:%d.%m.%Y} liegt in der Zukunft"
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
    expect(page.locator("#step-check").get_by_text(message)).to_be_visible()
    assert_accessible(page, context="Falldetail mit Fehler")
    case.refresh_from_db()
    assert case.state == "received"


def test_record_pages_upload_note_followup(page, live_server, office, tmp_path):
    case = make_case(actor=office, received_on=date.today() - timedelta(days=5))
    login(page, live_server, "sachbearbeitung")
    detail = f"{live_server.url}/faelle/{case.pk}/"

    page.goto(detail)
    page.get_by_role("link", name="Dokument hinzufügen").click()
    assert_accessible(page, context="Dokument hinzufügen")
    attest = tmp_path / "attest.txt"
    attest.write_text("Ärztliches Attest: Behandlung fortlaufend erforderlich.", encoding="utf-8")
    page.get_by_label("Art").select_option(label="Ärztliches Attest")
    page.get_by_label("Titel").fill("Attest Hausarzt")
    page.get_by_label("Datei").set_input_files(str(attest))
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("link", name="Attest Hausarzt")).to_be_visible()

    page.get_by_role("link", name="Notiz hinzufügen").click()
    assert_accessible(page, context="Notiz hinzufügen")
    page.get_by_label("Notiz").fill("Einreicherin hat angerufen.")
    page.get_by_role("button", name="Notiz speichern").click()
    expect(page.get_by_text("Einreicherin hat angerufen.")).to_be_visible()

    page.get_by_role("link", name="Wiedervorlage anlegen").click()
    assert_accessible(page, context="Wiedervorlage anlegen")
    page.get_by_label("Wiedervorlage am").fill(date.today().isoformat())
    page.get_by_label("Anlass").fill("Stellungnahme anmahnen")
    page.get_by_role("button", name="Wiedervorlage speichern").click()
    expect(page.get_by_text("Stellungnahme anmahnen")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"Erledigt\W+Stellungnahme anmahnen")).click()
    expect(page.get_by_text("Die Wiedervorlage ist erledigt.")).to_be_visible()

    page.get_by_role("link", name="Stammdaten bearbeiten").click()
    assert_accessible(page, context="Stammdaten bearbeiten")
    page.get_by_label("Name Einreicher/in").fill("Diakonie Köln")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Diakonie Köln")).to_be_visible()

    page.get_by_role("link", name="Person hinzufügen").click()
    assert_accessible(page, context="Person hinzufügen")
    page.get_by_role("textbox", name="Familienname", exact=True).fill("Krasniqi")
    page.get_by_role("textbox", name="Vornamen – optional", exact=True).fill("Ema")
    page.get_by_role("button", name="Person speichern").click()
    expect(page.get_by_role("rowheader", name="Krasniqi, Ema")).to_be_visible()
    expect(page.locator("#verlauf")).to_contain_text("Stammdaten geändert")
