"""Removing and replacing documents of the case file (issue 15, decision 0112)."""

from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from haertefall.audit.models import AuditEntry
from haertefall.authorities import services as authorities
from haertefall.authorities.models import DocumentRelease, StatementRequest
from haertefall.cases.access import documents_removed_for, documents_visible_for, history_reader_for
from haertefall.cases.models import Document
from haertefall.cases.presenters import timeline_rows
from haertefall.cases.selectors import case_event_list
from haertefall.cases.services.documents import document_remove, document_replace
from haertefall.cases.services.records import document_add
from haertefall.core.errors import DomainError
from tests.authorities_support import (
    authority_user,
    case_statement_requested,
    private_media,  # noqa: F401 — uploads into a temporary folder
)
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% Stellungnahme\n"


def _pdf(name="stellungnahme.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _document(case, actor, title="Attest Dr. Weber", doc_type=Document.Type.MEDICAL):
    return document_add(case=case, actor=actor, upload=_pdf("attest.pdf"), title=title, doc_type=doc_type,
                        document_date=date(2024, 3, 5))


def _history(case, user):
    return [(row["label"], dict(row["details"])) for row in timeline_rows(case_event_list(case),
                                                                          reader=history_reader_for(user))]


def test_removed_document_leaves_the_file_and_every_list_but_keeps_who_when_why(
        office_user, django_capture_on_commit_callbacks):
    case = make_case(actor=office_user)
    document = _document(case, office_user)
    stored = document.file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        document_remove(document=document, actor=office_user, reason="Falscher Fall zugeordnet")
    document.refresh_from_db()
    assert not default_storage.exists(stored) and not document.file
    assert document.removed_by == office_user and document.removal_reason == "Falscher Fall zugeordnet"
    assert list(documents_visible_for(user=office_user, case=case)) == []
    assert list(documents_removed_for(user=office_user, case=case)) == [document]
    label, details = _history(case, office_user)[-1]
    assert label == "Dokument entfernt"
    assert details["Dokument"] == "Attest Dr. Weber" and details["Grund"] == "Falscher Fall zugeordnet"
    assert details["Datum des Dokuments"] == "05.03.2024" and details["Dokumentart"] == "Ärztliches Attest"
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_id=str(document.pk)).get()
    assert "Falscher Fall" in entry.detail and entry.case_id == case.pk


def test_removed_documents_are_shown_to_the_office_only(office_user, member_user):
    case = make_case(actor=office_user)
    document_remove(document=_document(case, office_user), actor=office_user, reason="Doppelt")
    assert list(documents_removed_for(user=member_user, case=case)) == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(office_user, reason):
    case = make_case(actor=office_user)
    document = _document(case, office_user)
    with pytest.raises(DomainError, match="Grund") as error:
        document_remove(document=document, actor=office_user, reason=reason)
    assert error.value.field == "reason"
    with pytest.raises(DomainError, match="Grund"):
        document_replace(document=document, actor=office_user, reason=reason, upload=_pdf())
    document.refresh_from_db()
    assert document.removed_at is None and case.documents.count() == 1
    assert default_storage.exists(document.file.name)


def test_removing_twice_is_refused_in_german(office_user):
    case = make_case(actor=office_user)
    document = _document(case, office_user)
    document_remove(document=document, actor=office_user, reason="Doppelt")
    with pytest.raises(DomainError, match="bereits entfernt"):
        document_remove(document=document, actor=office_user, reason="Doppelt")


def test_replace_links_old_to_new_and_the_history_names_both(office_user, django_capture_on_commit_callbacks):
    case = make_case(actor=office_user)
    old = _document(case, office_user)
    old_file = old.file.name
    with django_capture_on_commit_callbacks(execute=True):
        new = document_replace(document=old, actor=office_user, reason="Berichtigte Fassung",
                               upload=_pdf("attest-neu.pdf", PDF + b"neu"), title="Attest Dr. Weber (berichtigt)")
    old.refresh_from_db()
    assert old.replaced_by == new and old.removed_at is not None and not default_storage.exists(old_file)
    assert new.doc_type == Document.Type.MEDICAL and new.document_date == date(2024, 3, 5)
    assert list(documents_visible_for(user=office_user, case=case)) == [new]
    label, details = _history(case, office_user)[-1]
    assert label == "Dokument ersetzt"
    assert details["Dokument"] == "Attest Dr. Weber"
    assert details["Ersetzt durch"] == "Attest Dr. Weber (berichtigt)"
    assert details["Grund"] == "Berichtigte Fassung"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE, object_id=str(old.pk)).exists()


def test_a_failing_replace_writes_nothing(office_user, monkeypatch):
    case = make_case(actor=office_user)
    old = _document(case, office_user)
    events = case.events.count()
    files_before = set(default_storage.listdir(f"cases/{case.pk}")[1])

    def broken(**kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr("haertefall.cases.services.documents.event_record", broken)
    with pytest.raises(RuntimeError):
        document_replace(document=old, actor=office_user, reason="Neu", upload=_pdf("neu.pdf", PDF + b"2"))
    old.refresh_from_db()
    assert old.removed_at is None and old.replaced_by is None and old.file
    assert case.documents.count() == 1 and case.events.count() == events
    assert set(default_storage.listdir(f"cases/{case.pk}")[1]) == files_before


def test_a_replacement_with_active_content_is_refused_and_changes_nothing(office_user):
    case = make_case(actor=office_user)
    old = _document(case, office_user)
    with pytest.raises(DomainError, match="kein erlaubter Dateityp"):
        document_replace(document=old, actor=office_user, reason="Neu",
                         upload=_pdf("neu.pdf", b"<html><script>alert(1)</script></html>"))
    old.refresh_from_db()
    assert old.removed_at is None and case.documents.count() == 1


def _statement_answered_with_file(office_user, *, text=""):
    case = case_statement_requested(actor=office_user)
    statement = StatementRequest.objects.get(case=case)
    authorities.statement_answer(request=statement, actor=office_user, answered_on=date.today() - timedelta(days=1),
                                 text=text, files=[_pdf()])
    return case, statement, statement.documents.get()


def test_a_replaced_statement_no_longer_counts_as_the_answer(office_user):
    case, statement, old = _statement_answered_with_file(office_user)
    abh = authority_user(case.authority.key, username="abh-ersetzen")
    assert list(documents_visible_for(user=abh, case=case)) == [old]
    new = document_replace(document=old, actor=office_user, reason="Die Behörde hat berichtigt",
                           upload=_pdf("berichtigt.pdf", PDF + b"berichtigt"))
    statement.refresh_from_db()
    assert list(statement.documents.all()) == [new] and statement.is_answered
    # The authority reads the answer in force, not the replaced one.
    assert list(documents_visible_for(user=abh, case=case)) == [new]


def test_the_only_document_of_a_statement_is_replaced_not_removed(office_user):
    case, statement, document = _statement_answered_with_file(office_user)
    with pytest.raises(DomainError, match="ersetzen Sie es"):
        document_remove(document=document, actor=office_user, reason="Versehentlich")
    document.refresh_from_db()
    assert document.removed_at is None and list(statement.documents.all()) == [document]


def test_a_statement_with_its_text_keeps_counting_when_its_file_is_removed(office_user):
    case, statement, document = _statement_answered_with_file(office_user, text="Keine Bedenken.")
    document_remove(document=document, actor=office_user, reason="Falsche Datei angehängt")
    statement.refresh_from_db()
    assert statement.is_answered and statement.answer_text == "Keine Bedenken."
    assert not statement.documents.exists()
    case.refresh_from_db()
    assert case.state == "statement_received"


def test_a_release_passes_to_the_replacement(office_user):
    case, statement, document = _statement_answered_with_file(office_user, text="Keine Bedenken.")
    attest = _document(case, office_user, title="Lebenslauf", doc_type=Document.Type.EVIDENCE)
    authorities.document_release(document=attest, actor=office_user)
    new = document_replace(document=attest, actor=office_user, reason="Aktueller Lebenslauf",
                           upload=_pdf("lebenslauf.pdf", PDF + b"neu"))
    assert DocumentRelease.objects.filter(document=new, withdrawn_at__isnull=True).exists()
    abh = authority_user(case.authority.key, username="abh-freigabe")
    assert new in documents_visible_for(user=abh, case=case)


def test_the_letter_of_a_sent_hardship_request_stays_as_evidence(office_user):
    from haertefall.authorities.models import HardshipRequest

    case = case_statement_requested(actor=office_user)
    letter = _document(case, office_user, title="Härtefallersuchen", doc_type=Document.Type.LETTER)
    HardshipRequest.objects.create(case=case, authority=case.authority, sent_on=date.today(), letter=letter,
                                   sent_by=office_user)
    for call in (lambda: document_remove(document=letter, actor=office_user, reason="Weg"),
                 lambda: document_replace(document=letter, actor=office_user, reason="Neu", upload=_pdf())):
        with pytest.raises(DomainError, match="Nachweis"):
            call()
    letter.refresh_from_db()
    assert letter.removed_at is None and case.documents.count() == 1


def test_a_removed_document_cannot_be_released(office_user):
    case, _statement, _document_of_answer = _statement_answered_with_file(office_user, text="Keine Bedenken.")
    evidence = _document(case, office_user, title="Zeugnis", doc_type=Document.Type.EVIDENCE)
    document_remove(document=evidence, actor=office_user, reason="Falsche Person")
    with pytest.raises(DomainError, match="entfernt"):
        authorities.document_release(document=evidence, actor=office_user)
    assert not DocumentRelease.objects.filter(document=evidence).exists()
