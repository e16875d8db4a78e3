"""Withdrawing a hardship request is the commission's decision (report, ch. 5: "nimmt die
Kommission in der Regel ihr Ersuchen wieder zurück"), decision 0102.

The office records the facts and puts the case on a session's agenda; the commission decides
with quorum and majority, the reasons go into the minutes; then a letter goes to the authority,
which holds the request as the legal basis of a permit, and a notice to the ministry. The
revocation still counts as "andere Erledigung nach Ersuchen" in the statistics.
"""

import io
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.cases.states import Closure, ClosureReason, State, StatStatus, Step
from haertefall.core.errors import DomainError
from haertefall.correspondence.models import Letter, LetterKind, SentEmail
from haertefall.correspondence.services import letter_docx, letter_generate
from haertefall.meetings.minutes import minutes_content
from haertefall.meetings.models import AgendaItem, ItemVote
from haertefall.meetings.services import (
    agenda_item_add,
    attendance_record,
    item_decide,
    meeting_plan,
)
from haertefall.meetings.services.decisions import Votes
from tests.authorities_support import (
    case_request_decided,
    case_request_sent,
    private_media,  # noqa: F401 — letters into a temporary folder
)
from tests.meetings_world import all_present, build_commission

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
FACTS = "KANARIE9SACHVERHALT: Die Identität beruhte auf einem gefälschten Pass."
REASONS = "KANARIE9GRUENDE: Die Kommission hätte bei wahren Angaben nicht ersucht."


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def _withdrawal_item(office_user, commission, case, *, on=None):
    meeting = meeting_plan(kind="commission", date=on or TODAY(), actor=office_user, commission=commission,
                           place="Düsseldorf")
    item = agenda_item_add(meeting=meeting, case=case, actor=office_user, subject=AgendaItem.Subject.REVOCATION,
                           facts=FACTS)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    return item


def _docx_text(letter) -> str:
    """The letter's text as it would be sent (the decision creates drafts, decision 0110)."""
    data = letter_docx(letter) if letter.docx is None else letter.docx.file.open("rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode()


def test_commission_withdraws_its_request_in_session_then_authority_and_ministry_are_told(office_user, commission,
                                                                                         settings):
    settings.HAERTEFALL_MINISTRY_EMAIL = "haertefall@ministerium.example"
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    item = _withdrawal_item(office_user, commission, case)
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT  # putting it on the agenda withdraws nothing
    assert case.events.last().event_type == "revocation_proposed"

    decision = item_decide(item=item, outcome="revoke", reasons=REASONS, votes=Votes(7, 2, 1), actor=office_user)
    case.refresh_from_db()
    assert (case.state, case.closure, case.closure_reason) == (State.CLOSED, Closure.REVOKED,
                                                               ClosureReason.REQUEST_REVOKED)
    revoked = case.events.get(step=Step.REVOKE_REQUEST)
    assert revoked.effective_on == item.meeting.date
    # Statistics as defined: the revocation is "andere Erledigung nach Ersuchen".
    assert revoked.stat_status == StatStatus.REQUEST_OTHER_CLOSURE
    assert ItemVote.objects.get(item=item).motion == ItemVote.Motion.REVOCATION
    assert decision.quorum_text.startswith("Beschlussfähig")

    to_authority = Letter.objects.get(case=case, kind=LetterKind.REQUEST_WITHDRAWAL)
    to_ministry = Letter.objects.get(case=case, kind=LetterKind.WITHDRAWAL_MINISTRY)
    assert to_authority.recipient == case.authority.name
    text = _docx_text(to_authority)
    assert case.file_number in text and f"{item.meeting.date:%d.%m.%Y}" in text and "zurückgenommen" in text
    assert f"{hardship.sent_on:%d.%m.%Y}" in text
    emails = {e.kind: e for e in SentEmail.objects.filter(case=case)}
    assert case.authority.email in emails["request_withdrawal"].to
    assert emails["withdrawal_ministry"].to == "haertefall@ministerium.example"

    # Confidential (§ 6 Abs. 2 HFKVO): the facts and the reasons stay in the minutes.
    for letter in (to_authority, to_ministry):
        assert "KANARIE9" not in _docx_text(letter)
    assert not any("KANARIE9" in str(e.data) for e in case.events.all())
    minutes = minutes_content(item.meeting)
    paragraphs = [value for entry in minutes.items for _label, value in entry.paragraphs]
    assert FACTS in paragraphs and REASONS in paragraphs
    assert minutes.items[0].heading.endswith("Rücknahme des Ersuchens")


def test_withdrawal_needs_quorum_and_majority_section_6(office_user, commission):
    case, _ = case_request_sent(actor=office_user)
    item = _withdrawal_item(office_user, commission, case)
    with pytest.raises(DomainError, match="Die Rücknahme des Ersuchens ist nicht beschlossen"):
        item_decide(item=item, outcome="revoke", reasons="x", votes=Votes(5, 5, 0), actor=office_user)
    with pytest.raises(DomainError, match="Abstimmungsergebnis"):
        item_decide(item=item, outcome="revoke", reasons="x", actor=office_user)
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT and not Letter.objects.filter(
        case=case, kind__in=[LetterKind.REQUEST_WITHDRAWAL, LetterKind.WITHDRAWAL_MINISTRY]).exists()
    # Without a majority the request stands; that is recorded, and nobody outside is written to.
    item_decide(item=item, outcome="keep", reasons="Die Angaben sind inzwischen berichtigt.", votes=Votes(5, 5, 0),
                actor=office_user)
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT
    assert case.events.last().event_type == "revocation_refused"
    assert not SentEmail.objects.filter(case=case, kind__in=["request_withdrawal", "withdrawal_ministry"]).exists()


def test_withdrawal_without_quorum_is_refused(office_user, commission):
    case, _ = case_request_sent(actor=office_user)
    meeting = meeting_plan(kind="commission", date=TODAY(), actor=office_user, commission=commission,
                           place="Düsseldorf")
    item = agenda_item_add(meeting=meeting, case=case, actor=office_user, subject="revocation", facts=FACTS)
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={1, 2, 3, 4, 5, 6}), actor=office_user)
    with pytest.raises(DomainError, match="Nicht beschlussfähig"):
        item_decide(item=item, outcome="revoke", reasons="x", votes=Votes(4, 0, 0), actor=office_user)


def test_a_followed_request_can_be_withdrawn_after_the_permit(office_user, commission):
    from haertefall.authorities import services as authorities

    case, hardship = case_request_sent(actor=office_user)
    sent_on = hardship.sent_on
    authorities.intended_decision_record(hardship_request=hardship, actor=office_user, follow=True, reasons="",
                                         recorded_on=sent_on + timedelta(days=1))
    authorities.outcome_record(hardship_request=hardship, actor=office_user, kind="granted",
                               decided_on=sent_on + timedelta(days=2))
    case.refresh_from_db()
    assert case.closure == Closure.FOLLOWED
    item = _withdrawal_item(office_user, commission, case)
    item_decide(item=item, outcome="revoke", reasons="Falsche Personalien.", votes=Votes(6, 4, 0), actor=office_user)
    case.refresh_from_db()
    assert case.closure == Closure.REVOKED
    assert case.events.get(step=Step.REVOKE_REQUEST).stat_status == StatStatus.REQUEST_OTHER_CLOSURE


def test_a_request_never_sent_is_withdrawn_without_letters(office_user, commission):
    case = case_request_decided(actor=office_user)
    item = _withdrawal_item(office_user, commission, case)
    item_decide(item=item, outcome="revoke", reasons="x", votes=Votes(6, 4, 0), actor=office_user)
    case.refresh_from_db()
    assert case.closure == Closure.REVOKED
    assert not Letter.objects.filter(case=case, kind__in=[LetterKind.REQUEST_WITHDRAWAL,
                                                          LetterKind.WITHDRAWAL_MINISTRY]).exists()


def test_the_office_cannot_withdraw_alone(office_user, commission):
    case, _ = case_request_sent(actor=office_user)
    client = Client()
    client.force_login(office_user)
    # Not a step of the case file any more: page and API refuse it and name the session.
    page = client.post(reverse("cases:step", args=[case.pk, "revoke_request"]),
                       {"effective_on": TODAY().isoformat(), "expected_version": case.version, "reasons": "x"})
    api = client.post(reverse("cases-api:step-revoke_request", args=[case.pk]),
                      {"effective_on": TODAY().isoformat(), "reasons": "x"}, content_type="application/json")
    assert page.status_code == 400 and "Beschluss der Kommission" in page.content.decode()
    assert api.status_code == 400 and "Beschluss der Kommission" in api.content.decode()
    # Nor a withdrawal letter before the commission's decision.
    with pytest.raises(DomainError, match="nur die Kommission"):
        letter_generate(case=case, kind=LetterKind.REQUEST_WITHDRAWAL, actor=office_user)
    # The facts are required to put it on the agenda.
    meeting = meeting_plan(kind="commission", date=TODAY(), actor=office_user, commission=commission,
                           place="Düsseldorf")
    with pytest.raises(DomainError) as err:
        agenda_item_add(meeting=meeting, case=case, actor=office_user, subject="revocation", facts=" ")
    assert err.value.field == "facts"
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT


def test_only_a_case_with_a_request_can_have_its_request_withdrawn(office_user, commission):
    from tests.meetings_world import ready_case

    meeting = meeting_plan(kind="commission", date=TODAY(), actor=office_user, commission=commission,
                           place="Düsseldorf")
    with pytest.raises(DomainError, match="zurücknehmen kann die Kommission nur"):
        agenda_item_add(meeting=meeting, case=ready_case(actor=office_user), actor=office_user,
                        subject="revocation", facts=FACTS)
