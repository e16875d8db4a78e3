"""The decision rules as stored in the database, handed to the pure functions in ``rules``."""

from datetime import date

from . import rules
from .models import DecisionRuleConfig


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
