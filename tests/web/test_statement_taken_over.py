"""A case taken over from the register waits for a statement requested before the system:
the office records that request, and the authority can answer in the system."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from haertefall.authorities import services
from haertefall.authorities.models import StatementRequest
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import State, Step
from tests.authorities_support import authority_user, case_taken_up

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def taken_over(office_user):
    """As the register import leaves it: the step in the history, no request behind it."""
    case = case_taken_up(actor=office_user, received_on=TODAY - timedelta(days=90), authority_key="stadt-koeln")
    case_step(case=case, actor=office_user, step=Step.REQUEST_STATEMENT, effective_on=TODAY - timedelta(days=30))
    case.refresh_from_db()
    assert case.state == State.STATEMENT_REQUESTED and not StatementRequest.objects.filter(case=case).exists()
    return case


def test_office_records_the_earlier_request_and_the_authority_answers(office_client, office_user, taken_over):
    case = taken_over
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    url = reverse("authorities:statement_request", args=[case.pk])
    assert "Frühere Anforderung nachtragen" in page and url in page

    form = office_client.get(url).content.decode()
    assert "Frühere Anforderung nachtragen" in form and "Es geht keine neue Anforderung hinaus" in form
    assert f'value="{TODAY - timedelta(days=30):%Y-%m-%d}"' in form  # the date from the history

    mail.outbox.clear()
    response = office_client.post(url, {"requested_on": f"{TODAY - timedelta(days=30):%Y-%m-%d}", "weeks": "6"})
    assert response.status_code == 302
    request = StatementRequest.objects.get(case=case)
    case.refresh_from_db()
    assert case.state == State.STATEMENT_REQUESTED and case.statement_due_on == request.current_due
    assert case.events.filter(event_type="statement_request_recorded").count() == 1
    assert case.events.filter(step=Step.REQUEST_STATEMENT).count() == 1  # no second step
    assert not mail.outbox
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Frühere Anforderung der Stellungnahme erfasst (aus dem Register)" in page
    assert f"offen, Frist {request.current_due:%d.%m.%Y}" in page

    abh = authority_user("stadt-koeln")
    services.statement_answer(request=request, actor=abh, answered_on=TODAY, text="Keine Bedenken.")
    case.refresh_from_db()
    assert case.state == State.STATEMENT_RECEIVED


def test_it_can_be_recorded_once_and_only_while_waiting(office_client, office_user, taken_over):
    url = reverse("authorities:statement_request", args=[taken_over.pk])
    office_client.post(url, {"requested_on": f"{TODAY - timedelta(days=30):%Y-%m-%d}", "weeks": "6"})
    again = office_client.post(url, {"requested_on": f"{TODAY - timedelta(days=30):%Y-%m-%d}", "weeks": "6"})
    assert again.status_code == 200
    assert "kann im Stand „Stellungnahme angefordert“ nicht angefordert werden" in again.content.decode()
    assert StatementRequest.objects.filter(case=taken_over).count() == 1

    other = case_taken_up(actor=office_user, family_name="Berisha")
    with pytest.raises(Exception, match="nicht nachgetragen"):
        services.statement_request_record_earlier(case=other, actor=office_user, requested_on=TODAY)
    assert not StatementRequest.objects.filter(case=other).exists()


def test_a_date_before_receipt_is_refused_and_nothing_written(office_client, taken_over):
    url = reverse("authorities:statement_request", args=[taken_over.pk])
    response = office_client.post(url, {"requested_on": f"{taken_over.received_on - timedelta(days=1):%Y-%m-%d}",
                                        "weeks": "6"})
    assert response.status_code == 200 and "kern-error" in response.content.decode()
    assert not StatementRequest.objects.filter(case=taken_over).exists()
