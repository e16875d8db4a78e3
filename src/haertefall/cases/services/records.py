"""Documents, notes and follow-up dates of a case file."""

import hashlib
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from haertefall.core.errors import DomainError
from haertefall.core.uploads import upload_validate

from ..models import Case, Document, FollowUp, Note
from .events import event_record


def document_add(*, case: Case, actor, upload, title: str, doc_type: str = Document.Type.OTHER,
                 document_date: date | None = None) -> Document:
    """Store an uploaded file under a generated name after checking its size and content."""
    checked = document_upload_check(upload=upload, title=title, doc_type=doc_type, document_date=document_date)
    with transaction.atomic():
        document = document_store(case=case, actor=actor, checked=checked)
        event_record(case=case, actor=actor, event_type="document_added",
                     effective_on=timezone.localdate(),
                     data={"document_id": document.pk, "doc_type": doc_type})
    return document


def document_upload_check(*, upload, title: str, doc_type: str, document_date: date | None) -> dict:
    """Check an upload and its details before anything is written; German ``DomainError``s."""
    if upload is None:
        raise DomainError("Bitte wählen Sie eine Datei aus.", field="file")
    if not (title or "").strip():
        raise DomainError("Bitte geben Sie einen Titel an.", field="title")
    if doc_type not in Document.Type.values:
        raise DomainError("Bitte wählen Sie eine Dokumentart.", field="doc_type")
    if document_date and document_date > timezone.localdate():
        raise DomainError("Das Datum des Dokuments liegt in der Zukunft.", field="document_date")
    content_type = upload_validate(upload, max_bytes=settings.HAERTEFALL_MAX_UPLOAD_BYTES).mime
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = (getattr(upload, "name", "") or "datei").rsplit("/", 1)[-1][:255]
    return {"upload": upload, "title": title.strip(), "doc_type": doc_type, "document_date": document_date,
            "original_name": original, "content_type": content_type, "sha256": digest.hexdigest()}


def document_store(*, case: Case, actor, checked: dict) -> Document:
    """Store a checked upload (``document_upload_check``) as a document of ``case``, without an
    event: call inside the caller's transaction."""
    upload = checked["upload"]
    document = Document(case=case, doc_type=checked["doc_type"], title=checked["title"],
                        document_date=checked["document_date"], original_name=checked["original_name"],
                        content_type=checked["content_type"], size=upload.size, sha256=checked["sha256"],
                        uploaded_by=actor)
    document.file.save("upload", upload, save=False)
    document.save()
    return document


def note_add(*, case: Case, actor, text: str) -> Note:
    if not text.strip():
        raise DomainError("Die Notiz ist leer.", field="text")
    with transaction.atomic():
        note = Note.objects.create(case=case, text=text.strip(), author=actor)
        event_record(case=case, actor=actor, event_type="note_added",
                     effective_on=timezone.localdate(), data={"note_id": note.pk})
    return note


def followup_add(*, case: Case, actor, due_on: date, reason: str) -> FollowUp:
    if not reason.strip():
        raise DomainError("Bitte geben Sie den Anlass der Wiedervorlage an.", field="reason")
    if due_on is None:
        raise DomainError("Bitte geben Sie das Datum der Wiedervorlage an.", field="due_on")
    with transaction.atomic():
        follow_up = FollowUp.objects.create(case=case, due_on=due_on, reason=reason.strip(),
                                            created_by=actor)
        event_record(case=case, actor=actor, event_type="followup_added",
                     effective_on=timezone.localdate(),
                     data={"followup_id": follow_up.pk, "due_on": due_on.isoformat()})
    return follow_up


def followup_done(*, follow_up: FollowUp, actor) -> FollowUp:
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.done_at is not None:
            return locked  # done twice (two tabs, double click) is still done
        locked.done_at = timezone.now()
        locked.save(update_fields=["done_at"])
        event_record(case=locked.case, actor=actor, event_type="followup_done",
                     effective_on=timezone.localdate(), data={"followup_id": locked.pk})
    return locked
