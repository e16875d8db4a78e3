"""The procedure as data: states, steps and the one table of allowed transitions.

Every change of a case's state goes through ``cases.services.lifecycle`` which looks the step
up here. Statistics read ``STAT_STATUS``: the status a step gives a case as of its effective
date (see docs/decisions/0003-statistics-from-events.md).
"""

from django.db import models


class State(models.TextChoices):
    RECEIVED = "received", "Eingegangen"
    CHECKED = "checked", "Formal geprüft – Vorprüfung offen"
    TAKEN_UP = "taken_up", "Befassung beschlossen"
    STATEMENT_REQUESTED = "statement_requested", "Stellungnahme angefordert"
    STATEMENT_RECEIVED = "statement_received", "Stellungnahme liegt vor"
    INFO_REQUESTED = "info_requested", "Weitere Informationen angefordert"
    READY = "ready", "Bereit für Sitzung"
    SCHEDULED = "scheduled", "Auf Tagesordnung"
    REQUEST_DECIDED = "request_decided", "Ersuchen beschlossen"
    REQUEST_SENT = "request_sent", "Ersuchen versandt"
    INTENDED_DECISION = "intended_decision", "Beabsichtigte Entscheidung der ABH liegt vor"
    CLOSED = "closed", "Abgeschlossen"


class Closure(models.TextChoices):
    """How a closed case ended. Every closed case has exactly one."""

    NO_REQUEST = "no_request", "Kein Ersuchen"
    OTHER_CLOSURE = "other_closure", "Andere Erledigung (vor Entscheidung)"
    FOLLOWED = "followed", "Ersuchen gefolgt – Aufenthaltserlaubnis erteilt"
    NOT_FOLLOWED = "not_followed", "Ersuchen nicht gefolgt"
    REQUEST_OTHER_CLOSURE = "request_other_closure", "Andere Erledigung nach Ersuchen"
    REVOKED = "revoked", "Ersuchen widerrufen"


class ClosureReason(models.TextChoices):
    # no request
    MANDATORY_EXCLUSION = "mandatory_exclusion", "Zwingender Ausschlussgrund (§ 5 Abs. 1 HFKVO)"
    PRESCREEN_REJECTED = "prescreen_rejected", "Keine Befassung (Vorprüfungsausschuss)"
    COMMISSION_REJECTED = "commission_rejected", "Kein Ersuchen (Beschluss der Kommission)"
    COMMISSION_NO_TAKE_UP = "commission_no_take_up", "Keine Befassung (Beschluss der Kommission)"
    # other closure before a decision
    WITHDRAWAL = "withdrawal", "Rücknahme des Antrags"
    DEPARTURE = "departure", "Ausreise"
    DEPORTATION = "deportation", "Abschiebung"
    OTHER_LEGAL_BASIS = "other_legal_basis", "Aufenthaltserlaubnis / Duldung auf anderer Rechtsgrundlage"
    DEATH = "death", "Tod"
    MOVED_LAND = "moved_land", "Wegzug in ein anderes Land"
    # after a request
    PERMIT_GRANTED = "permit_granted", "Aufenthaltserlaubnis nach § 23a AufenthG erteilt"
    AUTHORITY_REFUSED = "authority_refused", "Ausländerbehörde folgt dem Ersuchen nicht"
    REQUEST_REVOKED = "request_revoked", "Widerruf des Ersuchens (z. B. falsche Identität)"
    OTHER = "other", "Sonstiges"


OTHER_CLOSURE_REASONS = (
    ClosureReason.WITHDRAWAL,
    ClosureReason.DEPARTURE,
    ClosureReason.DEPORTATION,
    ClosureReason.OTHER_LEGAL_BASIS,
    ClosureReason.DEATH,
    ClosureReason.OTHER,
)
# A move to another Land is a mandatory ground (§ 5 Abs. 1, 2. und 4. Spiegelstrich HFKVO:
# no NRW authority, no residence in NRW) and is recorded with Step.EXCLUDE_LATER. The reason
# stays for closures recorded before (decision 0099).


class Step(models.TextChoices):
    RECEIVE = "receive", "Eingang"
    CHECK_PASS = "check_pass", "Formale Prüfung: kein zwingender Ausschlussgrund"
    CHECK_EXCLUDE = "check_exclude", "Formale Prüfung: zwingender Ausschlussgrund"
    EXCLUDE_LATER = "exclude_later", "Zwingender Ausschlussgrund nachträglich festgestellt"
    PRESCREEN_TAKE_UP = "prescreen_take_up", "Vorprüfung: Befassung"
    PRESCREEN_REJECT = "prescreen_reject", "Vorprüfung: keine Befassung"
    PRESENT_FOR_TAKE_UP = "present_for_take_up", "Der Kommission zur Befassung vorgelegt (§ 4 Abs. 3 HFKVO)"
    COMMISSION_TAKE_UP = "commission_take_up", "Kommission: Befassung"
    COMMISSION_NO_TAKE_UP = "commission_no_take_up", "Kommission: keine Befassung"
    REQUEST_STATEMENT = "request_statement", "Stellungnahme angefordert"
    RECEIVE_STATEMENT = "receive_statement", "Stellungnahme eingegangen"
    REQUEST_INFO = "request_info", "Weitere Informationen angefordert"
    RECEIVE_INFO = "receive_info", "Weitere Informationen eingegangen"
    MARK_READY = "mark_ready", "Bereit für Sitzung"
    PLACE_ON_AGENDA = "place_on_agenda", "Auf Tagesordnung gesetzt"
    REMOVE_FROM_AGENDA = "remove_from_agenda", "Von Tagesordnung genommen"
    DECIDE_REQUEST = "decide_request", "Beschluss: Härtefallersuchen"
    DECIDE_NO_REQUEST = "decide_no_request", "Beschluss: kein Ersuchen"
    DECIDE_DEFER = "decide_defer", "Beschluss: vertagt"
    SEND_REQUEST = "send_request", "Ersuchen an Ausländerbehörde versandt"
    RECORD_INTENDED_DECISION = "record_intended_decision", "Beabsichtigte Entscheidung der ABH"
    OUTCOME_GRANTED = "outcome_granted", "Ergebnis: Aufenthaltserlaubnis erteilt"
    OUTCOME_NOT_FOLLOWED = "outcome_not_followed", "Ergebnis: Ersuchen nicht gefolgt"
    OUTCOME_OTHER = "outcome_other", "Ergebnis: andere Erledigung nach Ersuchen"
    CLOSE_OTHER = "close_other", "Andere Erledigung"
    REVOKE_REQUEST = "revoke_request", "Widerruf des Ersuchens"
    REOPEN = "reopen", "Wiederaufnahme"


# Steps before the commission's decision (other closure is possible from each of them).
PRE_DECISION = frozenset({
    State.RECEIVED, State.CHECKED, State.TAKEN_UP, State.STATEMENT_REQUESTED,
    State.STATEMENT_RECEIVED, State.INFO_REQUESTED, State.READY, State.SCHEDULED,
})
AFTER_REQUEST = frozenset({State.REQUEST_DECIDED, State.REQUEST_SENT, State.INTENDED_DECISION})

# step -> (states it may start from, state it leads to, closure it sets or None)
ALLOWED_TRANSITIONS: dict[str, tuple[frozenset, str, str | None]] = {
    Step.RECEIVE: (frozenset(), State.RECEIVED, None),
    Step.CHECK_PASS: (frozenset({State.RECEIVED}), State.CHECKED, None),
    Step.CHECK_EXCLUDE: (frozenset({State.RECEIVED}), State.CLOSED, Closure.NO_REQUEST),
    Step.PRESCREEN_TAKE_UP: (frozenset({State.CHECKED}), State.TAKEN_UP, None),
    Step.PRESCREEN_REJECT: (frozenset({State.CHECKED}), State.CLOSED, Closure.NO_REQUEST),
    # § 4 Abs. 3 HFKVO: the office puts a checked case before the commission, which decides on
    # the take-up itself (the case stays CHECKED until it has).
    Step.PRESENT_FOR_TAKE_UP: (frozenset({State.CHECKED}), State.CHECKED, None),
    Step.COMMISSION_TAKE_UP: (frozenset({State.CHECKED}), State.TAKEN_UP, None),
    Step.COMMISSION_NO_TAKE_UP: (frozenset({State.CHECKED}), State.CLOSED, Closure.NO_REQUEST),
    # From CHECKED only where no pre-screening committee is formed and no exclusion ground was
    # found (§ 4 Abs. 2 HFKVO); lifecycle.case_request_statement checks both (decision 0101).
    Step.REQUEST_STATEMENT: (frozenset({State.CHECKED, State.TAKEN_UP}), State.STATEMENT_REQUESTED, None),
    Step.RECEIVE_STATEMENT: (frozenset({State.STATEMENT_REQUESTED}), State.STATEMENT_RECEIVED, None),
    Step.REQUEST_INFO: (frozenset({State.STATEMENT_RECEIVED, State.READY}), State.INFO_REQUESTED, None),
    Step.RECEIVE_INFO: (frozenset({State.INFO_REQUESTED}), State.STATEMENT_RECEIVED, None),
    Step.MARK_READY: (frozenset({State.STATEMENT_RECEIVED}), State.READY, None),
    Step.PLACE_ON_AGENDA: (frozenset({State.READY}), State.SCHEDULED, None),
    Step.REMOVE_FROM_AGENDA: (frozenset({State.SCHEDULED}), State.READY, None),
    Step.DECIDE_REQUEST: (frozenset({State.SCHEDULED}), State.REQUEST_DECIDED, None),
    Step.DECIDE_NO_REQUEST: (frozenset({State.SCHEDULED}), State.CLOSED, Closure.NO_REQUEST),
    Step.DECIDE_DEFER: (frozenset({State.SCHEDULED}), State.READY, None),
    Step.SEND_REQUEST: (frozenset({State.REQUEST_DECIDED}), State.REQUEST_SENT, None),
    Step.RECORD_INTENDED_DECISION: (frozenset({State.REQUEST_SENT}), State.INTENDED_DECISION, None),
    Step.OUTCOME_GRANTED: (frozenset({State.INTENDED_DECISION}), State.CLOSED, Closure.FOLLOWED),
    Step.OUTCOME_NOT_FOLLOWED: (frozenset({State.INTENDED_DECISION}), State.CLOSED, Closure.NOT_FOLLOWED),
    Step.OUTCOME_OTHER: (frozenset({State.REQUEST_SENT, State.INTENDED_DECISION}), State.CLOSED,
                         Closure.REQUEST_OTHER_CLOSURE),
    Step.CLOSE_OTHER: (PRE_DECISION, State.CLOSED, Closure.OTHER_CLOSURE),
    # § 5 Abs. 1 HFKVO grounds can surface after the formal check (a move to another Land, an
    # asylum application): the case ends as "no request", as at the check.
    Step.EXCLUDE_LATER: (PRE_DECISION - {State.RECEIVED}, State.CLOSED, Closure.NO_REQUEST),
    # A granted request can still be revoked (false identity discovered later); the extra
    # guard in lifecycle.case_revoke_request restricts CLOSED to closure FOLLOWED.
    Step.REVOKE_REQUEST: (AFTER_REQUEST | {State.CLOSED}, State.CLOSED, Closure.REVOKED),
    Step.REOPEN: (frozenset({State.CLOSED}), State.RECEIVED, None),
}

# The status a step gives the case for statistics, from its effective date on.
# "open" = no commission decision; "request_open" = request made, no final answer yet.
class StatStatus(models.TextChoices):
    OPEN = "open", "offen"
    NO_REQUEST = "no_request", "Kein Ersuchen"
    OTHER_CLOSURE = "other_closure", "Andere Erledigung"
    REQUEST_OPEN = "request_open", "Ersuchen – offen"
    REQUEST_FOLLOWED = "request_followed", "Ersuchen gefolgt"
    REQUEST_NOT_FOLLOWED = "request_not_followed", "Ersuchen nicht gefolgt"
    REQUEST_OTHER_CLOSURE = "request_other_closure", "Ersuchen – andere Erledigung"


# The statuses of an application whose hardship request was made (table 6.5 counts them).
REQUEST_STATUSES = (
    StatStatus.REQUEST_OPEN,
    StatStatus.REQUEST_FOLLOWED,
    StatStatus.REQUEST_NOT_FOLLOWED,
    StatStatus.REQUEST_OTHER_CLOSURE,
)

STAT_STATUS: dict[str, str] = {
    Step.RECEIVE: StatStatus.OPEN,
    Step.CHECK_EXCLUDE: StatStatus.NO_REQUEST,
    Step.EXCLUDE_LATER: StatStatus.NO_REQUEST,
    Step.PRESCREEN_REJECT: StatStatus.NO_REQUEST,
    Step.COMMISSION_NO_TAKE_UP: StatStatus.NO_REQUEST,
    Step.DECIDE_REQUEST: StatStatus.REQUEST_OPEN,
    Step.DECIDE_NO_REQUEST: StatStatus.NO_REQUEST,
    Step.CLOSE_OTHER: StatStatus.OTHER_CLOSURE,
    Step.OUTCOME_GRANTED: StatStatus.REQUEST_FOLLOWED,
    Step.OUTCOME_NOT_FOLLOWED: StatStatus.REQUEST_NOT_FOLLOWED,
    Step.OUTCOME_OTHER: StatStatus.REQUEST_OTHER_CLOSURE,
    Step.REVOKE_REQUEST: StatStatus.REQUEST_OTHER_CLOSURE,
    Step.REOPEN: StatStatus.OPEN,
}


def allowed_steps(state: str) -> list[str]:
    """Steps that may start from ``state`` (without step-specific guards)."""
    return [step for step, (sources, _t, _c) in ALLOWED_TRANSITIONS.items() if state in sources]


class Owner(models.TextChoices):
    """The part of the system whose pages and services record a step (and enforce its rules)."""

    CASES = "cases", "Fallakte"
    MEETINGS = "meetings", "Sitzungen"
    AUTHORITIES = "authorities", "Ausländerbehörden"


# Which part records each step (docs/decisions/0080-step-owners.md). The generic step forms
# of the case file (cases.steps) offer only the CASES steps; the others need what only their
# part has: a session with attendance, quorum and votes (meetings), a deadline after
# §§ 187 ff. BGB, the authority's answer, a letter, § 7 Abs. 3 HFKVO (authorities).
STEP_OWNER: dict[str, str] = {
    Step.RECEIVE: Owner.CASES,
    Step.CHECK_PASS: Owner.CASES,
    Step.CHECK_EXCLUDE: Owner.CASES,
    Step.EXCLUDE_LATER: Owner.CASES,
    Step.PRESCREEN_TAKE_UP: Owner.MEETINGS,
    Step.PRESCREEN_REJECT: Owner.MEETINGS,
    Step.PRESENT_FOR_TAKE_UP: Owner.MEETINGS,
    Step.COMMISSION_TAKE_UP: Owner.MEETINGS,
    Step.COMMISSION_NO_TAKE_UP: Owner.MEETINGS,
    Step.REQUEST_STATEMENT: Owner.AUTHORITIES,
    Step.RECEIVE_STATEMENT: Owner.AUTHORITIES,
    Step.REQUEST_INFO: Owner.AUTHORITIES,
    Step.RECEIVE_INFO: Owner.AUTHORITIES,
    Step.MARK_READY: Owner.CASES,
    Step.PLACE_ON_AGENDA: Owner.MEETINGS,
    Step.REMOVE_FROM_AGENDA: Owner.MEETINGS,
    Step.DECIDE_REQUEST: Owner.MEETINGS,
    Step.DECIDE_NO_REQUEST: Owner.MEETINGS,
    Step.DECIDE_DEFER: Owner.MEETINGS,
    Step.SEND_REQUEST: Owner.AUTHORITIES,
    Step.RECORD_INTENDED_DECISION: Owner.AUTHORITIES,
    Step.OUTCOME_GRANTED: Owner.AUTHORITIES,
    Step.OUTCOME_NOT_FOLLOWED: Owner.AUTHORITIES,
    Step.OUTCOME_OTHER: Owner.AUTHORITIES,
    Step.CLOSE_OTHER: Owner.CASES,
    # The commission withdraws its request in a session (report, ch. 5), decision 0102.
    Step.REVOKE_REQUEST: Owner.MEETINGS,
    Step.REOPEN: Owner.CASES,
}
