"""Issue 17, item 9 and issue 14: nothing internal reaches an authority or the ministry.

§ 6 Abs. 2 Satz 5 HFKVO: "Beratungsinhalte, im Verfahren bekannt gewordene Daten sowie das
Abstimmungsverhalten unterliegen der Verschwiegenheitspflicht." An authority sees what the
commission sends it (decision 0104); the ministry sees intended decisions and statistics.

Cases of authority A go through the procedure with a unique marker in every internal field and
document: the office's notes, follow-ups, the formal-check note, notes of steps (ready, other
closure, reopening), an information request to the submitter and its answer, the submitter's
contact details, the note of a mandatory ground found later, the reasons of the pre-screening
and of the commission's decisions (they go into the minutes, § 6 Abs. 3 Satz 3), the weighing
of a flagged regular exclusion ground, the facts and reasons of withdrawing a request, who sat
in the session, the vote counts, the names of the office's staff, documents not released to the
authority (medical attest, passport, evidence, an extract of the minutes, the answer to the
submitter's information request, the letter to the submitter) — their titles, file names and
contents — and a case whose statement was never requested. Then everything the case's authority
and the ministry can reach is fetched as they would: every page and API call of the permission
matrix they are allowed, the cases' own pages, history and records, every document and letter
(PDF and DOCX text extracted) and the statistics (CSV, XLSX, PDF, JSON, HTML), whatever status
they answer (error pages included), and the e-mails sent to them. No marker may appear; what
the authority is meant to read (its answer, the released document, the file number) must, and
the office must find every marker (so they were really recorded and the search reads the
formats).
"""

import base64
import io
import re
import subprocess
import zipfile
import zlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.authorities import services as authority_services
from haertefall.authorities.models import InfoRequest
from haertefall.cases.models import Case, Document
from haertefall.cases.services.lifecycle import (
    case_check_formally,
    case_close_other,
    case_exclude_later,
    case_mark_ready,
    case_reopen,
)
from haertefall.cases.services.records import document_add, followup_add, note_add
from haertefall.cases.states import ClosureReason
from haertefall.correspondence.models import AUTHORITY_KINDS, Channel, Letter, LetterKind
from haertefall.correspondence.services import letter_generate, letter_send
from haertefall.meetings.models import AgendaItem, ItemDecision, Meeting
from haertefall.meetings.services import (
    agenda_item_add,
    attendance_record,
    item_decide,
    meeting_plan,
    minutes_approve,
)
from haertefall.meetings.services.decisions import Votes, Weighing
from haertefall.registers.models import ExclusionGround
from haertefall.registers.selectors import catalogue_in_force
from tests.authorities_support import case_request_sent
from tests.factories import UserFactory, make_case
from tests.meetings_world import all_present, build_commission, ready_case, session_with_items
from tests.pdf_checks import pdf_text

from .test_permissions import matrix_rows
from .world import build_world

pytestmark = pytest.mark.django_db

CANARIES = {
    # the sessions (decision 0041)
    "reasons of the pre-screening": "KANARIE7F3AVORPRUEFUNG",
    "reasons of the request (minutes)": "KANARIE7F3AGRUENDE",
    "reasons of no request (minutes)": "KANARIE7F3AABLEHNUNG",
    "name of a member present": "KANARIE7F3AMITGLIED",
    # Counts nobody else uses in this world (7 of 10 seats present), as the minutes state them.
    "vote count of the request": "6 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen",
    "vote count of no request": "1 Ja-Stimme, 4 Nein-Stimmen, 2 Enthaltungen",
    "weighing of a regular exclusion ground (minutes)": "KANARIE7F3AABWAEGUNG",
    "facts for withdrawing a request (minutes)": "KANARIE7F3ASACHVERHALT",
    "reasons of withdrawing a request (minutes)": "KANARIE7F3ARUECKNAHME",
    "vote count of the withdrawal": "8 Ja-Stimmen, 0 Nein-Stimmen, 2 Enthaltungen",
    # the office's file (decision 0104)
    "name of the office's case officer": "MARKE9QSACHBEARBEITUNG",
    "note": "MARKE9QNOTIZ",
    "follow-up": "MARKE9QWIEDERVORLAGE",
    "formal-check note": "MARKE9QPRUEFVERMERK",
    "note of a step (ready)": "MARKE9QBEREITVERMERK",
    "note of another closure": "MARKE9QERLEDIGUNGSVERMERK",
    "reason of a reopening": "MARKE9QWIEDERAUFNAHME",
    "note of a mandatory ground found later": "MARKE9QAUSSCHLUSSVERMERK",
    "submitter's contact": "MARKE9QKONTAKT",
    "submitter's e-mail": "marke9qpost@example.invalid",
    "information requested from the submitter": "MARKE9QINFOANFRAGE",
    "submitter's answer": "MARKE9QINFOANTWORT",
    "submitter's answer (file content)": "MARKE9QINFODATEI",
    "medical attest (title)": "MARKE9QATTESTTITEL",
    "medical attest (file name)": "MARKE9QATTESTNAME",
    "medical attest (content)": "MARKE9QATTESTINHALT",
    "passport (content)": "MARKE9QPASSINHALT",
    "evidence not released (title)": "MARKE9QNACHWEISTITEL",
    "evidence not released (content)": "MARKE9QNACHWEISINHALT",
    "extract of the minutes (content)": "MARKE9QPROTOKOLLAUSZUG",
    "case before the statement request (name)": "Markefruehfall",
    "case before the statement request (reasons)": "MARKE9QFRUEHGRUENDE",
}
# What the authority is meant to read: found in its outputs, so the search reads content.
VISIBLE = {
    "its own answer": "SICHTBAR5ANTWORT",
    "the document released to it": "SICHTBAR5FREIGABE",
}
VOTES_REQUEST = Votes(6, 1, 0)
VOTES_NO_REQUEST = Votes(1, 4, 2)
VOTES_WITHDRAWAL = Votes(8, 0, 2)


def _file(name: str, content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/plain")


@pytest.fixture
def procedure(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "documents"
    world = build_world()
    users = world["users"]
    head = users["office_head"]
    authority_user = users["authority"]
    today = timezone.localdate()
    c = CANARIES
    office = UserFactory(username="marke-sachbearbeitung", role=Role.OFFICE, first_name="Sabine",
                         last_name=c["name of the office's case officer"])
    member = UserFactory(username="kanarie-mitglied", role=Role.MEMBER, first_name="Karla",
                         last_name=c["name of a member present"])
    deputy = UserFactory(username="kanarie-vertretung", role=Role.MEMBER, last_name="Vertretung")
    with django_capture_on_commit_callbacks(execute=True):
        commission = build_commission(actor=office, chair=head, members={2: (member, deputy)})
        authority = Case.objects.get(pk=world["case_a"]).authority
        received = today - timedelta(days=90)
        case = make_case(actor=office, received_on=received, family_name="Kanarienfall", authority_obj=authority,
                         submitter_contact="Postfach 1, " + c["submitter's contact"],
                         submitter_email=c["submitter's e-mail"])
        regular = (ExclusionGround.objects.filter(catalogue=catalogue_in_force(on=received),
                                                  kind=ExclusionGround.Kind.REGULAR).order_by("code").first())
        case_check_formally(case=case, actor=office, checked_on=today - timedelta(days=85),
                            ground_ids=[regular.pk], note=c["formal-check note"])
        note_add(case=case, actor=office, text=c["note"])
        followup_add(case=case, actor=office, due_on=today + timedelta(days=7), reason=c["follow-up"])
        released = document_add(case=case, actor=office, title=f"Antrag {VISIBLE['the document released to it']}",
                                doc_type=Document.Type.APPLICATION, upload=_file("antrag.txt", "Antragstext"))
        document_add(case=case, actor=office, title=c["medical attest (title)"], doc_type=Document.Type.MEDICAL,
                     upload=_file(f"{c['medical attest (file name)']}.txt", c["medical attest (content)"]))
        document_add(case=case, actor=office, title="Reisepass", doc_type=Document.Type.IDENTITY,
                     upload=_file("pass.txt", c["passport (content)"]))
        document_add(case=case, actor=office, title=c["evidence not released (title)"],
                     doc_type=Document.Type.EVIDENCE, upload=_file("nachweis.txt", c["evidence not released (content)"]))
        document_add(case=case, actor=office, title="Protokollauszug", doc_type=Document.Type.MINUTES,
                     upload=_file("auszug.txt", c["extract of the minutes (content)"]))
        letter_generate(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=office)
        other = ready_case(actor=office, ready_on=today - timedelta(days=30), family_name="Zweitfall",
                           authority_obj=authority)

        prescreen = session_with_items(actor=office, commission=commission, on=today - timedelta(days=80),
                                       cases=[case], kind=Meeting.Kind.PRESCREEN)
        attendance_record(meeting=prescreen, statuses=all_present(prescreen), actor=office)
        item_decide(item=prescreen.items.get(), outcome="take_up", votes=Votes(3, 0, 0), actor=office,
                    reasons=f"Befassung: {c['reasons of the pre-screening']}")

        statement = authority_services.statement_request(case=case, actor=office,
                                                         requested_on=today - timedelta(days=70),
                                                         release_documents=[released])
        authority_services.statement_answer(request=statement, actor=authority_user,
                                            answered_on=today - timedelta(days=60),
                                            text=f"Keine Bedenken. {VISIBLE['its own answer']}")
        info = authority_services.info_request(case=case, actor=office, recipient="submitter",
                                               requested_on=today - timedelta(days=55),
                                               due_on=today - timedelta(days=40),
                                               text=c["information requested from the submitter"])
        authority_services.info_answer(info=info, actor=office, answered_on=today - timedelta(days=45),
                                       text=c["submitter's answer"],
                                       files=[_file("antwort.txt", c["submitter's answer (file content)"])])
        case_mark_ready(case=case, actor=office, marked_on=today - timedelta(days=30),
                        note=c["note of a step (ready)"])

        session = session_with_items(actor=office, commission=commission, on=today - timedelta(days=5),
                                     cases=[case, other])
        # Seats 4, 9 and 10 absent, seat 3 by its deputy; seat 2, the member with the canary name, present.
        attendance_record(meeting=session, statuses=all_present(session, absent={4, 9, 10}, deputy={3}),
                          actor=office)
        first, second = session.items.order_by("position")
        item_decide(item=first, outcome="request", votes=VOTES_REQUEST, actor=office, expectations=["passport"],
                    reasons=f"Ersuchen: {c['reasons of the request (minutes)']}",
                    weighings=[Weighing(ground_id=regular.pk, excludes=False,
                                        reasons=c["weighing of a regular exclusion ground (minutes)"])])
        # With a recommendation: its letter goes to the authority (decision 0109), the reasons do not.
        item_decide(item=second, outcome="no_request", votes=VOTES_NO_REQUEST, actor=office,
                    reasons=f"Kein Ersuchen: {c['reasons of no request (minutes)']}",
                    recommendation="Prüfung einer Aufenthaltserlaubnis nach § 25b AufenthG.",
                    recommendation_votes=Votes(5, 2, 0))
        minutes_approve(meeting=session, actor=head)

        hardship = authority_services.hardship_request_send(case=Case.objects.get(pk=case.pk), actor=office,
                                                            sent_on=today - timedelta(days=3))
        authority_services.intended_decision_record(
            hardship_request=hardship, actor=authority_user, follow=False, recorded_on=today - timedelta(days=2),
            reasons="Der Lebensunterhalt ist nicht gesichert.")

        # A request sent to the authority, withdrawn by the commission in a session (letters to
        # the authority and the ministry; facts, reasons and votes in the minutes).
        withdrawn, _request = case_request_sent(actor=office, authority_key=authority.key, family_name="Viertfall")
        withdrawal = meeting_plan(kind=Meeting.Kind.COMMISSION, date=today - timedelta(days=1), actor=office,
                                  commission=commission, place="Düsseldorf")
        item = agenda_item_add(meeting=withdrawal, case=withdrawn, actor=office, subject=AgendaItem.Subject.REVOCATION,
                               facts=c["facts for withdrawing a request (minutes)"])
        attendance_record(meeting=withdrawal, statuses=all_present(withdrawal), actor=office)
        item_decide(item=item, outcome="revoke", votes=VOTES_WITHDRAWAL, actor=office,
                    reasons=c["reasons of withdrawing a request (minutes)"])
        minutes_approve(meeting=withdrawal, actor=head)

        # Asked for its statement, then withdrawn (note) and reopened (reason).
        closed = ready_case(actor=office, ready_on=today - timedelta(days=20), family_name="Drittfall",
                            authority_obj=authority)
        case_close_other(case=closed, actor=office, closed_on=today - timedelta(days=10),
                         reason=ClosureReason.WITHDRAWAL, note=c["note of another closure"])
        case_reopen(case=closed, actor=office, reopened_on=today - timedelta(days=1),
                    reason=c["reason of a reopening"])
        # Asked for its statement, then ended by a mandatory ground found later (note).
        excluded = ready_case(actor=office, ready_on=today - timedelta(days=20), family_name="Fünftfall",
                              authority_obj=authority)
        mandatory = (ExclusionGround.objects.filter(catalogue=catalogue_in_force(on=today),
                                                    kind=ExclusionGround.Kind.MANDATORY).order_by("code").first())
        case_exclude_later(case=excluded, actor=office, found_on=today - timedelta(days=2), ground_ids=[mandatory.pk],
                           note=c["note of a mandatory ground found later"])
        # The authority's own case, but its statement was never requested.
        early = make_case(actor=office, received_on=today - timedelta(days=10), authority_obj=authority,
                          family_name=c["case before the statement request (name)"], given_names="Fiona",
                          reasons_text=c["case before the statement request (reasons)"])
        # The office reads and sends every letter the procedure drafted (decision 0110).
        for draft in Letter.objects.filter(status=Letter.Status.DRAFT).order_by("pk"):
            letter_send(letter=draft, actor=office, dispatched_on=today, channel=Channel.EMAIL)
    case.refresh_from_db()
    # The matrix rows for "case A" now read the marked case (same authority as the world's).
    world.update(case_a=case.pk, person_a=case.persons.get().pk, document_a=released.pk)
    return {"world": world, "case": case, "other": other, "closed": closed, "early": early, "withdrawn": withdrawn,
            "excluded": excluded,
            "withdrawal": withdrawal,
            "statement": statement, "hardship": hardship, "session": session, "prescreen": prescreen,
            "regular_ground": regular, "office": office}


# --- reading what a user receives -----------------------------------------------------------

def _pdf_text(data: bytes) -> str:
    """The text a reader copies out of the PDF (poppler's pdftotext: embedded, subset fonts
    included), without the metadata, so that a title there does not count as read. A file
    poppler cannot open (a test upload that only starts like a PDF) is read stream by stream."""
    try:
        return pdf_text(data)
    except subprocess.CalledProcessError:
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
    from docx import Document as Docx

    document = Docx(io.BytesIO(data))
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
    """(kind, text) of a response as its reader sees it: the PDF's text, the DOCX's or XLSX's
    XML, the page, the JSON, the CSV, the error page — with the response headers (a file name
    in ``Content-Disposition`` is read too)."""
    data = _body(response)
    kind = response.get("Content-Type", "").split(";")[0]
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    if data.startswith(b"%PDF"):
        return "pdf", _pdf_text(data) + headers
    if data.startswith(b"PK"):
        if "wordprocessingml" in kind or b"word/document.xml" in data:
            return "docx", _docx_text(data) + headers
        return ("xlsx" if "spreadsheet" in kind else "zip"), _zip_text(data) + headers
    return kind or "text", data.decode("utf-8", "replace") + headers


def _leaks(text: str, markers=CANARIES) -> list[str]:
    return [what for what, marker in markers.items() if marker in text]


def _fetch(user, url: str, *, method: str = "get", data=None):
    """Status and (kind, text) of any answer, error pages included."""
    client = Client()
    client.force_login(user)
    with transaction.atomic():
        if method == "get":
            response = client.get(url, data or {})
        elif url.startswith("/api/"):
            response = client.post(url, data or {}, content_type="application/json")
        else:
            response = client.post(url, data or {})
        body = readable(response)
        transaction.set_rollback(True)  # a GET that writes (audit) changes nothing for the next
    return response.status_code, body


def _matrix_urls(role: str, world) -> list[str]:
    urls = []
    for _file, _index, row in matrix_rows():
        expected = row["expect"][role]
        allowed = set(expected) if isinstance(expected, (tuple, list, set, frozenset)) else {expected}
        if row.get("method", "get") != "get" or 200 not in allowed:
            continue
        kwargs = row["kwargs"](world) if row.get("kwargs") else {}
        urls.append(reverse(row["name"], kwargs=kwargs))
    return urls


def _case_urls(case) -> list[str]:
    urls = [reverse("cases:detail", args=[case.pk]), reverse("authorities:case", args=[case.pk])]
    urls += [reverse(f"cases-api:{name}", args=[case.pk])
             for name in ("case-detail", "case-events", "case-persons", "case-documents")]
    return urls


def _requests(role: str, procedure) -> list[tuple[str, str, dict | None]]:
    """(method, url, data): every GET the matrix allows the role, the cases' own pages and
    records, every document and letter (also those it may not open: their error pages), the
    statistics in every format, and refused or invalid input."""
    world, case, hardship = procedure["world"], procedure["case"], procedure["hardship"]
    urls = _matrix_urls(role, world)
    for each in (case, procedure["other"], procedure["closed"], procedure["early"], procedure["withdrawn"],
                 procedure["excluded"]):
        urls += _case_urls(each)
    for document in Document.objects.all():
        urls += [reverse("cases:document_download", args=[document.case_id, document.pk]),
                 reverse("cases-api:document-download", args=[document.case_id, document.pk])]
    for letter in Letter.objects.all():
        urls += [reverse("correspondence:letter_download", args=[letter.pk, fmt]) for fmt in ("pdf", "docx")]
        urls.append(reverse("correspondence-api:letter-download", args=[letter.pk]))
    urls += [reverse("authorities:statement_answer", args=[procedure["statement"].pk]),
             reverse("authorities:intended_decision", args=[hardship.pk]),
             reverse("authorities:outcome", args=[hardship.pk]),
             reverse("authorities-api:hardship-request-detail", args=[hardship.pk]),
             reverse("authorities-api:statement-request-detail", args=[procedure["statement"].pk]),
             reverse("meetings:minutes", args=[procedure["session"].pk, "pdf"]),
             reverse("meetings:minutes", args=[procedure["withdrawal"].pk, "docx"]),
             reverse("meetings:detail", args=[procedure["session"].pk])]
    for info in case.info_requests.all():
        urls.append(reverse("authorities:info_answer", args=[info.pk]))
    year = timezone.localdate().year
    urls.append(reverse("statistics_api:report") + f"?as_of={timezone.localdate()}&year_from={year - 1}"
                                                   f"&year_to={year}")
    urls += [reverse("statistics:download") + f"?format={fmt}" for fmt in ("csv", "xlsx", "pdf", "json", "html")]
    urls.append(reverse("statistics:download") + "?format=pdf&full=on")
    requests = [("get", url, None) for url in dict.fromkeys(urls)]
    # Refused and invalid input: the error pages and messages.
    requests += [("post", reverse("authorities:outcome", args=[hardship.pk]), {"kind": "x"}),
                 ("post", reverse("authorities-api:intended-decision-list"), {"hardship_request": hardship.pk}),
                 ("post", reverse("cases:step", args=[case.pk, "check"]), {}),
                 ("post", reverse("authorities:document_release", args=[case.pk, case.documents.first().pk]), {})]
    return requests


def _outputs(role: str, procedure) -> list[tuple[str, int, str, str]]:
    user = procedure["world"]["users"][role] if role != "office" else procedure["office"]
    result = []
    for method, url, data in _requests(role, procedure):
        status, (kind, text) = _fetch(user, url, method=method, data=data)
        result.append((url, status, kind, text))
    return result


# --- the tests --------------------------------------------------------------------------------

def test_the_office_finds_every_marker(procedure):
    """Control: every marker was recorded, and the search finds it in the formats it reads."""
    texts = [text for _url, status, _kind, text in _outputs("office", procedure) if status == 200]
    chair = procedure["world"]["users"]["office_head"]
    for meeting in (procedure["session"], procedure["withdrawal"]):
        for fmt in ("pdf", "docx"):
            status, (kind, text) = _fetch(chair, reverse("meetings:minutes", args=[meeting.pk, fmt]))
            assert status == 200 and kind == fmt
            texts.append(text)
    found = set(_leaks("\n".join(texts)))
    # Two are stored but shown on no page: the pre-screening's reasons (its decision record, not
    # the session's minutes) and the text of an answer to an information request.
    assert ItemDecision.objects.filter(reasons__contains=CANARIES["reasons of the pre-screening"]).exists()
    assert InfoRequest.objects.filter(answer_text=CANARIES["submitter's answer"]).exists()
    missing = set(CANARIES) - found - {"reasons of the pre-screening", "submitter's answer"}
    assert not missing, sorted(missing)


@pytest.mark.parametrize("role", ["authority", "ministry"])
def test_nothing_internal_reaches_the_authority_or_the_ministry(procedure, role):
    case = procedure["case"]
    ground = procedure["regular_ground"]
    leaks, reached, kinds, visible, read = [], [], set(), set(), {}
    case_urls = set(_case_urls(case))
    # A letter addressed to the authority names the office's contact person in its information
    # block (DIN 5008, decision 0110): that is what the commission sends it, not its file.
    letter_urls = set()
    for letter in Letter.objects.filter(kind__in=AUTHORITY_KINDS, status=Letter.Status.SENT):
        letter_urls |= {reverse("correspondence:letter_download", args=[letter.pk, fmt]) for fmt in ("pdf", "docx")}
        letter_urls.add(reverse("correspondence-api:letter-download", args=[letter.pk]))
        for document in (letter.pdf, letter.docx):
            letter_urls |= {reverse("cases:document_download", args=[document.case_id, document.pk]),
                            reverse("cases-api:document-download", args=[document.case_id, document.pk])}
    letter_urls.add(reverse("correspondence-api:letter-list"))  # the letters sent to it, with their contact
    for url, status, kind, text in _outputs(role, procedure):
        if status == 200:
            reached.append(url)
            kinds.add(kind)
            visible.update(_leaks(text, VISIBLE))
            read[url] = text
        found = _leaks(text)
        if role == "authority" and status == 200 and url in letter_urls:
            found = [what for what in found if what != "name of the office's case officer"]
        # The formal check's findings: the ground's label is public in the register, not on the case.
        if url in case_urls and ground.label in text:
            found.append(f"flagged regular exclusion ground ({ground.code})")
        if found:
            leaks.append(f"  {url} ({status}, {kind}): {', '.join(found)}")
    assert not leaks, f"Internal content reaches the {role}:\n" + "\n".join(leaks)

    # The search reached the content meant for the reader (not only refusals).
    if role == "authority":
        assert {"pdf", "docx", "application/json", "text/html", "text/plain"} <= kinds, kinds
        assert visible == set(VISIBLE), visible
        # The letters addressed to it were read as text (PDF and DOCX).
        letters = Letter.objects.filter(case__in=[case, procedure["withdrawn"], procedure["other"]],
                                        kind__in=AUTHORITY_KINDS)
        assert {letter.kind for letter in letters} >= {LetterKind.HARDSHIP_REQUEST, LetterKind.REQUEST_WITHDRAWAL,
                                                       LetterKind.RECOMMENDATION}
        for letter in letters:
            for fmt in ("pdf", "docx"):
                url = reverse("correspondence:letter_download", args=[letter.pk, fmt])
                assert letter.case.file_number in read[url], f"{url}: the {fmt} text was not read"
        for key in ("other", "closed", "withdrawn", "excluded"):
            assert set(_case_urls(procedure[key])) <= set(reached), key
        for url in _case_urls(case):
            assert url in reached, url
        for url in _case_urls(procedure["early"]):
            assert url not in reached, url
    else:
        assert {"pdf", "text/csv", "xlsx", "application/json", "text/html"} <= kinds, kinds
        assert reverse("authorities:ministry") in reached
        _status, (_kind, page) = _fetch(procedure["world"]["users"]["ministry"], reverse("authorities:ministry"))
        assert case.file_number in page and "Lebensunterhalt" in page


def test_nothing_internal_in_the_emails_to_the_authority_or_the_ministry(procedure):
    authority = procedure["case"].authority
    users = procedure["world"]["users"]
    outside = {users["authority"].email, users["ministry"].email, settings.HAERTEFALL_MINISTRY_EMAIL,
               authority.email} - {""}
    sent = [message for message in mail.outbox if outside & set(message.to + message.cc + message.bcc)]
    assert len(sent) >= 3, "the statement request, the hardship request and the § 7 Abs. 3 notice"
    for message in sent:
        text = "\n".join([message.subject, message.body,
                          *(str(content) for content, _mime in getattr(message, "alternatives", []))])
        assert not _leaks(text), (message.to, message.subject, _leaks(text))
