"""The demo shows a living commission: the demo member sees the next session's files."""

import io

import pytest

from haertefall.cases.access import cases_visible_for
from haertefall.meetings import demo
from haertefall.meetings.models import Meeting, Minutes
from haertefall.portal.demo import demo_users

pytestmark = pytest.mark.django_db


def test_demo_builds_commission_sessions_and_member_access():
    users = demo_users()
    out = io.StringIO()
    demo.demo(users=users, stdout=out)
    assert Minutes.objects.count() == 1
    upcoming = Meeting.objects.order_by("-date").first()
    assert set(cases_visible_for(users["mitglied"])) == {item.case for item in upcoming.items.all()}
    assert cases_visible_for(users["stellvertretung"]).count() == 3
    assert cases_visible_for(users["ministerium"]).count() == 0
    demo.demo(users=users, stdout=out)  # idempotent
    assert Meeting.objects.filter(kind="commission").count() == 2
