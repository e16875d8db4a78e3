"""The session file (Sitzungsmappe, issue 15, decision 0114): each invited member's own copy,
without the items she is excluded from, her name and the date on every page, a bookmark per
item and per appended document, every read in the audit trail."""

import io
import subprocess
from datetime import date, timedelta

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from haertefall.accounts.models import Role
from haertefall.audit.models import AuditEntry
from haertefall.cases.models import Document
from haertefall.cases.services.records import document_add
from haertefall.core.pdf import pdf_from_template
from haertefall.meetings.models import ItemExclusion
from haertefall.meetings.session_file import session_file_content, session_file_pdf
from tests.factories import UserFactory
from tests.meetings_world import (
    build_commission,
    ready_case,
    release_session_documents,
    session_with_items,
)
from tests.pdf_checks import needs_poppler, pdf_archival_problems, pdf_structure_text, pdf_text

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 5)


def page_texts(data: bytes) -> list[str]:
    """The text of each page as pdftotext reads it (poppler), page by page; in content order
    (``-raw``), so that the diagonal watermark reads as one line."""
    needs_poppler()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    command = ["pdftotext", "-raw", "-enc", "UTF-8", "-f", "{n}", "-l", "{n}", "-", "-"]
    return [subprocess.run([part.format(n=n) for part in command], input=data,  # noqa: S603, S607 (poppler, fixed)
                           capture_output=True, check=True).stdout.decode() for n in range(1, count + 1)]


def flat(text: str) -> str:
    return " ".join(text.split())


def has_watermark(page_text: str, mark: str) -> bool:
    """The diagonal line is read glyph by glyph: pdftotext may put a space inside a word
    ("Stellm ann"), so the spaces are left out on both sides."""
    return "".join(mark.split()) in "".join(page_text.split())


def _upload(case, actor, content: bytes, name: str, title: str, content_type: str, doc_type=Document.Type.EVIDENCE):
    return document_add(case=case, actor=actor, upload=SimpleUploadedFile(name, content, content_type=content_type),
                        title=title, doc_type=doc_type, document_date=TODAY - timedelta(days=20))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def session(settings, tmp_path, office_user, office_head):
    settings.MEDIA_ROOT = tmp_path / "media"
    member = UserFactory(username="mappe-mitglied", role=Role.MEMBER, first_name="Miriam", last_name="Mappel")
    deputy = UserFactory(username="mappe-stv", role=Role.MEMBER, first_name="Stefan", last_name="Stellmann")
    commission = build_commission(actor=office_user, chair=office_head, members={2: (member, deputy)})
    today = timezone.localdate()
    first = ready_case(actor=office_user, ready_on=today - timedelta(days=3), family_name="Erstfamilie")
    second = ready_case(actor=office_user, ready_on=today - timedelta(days=3), family_name="Zweitfamilie")
    first.reasons_text = "Seit 2015 in Deutschland, Ausbildung zur Pflegefachkraft."
    first.prior_procedure = "Asylantrag 2015 abgelehnt, seitdem Duldung."
    first.save(update_fields=["reasons_text", "prior_procedure"])
    attest = pdf_from_template("pdf/base.html", {"title": "Attest Inhalt der Anlage"})
    _upload(first, office_user, attest, "attest.pdf", "Ärztliches Attest", "application/pdf", Document.Type.MEDICAL)
    _upload(first, office_user, _png(), "zeugnis.png", "Schulzeugnis", "image/png")
    _upload(second, office_user, b"Nur Text, kein PDF.\n", "vermerk.txt", "Vermerk zur Familie", "text/plain")
    meeting = session_with_items(actor=office_user, commission=commission, on=today + timedelta(days=7),
                                 cases=[first, second])
    release_session_documents(meeting=meeting, actor=office_user)
    return {"meeting": meeting, "member": member, "deputy": deputy, "first": first, "second": second,
            "commission": commission, "office": office_user}


def _exclude_seat_2_from(item):
    ItemExclusion.objects.create(item=item, seat=item.meeting.commission.seat_set.get(number=2))


def test_the_watermark_is_seen_on_the_page_but_not_read_out_by_a_screen_reader(session):
    """The diagonal line is an artifact of the tagged PDF (the page's background): on paper and
    on screen on every page, not in the text a screen reader reads; the first paragraph says
    for whom the copy is, once."""
    meeting, member = session["meeting"], session["member"]
    data = session_file_pdf(meeting=meeting, recipient=member, on=TODAY)
    mark = "Persönliche Ausfertigung für Miriam Mappel – 05.12.2026"
    assert has_watermark(page_texts(data)[0], mark)
    read_out = flat(pdf_structure_text(data))
    assert "Persönliche Ausfertigung für Miriam Mappel, erstellt am 05.12.2026" in read_out
    assert not has_watermark(read_out, mark)


def test_the_member_copy_has_every_item_with_summary_watermark_on_every_page_and_bookmarks(session):
    meeting, member = session["meeting"], session["member"]
    data = session_file_pdf(meeting=meeting, recipient=member, on=TODAY)
    pages = page_texts(data)
    assert len(pages) >= 5  # agenda, two items, the attest's page and the picture's page
    for number, text in enumerate(pages, start=1):
        assert has_watermark(text, "Persönliche Ausfertigung für Miriam Mappel – 05.12.2026"), f"Seite {number} ohne Vermerk"
    whole = flat(" ".join(pages))
    assert session["first"].file_number in whole and session["second"].file_number in whole
    assert "Erstfamilie" in whole and "Asylantrag 2015 abgelehnt" in whole and "Pflegefachkraft" in whole
    assert "Attest Inhalt der Anlage" in whole  # the appended PDF's own text
    assert "vermerk.txt" in whole and "auf der Seite der Sitzungsmappe abrufbar" in whole
    with pikepdf.open(io.BytesIO(data)) as pdf:
        # The appended (itself tagged) attest does not point into our structure tree.
        assert all("/StructParents" not in page.obj for page in pdf.pages[3:])
        assert all("/StructParents" in page.obj for page in pdf.pages[:3])
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        first_top = next(item for item in outline.root if item.title == f"TOP 1: {session['first'].file_number}")
        children = [child.title for child in first_top.children]
    assert titles == ["Tagesordnung", f"TOP 1: {session['first'].file_number}",
                      f"TOP 2: {session['second'].file_number}"]
    assert children == ["Anlage: Ärztliches Attest", "Anlage: Schulzeugnis"]


def test_the_typeset_part_is_archival_and_tagged_and_the_joined_file_does_not_claim_it(session):
    meeting, member = session["meeting"], session["member"]
    session["first"].documents.all().delete()
    own_only = session_file_pdf(meeting=meeting, recipient=member, on=TODAY)
    assert pdf_archival_problems(own_only) == []
    Document.objects.filter(case=session["second"]).delete()
    attest = pdf_from_template("pdf/base.html", {"title": "Anlage"})
    _upload(session["second"], session["member"], attest, "a.pdf", "Anlage", "application/pdf")
    release_session_documents(meeting=meeting, actor=session["office"])
    joined = session_file_pdf(meeting=meeting, recipient=member, on=TODAY)
    assert any("PDF/A" in problem for problem in pdf_archival_problems(joined))
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert "/StructTreeRoot" in pdf.Root  # the own pages keep their tags


def test_an_item_the_member_is_excluded_from_is_not_in_her_copy_but_in_the_others(session):
    meeting, member, deputy = session["meeting"], session["member"], session["deputy"]
    first_item = meeting.items.get(case=session["first"])
    _exclude_seat_2_from(first_item)  # seat 2: member and deputy
    text = flat(pdf_text(session_file_pdf(meeting=meeting, recipient=member, on=TODAY)))
    assert session["first"].file_number not in text and "Erstfamilie" not in text
    assert session["second"].file_number in text
    assert [e.item.pk for e in session_file_content(meeting=meeting, recipient=deputy)] == [
        meeting.items.get(case=session["second"]).pk]
    other = meeting.invitations.exclude(user__in=[member, deputy]).filter(user__role=Role.MEMBER).first().user
    assert len(session_file_content(meeting=meeting, recipient=other)) == 2


def test_download_is_logged_with_the_persons_and_outside_the_window_is_404(session, client, settings, monkeypatch):
    meeting, member = session["meeting"], session["member"]
    client.force_login(member)
    response = client.get(reverse("meetings:session_file_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "sitzungsmappe-" in response["Content-Disposition"] and "Mappel" not in response["Content-Disposition"]
    entries = AuditEntry.objects.filter(user=member, action=AuditEntry.Action.DOWNLOAD)
    assert entries.count() == 2
    first = entries.get(case_id=session["first"].pk)
    assert set(first.person_ids) == set(session["first"].persons.values_list("pk", flat=True))

    page = client.get(reverse("meetings:session_file", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Erstfamilie" in page.content.decode() and "Sitzungsmappe als PDF herunterladen" in page.content.decode()
    assert AuditEntry.objects.filter(user=member, action=AuditEntry.Action.READ, case_id=session["second"].pk).exists()

    late = meeting.date + timedelta(days=settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER + 1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: late)
    for name in ("meetings:session_file", "meetings:session_file_pdf"):
        response = client.get(reverse(name, args=[meeting.pk]))
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.content.decode()  # the German 404 page


def test_a_member_of_another_session_and_another_members_copy_are_404(session, client, office_user):
    meeting, member, deputy = session["meeting"], session["member"], session["deputy"]
    stranger = UserFactory(username="mappe-fremd", role=Role.MEMBER)
    client.force_login(stranger)
    assert client.get(reverse("meetings:session_file_pdf", args=[meeting.pk])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("meetings:session_file_for_pdf", args=[meeting.pk, deputy.pk])).status_code == 404
    assert client.get(reverse("meetings:session_file_for", args=[meeting.pk, deputy.pk])).status_code == 404
    client.force_login(office_user)
    response = client.get(reverse("meetings:session_file_for_pdf", args=[meeting.pk, deputy.pk]))
    assert response.status_code == 200
    mark = f"Persönliche Ausfertigung für Stefan Stellmann – {timezone.localdate():%d.%m.%Y}"
    assert all(has_watermark(text, mark) for text in page_texts(response.content))
    assert client.get(reverse("meetings:session_file_for_pdf", args=[meeting.pk, stranger.pk])).status_code == 404
    chooser = client.get(reverse("meetings:session_file", args=[meeting.pk])).content.decode()
    assert "Stefan Stellmann" in chooser and "Miriam Mappel" in chooser


def test_an_excluded_member_loses_the_case_file_and_the_item_on_her_session_page(session, client):
    """One rule for the session file, the case file and the session page and record: an item
    the member is excluded from (Befangenheit) is not hers to read (decision 0114)."""
    from rest_framework.test import APIClient

    meeting, member = session["meeting"], session["member"]
    first = session["first"]
    client.force_login(member)
    assert client.get(reverse("cases:detail", args=[first.pk])).status_code == 200
    _exclude_seat_2_from(meeting.items.get(case=first))

    assert client.get(reverse("cases:detail", args=[first.pk])).status_code == 404
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert first.file_number not in page and session["second"].file_number in page
    api = APIClient()
    api.force_authenticate(member)
    record = api.get(reverse("meetings-api:meeting", args=[meeting.pk])).json()
    assert [item["file_number"] for item in record["items"]] == [session["second"].file_number]

    other = meeting.invitations.exclude(user__in=[member, session["deputy"]]).filter(
        user__role=Role.MEMBER).first().user
    client.force_login(other)
    assert client.get(reverse("cases:detail", args=[first.pk])).status_code == 200
    assert first.file_number in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()


def test_the_exclusion_follows_who_holds_the_seat_on_the_session_day(session):
    """A seat's exclusion concerns whoever holds it as member or deputy on the session's day,
    not someone whose term on that seat had ended."""
    from haertefall.meetings.models import Membership

    meeting, member = session["meeting"], session["member"]
    _exclude_seat_2_from(meeting.items.get(case=session["first"]))
    Membership.objects.filter(user=member).update(term_end=meeting.date - timedelta(days=1))
    assert len(session_file_content(meeting=meeting, recipient=member)) == 2


def test_a_damaged_pdf_is_listed_with_a_note_and_the_file_still_comes(session):
    meeting, member = session["meeting"], session["member"]
    _upload(session["second"], session["member"], b"%PDF-1.4\n" + b"kaputt " * 50, "kaputt.pdf", "Beschädigte Anlage",
            "application/pdf")
    release_session_documents(meeting=meeting, actor=session["office"])
    data = session_file_pdf(meeting=meeting, recipient=member, on=TODAY)
    text = flat(" ".join(page_texts(data)))
    assert "Beschädigte Anlage" in text and "konnte nicht angefügt werden" in text
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
        second = next(item for item in outline.root if item.title.endswith(session["second"].file_number))
        assert [child.title for child in second.children] == []
