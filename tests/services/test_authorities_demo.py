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


@pytest.mark.django_db
def test_demo_authorities_see_the_released_documents_and_not_the_attest():
    """Decision 0104: the demo shows what an authority receives — the application released with
    the statement request, a passport copy released on its own — and what it does not."""
    from haertefall.authorities.demo import demo
    from haertefall.cases.access import cases_visible_for, documents_visible_for

    users = demo_users()
    demo(users=users, stdout=io.StringIO())
    koeln = users["abh-koeln"]
    cases = list(cases_visible_for(koeln))
    assert len(cases) == 5
    titles = {d.title for case in cases for d in documents_visible_for(user=koeln, case=case)}
    assert {"Härtefallantrag Dritan Hoxha", "Kopie des Reisepasses"} <= titles
    assert "Ärztliches Attest (Psychotherapie)" not in titles
    assert not cases_visible_for(users["abh-essen"]).filter(pk__in=[c.pk for c in cases]).exists()
