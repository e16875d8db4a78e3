"""Correcting a recorded vote or the reasons of a decision before the minutes are approved
(issue 16, decision 0121): who, when, why; the old values stay in the history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from haertefall.cases.models import CaseEvent
from haertefall.core.errors import DomainError
from haertefall.meetings.minutes import minutes_content
from haertefall.meetings.models import ItemVote
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.corrections import item_decision_correct
from haertefall.meetings.services.decisions import Votes
from haertefall.meetings.services.minutes import minutes_approve
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate() - timedelta(days=1)
    case = ready_case(actor=office_user, ready_on=on - timedelta(days=10), family_name="Gashi")
    meeting = session_with_items(actor=office_user, commission=commission, on=on, cases=[case])
    # 8 seats present: a request needs at least 5 yes votes.
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={9, 10}), actor=office_user)
    item = meeting.items.get()
    item_decide(item=item, outcome="request", reasons="Gut integriert.", votes=Votes(6, 1, 1), actor=office_user)
    return meeting, item


def test_a_vote_is_corrected_with_reason_and_the_old_counts_stay_in_the_history(office_user, decided):
    meeting, item = decided
    item_decision_correct(item=item, actor=office_user, reason="Zählfehler: eine Enthaltung war ein Ja",
                          votes=Votes(7, 1, 0))
    vote = ItemVote.objects.get(item=item, motion=ItemVote.Motion.REQUEST)
    assert (vote.yes, vote.no, vote.abstain, vote.adopted) == (7, 1, 0, True)
    event = CaseEvent.objects.get(case=item.case, event_type="decision_corrected")
    assert event.actor == office_user
    assert event.data["reason"] == "Zählfehler: eine Enthaltung war ein Ja"
    assert event.data["old"] == {"Abstimmung (Härtefallersuchen)": "6 Ja, 1 Nein, 1 Enthaltung"}
    assert event.data["new"] == {"Abstimmung (Härtefallersuchen)": "7 Ja, 1 Nein, 0 Enthaltungen"}
    # The minutes draft names the correction with the values before.
    content = minutes_content(meeting)
    texts = [f"{label} {text}" for label, text in content.items[0].paragraphs]
    assert any("Korrektur vom" in t and "Vorher: Abstimmung (Härtefallersuchen): 6 Ja, 1 Nein, 1 Enthaltung" in t
               for t in texts)


def test_corrected_counts_that_no_longer_carry_the_decision_are_refused(office_user, decided):
    _meeting, item = decided
    with pytest.raises(DomainError) as err:
        item_decision_correct(item=item, actor=office_user, reason="Zählfehler", votes=Votes(4, 2, 2))
    assert "tragen den Beschluss „Härtefallersuchen“ nicht" in err.value.message
    assert ItemVote.objects.get(item=item).yes == 6
    assert not CaseEvent.objects.filter(event_type="decision_corrected").exists()


def test_a_correction_needs_a_reason_and_a_change(office_user, decided):
    _meeting, item = decided
    with pytest.raises(DomainError, match="Grund der Korrektur"):
        item_decision_correct(item=item, actor=office_user, reason=" ", votes=Votes(7, 1, 0))
    with pytest.raises(DomainError, match="ändert nichts"):
        item_decision_correct(item=item, actor=office_user, reason="x", votes=Votes(6, 1, 1))


def test_after_approval_no_correction(office_user, office_head, decided):
    meeting, item = decided
    minutes_approve(meeting=meeting, actor=office_head)
    with pytest.raises(DomainError) as err:
        item_decision_correct(item=item, actor=office_user, reason="zu spät", votes=Votes(7, 1, 0))
    assert "Protokoll dieser Sitzung ist genehmigt" in err.value.message


def test_the_reasons_are_corrected_and_hidden_from_readers_without_deliberations(office_user, decided):
    _meeting, item = decided
    item_decision_correct(item=item, actor=office_user, reason="Tippfehler", reasons="Gut integriert, Arbeit.")
    item.decision.refresh_from_db()
    assert item.decision.reasons == "Gut integriert, Arbeit."
    event = CaseEvent.objects.get(event_type="decision_corrected")
    from haertefall.cases.access import HistoryReader
    from haertefall.cases.presenters import event_data

    outsider = HistoryReader(deliberations=False, entries=None, authority_id=None)
    assert set(event_data(event, reader=outsider)) <= {"meeting_id", "agenda_item"}


def test_page_and_api(office_user, decided, client):
    meeting, item = decided
    client.force_login(office_user)
    url = reverse("meetings:item_correct", args=[meeting.pk, item.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = {"yes": 7, "no": 1, "abstain": 0, "reasons": "Gut integriert.", "reason": ""}
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Grund der Korrektur" in refused.content.decode()
    done = client.post(url, {**form, "reason": "Zählfehler"})
    assert done.status_code == 302
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Korrekturen zu TOP 1" in detail and "Zählfehler" in detail
    api = client.post(reverse("meetings-api:item_decision_correction", args=[meeting.pk, item.pk]),
                      {"reason": "Noch ein Zählfehler", "votes": {"yes": 6, "no": 2, "abstain": 0}},
                      content_type="application/json")
    assert api.status_code == 200, api.content
    wrong = client.post(reverse("meetings-api:item_decision_correction", args=[meeting.pk, item.pk]),
                        {"reason": "x", "votes": {"yes": 3, "no": 5, "abstain": 0}}, content_type="application/json")
    assert wrong.status_code == 400
    assert "tragen den Beschluss" in wrong.content.decode()
