"""The reasons of a session's decision (§ 6 Abs. 2 HFKVO) are read in the case history by the
office and the commission's members only — also for history entries written before the
reasons were kept out of it (issue 17, item 9), and in the API's raw event data."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.cases.services.events import event_record
from haertefall.cases.states import Step
from tests.authorities_support import case_statement_requested

pytestmark = pytest.mark.django_db

CANARY = "KANARIE-beratung-4711"


@pytest.fixture
def case(office_user, authority_user):
    # Asked for its statement, so the authority reads the case (§ 6 Abs. 2 HFKVO).
    case = case_statement_requested(actor=office_user, authority_obj=authority_user.authority)
    event_record(case=case, actor=office_user, event_type="step", step=Step.DECIDE_REQUEST,
                 effective_on=date(2024, 5, 6), data={"reasons": CANARY, "expectations": "Pass vorlegen"})
    return case


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_authority_does_not_read_the_reasons(case, authority_user, client):
    client.force_login(authority_user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Pass vorlegen" in page and CANARY not in page  # expectations are meant for it
    api = _api(authority_user)
    for url in (reverse("cases-api:case-detail", args=[case.pk]), reverse("cases-api:case-events", args=[case.pk])):
        body = api.get(url).content.decode()
        assert "Pass vorlegen" in body and CANARY not in body


def test_the_office_reads_them(case, office_user, office_client):
    assert CANARY in office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert CANARY in _api(office_user).get(reverse("cases-api:case-events", args=[case.pk])).content.decode()
