"""Writes of the authorities part. Each is one transaction that also records the case's
lifecycle step (``cases.services.lifecycle``), so every step appears in the case timeline.

Who may act: the office always; an authority user for the requests addressed to their own
authority (the office then enters scanned letters "on behalf", ``entered_by_office``).
"""

import hashlib
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.access import SENSITIVE_DOCUMENT_TYPES, UNRELEASABLE_DOCUMENT_TYPES
from haertefall.cases.models import Case, Document
from haertefall.cases.services.events import event_record
from haertefall.cases.services.lifecycle import (
    case_record_outcome,
    case_statement_due_set,
    case_step,
    statement_request_refusal,
)
from haertefall.cases.states import OTHER_CLOSURE_REASONS, State, Step
from haertefall.core.deadlines import NRW_HOLIDAYS, DeadlineError, Period, deadline_end
from haertefall.core.errors import DomainError, StepNotAllowed
from haertefall.core.uploads import upload_validate
from haertefall.correspondence.endings import ending_letters_produce
from haertefall.correspondence.models import Channel, Letter, LetterKind
from haertefall.correspondence.services import (
    authority_addresses,
    email_queue,
    letter_generate,
    letter_send,
    ministry_addresses,
    office_addresses,
    site_link,
)

from .access import is_office, may_enter_for_authority
from .models import (
    DocumentRelease,
    HardshipRequest,
    InfoRequest,
    IntendedDecision,
    MinistryChannel,
    Outcome,
    StatementRequest,
)
from .person_outcomes import person_outcomes_checked, person_outcomes_store


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def statement_period() -> Period:
    """The configured period for statements (default four weeks)."""
    weeks = settings.HAERTEFALL_STATEMENT_PERIOD_WEEKS
    return Period(weeks=weeks)


def _require_office(actor) -> None:
    if not is_office(actor):
        raise DomainError("Diesen Schritt kann nur die Geschäftsstelle ausführen.")


def _acting_for(actor, authority) -> bool:
    """True if the office acts on the authority's behalf; refuse anyone but the authority itself."""
    if not may_enter_for_authority(actor, authority):
        raise DomainError("Nur die zuständige Ausländerbehörde oder die Geschäftsstelle kann dies erfassen.")
    return is_office(actor)


def _check_date(value: date, *, not_before: date, what: str, field: str) -> None:
    if value is None:
        raise DomainError(f"Bitte geben Sie das Datum ({what}) an.", field=field)
    if value > timezone.localdate():
        raise DomainError(f"Das Datum ({what}) {_fmt(value)} liegt in der Zukunft.", field=field)
    if value < not_before:
        raise DomainError(f"Das Datum ({what}) {_fmt(value)} liegt vor dem {_fmt(not_before)}.", field=field)


def _file_uploads(*, case, actor, files, doc_type, title, document_date) -> list[Document]:
    documents = []
    for upload in files or ():
        name = (getattr(upload, "name", "") or "datei").rsplit("/", 1)[-1][:255]
        content_type = upload_validate(upload, max_bytes=settings.HAERTEFALL_MAX_UPLOAD_BYTES, field="files").mime
        upload.seek(0)
        data = upload.read()
        document = Document(case=case, doc_type=doc_type, title=title[:200], document_date=document_date,
                            original_name=name, content_type=content_type, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor)
        document.file.save(name, ContentFile(data), save=False)
        document.save()
        documents.append(document)
    return documents


# --- statements -------------------------------------------------------------------------------

def statement_request(*, case: Case, actor, requested_on: date, period: Period | None = None,
                      release_documents=()) -> StatementRequest:
    """Ask the responsible authority for its statement; the deadline follows §§ 187 ff. BGB.

    ``release_documents``: the case documents the authority receives with the request, each
    released on its own (``document_release``); medical attests and identity papers are not
    released here, only one by one with a confirmation."""
    _require_office(actor)
    period = period or statement_period()
    with transaction.atomic():
        locked = _locked_case(case)
        # After the take-up, or straight after the check where § 4 Abs. 2 HFKVO allows (decision 0101).
        refusal = statement_request_refusal(case=locked, on=requested_on)
        if refusal:
            raise StepNotAllowed(refusal)
        request = _statement_request_new(locked, actor=actor, requested_on=requested_on, period=period)
        for document in release_documents:
            _release(locked, document=document, actor=actor, confirm_sensitive=False)
        due = request.current_due
        case_step(case=locked, actor=actor, step=Step.REQUEST_STATEMENT, effective_on=requested_on,
                  data={"statement_request_id": request.pk, "authority": locked.authority.name,
                        "period": period.label_de, "due": due.isoformat()},
                  statement_due_on=due)
        email_queue(
            to=authority_addresses(locked.authority), kind="statement_request", case=locked,
            subject=f"Bitte um Stellungnahme – Aktenzeichen {locked.file_number}",
            body=(f"Die Härtefallkommission bittet um eine begründete Stellungnahme zum Fall "
                  f"{locked.file_number} bis zum {_fmt(due)}.\n\n"
                  f"Bitte antworten Sie im Fallverwaltungssystem: "
                  f"{site_link(reverse('authorities:statement_answer', args=[request.pk]))}\n"),
        )
    return request


def statement_request_record_earlier(*, case: Case, actor, requested_on: date,
                                     period: Period | None = None) -> StatementRequest:
    """A case taken over from the spreadsheet register (or another system) waits for a statement
    that was requested before: the register has the step, not the request. Record that request
    so that the authority can answer in the system and the deadline is watched. Not a new
    step: the case history already holds it; an event notes the record. No mail goes out."""
    _require_office(actor)
    period = period or statement_period()
    with transaction.atomic():
        locked = _locked_case(case)
        if locked.state != State.STATEMENT_REQUESTED:
            raise StepNotAllowed(
                f"Eine frühere Anforderung kann im Stand „{State(locked.state).label}“ nicht nachgetragen werden.")
        if StatementRequest.objects.filter(case=locked).exists():
            raise DomainError("Für diesen Fall ist bereits eine Anforderung erfasst.", field="requested_on")
        request = _statement_request_new(locked, actor=actor, requested_on=requested_on, period=period)
        case_statement_due_set(case=locked, due_on=request.current_due)
        event_record(case=locked, actor=actor, event_type="statement_request_recorded", effective_on=requested_on,
                     data={"statement_request_id": request.pk, "authority": locked.authority.name,
                           "period": period.label_de, "due": request.current_due.isoformat()})
    return request


def earlier_request_missing(case: Case) -> bool:
    """The case waits for a statement, but no request is recorded (taken over from the register)."""
    return case.state == State.STATEMENT_REQUESTED and not StatementRequest.objects.filter(case=case).exists()


def earlier_request_date(case: Case) -> date | None:
    """When the case history says the statement was requested (the register's date)."""
    return (case.events.filter(step=Step.REQUEST_STATEMENT).order_by("-sequence")
            .values_list("effective_on", flat=True).first())


def _locked_case(case: Case) -> Case:
    """The case row locked for this transaction (not its authority), with its authority read."""
    return Case.objects.select_for_update(of=("self",)).select_related("authority").get(pk=case.pk)


def _statement_request_new(locked: Case, *, actor, requested_on: date, period: Period) -> StatementRequest:
    """The request row with its BGB deadline, for a case locked by the caller."""
    if locked.authority is None:
        raise DomainError("Für den Fall ist keine zuständige Ausländerbehörde erfasst.", field="authority")
    _check_date(requested_on, not_before=locked.received_on, what="Anforderung", field="requested_on")
    try:
        due = deadline_end(requested_on, period, NRW_HOLIDAYS)
    except DeadlineError as exc:
        raise DomainError(str(exc), field="period") from exc
    return StatementRequest.objects.create(
        case=locked, authority=locked.authority, requested_on=requested_on, original_due=due,
        current_due=due, requested_by=actor,
    )


def _locked_open_statement(request: StatementRequest) -> StatementRequest:
    locked = StatementRequest.objects.select_for_update().get(pk=request.pk)
    if locked.is_answered:
        raise DomainError("Die Stellungnahme liegt bereits vor.")
    return locked


def statement_extend(*, request: StatementRequest, actor, new_due: date, reason: str) -> StatementRequest:
    """Extend the deadline; the original due date and every earlier extension stay recorded."""
    _require_office(actor)
    if not (reason or "").strip():
        raise DomainError("Bitte geben Sie einen Grund für die Verlängerung an.", field="reason")
    if new_due is None:
        raise DomainError("Bitte geben Sie die neue Frist an.", field="new_due")
    with transaction.atomic():
        locked = _locked_open_statement(request)
        previous = locked.current_due
        try:
            deadline = locked.deadline.extended(new_due)
        except DeadlineError as exc:
            raise DomainError(str(exc), field="new_due") from exc
        locked.extensions = [*locked.extensions, {"due": new_due.isoformat(), "reason": reason.strip(),
                                                  "by": actor.pk, "at": timezone.now().isoformat()}]
        locked.current_due = deadline.current_due
        locked.save(update_fields=["extensions", "current_due"])
        if not locked.is_paused:
            case_statement_due_set(case=locked.case, due_on=locked.current_due)
        event_record(case=locked.case, actor=actor, event_type="statement_extended",
                     effective_on=timezone.localdate(),
                     data={"statement_request_id": locked.pk, "original_due": locked.original_due.isoformat(),
                           "previous_due": previous.isoformat(), "new_due": locked.current_due.isoformat(),
                           "reason": reason.strip()})
    return locked


def statement_pause(*, request: StatementRequest, actor, paused_on: date, reason: str) -> StatementRequest:
    """Stop the deadline running (e.g. the file is with a court); `statement_resume` ends it."""
    _require_office(actor)
    if not (reason or "").strip():
        raise DomainError("Bitte geben Sie einen Grund für die Hemmung an.", field="reason")
    with transaction.atomic():
        locked = _locked_open_statement(request)
        if paused_on is None or paused_on < locked.requested_on:
            raise DomainError("Die Hemmung kann nicht vor der Anforderung beginnen.", field="paused_on")
        try:
            locked.deadline.paused_from(paused_on)
        except DeadlineError as exc:
            raise DomainError(str(exc), field="paused_on") from exc
        if locked.pauses and locked.pauses[-1].get("end") and paused_on <= date.fromisoformat(locked.pauses[-1]["end"]):
            raise DomainError("Die Hemmung überschneidet sich mit der vorigen.", field="paused_on")
        locked.pauses = [*locked.pauses, {"start": paused_on.isoformat(), "end": None, "reason": reason.strip()}]
        locked.save(update_fields=["pauses"])
        case_statement_due_set(case=locked.case, due_on=None)  # the deadline does not run
        event_record(case=locked.case, actor=actor, event_type="statement_paused",
                     effective_on=paused_on,
                     data={"statement_request_id": locked.pk, "reason": reason.strip()})
    return locked


def statement_resume(*, request: StatementRequest, actor, resumed_on: date) -> StatementRequest:
    """The deadline runs again from ``resumed_on``; the paused days are added to it."""
    _require_office(actor)
    with transaction.atomic():
        locked = _locked_open_statement(request)
        if not locked.is_paused:
            raise DomainError("Die Frist ist nicht gehemmt.", field="resumed_on")
        start = date.fromisoformat(locked.pauses[-1]["start"])
        if resumed_on is None or resumed_on <= start:
            raise DomainError(
                f"Die Frist kann frühestens am Tag nach Beginn der Hemmung ({_fmt(start)}) weiterlaufen.",
                field="resumed_on",
            )
        last_paused_day = resumed_on - timedelta(days=1)
        deadline = locked.deadline.resumed_on(last_paused_day)
        pauses = [dict(p) for p in locked.pauses]
        pauses[-1]["end"] = last_paused_day.isoformat()
        locked.pauses = pauses
        locked.current_due = deadline.current_due
        locked.save(update_fields=["pauses", "current_due"])
        case_statement_due_set(case=locked.case, due_on=locked.current_due)
        event_record(case=locked.case, actor=actor, event_type="statement_resumed", effective_on=resumed_on,
                     data={"statement_request_id": locked.pk, "new_due": locked.current_due.isoformat()})
    return locked


def statement_answer(*, request: StatementRequest, actor, answered_on: date, text: str,
                     files=()) -> StatementRequest:
    """Record the authority's statement (by its own user, or the office entering a scanned letter)."""
    by_office = _acting_for(actor, request.authority)
    if not (text or "").strip() and not files:
        raise DomainError("Bitte geben Sie die Stellungnahme ein oder laden Sie sie als Datei hoch.",
                          field="text")
    with transaction.atomic():
        locked = _locked_open_statement(request)
        _check_date(answered_on, not_before=locked.requested_on, what="Eingang der Stellungnahme",
                    field="answered_on")
        case = locked.case
        documents = _file_uploads(case=case, actor=actor, files=files, doc_type=Document.Type.STATEMENT,
                                  title=f"Stellungnahme {locked.authority.name}", document_date=answered_on)
        locked.answered_on = answered_on
        locked.answer_text = (text or "").strip()
        locked.answered_by = actor
        locked.entered_by_office = by_office
        locked.save(update_fields=["answered_on", "answer_text", "answered_by", "entered_by_office"])
        locked.documents.add(*documents)
        case_step(case=case, actor=actor, step=Step.RECEIVE_STATEMENT, effective_on=answered_on,
                  data={"statement_request_id": locked.pk, "entered_by_office": by_office,
                        "late": answered_on > locked.current_due, "documents": [d.pk for d in documents]})
        if not by_office:
            email_queue(to=office_addresses(), kind="statement_answered", case=case,
                        subject=f"Stellungnahme eingegangen – Aktenzeichen {case.file_number}",
                        body=f"Die Ausländerbehörde hat zum Fall {case.file_number} Stellung genommen.\n"
                             f"{site_link(reverse('authorities:case', args=[case.pk]))}\n")
    return locked


# --- further information ----------------------------------------------------------------------

def info_request(*, case: Case, actor, recipient: str, requested_on: date, due_on: date,
                 text: str) -> InfoRequest:
    """Ask the submitter or the authority for further information (procedure step 4)."""
    _require_office(actor)
    if recipient not in InfoRequest.Recipient.values:
        raise DomainError("Bitte wählen Sie, bei wem die Informationen angefordert werden.", field="recipient")
    if not (text or "").strip():
        raise DomainError("Bitte beschreiben Sie, was angefordert wird.", field="text")
    with transaction.atomic():
        locked = _locked_case(case)
        _check_date(requested_on, not_before=locked.received_on, what="Anforderung", field="requested_on")
        if due_on is None or due_on <= requested_on:
            raise DomainError("Die Frist muss nach dem Datum der Anforderung liegen.", field="due_on")
        authority = locked.authority if recipient == InfoRequest.Recipient.AUTHORITY else None
        if recipient == InfoRequest.Recipient.AUTHORITY and authority is None:
            raise DomainError("Für den Fall ist keine Ausländerbehörde erfasst.", field="recipient")
        info = InfoRequest.objects.create(case=locked, recipient=recipient, authority=authority,
                                          requested_on=requested_on, due_on=due_on, text=text.strip(),
                                          requested_by=actor)
        case_step(case=locked, actor=actor, step=Step.REQUEST_INFO, effective_on=requested_on,
                  data={"info_request_id": info.pk, "recipient": recipient, "due": due_on.isoformat()})
        if authority is not None:
            email_queue(to=authority_addresses(authority), kind="info_request", case=locked,
                        subject=f"Bitte um weitere Informationen – Aktenzeichen {locked.file_number}",
                        body=f"Die Geschäftsstelle bittet um weitere Informationen zum Fall "
                             f"{locked.file_number} bis zum {_fmt(due_on)}.\n"
                             f"{site_link(reverse('authorities:inbox'))}\n")
    return info


def info_answer(*, info: InfoRequest, actor, answered_on: date, text: str, files=()) -> InfoRequest:
    if info.recipient == InfoRequest.Recipient.AUTHORITY:
        _acting_for(actor, info.authority)
    else:
        _require_office(actor)
    if not (text or "").strip() and not files:
        raise DomainError("Bitte geben Sie die Antwort ein oder laden Sie eine Datei hoch.", field="text")
    with transaction.atomic():
        locked = InfoRequest.objects.select_for_update().get(pk=info.pk)
        if locked.answered_on is not None:
            raise DomainError("Die Informationen liegen bereits vor.")
        _check_date(answered_on, not_before=locked.requested_on, what="Eingang", field="answered_on")
        documents = _file_uploads(case=locked.case, actor=actor, files=files, doc_type=Document.Type.EVIDENCE,
                                  title="Weitere Informationen", document_date=answered_on)
        locked.answered_on = answered_on
        locked.answer_text = (text or "").strip()
        locked.answered_by = actor
        locked.save(update_fields=["answered_on", "answer_text", "answered_by"])
        locked.documents.add(*documents)
        case_step(case=locked.case, actor=actor, step=Step.RECEIVE_INFO, effective_on=answered_on,
                  data={"info_request_id": locked.pk, "documents": [d.pk for d in documents]})
    return locked


# --- hardship request, intended decision, outcome --------------------------------------------

def hardship_request_send(*, case: Case, actor, sent_on: date) -> HardshipRequest:
    """Send the commission's request: generate the letter, file it, email the authority."""
    _require_office(actor)
    with transaction.atomic():
        locked = _locked_case(case)
        if locked.authority is None:
            raise DomainError("Für den Fall ist keine zuständige Ausländerbehörde erfasst.", field="authority")
        if locked.state != State.REQUEST_DECIDED:
            raise StepNotAllowed(
                f"Ein Ersuchen kann im Stand „{State(locked.state).label}“ nicht versandt werden; "
                "die Kommission muss es zuvor beschlossen haben."
            )
        _check_date(sent_on, not_before=locked.received_on, what="Versand", field="sent_on")
        # The office may have prepared and corrected the request letter as a draft; sending the
        # request sends that draft (or a fresh one) through the authority's access (decision 0110).
        draft = (Letter.objects.filter(case=locked, kind=LetterKind.HARDSHIP_REQUEST, status=Letter.Status.DRAFT)
                 .order_by("-created_at", "-id").first())
        letter = letter_send(
            letter=draft or letter_generate(case=locked, kind=LetterKind.HARDSHIP_REQUEST, actor=actor,
                                            letter_date=sent_on),
            actor=actor, dispatched_on=sent_on, channel=Channel.PORTAL)
        request = HardshipRequest.objects.create(case=locked, authority=locked.authority, sent_on=sent_on,
                                                 letter=letter.pdf, sent_by=actor)
        case_step(case=locked, actor=actor, step=Step.SEND_REQUEST, effective_on=sent_on,
                  data={"hardship_request_id": request.pk, "letter_id": letter.pk,
                        "authority": locked.authority.name})
        ending_letters_produce(case=locked, step=Step.SEND_REQUEST, actor=actor, letter_date=sent_on)
        email_queue(
            to=authority_addresses(locked.authority), kind="hardship_request", case=locked,
            subject=f"Härtefallersuchen – Aktenzeichen {locked.file_number}",
            body=(f"Die Härtefallkommission hat für den Fall {locked.file_number} ein Härtefallersuchen "
                  f"beschlossen. Das Schreiben liegt im Fallverwaltungssystem bereit. Bitte teilen Sie "
                  f"dort Ihre beabsichtigte Entscheidung mit (§ 7 Abs. 3 HFKVO):\n"
                  f"{site_link(reverse('authorities:intended_decision', args=[request.pk]))}\n"),
        )
    return request


def _locked_open_request(request: HardshipRequest) -> HardshipRequest:
    locked = HardshipRequest.objects.select_for_update(of=("self",)).select_related("case", "authority").get(pk=request.pk)
    if Outcome.objects.filter(hardship_request=locked).exists():
        raise DomainError("Zu diesem Ersuchen ist das Ergebnis bereits erfasst.")
    return locked


NO_MINISTRY_ADDRESS = (
    "Das Ministerium kann nicht benachrichtigt werden: Es ist keine E-Mail-Adresse des Ministeriums "
    "eingerichtet (Einstellung HAERTEFALL_MINISTRY_EMAIL oder ein Konto des Ministeriums mit "
    "Benachrichtigung). Die Mitteilung nach § 7 Abs. 3 HFKVO ist ein Nachweis; ohne Empfänger wird nichts "
    "erfasst. Die Geschäftsstelle kann die beabsichtigte Entscheidung erfassen und angeben, wann und auf "
    "welchem Weg das Ministerium anderweitig informiert wurde."
)


def _ministry_notice_queue(*, decision: IntendedDecision, case: Case, authority, follow: bool) -> None:
    """Queue the e-mail to the ministry; the decision counts as informed once it was sent
    (checked after the send, which runs when the transaction commits)."""
    verdict = "folgen" if follow else "NICHT folgen"
    notice = email_queue(
        to=ministry_addresses(), kind="intended_decision_ministry", case=case,
        subject=f"Beabsichtigte Entscheidung ({verdict}) – Aktenzeichen {case.file_number}",
        body=(f"Die Ausländerbehörde {authority.name} hat ihre beabsichtigte Entscheidung zum "
              f"Härtefallersuchen {case.file_number} mitgeteilt: dem Ersuchen {verdict}.\n"
              f"Gründe und Übersicht: {site_link(reverse('authorities:ministry'))}\n"),
    )
    if notice is None:
        raise DomainError(NO_MINISTRY_ADDRESS, field="ministry")
    IntendedDecision.objects.filter(pk=decision.pk).update(ministry_notice=notice, ministry_channel=MinistryChannel.EMAIL)
    transaction.on_commit(lambda: _ministry_notice_confirm(decision.pk))


def _ministry_notice_confirm(decision_id: int) -> None:
    """After the send: the ministry is informed when (and only if) its e-mail went out."""
    decision = IntendedDecision.objects.select_related("ministry_notice").get(pk=decision_id)
    notice = decision.ministry_notice
    if notice is not None and notice.sent_at is not None and decision.ministry_informed_at is None:
        IntendedDecision.objects.filter(pk=decision_id).update(ministry_informed_at=notice.sent_at)


def intended_decision_record(*, hardship_request: HardshipRequest, actor, follow: bool, reasons: str,
                             recorded_on: date, informed_otherwise_on: date | None = None,
                             informed_otherwise_channel: str = "") -> IntendedDecision:
    """§ 7 Abs. 3 HFKVO: record the intended decision and inform the ministry and the office.

    Not following needs the reasons. A later revision is a new row (the latest counts) and a
    case event; the lifecycle step is recorded once. The ministry is informed by e-mail; without
    a ministry address nothing is recorded, unless the office states when and how the ministry
    was informed otherwise (``informed_otherwise_on``/``_channel``, decision 0108).
    """
    by_office = _acting_for(actor, hardship_request.authority)
    reasons = (reasons or "").strip()
    if (informed_otherwise_on or informed_otherwise_channel) and not is_office(actor):
        raise DomainError("Eine anderweitige Mitteilung an das Ministerium erfasst die Geschäftsstelle.",
                          field="informed_otherwise_on")
    if bool(informed_otherwise_on) != bool(informed_otherwise_channel):
        raise DomainError("Für eine anderweitige Mitteilung an das Ministerium sind Datum und Weg anzugeben.",
                          field="informed_otherwise_on")
    if informed_otherwise_channel and (informed_otherwise_channel == MinistryChannel.EMAIL
                                       or informed_otherwise_channel not in MinistryChannel.values):
        raise DomainError("Bitte wählen Sie den Weg, auf dem das Ministerium informiert wurde.",
                          field="informed_otherwise_channel")
    if informed_otherwise_on and informed_otherwise_on > timezone.localdate():
        raise DomainError("Das Datum der Mitteilung an das Ministerium liegt in der Zukunft.",
                          field="informed_otherwise_on")
    if not informed_otherwise_on and not [a for a in ministry_addresses() if a and a.strip()]:
        raise DomainError(NO_MINISTRY_ADDRESS, field="ministry")
    if follow is None:
        raise DomainError("Bitte wählen Sie, ob die Behörde dem Ersuchen folgen will.", field="follow")
    if not follow and not reasons:
        raise DomainError(
            "Will die Ausländerbehörde dem Ersuchen nicht folgen, muss sie die maßgeblichen Gründe "
            "mitteilen (§ 7 Abs. 3 HFKVO).", field="reasons",
        )
    with transaction.atomic():
        locked = _locked_open_request(hardship_request)
        case = Case.objects.select_for_update().get(pk=locked.case_id)
        _check_date(recorded_on, not_before=locked.sent_on, what="Mitteilung", field="recorded_on")
        now = timezone.now()
        otherwise = {}
        if informed_otherwise_on:
            otherwise = {"ministry_channel": informed_otherwise_channel, "ministry_informed_by": actor,
                         "ministry_informed_at": _start_of(informed_otherwise_on)}
        decision = IntendedDecision.objects.create(
            hardship_request=locked, follow=follow, reasons=reasons, recorded_on=recorded_on,
            recorded_by=actor, entered_by_office=by_office, office_informed_at=now, **otherwise,
        )
        data = {"hardship_request_id": locked.pk, "intended_decision_id": decision.pk, "follow": follow,
                "reasons": reasons, "entered_by_office": by_office}
        if case.state == State.REQUEST_SENT:
            case_step(case=case, actor=actor, step=Step.RECORD_INTENDED_DECISION, effective_on=recorded_on,
                      data=data)
        elif case.state == State.INTENDED_DECISION:
            event_record(case=case, actor=actor, event_type="intended_decision_revised",
                         effective_on=recorded_on, data=data)
        else:
            raise StepNotAllowed(
                f"Eine beabsichtigte Entscheidung ist im Stand „{State(case.state).label}“ nicht möglich."
            )
        verdict = "folgen" if follow else "NICHT folgen"
        subject = f"Beabsichtigte Entscheidung ({verdict}) – Aktenzeichen {case.file_number}"
        body = (f"Die Ausländerbehörde {locked.authority.name} hat ihre beabsichtigte Entscheidung zum "
                f"Härtefallersuchen {case.file_number} mitgeteilt: dem Ersuchen {verdict}.\n")
        if not informed_otherwise_on:
            _ministry_notice_queue(decision=decision, case=case, authority=locked.authority, follow=follow)
        email_queue(to=office_addresses(), kind="intended_decision_office", case=case, subject=subject,
                    body=body + f"{site_link(reverse('authorities:case', args=[case.pk]))}\n")
    decision.refresh_from_db()
    return decision


def _start_of(day: date):
    return timezone.make_aware(datetime.combine(day, time.min))


def ministry_notice_resend(*, decision: IntendedDecision, actor) -> IntendedDecision:
    """The office sends the § 7 Abs. 3 notice again (the first e-mail failed or has no answer)."""
    if not is_office(actor):
        raise DomainError("Die Mitteilung an das Ministerium sendet die Geschäftsstelle erneut.")
    with transaction.atomic():
        locked = IntendedDecision.objects.select_for_update().select_related(
            "hardship_request__case", "hardship_request__authority").get(pk=decision.pk)
        if locked.ministry_informed_at is not None:
            raise DomainError("Das Ministerium ist bereits informiert.")
        _ministry_notice_queue(decision=locked, case=locked.hardship_request.case,
                               authority=locked.hardship_request.authority, follow=locked.follow)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, case=locked.hardship_request.case,
                  detail="Mitteilung an das Ministerium (§ 7 Abs. 3 HFKVO) erneut gesendet")
    decision.refresh_from_db()
    return decision


def ministry_notice_record_otherwise(*, decision: IntendedDecision, actor, informed_on: date,
                                     channel: str) -> IntendedDecision:
    """The office records that it informed the ministry on another way (post, fax, EGVP …)."""
    if not is_office(actor):
        raise DomainError("Eine anderweitige Mitteilung an das Ministerium erfasst die Geschäftsstelle.")
    if channel == MinistryChannel.EMAIL or channel not in MinistryChannel.values:
        raise DomainError("Bitte wählen Sie den Weg, auf dem das Ministerium informiert wurde.", field="channel")
    if informed_on > timezone.localdate():
        raise DomainError("Das Datum der Mitteilung liegt in der Zukunft.", field="informed_on")
    with transaction.atomic():
        locked = IntendedDecision.objects.select_for_update().select_related("hardship_request__case").get(
            pk=decision.pk)
        if locked.ministry_informed_at is not None:
            raise DomainError("Das Ministerium ist bereits informiert.")
        if informed_on < locked.recorded_on:
            raise DomainError("Das Ministerium kann nicht vor der Mitteilung der Behörde informiert worden sein.",
                              field="informed_on")
        IntendedDecision.objects.filter(pk=locked.pk).update(
            ministry_informed_at=_start_of(informed_on), ministry_channel=channel, ministry_informed_by=actor)
        event_record(case=locked.hardship_request.case, actor=actor, event_type="ministry_informed",
                     effective_on=informed_on, data={"intended_decision_id": locked.pk, "channel": channel})
    decision.refresh_from_db()
    return decision


def outcome_not_before(decision: IntendedDecision) -> date:
    """The earliest day a final decision may be recorded after this intended decision."""
    wait = settings.HAERTEFALL_NOT_FOLLOW_WAITING_DAYS if not decision.follow else 0
    return decision.recorded_on + timedelta(days=wait)


def outcome_record(*, hardship_request: HardshipRequest, actor, kind: str, decided_on: date,
                   permit_valid_from: date | None = None, permit_valid_until: date | None = None,
                   condition_living_costs: bool = False, condition_section_68: bool = False,
                   conditions_other: str = "", other_reason: str = "",
                   person_outcomes: dict | None = None) -> Outcome:
    """The authority's final decision. Refused until § 7 Abs. 3 HFKVO has been complied with.

    ``person_outcomes``: person id -> kind (or (kind, other_reason)) for persons whose outcome
    differs; the others share ``kind`` (decision 0122)."""
    by_office = _acting_for(actor, hardship_request.authority)
    if kind not in Outcome.Kind.values:
        raise DomainError("Bitte wählen Sie das Ergebnis.", field="kind")
    with transaction.atomic():
        locked = _locked_open_request(hardship_request)
        _check_date(decided_on, not_before=locked.sent_on, what="Entscheidung", field="decided_on")
        decision = locked.intended_decision
        if kind in (Outcome.Kind.GRANTED, Outcome.Kind.REFUSED):
            if decision is None:
                raise DomainError(
                    "Die abschließende Entscheidung kann erst erfasst werden, wenn die beabsichtigte "
                    "Entscheidung dem Ministerium und der Geschäftsstelle mitgeteilt wurde "
                    "(§ 7 Abs. 3 HFKVO).", field="kind",
                )
            if kind == Outcome.Kind.REFUSED and decision.follow:
                raise DomainError(
                    "Die Behörde hatte mitgeteilt, dem Ersuchen folgen zu wollen. Will sie nicht folgen, "
                    "muss sie zuvor die maßgeblichen Gründe als beabsichtigte Entscheidung mitteilen "
                    "(§ 7 Abs. 3 HFKVO).", field="kind",
                )
            if not decision.follow and decision.ministry_informed_at is None:
                raise DomainError(
                    "Das Ministerium ist über die Gründe noch nicht nachweislich informiert: Die Mitteilung "
                    "nach § 7 Abs. 3 HFKVO ist nicht versandt. Die Geschäftsstelle kann sie erneut senden oder "
                    "erfassen, wann und wie das Ministerium anderweitig informiert wurde.", field="kind")
            earliest = outcome_not_before(decision)
            if decided_on < earliest:
                raise DomainError(
                    f"Die abschließende Entscheidung ist frühestens am {_fmt(earliest)} möglich "
                    f"(beabsichtigte Entscheidung vom {_fmt(decision.recorded_on)}).", field="decided_on",
                )
        if kind == Outcome.Kind.GRANTED:
            if permit_valid_from and permit_valid_until and permit_valid_until <= permit_valid_from:
                raise DomainError("Die Aufenthaltserlaubnis muss nach ihrem Beginn enden.",
                                  field="permit_valid_until")
        elif permit_valid_from or permit_valid_until or condition_living_costs or condition_section_68:
            raise DomainError("Gültigkeit und Bedingungen gehören nur zu einer erteilten Aufenthaltserlaubnis.",
                              field="permit_valid_from")
        if kind == Outcome.Kind.OTHER:
            if other_reason not in OTHER_CLOSURE_REASONS:
                raise DomainError("Bitte wählen Sie die Art der anderen Erledigung.", field="other_reason")
        else:
            other_reason = ""
        differing = person_outcomes_checked(case=locked.case, kind=kind, person_outcomes=person_outcomes)
        outcome = Outcome.objects.create(
            hardship_request=locked, kind=kind, decided_on=decided_on, permit_valid_from=permit_valid_from,
            permit_valid_until=permit_valid_until, condition_living_costs=condition_living_costs,
            condition_section_68=condition_section_68, conditions_other=(conditions_other or "").strip(),
            other_reason=other_reason, recorded_by=actor, entered_by_office=by_office,
        )
        case_record_outcome(
            case=locked.case, actor=actor, effective_on=decided_on, reason=other_reason,
            outcome={"granted": "granted", "refused": "not_followed", "other": "other"}[kind],
            data={"hardship_request_id": locked.pk, "outcome_id": outcome.pk, "kind": kind,
                  "permit_valid_from": permit_valid_from.isoformat() if permit_valid_from else None,
                  "permit_valid_until": permit_valid_until.isoformat() if permit_valid_until else None,
                  "condition_living_costs": condition_living_costs,
                  "condition_section_68": condition_section_68, "entered_by_office": by_office,
                  "person_outcomes": person_outcomes_store(outcome=outcome, rows=differing)},
        )
        step = {Outcome.Kind.GRANTED: Step.OUTCOME_GRANTED, Outcome.Kind.REFUSED: Step.OUTCOME_NOT_FOLLOWED,
                Outcome.Kind.OTHER: Step.OUTCOME_OTHER}[kind]
        ending_letters_produce(case=locked.case, step=step, actor=actor, letter_date=timezone.localdate())
        if not by_office:
            email_queue(to=office_addresses(), kind="outcome_recorded", case=locked.case,
                        subject=f"Ergebnis erfasst – Aktenzeichen {locked.case.file_number}",
                        body=f"Die Ausländerbehörde hat das Ergebnis zum Fall {locked.case.file_number} "
                             f"erfasst: {outcome.get_kind_display()}.\n"
                             f"{site_link(reverse('authorities:case', args=[locked.case_id]))}\n")
    return outcome


# --- documents released to the authority ------------------------------------------------------

def document_release(*, document: Document, actor, confirm_sensitive: bool = False) -> DocumentRelease:
    """Release one case document to the case's authority: an explicit act of the office,
    recorded with who and when, in the audit trail and in the case history (§ 6 Abs. 2 HFKVO).

    Medical attests and identity papers need ``confirm_sensitive``; extracts of the minutes are
    never released. The authority sees the document once its statement has been requested."""
    _require_office(actor)
    with transaction.atomic():
        return _release(_locked_case(document.case), document=document, actor=actor,
                        confirm_sensitive=confirm_sensitive)


def _release(locked: Case, *, document: Document, actor, confirm_sensitive: bool) -> DocumentRelease:
    """The release for a case locked by the caller."""
    if document.case_id != locked.pk:
        raise DomainError("Das Dokument gehört nicht zu diesem Fall.", field="document")
    if Document.objects.filter(pk=document.pk, removed_at__isnull=False).exists():
        raise DomainError(f"„{document.title}“ wurde aus der Akte entfernt und kann nicht freigegeben werden.",
                          field="document")
    if locked.authority is None:
        raise DomainError("Für den Fall ist keine zuständige Ausländerbehörde erfasst.", field="document")
    label = Document.Type(document.doc_type).label if document.doc_type in Document.Type.values else "Dokument"
    if document.doc_type in UNRELEASABLE_DOCUMENT_TYPES:
        raise DomainError(f"„{document.title}“ ({label}) gehört zu den vertraulichen Beratungen der Kommission "
                          "und wird nicht freigegeben (§ 6 Abs. 2 HFKVO).", field="document")
    if document.doc_type in SENSITIVE_DOCUMENT_TYPES and not confirm_sensitive:
        raise DomainError(f"„{document.title}“ ist ein {label}. Solche Dokumente werden nur einzeln und mit "
                          "Bestätigung freigegeben.", field="confirm_sensitive")
    if DocumentRelease.objects.filter(document=document, authority=locked.authority, withdrawn_at__isnull=True).exists():
        raise DomainError(f"„{document.title}“ ist der Ausländerbehörde bereits freigegeben.", field="document")
    release = DocumentRelease.objects.create(document=document, authority=locked.authority, released_by=actor)
    audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=release, case=locked,
              detail=f"Dokument {document.pk} ({label}) für {locked.authority.name} freigegeben"[:200])
    event_record(case=locked, actor=actor, event_type="document_released", effective_on=timezone.localdate(),
                 data={"document_id": document.pk, "doc_type": document.doc_type, "release_id": release.pk})
    return release


def document_release_withdraw(*, release: DocumentRelease, actor) -> DocumentRelease:
    """End a release: from now on the authority does not see the document (what it has
    already downloaded stays with it; the audit trail shows whether it did)."""
    _require_office(actor)
    with transaction.atomic():
        case = _locked_case(release.document.case)
        locked = DocumentRelease.objects.select_for_update().select_related("document", "authority").get(pk=release.pk)
        if locked.withdrawn_at is not None:
            raise DomainError("Die Freigabe ist bereits zurückgenommen.", field="release")
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = actor
        locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=locked, case=case,
                  detail=f"Freigabe von Dokument {locked.document_id} für {locked.authority.name} "
                         "zurückgenommen"[:200])
        event_record(case=case, actor=actor, event_type="document_release_withdrawn",
                     effective_on=timezone.localdate(),
                     data={"document_id": locked.document_id, "doc_type": locked.document.doc_type,
                           "release_id": locked.pk})
    return locked


# --- case documents removed or replaced (cases.services.documents, decision 0112) ---------------

def answer_document_refusal(*, document: Document, replacing: bool) -> str:
    """Why ``document`` may not leave the case file through the case's documents list, or "".

    The letter of a sent hardship request is the evidence of § 7 Abs. 2 HFKVO. An answer (the
    authority's statement, further information) whose only content is this document cannot lose
    it: its step ("Stellungnahme eingegangen") has moved the case on and is not taken back, so
    the office replaces the document with the corrected version instead."""
    if HardshipRequest.objects.filter(letter=document).exists():
        return ("Dieses Dokument ist das Schreiben eines versandten Härtefallersuchens und bleibt als "
                "Nachweis in der Akte.")
    if replacing:
        return ""
    for model, what in ((StatementRequest, "der Stellungnahme der Ausländerbehörde"),
                        (InfoRequest, "der Antwort auf die Anforderung weiterer Informationen")):
        for answer in model.objects.filter(documents=document, answered_on__isnull=False):
            others = answer.documents.current().exclude(pk=document.pk).exists()
            if not answer.answer_text.strip() and not others:
                return (f"Dieses Dokument ist der einzige Inhalt {what}. Bitte ersetzen Sie es durch die "
                        "berichtigte Fassung, statt es zu entfernen: Der Eingang der Antwort bleibt im "
                        "Verfahren erfasst und kann nicht zurückgenommen werden.")
    return ""


def answer_document_replace(*, old: Document, new: Document | None, actor) -> None:
    """Inside the caller's transaction: the answers that held ``old`` hold ``new`` instead (or
    nothing, when removed): a replaced statement no longer counts as the authority's answer.
    Open releases of ``old`` pass to ``new``; the office released this content already."""
    for model in (StatementRequest, InfoRequest):
        for answer in model.objects.filter(documents=old):
            answer.documents.remove(old)
            if new is not None:
                answer.documents.add(new)
    if new is None:
        return
    for release in DocumentRelease.objects.filter(document=old, withdrawn_at__isnull=True).select_related("authority"):
        carried = DocumentRelease.objects.create(document=new, authority=release.authority, released_by=actor)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=carried, case=new.case,
                  detail=f"Freigabe von Dokument {old.pk} auf das ersetzende Dokument {new.pk} übertragen"[:200])
