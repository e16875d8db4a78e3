"""Sending deadline reminders to the authorities (``haertefall send-reminders``)."""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from haertefall.cases.models import Case
from haertefall.cases.services.events import event_record
from haertefall.cases.states import State
from haertefall.core.errors import DomainError
from haertefall.correspondence.services import authority_addresses, email_queue, site_link

from .models import Reminder, StatementRequest
from .rules import AFTER, reminder_due


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def reminders_send(*, today: date) -> list[Reminder]:
    """Send every reminder due on ``today`` that was not sent before (idempotent)."""
    sent = []
    # Only cases still waiting for the statement (not closed or withdrawn meanwhile).
    open_requests = (StatementRequest.objects.filter(answered_on__isnull=True, case__state=State.STATEMENT_REQUESTED)
                     .select_related("case", "authority"))
    for request in open_requests:
        deadline = request.deadline
        if deadline.is_paused(today):
            continue
        due = deadline.due_on(today)
        key = reminder_due(due=due, today=today, days_before=settings.HAERTEFALL_REMINDER_DAYS_BEFORE,
                           repeat_days=settings.HAERTEFALL_REMINDER_REPEAT_DAYS)
        if key is None:
            continue
        kind, number = key
        if Reminder.objects.filter(statement_request=request, kind=kind, due_on=due, number=number).exists():
            continue
        try:
            with transaction.atomic():
                reminder = _send_one(request=request, kind=kind, number=number, due=due, today=today)
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent.append(reminder)
    return sent


def reminder_send_overdue(*, case: Case, actor, today: date) -> Reminder:
    """The office sends the overdue-statement reminder of this period now, instead of waiting
    for the nightly ``send-reminders`` (bulk work on the case list). It is the same reminder the
    command would send (same kind, deadline and number), so neither sends it twice."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        request = (StatementRequest.objects.filter(case=case, answered_on__isnull=True)
                   .select_related("case", "authority").order_by("-pk").first())
        if case.state != State.STATEMENT_REQUESTED or request is None:
            raise DomainError(f"Zu {case.file_number} wird keine Stellungnahme der Ausländerbehörde erwartet.")
        deadline = request.deadline
        if deadline.is_paused(today):
            raise DomainError(f"Die Frist für die Stellungnahme zu {case.file_number} ruht; gemahnt wird nicht.")
        due = deadline.due_on(today)
        if due >= today:
            raise DomainError(f"Die Frist für die Stellungnahme zu {case.file_number} läuft noch bis {_fmt(due)}; "
                              "gemahnt wird erst danach.")
        _kind, number = reminder_due(due=due, today=today, days_before=0,
                                     repeat_days=settings.HAERTEFALL_REMINDER_REPEAT_DAYS)
        if Reminder.objects.filter(statement_request=request, kind=AFTER, due_on=due, number=number).exists():
            raise DomainError(f"Die Mahnung zu {case.file_number} für diese Woche ist bereits gesendet.")
        if not any(address.strip() for address in authority_addresses(request.authority) if address):
            raise DomainError(f"Für die Ausländerbehörde von {case.file_number} ist keine E-Mail-Adresse "
                              "hinterlegt; bitte mahnen Sie schriftlich.")
        request.case = case
        return _send_one(request=request, kind=AFTER, number=number, due=due, today=today, actor=actor)


def _send_one(*, request: StatementRequest, kind: str, number: int, due: date, today: date,
              actor=None) -> Reminder:
    addresses = authority_addresses(request.authority)
    reminder = Reminder.objects.create(statement_request=request, kind=kind, due_on=due, number=number,
                                       sent_on=today, recipient=(addresses[0] if addresses else "")[:254])
    case = request.case
    link = site_link(reverse("authorities:statement_answer", args=[request.pk]))
    if kind == AFTER:
        subject = f"Mahnung: Stellungnahme überfällig – Aktenzeichen {case.file_number}"
        body = (f"Die Frist für die Stellungnahme zum Fall {case.file_number} ist am {_fmt(due)} "
                f"abgelaufen. Bitte übermitteln Sie die Stellungnahme umgehend:\n{link}\n")
    else:
        subject = f"Erinnerung: Stellungnahme fällig am {_fmt(due)} – Aktenzeichen {case.file_number}"
        body = (f"Die Frist für die Stellungnahme zum Fall {case.file_number} endet am {_fmt(due)}.\n"
                f"{link}\n")
    email_queue(to=addresses, subject=subject, body=body, kind=f"reminder_{kind}", case=case)
    event_record(case=case, actor=actor, event_type="reminder_sent", effective_on=today,
                 data={"statement_request_id": request.pk, "kind": kind, "number": number,
                       "due": due.isoformat()})
    return reminder
