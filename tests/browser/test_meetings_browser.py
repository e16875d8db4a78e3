"""The office runs a session in a real browser; the member sees exactly her session's files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haertefall.accounts.models import Role
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory
from tests.meetings_world import build_commission, ready_case, session_with_items

# serialized_rollback: registers and decision rules come from data migrations, which a flush removes.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """serialized_rollback does not always restore the migrated data on SQLite when
    non-transactional tests ran first; load the registers and decision rules again if gone."""
    from importlib import import_module

    from django.apps import apps

    from haertefall.meetings.models import DecisionRuleConfig
    from haertefall.registers.loading import load_all
    from haertefall.registers.models import Country

    if not Country.objects.exists():
        load_all()
    if not DecisionRuleConfig.objects.exists():
        import_module("haertefall.meetings.migrations.0005_excluded_members_quorum").seed(apps, None)


def test_office_runs_a_session_and_member_sees_only_its_files(page, live_server):
    office = UserFactory(username="gs-browser", role=Role.OFFICE, first_name="Olga", last_name="Office")
    head = UserFactory(username="leitung-browser", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    member = UserFactory(username="mitglied-browser", role=Role.MEMBER, first_name="Miriam", last_name="Mitglied")
    deputy = UserFactory(username="stv-browser", role=Role.MEMBER, first_name="Stefan", last_name="Stellvertreter")
    commission = build_commission(actor=office, chair=head, members={2: (member, deputy)})
    today = timezone.localdate()
    case_1 = ready_case(actor=office, ready_on=today - timedelta(days=3), family_name="Eins")
    case_2 = ready_case(actor=office, ready_on=today - timedelta(days=3), family_name="Zwei")
    other = ready_case(actor=office, ready_on=today - timedelta(days=3), family_name="Andere")
    # Another session the member is not invited to (she has no seat then: invitations not sent).
    session_with_items(actor=office, commission=commission, on=today + timedelta(days=20), cases=[other],
                       invite=False)

    login(page, live_server, office.username)
    page.goto(f"{live_server.url}/sitzungen/")
    assert_accessible(page, context="Sitzungsliste")
    page.get_by_role("link", name="Sitzung planen").click()
    assert_accessible(page, context="Sitzung planen")
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Ort").fill("Düsseldorf, Raum 2.14")
    page.get_by_role("button", name="Sitzung planen").click()
    page.wait_for_load_state()
    assert "ist geplant" in page.content()

    for case in (case_1, case_2):
        page.get_by_label("Fall", exact=True).select_option(label=f"{case.file_number} – {case.main_person} – {case.country}")
        page.get_by_role("button", name="Auf die Tagesordnung setzen").click()
        page.wait_for_load_state()
    assert "TOP 2" in page.content()
    assert_accessible(page, context="Sitzung mit Tagesordnung")

    page.get_by_role("link", name="Einladungen versenden").click()
    assert_accessible(page, context="Einladungen")
    page.get_by_role("button", name="Einladungen versenden").click()
    page.wait_for_load_state()
    assert "Einladung(en) mit der Tagesordnung versandt" in page.content()

    page.get_by_role("link", name="Anwesenheit erfassen").click()
    assert_accessible(page, context="Anwesenheit")
    radios = page.locator("input[type=radio][value=member]")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.locator("input[type=radio][value=deputy]").first.check()  # the chair's stand-in came
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.wait_for_load_state()
    assert "Beschlussfähig: 10 von 10 Sitzen anwesend" in page.content()

    # TOP 1: a request, first with too few yes votes (refused), then adopted.
    top1 = page.locator("section.hf-item").nth(0)
    top1.get_by_label("Härtefallersuchen").check()
    top1.locator("input[name$='-yes']").fill("5")
    top1.locator("input[name$='-no']").fill("5")
    top1.locator("input[name$='-abstain']").fill("0")
    top1.get_by_label("Gründe (für das Protokoll)").fill("Seit zwölf Jahren in Deutschland.")
    top1.get_by_role("button", name="Beschluss zu TOP 1 erfassen").click()
    page.get_by_text("Das Härtefallersuchen ist nicht beschlossen").first.wait_for()
    top1 = page.locator("section.hf-item").nth(0)
    top1.locator("input[name$='-yes']").fill("7")
    top1.locator("input[name$='-no']").fill("3")
    top1.get_by_label("Mitwirkung an der Beschaffung eines Passes").check()
    top1.get_by_role("button", name="Beschluss zu TOP 1 erfassen").click()
    page.locator("section.hf-item").nth(0).get_by_text("Angenommen: 7 Ja-Stimmen").wait_for()

    top2 = page.locator("section.hf-item").nth(1)
    top2.get_by_label("Kein Ersuchen").check()
    top2.locator("input[name$='-yes']").fill("2")
    top2.locator("input[name$='-no']").fill("8")
    top2.locator("input[name$='-abstain']").fill("0")
    top2.get_by_label("Gründe (für das Protokoll)").fill("Keine dringenden Gründe dargelegt.")
    top2.get_by_role("button", name="Beschluss zu TOP 2 erfassen").click()
    page.locator("section.hf-item").nth(1).get_by_text("Kein Ersuchen").first.wait_for()
    assert_accessible(page, context="Sitzung mit Beschlüssen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Protokollentwurf als PDF").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    # The member sees her session and exactly its files.
    page.context.clear_cookies()
    login(page, live_server, member.username)
    page.goto(f"{live_server.url}/sitzungen/")
    assert "Meine Sitzungen" in page.content()
    assert_accessible(page, context="Meine Sitzungen")
    page.get_by_role("link", name=today.strftime("%d.%m.%Y")).click()
    page.wait_for_load_state()
    content = page.content()
    assert case_1.file_number in content and case_2.file_number in content
    assert other.file_number not in content
    assert "Abstimmung" not in content  # members see outcomes, not counts or reasons of the office
    assert_accessible(page, context="Sitzung (Mitglied)")


def test_commission_pages_and_minutes_approval_are_accessible(page, live_server):
    from haertefall.meetings.services import attendance_record, item_decide
    from tests.meetings_world import all_present

    office = UserFactory(username="gs-browser2", role=Role.OFFICE)
    head = UserFactory(username="leitung-browser2", role=Role.OFFICE_HEAD, first_name="Hanna", last_name="Vorsitz")
    commission = build_commission(actor=office, chair=head)
    on = timezone.localdate() - timedelta(days=1)
    meeting = session_with_items(actor=office, commission=commission, on=on,
                                 cases=[ready_case(actor=office, ready_on=on - timedelta(days=2))])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office)
    item_decide(item=meeting.items.get(), outcome="deferred", reasons="Gutachten fehlt.", actor=office)

    login(page, live_server, head.username)
    page.goto(f"{live_server.url}/sitzungen/kommission/")
    assert "Evangelische Kirche" in page.content()
    assert_accessible(page, context="Zusammensetzung")
    page.get_by_role("link", name="Berufung erfassen").click()
    assert_accessible(page, context="Berufung erfassen")
    page.get_by_role("button", name="Berufung speichern").click()
    page.wait_for_load_state()
    assert "Bitte prüfen Sie Ihre Eingaben." in page.content()
    assert_accessible(page, context="Berufung erfassen mit Fehlern")

    page.goto(f"{live_server.url}/sitzungen/{meeting.pk}/protokoll/genehmigen/")
    assert_accessible(page, context="Protokoll genehmigen")
    page.get_by_role("button", name="Protokoll genehmigen").click()
    page.wait_for_load_state()
    assert "unveränderlich gespeichert" in page.content()
    assert_accessible(page, context="Sitzung mit genehmigtem Protokoll")

    page.goto(f"{live_server.url}/sitzungen/neu/")
    page.get_by_label("Art der Sitzung").select_option("prescreen")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Umlaufverfahren (nur Vorprüfungsausschuss)").check()
    page.get_by_role("button", name="Sitzung planen").click()
    page.wait_for_load_state()
    assert "Umlaufverfahren des Vorprüfungsausschusses" in page.content()
    assert_accessible(page, context="Umlaufverfahren")
