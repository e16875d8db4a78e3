"""The weighing of § 5 Abs. 2 grounds is the commission's (report, ch. 5: "Da dies eine wertende
Entscheidung ist, kann sie nur von der Härtefallkommission selbst getroffen werden").

Each regular ground flagged at the formal check is shown on the agenda item; the decision on the
request records, per ground, whether it excluded a positive decision and why; the minutes show
it; the case history (which the authority reads) does not.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.cases.services.lifecycle import case_check_formally, case_step
from haertefall.cases.states import Closure, State, Step
from haertefall.core.errors import DomainError
from haertefall.meetings.minutes import minutes_content
from haertefall.meetings.models import GroundWeighing, ItemDecision
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.decisions import Votes, Weighing
from haertefall.registers.selectors import grounds_in_force
from tests.factories import make_case
from tests.meetings_world import all_present, build_commission, session_with_items

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
WEIGHING = "KANARIE5ABWAEGUNG: Die Adresse ist seit Monaten bekannt, der Grund überwiegt nicht."


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def _ready_with_grounds(office_user, codes=("R3", "R6"), family_name="Krasniqi"):
    on = TODAY() - timedelta(days=30)
    case = make_case(actor=office_user, received_on=on, family_name=family_name)
    grounds = [g for g in grounds_in_force(on=on) if g.code in codes]
    case = case_check_formally(case=case, actor=office_user, checked_on=on, ground_ids=[g.pk for g in grounds])
    for step in (Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT, Step.MARK_READY):
        case = case_step(case=case, actor=office_user, step=step, effective_on=on)
    return case, {g.code: g for g in grounds}


def _item(office_user, commission, case):
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY(), cases=[case])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    return meeting.items.get()


def test_each_flagged_regular_ground_is_weighed_by_the_commission_section_5_2(office_user, commission):
    case, grounds = _ready_with_grounds(office_user)
    item = _item(office_user, commission, case)
    r3, r6 = grounds["R3"], grounds["R6"]
    # Not weighed: refused, naming the ground.
    with pytest.raises(DomainError) as err:
        item_decide(item=item, outcome="request", reasons="x", votes=Votes(8, 2, 0), actor=office_user,
                    weighings=[Weighing(r3.pk, False, "überwiegt nicht")])
    assert r6.label in err.value.message and err.value.field == f"ground_{r6.pk}"
    # Weighed without reasons: refused.
    with pytest.raises(DomainError) as err:
        item_decide(item=item, outcome="request", reasons="x", votes=Votes(8, 2, 0), actor=office_user,
                    weighings=[Weighing(r3.pk, False, "überwiegt nicht"), Weighing(r6.pk, False, " ")])
    assert err.value.field == f"ground_{r6.pk}_reasons"
    # A ground that excludes a positive decision leaves no room for a request.
    with pytest.raises(DomainError, match="ein Härtefallersuchen ist dann nicht möglich"):
        item_decide(item=item, outcome="request", reasons="x", votes=Votes(8, 2, 0), actor=office_user,
                    weighings=[Weighing(r3.pk, True, "Fahndung"), Weighing(r6.pk, False, "kein Termin")])
    assert not ItemDecision.objects.filter(item=item).exists()

    decision = item_decide(item=item, outcome="request", reasons="Gut integriert.", votes=Votes(8, 2, 0),
                           actor=office_user,
                           weighings=[Weighing(r3.pk, False, WEIGHING), Weighing(r6.pk, False, "Termin aufgehoben.")])
    assert {(w.ground.code, w.excludes) for w in decision.weighings.all()} == {("R3", False), ("R6", False)}
    case.refresh_from_db()
    assert case.state == State.REQUEST_DECIDED
    # The minutes show the weighing; the case history does not (§ 6 Abs. 2 HFKVO).
    paragraphs = dict(minutes_content(item.meeting).items[0].paragraphs)
    label = f"Soll-Ausschlussgrund „{r3.label}“ ({r3.paragraph})"
    assert paragraphs[label] == f"schließt eine positive Entscheidung nicht aus. {WEIGHING}"
    assert not any("KANARIE5" in str(event.data) for event in case.events.all())


def test_a_ground_that_excludes_goes_with_no_request_section_5_2(office_user, commission):
    case, grounds = _ready_with_grounds(office_user, codes=("R4",))
    item = _item(office_user, commission, case)
    item_decide(item=item, outcome="no_request", reasons="Straftaten von erheblichem Gewicht.", actor=office_user,
                weighings=[Weighing(grounds["R4"].pk, True, "Keine Gründe, die überwiegen.")])
    case.refresh_from_db()
    assert case.closure == Closure.NO_REQUEST
    assert GroundWeighing.objects.get(decision__item=item).excludes is True


def test_deferral_and_grounds_not_flagged_take_no_weighing(office_user, commission):
    case, grounds = _ready_with_grounds(office_user, codes=("R3",))
    other = next(g for g in grounds_in_force(on=TODAY()) if g.code == "R1")
    item = _item(office_user, commission, case)
    with pytest.raises(DomainError, match="vermerkten Soll-Ausschlussgründe"):
        item_decide(item=item, outcome="no_request", reasons="x", actor=office_user,
                    weighings=[Weighing(grounds["R3"].pk, True, "x"), Weighing(other.pk, True, "x")])
    with pytest.raises(DomainError, match="nicht bei einer Vertagung"):
        item_decide(item=item, outcome="deferred", reasons="x", actor=office_user,
                    weighings=[Weighing(grounds["R3"].pk, True, "x")])
    item_decide(item=item, outcome="deferred", reasons="Unterlagen fehlen.", actor=office_user)
    assert not GroundWeighing.objects.exists()


def test_agenda_item_shows_the_grounds_and_the_api_takes_the_weighing(office_user, commission):
    case, grounds = _ready_with_grounds(office_user, codes=("R3",))
    item = _item(office_user, commission, case)
    client = Client()
    client.force_login(office_user)
    page = client.get(reverse("meetings:detail", args=[item.meeting_id])).content.decode()
    assert grounds["R3"].label in page and "von der Kommission abzuwägen" in page
    url = reverse("meetings-api:item_decision", args=[item.meeting_id, item.pk])
    listed = client.get(url).json()
    assert [g["code"] for g in listed["regular_grounds"]] == ["R3"]
    missing = client.post(url, {"outcome": "request", "reasons": "x", "votes": {"yes": 8, "no": 2, "abstain": 0}},
                          content_type="application/json")
    assert missing.status_code == 400 and grounds["R3"].label in missing.content.decode()
    done = client.post(url, {"outcome": "request", "reasons": "x", "votes": {"yes": 8, "no": 2, "abstain": 0},
                             "weighings": [{"ground": grounds["R3"].pk, "excludes": False, "reasons": WEIGHING}]},
                       content_type="application/json")
    assert done.status_code == 201, done.content
    assert done.json()["decision"]["weighings"] == [
        {"ground": {"id": grounds["R3"].pk, "code": "R3", "label": grounds["R3"].label,
                    "paragraph": grounds["R3"].paragraph}, "excludes": False, "reasons": WEIGHING}]


def test_approved_minutes_freeze_the_weighing_but_retention_blanks_its_text(office_user, office_head, commission):
    from django.db import DatabaseError, transaction

    from haertefall.meetings.retention import retention_scrub_case
    from haertefall.meetings.services import minutes_approve

    case, grounds = _ready_with_grounds(office_user, codes=("R3",))
    item = _item(office_user, commission, case)
    item_decide(item=item, outcome="no_request", reasons="x", actor=office_user,
                weighings=[Weighing(grounds["R3"].pk, True, WEIGHING)])
    minutes_approve(meeting=item.meeting, actor=office_head)
    weighing = GroundWeighing.objects.get(decision__item=item)
    with pytest.raises(DatabaseError), transaction.atomic():
        GroundWeighing.objects.filter(pk=weighing.pk).update(excludes=False)
    retention_scrub_case(case=case)
    weighing.refresh_from_db()
    assert (weighing.excludes, weighing.reasons) == (True, "")
