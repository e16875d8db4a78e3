"""Issue 14 through the pages: withdrawal of a request in a session (report ch. 5), the
pre-screening committee as rule data and the commission's naming of it (§ 3 Abs. 3 HFKVO),
a case put before the commission (§ 4 Abs. 3) and the weighing of regular grounds (§ 5 Abs. 2)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from haertefall.cases.states import Closure, State
from haertefall.correspondence.models import Letter, LetterKind
from haertefall.meetings.models import AgendaItem, PrescreenNomination
from haertefall.meetings.services import attendance_record, meeting_plan
from tests.authorities_support import (
    case_request_sent,
    private_media,  # noqa: F401 — letters into a temporary folder
)
from tests.meetings_world import all_present, build_commission, without_prescreen_committee

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def test_office_puts_a_withdrawal_on_the_agenda_and_the_commission_decides_it(client, office_user, commission,
                                                                               settings):
    settings.HAERTEFALL_MINISTRY_EMAIL = ""  # the page says so instead of claiming a notice went out
    case, _ = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    meeting = meeting_plan(kind="commission", date=TODAY(), actor=office_user, commission=commission,
                           place="Düsseldorf")
    client.force_login(office_user)
    url = reverse("meetings:agenda_revocation", args=[meeting.pk])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Rücknahme eines Ersuchens beraten" in page and case.file_number in page
    missing = client.post(url, {"ruecknahme-case": case.pk, "ruecknahme-facts": ""}, follow=True)
    assert "Bitte halten Sie den Sachverhalt fest" in missing.content.decode()
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    client.post(url, {"ruecknahme-case": case.pk, "ruecknahme-facts": "Falsche Personalien festgestellt."})
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.subject == AgendaItem.Subject.REVOCATION

    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Falsche Personalien festgestellt." in page and "Ersuchen bleibt bestehen" in page
    prefix = f"top{item.pk}-"
    decide = reverse("meetings:item_decide", args=[meeting.pk, item.pk])
    refused = client.post(decide, {prefix + "outcome": "revoke", prefix + "yes": 5, prefix + "no": 5,
                                   prefix + "abstain": 0, prefix + "reasons": "Gründe"}, HTTP_HX_REQUEST="true")
    assert "Die Rücknahme des Ersuchens ist nicht beschlossen" in refused.content.decode()
    done = client.post(decide, {prefix + "outcome": "revoke", prefix + "yes": 7, prefix + "no": 3,
                                prefix + "abstain": 0, prefix + "reasons": "Gründe"}, HTTP_HX_REQUEST="true")
    body = done.content.decode()
    assert "Rücknahme des Härtefallersuchens an die Ausländerbehörde" in body
    # No ministry address is configured in the tests: the page says so instead of pretending.
    assert "E-Mail an das Ministerium: keine Adresse hinterlegt" in body
    case.refresh_from_db()
    assert case.closure == Closure.REVOKED
    assert Letter.objects.filter(case=case, kind=LetterKind.WITHDRAWAL_MINISTRY).exists()


def test_case_page_points_to_the_session_for_a_withdrawal(client, office_user):
    case, _ = case_request_sent(actor=office_user)
    client.force_login(office_user)
    refused = client.post(reverse("cases:step", args=[case.pk, "revoke_request"]),
                          {"effective_on": TODAY().isoformat(), "reasons": "x"})
    assert refused.status_code == 400
    assert "durch Beschluss der Kommission" in refused.content.decode()
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT


def test_members_page_shows_the_committee_rule_and_the_naming(client, office_user, office_head, commission):
    client.force_login(office_user)
    page = client.get(reverse("meetings:members")).content.decode()
    assert "Gebildet seit 01.01.2005" in page and "Benennungen durch die Kommission" in page

    def person(number, kind="member"):
        return commission.seat_set.get(number=number).memberships.get(kind=kind).user.pk

    data = {"decided_on": TODAY().isoformat(),
            "place_1_member": office_head.pk, "place_1_deputy": person(5, "deputy"),
            "place_2_member": person(5), "place_2_deputy": "",
            "place_3_member": person(6), "place_3_deputy": person(7, "deputy")}
    refused = client.post(reverse("meetings:prescreen_edit"), data)
    assert refused.status_code == 200 and "Platz 2: Bitte wählen Sie die Stellvertretung" in refused.content.decode()
    data["place_2_deputy"] = person(6, "deputy")
    saved = client.post(reverse("meetings:prescreen_edit"), data)
    assert saved.status_code == 302
    assert PrescreenNomination.objects.filter(decided_on=TODAY(), number=2, deputy_id=person(6, "deputy")).exists()

    without_prescreen_committee()
    page = client.get(reverse("meetings:members")).content.decode()
    assert "Heute besteht kein Vorprüfungsausschuss" in page and "§ 4 Abs. 2 HFKVO" in page


def test_without_committee_the_authority_page_offers_the_statement_request_after_the_check(client, office_user):
    from tests.meetings_world import checked_case

    case = checked_case(actor=office_user)
    client.force_login(office_user)
    url = reverse("authorities:case", args=[case.pk])
    assert "Stellungnahme anfordern" not in client.get(url).content.decode()
    without_prescreen_committee()
    assert "Stellungnahme anfordern" in client.get(url).content.decode()


def test_commission_agenda_offers_checked_cases_for_take_up(client, office_user, commission):
    from tests.meetings_world import checked_case

    case = checked_case(actor=office_user)
    meeting = meeting_plan(kind="commission", date=TODAY() + timedelta(days=3), actor=office_user,
                           commission=commission, place="Düsseldorf")
    client.force_login(office_user)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f"{case.file_number} – {case.main_person} – {case.country} – Befassung, § 4 Abs. 3 HFKVO" in page
    client.post(reverse("meetings:agenda_add", args=[meeting.pk]), {"case": case.pk})
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.subject == AgendaItem.Subject.TAKE_UP
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Vorlage der Geschäftsstelle an die Kommission (§ 4 Abs. 3 HFKVO)" in page


def test_decision_form_asks_the_commission_to_weigh_each_flagged_ground(client, office_user, commission):
    from haertefall.cases.services.lifecycle import case_check_formally, case_step
    from haertefall.cases.states import Step
    from haertefall.meetings.models import GroundWeighing
    from haertefall.registers.selectors import grounds_in_force
    from tests.factories import make_case
    from tests.meetings_world import session_with_items

    on = TODAY() - timedelta(days=20)
    ground = next(g for g in grounds_in_force(on=on) if g.code == "R6")
    case = case_check_formally(case=make_case(actor=office_user, received_on=on), actor=office_user, checked_on=on,
                               ground_ids=[ground.pk])
    for step in (Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT, Step.MARK_READY):
        case = case_step(case=case, actor=office_user, step=step, effective_on=on)
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY(), cases=[case])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    item = meeting.items.get()
    client.force_login(office_user)
    prefix = f"top{item.pk}-"
    url = reverse("meetings:item_decide", args=[meeting.pk, item.pk])
    data = {prefix + "outcome": "request", prefix + "yes": 7, prefix + "no": 3, prefix + "abstain": 0,
            prefix + "reasons": "Gründe"}
    refused = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert f"Bitte wägen Sie den Soll-Ausschlussgrund „{ground.label}“" in refused
    data[prefix + f"ground_{ground.pk}"] = "no"
    data[prefix + f"ground_{ground.pk}_reasons"] = "Der Rückführungstermin ist aufgehoben."
    done = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert f"Abwägung: {ground.label}" in done and "Schließt eine positive Entscheidung nicht aus" in done
    assert GroundWeighing.objects.get(decision__item=item).excludes is False
