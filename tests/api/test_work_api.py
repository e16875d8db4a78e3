"""The API of the office's daily work: queues, whose case it is, substitutions, calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from haertefall.accounts.models import Role, Substitution
from haertefall.cases.models import Case
from haertefall.cases.states import State
from haertefall.meetings.models import Meeting
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return UserFactory(username="kollegin", role=Role.OFFICE, first_name="Klara", last_name="Kollegin")


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_queues_count_mine_and_the_office(api, office_user, colleague):
    mine = make_case(actor=office_user)
    make_case(actor=office_user, assigned_to=colleague)
    Case.objects.filter(pk=mine.pk).update(state=State.READY)
    data = api.get("/api/cases/queues/").json()
    mine_counts = {row["key"]: row["count"] for row in data["mine"]}
    office_counts = {row["key"]: row["count"] for row in data["office"]}
    assert mine_counts["sitzungsreif"] == 1 and mine_counts["neu"] == 0
    assert office_counts["neu"] == 1 and office_counts["sitzungsreif"] == 1
    assert next(r for r in data["office"] if r["key"] == "neu")["rule"].startswith("Neue Anträge:")


def test_intake_names_the_officer(api, office_user, colleague):
    from tests.factories import authority

    body = {"received_on": timezone.localdate().isoformat(), "submitter_name": "Beratung",
            "authority": authority().pk,
            "main_person": {"family_name": "Api", "nationality": "Kosovo"}}
    assert api.post("/api/cases/cases/", body, format="json").status_code == 201
    assert Case.objects.get(persons__family_name="Api").assigned_to == office_user
    body["main_person"]["family_name"] = "Zwei"
    assert api.post("/api/cases/cases/", {**body, "assigned_to": colleague.pk}, format="json").status_code == 201
    assert Case.objects.get(persons__family_name="Zwei").assigned_to == colleague
    body["main_person"]["family_name"] = "Drei"
    assert api.post("/api/cases/cases/", {**body, "assigned_to": None}, format="json").status_code == 201
    assert Case.objects.get(persons__family_name="Drei").assigned_to is None


def test_take_and_reassign(office_user, office_head, colleague):
    case = make_case(actor=office_user, assigned_to=None)
    response = _client(colleague).post(f"/api/cases/cases/{case.pk}/take/")
    assert response.status_code == 200
    assert response.json()["assigned_to_name"] == "Klara Kollegin"
    refused = _client(office_user).post(f"/api/cases/cases/{case.pk}/take/")
    assert refused.status_code == 400
    assert "bereits von Klara Kollegin" in str(refused.json())
    assert _client(office_user).post(f"/api/cases/cases/{case.pk}/assignment/",
                                     {"assigned_to": office_user.pk}, format="json").status_code == 400
    moved = _client(office_head).post(f"/api/cases/cases/{case.pk}/assignment/", {"assigned_to": office_user.pk},
                                      format="json")
    assert moved.status_code == 200 and moved.json()["assigned_to"] == office_user.pk
    events = _client(office_user).get(f"/api/cases/cases/{case.pk}/events/").json()
    events = events["results"] if isinstance(events, dict) else events
    assert [e["label"] for e in events if e["event_type"] == "assigned"] == ["Zuständigkeit geändert"] * 2


def test_substitutions(api, office_user, colleague):
    today = timezone.localdate()
    created = api.post("/api/cases/substitutions/", {"absent": office_user.pk, "substitute": colleague.pk,
                                                     "starts_on": today.isoformat(),
                                                     "ends_on": (today + timedelta(days=2)).isoformat()},
                       format="json")
    assert created.status_code == 201
    assert Substitution.objects.get().substitute == colleague
    wrong = api.post("/api/cases/substitutions/", {"absent": colleague.pk, "substitute": office_user.pk,
                                                   "starts_on": today.isoformat(), "ends_on": today.isoformat()},
                     format="json")
    assert wrong.status_code == 400
    assert len(api.get("/api/cases/substitutions/").json()) == 1


def test_calendar_lists_a_range(api, office_user):
    today = timezone.localdate()
    Meeting.objects.create(date=today + timedelta(days=3))
    case = make_case(actor=office_user)
    Case.objects.filter(pk=case.pk).update(state=State.STATEMENT_REQUESTED, statement_due_on=today + timedelta(days=5))
    rows = api.get("/api/cases/calendar/", {"start": today.isoformat(),
                                            "end": (today + timedelta(days=10)).isoformat()}).json()
    assert [r["kind"] for r in rows] == ["Sitzung", "Frist Stellungnahme"]
    assert rows[1]["case_id"] == case.pk
    outside = api.get("/api/cases/calendar/", {"start": (today + timedelta(days=6)).isoformat(),
                                               "end": (today + timedelta(days=10)).isoformat()}).json()
    assert outside == []
    too_long = api.get("/api/cases/calendar/", {"start": today.isoformat(),
                                                "end": (today + timedelta(days=500)).isoformat()})
    assert too_long.status_code == 400
