"""Minutes: PDF and DOCX with the decisions, approval by the chair, immutability."""

import io
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from haertefall.core.errors import DomainError
from haertefall.meetings.minutes import minutes_content, render_docx, render_pdf
from haertefall.meetings.models import Attendance, ItemDecision, ItemVote, Minutes
from haertefall.meetings.services import attendance_record, item_decide, minutes_approve
from haertefall.meetings.services.decisions import Votes
from haertefall.meetings.services.minutes import minutes_file
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate() - timedelta(days=2)
    cases = [ready_case(actor=office_user, ready_on=on - timedelta(days=5), family_name=n) for n in ("Eins", "Zwei")]
    meeting = session_with_items(actor=office_user, commission=commission, on=on, cases=cases)
    attendance_record(meeting=meeting, statuses=all_present(meeting, absent={10}, deputy={4}), actor=office_user)
    first, second = meeting.items.all()
    item_decide(item=first, outcome="request", reasons="Seit 12 Jahren in Deutschland, Kinder in der Schule.",
                votes=Votes(7, 1, 1), expectations=["passport", "work"], actor=office_user)
    item_decide(item=second, outcome="no_request", reasons="Keine dringenden persönlichen Gründe.",
                votes=Votes(2, 6, 1), recommendation="Prüfung einer Ausbildungsduldung",
                recommendation_votes=Votes(8, 0, 1), actor=office_user)
    return meeting


def test_minutes_pdf_and_docx_contain_attendance_quorum_and_decisions(decided):
    from docx import Document

    content = minutes_content(decided)
    pdf = render_pdf(content)
    assert pdf.startswith(b"%PDF")
    document = Document(io.BytesIO(render_docx(content)))
    text = "\n".join(p.text for p in document.paragraphs)
    table_text = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "Seit 12 Jahren in Deutschland, Kinder in der Schule." in text
    assert "Mitwirkung an der Beschaffung eines Passes" in text
    assert "Prüfung einer Ausbildungsduldung" in text
    assert "Beschlussfähig: 9 von 10 Sitzen anwesend" in text
    assert "Angenommen: 7 Ja-Stimmen, 1 Nein-Stimme, 1 Enthaltung" in text
    assert "Stellvertretung" in table_text and "Sam Stellv4" in table_text
    assert "Eins" not in text  # no names of persons concerned in the minutes
    assert "abwesend" in table_text
    assert "ENTWURF" in text


def test_only_the_chair_approves_and_approved_minutes_are_stored_with_hash(decided, office_user, office_head):
    with pytest.raises(DomainError, match="genehmigt der Vorsitz"):
        minutes_approve(meeting=decided, actor=office_user)
    minutes = minutes_approve(meeting=decided, actor=office_head)
    assert minutes_file(minutes=minutes, fmt="pdf").startswith(b"%PDF")
    assert len(minutes.pdf_sha256) == 64 and len(minutes.docx_sha256) == 64
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(minutes_file(minutes=minutes, fmt="docx"))).paragraphs)
    assert "Genehmigt von" in text and "ENTWURF" not in text


def test_approval_is_refused_with_undecided_items(office_user, office_head):
    commission = build_commission(actor=office_user, chair=office_head)
    on = timezone.localdate() - timedelta(days=1)
    meeting = session_with_items(actor=office_user, commission=commission, on=on,
                                 cases=[ready_case(actor=office_user, ready_on=on - timedelta(days=3))])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    with pytest.raises(DomainError, match="Über TOP 1 ist noch nicht beschlossen"):
        minutes_approve(meeting=meeting, actor=office_head)


def test_approved_minutes_refuse_every_later_change(decided, office_user, office_head):
    minutes = minutes_approve(meeting=decided, actor=office_head)
    # Services refuse.
    with pytest.raises(DomainError, match="genehmigt"):
        attendance_record(meeting=decided, statuses=all_present(decided), actor=office_user)
    with pytest.raises(DomainError, match="genehmigt"):
        minutes_approve(meeting=decided, actor=office_head)
    # The database refuses, too, whatever code tries.
    for attempt in (
        lambda: Minutes.objects.filter(pk=minutes.pk).update(pdf_sha256="0" * 64),
        lambda: ItemDecision.objects.filter(item__meeting=decided).update(reasons="geändert"),
        lambda: ItemVote.objects.filter(item__meeting=decided).update(yes=0),
        lambda: Attendance.objects.filter(meeting=decided).update(status="absent"),
        lambda: ItemVote.objects.create(item=decided.items.first(), motion="recommendation", yes=9, no=0,
                                        abstain=0, adopted=True, rule_key="nrw-2020", result_text="x"),
    ):
        with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
            attempt()
    assert ItemDecision.objects.filter(item__meeting=decided, reasons="geändert").count() == 0
    assert connection.vendor in ("sqlite", "postgresql")


def test_retention_blanks_decision_text_even_after_approval(decided, office_head):
    from haertefall.meetings.retention import retention_scrub_case

    minutes_approve(meeting=decided, actor=office_head)
    item = decided.items.first()
    retention_scrub_case(case=item.case)
    decision = ItemDecision.objects.get(item=item)
    assert decision.reasons == "" and decision.outcome == "request"
    # Any other change is still refused.
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        ItemDecision.objects.filter(pk=decision.pk).update(outcome="no_request", reasons="")
