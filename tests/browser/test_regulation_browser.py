"""Issue 14 in a real browser: the commission withdraws a request in its session (report ch. 5,
decision 0102), and a Land without a pre-screening committee (§ 3 Abs. 3 HFKVO, decision 0101)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from haertefall.cases.services.lifecycle import case_check_formally
from haertefall.cases.states import Closure, State
from haertefall.correspondence.models import Letter, LetterKind
from haertefall.registers.selectors import grounds_in_force
from tests.authorities_support import (
    case_request_sent,
    private_media,  # noqa: F401 — letters into a temporary folder
)
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, make_case
from tests.meetings_world import build_commission, without_prescreen_committee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _record_attendance(page):
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    radios = page.locator("input[type=radio][value=member]")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Beschlussfähig: 10 von 10 Sitzen anwesend")).to_be_visible()


def _plan_session(page, live_server, day):
    page.goto(f"{live_server.url}/sitzungen/neu/")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Ort").fill("Düsseldorf, Raum 2.14")
    page.get_by_role("button", name="Sitzung planen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("ist geplant")).to_be_visible()


def test_withdrawal_of_a_request_in_a_session(page, live_server, settings):
    settings.HAERTEFALL_MINISTRY_EMAIL = "haertefall@ministerium.example"
    office = UserFactory(username="gs-ruecknahme", role=Role.OFFICE, first_name="Olga", last_name="Office")
    head = UserFactory(username="leitung-ruecknahme", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    build_commission(actor=office, chair=head)
    case, _ = case_request_sent(actor=office, authority_key="stadt-koeln")
    today = timezone.localdate()

    login(page, live_server, office.username)
    # The case file has no button to withdraw: it points to the session.
    page.goto(f"{live_server.url}/faelle/{case.pk}/")
    expect(page.get_by_role("button", name="Ersuchen widerrufen")).to_have_count(0)

    _plan_session(page, live_server, today)
    form = page.locator("form", has=page.get_by_role("button", name="Rücknahme zur Beratung vorlegen"))
    form.get_by_role("button", name="Rücknahme zur Beratung vorlegen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Bitte wählen Sie den Fall, dessen Ersuchen die Kommission beraten soll.")).to_be_visible()
    page.get_by_label("Ersuchen (Aktenzeichen)").select_option(label=f"{case.file_number} ({case.country}) – Ersuchen versandt")
    page.get_by_label("Sachverhalt").fill("Die Ausländerbehörde meldet: der Pass war gefälscht.")
    page.get_by_role("button", name="Rücknahme zur Beratung vorlegen").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"Die Rücknahme des Ersuchens {case.file_number} steht als TOP 1")).to_be_visible()
    assert_accessible(page, context="Sitzung mit Rücknahme auf der Tagesordnung")
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT  # the office proposed; nothing is withdrawn yet

    _record_attendance(page)
    top = page.locator("section.hf-item").nth(0)
    expect(top.get_by_text("Die Ausländerbehörde meldet: der Pass war gefälscht.")).to_be_visible()
    top.get_by_label("Rücknahme des Ersuchens", exact=True).check()
    top.locator("input[name$='-yes']").fill("5")
    top.locator("input[name$='-no']").fill("5")
    top.locator("input[name$='-abstain']").fill("0")
    top.get_by_label("Gründe (für das Protokoll)").fill("Das Ersuchen beruhte auf falschen Personalien.")
    top.get_by_role("button", name="Beschluss zu TOP 1 erfassen").click()
    page.get_by_text("Die Rücknahme des Ersuchens ist nicht beschlossen").first.wait_for()
    top = page.locator("section.hf-item").nth(0)
    top.locator("input[name$='-yes']").fill("8")
    top.locator("input[name$='-no']").fill("2")
    top.get_by_role("button", name="Beschluss zu TOP 1 erfassen").click()
    top = page.locator("section.hf-item").nth(0)
    top.get_by_text("Rücknahme des Härtefallersuchens an die Ausländerbehörde").wait_for()
    expect(top.get_by_text("E-Mail an das Ministerium: versandt")).to_be_visible()
    assert_accessible(page, context="Sitzung nach der Rücknahme")

    case.refresh_from_db()
    assert (case.state, case.closure) == (State.CLOSED, Closure.REVOKED)
    assert Letter.objects.filter(case=case, kind=LetterKind.REQUEST_WITHDRAWAL).exists()
    top.get_by_role("link", name="Schreiben des Falls").click()
    page.wait_for_load_state()
    # The decision drafted both letters; the office reads and sends them (decision 0110).
    drafts = page.get_by_role("list", name="Entwürfe")
    expect(drafts.get_by_role("link", name="Mitteilung der Rücknahme eines Ersuchens an das Ministerium",
                              exact=True)).to_be_visible()
    expect(drafts.get_by_role("link", name="Rücknahme des Härtefallersuchens an die Ausländerbehörde",
                              exact=True)).to_be_visible()


def test_session_without_a_prescreen_committee(page, live_server):
    without_prescreen_committee()
    office = UserFactory(username="gs-ohne-vpa", role=Role.OFFICE, first_name="Olga", last_name="Office")
    head = UserFactory(username="leitung-ohne-vpa", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    build_commission(actor=office, chair=head, prescreen=False)
    today = timezone.localdate()
    checked_on = today - timedelta(days=10)
    plain = case_check_formally(case=make_case(actor=office, received_on=checked_on, family_name="Direkt"),
                                actor=office, checked_on=checked_on)
    flagged_ground = next(g for g in grounds_in_force(on=checked_on) if g.code == "R3")
    flagged = case_check_formally(case=make_case(actor=office, received_on=checked_on, family_name="Vorlage"),
                                  actor=office, checked_on=checked_on, ground_ids=[flagged_ground.pk])

    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/sitzungen/kommission/")
    expect(page.get_by_text("Heute besteht kein Vorprüfungsausschuss")).to_be_visible()
    assert_accessible(page, context="Zusammensetzung ohne Vorprüfungsausschuss")

    # No committee sessions.
    page.goto(f"{live_server.url}/sitzungen/neu/")
    page.get_by_label("Art der Sitzung").select_option("prescreen")
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Ort").fill("Düsseldorf")
    page.get_by_role("button", name="Sitzung planen").click()
    page.wait_for_load_state()
    expect(page.locator("#id_kind_error")).to_contain_text("besteht kein Vorprüfungsausschuss (§ 3 Abs. 3 HFKVO)")
    assert_accessible(page, context="Keine Sitzung des Vorprüfungsausschusses")

    # § 4 Abs. 2: the checked case without grounds goes straight to the statement request.
    page.goto(f"{live_server.url}/behoerden/faelle/{plain.pk}/")
    page.get_by_role("link", name="Stellungnahme anfordern").click()
    page.get_by_role("button", name="Stellungnahme anfordern").click()
    expect(page.get_by_role("status").filter(has_text="Stellungnahme angefordert")).to_be_visible()
    plain.refresh_from_db()
    assert plain.state == State.STATEMENT_REQUESTED

    # A flagged regular ground: no direct request; the office puts it before the commission.
    page.goto(f"{live_server.url}/behoerden/faelle/{flagged.pk}/")
    expect(page.get_by_role("link", name="Stellungnahme anfordern")).to_have_count(0)
    _plan_session(page, live_server, today)
    page.get_by_label("Fall", exact=True).select_option(
        label=f"{flagged.file_number} – {flagged.main_person} – {flagged.country} – Befassung, § 4 Abs. 3 HFKVO")
    page.get_by_role("button", name="Auf die Tagesordnung setzen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Vorlage der Geschäftsstelle an die Kommission (§ 4 Abs. 3 HFKVO)")).to_be_visible()
    _record_attendance(page)
    top = page.locator("section.hf-item").nth(0)
    top.get_by_label("Befassung", exact=True).check()
    top.locator("input[name$='-yes']").fill("7")
    top.locator("input[name$='-no']").fill("3")
    top.locator("input[name$='-abstain']").fill("0")
    top.get_by_label("Gründe (für das Protokoll)").fill("Die Kommission will sich ein Bild machen.")
    top.get_by_role("button", name="Beschluss zu TOP 1 erfassen").click()
    page.locator("section.hf-item").nth(0).get_by_text("Angenommen: 7 Ja-Stimmen").wait_for()
    assert_accessible(page, context="Sitzung mit Befassung nach § 4 Abs. 3")
    flagged.refresh_from_db()
    assert flagged.state == State.TAKEN_UP
