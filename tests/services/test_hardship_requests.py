from datetime import date, timedelta

import pytest
from django.core import mail

from haertefall.accounts.models import Role
from haertefall.authorities import services
from haertefall.authorities.models import Outcome
from haertefall.cases.states import Closure, State, Step
from haertefall.core.errors import DomainError, StepNotAllowed
from haertefall.correspondence.rendering import docx_paragraphs

from ..authorities_support import (  # noqa: F401
    authority_user,
    case_request_decided,
    case_request_sent,
    case_taken_up,
    private_media,
)
from ..factories import UserFactory

TODAY = date.today()


@pytest.mark.django_db
def test_send_generates_letter_files_it_and_emails_authority(office_user, django_capture_on_commit_callbacks):
    case = case_request_decided(actor=office_user, authority_key="stadt-koeln")
    authority_user("stadt-koeln")
    with django_capture_on_commit_callbacks(execute=True):
        hardship = services.hardship_request_send(case=case, actor=office_user, sent_on=TODAY - timedelta(days=5))

    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT
    letter_doc = hardship.letter
    assert letter_doc.doc_type == "letter" and letter_doc.case_id == case.pk
    assert letter_doc.file.read().startswith(b"%PDF")
    letter = case.letters.get(kind="hardship_request")
    assert (letter.status, letter.channel, letter.dispatched_on) == ("sent", "portal", TODAY - timedelta(days=5))
    text = "\n".join(t for _s, t in docx_paragraphs(letter.docx.file.read()))
    assert case.file_number in text
    assert "Härtefallersuchen" in text
    assert case.events.filter(event_type="letter_sent").exists()
    assert case.events.get(step=Step.SEND_REQUEST).data["hardship_request_id"] == hardship.pk
    sent = [m for m in mail.outbox if "Härtefallersuchen" in m.subject]
    assert sent and "abh@stadt-koeln.example" in sent[0].to
    # The email names the file number and links into the system, never the person.
    assert "Berisha" not in sent[0].body


@pytest.mark.django_db
def test_send_refused_before_commission_decided(office_user):
    case = case_taken_up(actor=office_user)
    with pytest.raises(StepNotAllowed, match="beschlossen"):
        services.hardship_request_send(case=case, actor=office_user, sent_on=TODAY)
    assert case.letters.count() == 0


@pytest.mark.django_db
def test_outcome_refused_before_intended_decision(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    for kind in ("granted", "refused"):
        with pytest.raises(DomainError, match="beabsichtigte Entscheidung"):
            services.outcome_record(hardship_request=hardship, actor=koeln, kind=kind, decided_on=TODAY)
    assert not Outcome.objects.exists()
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT


@pytest.mark.django_db
def test_not_follow_without_reasons_refused(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    with pytest.raises(DomainError, match="Gründe"):
        services.intended_decision_record(hardship_request=hardship, actor=authority_user("stadt-koeln"),
                                          follow=False, reasons="  ", recorded_on=TODAY)
    case.refresh_from_db()
    assert case.state == State.REQUEST_SENT
    assert not hardship.intended_decisions.exists()


@pytest.mark.django_db
def test_not_follow_informs_ministry_and_office_then_outcome(office_user, django_capture_on_commit_callbacks):
    UserFactory(username="ministerium", role=Role.MINISTRY, email="referat@ministerium.example")
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.intended_decision_record(
            hardship_request=hardship, actor=koeln, follow=False,
            reasons="Lebensunterhalt nicht gesichert.", recorded_on=TODAY - timedelta(days=2))

    decision.refresh_from_db()  # the ministry counts as informed once its e-mail went out (§ 7 Abs. 3)
    assert decision.ministry_informed_at is not None and decision.office_informed_at is not None
    assert decision.ministry_channel == "email" and decision.ministry_notice.sent_at is not None
    recipients = {address for m in mail.outbox for address in m.to}
    assert "referat@ministerium.example" in recipients
    assert "geschaeftsstelle@haertefall.invalid" in recipients
    assert all("Lebensunterhalt" not in m.body for m in mail.outbox)  # reasons stay in the system
    case.refresh_from_db()
    assert case.state == State.INTENDED_DECISION
    assert case.events.get(step=Step.RECORD_INTENDED_DECISION).data["reasons"] == "Lebensunterhalt nicht gesichert."

    outcome = services.outcome_record(hardship_request=hardship, actor=koeln, kind="refused", decided_on=TODAY)
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closure == Closure.NOT_FOLLOWED
    assert outcome.kind == "refused"


@pytest.mark.django_db
def test_refusal_after_intended_follow_needs_new_intended_decision(office_user, django_capture_on_commit_callbacks):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=True, reasons="",
                                      recorded_on=TODAY - timedelta(days=3))
    with pytest.raises(DomainError, match="folgen zu wollen"):
        services.outcome_record(hardship_request=hardship, actor=koeln, kind="refused", decided_on=TODAY)
    # A revised intended decision with reasons opens the way.
    with django_capture_on_commit_callbacks(execute=True):
        services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=False,
                                          reasons="Neue Erkenntnisse zur Identität.",
                                          recorded_on=TODAY - timedelta(days=1))
    assert case.events.filter(event_type="intended_decision_revised").count() == 1
    services.outcome_record(hardship_request=hardship, actor=koeln, kind="refused", decided_on=TODAY)
    case.refresh_from_db()
    assert case.closure == Closure.NOT_FOLLOWED


@pytest.mark.django_db
def test_waiting_period_for_not_follow_is_configurable(office_user, settings, django_capture_on_commit_callbacks):
    settings.HAERTEFALL_NOT_FOLLOW_WAITING_DAYS = 14
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    with django_capture_on_commit_callbacks(execute=True):
        services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=False, reasons="Gründe",
                                          recorded_on=TODAY - timedelta(days=3))
    with pytest.raises(DomainError, match="frühestens"):
        services.outcome_record(hardship_request=hardship, actor=koeln, kind="refused", decided_on=TODAY)


@pytest.mark.django_db
def test_granted_with_conditions(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=True, reasons="",
                                      recorded_on=TODAY - timedelta(days=3))
    with pytest.raises(DomainError, match="nach ihrem Beginn"):
        services.outcome_record(hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY,
                                permit_valid_from=TODAY, permit_valid_until=TODAY)
    outcome = services.outcome_record(
        hardship_request=hardship, actor=koeln, kind="granted", decided_on=TODAY, permit_valid_from=TODAY,
        permit_valid_until=TODAY + timedelta(days=365), condition_living_costs=True, condition_section_68=True)
    assert outcome.condition_living_costs and outcome.condition_section_68
    case.refresh_from_db()
    assert case.closure == Closure.FOLLOWED
    assert case.events.get(step=Step.OUTCOME_GRANTED).data["condition_section_68"] is True


@pytest.mark.django_db
def test_other_closure_needs_no_intended_decision_but_a_reason(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    with pytest.raises(DomainError, match="Art der anderen Erledigung"):
        services.outcome_record(hardship_request=hardship, actor=office_user, kind="other", decided_on=TODAY)
    outcome = services.outcome_record(hardship_request=hardship, actor=office_user, kind="other",
                                      decided_on=TODAY, other_reason="departure")
    assert outcome.entered_by_office
    case.refresh_from_db()
    assert case.closure == Closure.REQUEST_OTHER_CLOSURE and case.closure_reason == "departure"


@pytest.mark.django_db
def test_other_authority_cannot_record(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    with pytest.raises(DomainError):
        services.intended_decision_record(hardship_request=hardship, actor=authority_user("stadt-essen"),
                                          follow=True, reasons="", recorded_on=TODAY)
