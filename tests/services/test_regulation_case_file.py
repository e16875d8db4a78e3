"""The case file as the regulation says it (issue 14): a mandatory ground found later (§ 5
Abs. 1 HFKVO), subsidiarity at the formal check (report ch. 5) and the prior procedure in the
application (§ 4 Abs. 1 Satz 3 HFKVO). Decision 0099."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.cases.models import FormalCheck, OtherBasis
from haertefall.cases.services import lifecycle as lc
from haertefall.cases.states import Closure, ClosureReason, State
from haertefall.core.errors import DomainError, StepNotAllowed
from haertefall.meetings.models import AgendaItem
from haertefall.registers.models import ExclusionGround
from haertefall.registers.selectors import catalogue_in_force
from haertefall.statistics.report import report_build
from tests.factories import make_case
from tests.meetings_world import build_commission, ready_case, session_with_items
from tests.services.lifecycle_helpers import case_in_state

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.fixture
def office_api(office_user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(office_user)
    return client


@pytest.fixture
def grounds():
    catalogue = catalogue_in_force(on=TODAY)
    qs = ExclusionGround.objects.filter(catalogue=catalogue)
    return qs.filter(kind="mandatory").first(), qs.filter(kind="regular").first()


@pytest.mark.parametrize("state", [State.CHECKED, State.STATEMENT_REQUESTED, State.READY])
def test_par5_1_a_mandatory_ground_found_later_ends_as_no_request(office_user, grounds, state):
    case = case_in_state(make_case, office_user, state, days_ago=40)
    case = lc.case_exclude_later(case=case, actor=office_user, found_on=TODAY, ground_ids=[grounds[0].pk],
                                 note="Asylantrag gestellt, Aufenthaltsgestattung.", expected_version=case.version)
    assert (case.state, case.closure, case.closure_reason) == (
        State.CLOSED, Closure.NO_REQUEST, ClosureReason.MANDATORY_EXCLUSION)
    event = case.events.order_by("-sequence").first()
    assert event.data["mandatory"] == [grounds[0].code]
    # Table 6.4 counts it as "Kein Ersuchen", not as "Andere Erledigung".
    outcomes = report_build(as_of=TODAY, years=[case.year])["outcomes"][str(case.year)]
    assert (outcomes["no_request"], outcomes["other_closure"]) == (1, 0)


def test_par5_1_a_later_ground_takes_the_case_off_the_sessions_agenda(office_user, office_head, grounds):
    commission = build_commission(actor=office_head, chair=office_head)
    case = ready_case(actor=office_user)
    meeting = session_with_items(actor=office_head, commission=commission, on=TODAY + timedelta(days=10),
                                 cases=[case])
    case.refresh_from_db()
    assert case.state == State.SCHEDULED
    case = lc.case_exclude_later(case=case, actor=office_user, found_on=TODAY, ground_ids=[grounds[0].pk])
    assert case.state == State.CLOSED and case.closure_reason == ClosureReason.MANDATORY_EXCLUSION
    assert not AgendaItem.objects.filter(meeting=meeting, case=case).exists()
    assert [e.step for e in case.events.order_by("sequence")][-2:] == ["remove_from_agenda", "exclude_later"]


def test_par5_1_only_a_mandatory_ground_of_the_catalogue_in_force_ends_the_case(office_user, grounds):
    case = case_in_state(make_case, office_user, State.STATEMENT_REQUESTED, days_ago=40)
    version = case.version
    with pytest.raises(DomainError, match="keine zwingenden Ausschlussgründe"):
        lc.case_exclude_later(case=case, actor=office_user, found_on=TODAY, ground_ids=[grounds[1].pk])
    with pytest.raises(DomainError, match="Bitte wählen Sie den zwingenden Ausschlussgrund"):
        lc.case_exclude_later(case=case, actor=office_user, found_on=TODAY, ground_ids=[])
    case.refresh_from_db()
    assert (case.state, case.version) == (State.STATEMENT_REQUESTED, version)


@pytest.mark.parametrize("state", [State.RECEIVED, State.REQUEST_DECIDED, State.CLOSED])
def test_par5_1_later_ground_only_between_the_check_and_the_commissions_decision(office_user, grounds, state):
    case = case_in_state(make_case, office_user, state, days_ago=40)
    with pytest.raises(StepNotAllowed):
        lc.case_exclude_later(case=case, actor=office_user, found_on=TODAY, ground_ids=[grounds[0].pk])


def test_subsidiarity_the_check_records_whether_another_legal_basis_is_possible(office_client, office_user):
    case = make_case(actor=office_user, received_on=TODAY - timedelta(days=5))
    url = reverse("cases:step", args=[case.pk, "check"])
    payload = {"check-effective_on": TODAY.isoformat(), "check-version": case.version}
    response = office_client.post(url, payload)
    assert response.status_code == 400
    assert "Andere Rechtsgrundlage" in response.content.decode()
    response = office_client.post(url, {**payload, "check-other_basis": OtherBasis.OTHER})
    assert "Bitte nennen Sie die andere Rechtsgrundlage im Vermerk." in response.content.decode()
    response = office_client.post(url, {**payload, "check-other_basis": OtherBasis.TRAINING_TOLERATION})
    assert response.status_code == 302
    assert FormalCheck.objects.get(case=case).other_basis == OtherBasis.TRAINING_TOLERATION
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Ausbildungsduldung (§ 60c AufenthG) möglich" in page


def test_subsidiarity_the_api_asks_the_same_question(office_user, office_api):
    case = make_case(actor=office_user, received_on=TODAY - timedelta(days=5))
    url = f"/api/cases/cases/{case.pk}/steps/check/"
    response = office_api.post(url, {"version": case.version}, format="json")
    assert response.status_code == 400 and "other_basis" in response.json()
    response = office_api.post(url, {"version": case.version, "other_basis": "none"}, format="json")
    assert response.status_code == 200, response.json()
    assert FormalCheck.objects.get(case=case).other_basis == OtherBasis.NONE


def test_par4_1_the_application_records_the_prior_procedure(office_api):
    response = office_api.post("/api/cases/cases/", {
        "received_on": TODAY.isoformat(), "submitter_name": "Flüchtlingsrat",
        "prior_procedure": "Asylantrag 2016 abgelehnt, seitdem Duldung.",
        "main_person": {"family_name": "Beispiel", "given_names": "Ana", "nationality": "Irak"},
    }, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["prior_procedure"] == "Asylantrag 2016 abgelehnt, seitdem Duldung."


def test_the_history_names_the_grounds_and_the_catalogue_not_their_codes(office_client, office_user, grounds):
    case = case_in_state(make_case, office_user, State.CHECKED, days_ago=40)
    lc.case_exclude_later(case=case, actor=office_user, found_on=TODAY, ground_ids=[grounds[0].pk])
    page = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"{grounds[0].label} ({grounds[0].paragraph})" in page
    assert grounds[0].catalogue.title in page
    assert f">{grounds[0].code}<" not in page and f">{grounds[0].catalogue.key}<" not in page


def test_the_error_summary_of_a_step_names_the_field(office_client, office_user):
    case = make_case(actor=office_user, received_on=TODAY - timedelta(days=5))
    response = office_client.post(reverse("cases:step", args=[case.pk, "check"]),
                                  {"check-effective_on": TODAY.isoformat(), "check-version": case.version})
    assert response.status_code == 400
    assert "<li>Wählen Sie „Andere Rechtsgrundlage“ aus.</li>" in response.content.decode()
