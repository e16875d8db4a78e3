"""The office records an application and takes it through the whole procedure in the browser."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from haertefall.cases.states import Closure
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, authority, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def office(transactional_db):
    # The shipped registers and decision rules: see tests/browser/conftest.py.
    return UserFactory(username="sachbearbeitung", role=Role.OFFICE)


def run_step(page, key, button, fill=None):
    section = page.locator(f"#step-{key}")
    section.locator("summary").click()
    if fill:
        fill(section)
    section.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").filter(has_text="wurde erfasst")).to_be_visible()


def logout(page):
    page.context.clear_cookies()


def open_step(page, key):
    section = page.locator(f"#step-{key}")
    section.locator("summary").click()
    return section


def plan_session(page, live_server, *, prescreen: bool):
    page.get_by_role("link", name="Neue Sitzung planen").click()
    expect(page.get_by_role("heading", name="Sitzung planen")).to_be_visible()
    assert_accessible(page, context="Sitzung planen")
    if prescreen:
        page.get_by_label("Art der Sitzung").select_option("prescreen")
        page.get_by_label("Umlaufverfahren (nur Vorprüfungsausschuss)").check()
    else:
        page.get_by_label("Ort").fill("Düsseldorf, Raum 2.14")
    page.get_by_label("Datum").fill(date.today().isoformat())
    page.get_by_role("button", name="Sitzung planen").click()
    page.wait_for_load_state()
    errors = page.locator(".kern-alert--danger, .kern-error").all_inner_texts()
    assert "ist geplant" in page.content(), errors


def record_attendance(page):
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    assert_accessible(page, context="Anwesenheit")
    radios = page.locator("input[type=radio][value=member]")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Beschlussfähig").first).to_be_visible()


def decide(page, *, outcome, yes, no, reasons):
    item = page.locator("section.hf-item").nth(0)
    item.get_by_label(outcome, exact=True).check()
    item.locator("input[name$='-yes']").fill(str(yes))
    item.locator("input[name$='-no']").fill(str(no))
    item.locator("input[name$='-abstain']").fill("0")
    item.get_by_label("Gründe (für das Protokoll)").fill(reasons)
    item.get_by_role("button", name="Beschluss zu TOP 1 erfassen").click()
    # The committee's take-up is counted against: only a majority against rejects (decision 0101).
    result = (f"Befassung: {yes} Stimmen für die Befassung" if outcome == "Befassung"
              else f"Angenommen: {yes} Ja-Stimmen")
    page.locator("section.hf-item").nth(0).get_by_text(result).wait_for()
    assert_accessible(page, context=f"Sitzung mit Beschluss ({outcome})")


def test_receipt_to_closed_outcome_through_the_owning_pages(page, live_server, office):
    """The issue's acceptance test: from receipt to a closed outcome through the pages alone,
    each step on the page of the part that owns its rules, and the full timeline at the end."""
    from tests.meetings_world import build_commission

    head = UserFactory(username="leitung", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    build_commission(actor=office, chair=head)
    UserFactory(username="abh-koeln", role=Role.AUTHORITY, authority=authority("stadt-koeln"))
    make_case(actor=office, family_name="Krasniqi", given_names="Arben", birth_date=date(1985, 3, 1),
              received_on=date.today() - timedelta(days=700))
    login(page, live_server, "sachbearbeitung")

    # Intake (case file).
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
    case_url = page.url
    case = Case.objects.get(persons__given_names="Drita")

    # Formal check (case file), with the question of another legal basis (report ch. 5).
    run_step(page, "check", "Formale Prüfung erfassen",
             fill=lambda section: section.get_by_label("Keine andere Rechtsgrundlage ersichtlich").check())

    # Pre-screening: written procedure of the committee (meetings).
    step = open_step(page, "prescreen_take_up")
    expect(step.get_by_text("Vorprüfungsausschuss beschließt")).to_be_visible()
    plan_session(page, live_server, prescreen=True)
    page.goto(case_url)
    step = open_step(page, "prescreen_take_up")
    step.get_by_role("button", name=re.compile("Auf die Tagesordnung: Umlaufverfahren")).click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"{case.file_number} steht als TOP 1 auf der Tagesordnung")).to_be_visible()
    assert_accessible(page, context="Umlaufverfahren mit Tagesordnung")
    record_attendance(page)
    decide(page, outcome="Befassung", yes=3, no=0, reasons="Humanitäre Gründe dargelegt.")

    # Statement: the office requests it (authorities) …
    page.goto(case_url)
    expect(page.locator(".hf-case-head")).to_contain_text("Befassung beschlossen")
    step = open_step(page, "request_statement")
    step.get_by_role("link", name="Stellungnahme anfordern").click()
    expect(page.get_by_role("heading", name="Stellungnahme anfordern")).to_be_visible()
    assert_accessible(page, context="Stellungnahme anfordern")
    page.get_by_role("button", name="Stellungnahme anfordern").click()
    expect(page.get_by_role("status").filter(has_text="Stellungnahme angefordert")).to_be_visible()
    page.goto(case_url)
    expect(page.get_by_text("Stellungnahme fällig am")).to_be_visible()
    expect(page.locator("#behoerde")).to_contain_text("offen, Frist")
    assert_accessible(page, context="Falldetail – Stellungnahme angefordert")
    logout(page)

    # … and the authority answers in its own inbox.
    login(page, live_server, "abh-koeln")
    page.goto(f"{live_server.url}/behoerden/")
    assert_accessible(page, context="Posteingang der Behörde")
    page.get_by_role("link", name=f"Stellungnahme abgeben zu {case.file_number}").click()
    assert_accessible(page, context="Stellungnahme abgeben")
    page.get_by_role("textbox", name="Stellungnahme – optional").fill("Gut integriert; keine Bedenken.")
    page.get_by_role("button", name="Stellungnahme speichern").click()
    expect(page.get_by_role("status").filter(has_text="Die Stellungnahme wurde gespeichert")).to_be_visible()
    logout(page)

    # Ready for a session (case file), then the commission's session (meetings).
    login(page, live_server, "sachbearbeitung")
    page.goto(case_url)
    run_step(page, "mark_ready", "Bereit für Sitzung erfassen")
    open_step(page, "place_on_agenda")
    plan_session(page, live_server, prescreen=False)
    page.goto(case_url)
    step = open_step(page, "place_on_agenda")
    step.get_by_role("button", name=re.compile("Auf die Tagesordnung: Sitzung der Härtefallkommission")).click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"{case.file_number} steht als TOP 1 auf der Tagesordnung")).to_be_visible()
    record_attendance(page)
    # The generic step form cannot decide: the case page points to the session item.
    page.goto(case_url)
    step = open_step(page, "decide_request")
    step.get_by_role("link", name=re.compile("Zur Sitzung")).click()
    decide(page, outcome="Härtefallersuchen", yes=7, no=3, reasons="Nachhaltige Integration.")

    # The office sends the request with its letter (authorities).
    page.goto(case_url)
    expect(page.locator(".hf-case-head")).to_contain_text("Ersuchen beschlossen")
    step = open_step(page, "send_request")
    step.get_by_role("link", name="Ersuchen versenden").click()
    assert_accessible(page, context="Ersuchen versenden")
    page.get_by_role("button", name="Ersuchen versenden").click()
    expect(page.get_by_role("status").filter(has_text="in der Akte abgelegt")).to_be_visible()
    logout(page)

    # The authority: intended decision (§ 7 Abs. 3 HFKVO), then the outcome.
    login(page, live_server, "abh-koeln")
    page.goto(f"{live_server.url}/behoerden/")
    page.get_by_role("link", name=f"Beabsichtigte Entscheidung mitteilen zu {case.file_number}").click()
    assert_accessible(page, context="Beabsichtigte Entscheidung")
    page.get_by_label("Dem Ersuchen folgen", exact=True).check()
    page.get_by_role("button", name="Beabsichtigte Entscheidung mitteilen").click()
    expect(page.get_by_role("status").filter(has_text="Ministerium und Geschäftsstelle sind informiert")).to_be_visible()
    assert_accessible(page, context="Ergebnis")
    page.get_by_label("Ersuchen gefolgt – Aufenthaltserlaubnis nach § 23a AufenthG erteilt").check()
    page.get_by_role("button", name="Ergebnis speichern").click()
    expect(page.get_by_role("status").filter(has_text="Das Ergebnis wurde gespeichert")).to_be_visible()
    # The authority sees the case page, with its own part but not the office's letters.
    page.goto(case_url)
    expect(page.locator("#behoerde")).to_contain_text("Ergebnis: Ersuchen gefolgt")
    expect(page.locator("#schreiben")).to_have_count(0)
    assert_accessible(page, context="Falldetail (Behörde)")
    logout(page)

    # The office sees the closed case, every step in the timeline and links to every part.
    login(page, live_server, "sachbearbeitung")
    page.goto(case_url)
    expect(page.locator(".hf-case-head").get_by_text("Ersuchen gefolgt – Aufenthaltserlaubnis erteilt")).to_be_visible()
    timeline = page.locator("#verlauf")
    for label in ["Eingang", "Formale Prüfung: kein zwingender Ausschlussgrund", "Vorprüfung: Befassung",
                  "Stellungnahme angefordert", "Stellungnahme eingegangen", "Bereit für Sitzung",
                  "Auf Tagesordnung gesetzt", "Beschluss: Härtefallersuchen",
                  "Ersuchen an Ausländerbehörde versandt", "Beabsichtigte Entscheidung der ABH",
                  "Ergebnis: Aufenthaltserlaubnis erteilt"]:
        expect(timeline.get_by_role("heading", name=label, exact=True).first).to_be_visible()
    expect(page.locator("#sitzungen")).to_contain_text("TOP 1: Befassung")
    expect(page.locator("#sitzungen")).to_contain_text("TOP 1: Härtefallersuchen")
    expect(page.locator("#schreiben")).to_contain_text("Härtefallersuchen")
    expect(page.locator("#behoerde").get_by_role("link", name="Behördenverfahren dieses Falls")).to_be_visible()
    assert_accessible(page, context="Falldetail abgeschlossen")

    case.refresh_from_db()
    assert case.closure == Closure.FOLLOWED and case.persons_count == 2


def test_future_date_shows_german_error(page, live_server, office):
    case = make_case(actor=office, received_on=date.today() - timedelta(days=5))
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    section = page.locator("#step-check")
    section.locator("summary").click()
    future = date.today() + timedelta(days=10)
    section.get_by_label("Datum des Schritts").fill(future.isoformat())
    section.get_by_label("Keine andere Rechtsgrundlage ersichtlich").check()
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
    expect(page.get_by_role("link", name="Attest Hausarzt", exact=True)).to_be_visible()

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


def test_searching_a_name_keeps_it_out_of_the_address(page, live_server):
    """Issue 17, item 8: the search is posted; the address shows only an opaque id, and going
    back to the list shows the same result."""
    office = UserFactory(username="sachbearbeitung", role=Role.OFFICE)
    case = make_case(actor=office, family_name="Krasniqi", given_names="Arben")
    make_case(actor=office, family_name="Berisha", given_names="Drita")
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/faelle/")
    page.get_by_label("Suche (Aktenzeichen oder Name)").fill("Krasniqi")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert "suche=" in page.url and "krasniqi" not in page.url.lower()
    expect(page.get_by_role("link", name=case.file_number)).to_be_visible()
    expect(page.get_by_text("1 Fall gefunden.")).to_be_visible()
    page.get_by_role("link", name=case.file_number).click()
    page.go_back()
    expect(page.get_by_label("Suche (Aktenzeichen oder Name)")).to_have_value("Krasniqi")
    expect(page.get_by_text("1 Fall gefunden.")).to_be_visible()
