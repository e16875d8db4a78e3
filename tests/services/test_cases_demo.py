"""The demo provider builds cases in every state through the services."""

import io

import pytest

from haertefall.cases import demo
from haertefall.cases.models import Case, FollowUp
from haertefall.cases.selectors import statements_overdue
from haertefall.cases.states import Closure, State
from haertefall.portal.demo import demo_users

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_closure():
    out = io.StringIO()
    users = demo_users()
    demo.demo(users=users, stdout=out)
    cases = Case.objects.all()
    assert set(cases.values_list("state", flat=True)) == set(State.values)
    assert set(cases.filter(state=State.CLOSED).values_list("closure", flat=True)) == set(Closure.values)
    assert cases.filter(authority__key="stadt-koeln").exists() and cases.filter(authority__key="stadt-essen").exists()
    assert all(c.documents.exists() for c in cases)
    assert statements_overdue(cases, on=__import__("datetime").date.today()).exists()
    assert FollowUp.objects.filter(done_at__isnull=True).exists()
    count = cases.count()
    demo.demo(users=users, stdout=out)  # a second run adds nothing
    assert Case.objects.count() == count
