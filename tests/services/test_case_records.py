"""Documents, notes and follow-ups of the case file."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from haertefall.cases.models import Document
from haertefall.cases.services.records import document_add, followup_add, followup_done, note_add
from haertefall.core.errors import DomainError
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _upload(content: bytes, name="datei.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_document_stored_under_generated_name_with_hash(office_user):
    import hashlib

    case = make_case(actor=office_user)
    content = b"%PDF-1.4\n" + b"x" * 100
    document = document_add(case=case, actor=office_user, upload=_upload(content, "Attest Öztürk.pdf"),
                            title="Attest", doc_type=Document.Type.MEDICAL, document_date=date.today())
    assert document.original_name == "Attest Öztürk.pdf"
    assert "Attest" not in document.file.name and "Öztürk" not in document.file.name
    assert document.sha256 == hashlib.sha256(content).hexdigest() and document.size == len(content)
    assert case.events.filter(event_type="document_added").exists()


def test_document_size_limit_and_empty(office_user, settings):
    case = make_case(actor=office_user)
    settings.HAERTEFALL_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(DomainError, match="zu groß"):
        document_add(case=case, actor=office_user, upload=_upload(b"%PDF-1.4\n" + b"0" * (1024 * 1024)),
                     title="Groß")
    with pytest.raises(DomainError, match="leer"):
        document_add(case=case, actor=office_user, upload=_upload(b""), title="Leer")
    with pytest.raises(DomainError, match="Titel"):
        document_add(case=case, actor=office_user, upload=_upload(b"%PDF-1.4\n"), title=" ")
    assert not case.documents.exists()


def test_html_disguised_as_a_pdf_or_text_is_refused(office_user):
    """Issue 17, item 6: markup is refused by content, whatever the file is called."""
    case = make_case(actor=office_user)
    for name in ("x.pdf", "x.txt"):
        with pytest.raises(DomainError, match="kein erlaubter Dateityp"):
            document_add(case=case, actor=office_user, upload=_upload(b"<script>alert(1)</script>", name),
                         title="Skript")
    assert not case.documents.exists()


def test_note_and_followup_rules(office_user):
    case = make_case(actor=office_user)
    with pytest.raises(DomainError):
        note_add(case=case, actor=office_user, text="   ")
    with pytest.raises(DomainError):
        followup_add(case=case, actor=office_user, due_on=date.today(), reason="")
    follow_up = followup_add(case=case, actor=office_user, due_on=date.today(), reason="Nachfragen")
    done = followup_done(follow_up=follow_up, actor=office_user)
    again = followup_done(follow_up=follow_up, actor=office_user)
    assert done.done_at == again.done_at
    assert case.events.filter(event_type="followup_done").count() == 1
