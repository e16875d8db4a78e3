"""The office changes and cancels a planned session and names the pre-screening committee
through the pages; refusals are shown in German and change nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from haertefall.cases.states import State
from haertefall.meetings.models import Meeting, MeetingNotice, PrescreenSeat
from tests.meetings_world import build_commission, ready_case, session_with_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


@pytest.fixture
def planned(office_user, commission):
    on = timezone.localdate() + timedelta(days=14)
    return session_with_items(actor=office_user, commission=commission, on=on,
                              cases=[ready_case(actor=office_user, family_name="Eins")])


def test_edit_page_saves_and_notifies_the_invited(client, office_user, planned, django_capture_on_commit_callbacks):
    client.force_login(office_user)
    detail = client.get(reverse("meetings:detail", args=[planned.pk])).content.decode()
    assert reverse("meetings:edit", args=[planned.pk]) in detail
    page = client.get(reverse("meetings:edit", args=[planned.pk])).content.decode()
    assert "Eingeladene erhalten eine E-Mail" in page and 'value="Düsseldorf, Ministerium"' in page
    invited = planned.invitations.filter(sent_at__isnull=False).count()
    mail.outbox.clear()
    new_date = planned.date + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("meetings:edit", args=[planned.pk]), {
            "date": new_date.isoformat(), "time": "14:00", "place": "Köln, Bezirksregierung"}, follow=True)
    planned.refresh_from_db()
    assert (planned.date, planned.place) == (new_date, "Köln, Bezirksregierung")
    assert f"{invited} Eingeladene sind per E-Mail benachrichtigt" in answer.content.decode()
    assert len(mail.outbox) == invited
    assert "Benachrichtigungen an die Eingeladenen" in answer.content.decode()


def test_edit_page_shows_german_error_and_changes_nothing(client, office_user, planned):
    client.force_login(office_user)
    answer = client.post(reverse("meetings:edit", args=[planned.pk]), {
        "date": (planned.date + timedelta(days=1)).isoformat(), "place": "", "video_link": "https://v.example/x"})
    assert answer.status_code == 200
    assert "Bitte geben Sie den Ort an oder wählen Sie Videokonferenz." in answer.content.decode()
    before = planned.date
    planned.refresh_from_db()
    assert planned.date == before and planned.place == "Düsseldorf, Ministerium"
    assert not MeetingNotice.objects.exists()


def test_cancel_asks_for_the_reason_then_frees_the_agenda_and_notifies(client, office_user, planned,
                                                                        django_capture_on_commit_callbacks):
    client.force_login(office_user)
    case = planned.items.get().case
    url = reverse("meetings:cancel", args=[planned.pk])
    confirm = client.get(url).content.decode()
    assert case.file_number in confirm and "Grund der Absage" in confirm
    planned.refresh_from_db()
    assert not planned.is_cancelled  # the GET only asks
    no_reason = client.post(url, {"reason": ""})
    assert "Bitte geben Sie den Grund der Absage an." in no_reason.content.decode()
    planned.refresh_from_db()
    assert not planned.is_cancelled and planned.items.count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"reason": "Der Sitzungsraum steht nicht zur Verfügung."}, follow=True)
    page = answer.content.decode()
    assert "ist abgesagt" in page and "Der Sitzungsraum steht nicht zur Verfügung." in page
    case.refresh_from_db()
    assert case.state == State.READY
    assert len(mail.outbox) == planned.invitations.count() and mail.outbox[0].subject.startswith("Absage")
    listing = client.get(reverse("meetings:list")).content.decode()
    assert "abgesagt" in listing
    # The freed case can be put on another session's agenda from its page.
    other = Meeting.objects.create(commission=planned.commission, date=planned.date, place="Köln",
                                   rule_key=planned.rule_key)
    client.post(reverse("meetings:agenda_add", args=[other.pk]), {"case": case.pk})
    case.refresh_from_db()
    assert case.state == State.SCHEDULED and other.items.get().case == case


def test_cancelled_session_refuses_invitations_and_agenda(client, office_user, commission):
    on = timezone.localdate() + timedelta(days=5)
    meeting = session_with_items(actor=office_user, commission=commission, on=on, invite=False,
                                 cases=[ready_case(actor=office_user, family_name="Zwei")])
    client.force_login(office_user)
    client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Terminkonflikt"})
    case = ready_case(actor=office_user, family_name="Drei")
    refused = client.post(reverse("meetings:agenda_add", args=[meeting.pk]), {"case": case.pk}, follow=True)
    assert "ist abgesagt; auf ihre Tagesordnung kommen keine Fälle mehr" in refused.content.decode()
    refused = client.post(reverse("meetings:invite", args=[meeting.pk]))
    assert "ist abgesagt; es werden keine Einladungen mehr versandt" in refused.content.decode()
    assert not meeting.invitations.exists() and not meeting.items.exists()
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Einladungen versenden" not in detail and "Sitzung absagen" not in detail
    edit = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert "bereits abgesagt" in edit and "Änderung speichern" not in edit


def test_office_names_the_prescreen_committee(client, office_user, office_head, commission):
    client.force_login(office_user)
    members_page = client.get(reverse("meetings:members")).content.decode()
    assert reverse("meetings:prescreen_edit") in members_page

    def user(number, kind="member"):
        return commission.seat_set.get(number=number).memberships.get(kind=kind).user

    url = reverse("meetings:prescreen_edit")
    page = client.get(url)
    assert page.status_code == 200 and "Platz 1 (Vorsitz): Mitglied" in page.content.decode()
    before = list(PrescreenSeat.objects.values_list("number", "member_id", "deputy_id").order_by("number"))
    today = timezone.localdate().isoformat()
    refused = client.post(url, {"decided_on": today,
                                "place_1_member": office_head.pk, "place_1_deputy": user(5, "deputy").pk,
                                "place_2_member": user(5).pk, "place_2_deputy": user(6, "deputy").pk,
                                "place_3_member": user(5).pk, "place_3_deputy": user(7, "deputy").pk})
    assert "Platz 3: " in refused.content.decode() and "nur einen Platz" in refused.content.decode()
    refused = client.post(url, {"decided_on": today, "place_1_member": user(5).pk,
                                "place_1_deputy": user(5, "deputy").pk, "place_2_member": user(6).pk,
                                "place_2_deputy": user(6, "deputy").pk, "place_3_member": user(7).pk,
                                "place_3_deputy": user(7, "deputy").pk})
    assert "Platz 1 im Vorprüfungsausschuss hat der Vorsitz" in refused.content.decode()
    assert list(PrescreenSeat.objects.values_list("number", "member_id", "deputy_id").order_by("number")) == before
    done = client.post(url, {"decided_on": today,
                             "place_1_member": office_head.pk, "place_1_deputy": user(5, "deputy").pk,
                             "place_2_member": user(5).pk, "place_2_deputy": user(6, "deputy").pk,
                             "place_3_member": user(6).pk, "place_3_deputy": user(7).pk})
    assert done.status_code == 302
    seats = {p.number: (p.member_id, p.deputy_id) for p in PrescreenSeat.objects.all()}
    assert seats == {1: (office_head.pk, user(5, "deputy").pk), 2: (user(5).pk, user(6, "deputy").pk),
                     3: (user(6).pk, user(7).pk)}
