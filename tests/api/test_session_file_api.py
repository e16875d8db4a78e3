"""The session file in the API (issue 15, decision 0114): the member's own summary and PDF, the
office's check of an invited person's copy, the schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from haertefall.audit.models import AuditEntry
from haertefall.meetings.models import ItemExclusion
from tests.pdf_checks import pdf_text
from tests.services.test_meetings_session_file import session  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_member_reads_her_summary_without_the_excluded_item(session):  # noqa: F811
    meeting, member = session["meeting"], session["member"]
    ItemExclusion.objects.create(item=meeting.items.get(case=session["second"]),
                                 seat=meeting.commission.seat_set.get(number=2))
    body = _client(member).get(reverse("meetings-api:session_file", args=[meeting.pk])).json()
    assert body["recipient"] == "Miriam Mappel" and body["watermark"].startswith("Persönliche Ausfertigung für")
    assert [item["file_number"] for item in body["items"]] == [session["first"].file_number]
    item = body["items"][0]
    assert item["persons"][0]["family_name"] == "Erstfamilie"
    assert item["prior_procedure"].startswith("Asylantrag 2015")
    assert {d["title"]: d["in_pdf"] for d in item["documents"]} == {"Ärztliches Attest": True, "Schulzeugnis": True}
    assert AuditEntry.objects.filter(user=member, action=AuditEntry.Action.READ, case_id=session["first"].pk,
                                     detail__contains="API").exists()


def test_office_checks_a_copy_and_gets_the_pdf_but_has_no_own(session, office_user):  # noqa: F811
    meeting, deputy = session["meeting"], session["deputy"]
    office = _client(office_user)
    assert office.get(reverse("meetings-api:session_file", args=[meeting.pk])).status_code == 404
    body = office.get(reverse("meetings-api:session_file_for", args=[meeting.pk, deputy.pk])).json()
    assert body["recipient"] == "Stefan Stellmann" and len(body["items"]) == 2
    response = office.get(reverse("meetings-api:session_file_for_pdf", args=[meeting.pk, deputy.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Stefan Stellmann" in pdf_text(response.content)
    assert AuditEntry.objects.filter(user=office_user, action=AuditEntry.Action.DOWNLOAD,
                                     case_id=session["second"].pk).exists()
    member = _client(session["member"])
    assert member.get(reverse("meetings-api:session_file_for", args=[meeting.pk, deputy.pk])).status_code == 404


def test_schema_documents_the_session_file(api):
    paths = api.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert "/api/meetings/meetings/{id}/session-file/" in paths
    assert "/api/meetings/meetings/{id}/session-file/{user_pk}/pdf/" in paths
