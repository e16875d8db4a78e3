"""Members see the files of the cases on the agenda of their sessions, from the invitation
until N days after the session, and nothing else; every file opened is logged."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.audit.models import AuditEntry
from haertefall.cases.access import access_case, cases_visible_for
from haertefall.core.errors import AccessDenied
from haertefall.meetings.models import Invitation
from tests.factories import UserFactory
from tests.meetings_world import build_commission, ready_case, session_with_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(office_user, office_head):
    invited = UserFactory(username="eingeladen", role=Role.MEMBER, first_name="Ina", last_name="Eingeladen")
    other = UserFactory(username="anderes-mitglied", role=Role.MEMBER)
    # The member holds seat 2 for session 1; session 2 is a prescreen-free second session
    # the member is not invited to (she has no seat on that day).
    commission = build_commission(actor=office_user, chair=office_head, members={2: (invited, other)})
    today = timezone.localdate()
    case_1 = ready_case(actor=office_user, family_name="Eins")
    case_2 = ready_case(actor=office_user, family_name="Zwei")
    session_1 = session_with_items(actor=office_user, commission=commission, on=today + timedelta(days=5),
                                   cases=[case_1])
    session_2 = session_with_items(actor=office_user, commission=commission, on=today + timedelta(days=12),
                                   cases=[case_2], invite=False)
    return {"member": invited, "case_1": case_1, "case_2": case_2, "session_1": session_1,
            "session_2": session_2, "commission": commission}


def test_invitation_sends_mail_with_agenda_and_sets_sent_at(world, django_capture_on_commit_callbacks,
                                                            office_user):
    from haertefall.meetings.services import meeting_invite

    with django_capture_on_commit_callbacks(execute=True):
        sent = meeting_invite(meeting=world["session_2"], actor=office_user)
    # 10 seats: the chair, her stand-in and 9 members with 9 deputies.
    assert len(sent) == 20
    assert all(inv.sent_at is not None for inv in Invitation.objects.filter(meeting=world["session_2"]))
    assert len(mail.outbox) == 20
    message = mail.outbox[0]
    assert "Einladung" in message.subject
    assert world["case_2"].file_number in message.body
    assert "Zwei" not in message.body  # no names in e-mails
    # Sending again sends nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_invite(meeting=world["session_2"], actor=office_user) == []
    assert len(mail.outbox) == 20


def test_member_sees_only_the_cases_of_her_session(world, client):
    member = world["member"]
    assert list(cases_visible_for(member)) == [world["case_1"]]
    case = access_case(user=member, case_id=world["case_1"].pk, for_write=False)
    assert case == world["case_1"]
    assert AuditEntry.objects.filter(user=member, action=AuditEntry.Action.READ, case_id=case.pk).exists()
    with pytest.raises(AccessDenied):
        access_case(user=member, case_id=world["case_2"].pk, for_write=False)
    with pytest.raises(AccessDenied):
        access_case(user=member, case_id=world["case_1"].pk, for_write=True)

    client.force_login(member)
    page = client.get(reverse("meetings:detail", args=[world["session_1"].pk]))
    assert page.status_code == 200
    assert world["case_1"].file_number in page.content.decode()
    assert client.get(reverse("meetings:detail", args=[world["session_2"].pk])).status_code == 404
    listing = client.get(reverse("meetings:list")).content.decode()
    assert "Meine Sitzungen" in listing
    assert f'href="{reverse("meetings:detail", args=[world["session_2"].pk])}"' not in listing


def test_member_loses_access_n_plus_one_days_after_the_session(world, client, monkeypatch):
    member = world["member"]
    session_day = world["session_1"].date
    days = settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER

    def on(day):
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
        return list(cases_visible_for(member))

    assert on(session_day) == [world["case_1"]]
    assert on(session_day + timedelta(days=days)) == [world["case_1"]]
    assert on(session_day + timedelta(days=days + 1)) == []
    client.force_login(member)
    assert client.get(reverse("meetings:detail", args=[world["session_1"].pk])).status_code == 404


def test_no_access_before_the_invitation_is_sent(world):
    member = world["member"]
    Invitation.objects.filter(meeting=world["session_1"], user=member).update(sent_at=None)
    assert list(cases_visible_for(member)) == []


def test_member_cannot_open_office_pages(world, client):
    client.force_login(world["member"])
    session = world["session_1"]
    for name in ("meetings:attendance", "meetings:invite", "meetings:minutes_approve"):
        assert client.get(reverse(name, args=[session.pk])).status_code == 404
    assert client.get(reverse("meetings:members")).status_code == 404
    assert client.get(reverse("meetings:create")).status_code == 404


def test_member_opens_case_pages_of_her_session_only(world, client, monkeypatch):
    """Through the case pages: the case file opens for the session's cases only, and only in the window."""
    url_1 = reverse("cases:detail", args=[world["case_1"].pk])
    url_2 = reverse("cases:detail", args=[world["case_2"].pk])
    client.force_login(world["member"])
    assert client.get(url_1).status_code == 200
    assert client.get(url_2).status_code == 404
    days = settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER
    later = world["session_1"].date + timedelta(days=days + 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    assert client.get(url_1).status_code == 404
