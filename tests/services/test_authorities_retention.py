from datetime import date, timedelta

import pytest

from haertefall.authorities import retention as authorities_retention
from haertefall.authorities import services
from haertefall.authorities.models import IntendedDecision, StatementRequest
from haertefall.cases.models import Document
from haertefall.correspondence import retention as correspondence_retention
from haertefall.correspondence.models import Letter, SentEmail

from ..authorities_support import authority_user, case_request_sent, private_media  # noqa: F401


@pytest.mark.django_db
def test_hooks_remove_free_text_and_free_the_documents_for_deletion(office_user):
    case, hardship = case_request_sent(actor=office_user, authority_key="stadt-koeln")
    services.intended_decision_record(hardship_request=hardship, actor=authority_user("stadt-koeln"),
                                      follow=False, reasons="Vorstrafe wegen Diebstahls",
                                      recorded_on=date.today() - timedelta(days=1))
    assert Letter.objects.filter(case=case).exists()

    authorities_retention.retention_scrub_case(case=case)
    correspondence_retention.retention_scrub_case(case=case)
    Document.objects.filter(case=case).delete()  # what the retention service does next

    assert not Letter.objects.filter(case=case).exists()
    assert StatementRequest.objects.get(case=case).answer_text == ""
    assert IntendedDecision.objects.get().reasons == authorities_retention.SCRUBBED
    assert not SentEmail.objects.filter(case=case, subject__contains=case.file_number).exists()
    assert "reasons" not in authorities_retention.EVENT_DATA_KEEP
