"""Writes of the correspondence part: emails, generated letters, uploaded templates."""

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from haertefall.cases.models import Case, Document
from haertefall.cases.services.events import event_record
from haertefall.cases.states import Closure
from haertefall.core.errors import DomainError

from .access import is_office, users_told_for_authority, users_told_for_ministry
from .models import (
    AUTHORITY_KINDS,
    SUBMITTER_KINDS,
    WITHDRAWAL_KINDS,
    Letter,
    LetterKind,
    LetterTemplate,
    SentEmail,
)
from .placeholders import letter_context
from .rendering import default_template_path, render_docx, render_pdf, template_validate

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


# --- letters ----------------------------------------------------------------------------------

def letter_recipient(case: Case, kind: str) -> str:
    if kind in AUTHORITY_KINDS:
        if case.authority is None:
            raise DomainError("Für den Fall ist keine Ausländerbehörde erfasst.", field="kind")
        return case.authority.name
    if kind in SUBMITTER_KINDS:
        return case.submitter_name or "Einreicher/in"
    return settings.HAERTEFALL_MINISTRY_NAME


def _file_document(*, case, actor, title, letter_date, data, name, content_type) -> Document:
    document = Document(case=case, doc_type=Document.Type.LETTER, title=title[:200],
                        document_date=letter_date, original_name=name, content_type=content_type,
                        size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def letter_generate(*, case: Case, kind: str, actor, letter_date: date | None = None) -> Letter:
    """Render the letter (DOCX and PDF), file both in the case and record the event."""
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
        recipient = letter_recipient(case, kind)
        template, source = template_bytes(kind)
        context = letter_context(case=case, letter_date=letter_date)
        docx = render_docx(source, context)
        label = LetterKind(kind).label
        title = f"{label} – an {recipient}"
        pdf = render_pdf(docx, title=f"{case.file_number}: {label}")
        stem = f"{case.file_number}-{kind}-{letter_date:%Y%m%d}"
        docx_doc = _file_document(case=case, actor=actor, title=title, letter_date=letter_date,
                                  data=docx, name=f"{stem}.docx", content_type=DOCX_TYPE)
        pdf_doc = _file_document(case=case, actor=actor, title=title, letter_date=letter_date,
                                 data=pdf, name=f"{stem}.pdf", content_type="application/pdf")
        letter = Letter.objects.create(
            case=case, kind=kind, template=template, template_version=template.version if template else 0,
            recipient=recipient[:200], letter_date=letter_date, docx=docx_doc, pdf=pdf_doc, created_by=actor,
        )
        event_record(case=case, actor=actor, event_type="letter_generated", effective_on=letter_date,
                     data={"kind": kind, "letter_id": letter.pk, "recipient": recipient,
                           "documents": [docx_doc.pk, pdf_doc.pk],
                           "template_version": letter.template_version})
    return letter
