"""Correcting a recorded vote or the reasons of a decision before the minutes are approved
(issue 16, docs/decisions/0121).

The correction is an event "decision_corrected" in the case's history with who, when, why and
the values before and after; the vote rows and the decision hold the corrected values, the
minutes draft lists every correction. Quorum and majority are checked again on the corrected
counts under the rule the decision applied: counts that no longer carry the recorded decision
are refused, because the decision already took the case's procedural step (and may have sent
letters); a different decision is not a correction.
"""

from django.db import transaction
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.services.events import event_record
from haertefall.core.errors import DomainError

from .. import rules
from ..models import AgendaItem, ItemDecision, ItemVote, Meeting, Minutes
from ..rule_config import decision_rule_by_key, decision_rule_in_force
from ..selectors import DECISION_CORRECTED, land_for, meeting_attendance
from .decisions import Votes, _commission_vote_rows, _committee_vote_row, _tally
from .planning import ensure_not_cancelled

REASON_MAX = 1000


def votes_text(votes: Votes | ItemVote | None) -> str:
    if votes is None:
        return "keine Stimmenzahlen"
    return f"{votes.yes} Ja, {votes.no} Nein, {votes.abstain} Enthaltung{'en' if votes.abstain != 1 else ''}"


def item_decision_correct(*, item: AgendaItem, actor, reason: str, votes: Votes | None = None,
                          recommendation_votes: Votes | None = None, reasons: str | None = None) -> ItemDecision:
    """Correct the vote counts (and the recommendation's) or the reasons of a recorded decision.

    ``None`` leaves a value as recorded. Refused once the minutes are approved."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Bitte geben Sie den Grund der Korrektur an.", field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(f"Der Grund der Korrektur ist zu lang (höchstens {REASON_MAX} Zeichen).", field="reason")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        ensure_not_cancelled(meeting, "es werden keine Beschlüsse korrigiert")
        item = AgendaItem.objects.select_related("case").get(pk=item.pk)
        if Minutes.objects.filter(meeting_id=meeting.pk).exists():
            raise DomainError(f"Das Protokoll dieser Sitzung ist genehmigt; Abstimmung und Beschluss zu "
                              f"TOP {item.position} können nicht mehr korrigiert werden.")
        decision = ItemDecision.objects.select_for_update().filter(item=item).first()
        if decision is None:
            raise DomainError(f"Über TOP {item.position} ist noch nicht beschlossen; es gibt nichts zu korrigieren.")
        outcome_label = decision.get_outcome_display()
        rule = (decision_rule_by_key(decision.rule_key) if decision.rule_key
                else decision_rule_in_force(land=land_for(meeting), on=meeting.date))
        attendance = meeting_attendance(meeting)
        excluded = item.exclusions.count()
        current = {vote.motion: vote for vote in item.votes.all()}
        old, new, rows = {}, {}, []

        if votes is not None:
            if decision.outcome == ItemDecision.Outcome.DEFERRED:
                raise DomainError("Eine Vertagung hat kein Abstimmungsergebnis.", field="yes")
            if attendance is None or not rules.quorum(attendance, rule, excluded=excluded).reached:
                raise DomainError("Nach der erfassten Anwesenheit war die Kommission nicht beschlussfähig.",
                                  field="yes")
            try:
                if meeting.is_prescreen:
                    row = _committee_vote_row(votes, excluded, attendance, rule, decision.outcome)
                    rows.append(row)
                else:
                    rows += _commission_vote_rows(item, decision.outcome, votes, excluded, attendance, rule)
            except DomainError as exc:
                raise DomainError(
                    f"Die korrigierten Stimmenzahlen tragen den Beschluss „{outcome_label}“ nicht: {exc.message} "
                    "Ein anderer Beschluss lässt sich nicht als Korrektur erfassen.", field="yes") from None
        if recommendation_votes is not None:
            if ItemVote.Motion.RECOMMENDATION not in current:
                raise DomainError("Zu diesem Punkt wurde keine Empfehlung beschlossen.", field="recommendation_yes")
            result = _tally(recommendation_votes, excluded, attendance, rule, "recommendation_yes")
            if not result.adopted:
                raise DomainError("Nach den korrigierten Stimmenzahlen wäre die Empfehlung nicht beschlossen. "
                                  f"{result.reason_de}", field="recommendation_yes")
            rows.append((ItemVote.Motion.RECOMMENDATION, recommendation_votes, result.adopted, result.reason_de))

        for motion, counts, adopted, text in rows:
            before = current.get(motion)
            if before is not None and (before.yes, before.no, before.abstain) == (counts.yes, counts.no, counts.abstain):
                continue
            label = ItemVote.Motion(motion).label
            old[f"Abstimmung ({label})"] = votes_text(before)
            new[f"Abstimmung ({label})"] = votes_text(counts)
            if before is None:
                ItemVote.objects.create(item=item, motion=motion, yes=counts.yes, no=counts.no,
                                        abstain=counts.abstain, excluded=excluded, adopted=adopted,
                                        rule_key=rule.key, result_text=text)
            else:
                before.yes, before.no, before.abstain = counts.yes, counts.no, counts.abstain
                before.adopted, before.result_text = adopted, text
                before.save(update_fields=["yes", "no", "abstain", "adopted", "result_text"])
        if reasons is not None:
            if not reasons.strip():
                raise DomainError("Die Gründe für das Protokoll dürfen nicht leer sein.", field="reasons")
            if reasons.strip() != decision.reasons:
                old["Gründe"], new["Gründe"] = decision.reasons, reasons.strip()
                decision.reasons = reasons.strip()
                decision.save(update_fields=["reasons"])
        if not new:
            raise DomainError("Die Korrektur ändert nichts: Abstimmung und Gründe sind bereits so erfasst.")
        # Who voted how is never recorded; the counts and the reasons stay with the commission
        # (``cases.presenters.event_data`` shows them only to readers of deliberations).
        event_record(case=item.case, actor=actor, event_type=DECISION_CORRECTED,
                     effective_on=timezone.localdate(),
                     data={"meeting_id": meeting.pk, "agenda_item": item.position, "item_id": item.pk,
                           "reason": reason, "old": old, "new": new})
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=decision, case=item.case,
                  detail=f"Beschluss zu TOP {item.position} korrigiert")
    decision.refresh_from_db()
    return decision
