"""The office releases documents of an item's case for the session file (decision 0114)."""

from collections.abc import Iterable

from django.db import transaction

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.models import Document
from haertefall.core.errors import DomainError

from ..access import can_prepare_meetings
from ..models import AgendaItem, Meeting
from .planning import ensure_minutes_open, ensure_not_cancelled


def _ids(document_ids: Iterable) -> list[int]:
    wanted = []
    for value in document_ids:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DomainError(f"„{value}“ ist keine Dokumentnummer.", field="documents") from None
        if number not in wanted:
            wanted.append(number)
    return wanted


def session_documents_refusal(meeting: Meeting) -> str | None:
    """Why the office can no longer release documents for this session, or None."""
    try:
        ensure_not_cancelled(meeting, "für sie werden keine Unterlagen mehr freigegeben")
        ensure_minutes_open(meeting)
    except DomainError as exc:
        return exc.message
    return None


def agenda_item_documents_set(*, item: AgendaItem, actor, document_ids: Iterable) -> list[Document]:
    """Release exactly ``document_ids`` for the session file of ``item`` (the earlier release is
    replaced). Only the office; only current documents of the item's own case, never a minutes
    extract; not for a cancelled session or once its minutes are approved."""
    if not can_prepare_meetings(actor):
        raise DomainError("Unterlagen für die Sitzungsmappe gibt die Geschäftsstelle frei.")
    wanted = _ids(document_ids)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        refusal = session_documents_refusal(meeting)
        if refusal:
            raise DomainError(refusal)
        try:
            item = AgendaItem.objects.select_related("case").get(pk=item.pk, meeting=meeting)
        except AgendaItem.DoesNotExist:
            raise DomainError("Dieser Fall steht nicht mehr auf der Tagesordnung der Sitzung.") from None
        found = Document.objects.in_bulk(wanted)
        documents = []
        for pk in wanted:
            document = found.get(pk)
            if document is None or document.case_id != item.case_id:
                raise DomainError(f"Das Dokument Nr. {pk} gehört nicht zu diesem Fall "
                                  f"({item.case.file_number}).", field="documents")
            if document.removed_at is not None:
                raise DomainError(f"Das Dokument „{document.title}“ ist aus der Akte entfernt oder ersetzt; "
                                  "es kann nicht freigegeben werden.", field="documents")
            if document.doc_type == Document.Type.MINUTES:
                raise DomainError(f"„{document.title}“ ist ein Protokollauszug; Protokollauszüge kommen nicht "
                                  "in die Sitzungsmappe.", field="documents")
            documents.append(document)
        item.session_documents.set(documents)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=item, case=item.case,
                  detail=f"Unterlagen für die Sitzungsmappe zu TOP {item.position}: {len(documents)} freigegeben")
    return documents
