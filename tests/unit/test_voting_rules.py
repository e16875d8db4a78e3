"""Quorum and majority rules (meetings/rules.py): plain values, no database."""

from dataclasses import fields, replace
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from haertefall.meetings.rules import (
    BAYERN_STYLE,
    NRW_2020,
    RULES,
    TWO_THIRDS_OF_VOTES_CAST,
    AmbiguousRuleError,
    Attendance,
    AttendanceError,
    DecisionRule,
    MajorityBasis,
    NoRuleInForceError,
    QuorumBasis,
    RuleDefinitionError,
    VoteCount,
    VoteCountError,
    quorum,
    rule_by_key,
    rule_in_force,
    tally,
    validate_rule_set,
)


def att(seats: int, present: int, *, invited: int | None = None) -> Attendance:
    """Attendance with every seat invited unless `invited` says otherwise."""
    if invited is None:
        return Attendance(seats=seats, present=present, invited=seats, all_invited=True)
    return Attendance(seats=seats, present=present, invited=invited, all_invited=invited == seats)


# Variants that exercise the other branches of the data model.
# Excluded members count for the quorum (as in NRW) *and* for the majority basis.
NRW_EXCLUDED_COUNT = replace(
    NRW_2020, key="variant-excluded-count", excluded_count_for_majority=True
)
# Excluded members count neither for the quorum nor for the majority (the Bavarian model).
EXCLUDED_NOT_PRESENT = replace(
    NRW_2020, key="variant-excluded-absent", excluded_count_for_quorum=False
)
MAJORITY_OF_SEATS = replace(
    NRW_2020, key="variant-majority-of-seats", majority_basis=MajorityBasis.SEATS
)
QUORUM_OF_INVITED = replace(
    NRW_2020, key="variant-quorum-invited", quorum_basis=QuorumBasis.INVITED
)
STRICT_HALF_OF_VOTES_CAST = replace(
    TWO_THIRDS_OF_VOTES_CAST,
    key="variant-strict-half-cast",
    majority_numerator=1,
    majority_denominator=2,
    majority_strict=True,
)
NAMED_RULES = (
    NRW_2020,
    TWO_THIRDS_OF_VOTES_CAST,
    BAYERN_STYLE,
    NRW_EXCLUDED_COUNT,
    MAJORITY_OF_SEATS,
    QUORUM_OF_INVITED,
    STRICT_HALF_OF_VOTES_CAST,
)


# --------------------------------------------------------------------------- NRW examples


@pytest.mark.parametrize(
    ("seats", "present", "reached", "required"),
    [
        (10, 6, True, 5),
        (10, 5, True, 5),  # "mindestens die Hälfte": exactly half suffices
        (10, 4, False, 5),
        (9, 5, True, 5),  # half of 9 is 4.5: 5 are needed, never 4
        (9, 4, False, 5),
        (7, 4, True, 4),
        (7, 3, False, 4),
        (1, 1, True, 1),
        (10, 0, False, 5),
    ],
)
def test_nrw_quorum(seats, present, reached, required):
    result = quorum(att(seats, present), NRW_2020)
    assert (result.reached, result.required, result.present) == (reached, required, present)


def test_nrw_quorum_reason_text():
    assert quorum(att(10, 6), NRW_2020).reason_de == (
        "Beschlussfähig: 6 von 10 Sitzen anwesend (erforderlich: mindestens 5)."
    )
    assert quorum(att(10, 4), NRW_2020).reason_de == (
        "Nicht beschlussfähig: 4 von 10 Sitzen anwesend (erforderlich: mindestens 5)."
    )


@pytest.mark.parametrize(
    ("seats", "present", "yes", "no", "abstain", "excluded", "adopted", "basis", "required_yes"),
    [
        # 3 is not more than half of 6
        (10, 6, 3, 2, 1, 0, False, 6, 4),
        (10, 6, 4, 1, 1, 0, True, 6, 4),
        (10, 6, 3, 3, 0, 0, False, 6, 4),  # a tie is no majority
        (10, 6, 6, 0, 0, 0, True, 6, 4),
        (10, 5, 3, 2, 0, 0, True, 5, 3),
        # abstentions count like no: 2 yes out of 5 present is not a majority
        (10, 5, 2, 0, 3, 0, False, 5, 3),
        (10, 7, 4, 0, 3, 0, True, 7, 4),
        # one seat excluded for conflict of interest: 5 entitled, 3 yes suffice
        (10, 6, 3, 1, 1, 1, True, 5, 3),
        (10, 6, 2, 2, 1, 1, False, 5, 3),
        # three seats excluded: the session stays quorate (6 of 10 present), and 3 yes of
        # the 3 entitled are a majority
        (10, 6, 3, 0, 0, 3, True, 3, 2),
        (10, 8, 3, 1, 1, 3, True, 5, 3),
        # 5 present, 1 excluded: quorate (§ 6 Abs. 2: present), 3 yes of the 4 entitled adopt
        (10, 5, 4, 0, 0, 1, True, 4, 3),
        (10, 5, 3, 1, 0, 1, True, 4, 3),
        (10, 5, 2, 2, 0, 1, False, 4, 3),
        # 4 present are no quorum, with or without exclusions
        (10, 4, 3, 0, 0, 1, False, 3, 2),
        (10, 0, 0, 0, 0, 0, False, 0, 1),
    ],
)
def test_nrw_tally(seats, present, yes, no, abstain, excluded, adopted, basis, required_yes):
    result = tally(VoteCount(yes, no, abstain, excluded), att(seats, present), NRW_2020)
    assert result.adopted is adopted
    assert result.basis == basis
    assert result.required_yes == required_yes
    assert (result.yes, result.no, result.abstain, result.excluded) == (yes, no, abstain, excluded)
    assert result.rule_key == "nrw-2020"
    assert result.reason_de.startswith("Angenommen" if adopted else "Nicht angenommen")


def test_nrw_reason_texts_explain_the_outcome():
    tie = tally(VoteCount(3, 2, 1), att(10, 6), NRW_2020)
    assert tie.reason_de == (
        "Nicht angenommen: 3 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung. Erforderlich sind "
        "mindestens 4 Ja-Stimmen (mehr als die Hälfte von 6 anwesenden stimmberechtigten "
        "Mitgliedern); genau die Hälfte reicht nicht aus."
    )
    adopted = tally(VoteCount(4, 1, 1), att(10, 6), NRW_2020)
    assert adopted.reason_de == (
        "Angenommen: 4 Ja-Stimmen, 1 Nein-Stimme, 1 Enthaltung. Erforderlich sind mindestens "
        "4 Ja-Stimmen (mehr als die Hälfte von 6 anwesenden stimmberechtigten Mitgliedern)."
    )
    no_quorum = tally(VoteCount(4, 0, 0), att(10, 4), NRW_2020)
    assert no_quorum.reason_de == (
        "Nicht angenommen, weil nicht beschlussfähig: 4 von 10 Sitzen anwesend (erforderlich: "
        "mindestens 5). Abstimmung: 4 Ja-Stimmen, 0 Nein-Stimmen, 0 Enthaltungen."
    )
    excluded = tally(VoteCount(4, 0, 0, excluded=1), att(10, 5), NRW_2020)
    assert excluded.adopted
    assert excluded.quorum.reason_de == (
        "Beschlussfähig: 5 von 10 Sitzen anwesend, davon 1 wegen Befangenheit von diesem Punkt "
        "ausgeschlossen und für die Beschlussfähigkeit mitgezählt (erforderlich: mindestens 5)."
    )
    assert "1 wegen Befangenheit ausgeschlossen" in excluded.reason_de
    assert "mehr als die Hälfte von 4 anwesenden stimmberechtigten Mitgliedern" in excluded.reason_de


def test_quorum_counts_members_present_even_if_excluded_from_the_item_section_6_2_hfkvo():
    # § 6 Abs. 2 Satz 3 HFKVO: "beschlussfähig, wenn mindestens die Hälfte ihrer Mitglieder
    # anwesend ist". 5 of 10 present, 1 of them excluded for a conflict of interest: quorate.
    result = quorum(att(10, 5), NRW_2020, excluded=1)
    assert result.reached and result.present == 5
    assert quorum(att(10, 5), NRW_2020).reached


def test_majority_is_counted_among_those_present_who_may_vote_section_6_3_hfkvo():
    # The excluded member does not vote: 3 yes of the 4 entitled adopt, 2 do not.
    assert tally(VoteCount(3, 1, 0, excluded=1), att(10, 5), NRW_2020).adopted
    result = tally(VoteCount(2, 1, 1, excluded=1), att(10, 5), NRW_2020)
    assert not result.adopted and result.quorum.reached
    assert (result.basis, result.required_yes) == (4, 3)


def test_rule_where_excluded_members_are_not_present_for_the_quorum():
    # The other Länder may count otherwise: the Bavarian model excludes them altogether.
    assert not quorum(att(10, 5), EXCLUDED_NOT_PRESENT, excluded=1).reached
    assert not quorum(att(10, 5), BAYERN_STYLE, excluded=1).reached
    result = tally(VoteCount(4, 0, 0, excluded=1), att(10, 5), EXCLUDED_NOT_PRESENT)
    assert not result.adopted
    assert "4 von 10 Sitzen anwesend und stimmberechtigt" in result.reason_de


def test_rule_where_excluded_members_count_as_present_treats_them_like_no_votes():
    # 6 present, 1 excluded: quorum counts 6, the majority is taken of 6, so 3 yes fail.
    result = tally(VoteCount(3, 1, 1, excluded=1), att(10, 6), NRW_EXCLUDED_COUNT)
    assert result.quorum.present == 6
    assert (result.basis, result.required_yes, result.adopted) == (6, 4, False)
    assert "von 6 anwesenden Mitgliedern" in result.reason_de
    # and 5 present with 1 excluded is still quorate
    assert quorum(att(10, 5), NRW_EXCLUDED_COUNT, excluded=1).reached


# --------------------------------------------------------------------------- two thirds


@pytest.mark.parametrize(
    ("present", "yes", "no", "abstain", "adopted", "required_yes"),
    [
        (6, 4, 2, 0, True, 4),
        (6, 3, 3, 0, False, 6),
        (6, 5, 1, 0, True, 2),
        # abstentions are ignored on a votes-cast basis
        (9, 4, 2, 3, True, 4),
        (8, 2, 1, 5, True, 2),
        (8, 1, 1, 6, False, 2),
        (8, 1, 0, 7, True, 1),
        # nothing is adopted without a single yes vote
        (6, 0, 0, 6, False, 1),
    ],
)
def test_two_thirds_of_votes_cast(present, yes, no, abstain, adopted, required_yes):
    result = tally(VoteCount(yes, no, abstain), att(10, present), TWO_THIRDS_OF_VOTES_CAST)
    assert result.quorum.reached
    assert result.basis == yes + no
    assert (result.adopted, result.required_yes) == (adopted, required_yes)


def test_two_thirds_reason_text_names_the_basis():
    result = tally(VoteCount(4, 2, 3), att(10, 9), TWO_THIRDS_OF_VOTES_CAST)
    assert result.reason_de == (
        "Angenommen: 4 Ja-Stimmen, 2 Nein-Stimmen, 3 Enthaltungen. Erforderlich sind bei "
        "2 Nein-Stimmen mindestens 4 Ja-Stimmen (mindestens zwei Drittel der abgegebenen Ja- "
        "und Nein-Stimmen; Enthaltungen zählen nicht)."
    )


def test_strict_half_of_votes_cast_is_more_yes_than_no():
    assert tally(VoteCount(3, 2, 5), att(10, 10), STRICT_HALF_OF_VOTES_CAST).adopted
    tie = tally(VoteCount(3, 3, 4), att(10, 10), STRICT_HALF_OF_VOTES_CAST)
    assert not tie.adopted
    assert tie.required_yes == 4
    assert "genau die Hälfte reicht nicht aus" in tie.reason_de


# --------------------------------------------------------------------------- Bayern style


@pytest.mark.parametrize(
    ("present", "invited", "reached", "required"),
    [
        (7, 10, True, 7),  # two thirds of 10 is 6.67: 7 are needed
        (6, 10, False, 7),
        (10, 9, False, 7),  # everyone came, but not everyone was invited
    ],
)
def test_bayern_quorum(present, invited, reached, required):
    result = quorum(att(10, present, invited=invited), BAYERN_STYLE)
    assert (result.reached, result.required) == (reached, required)


def test_bayern_quorum_reason_names_missing_invitations():
    result = quorum(att(10, 10, invited=9), BAYERN_STYLE)
    assert result.reason_de == (
        "Nicht beschlussfähig: 10 von 10 Sitzen anwesend (erforderlich: mindestens 7); "
        "nicht alle Mitglieder wurden eingeladen (9 von 10)."
    )


@pytest.mark.parametrize(
    ("present", "yes", "no", "abstain", "excluded", "adopted", "required_yes"),
    [
        (7, 5, 2, 0, 0, True, 5),  # two thirds of 7 is 4.67
        (7, 4, 2, 1, 0, False, 5),
        (9, 6, 3, 0, 0, True, 6),  # exactly two thirds suffices
        (8, 5, 1, 1, 1, True, 5),  # 7 entitled after the exclusion
        (8, 4, 2, 0, 2, False, 4),  # 6 entitled, but below the quorum of 7
    ],
)
def test_bayern_tally(present, yes, no, abstain, excluded, adopted, required_yes):
    result = tally(VoteCount(yes, no, abstain, excluded), att(10, present), BAYERN_STYLE)
    assert (result.adopted, result.required_yes) == (adopted, required_yes)


# --------------------------------------------------------------------------- other bases


def test_majority_of_all_seats_ignores_who_is_absent():
    # 10 seats: more than half of all members is 6, however many came.
    assert tally(VoteCount(6, 0, 0), att(10, 6), MAJORITY_OF_SEATS).adopted
    result = tally(VoteCount(5, 0, 0), att(10, 5), MAJORITY_OF_SEATS)
    assert (result.adopted, result.basis, result.required_yes) == (False, 10, 6)


def test_quorum_of_invited_seats():
    assert quorum(att(10, 4, invited=8), QUORUM_OF_INVITED).reached
    assert not quorum(att(10, 3, invited=8), QUORUM_OF_INVITED).reached
    assert quorum(att(10, 4, invited=8), QUORUM_OF_INVITED).reason_de.startswith(
        "Beschlussfähig: 4 von 8 eingeladenen Sitzen anwesend"
    )
    # nobody invited: there is no quorum of nothing
    assert quorum(att(10, 0, invited=0), QUORUM_OF_INVITED).required == 1


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"yes": -1, "no": 0, "abstain": 0}, "Ja-Stimmen"),
        ({"yes": 0, "no": -2, "abstain": 0}, "Nein-Stimmen"),
        ({"yes": 0, "no": 0, "abstain": -1}, "Enthaltungen"),
        ({"yes": 0, "no": 0, "abstain": 0, "excluded": -1}, "Befangenheit"),
        ({"yes": True, "no": 0, "abstain": 0}, "ganze Zahl"),
        ({"yes": 1.0, "no": 0, "abstain": 0}, "ganze Zahl"),
    ],
)
def test_vote_count_rejects_impossible_numbers(kwargs, word):
    with pytest.raises(VoteCountError, match=word):
        VoteCount(**kwargs)


def test_tally_rejects_more_votes_than_entitled_seats():
    with pytest.raises(VoteCountError, match="7 Stimmen gezählt.*nur 6 anwesende Sitze"):
        tally(VoteCount(4, 2, 1), att(10, 6), NRW_2020)
    with pytest.raises(VoteCountError, match="nur 5 anwesende Sitze"):
        tally(VoteCount(4, 2, 0, excluded=1), att(10, 6), NRW_2020)
    with pytest.raises(VoteCountError, match="nur 5 anwesende Sitze"):
        tally(VoteCount(4, 2, 0, excluded=1), att(10, 6), NRW_2020, require_all_present_vote=False)


def test_tally_requires_every_entitled_seat_to_vote_by_default():
    with pytest.raises(VoteCountError, match="Ja, Nein oder Enthaltung"):
        tally(VoteCount(3, 1, 0), att(10, 6), NRW_2020)
    # Without the requirement a missing vote works like a no under NRW rules.
    result = tally(VoteCount(3, 1, 0), att(10, 6), NRW_2020, require_all_present_vote=False)
    assert (result.adopted, result.basis) == (False, 6)


def test_tally_rejects_more_excluded_than_present():
    with pytest.raises(VoteCountError, match="Befangenheit"):
        tally(VoteCount(0, 0, 0, excluded=7), att(10, 6), NRW_2020)
    with pytest.raises(VoteCountError, match="Befangenheit"):
        quorum(att(10, 6), NRW_2020, excluded=7)


@pytest.mark.parametrize(
    ("seats", "present", "invited", "all_invited", "word"),
    [
        (0, 0, 0, True, "mindestens einen Sitz"),
        (10, 11, 10, True, "Anwesend"),
        (10, -1, 10, True, "Anwesend"),
        (10, 5, 11, False, "Eingeladen"),
        (10, 5, 9, True, "Alle eingeladen"),
        (10, 5.0, 10, True, "ganze Zahl"),
    ],
)
def test_attendance_rejects_contradictions(seats, present, invited, all_invited, word):
    with pytest.raises(AttendanceError, match=word):
        Attendance(seats=seats, present=present, invited=invited, all_invited=all_invited)


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"valid_to": date(2004, 12, 31)}, "Gültig bis"),
        ({"land": "NRW"}, "Unbekanntes Land"),
        ({"key": " "}, "Schlüssel"),
        ({"quorum_numerator": 3, "quorum_denominator": 2}, "höchstens 1"),
        ({"quorum_numerator": 0}, "größer als 0"),
        ({"majority_denominator": 0}, "größer als 0"),
        ({"majority_numerator": 1, "majority_denominator": 1}, "100 %"),
        ({"majority_numerator": Fraction(1, 2)}, "ganzen Zahlen"),
    ],
)
def test_decision_rule_rejects_inconsistent_definitions(changes, word):
    with pytest.raises(RuleDefinitionError, match=word):
        replace(NRW_2020, **changes)


def test_unanimity_of_present_members_is_a_valid_rule():
    unanimous = replace(
        NRW_2020,
        key="unanimous",
        majority_numerator=1,
        majority_denominator=1,
        majority_strict=False,
    )
    assert tally(VoteCount(5, 0, 0), att(10, 5), unanimous).adopted
    assert not tally(VoteCount(4, 0, 1), att(10, 5), unanimous).adopted


def test_only_counts_exist_never_who_voted_how():
    # § 6 Abs. 2 HFKVO: how anyone voted is confidential. A field for members or names
    # added here would be a place to record it.
    assert {f.name for f in fields(VoteCount)} == {"yes", "no", "abstain", "excluded"}
    assert {f.name for f in fields(Attendance)} == {"seats", "present", "invited", "all_invited"}


# --------------------------------------------------------------------------- rule choice


def _rule(key: str, land: str, valid_from: date, valid_to: date | None) -> DecisionRule:
    return replace(NRW_2020, key=key, land=land, valid_from=valid_from, valid_to=valid_to)


OLD = _rule("nw-old", "NW", date(2005, 1, 1), date(2025, 6, 30))
NEW = _rule("nw-new", "NW", date(2025, 7, 1), None)
BERLIN = _rule("be", "BE", date(2010, 1, 1), None)
VERSIONED = (OLD, NEW, BERLIN)


@pytest.mark.parametrize(
    ("on", "land", "expected"),
    [
        (date(2005, 1, 1), "NW", OLD),  # first day in force
        (date(2025, 6, 30), "NW", OLD),  # last day in force (valid_to is inclusive)
        (date(2025, 7, 1), "NW", NEW),
        (date(2099, 12, 31), "NW", NEW),
        (date(2010, 1, 1), "BE", BERLIN),
    ],
)
def test_rule_in_force_picks_by_validity(on, land, expected):
    assert rule_in_force(VERSIONED, on, land) == expected


@pytest.mark.parametrize(
    ("on", "land"),
    [(date(2004, 12, 31), "NW"), (date(2009, 12, 31), "BE"), (date(2020, 1, 1), "BY")],
)
def test_rule_in_force_raises_when_none_applies(on, land):
    with pytest.raises(NoRuleInForceError, match="keine Beschlussregel in Kraft"):
        rule_in_force(VERSIONED, on, land)


def test_rule_in_force_raises_on_overlap():
    overlapping = (OLD, _rule("nw-overlap", "NW", date(2025, 6, 30), None))
    with pytest.raises(AmbiguousRuleError, match="nw-old, nw-overlap"):
        rule_in_force(overlapping, date(2025, 6, 30), "NW")
    # on a day where only one applies the choice is still unique
    assert rule_in_force(overlapping, date(2025, 6, 29), "NW") == OLD
    with pytest.raises(RuleDefinitionError, match="überschneiden sich"):
        validate_rule_set(overlapping)


def test_validate_rule_set_rejects_duplicate_keys_and_accepts_adjacent_periods():
    validate_rule_set(VERSIONED)
    with pytest.raises(RuleDefinitionError, match="doppelt"):
        validate_rule_set((OLD, replace(NEW, key="nw-old")))


def test_predefined_rules():
    validate_rule_set(RULES)
    assert rule_in_force(RULES, date(2024, 11, 15), "NW") is NRW_2020
    assert rule_by_key(RULES, "nrw-2020") is NRW_2020
    with pytest.raises(NoRuleInForceError):
        rule_by_key(RULES, "does-not-exist")
    assert all(rule.label_de for rule in RULES)


# --------------------------------------------------------------------------- properties


@st.composite
def decision_rules(draw):
    """Any valid rule, not only the predefined ones."""
    majority_basis = draw(st.sampled_from(MajorityBasis))
    majority_strict = draw(st.booleans())
    # 100 % is only valid as "at least all present" (see test_decision_rule_rejects_...)
    full_allowed = not majority_strict and majority_basis is not MajorityBasis.VOTES_CAST
    majority_den = draw(st.integers(1 if full_allowed else 2, 6))
    majority_num = draw(st.integers(1, majority_den if full_allowed else majority_den - 1))
    quorum_den = draw(st.integers(1, 6))
    return replace(
        NRW_2020,
        key="generated",
        quorum_basis=draw(st.sampled_from(QuorumBasis)),
        quorum_numerator=draw(st.integers(1, quorum_den)),
        quorum_denominator=quorum_den,
        quorum_requires_all_invited=draw(st.booleans()),
        majority_basis=majority_basis,
        majority_numerator=majority_num,
        majority_denominator=majority_den,
        majority_strict=majority_strict,
        excluded_count_for_quorum=draw(st.booleans()),
        excluded_count_for_majority=draw(st.booleans()),
    )


any_rule = st.one_of(st.sampled_from(NAMED_RULES), decision_rules())


@st.composite
def sessions(draw, max_seats=15, min_no=0, min_abstain=0):
    """A rule, an attendance and a complete, consistent vote count."""
    rule = draw(any_rule)
    seats = draw(st.integers(max(1, min_no + min_abstain), max_seats))
    # Full attendance is common in practice and makes quorate sessions frequent.
    present = draw(st.one_of(st.just(seats), st.integers(min_no + min_abstain, seats)))
    all_invited = draw(st.booleans())
    invited = seats if all_invited else draw(st.integers(0, seats))
    excluded = draw(st.integers(0, present - min_no - min_abstain))
    entitled = present - excluded
    no = draw(st.integers(min_no, entitled - min_abstain))
    yes = draw(st.integers(0, entitled - min_abstain - no))
    votes = VoteCount(yes, no, entitled - yes - no, excluded)
    return rule, Attendance(seats, present, invited, all_invited), votes


def _oracle_adopted(votes: VoteCount, attendance: Attendance, rule: DecisionRule) -> bool:
    """The rule read literally, with exact fractions."""
    counted = attendance.present
    if not rule.excluded_count_for_quorum:
        counted -= votes.excluded
    quorum_basis = (
        attendance.seats if rule.quorum_basis is QuorumBasis.SEATS else attendance.invited
    )
    quorum_ok = (
        counted >= 1
        and Fraction(counted)
        >= Fraction(rule.quorum_numerator, rule.quorum_denominator) * quorum_basis
        and (attendance.all_invited or not rule.quorum_requires_all_invited)
    )
    if rule.majority_basis is MajorityBasis.PRESENT:
        basis = attendance.present - (0 if rule.excluded_count_for_majority else votes.excluded)
    elif rule.majority_basis is MajorityBasis.VOTES_CAST:
        basis = votes.yes + votes.no
    else:
        basis = attendance.seats
    threshold = Fraction(rule.majority_numerator, rule.majority_denominator) * basis
    majority_ok = votes.yes >= 1 and (
        votes.yes > threshold if rule.majority_strict else votes.yes >= threshold
    )
    return quorum_ok and majority_ok


@given(sessions(max_seats=40))
def test_tally_agrees_with_exact_fraction_oracle(session):
    rule, attendance, votes = session
    assert tally(votes, attendance, rule).adopted == _oracle_adopted(votes, attendance, rule)


@given(sessions())
def test_adopted_implies_quorum(session):
    rule, attendance, votes = session
    result = tally(votes, attendance, rule)
    if result.adopted:
        assert result.quorum.reached
    assert result.quorum == quorum(attendance, rule, excluded=votes.excluded)
    assert result.reason_de.startswith("Angenommen" if result.adopted else "Nicht angenommen")


@given(sessions(min_no=1))
def test_turning_a_no_into_a_yes_never_loses_adoption(session):
    rule, attendance, votes = session
    before = tally(votes, attendance, rule)
    after = tally(replace(votes, yes=votes.yes + 1, no=votes.no - 1), attendance, rule)
    assert after.adopted or not before.adopted


@given(sessions(min_abstain=1))
def test_turning_an_abstention_into_a_yes_never_loses_adoption(session):
    rule, attendance, votes = session
    before = tally(votes, attendance, rule)
    after = tally(replace(votes, yes=votes.yes + 1, abstain=votes.abstain - 1), attendance, rule)
    assert after.adopted or not before.adopted


@given(sessions())
def test_required_yes_is_the_fewest_yes_votes_that_adopt(session):
    rule, attendance, votes = session
    result = tally(votes, attendance, rule)
    assert result.required_yes >= 1
    # Keep the no votes and the exclusions, move seats between yes and abstention.
    free = votes.yes + votes.abstain
    for yes in range(free + 1):
        outcome = tally(replace(votes, yes=yes, abstain=free - yes), attendance, rule)
        assert outcome.required_yes == result.required_yes
        assert outcome.majority_reached == (yes >= result.required_yes)
        assert outcome.adopted == (outcome.quorum.reached and yes >= result.required_yes)


@given(sessions())
def test_required_yes_minus_one_fails_and_required_yes_adopts(session):
    rule, attendance, votes = session
    result = tally(votes, attendance, rule)
    free = votes.yes + votes.abstain
    required = result.required_yes
    if result.quorum.reached and required <= free:
        assert tally(
            replace(votes, yes=required, abstain=free - required), attendance, rule
        ).adopted
        below = tally(
            replace(votes, yes=required - 1, abstain=free - required + 1), attendance, rule
        )
        assert not below.adopted
    else:
        # Unreachable with these no votes (or no quorum): nothing in range adopts.
        assert not any(
            tally(replace(votes, yes=y, abstain=free - y), attendance, rule).adopted
            for y in range(free + 1)
        )


@given(sessions(), st.integers(1, 5))
def test_counting_too_many_votes_is_rejected(session, extra):
    rule, attendance, votes = session
    for too_many in (
        replace(votes, yes=votes.yes + extra),
        replace(votes, no=votes.no + extra),
        replace(votes, abstain=votes.abstain + extra),
    ):
        with pytest.raises(VoteCountError):
            tally(too_many, attendance, rule)
        with pytest.raises(VoteCountError):
            tally(too_many, attendance, rule, require_all_present_vote=False)


@given(sessions(min_no=1), st.data())
def test_missing_votes_are_rejected_unless_allowed(session, data):
    rule, attendance, votes = session
    field_name = data.draw(
        st.sampled_from([name for name in ("yes", "no", "abstain") if getattr(votes, name)])
    )
    fewer = replace(votes, **{field_name: getattr(votes, field_name) - 1})
    with pytest.raises(VoteCountError):
        tally(fewer, attendance, rule)
    tally(fewer, attendance, rule, require_all_present_vote=False)


@given(st.integers(-50, -1), st.sampled_from(["yes", "no", "abstain", "excluded"]))
def test_negative_counts_are_rejected(value, field_name):
    counts = {"yes": 0, "no": 0, "abstain": 0, "excluded": 0, field_name: value}
    with pytest.raises(VoteCountError, match="negativ"):
        VoteCount(**counts)


@given(
    valid_from=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    length=st.integers(0, 3000),
    on=st.dates(date(1995, 1, 1), date(2060, 12, 31)),
)
def test_rule_in_force_respects_validity_edges(valid_from, length, on):
    switch = valid_from + timedelta(days=length + 1)
    first = _rule("first", "NW", valid_from, switch - timedelta(days=1))
    second = _rule("second", "NW", switch, None)
    rules = (second, first, BERLIN)  # order of the tuple must not matter
    validate_rule_set(rules)
    if on < valid_from:
        with pytest.raises(NoRuleInForceError):
            rule_in_force(rules, on, "NW")
    elif on < switch:
        assert rule_in_force(rules, on, "NW") is first
    else:
        assert rule_in_force(rules, on, "NW") is second
