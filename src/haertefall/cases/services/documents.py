"""Removing and replacing a document of the case file (decision 0112).

The row stays, with title, date, who removed it and why; the file itself is deleted from
storage once the transaction is committed. The case history and the audit trail record each
removal and replacement; removed documents are in no list and no download
(``access.documents_visible_for``).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import DomainError

from ..models import Document
from .events import event_record
from .records import document_store, document_upload_check

REASON_MAX = 1000


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Bitte geben Sie den Grund an, aus dem das Dokument entfernt oder ersetzt wird.",
                          field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(f"Der Grund ist zu lang (höchstens {REASON_MAX} Zeichen).", field="reason")
    return reason


def _providers():
    from ..casefile import CASE_FILE_PROVIDERS

    return CASE_FILE_PROVIDERS.values()


def _refusal(document: Document, *, replacing: bool) -> str:
    for module in _providers():
        refusal_for = getattr(module, "document_removal_refusal", None)
        refusal = refusal_for(document=document, replacing=replacing) if refusal_for else ""
        if refusal:
            return refusal
    return ""


def _locked_current(document: Document) -> Document:
    locked = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
    if locked.removed_at is not None:
        raise DomainError(f"Das Dokument „{locked.title}“ wurde bereits entfernt oder ersetzt.")
    return locked


def _delete_file_after_commit(name: str) -> None:
    if not name:
        return

    def delete():
        from django.core.files.storage import default_storage

        default_storage.delete(name)

    transaction.on_commit(delete)


def _take_out(locked: Document, *, actor, reason: str, replaced_by: Document | None) -> None:
    """Mark ``locked`` removed and let go of its file (the row keeps title, date, who, why)."""
    name = locked.file.name
    locked.removed_at = timezone.now()
    locked.removed_by = actor
    locked.removal_reason = reason
    locked.replaced_by = replaced_by
    locked.file = ""
    locked.save(update_fields=["removed_at", "removed_by", "removal_reason", "replaced_by", "file"])
    for module in _providers():
        replaced = getattr(module, "document_replaced", None)
        if replaced is not None:
            replaced(old=locked, new=replaced_by, actor=actor)
    _delete_file_after_commit(name)


def _details(document: Document) -> dict:
    return {"document_id": document.pk, "doc_type": document.doc_type, "document_title": document.title,
            "document_date": document.document_date.isoformat() if document.document_date else ""}


def document_remove(*, document: Document, actor, reason: str) -> Document:
    """Take a document out of the case file, with a reason (office only)."""
    reason = _reason(reason)
    with transaction.atomic():
        locked = _locked_current(document)
        refusal = _refusal(locked, replacing=False)
        if refusal:
            raise DomainError(refusal)
        _take_out(locked, actor=actor, reason=reason, replaced_by=None)
        event_record(case=locked.case, actor=actor, event_type="document_removed",
                     effective_on=timezone.localdate(), data={**_details(locked), "reason": reason})
        audit_log(user=actor, action=AuditEntry.Action.DELETE, obj=locked, case=locked.case,
                  detail=f"Dokument entfernt: {reason}"[:200])
    return locked


def document_replace(*, document: Document, actor, reason: str, upload, title: str = "",
                     document_date: date | None = None) -> Document:
    """Replace a document by a new upload of the same kind, with a reason (office only).

    Returns the new document. Where the old one was part of an answer of the authority, the
    answer holds the new one instead (``document_replaced`` of the parts)."""
    reason = _reason(reason)
    checked = document_upload_check(upload=upload, title=title or document.title, doc_type=document.doc_type,
                                     document_date=document_date or document.document_date)
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = _locked_current(document)
            refusal = _refusal(locked, replacing=True)
            if refusal:
                raise DomainError(refusal)
            new = document_store(case=locked.case, actor=actor, checked=checked)
            stored.append(new.file.name)
            _take_out(locked, actor=actor, reason=reason, replaced_by=new)
            event_record(case=locked.case, actor=actor, event_type="document_replaced",
                         effective_on=timezone.localdate(),
                         data={**_details(locked), "replaced_by_id": new.pk, "new_document_title": new.title,
                               "reason": reason})
            audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, case=locked.case,
                      detail=f"Dokument ersetzt durch Nr. {new.pk}: {reason}"[:200])
    except BaseException:
        # Nothing was written to the database; the new file must not stay behind either.
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise
    return new
