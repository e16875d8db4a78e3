"""§ 7 Abs. 3 HFKVO is evidence (issue 14, decision 0108): "ministry informed" is recorded only
when the notice actually went out, by e-mail to a configured address or on another way the
office records; without an address the step says so and stops."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from haertefall.authorities import services
from haertefall.authorities.models import IntendedDecision
from haertefall.core.errors import DomainError
from tests.authorities_support import authority_user, case_request_sent

pytestmark = pytest.mark.django_db
TODAY = date.today()


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_par7_3_the_ministry_is_informed_when_its_email_went_out(office_user, django_capture_on_commit_callbacks):
    _case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=False,
                                                     reasons="Gründe", recorded_on=TODAY)
    decision.refresh_from_db()
    assert decision.ministry_notice.to == "ministerium@example.invalid"
    assert decision.ministry_informed_at == decision.ministry_notice.sent_at is not None
    assert any("ministerium@example.invalid" in m.to for m in mail.outbox)


def test_par7_3_a_failed_email_is_no_evidence_and_blocks_the_refusal(office_user, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.services.test_ministry_notice.FailingBackend"
    settings.HAERTEFALL_NOT_FOLLOW_WAITING_DAYS = 0
    _case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    koeln = authority_user("stadt-koeln")
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.intended_decision_record(hardship_request=hardship, actor=koeln, follow=False,
                                                     reasons="Gründe", recorded_on=TODAY)
    decision.refresh_from_db()
    assert decision.ministry_informed_at is None and decision.ministry_notice.error
    with pytest.raises(DomainError, match="nicht nachweislich informiert"):
        services.outcome_record(hardship_request=hardship, actor=koeln, kind="refused", decided_on=TODAY)
    # The office sends it again once the mail server is back …
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.ministry_notice_resend(decision=decision, actor=office_user)
    decision.refresh_from_db()
    assert decision.ministry_informed_at is not None
    services.outcome_record(hardship_request=hardship, actor=koeln, kind="refused", decided_on=TODAY)


def test_par7_3_the_office_records_a_notice_sent_otherwise(office_user, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.services.test_ministry_notice.FailingBackend"
    _case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.intended_decision_record(hardship_request=hardship, actor=authority_user("stadt-koeln"),
                                                     follow=False, reasons="Gründe", recorded_on=TODAY)
    with pytest.raises(DomainError, match="Geschäftsstelle"):
        services.ministry_notice_record_otherwise(decision=decision, actor=authority_user("stadt-koeln"),
                                                  informed_on=TODAY, channel="fax")
    with pytest.raises(DomainError, match="Weg"):
        services.ministry_notice_record_otherwise(decision=decision, actor=office_user, informed_on=TODAY,
                                                  channel="email")
    decision = services.ministry_notice_record_otherwise(decision=decision, actor=office_user, informed_on=TODAY,
                                                         channel="fax")
    assert decision.ministry_channel == "fax" and decision.ministry_informed_by == office_user
    assert timezone.localtime(decision.ministry_informed_at).date() == TODAY
    assert hardship.case.events.filter(event_type="ministry_informed").exists()


def test_par7_3_without_a_ministry_address_the_step_says_so_and_stops(office_user, settings):
    settings.HAERTEFALL_MINISTRY_EMAIL = ""
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    case.refresh_from_db()
    version = case.version
    with pytest.raises(DomainError, match="keine E-Mail-Adresse des Ministeriums eingerichtet"):
        services.intended_decision_record(hardship_request=hardship, actor=authority_user("stadt-koeln"),
                                          follow=True, reasons="", recorded_on=TODAY)
    case.refresh_from_db()
    assert case.version == version and not IntendedDecision.objects.exists()
    # The office may record it with the date and way it informed the ministry itself.
    decision = services.intended_decision_record(
        hardship_request=hardship, actor=office_user, follow=True, reasons="", recorded_on=TODAY,
        informed_otherwise_on=TODAY - timedelta(days=1), informed_otherwise_channel="post")
    assert decision.ministry_channel == "post" and decision.ministry_notice is None
    assert timezone.localtime(decision.ministry_informed_at).date() == TODAY - timedelta(days=1)
