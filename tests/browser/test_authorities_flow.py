"""Office and immigration authority work a case together in the browser: statement, hardship
request, intended decision, outcome — and the case timeline shows every step."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.models import Case
from haertefall.cases.services.lifecycle import case_decide, case_step
from haertefall.cases.states import Closure, Step
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, authority

from ..authorities_support import case_taken_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    from haertefall.registers.loading import load_all
    from haertefall.registers.models import Country

    settings.MEDIA_ROOT = tmp_path / "documents"
    # A transactional test empties the tables afterwards, the shipped registers included.
    if not Country.objects.exists():
        load_all()
    office = UserFactory(username="sachbearbeitung", role=Role.OFFICE)
    koeln = UserFactory(username="abh-koeln", role=Role.AUTHORITY, authority=authority("stadt-koeln"))
    return office, koeln


def logout(page, live_server):
    page.context.clear_cookies()


def test_statement_request_answer_hardship_request_and_outcome(page, live_server, people):
    office, _koeln = people
    case = case_taken_up(actor=office, authority_key="stadt-koeln", family_name="Krasniqi",
                         received_on=date.today() - timedelta(days=30))

    # The office requests the statement.
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/behoerden/faelle/{case.pk}/")
    assert_accessible(page, context="Fall – Ausländerbehörde")
    page.get_by_role("link", name="Stellungnahme anfordern").click()
    expect(page.get_by_role("heading", name="Stellungnahme anfordern")).to_be_visible()
    assert_accessible(page, context="Stellungnahme anfordern")
    page.get_by_role("button", name="Stellungnahme anfordern").click()
    expect(page.get_by_role("status").filter(has_text="Stellungnahme angefordert")).to_be_visible()
    logout(page, live_server)

    # The authority sees it in its inbox and answers.
    login(page, live_server, "abh-koeln")
    page.goto(f"{live_server.url}/behoerden/")
    expect(page.get_by_role("heading", name="Anfragen der Härtefallkommission")).to_be_visible()
    expect(page.get_by_role("rowheader", name=case.file_number)).to_be_visible()
    assert_accessible(page, context="Posteingang der Behörde")
    page.get_by_role("link", name=f"Stellungnahme abgeben zu {case.file_number}").click()
    assert_accessible(page, context="Stellungnahme abgeben")
    page.get_by_role("button", name="Stellungnahme speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie die Stellungnahme ein")
    page.get_by_role("textbox", name="Stellungnahme – optional").fill("Die Familie ist gut integriert; keine Bedenken.")
    page.get_by_role("button", name="Stellungnahme speichern").click()
    expect(page.get_by_role("status").filter(has_text="Die Stellungnahme wurde gespeichert")).to_be_visible()
    expect(page.get_by_text("Keine offenen Anforderungen.")).to_be_visible()
    logout(page, live_server)

    # Session and decision happen in the meetings part; here they are recorded directly.
    today = date.today()
    case_step(case=case, actor=office, step=Step.MARK_READY, effective_on=today)
    case_step(case=case, actor=office, step=Step.PLACE_ON_AGENDA, effective_on=today)
    case_decide(case=case, actor=office, decided_on=today, decision="request", reasons="Integration")

    # The office sends the hardship request; the letter is generated and filed.
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/behoerden/faelle/{case.pk}/")
    page.get_by_role("link", name="Härtefallersuchen versenden").click()
    assert_accessible(page, context="Ersuchen versenden")
    page.get_by_role("button", name="Ersuchen versenden").click()
    expect(page.get_by_role("status").filter(has_text="in der Akte abgelegt")).to_be_visible()
    page.get_by_role("link", name="Schreiben", exact=True).click()
    expect(page.get_by_role("cell", name="Härtefallersuchen an die Ausländerbehörde", exact=True)).to_be_visible()
    assert_accessible(page, context="Schreiben zum Fall")
    logout(page, live_server)

    # The authority records its intended decision, then the outcome.
    login(page, live_server, "abh-koeln")
    page.goto(f"{live_server.url}/behoerden/")
    page.get_by_role("link", name=f"Beabsichtigte Entscheidung mitteilen zu {case.file_number}").click()
    assert_accessible(page, context="Beabsichtigte Entscheidung")
    page.get_by_label("Dem Ersuchen nicht folgen").check()
    page.get_by_role("button", name="Beabsichtigte Entscheidung mitteilen").click()
    expect(page.get_by_role("alert")).to_contain_text("maßgeblichen Gründe")
    page.get_by_label("Dem Ersuchen folgen", exact=True).check()
    page.get_by_role("button", name="Beabsichtigte Entscheidung mitteilen").click()
    expect(page.get_by_role("status").filter(has_text="Ministerium und Geschäftsstelle sind informiert")).to_be_visible()
    expect(page.get_by_role("heading", name="Abschließende Entscheidung")).to_be_visible()
    assert_accessible(page, context="Ergebnis")
    page.get_by_label("Ersuchen gefolgt – Aufenthaltserlaubnis nach § 23a AufenthG erteilt").check()
    page.get_by_label("Bedingung: Lebensunterhalt gesichert (§ 7 Abs. 2 HFKVO)").check()
    page.get_by_role("button", name="Ergebnis speichern").click()
    expect(page.get_by_role("status").filter(has_text="Das Ergebnis wurde gespeichert")).to_be_visible()
    logout(page, live_server)

    # The office sees every step in the case timeline.
    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/behoerden/faelle/{case.pk}/")
    timeline = page.locator(".hf-timeline")
    for label in ("Stellungnahme angefordert", "Stellungnahme eingegangen", "Schreiben versandt",
                  "Ersuchen an Ausländerbehörde versandt", "Beabsichtigte Entscheidung der ABH",
                  "Ergebnis: Aufenthaltserlaubnis erteilt"):
        expect(timeline).to_contain_text(label)
    assert_accessible(page, context="Verlauf")
    case.refresh_from_db()
    assert case.closure == Closure.FOLLOWED
    assert Case.objects.get(pk=case.pk).letters.filter(kind="hardship_request").exists()


def test_ministry_page_and_template_upload_are_accessible(page, live_server, people):
    from haertefall.authorities import services

    from ..authorities_support import case_request_sent

    office, koeln = people
    UserFactory(username="ministerium", role=Role.MINISTRY)
    _case, hardship = case_request_sent(actor=office, authority_key="stadt-koeln")
    services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=False,
                                      reasons="Identität nicht geklärt.", recorded_on=date.today())

    login(page, live_server, "ministerium")
    page.goto(f"{live_server.url}/behoerden/ministerium/")
    expect(page.get_by_role("cell", name="Identität nicht geklärt.")).to_be_visible()
    assert_accessible(page, context="Ministerium")
    page.context.clear_cookies()

    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/schreiben/")
    assert_accessible(page, context="Vorlagen")
    row = page.get_by_role("row").filter(has_text="Erinnerung an die Ausländerbehörde")
    row.get_by_role("link", name="Neue Fassung hochladen").click()
    assert_accessible(page, context="Vorlage hochladen")
    import io

    from docx import Document as Docx

    document = Docx()
    document.add_paragraph("{{ aktenzeichen }} {{ frsit }}")
    data = io.BytesIO()
    document.save(data)
    page.get_by_label("Vorlage (DOCX)").set_input_files(
        files=[{"name": "vorlage.docx", "mimeType": "application/octet-stream", "buffer": data.getvalue()}])
    page.get_by_role("button", name="Hochladen und aktivieren").click()
    expect(page.get_by_role("alert")).to_contain_text("unbekannte Platzhalter: {{ frsit }}")
    assert_accessible(page, context="Vorlage hochladen mit Fehler")
