"""Issue 17, item 9: a member's access to a session's files ends with the access window, seen
from outside (pages and API), and a member not invited to the session never gets in.

The window (decision 0043): from the sent invitation until HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER
days after the session; on day N the files still open, on day N+1 they do not. The clock is
moved with ``timezone.localdate``, which the access rule reads.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.meetings.services import meeting_invite
from tests.factories import UserFactory
from tests.meetings_world import build_commission, ready_case, session_with_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(office_user, office_head):
    invited = UserFactory(username="fenster-mitglied", role=Role.MEMBER, last_name="Fenster")
    deputy = UserFactory(username="fenster-vertretung", role=Role.MEMBER, last_name="Vertretung")
    outsider = UserFactory(username="fenster-fremd", role=Role.MEMBER, last_name="Fremd")
    commission = build_commission(actor=office_user, chair=office_head, members={2: (invited, deputy)})
    case = ready_case(actor=office_user, family_name="Fensterfall")
    meeting = session_with_items(actor=office_user, commission=commission,
                                 on=timezone.localdate() + timedelta(days=3), cases=[case], invite=False)
    return {"invited": invited, "deputy": deputy, "outsider": outsider, "case": case, "meeting": meeting,
            "office": office_user}


def _travel(monkeypatch, day):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def _sees(client, user, case, meeting) -> dict[str, bool]:
    """What the user reaches of the case and its session, through every door a member has."""
    client.force_login(user)
    list_page = client.get(reverse("cases:list"))
    assert list_page.status_code == 200
    api_list = client.get(reverse("cases-api:case-list"))
    assert api_list.status_code == 200
    meetings_api = client.get(reverse("meetings-api:meetings"))
    assert meetings_api.status_code == 200
    seen = {
        "case page": _status(client.get(reverse("cases:detail", args=[case.pk]))),
        "case API": _status(client.get(reverse("cases-api:case-detail", args=[case.pk]))),
        "history API": _status(client.get(reverse("cases-api:case-events", args=[case.pk]))),
        "session page": _status(client.get(reverse("meetings:detail", args=[meeting.pk]))),
        "session API": _status(client.get(reverse("meetings-api:meeting", args=[meeting.pk]))),
        "case list": case.file_number in list_page.content.decode(),
        "case list API": case.pk in [row["id"] for row in api_list.json()["results"]],
        "session list API": meeting.pk in [row["id"] for row in meetings_api.json()],
    }
    client.logout()
    return seen


def _status(response) -> bool:
    assert response.status_code in (200, 404), (response.status_code, response.content[:300])
    return response.status_code == 200


def _everywhere(value: bool) -> dict[str, bool]:
    return dict.fromkeys(["case page", "case API", "history API", "session page", "session API",
                          "case list", "case list API", "session list API"], value)


def test_invited_member_sees_the_files_inside_the_window_and_nothing_after(session, client, monkeypatch):
    case, meeting = session["case"], session["meeting"]
    days = settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER
    assert days >= 1

    # Planned but not yet invited: nothing opens.
    assert _sees(client, session["invited"], case, meeting) == _everywhere(False)
    meeting_invite(meeting=meeting, actor=session["office"])

    for day, inside in [
        (timezone.localdate(), True),                       # after the invitation, before the session
        (meeting.date, True),                               # the session day
        (meeting.date + timedelta(days=days), True),        # the last day of the window
        (meeting.date + timedelta(days=days + 1), False),   # the window has closed
        (meeting.date + timedelta(days=days + 400), False),
    ]:
        _travel(monkeypatch, day)
        for who in ("invited", "deputy"):
            assert _sees(client, session[who], case, meeting) == _everywhere(inside), (who, day)


def test_member_not_invited_never_sees_the_session_files(session, client, monkeypatch):
    case, meeting = session["case"], session["meeting"]
    meeting_invite(meeting=meeting, actor=session["office"])
    days = settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER
    for day in (timezone.localdate(), meeting.date, meeting.date + timedelta(days=days),
                meeting.date + timedelta(days=days + 1)):
        _travel(monkeypatch, day)
        assert _sees(client, session["outsider"], case, meeting) == _everywhere(False), day


def test_moving_the_session_moves_the_window(session, client, monkeypatch):
    """The window follows the session's date: a session held long ago no longer opens its files,
    one moved into the future opens them again (the date is read at each request)."""
    case, meeting = session["case"], session["meeting"]
    meeting_invite(meeting=meeting, actor=session["office"])
    days = settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER
    today = timezone.localdate()
    type(meeting).objects.filter(pk=meeting.pk).update(date=today - timedelta(days=days + 1))
    assert _sees(client, session["invited"], case, meeting) == _everywhere(False)
    type(meeting).objects.filter(pk=meeting.pk).update(date=today - timedelta(days=days))
    assert _sees(client, session["invited"], case, meeting) == _everywhere(True)
