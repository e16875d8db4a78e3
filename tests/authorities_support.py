"""Cases in the states the authorities part works with, built through the real services."""

from datetime import date, timedelta

import pytest

from haertefall.accounts.models import Role
from haertefall.authorities import services
from haertefall.cases.services.lifecycle import case_decide, case_prescreen, case_step
from haertefall.cases.states import Step

from .factories import UserFactory, authority, make_case


def authority_user(key: str, username: str | None = None):
    return UserFactory(username=username or f"abh-{key}", role=Role.AUTHORITY, authority=authority(key))


def case_taken_up(*, actor, authority_key: str | None = None, received_on: date | None = None,
                  family_name: str = "Krasniqi"):
    received_on = received_on or date.today() - timedelta(days=120)
    case = make_case(actor=actor, received_on=received_on, family_name=family_name,
                     authority_obj=authority(authority_key) if authority_key else None)
    case_step(case=case, actor=actor, step=Step.CHECK_PASS, effective_on=received_on)
    case_prescreen(case=case, actor=actor, decided_on=received_on, take_up=True)
    return case


def case_statement_requested(*, actor, authority_obj=None, received_on: date | None = None,
                             family_name: str = "Krasniqi", **kwargs):
    """A case whose authority was asked for its statement: from then on the authority sees it
    (§ 6 Abs. 2 HFKVO, ``cases.access.visible_cases_q``)."""
    received_on = received_on or date.today() - timedelta(days=120)
    case = make_case(actor=actor, received_on=received_on, family_name=family_name, authority_obj=authority_obj,
                     **kwargs)
    case_step(case=case, actor=actor, step=Step.CHECK_PASS, effective_on=received_on)
    case_prescreen(case=case, actor=actor, decided_on=received_on, take_up=True)
    services.statement_request(case=case, actor=actor, requested_on=received_on + timedelta(days=1))
    case.refresh_from_db()
    return case


def case_request_decided(*, actor, authority_key: str | None = None, family_name: str = "Berisha",
                         received_on: date | None = None):
    """A case whose statement arrived and for which the commission decided a request."""
    received_on = received_on or date.today() - timedelta(days=120)
    case = case_taken_up(actor=actor, authority_key=authority_key, received_on=received_on,
                         family_name=family_name)
    statement = services.statement_request(case=case, actor=actor, requested_on=received_on + timedelta(days=1))
    services.statement_answer(request=statement, actor=actor, answered_on=received_on + timedelta(days=20),
                              text="Keine Bedenken.")
    day = received_on + timedelta(days=30)
    case_step(case=case, actor=actor, step=Step.MARK_READY, effective_on=day)
    case_step(case=case, actor=actor, step=Step.PLACE_ON_AGENDA, effective_on=day)
    case_decide(case=case, actor=actor, decided_on=day, decision="request", reasons="Gute Integration.")
    case.refresh_from_db()
    return case


def case_request_sent(*, actor, authority_key: str | None = None, family_name: str = "Berisha"):
    case = case_request_decided(actor=actor, authority_key=authority_key, family_name=family_name)
    hardship = services.hardship_request_send(case=case, actor=actor,
                                              sent_on=date.today() - timedelta(days=60))
    return case, hardship


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Generated letters and uploads go to a temporary folder, not the working copy."""
    settings.MEDIA_ROOT = tmp_path / "documents"
