"""Attendance, conflicts of interest and decisions on agenda items.

Quorum and majority come from the pure functions in ``meetings.rules`` with the rule in force
on the session's date. Votes are stored as counts only (``ItemVote``).

Decisions (docs/decisions/0041-decisions-and-votes.md):
* "request" / "take up" need the vote to be adopted under the rule; otherwise refused;
* "no request" / "no take up" need quorum, not a majority: they record that the motion was
  not adopted (counts optional; counts that would adopt the motion are refused);
* "deferred" needs no vote and no quorum (a commission without quorum defers its items);
* a recommendation on applying ordinary law (only with "no request") needs a majority
  under the same rule (§ 6 Abs. 3 Satz 4 HFKVO), its counts are recorded too.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.services.lifecycle import case_decide, case_prescreen
from haertefall.core.errors import DomainError

from .. import rules
from ..models import (
    AgendaItem,
    Attendance,
    Expectation,
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


COMMISSION_OUTCOMES = {ItemDecision.Outcome.REQUEST, ItemDecision.Outcome.NO_REQUEST,
                       ItemDecision.Outcome.DEFERRED}
PRESCREEN_OUTCOMES = {ItemDecision.Outcome.TAKE_UP, ItemDecision.Outcome.NO_TAKE_UP,
                      ItemDecision.Outcome.DEFERRED}
ADOPTING = {ItemDecision.Outcome.REQUEST, ItemDecision.Outcome.TAKE_UP}


def _tally(votes: Votes, excluded: int, attendance: rules.Attendance, rule, field: str):
    try:
        return rules.tally(rules.VoteCount(votes.yes, votes.no, votes.abstain, excluded), attendance, rule)
    except (rules.VoteCountError, rules.AttendanceError) as exc:
        raise DomainError(str(exc), field=field) from None


def item_decide(*, item: AgendaItem, outcome: str, actor, reasons: str = "",
                votes: Votes | None = None, excluded_keys: list[str] = (),
                expectations: list[str] = (), expectations_text: str = "",
                recommendation: str = "", recommendation_votes: Votes | None = None) -> ItemDecision:
    """Record the decision on one agenda item and take the case's procedural step."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        ensure_not_cancelled(meeting, "es werden keine Beschlüsse erfasst")
        ensure_minutes_open(meeting)
        item = AgendaItem.objects.select_related("case").get(pk=item.pk)
        allowed = PRESCREEN_OUTCOMES if meeting.is_prescreen else COMMISSION_OUTCOMES
        if outcome not in allowed:
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
        if (expectations or expectations_text.strip()) and outcome != ItemDecision.Outcome.REQUEST:
            raise DomainError("Erwartungen können nur mit einem Härtefallersuchen verbunden werden.",
                              field="expectations")
        if (recommendation.strip() or recommendation_votes) and outcome != ItemDecision.Outcome.NO_REQUEST:
            raise DomainError("Eine Empfehlung zur Anwendung des geltenden Ausländerrechts gibt es nur, "
                              "wenn kein Ersuchen beschlossen wird (§ 6 Abs. 3 Satz 4 HFKVO).",
                              field="recommendation")

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
        if outcome != ItemDecision.Outcome.DEFERRED:
            if not quorum.reached:
                raise DomainError(
                    f"Der Beschluss kann nicht erfasst werden: {quorum.reason_de} Vertagen Sie den "
                    "Punkt.", field="outcome")
            motion = ItemVote.Motion.TAKE_UP if meeting.is_prescreen else ItemVote.Motion.REQUEST
            if outcome in ADOPTING and votes is None:
                raise DomainError("Bitte erfassen Sie das Abstimmungsergebnis (Ja, Nein, Enthaltungen).",
                                  field="yes")
            if votes is not None:
                result = _tally(votes, excluded, attendance, rule, "yes")
                if outcome in ADOPTING and not result.adopted:
                    label = "Die Befassung" if meeting.is_prescreen else "Das Härtefallersuchen"
                    raise DomainError(f"{label} ist nicht beschlossen. {result.reason_de}", field="yes")
                if outcome not in ADOPTING and result.adopted:
                    raise DomainError(
                        "Nach diesem Abstimmungsergebnis ist der Antrag angenommen "
                        f"({result.reason_de}) Bitte erfassen Sie den Beschluss entsprechend.",
                        field="outcome")
                vote_rows.append((motion, votes, result))
            if recommendation.strip():
                if recommendation_votes is None:
                    raise DomainError("Die Empfehlung braucht die Stimmenmehrheit; bitte erfassen Sie "
                                      "ihr Abstimmungsergebnis.", field="recommendation_yes")
                rec = _tally(recommendation_votes, excluded, attendance, rule, "recommendation_yes")
                if not rec.adopted:
                    raise DomainError(f"Die Empfehlung ist nicht beschlossen. {rec.reason_de}",
                                      field="recommendation_yes")
                vote_rows.append((ItemVote.Motion.RECOMMENDATION, recommendation_votes, rec))
            elif recommendation_votes is not None:
                raise DomainError("Zum Abstimmungsergebnis der Empfehlung fehlt ihr Text.",
                                  field="recommendation")
        elif votes is not None:
            raise DomainError("Eine Vertagung wird ohne Abstimmungsergebnis erfasst.", field="yes")

        for key in excluded_keys:
            slot = slots[key]
            ItemExclusion.objects.create(item=item, seat=slot.seat, prescreen_seat=slot.prescreen_seat)
        for motion, counts, result in vote_rows:
            ItemVote.objects.create(item=item, motion=motion, yes=counts.yes, no=counts.no,
                                    abstain=counts.abstain, excluded=excluded, adopted=result.adopted,
                                    rule_key=rule.key, result_text=result.reason_de)
        expectation_labels = [Expectation(e).label for e in expectations]
        decision = ItemDecision.objects.create(
            item=item, outcome=outcome, reasons=reasons.strip(), expectations=list(expectations),
            expectations_text=expectations_text.strip(), recommendation=recommendation.strip(),
            rule_key=rule.key, quorum_text=quorum.reason_de, recorded_by=actor,
        )
        data = {"meeting_id": meeting.pk, "agenda_item": item.position, "rule": rule.key}
        # The reasons stay in the decision, i.e. in the minutes (§ 6 Abs. 3 Satz 3 HFKVO), and are
        # not copied into the case history: the case's authority reads that history, and what
        # the commission deliberated is confidential (§ 6 Abs. 2 Satz 5 HFKVO).
        if meeting.is_prescreen:
            if outcome != ItemDecision.Outcome.DEFERRED:
                case_prescreen(case=item.case, actor=actor, decided_on=meeting.date,
                               take_up=outcome == ItemDecision.Outcome.TAKE_UP,
                               data={**data, "written_procedure": meeting.written_procedure})
        else:
            case_decide(
                case=item.case, actor=actor, decided_on=meeting.date, decision=outcome,
                expectations="; ".join(expectation_labels + ([expectations_text.strip()]
                                                             if expectations_text.strip() else [])),
                recommendation=recommendation.strip(), data=data,
            )
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=decision, case=item.case)
    return decision
