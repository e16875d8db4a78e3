"""§ 7 Abs. 3 HFKVO in the browser (decision 0108): the authority states it will not follow, the
e-mail to the ministry fails, the page says so; the office records that it informed the
ministry by fax, and the ministry's page shows when and how."""

import pytest
from playwright.sync_api import expect

from haertefall.accounts.models import Role
from tests.browser.helpers import assert_accessible, login
from tests.factories import UserFactory, authority

from ..authorities_support import case_request_sent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    from haertefall.registers.loading import load_all
    from haertefall.registers.models import Country

    settings.MEDIA_ROOT = tmp_path / "documents"
    if not Country.objects.exists():
        load_all()
    office = UserFactory(username="sachbearbeitung", role=Role.OFFICE)
    UserFactory(username="abh-koeln", role=Role.AUTHORITY, authority=authority("stadt-koeln"))
    UserFactory(username="ministerium", role=Role.MINISTRY)
    return office


def test_par7_3_a_failed_notice_is_shown_and_the_office_records_the_fax(page, live_server, people, settings):
    case, hardship = case_request_sent(actor=people, authority_key="stadt-koeln")
    settings.EMAIL_BACKEND = "tests.browser.test_ministry_notice_browser.FailingBackend"

    login(page, live_server, "abh-koeln")
    page.goto(f"{live_server.url}/behoerden/ersuchen/{hardship.pk}/beabsichtigte-entscheidung/")
    page.get_by_label("Dem Ersuchen nicht folgen").check()
    page.get_by_label("Maßgebliche Gründe").fill("Der Lebensunterhalt ist nicht gesichert.")
    page.get_by_role("button", name="Beabsichtigte Entscheidung mitteilen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Die E-Mail an das Ministerium konnte nicht versandt werden")).to_be_visible()
    page.context.clear_cookies()

    login(page, live_server, "sachbearbeitung")
    page.goto(f"{live_server.url}/behoerden/ersuchen/{hardship.pk}/beabsichtigte-entscheidung/")
    expect(page.get_by_text("nicht versandt").first).to_be_visible()
    assert_accessible(page, context="Beabsichtigte Entscheidung mit fehlgeschlagener Mitteilung")
    form = page.get_by_role("form", name="Anderweitige Mitteilung an das Ministerium erfassen")
    form.get_by_label("Weg").select_option(label="Fax")
    form.get_by_role("button", name="Anderweitige Mitteilung erfassen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Die Mitteilung an das Ministerium ist erfasst.")).to_be_visible()
    expect(page.get_by_text("(Fax)").first).to_be_visible()
    page.context.clear_cookies()

    login(page, live_server, "ministerium")
    page.goto(f"{live_server.url}/behoerden/ministerium/")
    row = page.get_by_role("row").filter(has_text=case.file_number)
    expect(row).to_contain_text("Der Lebensunterhalt ist nicht gesichert.")
    expect(row).to_contain_text("(Fax)")
    assert_accessible(page, context="Ministerium § 7 Abs. 3")
