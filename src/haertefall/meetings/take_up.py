"""Take-up (Befassung): whether a pre-screening committee exists, and how its vote ends.

Pure functions on plain values, like ``meetings.rules`` (no Django, no database).

* § 3 Abs. 3 HFKVO: the commission *may* form a pre-screening committee ("kann ... bilden").
  Whether a Land's commission has one, and since when, is data with a validity period
  (``CommitteeRule``, stored as ``PrescreenCommitteeConfig``). No rule in force means no
  committee. Without one, § 4 Abs. 2 applies: after a check without exclusion grounds the
  office asks the authority for its statement directly.
* The committee filters few cases (report, ch. 3: "nur wenige Fälle durch den
  Vorprüfungsausschuss abgelehnt ..., damit die Härtefallkommission sich selbst ein Bild
  machen ... kann"): only a majority *against* the take-up rejects. A tie, or a vote with no
  majority either way, sends the case on to the commission (``committee_vote``). The majority
  against is counted as the decision rule counts any majority (``rules.tally`` with the yes and
  no votes swapped), so a Land's quorum and majority apply to the committee as well.

See docs/decisions/0101-prescreen-committee-optional.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import rules

__all__ = ["CommitteeRule", "CommitteeVote", "committee_rule_in_force", "committee_vote"]


@dataclass(frozen=True, kw_only=True)
class CommitteeRule:
    """One period of a Land with or without a pre-screening committee (both dates inclusive)."""

    key: str
    land: str
    valid_from: date
    valid_to: date | None
    committee_formed: bool
    label_de: str

    def __post_init__(self) -> None:
        if self.land not in rules.LAENDER:
            raise rules.RuleDefinitionError(f"Regel {self.key!r}: unbekanntes Land {self.land!r}.")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise rules.RuleDefinitionError(
                f"Regel {self.key!r}: gültig bis {self.valid_to:%d.%m.%Y} liegt vor gültig ab "
                f"{self.valid_from:%d.%m.%Y}."
            )

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def committee_rule_in_force(committee_rules: Iterable[CommitteeRule], on: date, land: str) -> CommitteeRule | None:
    """The rule of ``land`` in force on ``on``; None if there is none (then there is no committee).

    Overlapping periods are a configuration error and raise ``rules.AmbiguousRuleError``.
    """
    matches = [rule for rule in committee_rules if rule.land == land and rule.in_force_on(on)]
    if len(matches) > 1:
        keys = ", ".join(rule.key for rule in matches)
        raise rules.AmbiguousRuleError(
            f"Für {rules.LAENDER.get(land, land)} gelten am {on:%d.%m.%Y} mehrere Regeln zum "
            f"Vorprüfungsausschuss zugleich ({keys})."
        )
    return matches[0] if matches else None


@dataclass(frozen=True)
class CommitteeVote:
    decided: bool  # quorate: the committee could decide at all
    take_up: bool  # the case goes on to the commission
    against: rules.TallyResult  # the motion "no take-up", counted under the decision rule
    reason_de: str


def _counts_de(votes: rules.VoteCount) -> str:
    def plural(count, one, many):
        return f"{count} {one if count == 1 else many}"

    text = ", ".join((plural(votes.yes, "Stimme für die Befassung", "Stimmen für die Befassung"),
                      plural(votes.no, "Stimme dagegen", "Stimmen dagegen"),
                      plural(votes.abstain, "Enthaltung", "Enthaltungen")))
    if votes.excluded:
        text += f"; {votes.excluded} wegen Befangenheit ausgeschlossen"
    return text


def committee_vote(votes: rules.VoteCount, attendance: rules.Attendance, rule: rules.DecisionRule) -> CommitteeVote:
    """How a vote of the pre-screening committee on the take-up ends.

    ``votes.yes`` are votes *for* the take-up. Only a majority against it (under ``rule``)
    rejects; anything else takes the case up. Raises ``rules.VoteCountError`` /
    ``rules.AttendanceError`` on impossible counts, as ``rules.tally`` does.
    """
    against = rules.tally(rules.VoteCount(votes.no, votes.yes, votes.abstain, votes.excluded), attendance, rule)
    if not against.quorum.reached:
        return CommitteeVote(decided=False, take_up=False, against=against,
                             reason_de=f"Keine Entscheidung: {against.quorum.reason_de}")
    counts = _counts_de(votes)
    if against.adopted:
        reason = (f"Keine Befassung: {counts}. Die Mehrheit ist gegen die Befassung (mindestens "
                  f"{against.required_yes} Stimmen dagegen waren nötig).")
        return CommitteeVote(decided=True, take_up=False, against=against, reason_de=reason)
    reason = (f"Befassung: {counts}. Keine Mehrheit gegen die Befassung (dafür wären mindestens "
              f"{against.required_yes} Stimmen dagegen nötig gewesen); der Fall geht an die Kommission.")
    return CommitteeVote(decided=True, take_up=True, against=against, reason_de=reason)
