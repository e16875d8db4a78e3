"""Procedural steps of a case. Each is one transaction: lock, check, change, record.

The generic ``case_step`` enforces the transition table and the date rules; the named
functions below it are the API the pages, the REST API and other parts (meetings,
authorities, import) call.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from haertefall.core.errors import ConcurrentEdit, DomainError, StepNotAllowed

from ..models import Case, FormalCheck, OtherBasis
from ..states import (
    ALLOWED_TRANSITIONS,
    OTHER_CLOSURE_REASONS,
    Closure,
    ClosureReason,
    State,
    Step,
)
from .events import event_record, last_effective_on


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _check_effective_on(case: Case, effective_on: date) -> None:
    today = timezone.localdate()
    if effective_on > today:
        raise DomainError(
            f"Das Datum {_fmt(effective_on)} liegt in der Zukunft; erfasst werden kann nur, was "
            "bereits geschehen ist.",
            field="effective_on",
        )
    previous = last_effective_on(case)
    if previous is not None and effective_on < previous:
        raise DomainError(
            f"Das Datum {_fmt(effective_on)} liegt vor dem letzten Verfahrensschritt "
            f"({_fmt(previous)}).",
            field="effective_on",
        )


def case_step(
    *,
    case: Case,
    actor,
    step: str,
    effective_on: date,
    data: dict | None = None,
    closure_reason: str = "",
    expected_version: int | None = None,
    check_dates: bool = True,
    statement_due_on: date | None = None,
) -> Case:
    """Apply one procedural step to the case, or refuse and change nothing."""
    if step == Step.RECEIVE:
        raise StepNotAllowed("Der Eingang wird mit case_receive erfasst.")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise ConcurrentEdit(
                "Der Fall wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite "
                "neu und prüfen Sie die Änderungen."
            )
        sources, target, closure = ALLOWED_TRANSITIONS[step]
        if locked.state not in sources:
            raise StepNotAllowed(
                f"„{Step(step).label}“ ist im Stand „{State(locked.state).label}“ nicht möglich."
            )
        if step == Step.REVOKE_REQUEST and locked.state == State.CLOSED and locked.closure != Closure.FOLLOWED:
            raise StepNotAllowed("Widerrufen werden kann nur ein Ersuchen, das noch besteht oder dem gefolgt wurde.")
        if check_dates:
            _check_effective_on(locked, effective_on)
        if closure is not None and not closure_reason:
            raise DomainError("Für den Abschluss ist ein Erledigungsgrund erforderlich.", field="closure_reason")

        event_data = dict(data or {})
        update = ["state", "closure", "closure_reason", "closed_on", "statement_due_on", "version",
                  "updated_at"]
        # The statement deadline only matters while the statement is awaited.
        if target != State.STATEMENT_REQUESTED:
            locked.statement_due_on = None
        elif statement_due_on is not None:
            locked.statement_due_on = statement_due_on
        if step == Step.REOPEN:
            event_data.setdefault("previous_closure", locked.closure)
        locked.state = target
        if closure is None:
            locked.closure = ""
            locked.closure_reason = ""
            locked.closed_on = None
        else:
            locked.closure = closure
            locked.closure_reason = closure_reason
            locked.closed_on = effective_on
            event_data["closure"] = closure
            event_data["closure_reason"] = closure_reason
        locked.version += 1
        locked.save(update_fields=update)
        event_record(case=locked, actor=actor, event_type=step, step=step,
                     effective_on=effective_on, data=event_data)
    case.refresh_from_db()
    return case


def case_statement_due_set(*, case: Case, due_on: date | None) -> Case:
    """Mirror the running statement deadline on the case (None while it is paused).

    The deadline itself (original due date, extensions, pauses) is the authorities part's
    ``StatementRequest``; its services call this inside their transaction so that the case
    list filter, the dashboard and the case page read one value (docs/decisions/0081).
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.state != State.STATEMENT_REQUESTED:
        due_on = None
    if locked.statement_due_on != due_on:
        locked.statement_due_on = due_on
        locked.save(update_fields=["statement_due_on", "updated_at"])
    case.statement_due_on = due_on
    return case


# --- named steps --------------------------------------------------------------------------

def case_check_formally(*, case: Case, actor, checked_on: date, ground_ids=(), note: str = "",
                        other_basis: str = "", catalogue=None, expected_version: int | None = None) -> Case:
    """Formal check against the catalogue in force on ``checked_on`` (§ 5 HFKVO).

    A mandatory ground closes the case as "no request"; regular grounds are flagged for the
    commission to weigh. The check records which catalogue version it used.
    """
    from haertefall.registers.models import ExclusionGround
    from haertefall.registers.selectors import catalogue_in_force

    catalogue = catalogue or catalogue_in_force(on=checked_on)
    grounds = list(ExclusionGround.objects.filter(pk__in=list(ground_ids)))
    if len(grounds) != len(set(ground_ids)) or any(g.catalogue_id != catalogue.pk for g in grounds):
        raise DomainError(
            f"Die gewählten Ausschlussgründe gehören nicht zum Katalog „{catalogue.title}“.",
            field="grounds",
        )
    if other_basis and other_basis not in OtherBasis.values:
        raise DomainError("Bitte wählen Sie, ob eine andere Rechtsgrundlage möglich ist.", field="other_basis")
    if other_basis == OtherBasis.OTHER and not note.strip():
        raise DomainError("Bitte nennen Sie die andere Rechtsgrundlage im Vermerk.", field="note")
    mandatory = [g for g in grounds if g.kind == g.Kind.MANDATORY]
    regular = [g for g in grounds if g.kind == g.Kind.REGULAR]
    data = {
        "catalogue": catalogue.key,
        "mandatory": [g.code for g in mandatory],
        "regular": [g.code for g in regular],
        "note": note,
        **({"other_basis": other_basis} if other_basis else {}),
    }
    with transaction.atomic():
        if mandatory:
            case = case_step(case=case, actor=actor, step=Step.CHECK_EXCLUDE, effective_on=checked_on,
                             data=data, closure_reason=ClosureReason.MANDATORY_EXCLUSION,
                             expected_version=expected_version)
        else:
            case = case_step(case=case, actor=actor, step=Step.CHECK_PASS, effective_on=checked_on,
                             data=data, expected_version=expected_version)
        check = FormalCheck.objects.create(case=case, catalogue=catalogue, checked_on=checked_on,
                                           checked_by=actor, note=note, other_basis=other_basis)
        check.grounds.set(grounds)
        Case.objects.filter(pk=case.pk).update(flagged_grounds=[g.code for g in regular])
        if mandatory:
            _ending_letters(case=case, step=Step.CHECK_EXCLUDE, actor=actor)
    case.refresh_from_db()
    return case


def case_exclude_later(*, case: Case, actor, found_on: date, ground_ids, note: str = "",
                       expected_version: int | None = None) -> Case:
    """A mandatory ground (§ 5 Abs. 1 HFKVO) found after the formal check, before the
    commission's decision: the case ends as "no request (mandatory exclusion)", counted in
    table 6.4 under "Kein Ersuchen" (decision 0099).

    The ground must belong to the catalogue in force on ``found_on``. A case on a session's
    agenda leaves it; the item is taken off as when the office withdraws it.
    """
    from haertefall.registers.models import ExclusionGround
    from haertefall.registers.selectors import catalogue_in_force

    catalogue = catalogue_in_force(on=found_on)
    ids = {int(g) for g in ground_ids}
    grounds = list(ExclusionGround.objects.filter(pk__in=ids, catalogue=catalogue,
                                                  kind=ExclusionGround.Kind.MANDATORY))
    if not ids:
        raise DomainError("Bitte wählen Sie den zwingenden Ausschlussgrund (§ 5 Abs. 1 HFKVO).",
                          field="mandatory_grounds")
    if len(grounds) != len(ids):
        raise DomainError(
            f"Die gewählten Gründe sind keine zwingenden Ausschlussgründe des Katalogs „{catalogue.title}“.",
            field="mandatory_grounds")
    data = {"catalogue": catalogue.key, "mandatory": sorted(g.code for g in grounds), **_note(note)}
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise ConcurrentEdit(
                "Der Fall wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite "
                "neu und prüfen Sie die Änderungen."
            )
        from haertefall.meetings.models import AgendaItem
        from haertefall.meetings.services.planning import agenda_item_remove

        for item in AgendaItem.objects.filter(case=locked, decision__isnull=True):
            agenda_item_remove(item=item, actor=actor)
        case = case_step(case=case, actor=actor, step=Step.EXCLUDE_LATER, effective_on=found_on, data=data,
                         closure_reason=ClosureReason.MANDATORY_EXCLUSION)
        _ending_letters(case=case, step=Step.EXCLUDE_LATER, actor=actor)
        return case


def case_prescreen(*, case: Case, actor, decided_on: date, take_up: bool, reasons: str = "",
                   data: dict | None = None, expected_version: int | None = None) -> Case:
    payload = {"reasons": reasons, **(data or {})}
    if take_up:
        return case_step(case=case, actor=actor, step=Step.PRESCREEN_TAKE_UP, effective_on=decided_on,
                         data=payload, expected_version=expected_version)
    return case_step(case=case, actor=actor, step=Step.PRESCREEN_REJECT, effective_on=decided_on,
                     data=payload, closure_reason=ClosureReason.PRESCREEN_REJECTED,
                     expected_version=expected_version)


def case_close_other(*, case: Case, actor, closed_on: date, reason: str, note: str = "",
                     expected_version: int | None = None) -> Case:
    """Other closure before the commission's decision (withdrawal, departure, …)."""
    if reason not in OTHER_CLOSURE_REASONS:
        raise DomainError("Bitte wählen Sie einen Grund für die andere Erledigung.", field="closure_reason")
    return case_step(case=case, actor=actor, step=Step.CLOSE_OTHER, effective_on=closed_on,
                     data={"note": note}, closure_reason=reason, expected_version=expected_version)


def case_decide(*, case: Case, actor, decided_on: date, decision: str, reasons: str = "",
                expectations: str = "", recommendation: str = "", data: dict | None = None,
                expected_version: int | None = None) -> Case:
    """Record the commission's decision: "request", "no_request" or "deferred"."""
    payload = {"reasons": reasons, "expectations": expectations, "recommendation": recommendation,
               **(data or {})}
    if decision == "request":
        return case_step(case=case, actor=actor, step=Step.DECIDE_REQUEST, effective_on=decided_on,
                         data=payload, expected_version=expected_version)
    if decision == "no_request":
        return case_step(case=case, actor=actor, step=Step.DECIDE_NO_REQUEST, effective_on=decided_on,
                         data=payload, closure_reason=ClosureReason.COMMISSION_REJECTED,
                         expected_version=expected_version)
    if decision == "deferred":
        return case_step(case=case, actor=actor, step=Step.DECIDE_DEFER, effective_on=decided_on,
                         data=payload, expected_version=expected_version)
    raise DomainError(f"Unbekannte Entscheidung „{decision}“.", field="decision")


def case_record_outcome(*, case: Case, actor, outcome: str, effective_on: date, reason: str = "",
                        data: dict | None = None, expected_version: int | None = None) -> Case:
    """The authority's final answer to a request: "granted", "not_followed" or "other"."""
    steps = {
        "granted": (Step.OUTCOME_GRANTED, ClosureReason.PERMIT_GRANTED),
        "not_followed": (Step.OUTCOME_NOT_FOLLOWED, ClosureReason.AUTHORITY_REFUSED),
        "other": (Step.OUTCOME_OTHER, reason or ClosureReason.OTHER),
    }
    if outcome not in steps:
        raise DomainError(f"Unbekanntes Ergebnis „{outcome}“.", field="outcome")
    step, closure_reason = steps[outcome]
    return case_step(case=case, actor=actor, step=step, effective_on=effective_on, data=data,
                     closure_reason=closure_reason, expected_version=expected_version)


def case_revoke_request(*, case: Case, actor, revoked_on: date, data: dict | None = None,
                        expected_version: int | None = None) -> Case:
    """The commission withdraws its request (report, ch. 5). Only the meetings part calls this,
    from the decision on an agenda item; the reasons stay in that decision, i.e. in the minutes
    (decision 0102)."""
    return case_step(case=case, actor=actor, step=Step.REVOKE_REQUEST, effective_on=revoked_on,
                     data=data, closure_reason=ClosureReason.REQUEST_REVOKED,
                     expected_version=expected_version)


def case_reopen(*, case: Case, actor, reopened_on: date, reason: str,
                expected_version: int | None = None) -> Case:
    if not reason.strip():
        raise DomainError("Für die Wiederaufnahme ist ein Grund anzugeben.", field="reason")
    return case_step(case=case, actor=actor, step=Step.REOPEN, effective_on=reopened_on,
                     data={"reason": reason}, expected_version=expected_version)


def _ending_letters(*, case: Case, step: str, actor, data: dict | None = None) -> None:
    """The letter the ending owes the submitter, in the step's transaction (decision 0109)."""
    from haertefall.correspondence.endings import ending_letters_produce

    ending_letters_produce(case=case, step=step, actor=actor, letter_date=timezone.localdate(), data=data)


def _note(note: str) -> dict:
    return {"note": note} if note else {}


def statement_request_refusal(*, case: Case, on: date) -> str | None:
    """Why the statement may not be requested now, in German; None if it may (§ 4 Abs. 2 HFKVO).

    After a take-up it may. Straight after the formal check only where the commission has no
    pre-screening committee on ``on`` (§ 3 Abs. 3: it *may* form one, rule data) and the check
    found no exclusion ground: flagged regular grounds (§ 5 Abs. 2) are for the commission to
    weigh, so the office puts such a case before it (§ 4 Abs. 3). See decision 0101.
    """
    from haertefall.meetings.selectors import pending_take_up_item, prescreen_committee_formed

    if case.state == State.TAKEN_UP:
        return None
    if case.state != State.CHECKED:
        return f"Eine Stellungnahme kann im Stand „{State(case.state).label}“ nicht angefordert werden."
    if prescreen_committee_formed(on=on):
        return (f"Am {_fmt(on)} besteht ein Vorprüfungsausschuss (§ 3 Abs. 3 HFKVO): er entscheidet zuerst "
                "über die Befassung. Setzen Sie den Fall auf seine Tagesordnung oder legen Sie ihn der "
                "Kommission vor (§ 4 Abs. 3 HFKVO).")
    if case.flagged_grounds:
        return ("Bei der formalen Prüfung wurden Soll-Ausschlussgründe (§ 5 Abs. 2 HFKVO) vermerkt. Die "
                "Stellungnahme wird direkt nur angefordert, wenn kein Ausschlussgrund vorliegt (§ 4 Abs. 2 "
                "HFKVO); ob ein Soll-Ausschlussgrund überwiegt, wägt die Kommission ab. Legen Sie den Fall "
                "der Kommission zur Befassung vor (§ 4 Abs. 3 HFKVO).")
    pending = pending_take_up_item(case)
    if pending is not None:
        return (f"Der Fall steht zur Befassung auf der Tagesordnung der {pending.meeting}; bitte warten Sie "
                "deren Beschluss ab oder setzen Sie ihn ab.")
    return None


def case_request_statement(*, case: Case, actor, requested_on: date, deadline: date | None = None,
                           note: str = "", expected_version: int | None = None) -> Case:
    """Ask the responsible authority for its reasoned statement, with a deadline.

    Without a deadline the default period (four weeks, §§ 187 ff. BGB, NRW holidays) applies.
    Straight from the formal check only as ``statement_request_refusal`` allows (§ 4 Abs. 2 HFKVO).
    """
    from haertefall.core.deadlines import NRW_HOLIDAYS, STATEMENT_PERIOD_DEFAULT, deadline_end

    if case.state == State.CHECKED:
        refusal = statement_request_refusal(case=case, on=requested_on)
        if refusal:
            raise StepNotAllowed(refusal)
    if deadline is None:
        deadline = deadline_end(requested_on, STATEMENT_PERIOD_DEFAULT, NRW_HOLIDAYS)
    if deadline <= requested_on:
        raise DomainError(
            f"Die Frist ({_fmt(deadline)}) muss nach dem Datum der Anforderung ({_fmt(requested_on)}) "
            "liegen.", field="deadline")
    data = {"deadline": deadline.isoformat(), **_note(note)}
    return case_step(case=case, actor=actor, step=Step.REQUEST_STATEMENT, effective_on=requested_on,
                     data=data, expected_version=expected_version, statement_due_on=deadline)


def case_receive_statement(*, case: Case, actor, received_on: date, note: str = "",
                           expected_version: int | None = None) -> Case:
    return case_step(case=case, actor=actor, step=Step.RECEIVE_STATEMENT, effective_on=received_on,
                     data=_note(note), expected_version=expected_version)


INFO_FROM = {"submitter": "Einreicher/in", "authority": "Ausländerbehörde", "other": "Sonstige Stelle"}


def case_request_info(*, case: Case, actor, requested_on: date, requested_from: str = "submitter",
                      note: str = "", expected_version: int | None = None) -> Case:
    if requested_from not in INFO_FROM:
        raise DomainError("Bitte wählen Sie, bei wem die Informationen angefordert werden.",
                          field="requested_from")
    return case_step(case=case, actor=actor, step=Step.REQUEST_INFO, effective_on=requested_on,
                     data={"requested_from": requested_from, **_note(note)},
                     expected_version=expected_version)


def case_receive_info(*, case: Case, actor, received_on: date, note: str = "",
                      expected_version: int | None = None) -> Case:
    return case_step(case=case, actor=actor, step=Step.RECEIVE_INFO, effective_on=received_on,
                     data=_note(note), expected_version=expected_version)


def case_mark_ready(*, case: Case, actor, marked_on: date, note: str = "",
                    expected_version: int | None = None) -> Case:
    return case_step(case=case, actor=actor, step=Step.MARK_READY, effective_on=marked_on,
                     data=_note(note), expected_version=expected_version)


def case_place_on_agenda(*, case: Case, actor, placed_on: date, meeting_id: int | None = None,
                         note: str = "", expected_version: int | None = None) -> Case:
    """Put the case on a session's agenda. The meetings part passes its meeting; the generic
    step form records only the date."""
    data = _note(note)
    if meeting_id is not None:
        data["meeting_id"] = meeting_id
    return case_step(case=case, actor=actor, step=Step.PLACE_ON_AGENDA, effective_on=placed_on,
                     data=data, expected_version=expected_version)


def case_remove_from_agenda(*, case: Case, actor, removed_on: date, note: str = "",
                            expected_version: int | None = None) -> Case:
    return case_step(case=case, actor=actor, step=Step.REMOVE_FROM_AGENDA, effective_on=removed_on,
                     data=_note(note), expected_version=expected_version)


def case_send_request(*, case: Case, actor, sent_on: date, note: str = "",
                      expected_version: int | None = None) -> Case:
    return case_step(case=case, actor=actor, step=Step.SEND_REQUEST, effective_on=sent_on,
                     data=_note(note), expected_version=expected_version)


def case_record_intended_decision(*, case: Case, actor, received_on: date, follows: bool,
                                  reasons: str = "", expected_version: int | None = None) -> Case:
    """The authority's intended decision (§ 7 Abs. 3 HFKVO); reasons are required where it will
    not follow the request."""
    if not follows and not reasons.strip():
        raise DomainError("Will die Ausländerbehörde dem Ersuchen nicht folgen, sind ihre Gründe "
                          "anzugeben.", field="reasons")
    return case_step(case=case, actor=actor, step=Step.RECORD_INTENDED_DECISION,
                     effective_on=received_on, data={"follows": follows, "reasons": reasons},
                     expected_version=expected_version)
