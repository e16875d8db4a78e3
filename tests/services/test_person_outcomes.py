"""Outcomes per person of a family application (issue 16, decision 0122): the parents get the
permit, the adult son another legal basis. Applications count the request's outcome; persons
count their own."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from haertefall.authorities import services
from haertefall.authorities.models import PersonOutcome
from haertefall.cases.models import Relationship
from haertefall.cases.services.intake import PersonInput, person_add
from haertefall.core.errors import DomainError
from haertefall.statistics.figures import figures_rebuild
from haertefall.statistics.report import report_build, report_extra

from ..authorities_support import authority_user, case_request_sent, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = date.today()


def _family_request(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    main = case.main_person
    wife = person_add(case=case, actor=office_user, data=PersonInput(
        family_name="Berisha", given_names="Drita", nationality=main.nationality, relationship=Relationship.SPOUSE))
    son = person_add(case=case, actor=office_user, data=PersonInput(
        family_name="Berisha", given_names="Arber", nationality=main.nationality, relationship=Relationship.CHILD,
        birth_date=date(2000, 1, 1)))
    koeln = authority_user("stadt-koeln")
    services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=True, reasons="",
                                      recorded_on=TODAY - timedelta(days=2))
    return case, hardship, koeln, (main, wife, son)


def test_the_son_gets_another_legal_basis_the_application_stays_followed(office_user):
    case, hardship, koeln, (_main, _wife, son) = _family_request(office_user)
    outcome = services.outcome_record(hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY,
                                      person_outcomes={son.pk: ("other", "other_legal_basis")})
    assert [(p.person, p.kind) for p in PersonOutcome.objects.filter(outcome=outcome)] == [(son, "other")]
    year = str(case.received_on.year)
    years = range(case.received_on.year, case.received_on.year + 1)
    report = report_build(as_of=TODAY, years=years, include_historical=False)
    assert report["request_outcomes"][year]["followed"] == 1  # the application: followed
    assert report["request_outcomes"][year]["other_closure"] == 0
    persons = report_extra(as_of=TODAY, years=years)["persons"][year]
    assert persons["request_followed"] == 2  # the parents
    assert persons["request_other_closure"] == 1  # the son
    assert persons["applications"] == 3
    # Before the answer everyone is still open; the rows are kept with the events.
    before = report_extra(as_of=TODAY - timedelta(days=1), years=years)["persons"][year]
    assert before["request_open"] == 3 and before["request_other_closure"] == 0
    assert figures_rebuild(repair=False).equal
    # The report "nach Erfassungsstand" reads the same from the events.
    assert report_extra(as_of=TODAY, years=years, recorded_as_of=TODAY)["persons"][year] == persons


def test_same_outcome_for_everyone_by_default_and_only_persons_of_the_case(office_user):
    _case, hardship, koeln, _persons = _family_request(office_user)
    with pytest.raises(DomainError, match="Personen dieses Falls"):
        services.outcome_record(hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY,
                                person_outcomes={999999: "refused"})
    with pytest.raises(DomainError, match="Art der anderen Erledigung"):
        services.outcome_record(hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY,
                                person_outcomes={_persons[2].pk: "other"})
    outcome = services.outcome_record(hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY)
    assert not PersonOutcome.objects.filter(outcome=outcome).exists()


def test_api_takes_person_outcomes(office_user, client):
    case, hardship, koeln, (_main, _wife, son) = _family_request(office_user)
    client.force_login(koeln)
    url = reverse("authorities-api:outcome-list")
    response = client.post(url, {"hardship_request": hardship.pk, "kind": "granted", "decided_on": TODAY.isoformat(),
                                 "person_outcomes": [{"person": son.pk, "kind": "other",
                                                      "other_reason": "other_legal_basis"}]},
                           content_type="application/json")
    assert response.status_code in (200, 201), response.content
    assert PersonOutcome.objects.get().person == son


def test_outcome_page_offers_one_choice_per_person(office_user, client):
    case, hardship, koeln, (_main, _wife, son) = _family_request(office_user)
    client.force_login(koeln)
    url = reverse("authorities:outcome", args=[hardship.pk])
    page = client.get(url).content.decode()
    assert "Ergebnis für Berisha, Arber (Kind)" in page
    assert "wie das Ergebnis des Ersuchens" in page
    response = client.post(url, {"kind": "granted", "decided_on": TODAY.isoformat(), f"person_{son.pk}": "other",
                                 f"person_{son.pk}_reason": "other_legal_basis"})
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = PersonOutcome.objects.get()
    assert (outcome.person, outcome.kind, outcome.other_reason) == (son, "other", "other_legal_basis")
    assert "Abweichendes Ergebnis für einzelne Personen" in client.get(url).content.decode()
