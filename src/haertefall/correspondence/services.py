"""Writes of the correspondence part: emails, generated letters, uploaded templates."""

import hashlib
import logging
import uuid
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.models import Case, Document
from haertefall.cases.services.events import event_record
from haertefall.cases.states import Closure
from haertefall.core import uploads
from haertefall.core.errors import DomainError

from .access import (
    can_edit_letterhead,
    is_office,
    users_told_for_authority,
    users_told_for_ministry,
)
from .models import (
    AUTHORITY_KINDS,
    LETTER_FILE_NAMES,
    SUBMITTER_KINDS,
    WITHDRAWAL_KINDS,
    Channel,
    Letter,
    Letterhead,
    LetterKind,
    LetterTemplate,
    SentEmail,
)
from .placeholders import AUTHORITY_SALUTATION, frame_context, letter_context, salutation_for
from .rendering import default_template_path, docx_to_pdf, render_docx, template_validate

logger = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"



# --- email ------------------------------------------------------------------------------------

def _send_now(email_id: int, body: str) -> None:
    email = SentEmail.objects.get(pk=email_id)
    try:
        send_mail(email.subject, body, settings.DEFAULT_FROM_EMAIL, email.to.split(", "))
    except Exception as exc:  # noqa: BLE001 - a failed send is recorded, never breaks the step
        logger.warning("E-Mail %s konnte nicht gesendet werden: %s", email_id, type(exc).__name__)
        SentEmail.objects.filter(pk=email_id).update(error=type(exc).__name__[:200])
        return
    SentEmail.objects.filter(pk=email_id).update(sent_at=timezone.now())


def email_queue(*, to: list[str], subject: str, body: str, kind: str, case: Case | None = None):
    """Record an email and send it once the surrounding transaction commits.

    The body is not stored: it names the file number and links into the system, so the
    content stays behind the login (docs/decisions/0053-email.md).
    """
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        return None
    email = SentEmail.objects.create(to=", ".join(recipients)[:500], subject=subject[:200], case=case,
                                     kind=kind)
    transaction.on_commit(lambda: _send_now(email.pk, body))
    return email


def authority_addresses(authority) -> list[str]:
    return [authority.email, *users_told_for_authority(authority).values_list("email", flat=True)]


def ministry_addresses() -> list[str]:
    return [settings.HAERTEFALL_MINISTRY_EMAIL, *users_told_for_ministry().values_list("email", flat=True)]


def office_addresses() -> list[str]:
    return [settings.HAERTEFALL_OFFICE_EMAIL]


def site_link(path: str) -> str:
    return settings.HAERTEFALL_SITE_URL.rstrip("/") + path


# --- templates --------------------------------------------------------------------------------

def template_active(kind: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(kind=kind, active=True).first()


def template_bytes(kind: str) -> tuple[LetterTemplate | None, bytes]:
    """The template in force for ``kind``: the active upload, else the shipped default."""
    template = template_active(kind)
    if template is not None:
        with template.file.open("rb") as handle:
            return template, handle.read()
    return None, default_template_path(kind).read_bytes()


def template_upload(*, kind: str, name: str, data: bytes, actor) -> LetterTemplate:
    """Store an edited template as the new active version of its kind (the old one is kept)."""
    if not is_office(actor):
        raise DomainError("Nur die Geschäftsstelle kann Vorlagen ändern.")
    if kind not in LetterKind.values:
        raise DomainError("Unbekannte Art des Schreibens.", field="kind")
    if not data:
        raise DomainError("Bitte wählen Sie eine DOCX-Datei aus.", field="file")
    if len(data) > 5 * 1024 * 1024:
        raise DomainError("Die Vorlage ist größer als 5 MB.", field="file")
    template_validate(data)
    with transaction.atomic():
        # Serialise uploads of the same kind: the version number and "one active" stay unique.
        list(LetterTemplate.objects.select_for_update().filter(kind=kind))
        version = (LetterTemplate.objects.filter(kind=kind).aggregate(m=Max("version"))["m"] or 0) + 1
        LetterTemplate.objects.filter(kind=kind, active=True).update(active=False)
        template = LetterTemplate(kind=kind, name=name.strip() or LetterKind(kind).label,
                                  version=version, active=True, uploaded_by=actor)
        template.file.save(f"{kind}-v{version}.docx", ContentFile(data), save=False)
        template.save()
    return template


def template_reset(*, kind: str, actor) -> None:
    """Go back to the shipped default (uploads stay stored, inactive)."""
    if not is_office(actor):
        raise DomainError("Nur die Geschäftsstelle kann Vorlagen ändern.")
    with transaction.atomic():
        LetterTemplate.objects.filter(kind=kind, active=True).update(active=False)


# --- letterhead -------------------------------------------------------------------------------

def letterhead_current() -> Letterhead:
    """The office's letterhead; until the head sets one, an unsaved one from the settings."""
    letterhead = Letterhead.objects.select_related("updated_by").first()
    if letterhead is None:
        letterhead = Letterhead(name=settings.HAERTEFALL_OFFICE_NAME, address=settings.HAERTEFALL_OFFICE_ADDRESS,
                                return_line=settings.HAERTEFALL_OFFICE_RETURN_LINE,
                                email=settings.HAERTEFALL_OFFICE_EMAIL)
    return letterhead


LOGO_TYPES = (uploads.PNG, uploads.JPEG)


def letterhead_save(*, actor, data: dict, logo=None, remove_logo: bool = False) -> Letterhead:
    """Set the letterhead (office head only). ``logo``: an uploaded PNG/JPEG file or None."""
    if not can_edit_letterhead(actor):
        raise DomainError("Den Briefkopf legt die Leitung der Geschäftsstelle fest.")
    if not (data.get("name") or "").strip() or not (data.get("address") or "").strip():
        raise DomainError("Geben Sie Absender und Anschrift der Geschäftsstelle ein.", field="name")
    if logo is not None:
        uploads.upload_validate(logo, allowed=LOGO_TYPES, max_bytes=1024 * 1024, field="logo")
    with transaction.atomic():
        letterhead = Letterhead.objects.select_for_update().first() or Letterhead()
        for field in ("name", "addition", "address", "return_line", "phone", "email", "website", "footer"):
            setattr(letterhead, field, (data.get(field) or "").strip())
        letterhead.updated_by = actor
        if remove_logo:
            letterhead.logo = ""
        if logo is not None:
            logo.seek(0)
            letterhead.logo.save(f"logo-{uuid.uuid4().hex[:8]}.{logo.name.rsplit('.', 1)[-1].lower()}",
                                 ContentFile(logo.read()), save=False)
        letterhead.full_clean(exclude=["logo", "updated_by"])
        letterhead.save()
    return letterhead


def _logo_bytes(letterhead: Letterhead) -> bytes | None:
    if not letterhead.logo:
        return None
    with letterhead.logo.open("rb") as handle:
        return handle.read()


# --- letters ----------------------------------------------------------------------------------

def letter_addressee(case: Case, kind: str) -> tuple[str, str, str]:
    """(recipient, postal address, salutation) a new draft of ``kind`` starts with."""
    if kind in AUTHORITY_KINDS:
        if case.authority is None:
            raise DomainError("Für den Fall ist keine Ausländerbehörde erfasst.", field="kind")
        return case.authority.name, case.authority.address, AUTHORITY_SALUTATION
    if kind in SUBMITTER_KINDS:
        name = case.submitter_name or "Einreicher/in"
        return name, case.submitter_contact, salutation_for(case.submitter_form_of_address, name)
    return settings.HAERTEFALL_MINISTRY_NAME, settings.HAERTEFALL_MINISTRY_ADDRESS, AUTHORITY_SALUTATION


def letter_recipient(case: Case, kind: str) -> str:
    return letter_addressee(case, kind)[0]


def _file_document(*, case, actor, title, letter_date, data, name, content_type) -> Document:
    document = Document(case=case, doc_type=Document.Type.LETTER, title=title[:200],
                        document_date=letter_date, original_name=name, content_type=content_type,
                        size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def letter_generate(*, case: Case, kind: str, actor, letter_date: date | None = None) -> Letter:
    """Create the draft of a letter (docs/decisions/0110): the office reads it, corrects recipient,
    salutation, contact person or adds a paragraph, and sends it (``letter_send``)."""
    if kind not in LetterKind.values:
        raise DomainError("Unbekannte Art des Schreibens.", field="kind")
    if not is_office(actor):
        raise DomainError("Schreiben erzeugt die Geschäftsstelle.")
    letter_date = letter_date or timezone.localdate()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("authority").get(pk=case.pk)
        if kind in WITHDRAWAL_KINDS and case.closure != Closure.REVOKED:
            # The commission withdraws its request in a session; its decision produces these letters
            # (report, ch. 5; docs/decisions/0102). Afterwards they can be produced again.
            raise DomainError("Ein Ersuchen nimmt nur die Kommission durch Beschluss in einer Sitzung zurück; "
                              "dieses Schreiben entsteht mit ihrem Beschluss.", field="kind")
        recipient, address, salutation = letter_addressee(case, kind)
        letterhead = letterhead_current()
        template = template_active(kind)
        letter = Letter.objects.create(
            case=case, kind=kind, template=template, template_version=template.version if template else 0,
            recipient=recipient[:200], recipient_address=address, salutation=salutation, letter_date=letter_date,
            contact_name=(actor.get_full_name() or actor.username)[:200],
            contact_phone=letterhead.phone, contact_email=actor.email or letterhead.email, created_by=actor,
        )
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=letter, case=case,
                  detail=f"Entwurf: {LetterKind(kind).label}")
    return letter


DRAFT_FIELDS = ("recipient", "recipient_address", "salutation", "additional_text", "contact_name",
                "contact_phone", "contact_email", "letter_date")


def _locked_draft(letter: Letter) -> Letter:
    locked = Letter.objects.select_for_update(of=("self",)).select_related("case", "case__authority").get(pk=letter.pk)
    if not locked.is_draft:
        raise DomainError(f"Das Schreiben wurde am {locked.dispatched_on:%d.%m.%Y} versandt und kann nicht mehr "
                          "geändert werden. Erstellen Sie bei Bedarf ein neues Schreiben.")
    return locked


def letter_draft_update(*, letter: Letter, actor, **changes) -> Letter:
    """Correct a draft: recipient, address, salutation, additional text, contact person, date."""
    if not is_office(actor):
        raise DomainError("Schreiben bearbeitet die Geschäftsstelle.")
    unknown = set(changes) - set(DRAFT_FIELDS)
    if unknown:
        raise DomainError("Diese Angaben eines Schreibens können nicht geändert werden: " + ", ".join(sorted(unknown)))
    with transaction.atomic():
        locked = _locked_draft(letter)
        for field, value in changes.items():
            setattr(locked, field, value.strip() if isinstance(value, str) else value)
        if not locked.recipient:
            raise DomainError("Geben Sie die Empfängerin oder den Empfänger ein.", field="recipient")
        if not locked.salutation:
            raise DomainError("Geben Sie die Anrede ein.", field="salutation")
        locked.full_clean(exclude=["case", "template", "docx", "pdf", "created_by", "sent_by"])
        locked.save()
    return locked


def letter_docx(letter: Letter) -> bytes:
    """The letter as DOCX: its template filled from the case, the letterhead and the draft."""
    template, source = template_bytes(letter.kind)
    letterhead = letterhead_current()
    context = {**letter_context(case=letter.case, letter_date=letter.letter_date),
               **frame_context(letter=letter, letterhead=letterhead)}
    return render_docx(source, context, logo=_logo_bytes(letterhead))


def letter_preview_pdf(letter: Letter) -> bytes:
    """The draft as it would be sent (nothing is stored)."""
    return docx_to_pdf(letter_docx(letter))


def letter_file_stem(letter: Letter) -> str:
    return f"{LETTER_FILE_NAMES[letter.kind]}-{letter.case.file_number}-{letter.letter_date:%Y-%m-%d}"


def letter_send(*, letter: Letter, actor, dispatched_on: date, channel: str) -> Letter:
    """Finalise a draft: render it once more, convert it to PDF/A, file DOCX and PDF in the case
    (immutable from now on) and record date and channel of dispatch."""
    if not is_office(actor):
        raise DomainError("Schreiben versendet die Geschäftsstelle.")
    if channel not in Channel.values:
        raise DomainError("Wählen Sie den Versandweg aus.", field="channel")
    if dispatched_on > timezone.localdate():
        raise DomainError("Das Versanddatum liegt in der Zukunft.", field="dispatched_on")
    with transaction.atomic():
        locked = _locked_draft(letter)
        if locked.kind in SUBMITTER_KINDS | AUTHORITY_KINDS and channel == Channel.POST and not locked.recipient_address:
            raise DomainError("Für den Versand per Post fehlt die Anschrift im Entwurf.", field="recipient_address")
        if dispatched_on < locked.case.received_on:
            raise DomainError("Das Versanddatum liegt vor dem Eingang des Antrags.", field="dispatched_on")
        docx = letter_docx(locked)
        pdf = docx_to_pdf(docx)
        label = LetterKind(locked.kind).label
        title = f"{label} – an {locked.recipient}"
        stem = letter_file_stem(locked)
        locked.docx = _file_document(case=locked.case, actor=actor, title=f"{title} (Word/DOCX)",
                                     letter_date=locked.letter_date, data=docx, name=f"{stem}.docx",
                                     content_type=DOCX_TYPE)
        locked.pdf = _file_document(case=locked.case, actor=actor, title=f"{title} (PDF)",
                                    letter_date=locked.letter_date, data=pdf, name=f"{stem}.pdf",
                                    content_type="application/pdf")
        locked.status = Letter.Status.SENT
        locked.channel = channel
        locked.dispatched_on = dispatched_on
        locked.sent_by = actor
        locked.save()
        event_record(case=locked.case, actor=actor, event_type="letter_sent", effective_on=dispatched_on,
                     data={"kind": locked.kind, "letter_id": locked.pk, "recipient": locked.recipient,
                           "channel": channel, "documents": [locked.docx_id, locked.pdf_id],
                           "template_version": locked.template_version})
    return locked


def letter_discard(*, letter: Letter, actor) -> None:
    """Delete a draft that will not be sent (a sent letter stays in the file)."""
    if not is_office(actor):
        raise DomainError("Schreiben bearbeitet die Geschäftsstelle.")
    with transaction.atomic():
        locked = _locked_draft(letter)
        audit_log(user=actor, action=AuditEntry.Action.DELETE, obj=locked, case=locked.case,
                  detail=f"Entwurf verworfen: {locked.get_kind_display()}")
        locked.delete()
