"""Art. 15 DSGVO: the whole file of one case as one PDF with its documents attached
(issue 16, decision 0123) — without the commission's votes and reasons, without other cases."""

import io
from datetime import timedelta

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Document
from haertefall.cases.services.corrections import case_correct
from haertefall.cases.services.records import document_add
from haertefall.meetings.services import attendance_record, item_decide
from haertefall.meetings.services.corrections import item_decision_correct
from haertefall.meetings.services.decisions import Votes
from tests.factories import make_case
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items
from tests.pdf_checks import pdf_archival_problems, pdf_text

pytestmark = pytest.mark.django_db

SECRET_REASONS = "Vertrauliche Abwägung der Kommission zur Familie"


@pytest.fixture
def decided_case(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate() - timedelta(days=1)
    case = ready_case(actor=office_user, ready_on=on - timedelta(days=10), family_name="Gashi", given_names="Arta")
    document_add(case=case, actor=office_user, title="Arbeitsvertrag",
                 upload=SimpleUploadedFile("vertrag.txt", b"Arbeitsvertrag Gashi\n", content_type="text/plain"))
    document_add(case=case, actor=office_user, title="Auszug Sitzungsprotokoll", doc_type=Document.Type.MINUTES,
                 upload=SimpleUploadedFile("auszug.txt", b"Protokollauszug\n", content_type="text/plain"))
    meeting = session_with_items(actor=office_user, commission=commission, on=on, cases=[case])
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={9, 10}), actor=office_user)
    item = meeting.items.get()
    item_decide(item=item, outcome="request", reasons=SECRET_REASONS, votes=Votes(6, 1, 1), actor=office_user)
    item_decision_correct(item=item, actor=office_user, reason="Zählfehler im Protokollentwurf", votes=Votes(7, 1, 0))
    case.refresh_from_db()
    case_correct(case=case, actor=office_user, reason="Eingangsstempel", received_on=case.received_on - timedelta(days=1))
    # Another application with a similar name: never part of this export.
    make_case(actor=office_user, family_name="Gashi", given_names="Besnik")
    return case


def test_export_holds_the_file_without_votes_reasons_or_other_cases(office_user, decided_case, client):
    client.force_login(office_user)
    response = client.get(reverse("cases:subject_access", args=[decided_case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Gashi" not in response["Content-Disposition"]
    data = response.content
    assert pdf_archival_problems(data) == []
    text = pdf_text(data)
    assert "Auskunft nach Art. 15 DSGVO" in text
    assert decided_case.file_number in text
    assert "Gashi, Arta" in text
    assert "Härtefallersuchen" in text  # the decision itself
    assert "Eingangsdatum" in text and "Korrektur" in text  # history with German labels
    assert "Arbeitsvertrag" in text
    for secret in (SECRET_REASONS, "7 Ja", "6 Ja", "Zählfehler", "Besnik", "Auszug Sitzungsprotokoll"):
        assert secret not in text, secret
    for code in ("decide_request", "decision_corrected", "received_on"):
        assert code not in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.open_metadata().get("pdfaid:part") == "3"
        names = list(pdf.attachments)
        assert len(names) == 1 and names[0].endswith(".txt") and "Arbeitsvertrag" in names[0]
        assert pdf.attachments[names[0]].get_file().read_bytes() == b"Arbeitsvertrag Gashi\n"
        assert len(pdf.Root.AF) == 1
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, case_id=decided_case.pk).latest("pk")
    assert "Art. 15" in entry.detail


def test_only_the_office_exports(decided_case, member_user, authority_user, client):
    for user in (member_user, authority_user):
        client.force_login(user)
        assert client.get(reverse("cases:subject_access", args=[decided_case.pk])).status_code in (403, 404)


def test_api_returns_the_same_pdf_kind(office_user, decided_case, client):
    client.force_login(office_user)
    response = client.get(reverse("cases-api:subject-access", args=[decided_case.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_decision_recorded_without_a_session_is_named_from_the_history(office_user):
    """A decision taken over from the register or recorded after a session held elsewhere has no
    agenda item: the export names it from the history, with its expectations, never its reasons."""
    from haertefall.cases.services.lifecycle import case_decide, case_step
    from haertefall.cases.states import Step
    from haertefall.cases.subject_access import subject_access_content

    case = ready_case(actor=office_user, ready_on=timezone.localdate() - timedelta(days=5), family_name="Hoxha")
    case = case_step(case=case, actor=office_user, step=Step.PLACE_ON_AGENDA,
                     effective_on=timezone.localdate() - timedelta(days=2))
    case = case_decide(case=case, actor=office_user, decided_on=timezone.localdate() - timedelta(days=1),
                       decision="request", reasons=SECRET_REASONS, expectations="Vorlage eines Passes")
    decisions = subject_access_content(case=case)["decisions"]
    assert [(d["body"], d["outcome"], d["expectations"]) for d in decisions] == [
        ("Vorprüfungsausschuss", "Vorprüfung: Befassung", []),
        ("Härtefallkommission", "Beschluss: Härtefallersuchen", ["Vorlage eines Passes"])]
    assert SECRET_REASONS not in str(decisions)
