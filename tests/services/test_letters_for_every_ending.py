"""Decisions reach the outside world (issue 14, decision 0109).

Every ending writes to the submitter: a mandatory exclusion ground (at the check or later), no
take-up (committee or commission), no request, the request sent to the authority, and the
authority's outcome. A recommendation without a request (§ 6 Abs. 3 Satz 4 HFKVO) goes to the
authority. The expectations attached to a request (report, ch. 5) are part of the request letter
the authority reads. The reasons of the commission stay in the minutes (§ 6 Abs. 2 HFKVO).
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.authorities import services as authorities
from haertefall.cases.services.lifecycle import case_check_formally, case_exclude_later
from haertefall.cases.states import Closure
from haertefall.correspondence.access import letters_visible_for
from haertefall.correspondence.models import Channel, Letter, LetterKind
from haertefall.correspondence.rendering import docx_paragraphs
from haertefall.correspondence.services import letter_docx, letter_send
from haertefall.meetings.models import Meeting
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.decisions import Votes
from haertefall.registers.models import ExclusionGround
from haertefall.registers.selectors import catalogue_in_force
from tests.authorities_support import (
    authority_user,
    case_request_sent,
    private_media,  # noqa: F401 — letters into a temporary folder
)
from tests.factories import make_case
from tests.meetings_world import (
    all_present,
    build_commission,
    checked_case,
    ready_case,
    session_with_items,
    without_prescreen_committee,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ADDRESS = {"submitter_contact": "Musterstraße 1\n40210 Düsseldorf"}
SECRET = "KANARIE0109GRUENDE"
INTERNAL_CODES = ("no_request", "mandatory_exclusion", "commission_no_take_up", "prescreen_rejected", "passport")


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def _text(letter: Letter) -> str:
    """The letter as it would be sent (a draft until the office sends it, decision 0110)."""
    if letter.docx is None:
        return "\n".join(text for _style, text in docx_paragraphs(letter_docx(letter)))
    with letter.docx.file.open("rb") as handle:
        return "\n".join(text for _style, text in docx_paragraphs(handle.read()))


def _only_letter(case, kind) -> Letter:
    letters = list(case.letters.filter(kind=kind))
    assert len(letters) == 1, f"{kind}: {len(letters)} Schreiben"
    return letters[0]


def _assert_outside_text(text: str) -> None:
    assert SECRET not in text
    assert "{{" not in text
    for code in INTERNAL_CODES:
        assert code not in text


def _session(office_user, commission, cases, kind=Meeting.Kind.COMMISSION):
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY(), cases=cases, kind=kind)
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    return meeting


def _mandatory_ground(on):
    return (ExclusionGround.objects.filter(catalogue=catalogue_in_force(on=on), kind=ExclusionGround.Kind.MANDATORY)
            .order_by("code").first())


def test_mandatory_exclusion_at_the_check_writes_to_the_submitter_naming_the_ground(office_user):
    on = TODAY() - timedelta(days=3)
    case = make_case(actor=office_user, received_on=on - timedelta(days=5), **ADDRESS)
    ground = _mandatory_ground(on)
    case = case_check_formally(case=case, actor=office_user, checked_on=on, ground_ids=[ground.pk], note=SECRET)
    assert case.closure == Closure.NO_REQUEST
    letter = _only_letter(case, LetterKind.EXCLUSION_NOTICE)
    assert letter.recipient == case.submitter_name
    text = _text(letter)
    assert ground.label in text and ground.paragraph in text
    assert f"{on:%d.%m.%Y}" in text and "Musterstraße 1" in text
    _assert_outside_text(text)  # the check's note is the office's


def test_mandatory_ground_found_later_writes_to_the_submitter(office_user):
    case = ready_case(actor=office_user, **ADDRESS)
    ground = _mandatory_ground(TODAY())
    case = case_exclude_later(case=case, actor=office_user, found_on=TODAY(), ground_ids=[ground.pk], note=SECRET)
    text = _text(_only_letter(case, LetterKind.EXCLUSION_NOTICE))
    assert ground.label in text and f"{TODAY():%d.%m.%Y}" in text
    _assert_outside_text(text)


def test_no_take_up_by_the_prescreening_committee_writes_to_the_submitter(office_user, commission):
    case = checked_case(actor=office_user, on=TODAY() - timedelta(days=10), **ADDRESS)
    meeting = _session(office_user, commission, [case], kind=Meeting.Kind.PRESCREEN)
    item_decide(item=meeting.items.get(), outcome="no_take_up", reasons=SECRET, votes=Votes(0, 3, 0),
                actor=office_user)
    letter = _only_letter(case, LetterKind.NO_TAKE_UP_NOTICE)
    assert letter.recipient == case.submitter_name
    text = _text(letter)
    assert "befasst sich mit dem Fall nicht" in text and f"{TODAY():%d.%m.%Y}" in text
    _assert_outside_text(text)


def test_no_take_up_by_the_commission_writes_to_the_submitter(office_user, commission):
    without_prescreen_committee()
    on = TODAY() - timedelta(days=10)
    case = case_check_formally(case=make_case(actor=office_user, received_on=on, **ADDRESS), actor=office_user,
                               checked_on=on)
    meeting = _session(office_user, commission, [case])
    item_decide(item=meeting.items.get(), outcome="no_take_up", reasons=SECRET, votes=Votes(2, 8, 0),
                actor=office_user)
    _assert_outside_text(_text(_only_letter(case, LetterKind.NO_TAKE_UP_NOTICE)))


def test_no_request_writes_to_the_submitter_and_the_recommendation_goes_to_the_authority(office_user,
                                                                                      commission):
    case = ready_case(actor=office_user, **ADDRESS)
    meeting = _session(office_user, commission, [case])
    recommendation = "Prüfung einer Aufenthaltserlaubnis nach § 25b AufenthG."
    item_decide(item=meeting.items.get(), outcome="no_request", reasons=SECRET, votes=Votes(2, 8, 0),
                recommendation=recommendation, recommendation_votes=Votes(8, 2, 0), actor=office_user)

    notice = _only_letter(case, LetterKind.NO_REQUEST_NOTICE)
    assert notice.recipient == case.submitter_name
    text = _text(notice)
    assert "kein Härtefallersuchen" in text and "Empfehlung" in text
    assert recommendation not in text  # meant for the authority; the submitter learns that one exists
    _assert_outside_text(text)

    letter = _only_letter(case, LetterKind.RECOMMENDATION)
    assert letter.recipient == case.authority.name
    text = _text(letter)
    assert recommendation in text and "§ 6 Abs. 3 Satz 4 HFKVO" in text
    _assert_outside_text(text)
    # The authority reads it once the office has sent the draft (its statement was requested, so
    # the case is its own).
    reader = authority_user(case.authority.key)
    assert not letters_visible_for(reader).filter(pk=letter.pk).exists()
    letter_send(letter=letter, actor=office_user, dispatched_on=TODAY(), channel=Channel.EMAIL)
    assert letters_visible_for(reader).filter(pk=letter.pk).exists()
    assert not letters_visible_for(reader).filter(pk=notice.pk).exists()


def test_no_request_without_recommendation_writes_no_letter_to_the_authority(office_user, commission):
    case = ready_case(actor=office_user, **ADDRESS)
    meeting = _session(office_user, commission, [case])
    item_decide(item=meeting.items.get(), outcome="no_request", reasons=SECRET, actor=office_user)
    assert "Empfehlung" not in _text(_only_letter(case, LetterKind.NO_REQUEST_NOTICE))
    assert not case.letters.filter(kind=LetterKind.RECOMMENDATION).exists()


def test_request_letter_carries_the_expectations_and_cites_23a_with_7_1_and_the_authority_reads_it(
        office_user, commission):
    case = ready_case(actor=office_user, **ADDRESS)
    meeting = _session(office_user, commission, [case])
    item_decide(item=meeting.items.get(), outcome="request", reasons=SECRET, votes=Votes(8, 2, 0),
                expectations=["passport", "work"], expectations_text="Regelmäßiger Schulbesuch der Kinder",
                actor=office_user)
    case.refresh_from_db()
    hardship = authorities.hardship_request_send(case=case, actor=office_user, sent_on=TODAY())

    letter = _only_letter(case, LetterKind.HARDSHIP_REQUEST)
    text = _text(letter)
    assert "§ 23a Abs. 1 AufenthG in Verbindung mit § 7 Abs. 1 HFKVO" in text
    for expectation in ("Mitwirkung an der Beschaffung eines Passes",
                        "Aufnahme einer den Lebensunterhalt sichernden Erwerbstätigkeit",
                        "Regelmäßiger Schulbesuch der Kinder"):
        assert expectation in text
    assert f"{TODAY():%d.%m.%Y}" in text
    _assert_outside_text(text)

    # The authority downloads the request letter with the expectations in it.
    client = Client()
    client.force_login(authority_user(case.authority.key))
    response = client.get(reverse("correspondence:letter_download", args=[letter.pk, "docx"]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Mitwirkung an der Beschaffung eines Passes" in "\n".join(
        t for _s, t in docx_paragraphs(body))
    assert hardship.letter_id == letter.pdf_id

    sent = _only_letter(case, LetterKind.REQUEST_SENT_NOTICE)
    assert sent.recipient == case.submitter_name
    text = _text(sent)
    assert case.authority.name in text and "Mitwirkung an der Beschaffung eines Passes" in text
    _assert_outside_text(text)


def test_outcome_recorded_by_the_office_writes_to_the_submitter(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    case.submitter_contact = ADDRESS["submitter_contact"]
    case.save(update_fields=["submitter_contact"])
    authorities.intended_decision_record(hardship_request=hardship, actor=authority_user("stadt-koeln"),
                                         follow=True, reasons="", recorded_on=TODAY())
    authorities.outcome_record(hardship_request=hardship, actor=office_user, kind="granted", decided_on=TODAY())
    letter = _only_letter(case, LetterKind.OUTCOME_NOTICE)
    assert letter.recipient == case.submitter_name
    text = _text(letter)
    assert "Aufenthaltserlaubnis nach § 23a AufenthG erteilt" in text and f"{TODAY():%d.%m.%Y}" in text


def test_outcome_recorded_by_the_authority_leaves_the_notice_to_the_office_and_the_page_says_so(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    case.submitter_contact = ADDRESS["submitter_contact"]
    case.save(update_fields=["submitter_contact"])
    koeln = authority_user("stadt-koeln")
    authorities.intended_decision_record(hardship_request=hardship, actor=koeln, follow=True, reasons="",
                                         recorded_on=TODAY())
    authorities.outcome_record(hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY())
    assert not case.letters.filter(kind=LetterKind.OUTCOME_NOTICE).exists()
    client = Client()
    client.force_login(office_user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "ist nicht erzeugt und nicht versandt" in page


def test_without_the_submitters_address_no_letter_is_recorded_and_the_page_says_so(office_user, commission):
    case = ready_case(actor=office_user)  # name, but no address
    meeting = _session(office_user, commission, [case])
    item_decide(item=meeting.items.get(), outcome="no_request", reasons=SECRET, actor=office_user)
    case.refresh_from_db()
    assert case.closure == Closure.NO_REQUEST
    assert not case.letters.exists()
    client = Client()
    client.force_login(office_user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Mitteilung an Einreicher/in: kein Ersuchen" in page
    assert "Anschrift der Einreicherin / des Einreichers nicht vollständig erfasst" in page
