"""The office runs a session through the pages; the start page warns about months without one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from haertefall.cases.states import State
from haertefall.meetings.models import ItemDecision, Meeting
from tests.meetings_world import build_commission, ready_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def test_office_plans_fills_agenda_records_attendance_and_decides(client, office_user, commission):
    client.force_login(office_user)
    today = timezone.localdate()
    case = ready_case(actor=office_user, ready_on=today - timedelta(days=3))
    answer = client.post(reverse("meetings:create"), {"kind": "commission", "date": today.isoformat(),
                                                      "place": "Düsseldorf"})
    meeting = Meeting.objects.get()
    assert answer.url == reverse("meetings:detail", args=[meeting.pk])
    client.post(reverse("meetings:agenda_add", args=[meeting.pk]), {"case": case.pk})
    case.refresh_from_db()
    assert case.state == State.SCHEDULED

    page = client.get(reverse("meetings:attendance", args=[meeting.pk]))
    fields = [name for name in page.context["form"].fields]
    data = {name: "member" for name in fields}
    data[fields[-1]] = "absent"
    client.post(reverse("meetings:attendance", args=[meeting.pk]), data)
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Beschlussfähig: 9 von 10 Sitzen anwesend" in detail

    item = meeting.items.get()
    prefix = f"top{item.pk}-"
    refused = client.post(reverse("meetings:item_decide", args=[meeting.pk, item.pk]),
                          {prefix + "outcome": "request", prefix + "yes": 4, prefix + "no": 5, prefix + "abstain": 0,
                           prefix + "reasons": "Gründe"}, HTTP_HX_REQUEST="true")
    assert "Das Härtefallersuchen ist nicht beschlossen" in refused.content.decode()
    assert not ItemDecision.objects.exists()
    done = client.post(reverse("meetings:item_decide", args=[meeting.pk, item.pk]),
                       {prefix + "outcome": "request", prefix + "yes": 6, prefix + "no": 3, prefix + "abstain": 0,
                        prefix + "reasons": "Gründe"}, HTTP_HX_REQUEST="true")
    assert "Härtefallersuchen" in done.content.decode()
    case.refresh_from_db()
    assert case.state == State.REQUEST_DECIDED

    pdf = client.get(reverse("meetings:minutes", args=[meeting.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_start_page_panel_warns_about_months_without_session(office_user, member_user, commission):
    from haertefall.meetings.dashboard import panels
    from tests.meetings_world import without_prescreen_committee

    def warning_items():
        return [p for p in panels(office_user) if p["title"].startswith("Sitzungsplanung")][0]["items"]

    # With a pre-screening committee the commission must meet quarterly, otherwise monthly.
    assert all("Quartal" in item["label"] for item in warning_items())
    without_prescreen_committee()  # § 3 Abs. 3 HFKVO: optional, rule data
    assert len(warning_items()) == 3
    assert warning_items()[0]["label"].startswith("Keine Sitzung geplant: ")
    today = timezone.localdate()
    for n in range(3):
        month = (today.month - 1 + n) % 12 + 1
        year = today.year + (today.month - 1 + n) // 12
        Meeting.objects.create(commission=commission, date=today.replace(year=year, month=month, day=1)
                               if n else today, place="x")
    assert warning_items() == []
    # Members get their own sessions only, never the planning warning.
    assert [p["title"] for p in panels(member_user)] == ["Meine Sitzungen"]


def test_chair_approves_minutes_on_the_page_and_the_session_is_frozen(client, office_user, office_head, commission):
    from haertefall.meetings.models import Minutes
    from haertefall.meetings.services import attendance_record, item_decide
    from tests.meetings_world import all_present, session_with_items

    on = timezone.localdate() - timedelta(days=1)
    meeting = session_with_items(actor=office_user, commission=commission, on=on,
                                 cases=[ready_case(actor=office_user, ready_on=on - timedelta(days=2))])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    item = meeting.items.get()
    item_decide(item=item, outcome="deferred", reasons="Gutachten fehlt.", actor=office_user)

    client.force_login(office_user)
    page = client.get(reverse("meetings:minutes_approve", args=[meeting.pk])).content.decode()
    assert "genehmigt der Vorsitz" in page
    client.post(reverse("meetings:minutes_approve", args=[meeting.pk]))
    assert not Minutes.objects.exists()

    client.force_login(office_head)
    answer = client.post(reverse("meetings:minutes_approve", args=[meeting.pk]))
    assert answer.status_code == 302
    minutes = Minutes.objects.get()
    docx = client.get(reverse("meetings:minutes", args=[meeting.pk, "docx"]))
    assert "protokoll-" in docx["Content-Disposition"] and "entwurf" not in docx["Content-Disposition"]
    import hashlib

    assert hashlib.sha256(docx.content).hexdigest() == minutes.docx_sha256
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "genehmigt" in detail and "Anwesenheit erfassen" not in detail
    refused = client.post(reverse("meetings:attendance", args=[meeting.pk]), all_present(meeting))
    assert "genehmigt" in refused.content.decode()


def test_office_records_an_appointment(client, office_user, commission):
    from haertefall.accounts.models import Role
    from haertefall.meetings.models import Membership
    from tests.factories import UserFactory

    newcomer = UserFactory(username="neu", role=Role.MEMBER, first_name="Nora", last_name="Neu")
    client.force_login(office_user)
    seat = commission.seat_set.get(number=5)
    current_end = seat.memberships.get(kind="member").term_end
    overlapping = client.post(reverse("meetings:membership_add"), {
        "seat": seat.pk, "user": newcomer.pk, "kind": "member", "term_start": current_end.isoformat()})
    assert "bereits eine Mitglied" in overlapping.content.decode()
    answer = client.post(reverse("meetings:membership_add"), {
        "seat": seat.pk, "user": newcomer.pk, "kind": "member",
        "term_start": (current_end + timedelta(days=1)).isoformat()})
    assert answer.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert (membership.term_end - membership.term_start).days in (730, 729, 731)
    assert "Berufung erfassen" in client.get(reverse("meetings:members")).content.decode()
