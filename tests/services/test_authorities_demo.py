import io

import pytest

from haertefall.authorities.models import (
    HardshipRequest,
    IntendedDecision,
    Outcome,
    StatementRequest,
)
from haertefall.portal.demo import demo_users

from ..authorities_support import private_media  # noqa: F401


@pytest.mark.django_db
def test_demo_fills_inbox_of_both_demo_authorities():
    from haertefall.authorities.demo import demo

    users = demo_users()
    out = io.StringIO()
    demo(users=users, stdout=out)
    koeln, essen = users["abh-koeln"].authority, users["abh-essen"].authority
    assert StatementRequest.objects.filter(authority=koeln, answered_on__isnull=True).count() >= 2
    assert StatementRequest.objects.filter(authority=koeln, answered_on__isnull=False).exists()
    assert StatementRequest.objects.filter(authority=essen).exclude(extensions=[]).exists()
    pending = IntendedDecision.objects.filter(follow=False, hardship_request__outcome__isnull=True)
    assert pending.filter(hardship_request__authority=koeln).exists()
    assert Outcome.objects.filter(kind="granted").exists() and Outcome.objects.filter(kind="refused").exists()
    assert HardshipRequest.objects.filter(authority=essen, intended_decisions__isnull=True).exists()
    demo(users=users, stdout=out)  # a second run changes nothing
    assert StatementRequest.objects.count() == 8  # one per demo case
