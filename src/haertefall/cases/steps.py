"""The one table from a procedural step to its input fields and its service.

Pages (``forms.step_form_class``) and the REST API (``api.step_serializer_class``) build their
form / serializer from the same ``FieldSpec`` list and call the same ``run`` function, so a
step cannot behave differently in the two.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .services import lifecycle as lc
from .states import OTHER_CLOSURE_REASONS, Closure, ClosureReason, State, Step, allowed_steps


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # "date" | "text" | "line" | "choice" | "multi" | "bool"
    label: str
    required: bool = False
    choices: tuple = ()
    help_text: str = ""


@dataclass(frozen=True)
class StepAction:
    key: str
    label: str
    steps: tuple[str, ...]
    run: Callable  # (*, case, actor, effective_on, expected_version, **values) -> Case
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)
    hint: str = ""
    danger: bool = False


def _note(label="Vermerk"):
    return FieldSpec("note", "text", label)


def _reasons(label="Gründe", required=False, help_text=""):
    return FieldSpec("reasons", "text", label, required=required, help_text=help_text)


OTHER_REASON_CHOICES = tuple((r.value, r.label) for r in OTHER_CLOSURE_REASONS)
INFO_FROM_CHOICES = tuple(lc.INFO_FROM.items())

ACTIONS: tuple[StepAction, ...] = (
    StepAction(
        "check", "Formale Prüfung", (Step.CHECK_PASS, Step.CHECK_EXCLUDE),
        lambda *, case, actor, effective_on, expected_version, grounds=(), note="": lc.case_check_formally(
            case=case, actor=actor, checked_on=effective_on, ground_ids=[int(g) for g in grounds],
            note=note, expected_version=expected_version),
        (FieldSpec("grounds", "multi", "Festgestellte Ausschlussgründe",
                   help_text="Ein zwingender Grund (§ 5 Abs. 1 HFKVO) beendet das Verfahren mit "
                   "„Kein Ersuchen“. Soll-Gründe (§ 5 Abs. 2 HFKVO) werden für die Kommission "
                   "vermerkt. Nichts ankreuzen, wenn kein Grund vorliegt."),
         _note()),
        hint="Prüfung nach dem am Prüfdatum geltenden Katalog der Ausschlussgründe.",
    ),
    StepAction(
        "prescreen_take_up", "Vorprüfung: Befassung", (Step.PRESCREEN_TAKE_UP,),
        lambda *, case, actor, effective_on, expected_version, reasons="": lc.case_prescreen(
            case=case, actor=actor, decided_on=effective_on, take_up=True, reasons=reasons,
            expected_version=expected_version),
        (_reasons("Anmerkungen"),),
    ),
    StepAction(
        "prescreen_reject", "Vorprüfung: keine Befassung", (Step.PRESCREEN_REJECT,),
        lambda *, case, actor, effective_on, expected_version, reasons="": lc.case_prescreen(
            case=case, actor=actor, decided_on=effective_on, take_up=False, reasons=reasons,
            expected_version=expected_version),
        (_reasons(required=True),), danger=True,
    ),
    StepAction(
        "request_statement", "Stellungnahme anfordern", (Step.REQUEST_STATEMENT,),
        lambda *, case, actor, effective_on, expected_version, deadline=None, note="": lc.case_request_statement(
            case=case, actor=actor, requested_on=effective_on, deadline=deadline, note=note,
            expected_version=expected_version),
        (FieldSpec("deadline", "date", "Frist für die Stellungnahme",
                   help_text="Leer lassen für die Regelfrist von vier Wochen."),
         _note()),
    ),
    StepAction(
        "receive_statement", "Stellungnahme eingegangen", (Step.RECEIVE_STATEMENT,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_receive_statement(
            case=case, actor=actor, received_on=effective_on, note=note, expected_version=expected_version),
        (_note(),),
    ),
    StepAction(
        "request_info", "Weitere Informationen anfordern", (Step.REQUEST_INFO,),
        lambda *, case, actor, effective_on, expected_version, requested_from="submitter", note="":
        lc.case_request_info(case=case, actor=actor, requested_on=effective_on,
                             requested_from=requested_from, note=note, expected_version=expected_version),
        (FieldSpec("requested_from", "choice", "Angefordert bei", required=True, choices=INFO_FROM_CHOICES),
         _note("Was wird angefordert?")),
    ),
    StepAction(
        "receive_info", "Weitere Informationen eingegangen", (Step.RECEIVE_INFO,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_receive_info(
            case=case, actor=actor, received_on=effective_on, note=note, expected_version=expected_version),
        (_note(),),
    ),
    StepAction(
        "mark_ready", "Bereit für Sitzung", (Step.MARK_READY,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_mark_ready(
            case=case, actor=actor, marked_on=effective_on, note=note, expected_version=expected_version),
        (_note(),),
    ),
    StepAction(
        "place_on_agenda", "Auf Tagesordnung setzen", (Step.PLACE_ON_AGENDA,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_place_on_agenda(
            case=case, actor=actor, placed_on=effective_on, note=note, expected_version=expected_version),
        (_note("Sitzung / Vermerk"),),
        hint="Die Tagesordnung einer Sitzung wird im Bereich „Sitzungen“ zusammengestellt.",
    ),
    StepAction(
        "remove_from_agenda", "Von Tagesordnung nehmen", (Step.REMOVE_FROM_AGENDA,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_remove_from_agenda(
            case=case, actor=actor, removed_on=effective_on, note=note, expected_version=expected_version),
        (_note("Grund"),),
    ),
    StepAction(
        "decide_request", "Beschluss: Härtefallersuchen", (Step.DECIDE_REQUEST,),
        lambda *, case, actor, effective_on, expected_version, reasons="", expectations="":
        lc.case_decide(case=case, actor=actor, decided_on=effective_on, decision="request",
                       reasons=reasons, expectations=expectations, expected_version=expected_version),
        (_reasons(required=True, help_text="Die Gründe gehen in das Protokoll ein."),
         FieldSpec("expectations", "text", "Erwartungen / Auflagen",
                   help_text="Z. B. Mitwirkung bei der Passbeschaffung, Aufnahme einer Arbeit.")),
    ),
    StepAction(
        "decide_no_request", "Beschluss: kein Ersuchen", (Step.DECIDE_NO_REQUEST,),
        lambda *, case, actor, effective_on, expected_version, reasons="", recommendation="":
        lc.case_decide(case=case, actor=actor, decided_on=effective_on, decision="no_request",
                       reasons=reasons, recommendation=recommendation, expected_version=expected_version),
        (_reasons(required=True),
         FieldSpec("recommendation", "text", "Empfehlung",
                   help_text="Empfehlung zur Anwendung des allgemeinen Rechts (optional).")),
        danger=True,
    ),
    StepAction(
        "decide_defer", "Beschluss: vertagt", (Step.DECIDE_DEFER,),
        lambda *, case, actor, effective_on, expected_version, reasons="": lc.case_decide(
            case=case, actor=actor, decided_on=effective_on, decision="deferred", reasons=reasons,
            expected_version=expected_version),
        (_reasons(),),
    ),
    StepAction(
        "send_request", "Ersuchen versenden", (Step.SEND_REQUEST,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_send_request(
            case=case, actor=actor, sent_on=effective_on, note=note, expected_version=expected_version),
        (_note(),),
    ),
    StepAction(
        "record_intended_decision", "Beabsichtigte Entscheidung der Ausländerbehörde",
        (Step.RECORD_INTENDED_DECISION,),
        lambda *, case, actor, effective_on, expected_version, follows="yes", reasons="":
        lc.case_record_intended_decision(case=case, actor=actor, received_on=effective_on,
                                         follows=follows in (True, "yes"), reasons=reasons,
                                         expected_version=expected_version),
        (FieldSpec("follows", "choice", "Die Ausländerbehörde beabsichtigt,", required=True,
                   choices=(("yes", "dem Ersuchen zu folgen"), ("no", "dem Ersuchen nicht zu folgen"))),
         _reasons(help_text="Pflicht, wenn die Behörde nicht folgen will (§ 7 Abs. 3 HFKVO).")),
    ),
    StepAction(
        "outcome_granted", "Ergebnis: Aufenthaltserlaubnis erteilt", (Step.OUTCOME_GRANTED,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_record_outcome(
            case=case, actor=actor, outcome="granted", effective_on=effective_on,
            data={"note": note} if note else None, expected_version=expected_version),
        (_note(),),
    ),
    StepAction(
        "outcome_not_followed", "Ergebnis: Ersuchen nicht gefolgt", (Step.OUTCOME_NOT_FOLLOWED,),
        lambda *, case, actor, effective_on, expected_version, reasons="": lc.case_record_outcome(
            case=case, actor=actor, outcome="not_followed", effective_on=effective_on,
            data={"reasons": reasons}, expected_version=expected_version),
        (_reasons("Gründe der Ausländerbehörde"),), danger=True,
    ),
    StepAction(
        "outcome_other", "Ergebnis: andere Erledigung nach Ersuchen", (Step.OUTCOME_OTHER,),
        lambda *, case, actor, effective_on, expected_version, reason, note="": lc.case_record_outcome(
            case=case, actor=actor, outcome="other", reason=reason, effective_on=effective_on,
            data={"note": note} if note else None, expected_version=expected_version),
        (FieldSpec("reason", "choice", "Erledigungsgrund", required=True, choices=OTHER_REASON_CHOICES),
         _note()),
    ),
    StepAction(
        "close_other", "Andere Erledigung", (Step.CLOSE_OTHER,),
        lambda *, case, actor, effective_on, expected_version, reason, note="": lc.case_close_other(
            case=case, actor=actor, closed_on=effective_on, reason=reason, note=note,
            expected_version=expected_version),
        (FieldSpec("reason", "choice", "Erledigungsgrund", required=True, choices=OTHER_REASON_CHOICES),
         _note()),
        hint="Rücknahme, Ausreise, Abschiebung, Aufenthaltsrecht auf anderer Grundlage …",
        danger=True,
    ),
    StepAction(
        "revoke_request", "Ersuchen widerrufen", (Step.REVOKE_REQUEST,),
        lambda *, case, actor, effective_on, expected_version, reasons: lc.case_revoke_request(
            case=case, actor=actor, revoked_on=effective_on, reasons=reasons,
            expected_version=expected_version),
        (_reasons(required=True, help_text="Z. B. falsche Identitätsangaben."),), danger=True,
    ),
    StepAction(
        "reopen", "Wiederaufnahme", (Step.REOPEN,),
        lambda *, case, actor, effective_on, expected_version, reason: lc.case_reopen(
            case=case, actor=actor, reopened_on=effective_on, reason=reason,
            expected_version=expected_version),
        (FieldSpec("reason", "text", "Grund der Wiederaufnahme", required=True),),
        hint="Der Fall kehrt in den Stand „Eingegangen“ zurück und wird erneut formal geprüft.",
    ),
)

ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


def action_allowed(action: StepAction, case) -> bool:
    allowed = set(allowed_steps(case.state))
    if not allowed.intersection(action.steps):
        return False
    # Same guard as lifecycle.case_step: only a followed request can be revoked once closed.
    if action.key == "revoke_request" and case.state == State.CLOSED:
        return case.closure == Closure.FOLLOWED
    return True


def actions_for(case) -> list[StepAction]:
    """The step forms to offer now, in procedural order."""
    return [action for action in ACTIONS if action_allowed(action, case)]


def run_action(action: StepAction, *, case, actor, effective_on: date, expected_version, values: dict):
    values = {k: v for k, v in values.items() if v not in (None, "") or k == "grounds"}
    return action.run(case=case, actor=actor, effective_on=effective_on,
                      expected_version=expected_version, **values)


__all__ = ["ACTIONS", "ACTIONS_BY_KEY", "ClosureReason", "FieldSpec", "StepAction", "actions_for",
           "run_action"]
