"""Approving the minutes: render once, store with hashes, never change again."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import DomainError

from ..access import can_approve_minutes
from ..minutes import minutes_content, render_docx, render_pdf
from ..models import Meeting, Minutes


def minutes_approve(*, meeting: Meeting, actor) -> Minutes:
    """The chair approves the minutes (§ 3 Abs. 1 HFKVO: the head of the office chairs).

    Refused before the session, without attendance, with undecided items, or twice.
    """
    if not can_approve_minutes(actor):
        raise DomainError("Das Protokoll genehmigt der Vorsitz (Leitung der Geschäftsstelle).")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.cancelled_at is not None:
            raise DomainError("Die Sitzung ist abgesagt; es gibt kein Protokoll.")
        if Minutes.objects.filter(meeting=meeting).exists():
            raise DomainError("Das Protokoll ist bereits genehmigt und kann nicht mehr geändert werden.")
        if meeting.date > timezone.localdate():
            raise DomainError("Die Sitzung hat noch nicht stattgefunden.")
        if not meeting.attendance.exists():
            raise DomainError("Die Anwesenheit ist noch nicht erfasst.")
        open_items = [str(item.position) for item in meeting.items.filter(decision__isnull=True)]
        if open_items:
            raise DomainError(f"Über TOP {', '.join(open_items)} ist noch nicht beschlossen.")
        approved_at = timezone.now()
        content = minutes_content(meeting, approved_by=actor, approved_at=approved_at)
        pdf, docx = render_pdf(content), render_docx(content)
        minutes = Minutes(meeting=meeting, approved_by=actor, approved_at=approved_at,
                          pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                          docx_sha256=hashlib.sha256(docx).hexdigest())
        minutes.pdf.save("protokoll.pdf", ContentFile(pdf), save=False)
        minutes.docx.save("protokoll.docx", ContentFile(docx), save=False)
        minutes.save()
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=minutes, detail="Protokoll genehmigt")
    return minutes


def minutes_file(*, minutes: Minutes, fmt: str) -> bytes:
    """The stored file, checked against its hash so that a changed file is noticed."""
    field, expected = (minutes.pdf, minutes.pdf_sha256) if fmt == "pdf" else (minutes.docx, minutes.docx_sha256)
    with field.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != expected:
        raise DomainError("Die gespeicherte Protokolldatei stimmt nicht mehr mit ihrer Prüfsumme "
                          "überein. Bitte wenden Sie sich an die Administration.")
    return data
