"""Check the case file's permission matrix rows against a small world of our own.

The security part runs every matrix_*.py against its shared world; this test keeps the
rows of matrix_cases.py honest until then.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.meetings.models import AgendaItem, Invitation, Meeting
from tests.factories import UserFactory, authority, make_case
from tests.security.matrix_cases import ROWS

ROLES = {"office": Role.OFFICE, "office_head": Role.OFFICE_HEAD, "member": Role.MEMBER,
         "authority": Role.AUTHORITY, "ministry": Role.MINISTRY, "dpo": Role.DPO, "admin": Role.ADMIN}


@pytest.fixture
def world(db):
    office = UserFactory(username="office", role=Role.OFFICE)
    authority_a, authority_b = authority("stadt-koeln"), authority("stadt-essen")
    case_a = make_case(actor=office, authority_obj=authority_a)
    case_b = make_case(actor=office, authority_obj=authority_b, family_name="Berisha")
    meeting_1 = Meeting.objects.create(date=date.today() + timedelta(days=3))
    meeting_2 = Meeting.objects.create(date=date.today() + timedelta(days=10))
    AgendaItem.objects.create(meeting=meeting_1, case=case_a, position=1)
    AgendaItem.objects.create(meeting=meeting_2, case=case_b, position=1)
    users = {}
    for name, role in ROLES.items():
        users[name] = UserFactory(username=f"m-{name}", role=role,
                                  authority=authority_a if role == Role.AUTHORITY else None)
    Invitation.objects.create(meeting=meeting_1, user=users["member"], sent_at=timezone.now())
    return {"case_a": case_a.pk, "case_b": case_b.pk, "meeting_1": meeting_1.pk, "meeting_2": meeting_2.pk,
            "users": users}


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_row(client, world, row):
    kwargs = row["kwargs"](world) if row["kwargs"] else {}
    url = reverse(row["name"], kwargs=kwargs)
    for role, expected in row["expect"].items():
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        response = getattr(client, row["method"])(url, content_type="application/json") \
            if row["method"] in ("patch",) else getattr(client, row["method"])(url)
        allowed = expected if isinstance(expected, (set, tuple)) else {expected}
        assert response.status_code in allowed, (role, response.status_code)
