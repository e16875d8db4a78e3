"""Minutes, printed agenda and invitation as archival PDFs (issue 15, decision 0113): the office
prints them from the session page or fetches them through the API; no names of persons
concerned on the agenda or the invitation; page numbers; PDF/A-2b and tagged."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.meetings.minutes import minutes_content, render_pdf
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.decisions import Votes
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items
from tests.pdf_checks import pdf_archival_problems, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate()
    cases = [ready_case(actor=office_user, ready_on=on - timedelta(days=20), family_name=name)
             for name in ("Geheimname", "Verborgen")]
    return session_with_items(actor=office_user, commission=commission, on=on, cases=cases,
                              place="Düsseldorf, Raum 1.234")


def test_office_prints_the_agenda_without_names(client, office_user, meeting):
    client.force_login(office_user)
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:agenda_pdf", args=[meeting.pk]) in detail
    response = client.get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert f'tagesordnung-{meeting.date:%Y-%m-%d}.pdf' in response["Content-Disposition"]
    assert pdf_archival_problems(response.content) == []
    text = pdf_text(response.content)
    assert "Tagesordnung" in text and f"{meeting.date:%d.%m.%Y}" in text
    assert "Düsseldorf, Raum 1.234" in text and "Seite 1 von 1" in text
    for item in meeting.items.select_related("case"):
        assert re.search(rf"{item.position}\s+{re.escape(item.case.file_number)}\s+\S", text)
    assert "Geheimname" not in text and "Verborgen" not in text
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD, detail="Tagesordnung (PDF)").exists()


def test_invitation_is_one_letter_per_member_and_deputy(client, office_user, meeting):
    client.force_login(office_user)
    response = client.get(reverse("meetings:invitation_pdf", args=[meeting.pk]))
    assert pdf_archival_problems(response.content) == []
    text = pdf_text(response.content)
    letters = text.count("Guten Tag,")
    assert letters >= 10 and f"Seite 2 von {letters}" in text
    assert "Stellvertretung, Sitz 1" in text and "Mitglied, Sitz 1" in text
    assert "Geheimname" not in text and "Verborgen" not in text
    assert "Mit freundlichen Grüßen" in text and "§ 6 Abs. 2 HFKVO" in text


def test_api_gives_the_printouts_to_the_office_only(client, office_user, member_user, meeting):
    client.force_login(office_user)
    for name in ("meetings-api:agenda_pdf", "meetings-api:invitation_pdf"):
        response = client.get(reverse(name, args=[meeting.pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(member_user)
    assert client.get(reverse("meetings-api:agenda_pdf", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:invitation_pdf", args=[meeting.pk])).status_code == 404


def test_minutes_pdf_is_archival_with_page_numbers_and_vote_counts(office_user, meeting):
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={10}, deputy={4}), actor=office_user)
    first = meeting.items.first()
    item_decide(item=first, outcome="request", reasons="Seit 12 Jahren in Deutschland.",
                votes=Votes(7, 1, 1), expectations=["passport"], actor=office_user)
    pdf = render_pdf(minutes_content(meeting))
    assert pdf_archival_problems(pdf) == []
    text = pdf_text(pdf)
    assert re.search(r"Seite 1 von \d+", text)
    assert "Beschlussfähigkeit" in text and "Seit 12 Jahren in Deutschland." in text
    assert re.search(rf"TOP {first.position}: {re.escape(first.case.file_number)}", text)
    assert "ENTWURF" in text and "Geheimname" not in text
