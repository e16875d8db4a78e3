"""Bulk work on cases chosen in the list (decision 0120).

Each case runs through the same service a single case would (agenda, reminder, letter,
assignment) in its own transaction, with its own event: a case the service refuses keeps
nothing of the attempt and does not stop the others. The result names, per case, whether it
was done and, if not, the service's German reason."""

from dataclasses import dataclass
from datetime import date

from django.db import models, transaction
from django.utils import timezone

from haertefall.cases.access import access_case
from haertefall.core.errors import AccessDenied, DomainError

from .access import can_work_in_bulk

# More cases than fit on the largest page of the list are not chosen by hand.
MAX_BULK_CASES = 100


class BulkAction(models.TextChoices):
    AGENDA = "agenda", "Auf die Tagesordnung einer Sitzung setzen"
    REMINDER = "reminder", "Mahnung wegen überfälliger Stellungnahme senden"
    LETTER = "letter", "Schreiben derselben Art erzeugen"
    ASSIGN = "assign", "Zuständigkeit neu zuweisen"


@dataclass(frozen=True)
class BulkResult:
    case_id: int
    file_number: str
    done: bool
    message: str


NOT_FOUND = "Fall nicht gefunden oder für Sie nicht zu bearbeiten."


def _agenda(case, actor, *, meeting, **_):
    from haertefall.meetings.services.planning import agenda_item_add

    item = agenda_item_add(meeting=meeting, case=case, actor=actor)
    return f"Steht als TOP {item.position} auf der Tagesordnung der {meeting}."


def _reminder(case, actor, *, today, **_):
    from haertefall.authorities.reminders import reminder_send_overdue

    reminder = reminder_send_overdue(case=case, actor=actor, today=today)
    return f"Mahnung an {reminder.recipient or 'die Ausländerbehörde'} gesendet."


def _letter(case, actor, *, letter_kind, today, **_):
    from haertefall.correspondence.services import letter_generate

    letter = letter_generate(case=case, kind=letter_kind, actor=actor, letter_date=today)
    # A draft (decision 0110): the office reads and sends each letter from the case page.
    return f"Entwurf „{letter.get_kind_display()}“ angelegt; bitte prüfen und versenden."


def _assign(case, actor, *, assignee, **_):
    from haertefall.cases.services.assignment import case_assign

    case_assign(case=case, actor=actor, assignee=assignee)
    return f"Zugewiesen an {assignee}."


HANDLERS = {BulkAction.AGENDA: _agenda, BulkAction.REMINDER: _reminder, BulkAction.LETTER: _letter,
            BulkAction.ASSIGN: _assign}
# What each action needs besides the cases.
REQUIRED = {BulkAction.AGENDA: ("meeting", "die Sitzung"), BulkAction.LETTER: ("letter_kind", "die Art des Schreibens"),
            BulkAction.ASSIGN: ("assignee", "die Person, die die Fälle bearbeiten soll")}


def cases_bulk_apply(*, actor, case_ids: list[int], action: str, meeting=None, letter_kind: str = "",
                     assignee=None, today: date | None = None, request=None) -> list[BulkResult]:
    """Apply ``action`` to each case of ``case_ids`` (in that order, each once).

    Raises ``AccessDenied`` for a user who may not work in bulk (nothing happens), and
    ``DomainError`` for an unknown action, a missing parameter or too many cases. A case the
    user may not change, or that the action's service refuses, is reported and skipped."""
    if not can_work_in_bulk(actor):
        raise AccessDenied
    if action not in HANDLERS:
        raise DomainError("Bitte wählen Sie, was mit den Fällen geschehen soll.", field="action")
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        raise DomainError("Bitte wählen Sie mindestens einen Fall aus.", field="case_ids")
    if len(ids) > MAX_BULK_CASES:
        raise DomainError(f"Bitte wählen Sie höchstens {MAX_BULK_CASES} Fälle auf einmal.", field="case_ids")
    params = {"meeting": meeting, "letter_kind": letter_kind, "assignee": assignee,
              "today": today or timezone.localdate()}
    needed = REQUIRED.get(action)
    if needed and not params[needed[0]]:
        raise DomainError(f"Bitte wählen Sie {needed[1]}.", field=needed[0])
    handler = HANDLERS[action]
    results = []
    for case_id in ids:
        try:
            case = access_case(user=actor, case_id=case_id, for_write=True, request=request, log_read=False)
        except AccessDenied:
            results.append(BulkResult(case_id, "", False, NOT_FOUND))
            continue
        try:
            # One transaction per case: a refusal rolls back everything this case's service
            # wrote so far, and only that.
            with transaction.atomic():
                message = handler(case, actor, **params)
        except DomainError as error:
            results.append(BulkResult(case.pk, case.file_number, False, error.message))
        else:
            results.append(BulkResult(case.pk, case.file_number, True, message))
    return results
