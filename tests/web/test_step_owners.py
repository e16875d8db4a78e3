"""Every step has one owning part; the case file records only its own and points to the rest."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.cases.states import ALLOWED_TRANSITIONS, STEP_OWNER, Owner, State, Step
from haertefall.cases.steps import ACTIONS, FOREIGN_STEPS
from tests.factories import make_case
from tests.services.lifecycle_helpers import case_in_state

pytestmark = pytest.mark.django_db


def test_every_step_has_exactly_one_owner():
    assert set(STEP_OWNER) == set(Step.values) == set(ALLOWED_TRANSITIONS)
    assert set(STEP_OWNER.values()) <= set(Owner.values)


def test_case_file_forms_cover_exactly_its_own_steps():
    own = {step for action in ACTIONS for step in action.steps}
    foreign = {step for f in FOREIGN_STEPS for step in f.steps}
    assert own == {s for s, o in STEP_OWNER.items() if o == Owner.CASES} - {Step.RECEIVE}
    assert foreign == {s for s, o in STEP_OWNER.items() if o != Owner.CASES}
    assert not own & foreign
    for f in FOREIGN_STEPS:
        assert {STEP_OWNER[s] for s in f.steps} == {f.owner}


def _state_for(foreign) -> str:
    sources = ALLOWED_TRANSITIONS[foreign.steps[0]][0]
    return sorted(sources)[0]


@pytest.mark.parametrize("foreign", FOREIGN_STEPS, ids=lambda f: f.key)
def test_generic_step_page_refuses_foreign_step(office_client, office_user, foreign):
    case = case_in_state(make_case, office_user, _state_for(foreign))
    before = (case.state, case.version, case.events.count())
    response = office_client.post(reverse("cases:step", args=[case.pk, foreign.key]), {
        f"{foreign.key}-effective_on": date.today().isoformat(), f"{foreign.key}-version": case.version,
        f"{foreign.key}-reasons": "x", f"{foreign.key}-reason": "other"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "wird nicht in der Fallakte erfasst" in body
    assert ("Sitzungen" if foreign.owner == Owner.MEETINGS else "Ausländerbehörden") in body
    case.refresh_from_db()
    assert (case.state, case.version, case.events.count()) == before


@pytest.mark.parametrize("foreign", FOREIGN_STEPS, ids=lambda f: f.key)
def test_generic_step_api_refuses_foreign_step(office_user, foreign):
    case = case_in_state(make_case, office_user, _state_for(foreign))
    api = APIClient()
    api.force_authenticate(office_user)
    response = api.post(reverse("cases-api:step-" + foreign.key, args=[case.pk]),
                        {"reasons": "x", "reason": "other"}, format="json")
    assert response.status_code == 400
    assert "wird nicht in der Fallakte erfasst" in str(response.json())
    case.refresh_from_db()
    assert case.state == _state_for(foreign)


def test_foreign_step_endpoints_are_not_in_the_schema():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    step_paths = {p.rsplit("/steps/", 1)[1].strip("/") for p in paths if "/steps/" in p}
    assert step_paths == {action.key for action in ACTIONS}


def test_foreign_step_refused_for_others_with_404(client, authority_user, office_user):
    case = case_in_state(make_case, office_user, State.TAKEN_UP)
    client.force_login(authority_user)
    assert client.post(reverse("cases:step", args=[case.pk, "request_statement"])).status_code == 404


@pytest.mark.parametrize("state, expected", [
    (State.CHECKED, "Vorprüfung (Befassung oder keine Befassung)"),
    (State.TAKEN_UP, "Stellungnahme anfordern"),
    (State.READY, "Auf die Tagesordnung einer Sitzung setzen"),
    (State.SCHEDULED, "Beschluss der Kommission"),
    (State.REQUEST_DECIDED, "Ersuchen versenden"),
])
def test_case_page_points_to_owning_part(office_client, office_user, state, expected):
    case = case_in_state(make_case, office_user, state)
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert expected in body
    if state == State.TAKEN_UP:
        assert reverse("authorities:statement_request", args=[case.pk]) in body
    if state == State.REQUEST_DECIDED:
        assert reverse("authorities:hardship_request_send", args=[case.pk]) in body


def test_case_page_offers_planned_sessions_for_the_agenda(office_client, office_user, office_head):
    from haertefall.meetings.services.planning import meeting_plan
    from tests.meetings_world import build_commission

    commission = build_commission(actor=office_user, chair=office_head)
    case = case_in_state(make_case, office_user, State.READY)
    meeting = meeting_plan(kind="commission", date=date.today(), actor=office_user, commission=commission,
                           place="Düsseldorf")
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("meetings:agenda_add", args=[meeting.pk]) in body
    response = office_client.post(reverse("meetings:agenda_add", args=[meeting.pk]), {"case": case.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.SCHEDULED
    body = office_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Beschluss erfassen" in body and reverse("meetings:detail", args=[meeting.pk]) in body


def test_api_detail_names_the_steps_recorded_elsewhere(office_user, authority_user):
    case = case_in_state(make_case, office_user, State.TAKEN_UP)
    api = APIClient()
    api.force_authenticate(office_user)
    body = api.get(reverse("cases-api:case-detail", args=[case.pk])).json()
    assert body["allowed_steps"] == ["exclude_later", "close_other"]
    assert [s["key"] for s in body["steps_elsewhere"]] == ["request_statement"]
    assert body["steps_elsewhere"][0]["owner"] == Owner.AUTHORITIES
