"""Issue 17, item 9: what the commission deliberates never reaches an authority or the ministry.

§ 6 Abs. 2 Satz 5 HFKVO: "Beratungsinhalte, im Verfahren bekannt gewordene Daten sowie das
Abstimmungsverhalten unterliegen der Verschwiegenheitspflicht." A case goes through the whole
procedure with a unique canary in everything the sessions record in confidence: the reasons of
the pre-screening and of the commission's decisions (they go into the minutes, § 6 Abs. 3
Satz 3), who sat in the session (a member's name in the attendance) and the vote counts. Then
everything the case's authority and the ministry can reach is fetched as they would: every
page and API call of the permission matrix they are allowed, the case's own pages and records,
every letter as PDF and DOCX (text extracted), and the e-mails sent to them. No canary may
appear; the file number must (so the search reads the right things), and the office's minutes
must carry the canaries (so they were really recorded).
"""

import base64
import io
import re
import zipfile
import zlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.authorities import services as authority_services
from haertefall.cases.models import Case
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import Step
from haertefall.correspondence.models import Letter
from haertefall.meetings.models import ItemDecision, Meeting
from haertefall.meetings.services import attendance_record, item_decide, minutes_approve
from haertefall.meetings.services.decisions import Votes
from tests.factories import UserFactory
from tests.meetings_world import (
    all_present,
    build_commission,
    checked_case,
    ready_case,
    session_with_items,
)

from .test_permissions import matrix_rows
from .world import build_world

pytestmark = pytest.mark.django_db

CANARIES = {
    "reasons of the pre-screening": "KANARIE7F3AVORPRUEFUNG",
    "reasons of the request (minutes)": "KANARIE7F3AGRUENDE",
    "reasons of no request (minutes)": "KANARIE7F3AABLEHNUNG",
    "name of a member present": "KANARIE7F3AMITGLIED",
    # Counts nobody else uses in this world (7 of 10 seats present), as the minutes state them.
    "vote count of the request": "6 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen",
    "vote count of no request": "1 Ja-Stimme, 4 Nein-Stimmen, 2 Enthaltungen",
}
VOTES_REQUEST = Votes(6, 1, 0)
VOTES_NO_REQUEST = Votes(1, 4, 2)


@pytest.fixture
def procedure(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "documents"
    world = build_world()
    users = world["users"]
    office, head = users["office"], users["office_head"]
    authority_user = users["authority"]
    today = timezone.localdate()
    member = UserFactory(username="kanarie-mitglied", role=Role.MEMBER, first_name="Karla",
                         last_name=CANARIES["name of a member present"])
    deputy = UserFactory(username="kanarie-vertretung", role=Role.MEMBER, last_name="Vertretung")
    with django_capture_on_commit_callbacks(execute=True):
        commission = build_commission(actor=office, chair=head, members={2: (member, deputy)})
        authority = Case.objects.get(pk=world["case_a"]).authority
        case = checked_case(actor=office, on=today - timedelta(days=80), family_name="Kanarienfall",
                            authority_obj=authority)
        other = ready_case(actor=office, ready_on=today - timedelta(days=30), family_name="Zweitfall",
                           authority_obj=authority)

        prescreen = session_with_items(actor=office, commission=commission, on=today - timedelta(days=60),
                                       cases=[case], kind=Meeting.Kind.PRESCREEN)
        attendance_record(meeting=prescreen, statuses=all_present(prescreen), actor=office)
        item_decide(item=prescreen.items.get(), outcome="take_up", votes=Votes(3, 0, 0), actor=office,
                    reasons=f"Befassung: {CANARIES['reasons of the pre-screening']}")

        statement = authority_services.statement_request(case=case, actor=office,
                                                         requested_on=today - timedelta(days=59))
        authority_services.statement_answer(request=statement, actor=authority_user,
                                            answered_on=today - timedelta(days=40), text="Keine Bedenken.")
        case_step(case=case, actor=office, step=Step.MARK_READY, effective_on=today - timedelta(days=30))

        session = session_with_items(actor=office, commission=commission, on=today - timedelta(days=5),
                                     cases=[case, other])
        # Seats 4, 9 and 10 absent, seat 3 by its deputy; seat 2, the member with the canary name, present.
        attendance_record(meeting=session, statuses=all_present(session, absent={4, 9, 10}, deputy={3}),
                          actor=office)
        first, second = session.items.order_by("position")
        item_decide(item=first, outcome="request", votes=VOTES_REQUEST, actor=office, expectations=["passport"],
                    reasons=f"Ersuchen: {CANARIES['reasons of the request (minutes)']}")
        item_decide(item=second, outcome="no_request", votes=VOTES_NO_REQUEST, actor=office,
                    reasons=f"Kein Ersuchen: {CANARIES['reasons of no request (minutes)']}")
        minutes_approve(meeting=session, actor=head)

        hardship = authority_services.hardship_request_send(case=Case.objects.get(pk=case.pk), actor=office,
                                                            sent_on=today - timedelta(days=3))
        authority_services.intended_decision_record(
            hardship_request=hardship, actor=authority_user, follow=False, recorded_on=today - timedelta(days=2),
            reasons="Der Lebensunterhalt ist nicht gesichert.")
    case.refresh_from_db()
    # The matrix rows for "case A" now read the canary case (same authority as the world's).
    world.update(case_a=case.pk, person_a=case.persons.get().pk,
                 document_a=case.documents.order_by("pk").first().pk)
    return {"world": world, "case": case, "other": other, "statement": statement, "hardship": hardship,
            "session": session, "prescreen": prescreen}


# --- reading what a user receives -----------------------------------------------------------

def _pdf_text(data: bytes) -> str:
    """The content streams of a PDF written by reportlab (standard fonts; streams ASCII85 and
    Flate encoded), where each line's text stands in a string operand; without the raw file,
    so that a title in the metadata does not count as read."""
    parts = []
    for stream in re.findall(rb"stream\r?\n(.*?)\s*endstream", data, re.DOTALL):
        try:
            if stream.rstrip().endswith(b"~>"):
                stream = base64.a85decode(stream.strip(), adobe=True)
            parts.append(zlib.decompress(stream).decode("latin-1"))
        except (ValueError, zlib.error):
            parts.append(stream.decode("latin-1"))
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(texts) + "\n" + _zip_text(data)


def _zip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def readable(response) -> tuple[str, str]:
    """(kind, text) of a response as its reader sees it."""
    data = _body(response)
    kind = response.get("Content-Type", "").split(";")[0]
    if data.startswith(b"%PDF"):
        return "pdf", _pdf_text(data)
    if data.startswith(b"PK"):
        if "wordprocessingml" in kind or b"word/document.xml" in data:
            return "docx", _docx_text(data)
        return "zip", _zip_text(data)
    return kind or "text", data.decode("utf-8", "replace")


def _leaks(text: str) -> list[str]:
    return [what for what, canary in CANARIES.items() if canary in text]


def _fetch(user, url: str):
    client = Client()
    client.force_login(user)
    with transaction.atomic():
        response = client.get(url)
        body = readable(response) if response.status_code == 200 else ("", "")
        transaction.set_rollback(True)  # a GET that writes (audit) changes nothing for the next
    return response.status_code, body


def _urls_for(role: str, procedure) -> list[str]:
    """Every GET the permission matrix allows the role, plus the canary case's own records."""
    world, case, hardship = procedure["world"], procedure["case"], procedure["hardship"]
    urls = []
    for _file, _index, row in matrix_rows():
        expected = row["expect"][role]
        allowed = set(expected) if isinstance(expected, (tuple, list, set, frozenset)) else {expected}
        if row.get("method", "get") != "get" or 200 not in allowed:
            continue
        kwargs = row["kwargs"](world) if row.get("kwargs") else {}
        urls.append(reverse(row["name"], kwargs=kwargs))
    if role == "authority":
        urls += [reverse("cases:detail", args=[case.pk]), reverse("authorities:case", args=[case.pk]),
                 reverse("authorities:statement_answer", args=[procedure["statement"].pk]),
                 reverse("authorities:intended_decision", args=[hardship.pk]),
                 reverse("authorities:outcome", args=[hardship.pk]),
                 reverse("authorities-api:hardship-request-detail", args=[hardship.pk]),
                 reverse("authorities-api:statement-request-detail", args=[procedure["statement"].pk])]
        urls += [reverse(f"cases-api:{name}", args=[case.pk])
                 for name in ("case-detail", "case-events", "case-persons", "case-documents")]
        for document in case.documents.all():
            urls += [reverse("cases:document_download", args=[case.pk, document.pk]),
                     reverse("cases-api:document-download", args=[case.pk, document.pk])]
        for letter in Letter.objects.filter(case=case):
            urls += [reverse("correspondence:letter_download", args=[letter.pk, fmt]) for fmt in ("pdf", "docx")]
            urls.append(reverse("correspondence-api:letter-download", args=[letter.pk]))
        other = procedure["other"]  # decided "no request" in the same session
        urls += [reverse("cases:detail", args=[other.pk]), reverse("cases-api:case-events", args=[other.pk])]
    if role == "ministry":
        year = timezone.localdate().year
        urls += [reverse("statistics_api:report") + f"?as_of={timezone.localdate()}&year_from={year - 1}"
                                                      f"&year_to={year}"]
    return list(dict.fromkeys(urls))


# --- the tests --------------------------------------------------------------------------------

def test_the_minutes_carry_the_canaries(procedure):
    """Control: the canaries were recorded, and the search finds them in PDF and DOCX."""
    chair = procedure["world"]["users"]["office_head"]
    for fmt in ("pdf", "docx"):
        status, (kind, text) = _fetch(chair, reverse("meetings:minutes", args=[procedure["session"].pk, fmt]))
        assert status == 200 and kind == fmt
        assert set(_leaks(text)) == set(CANARIES) - {"reasons of the pre-screening"}, (fmt, _leaks(text))
    assert ItemDecision.objects.filter(reasons__contains=CANARIES["reasons of the pre-screening"]).exists()


@pytest.mark.parametrize("role", ["authority", "ministry"])
def test_no_deliberation_reaches_the_authority_or_the_ministry(procedure, role):
    user = procedure["world"]["users"][role]
    case = procedure["case"]
    leaks, reached, kinds = [], [], set()
    for url in _urls_for(role, procedure):
        status, (kind, text) = _fetch(user, url)
        if status != 200:
            continue
        reached.append(url)
        kinds.add(kind)
        found = _leaks(text)
        if found:
            leaks.append(f"  {url} ({kind}): {', '.join(found)}")
        if kind in ("pdf", "docx"):
            assert case.file_number in text, f"{url}: the {kind} text was not read"
    assert not leaks, f"Confidential session content reaches the {role}:\n" + "\n".join(leaks)

    # The search reached the case's content (not only refusals).
    if role == "authority":
        assert {"pdf", "docx"} <= kinds, kinds
        assert reverse("cases-api:case-events", args=[case.pk]) in reached
        assert reverse("authorities:case", args=[case.pk]) in reached
    else:
        assert reverse("authorities:ministry") in reached
        _status, (_kind, page) = _fetch(user, reverse("authorities:ministry"))
        assert case.file_number in page and "Lebensunterhalt" in page


def test_no_deliberation_in_the_emails_to_the_authority_or_the_ministry(procedure):
    authority = procedure["case"].authority
    users = procedure["world"]["users"]
    outside = {users["authority"].email, users["ministry"].email, settings.HAERTEFALL_MINISTRY_EMAIL,
               authority.email} - {""}
    sent = [message for message in mail.outbox if outside & set(message.to + message.cc + message.bcc)]
    assert sent, "no e-mail reached the authority or the ministry"
    for message in sent:
        text = "\n".join([message.subject, message.body,
                          *(str(content) for content, _mime in getattr(message, "alternatives", []))])
        assert not _leaks(text), (message.to, message.subject, _leaks(text))
