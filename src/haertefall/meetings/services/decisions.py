"""Attendance, conflicts of interest and decisions on agenda items.

Quorum and majority come from the pure functions in ``meetings.rules`` with the rule in force
on the session's date. Votes are stored as counts only (``ItemVote``).

Decisions (docs/decisions/0041-decisions-and-votes.md), by the item's subject:
* request (§ 6 Abs. 3 HFKVO), take-up put before the commission (§ 4 Abs. 3) and withdrawal
  of a request (report, ch. 5): adopting needs the vote adopted under the rule; "no request",
  "no take-up" and "request stays" need quorum, not a majority (counts optional; counts that
  would adopt the motion are refused);
* the pre-screening committee: only a majority *against* the take-up rejects; a tie or no
  majority takes the case up, it goes on to the commission (``take_up.committee_vote``,
  decision 0101);
* "deferred" needs no vote and no quorum (a commission without quorum defers its items);
* a recommendation on applying ordinary law (only with "no request") needs a majority
  under the same rule (§ 6 Abs. 3 Satz 4 HFKVO), its counts are recorded too;
* every regular exclusion ground flagged at the check is weighed in a decision on a request:
  whether it excludes a positive decision and why (§ 5 Abs. 2; report ch. 5; decision 0105);
* a withdrawn request produces the letter to the authority and the notice to the ministry
  (decision 0102).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.selectors import case_flagged_grounds
from haertefall.cases.services.events import event_record
from haertefall.cases.services.lifecycle import (
    case_decide,
    case_prescreen,
    case_revoke_request,
    case_step,
)
from haertefall.cases.states import ClosureReason, Step
from haertefall.core.errors import DomainError

from .. import rules, take_up
from ..models import (
    AgendaItem,
    Attendance,
    Expectation,
    GroundWeighing,
    ItemDecision,
    ItemExclusion,
    ItemVote,
    Meeting,
)
from ..rule_config import decision_rule_by_key, decision_rule_in_force
from ..selectors import land_for, meeting_attendance, meeting_slots
from .planning import ensure_minutes_open, ensure_not_cancelled


def attendance_record(*, meeting: Meeting, statuses: dict[str, str], actor) -> list[Attendance]:
    """Record for every seat whether its member, its deputy or nobody attended.

    ``statuses`` maps the seat key ("seat-<id>" / "prescreen-<id>") to an Attendance.Status.
    Every seat needs an answer; a seat counts once, whoever of the two came.
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        ensure_not_cancelled(meeting, "eine Anwesenheit wird nicht erfasst")
        ensure_minutes_open(meeting)
        if ItemDecision.objects.filter(item__meeting=meeting).exists():
            raise DomainError("Es sind bereits Beschlüsse erfasst; die Anwesenheit kann nicht mehr "
                              "geändert werden.")
        slots = meeting_slots(meeting)
        if not slots:
            raise DomainError("Die Kommission hat noch keine Sitze.")
        rows = []
        for slot in slots:
            status = statuses.get(slot.key)
            if status not in Attendance.Status.values:
                raise DomainError(f"Bitte geben Sie für {slot.label} an, wer anwesend war.", field=slot.key)
            person = {Attendance.Status.MEMBER: slot.member, Attendance.Status.DEPUTY: slot.deputy}.get(status)
            if status != Attendance.Status.ABSENT and person is None:
                who = "kein Mitglied" if status == Attendance.Status.MEMBER else "keine Stellvertretung"
                raise DomainError(f"{slot.label} hat am Sitzungstag {who}; bitte wählen Sie eine "
                                  "andere Angabe.", field=slot.key)
            rows.append((slot, status, str(person) if person else ""))
        meeting.attendance.all().delete()
        created = [
            Attendance.objects.create(meeting=meeting, seat=slot.seat, prescreen_seat=slot.prescreen_seat,
                                      status=status, attendee_name=name)
            for slot, status, name in rows
        ]
        meeting.rule_key = decision_rule_in_force(land=land_for(meeting), on=meeting.date).key
        meeting.save(update_fields=["rule_key"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=meeting, detail="Anwesenheit erfasst")
    return created


@dataclass(frozen=True)
class Votes:
    yes: int
    no: int
    abstain: int


@dataclass(frozen=True)
class Weighing:
    """The commission's weighing of one flagged regular ground (§ 5 Abs. 2 HFKVO)."""

    ground_id: int
    excludes: bool | None
    reasons: str = ""


Outcome = ItemDecision.Outcome
Subject = AgendaItem.Subject

PRESCREEN_OUTCOMES = (Outcome.TAKE_UP, Outcome.NO_TAKE_UP, Outcome.DEFERRED)
OUTCOMES_BY_SUBJECT = {
    Subject.REQUEST: (Outcome.REQUEST, Outcome.NO_REQUEST, Outcome.DEFERRED),
    Subject.TAKE_UP: (Outcome.TAKE_UP, Outcome.NO_TAKE_UP, Outcome.DEFERRED),
    Subject.REVOCATION: (Outcome.REVOKE, Outcome.KEEP, Outcome.DEFERRED),
}
MOTION_BY_SUBJECT = {
    Subject.REQUEST: ItemVote.Motion.REQUEST,
    Subject.TAKE_UP: ItemVote.Motion.TAKE_UP,
    Subject.REVOCATION: ItemVote.Motion.REVOCATION,
}
MOTION_LABEL = {
    Subject.REQUEST: "Das Härtefallersuchen",
    Subject.TAKE_UP: "Die Befassung",
    Subject.REVOCATION: "Die Rücknahme des Ersuchens",
}
ADOPTING = {Outcome.REQUEST, Outcome.TAKE_UP, Outcome.REVOKE}
# Kept for callers that ask which outcomes a commission item may have.
COMMISSION_OUTCOMES = set(OUTCOMES_BY_SUBJECT[Subject.REQUEST])


def item_outcomes(*, meeting: Meeting, item: AgendaItem) -> tuple[str, ...]:
    """The decisions the body may take on the item (the form offers these)."""
    if meeting.is_prescreen:
        return PRESCREEN_OUTCOMES
    return OUTCOMES_BY_SUBJECT[item.subject]


def _tally(votes: Votes, excluded: int, attendance: rules.Attendance, rule, field: str):
    try:
        return rules.tally(rules.VoteCount(votes.yes, votes.no, votes.abstain, excluded), attendance, rule)
    except (rules.VoteCountError, rules.AttendanceError) as exc:
        raise DomainError(str(exc), field=field) from None


def _committee_vote(votes: Votes, excluded: int, attendance: rules.Attendance, rule):
    try:
        return take_up.committee_vote(rules.VoteCount(votes.yes, votes.no, votes.abstain, excluded), attendance,
                                      rule)
    except (rules.VoteCountError, rules.AttendanceError) as exc:
        raise DomainError(str(exc), field="yes") from None


def _weighings_checked(*, item: AgendaItem, outcome: str, weighings) -> list[tuple]:
    """(ground, excludes, reasons) for every regular ground flagged at the check, or a German
    error naming the ground. Weighed only in a decision on a request (report, ch. 5)."""
    given = {}
    for weighing in weighings:
        if weighing.excludes is None and not weighing.reasons.strip():
            continue  # an untouched row of the form
        if weighing.ground_id in given:
            raise DomainError("Jeder Soll-Ausschlussgrund wird nur einmal abgewogen.", field="weighings")
        given[weighing.ground_id] = weighing
    if item.subject != Subject.REQUEST or outcome not in (Outcome.REQUEST, Outcome.NO_REQUEST):
        if given:
            raise DomainError("Soll-Ausschlussgründe werden im Beschluss über ein Härtefallersuchen abgewogen, "
                              "nicht bei einer Vertagung, Befassung oder Rücknahme.", field="weighings")
        return []
    grounds = case_flagged_grounds(item.case)
    unknown = set(given) - {ground.pk for ground in grounds}
    if unknown:
        raise DomainError("Abgewogen werden nur die bei der formalen Prüfung vermerkten Soll-Ausschlussgründe "
                          "dieses Falls.", field="weighings")
    rows = []
    for ground in grounds:
        weighing = given.get(ground.pk)
        field = f"ground_{ground.pk}"
        if weighing is None or weighing.excludes is None:
            raise DomainError(f"Bitte wägen Sie den Soll-Ausschlussgrund „{ground.label}“ ({ground.paragraph}) ab: "
                              "Schließt er eine positive Entscheidung aus?", field=field)
        if not weighing.reasons.strip():
            raise DomainError(f"Bitte begründen Sie die Abwägung zu „{ground.label}“ für das Protokoll.",
                              field=f"{field}_reasons")
        if weighing.excludes and outcome == Outcome.REQUEST:
            raise DomainError(f"Nach Ihrer Abwägung schließt „{ground.label}“ eine positive Entscheidung aus "
                              "(§ 5 Abs. 2 HFKVO); ein Härtefallersuchen ist dann nicht möglich.", field=field)
        rows.append((ground, weighing.excludes, weighing.reasons.strip()))
    return rows


def item_decide(*, item: AgendaItem, outcome: str, actor, reasons: str = "",
                votes: Votes | None = None, excluded_keys: list[str] = (),
                expectations: list[str] = (), expectations_text: str = "",
                recommendation: str = "", recommendation_votes: Votes | None = None,
                weighings: list[Weighing] = ()) -> ItemDecision:
    """Record the decision on one agenda item and take the case's procedural step."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        ensure_not_cancelled(meeting, "es werden keine Beschlüsse erfasst")
        ensure_minutes_open(meeting)
        item = AgendaItem.objects.select_related("case").get(pk=item.pk)
        if outcome not in item_outcomes(meeting=meeting, item=item):
            raise DomainError("Bitte wählen Sie einen Beschluss.", field="outcome")
        if ItemDecision.objects.filter(item=item).exists():
            raise DomainError(f"Über TOP {item.position} ist bereits beschlossen.", field="outcome")
        if meeting.date > timezone.localdate():
            raise DomainError(f"Die Sitzung findet erst am {meeting.date:%d.%m.%Y} statt; Beschlüsse "
                              "können erst ab dem Sitzungstag erfasst werden.", field="outcome")
        attendance = meeting_attendance(meeting)
        if attendance is None:
            raise DomainError("Bitte erfassen Sie zuerst die Anwesenheit.", field="outcome")
        if not reasons.strip():
            raise DomainError("Bitte geben Sie die Gründe für das Protokoll an.", field="reasons")
        unknown = set(expectations) - set(Expectation.values)
        if unknown:
            raise DomainError("Unbekannte Erwartung ausgewählt.", field="expectations")
        if (expectations or expectations_text.strip()) and outcome != Outcome.REQUEST:
            raise DomainError("Erwartungen können nur mit einem Härtefallersuchen verbunden werden.",
                              field="expectations")
        if (recommendation.strip() or recommendation_votes) and outcome != Outcome.NO_REQUEST:
            raise DomainError("Eine Empfehlung zur Anwendung des geltenden Ausländerrechts gibt es nur, "
                              "wenn kein Ersuchen beschlossen wird (§ 6 Abs. 3 Satz 4 HFKVO).",
                              field="recommendation")
        weighed = _weighings_checked(item=item, outcome=outcome, weighings=weighings)

        # Conflicts of interest: only seats present at the session can be excluded.
        present_keys = {
            (f"seat-{row.seat_id}" if row.seat_id else f"prescreen-{row.prescreen_seat_id}")
            for row in meeting.attendance.all() if row.present
        }
        slots = {slot.key: slot for slot in meeting_slots(meeting)}
        excluded_keys = list(dict.fromkeys(excluded_keys))
        for key in excluded_keys:
            if key not in present_keys:
                raise DomainError("Wegen Befangenheit ausschließen lässt sich nur ein anwesender Sitz.",
                                  field="excluded")
        excluded = len(excluded_keys)

        rule = decision_rule_by_key(meeting.rule_key) if meeting.rule_key else decision_rule_in_force(
            land=land_for(meeting), on=meeting.date)
        quorum = rules.quorum(attendance, rule, excluded=excluded)
        vote_rows = []
        if outcome != Outcome.DEFERRED:
            if not quorum.reached:
                raise DomainError(
                    f"Der Beschluss kann nicht erfasst werden: {quorum.reason_de} Vertagen Sie den "
                    "Punkt.", field="outcome")
            if meeting.is_prescreen:
                vote_rows.append(_committee_vote_row(votes, excluded, attendance, rule, outcome))
            else:
                vote_rows += _commission_vote_rows(item, outcome, votes, excluded, attendance, rule)
            if recommendation.strip():
                if recommendation_votes is None:
                    raise DomainError("Die Empfehlung braucht die Stimmenmehrheit; bitte erfassen Sie "
                                      "ihr Abstimmungsergebnis.", field="recommendation_yes")
                rec = _tally(recommendation_votes, excluded, attendance, rule, "recommendation_yes")
                if not rec.adopted:
                    raise DomainError(f"Die Empfehlung ist nicht beschlossen. {rec.reason_de}",
                                      field="recommendation_yes")
                vote_rows.append((ItemVote.Motion.RECOMMENDATION, recommendation_votes, rec.adopted, rec.reason_de))
            elif recommendation_votes is not None:
                raise DomainError("Zum Abstimmungsergebnis der Empfehlung fehlt ihr Text.",
                                  field="recommendation")
        elif votes is not None:
            raise DomainError("Eine Vertagung wird ohne Abstimmungsergebnis erfasst.", field="yes")

        for key in excluded_keys:
            slot = slots[key]
            ItemExclusion.objects.create(item=item, seat=slot.seat, prescreen_seat=slot.prescreen_seat)
        for motion, counts, adopted, text in vote_rows:
            ItemVote.objects.create(item=item, motion=motion, yes=counts.yes, no=counts.no,
                                    abstain=counts.abstain, excluded=excluded, adopted=adopted,
                                    rule_key=rule.key, result_text=text)
        expectation_labels = [Expectation(e).label for e in expectations]
        decision = ItemDecision.objects.create(
            item=item, outcome=outcome, reasons=reasons.strip(), expectations=list(expectations),
            expectations_text=expectations_text.strip(), recommendation=recommendation.strip(),
            rule_key=rule.key, quorum_text=quorum.reason_de, recorded_by=actor,
        )
        for ground, excludes, why in weighed:
            GroundWeighing.objects.create(decision=decision, ground=ground, excludes=excludes, reasons=why)
        data = {"meeting_id": meeting.pk, "agenda_item": item.position, "rule": rule.key}
        # The reasons (and the weighing of regular grounds) stay in the decision, i.e. in the
        # minutes (§ 6 Abs. 3 Satz 3 HFKVO), and are not copied into the case history: the case's
        # authority reads that history, and what the commission deliberated is confidential
        # (§ 6 Abs. 2 Satz 5 HFKVO).
        if meeting.is_prescreen:
            if outcome != Outcome.DEFERRED:
                case_prescreen(case=item.case, actor=actor, decided_on=meeting.date,
                               take_up=outcome == Outcome.TAKE_UP,
                               data={**data, "written_procedure": meeting.written_procedure})
                if outcome != Outcome.TAKE_UP:
                    _ending_letters(case=item.case, step=Step.PRESCREEN_REJECT, actor=actor)
        elif item.subject == Subject.TAKE_UP:
            if outcome == Outcome.TAKE_UP:
                case_step(case=item.case, actor=actor, step=Step.COMMISSION_TAKE_UP, effective_on=meeting.date,
                          data=data)
            elif outcome == Outcome.NO_TAKE_UP:
                case_step(case=item.case, actor=actor, step=Step.COMMISSION_NO_TAKE_UP,
                          effective_on=meeting.date, data=data,
                          closure_reason=ClosureReason.COMMISSION_NO_TAKE_UP)
                _ending_letters(case=item.case, step=Step.COMMISSION_NO_TAKE_UP, actor=actor)
        elif item.subject == Subject.REVOCATION:
            if outcome == Outcome.REVOKE:
                request_withdraw(case=item.case, actor=actor, meeting=meeting, data=data)
            elif outcome == Outcome.KEEP:
                event_record(case=item.case, actor=actor, event_type="revocation_refused",
                             effective_on=meeting.date, data=data)
        else:
            case_decide(
                case=item.case, actor=actor, decided_on=meeting.date, decision=outcome,
                expectations="; ".join(expectation_labels + ([expectations_text.strip()]
                                                             if expectations_text.strip() else [])),
                recommendation=recommendation.strip(), data=data,
            )
            if outcome == Outcome.NO_REQUEST:
                _ending_letters(case=item.case, step=Step.DECIDE_NO_REQUEST, actor=actor,
                                recommendation=recommendation.strip())
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=decision, case=item.case)
    return decision


def _committee_vote_row(votes, excluded, attendance, rule, outcome):
    """The pre-screening committee: only a majority against the take-up rejects (decision 0101)."""
    if votes is None:
        raise DomainError("Bitte erfassen Sie das Abstimmungsergebnis (Ja, Nein, Enthaltungen).", field="yes")
    result = _committee_vote(votes, excluded, attendance, rule)
    if outcome == Outcome.TAKE_UP and not result.take_up:
        raise DomainError(f"Nach diesem Abstimmungsergebnis ist die Mehrheit gegen die Befassung. "
                          f"{result.reason_de}", field="outcome")
    if outcome == Outcome.NO_TAKE_UP and result.take_up:
        raise DomainError(
            "Der Vorprüfungsausschuss lehnt eine Befassung nur mit der Mehrheit gegen sie ab; bei "
            f"Stimmengleichheit oder ohne Mehrheit geht der Fall an die Kommission. {result.reason_de}",
            field="outcome")
    return ItemVote.Motion.TAKE_UP, votes, result.take_up, result.reason_de


def _commission_vote_rows(item, outcome, votes, excluded, attendance, rule) -> list[tuple]:
    if outcome in ADOPTING and votes is None:
        raise DomainError("Bitte erfassen Sie das Abstimmungsergebnis (Ja, Nein, Enthaltungen).", field="yes")
    if votes is None:
        return []
    result = _tally(votes, excluded, attendance, rule, "yes")
    if outcome in ADOPTING and not result.adopted:
        raise DomainError(f"{MOTION_LABEL[item.subject]} ist nicht beschlossen. {result.reason_de}", field="yes")
    if outcome not in ADOPTING and result.adopted:
        raise DomainError(
            "Nach diesem Abstimmungsergebnis ist der Antrag angenommen "
            f"({result.reason_de}) Bitte erfassen Sie den Beschluss entsprechend.", field="outcome")
    return [(MOTION_BY_SUBJECT[item.subject], votes, result.adopted, result.reason_de)]


def _ending_letters(*, case, step: str, actor, recommendation: str = "") -> None:
    """The letters the decision owes the outside world, in its transaction (decision 0109): the
    submitter learns *that* it was decided, never the deliberation (§ 6 Abs. 2 HFKVO); a
    recommendation goes to the authority, with an e-mail naming the file number only."""
    from haertefall.correspondence.endings import ending_letters_produce
    from haertefall.correspondence.models import LetterKind
    from haertefall.correspondence.services import authority_addresses, email_queue

    case.refresh_from_db()
    letters = ending_letters_produce(case=case, step=step, actor=actor, letter_date=timezone.localdate(),
                                     data={"recommendation": recommendation})
    if case.authority is not None and any(letter.kind == LetterKind.RECOMMENDATION for letter in letters):
        email_queue(to=authority_addresses(case.authority), kind="recommendation", case=case,
                    subject=f"Empfehlung der Härtefallkommission – Aktenzeichen {case.file_number}",
                    body=(f"Die Härtefallkommission hat im Fall {case.file_number} kein Härtefallersuchen "
                          "beschlossen und Ihnen eine Empfehlung zur Anwendung des geltenden Ausländerrechts "
                          "gegeben (§ 6 Abs. 3 Satz 4 HFKVO). Das Schreiben liegt im Fallverwaltungssystem "
                          "bereit.\n"))


def request_withdraw(*, case, actor, meeting: Meeting, data: dict) -> None:
    """The commission withdrew its request (report, ch. 5): close the case as revoked, then the
    letter to the authority, which holds the request as the legal basis of a permit, and the
    notice to the ministry, both filed in the case, and their e-mails (decision 0102).

    A request decided but never sent reached nobody outside: no letters then. Call inside the
    decision's transaction.
    """
    from haertefall.correspondence.models import LetterKind
    from haertefall.correspondence.services import (
        authority_addresses,
        email_queue,
        letter_generate,
        ministry_addresses,
    )

    sent = case.hardship_requests.exists()
    case = case_revoke_request(case=case, actor=actor, revoked_on=meeting.date, data=data)
    if not sent:
        return
    today = timezone.localdate()
    letter_generate(case=case, kind=LetterKind.REQUEST_WITHDRAWAL, actor=actor, letter_date=today)
    letter_generate(case=case, kind=LetterKind.WITHDRAWAL_MINISTRY, actor=actor, letter_date=today)
    # The e-mails name the file number only; the letters wait in the system (decision 0053).
    subject = f"Rücknahme des Härtefallersuchens – Aktenzeichen {case.file_number}"
    text = (f"Die Härtefallkommission hat in ihrer Sitzung am {meeting.date:%d.%m.%Y} ihr Härtefallersuchen im "
            f"Fall {case.file_number} zurückgenommen. Das Ersuchen ist damit keine Grundlage mehr für eine "
            "Aufenthaltserlaubnis nach § 23a AufenthG. Das Schreiben liegt im Fallverwaltungssystem bereit.\n")
    if case.authority is not None:
        email_queue(to=authority_addresses(case.authority), kind="request_withdrawal", case=case,
                    subject=subject, body=text)
    email_queue(to=ministry_addresses(), kind="withdrawal_ministry", case=case, subject=subject, body=text)
