"""Quorum (Beschlussfähigkeit) and majority (Stimmenmehrheit) of a hardship commission.

The rules of procedure differ between the Länder and change over time, so they are data
(`DecisionRule`, with a validity period) that two pure functions take:

* `quorum(attendance, rule)` answers whether the commission can decide at all;
* `tally(votes, attendance, rule)` answers whether an item (a hardship request,
  Härtefallersuchen, or a recommendation, Empfehlung) was adopted.

No Django, no database, no floats: every threshold is computed with exact integer
arithmetic, so "at least half of 9 seats" is 5 and never 4.499999.

Confidentiality (§ 6 Abs. 2 Satz 5 HFKVO NRW: "das Abstimmungsverhalten unterliegt der
Verschwiegenheitspflicht"): this module only ever sees *counts*. There is deliberately no
place for a member's name or for who voted how.

Conflict of interest (Befangenheit): a seat that is present but excluded from an item is
reported as `VoteCount.excluded`. Two separate properties of the rule say how it counts:

* `excluded_count_for_quorum`: is the excluded member still present for the quorum? Under
  NRW_2020 yes: § 6 Abs. 2 Satz 3 HFKVO asks whether half of the members are *present*
  ("anwesend"), and a member excluded from one item is still in the room. 5 present of 10,
  one of them excluded, is quorate.
* `excluded_count_for_majority`: is the excluded member part of the majority basis? Under
  NRW_2020 no: the majority is counted among those present who may vote on the item (5
  present, 1 excluded: 3 yes of 4 adopt). Under a rule where it does count, it raises the
  basis and so effectively counts as a no vote.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "BAYERN_STYLE",
    "LAENDER",
    "NRW_2020",
    "RULES",
    "TWO_THIRDS_OF_VOTES_CAST",
    "AmbiguousRuleError",
    "Attendance",
    "AttendanceError",
    "DecisionRule",
    "MajorityBasis",
    "NoRuleInForceError",
    "QuorumBasis",
    "QuorumResult",
    "RuleDefinitionError",
    "RuleSelectionError",
    "TallyResult",
    "VoteCount",
    "VoteCountError",
    "quorum",
    "rule_by_key",
    "rule_in_force",
    "tally",
    "validate_rule_set",
]

# ISO 3166-2:DE codes of the Länder; the rules are keyed by these.
LAENDER: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}


# --------------------------------------------------------------------------- errors


class RuleDefinitionError(ValueError):
    """A `DecisionRule` (or a set of them) is inconsistent: a configuration error."""


class RuleSelectionError(LookupError):
    """No single rule can be chosen for a Land and a day."""


class NoRuleInForceError(RuleSelectionError):
    """No rule of the Land is in force on the day."""


class AmbiguousRuleError(RuleSelectionError):
    """More than one rule of the Land is in force on the day (overlapping validity)."""


class AttendanceError(ValueError):
    """The attendance figures (Anwesenheit) contradict each other."""


class VoteCountError(ValueError):
    """The vote count (Stimmenzählung) is impossible for the attendance."""


# --------------------------------------------------------------------------- data


class QuorumBasis(StrEnum):
    """What the quorum fraction is taken of."""

    SEATS = "seats"  # all members (Sitze) of the commission
    INVITED = "invited"  # all seats invited to the session


class MajorityBasis(StrEnum):
    """What the majority fraction is taken of."""

    # Members present and entitled to vote: an abstention counts like a no
    # ("Stimmenmehrheit der in der Sitzung anwesenden Mitglieder", § 6 Abs. 3 HFKVO NRW).
    PRESENT = "present"
    # Yes + no votes; abstentions are ignored ("abgegebene Stimmen").
    VOTES_CAST = "votes_cast"
    # All members of the commission, present or not ("Mehrheit der Mitglieder").
    SEATS = "seats"


def _is_int(value: object) -> bool:
    # bool is a subclass of int; True seats or False yes votes are a bug upstream.
    return isinstance(value, int) and not isinstance(value, bool)


def _ceil_frac(value: int, numerator: int, denominator: int) -> int:
    """ceil(value * numerator / denominator) in integers."""
    return -((-value * numerator) // denominator)


def _floor_frac(value: int, numerator: int, denominator: int) -> int:
    """floor(value * numerator / denominator) in integers."""
    return (value * numerator) // denominator


def _date_de(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True, kw_only=True)
class DecisionRule:
    """One version of a Land's quorum and majority rules, valid from/to (both inclusive).

    Quorum: reached when the seats counted as present are at least
    ceil(basis * quorum_numerator / quorum_denominator), and, if
    `quorum_requires_all_invited`, all seats were duly invited.

    Majority: with strict rules yes > basis * n/d ("mehr als die Hälfte"), otherwise
    yes >= basis * n/d ("mindestens zwei Drittel"). An item is never adopted without at
    least one yes vote.
    """

    key: str
    land: str
    valid_from: date
    valid_to: date | None
    quorum_basis: QuorumBasis
    quorum_numerator: int
    quorum_denominator: int
    quorum_requires_all_invited: bool
    majority_basis: MajorityBasis
    majority_numerator: int
    majority_denominator: int
    majority_strict: bool
    excluded_count_for_quorum: bool
    excluded_count_for_majority: bool
    label_de: str

    def __post_init__(self) -> None:
        problems: list[str] = []
        if not self.key or not self.key.strip():
            problems.append("Der Schlüssel der Regel fehlt.")
        if self.land not in LAENDER:
            problems.append(f"Unbekanntes Land {self.land!r} (erwartet z. B. 'NW').")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            problems.append(
                f"Gültig bis ({_date_de(self.valid_to)}) liegt vor gültig ab "
                f"({_date_de(self.valid_from)})."
            )
        for name, numerator, denominator in (
            ("Beschlussfähigkeit", self.quorum_numerator, self.quorum_denominator),
            ("Mehrheit", self.majority_numerator, self.majority_denominator),
        ):
            if not (_is_int(numerator) and _is_int(denominator)):
                problems.append(f"Der Bruch für die {name} muss aus ganzen Zahlen bestehen.")
            elif not 0 < numerator <= denominator:
                problems.append(
                    f"Der Bruch für die {name} ({numerator}/{denominator}) muss größer als 0 "
                    "und höchstens 1 sein."
                )
        if (
            _is_int(self.majority_numerator)
            and self.majority_numerator == self.majority_denominator
            and (self.majority_strict or self.majority_basis is MajorityBasis.VOTES_CAST)
        ):
            # "more than all" can never be reached, and "all votes cast" would make a
            # single yes with everyone else abstaining a unanimous decision.
            problems.append(
                "Eine Mehrheit von 100 % ist nur als „mindestens“ und nicht bezogen auf die "
                "abgegebenen Stimmen möglich."
            )
        if not isinstance(self.quorum_basis, QuorumBasis):
            problems.append("Unbekannte Bezugsgröße für die Beschlussfähigkeit.")
        if not isinstance(self.majority_basis, MajorityBasis):
            problems.append("Unbekannte Bezugsgröße für die Mehrheit.")
        if problems:
            raise RuleDefinitionError(f"Beschlussregel {self.key!r}: " + " ".join(problems))

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# The wording is shared with the seeded database row (migration 0005), which the minutes print.
NRW_2020_LABEL = (
    "Nordrhein-Westfalen (§ 6 Abs. 2 und 3 HFKVO): beschlussfähig, wenn mindestens die Hälfte "
    "der Mitglieder anwesend ist; wer wegen Befangenheit von einem Punkt ausgeschlossen ist, "
    "bleibt für die Beschlussfähigkeit anwesend. Ein Härtefallersuchen braucht die "
    "Stimmenmehrheit der anwesenden Mitglieder, die über den Punkt abstimmen dürfen (mehr "
    "Ja-Stimmen als die Hälfte von ihnen, Enthaltungen wirken wie Nein-Stimmen)."
)

NRW_2020 = DecisionRule(
    key="nrw-2020",
    land="NW",
    # § 6 HFKVO carries no amendment footnote: its quorum and majority wording is
    # unchanged since the regulation came into force on 1 January 2005 (§ 9 HFKVO).
    valid_from=date(2005, 1, 1),
    valid_to=None,
    quorum_basis=QuorumBasis.SEATS,
    quorum_numerator=1,
    quorum_denominator=2,
    quorum_requires_all_invited=False,
    majority_basis=MajorityBasis.PRESENT,
    majority_numerator=1,
    majority_denominator=2,
    majority_strict=True,
    excluded_count_for_quorum=True,
    excluded_count_for_majority=False,
    label_de=NRW_2020_LABEL,
)

TWO_THIRDS_OF_VOTES_CAST = DecisionRule(
    key="berlin-style-two-thirds",
    land="BE",
    # Template after the Berlin model, not a transcription of the Berlin regulation:
    # verify the dates and fractions before a Berlin deployment uses it.
    valid_from=date(2005, 1, 1),
    valid_to=None,
    quorum_basis=QuorumBasis.SEATS,
    quorum_numerator=1,
    quorum_denominator=2,
    quorum_requires_all_invited=False,
    majority_basis=MajorityBasis.VOTES_CAST,
    majority_numerator=2,
    majority_denominator=3,
    majority_strict=False,
    # Unchanged from the first template; verify against the Berlin regulation before use.
    excluded_count_for_quorum=False,
    excluded_count_for_majority=False,
    label_de=(
        "Nach Berliner Vorbild: beschlussfähig, wenn mindestens die Hälfte der Mitglieder "
        "anwesend ist; ein Härtefallersuchen braucht mindestens zwei Drittel der abgegebenen "
        "Ja- und Nein-Stimmen, Enthaltungen zählen nicht; wegen Befangenheit ausgeschlossene "
        "Mitglieder zählen weder für die Beschlussfähigkeit noch für die Mehrheit."
    ),
)

BAYERN_STYLE = DecisionRule(
    key="bayern-style",
    land="BY",
    # Template after the Bavarian model; verify before a Bavarian deployment uses it.
    valid_from=date(2005, 1, 1),
    valid_to=None,
    quorum_basis=QuorumBasis.SEATS,
    quorum_numerator=2,
    quorum_denominator=3,
    quorum_requires_all_invited=True,
    majority_basis=MajorityBasis.PRESENT,
    majority_numerator=2,
    majority_denominator=3,
    majority_strict=False,
    excluded_count_for_quorum=False,
    excluded_count_for_majority=False,
    label_de=(
        "Nach bayerischem Vorbild: beschlussfähig, wenn alle Mitglieder eingeladen und "
        "mindestens zwei Drittel anwesend sind; ein Härtefallersuchen braucht mindestens zwei "
        "Drittel der anwesenden Mitglieder; befangene Mitglieder sind ausgeschlossen und "
        "zählen weder für die Beschlussfähigkeit noch für die Mehrheit als anwesend."
    ),
)


def validate_rule_set(rules: Iterable[DecisionRule]) -> None:
    """Raise `RuleDefinitionError` on duplicate keys or overlapping validity within a Land."""
    rules = tuple(rules)
    seen: set[str] = set()
    for rule in rules:
        if rule.key in seen:
            raise RuleDefinitionError(f"Der Regelschlüssel {rule.key!r} ist doppelt vergeben.")
        seen.add(rule.key)
    for i, first in enumerate(rules):
        for second in rules[i + 1 :]:
            if first.land != second.land:
                continue
            first_ends_after_second_starts = (
                first.valid_to is None or second.valid_from <= first.valid_to
            )
            second_ends_after_first_starts = (
                second.valid_to is None or first.valid_from <= second.valid_to
            )
            if first_ends_after_second_starts and second_ends_after_first_starts:
                raise RuleDefinitionError(
                    f"Die Beschlussregeln {first.key!r} und {second.key!r} für "
                    f"{LAENDER[first.land]} überschneiden sich in ihrer Geltungsdauer."
                )


RULES: tuple[DecisionRule, ...] = (NRW_2020, TWO_THIRDS_OF_VOTES_CAST, BAYERN_STYLE)
validate_rule_set(RULES)


def rule_in_force(rules: Iterable[DecisionRule], on: date, land: str) -> DecisionRule:
    """The single rule of `land` whose validity period (inclusive) contains `on`."""
    matches = [rule for rule in rules if rule.land == land and rule.in_force_on(on)]
    land_name = LAENDER.get(land, land)
    if not matches:
        raise NoRuleInForceError(
            f"Für {land_name} ist am {_date_de(on)} keine Beschlussregel in Kraft."
        )
    if len(matches) > 1:
        keys = ", ".join(rule.key for rule in matches)
        raise AmbiguousRuleError(
            f"Für {land_name} sind am {_date_de(on)} mehrere Beschlussregeln zugleich in Kraft "
            f"({keys}); ihre Geltungsdauer überschneidet sich."
        )
    return matches[0]


def rule_by_key(rules: Iterable[DecisionRule], key: str) -> DecisionRule:
    """The rule recorded on a decision, looked up again by its key."""
    for rule in rules:
        if rule.key == key:
            return rule
    raise NoRuleInForceError(f"Es gibt keine Beschlussregel mit dem Schlüssel {key!r}.")


@dataclass(frozen=True)
class Attendance:
    """Who is at the session, counted in seats.

    A seat is present when its member or its deputy (Stellvertretung) attends; it counts
    once even if both come. `all_invited` records that every seat was duly invited
    (ordnungsgemäß geladen), which some Länder make a condition of the quorum.
    """

    seats: int
    present: int
    invited: int
    all_invited: bool

    def __post_init__(self) -> None:
        for name, label in (
            ("seats", "Sitze"),
            ("present", "anwesenden Sitze"),
            ("invited", "eingeladenen Sitze"),
        ):
            if not _is_int(getattr(self, name)):
                raise AttendanceError(f"Die Zahl der {label} muss eine ganze Zahl sein.")
        if self.seats < 1:
            raise AttendanceError(
                f"Die Kommission muss mindestens einen Sitz haben (angegeben: {self.seats})."
            )
        if not 0 <= self.present <= self.seats:
            raise AttendanceError(
                f"Anwesend können 0 bis {self.seats} Sitze sein (angegeben: {self.present})."
            )
        if not 0 <= self.invited <= self.seats:
            raise AttendanceError(
                f"Eingeladen können 0 bis {self.seats} Sitze sein (angegeben: {self.invited})."
            )
        if self.all_invited and self.invited != self.seats:
            raise AttendanceError(
                f"„Alle eingeladen“ ist angegeben, aber nur {self.invited} von {self.seats} "
                "Sitzen wurden eingeladen."
            )


@dataclass(frozen=True)
class VoteCount:
    """The result of one vote on one item: counts only, never who voted how.

    `excluded` are seats present at the session but excluded from this item for
    conflict of interest (Befangenheit); they neither vote nor abstain.
    """

    yes: int
    no: int
    abstain: int
    excluded: int = 0

    def __post_init__(self) -> None:
        for name, label in (
            ("yes", "Ja-Stimmen"),
            ("no", "Nein-Stimmen"),
            ("abstain", "Enthaltungen"),
            ("excluded", "wegen Befangenheit ausgeschlossenen Sitze"),
        ):
            value = getattr(self, name)
            if not _is_int(value):
                raise VoteCountError(f"Die Zahl der {label} muss eine ganze Zahl sein.")
            if value < 0:
                raise VoteCountError(
                    f"Die Zahl der {label} darf nicht negativ sein (angegeben: {value})."
                )

    @property
    def cast(self) -> int:
        """Seats that took part in the vote: yes, no or abstention."""
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class QuorumResult:
    reached: bool
    required: int
    present: int  # seats counted as present for this item
    reason_de: str


@dataclass(frozen=True)
class TallyResult:
    adopted: bool  # quorum reached and majority reached
    quorum: QuorumResult
    majority_reached: bool  # yes >= required_yes, whatever the quorum
    yes: int
    no: int
    abstain: int
    excluded: int
    basis: int  # the number the majority fraction was taken of
    required_yes: int  # the fewest yes votes that adopt, the other counts as given
    rule_key: str  # which rule version was applied, to be recorded with the decision
    reason_de: str


# --------------------------------------------------------------------------- German text


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


_FRACTIONS_DE = {
    (1, 2): "die Hälfte",
    (1, 3): "ein Drittel",
    (2, 3): "zwei Drittel",
    (1, 4): "ein Viertel",
    (3, 4): "drei Viertel",
    (1, 1): "alle",
}


def _fraction_de(numerator: int, denominator: int) -> str:
    return _FRACTIONS_DE.get((numerator, denominator), f"{numerator}/{denominator}")


def _votes_de(votes: VoteCount) -> str:
    text = ", ".join(
        (
            _plural(votes.yes, "Ja-Stimme", "Ja-Stimmen"),
            _plural(votes.no, "Nein-Stimme", "Nein-Stimmen"),
            _plural(votes.abstain, "Enthaltung", "Enthaltungen"),
        )
    )
    if votes.excluded:
        text += f"; {votes.excluded} wegen Befangenheit ausgeschlossen"
    return text


# --------------------------------------------------------------------------- functions


def _check_excluded(excluded: int, attendance: Attendance) -> None:
    if not _is_int(excluded) or excluded < 0:
        raise VoteCountError(
            f"Die Zahl der wegen Befangenheit ausgeschlossenen Sitze muss eine nicht-negative "
            f"ganze Zahl sein (angegeben: {excluded!r})."
        )
    if excluded > attendance.present:
        raise VoteCountError(
            f"Es sind {excluded} Sitze wegen Befangenheit ausgeschlossen, aber nur "
            f"{attendance.present} Sitze anwesend."
        )


def quorum(attendance: Attendance, rule: DecisionRule, *, excluded: int = 0) -> QuorumResult:
    """Is the commission quorate (beschlussfähig), for an item with `excluded` seats excluded?"""
    return _quorum(attendance, rule, excluded)[0]


def _quorum(attendance: Attendance, rule: DecisionRule, excluded: int) -> tuple[QuorumResult, str]:
    """The result and its reason without the "(Nicht) beschlussfähig:" prefix."""
    _check_excluded(excluded, attendance)
    excluded_not_counted = bool(excluded) and not rule.excluded_count_for_quorum
    counted = attendance.present - excluded if excluded_not_counted else attendance.present

    if rule.quorum_basis is QuorumBasis.SEATS:
        basis = attendance.seats
        of_what = "Sitz" if basis == 1 else "Sitzen"
    else:
        basis = attendance.invited
        of_what = "eingeladenen Sitz" if basis == 1 else "eingeladenen Sitzen"
    # "At least half of nobody" is no quorum: one seat present is the least there can be.
    required = max(1, _ceil_frac(basis, rule.quorum_numerator, rule.quorum_denominator))

    enough_present = counted >= required
    invitation_ok = attendance.all_invited or not rule.quorum_requires_all_invited
    reached = enough_present and invitation_ok

    if excluded_not_counted:
        details = [
            f"{counted} von {basis} {of_what} anwesend und stimmberechtigt ({excluded} wegen "
            f"Befangenheit ausgeschlossen; erforderlich: mindestens {required})"
        ]
    elif excluded:
        details = [
            f"{counted} von {basis} {of_what} anwesend, davon {excluded} wegen Befangenheit von "
            f"diesem Punkt ausgeschlossen und für die Beschlussfähigkeit mitgezählt "
            f"(erforderlich: mindestens {required})"
        ]
    else:
        details = [
            f"{counted} von {basis} {of_what} anwesend (erforderlich: mindestens {required})"
        ]
    if rule.quorum_requires_all_invited:
        if attendance.all_invited:
            details.append("alle Mitglieder wurden eingeladen")
        else:
            details.append(
                f"nicht alle Mitglieder wurden eingeladen ({attendance.invited} von "
                f"{attendance.seats})"
            )
    detail_text = "; ".join(details)
    prefix = "Beschlussfähig" if reached else "Nicht beschlussfähig"
    result = QuorumResult(
        reached=reached,
        required=required,
        present=counted,
        reason_de=f"{prefix}: {detail_text}.",
    )
    return result, detail_text


def _required_yes(votes: VoteCount, basis: int, rule: DecisionRule) -> int:
    numerator, denominator = rule.majority_numerator, rule.majority_denominator
    if rule.majority_basis is MajorityBasis.VOTES_CAST:
        # The basis moves with the yes votes (yes + no), so solve for yes with `no` fixed:
        #   yes >= n/d * (yes + no)  <=>  yes * (d - n) >= n * no      (strict: >)
        # The rule validation guarantees d > n here.
        spare = denominator - numerator
        if rule.majority_strict:
            required = _floor_frac(votes.no, numerator, spare) + 1
        else:
            required = _ceil_frac(votes.no, numerator, spare)
    elif rule.majority_strict:
        required = _floor_frac(basis, numerator, denominator) + 1
    else:
        required = _ceil_frac(basis, numerator, denominator)
    # Nothing is adopted without a single yes vote (e.g. everyone abstains).
    return max(1, required)


def _threshold_de(votes: VoteCount, basis: int, required_yes: int, rule: DecisionRule) -> str:
    comparison = "mehr als" if rule.majority_strict else "mindestens"
    fraction = _fraction_de(rule.majority_numerator, rule.majority_denominator)
    if rule.majority_basis is MajorityBasis.PRESENT:
        if rule.excluded_count_for_majority:
            of_what = _plural(basis, "anwesenden Mitglied", "anwesenden Mitgliedern")
        else:
            of_what = _plural(
                basis,
                "anwesenden stimmberechtigten Mitglied",
                "anwesenden stimmberechtigten Mitgliedern",
            )
        measure = f"{comparison} {fraction} von {of_what}"
        condition = ""
    elif rule.majority_basis is MajorityBasis.SEATS:
        measure = f"{comparison} {fraction} von {_plural(basis, 'Mitglied', 'Mitgliedern')} der Kommission"
        condition = ""
    else:
        measure = (
            f"{comparison} {fraction} der abgegebenen Ja- und Nein-Stimmen; "
            "Enthaltungen zählen nicht"
        )
        condition = f"bei {_plural(votes.no, 'Nein-Stimme', 'Nein-Stimmen')} "
    text = (
        f"Erforderlich sind {condition}mindestens "
        f"{_plural(required_yes, 'Ja-Stimme', 'Ja-Stimmen')} ({measure})"
    )
    exactly_at_threshold = votes.yes * rule.majority_denominator == basis * rule.majority_numerator
    if rule.majority_strict and votes.yes and exactly_at_threshold:
        text += f"; genau {fraction} reicht nicht aus"
    return text


def tally(
    votes: VoteCount,
    attendance: Attendance,
    rule: DecisionRule,
    *,
    require_all_present_vote: bool = True,
) -> TallyResult:
    """Was the item adopted under `rule`?

    Raises `VoteCountError` when the count is impossible: more seats voting than present
    and entitled, or (with `require_all_present_vote`, the default) fewer, since every seat
    present and not excluded answers yes, no or abstention.

    Without quorum the item is not adopted; the function still answers so that the
    service layer can show why it refuses to record the decision.
    """
    _check_excluded(votes.excluded, attendance)
    entitled = attendance.present - votes.excluded
    if votes.cast > entitled:
        raise VoteCountError(
            f"Es wurden {votes.cast} Stimmen gezählt ({_votes_de(votes)}), aber nur "
            f"{entitled} anwesende Sitze sind stimmberechtigt."
        )
    if require_all_present_vote and votes.cast < entitled:
        raise VoteCountError(
            f"Es wurden nur {votes.cast} Stimmen gezählt ({_votes_de(votes)}), aber "
            f"{entitled} anwesende Sitze sind stimmberechtigt; jeder stimmberechtigte Sitz "
            "stimmt mit Ja, Nein oder Enthaltung."
        )

    quorum_result, quorum_detail = _quorum(attendance, rule, votes.excluded)

    if rule.majority_basis is MajorityBasis.PRESENT:
        basis = attendance.present if rule.excluded_count_for_majority else entitled
    elif rule.majority_basis is MajorityBasis.VOTES_CAST:
        basis = votes.yes + votes.no
    else:
        basis = attendance.seats
    required_yes = _required_yes(votes, basis, rule)
    majority = votes.yes >= required_yes
    adopted = quorum_result.reached and majority

    if not quorum_result.reached:
        reason = (
            f"Nicht angenommen, weil nicht beschlussfähig: {quorum_detail}. "
            f"Abstimmung: {_votes_de(votes)}."
        )
    else:
        prefix = "Angenommen" if adopted else "Nicht angenommen"
        reason = f"{prefix}: {_votes_de(votes)}. {_threshold_de(votes, basis, required_yes, rule)}."

    return TallyResult(
        adopted=adopted,
        quorum=quorum_result,
        majority_reached=majority,
        yes=votes.yes,
        no=votes.no,
        abstain=votes.abstain,
        excluded=votes.excluded,
        basis=basis,
        required_yes=required_yes,
        rule_key=rule.key,
        reason_de=reason,
    )
