"""The decision rules as stored in the database, handed to the pure functions in ``rules``."""

from datetime import date

from haertefall.core.errors import DomainError

from . import rules, take_up
from .models import DecisionRuleConfig, PrescreenCommitteeConfig


def _as_rule(config: DecisionRuleConfig) -> rules.DecisionRule:
    return rules.DecisionRule(
        key=config.key,
        land=config.land,
        valid_from=config.valid_from,
        valid_to=config.valid_to,
        quorum_basis=rules.QuorumBasis(config.quorum_basis),
        quorum_numerator=config.quorum_numerator,
        quorum_denominator=config.quorum_denominator,
        quorum_requires_all_invited=config.quorum_requires_all_invited,
        majority_basis=rules.MajorityBasis(config.majority_basis),
        majority_numerator=config.majority_numerator,
        majority_denominator=config.majority_denominator,
        majority_strict=config.majority_strict,
        excluded_count_for_quorum=config.excluded_count_for_quorum,
        excluded_count_for_majority=config.excluded_count_for_majority,
        label_de=config.label_de,
    )


def decision_rules() -> tuple[rules.DecisionRule, ...]:
    return tuple(_as_rule(c) for c in DecisionRuleConfig.objects.all())


def decision_rule_in_force(*, land: str, on: date) -> rules.DecisionRule:
    return rules.rule_in_force(decision_rules(), on, land)


def decision_rule_by_key(key: str) -> rules.DecisionRule:
    return rules.rule_by_key(decision_rules(), key)


# --- pre-screening committee (§ 3 Abs. 3 HFKVO) -------------------------------------------

def _as_committee_rule(config: PrescreenCommitteeConfig) -> take_up.CommitteeRule:
    return take_up.CommitteeRule(key=config.key, land=config.land, valid_from=config.valid_from,
                                 valid_to=config.valid_to, committee_formed=config.committee_formed,
                                 label_de=config.label_de)


def committee_rule_in_force(*, land: str, on: date) -> take_up.CommitteeRule | None:
    """The committee rule of ``land`` on ``on``, or None (no committee)."""
    configs = PrescreenCommitteeConfig.objects.filter(land=land)
    return take_up.committee_rule_in_force([_as_committee_rule(c) for c in configs], on, land)


def committee_formed(*, land: str, on: date) -> bool:
    """Has the commission of ``land`` a pre-screening committee on ``on``? (German DomainError
    when the configuration is contradictory.)"""
    try:
        rule = committee_rule_in_force(land=land, on=on)
    except rules.RuleSelectionError as exc:
        raise DomainError(str(exc)) from None
    return rule is not None and rule.committee_formed
