"""The one table from a procedural step to its input fields and its service.

Pages (``forms.step_form_class``) and the REST API (``api.step_serializer_class``) build their
form / serializer from the same ``FieldSpec`` list and call the same ``run`` function, so a
step cannot behave differently in the two.

Only the steps the case file owns (``states.STEP_OWNER``) have a form here. The steps of the
meetings and authorities parts are ``ForeignStep`` entries: the case page links to the owning
part's page, and the generic step view and API refuse them with a message naming that place
(docs/decisions/0080-step-owners.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .models import OtherBasis
from .services import lifecycle as lc
from .states import (
    OTHER_CLOSURE_REASONS,
    STEP_OWNER,
    Closure,
    ClosureReason,
    Owner,
    State,
    Step,
    allowed_steps,
)


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

ACTIONS: tuple[StepAction, ...] = (
    StepAction(
        "check", "Formale Prüfung", (Step.CHECK_PASS, Step.CHECK_EXCLUDE),
        lambda *, case, actor, effective_on, expected_version, other_basis, grounds=(), note="": (
            lc.case_check_formally(case=case, actor=actor, checked_on=effective_on,
                                   ground_ids=[int(g) for g in grounds], note=note, other_basis=other_basis,
                                   expected_version=expected_version)),
        (FieldSpec("grounds", "multi", "Festgestellte Ausschlussgründe",
                   help_text="Ein zwingender Grund (§ 5 Abs. 1 HFKVO) beendet das Verfahren mit "
                   "„Kein Ersuchen“. Soll-Gründe (§ 5 Abs. 2 HFKVO) werden für die Kommission "
                   "vermerkt. Nichts ankreuzen, wenn kein Grund vorliegt."),
         FieldSpec("other_basis", "choice", "Andere Rechtsgrundlage", required=True,
                   choices=tuple(OtherBasis.choices),
                   help_text="Das Härtefallverfahren ist nachrangig (Tätigkeitsbericht Kap. 5): Ist eine "
                   "Ausbildungs- oder Beschäftigungsduldung (§§ 60c, 60d AufenthG), eine Aufenthaltserlaubnis "
                   "nach § 25b AufenthG oder eine andere Rechtsgrundlage möglich? Ist sie erreichbar, liegt "
                   "auch ein Soll-Ausschlussgrund vor (§ 5 Abs. 2, 2. Spiegelstrich HFKVO)."),
         _note()),
        hint="Prüfung nach dem am Prüfdatum geltenden Katalog der Ausschlussgründe.",
    ),
    StepAction(
        "mark_ready", "Bereit für Sitzung", (Step.MARK_READY,),
        lambda *, case, actor, effective_on, expected_version, note="": lc.case_mark_ready(
            case=case, actor=actor, marked_on=effective_on, note=note, expected_version=expected_version),
        (_note(),),
    ),
    StepAction(
        "exclude_later", "Zwingender Ausschlussgrund festgestellt", (Step.EXCLUDE_LATER,),
        lambda *, case, actor, effective_on, expected_version, mandatory_grounds=(), note="": lc.case_exclude_later(
            case=case, actor=actor, found_on=effective_on, ground_ids=mandatory_grounds, note=note,
            expected_version=expected_version),
        (FieldSpec("mandatory_grounds", "multi", "Zwingender Ausschlussgrund", required=True,
                   help_text="§ 5 Abs. 1 HFKVO, z. B. Umzug in ein anderes Land oder ein Asylantrag "
                   "(keine vollziehbare Ausreisepflicht). Der Fall endet mit „Kein Ersuchen“."),
         _note()),
        hint="Nach der formalen Prüfung und vor dem Beschluss der Kommission; ein Tagesordnungspunkt "
             "des Falls wird abgesetzt.",
        danger=True,
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
        "reopen", "Wiederaufnahme", (Step.REOPEN,),
        lambda *, case, actor, effective_on, expected_version, reason: lc.case_reopen(
            case=case, actor=actor, reopened_on=effective_on, reason=reason,
            expected_version=expected_version),
        (FieldSpec("reason", "text", "Grund der Wiederaufnahme", required=True),),
        hint="Der Fall kehrt in den Stand „Eingegangen“ zurück und wird erneut formal geprüft.",
    ),
)

ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


@dataclass(frozen=True)
class ForeignStep:
    """A step recorded by another part; ``where`` tells the user where (German)."""

    key: str
    label: str
    steps: tuple[str, ...]
    owner: str
    where: str

    @property
    def refusal(self) -> str:
        return (f"„{self.label}“ wird nicht in der Fallakte erfasst, sondern {self.where}. "
                "Nur dort gelten die Regeln dieses Schritts.")


_PRESCREEN = ("im Bereich „Sitzungen“: Fall auf die Tagesordnung einer Sitzung oder eines "
              "Umlaufverfahrens des Vorprüfungsausschusses setzen und dort beschließen")
_SESSION = ("im Bereich „Sitzungen“ beim Tagesordnungspunkt der Sitzung (mit Anwesenheit, "
            "Beschlussfähigkeit und Stimmen)")
_AUTHORITY = "im Bereich „Ausländerbehörden“ auf der Seite „Behördenverfahren“ des Falls"

FOREIGN_STEPS: tuple[ForeignStep, ...] = (
    ForeignStep("prescreen_take_up", "Vorprüfung: Befassung", (Step.PRESCREEN_TAKE_UP,), Owner.MEETINGS,
                _PRESCREEN),
    ForeignStep("prescreen_reject", "Vorprüfung: keine Befassung", (Step.PRESCREEN_REJECT,), Owner.MEETINGS,
                _PRESCREEN),
    ForeignStep("present_for_take_up", "Der Kommission zur Befassung vorlegen (§ 4 Abs. 3 HFKVO)",
                (Step.PRESENT_FOR_TAKE_UP,), Owner.MEETINGS,
                "im Bereich „Sitzungen“ auf der Seite einer geplanten Sitzung der Kommission"),
    ForeignStep("commission_take_up", "Kommission: Befassung", (Step.COMMISSION_TAKE_UP,), Owner.MEETINGS,
                _SESSION),
    ForeignStep("commission_no_take_up", "Kommission: keine Befassung", (Step.COMMISSION_NO_TAKE_UP,),
                Owner.MEETINGS, _SESSION),
    ForeignStep("request_statement", "Stellungnahme anfordern", (Step.REQUEST_STATEMENT,), Owner.AUTHORITIES,
                _AUTHORITY + " (Frist nach §§ 187 ff. BGB, Nachricht an die Behörde)"),
    ForeignStep("receive_statement", "Stellungnahme eingegangen", (Step.RECEIVE_STATEMENT,), Owner.AUTHORITIES,
                _AUTHORITY + " (Stellungnahme mit Text oder Datei)"),
    ForeignStep("request_info", "Weitere Informationen anfordern", (Step.REQUEST_INFO,), Owner.AUTHORITIES,
                _AUTHORITY),
    ForeignStep("receive_info", "Weitere Informationen eingegangen", (Step.RECEIVE_INFO,), Owner.AUTHORITIES,
                _AUTHORITY),
    ForeignStep("place_on_agenda", "Auf Tagesordnung setzen", (Step.PLACE_ON_AGENDA,), Owner.MEETINGS,
                "im Bereich „Sitzungen“ auf der Seite einer geplanten Sitzung"),
    ForeignStep("remove_from_agenda", "Von Tagesordnung nehmen", (Step.REMOVE_FROM_AGENDA,), Owner.MEETINGS,
                "im Bereich „Sitzungen“ auf der Seite der Sitzung („Absetzen“)"),
    ForeignStep("decide_request", "Beschluss: Härtefallersuchen", (Step.DECIDE_REQUEST,), Owner.MEETINGS,
                _SESSION),
    ForeignStep("decide_no_request", "Beschluss: kein Ersuchen", (Step.DECIDE_NO_REQUEST,), Owner.MEETINGS,
                _SESSION),
    ForeignStep("decide_defer", "Beschluss: vertagt", (Step.DECIDE_DEFER,), Owner.MEETINGS, _SESSION),
    ForeignStep("send_request", "Ersuchen versenden", (Step.SEND_REQUEST,), Owner.AUTHORITIES,
                _AUTHORITY + " (mit Schreiben an die Behörde)"),
    ForeignStep("record_intended_decision", "Beabsichtigte Entscheidung der Ausländerbehörde",
                (Step.RECORD_INTENDED_DECISION,), Owner.AUTHORITIES, _AUTHORITY + " (§ 7 Abs. 3 HFKVO)"),
    ForeignStep("outcome_granted", "Ergebnis: Aufenthaltserlaubnis erteilt", (Step.OUTCOME_GRANTED,),
                Owner.AUTHORITIES, _AUTHORITY + " („Ergebnis erfassen“)"),
    ForeignStep("outcome_not_followed", "Ergebnis: Ersuchen nicht gefolgt", (Step.OUTCOME_NOT_FOLLOWED,),
                Owner.AUTHORITIES, _AUTHORITY + " („Ergebnis erfassen“)"),
    ForeignStep("outcome_other", "Ergebnis: andere Erledigung nach Ersuchen", (Step.OUTCOME_OTHER,),
                Owner.AUTHORITIES, _AUTHORITY + " („Ergebnis erfassen“)"),
    # The commission withdraws its request; the office puts it on a session's agenda with the
    # facts (report, ch. 5; decision 0102).
    ForeignStep("revoke_request", "Rücknahme des Ersuchens", (Step.REVOKE_REQUEST,), Owner.MEETINGS,
                "durch Beschluss der Kommission: im Bereich „Sitzungen“ auf der Seite einer geplanten "
                "Sitzung der Kommission („Rücknahme eines Ersuchens beraten“), dann beim "
                "Tagesordnungspunkt (mit Anwesenheit, Beschlussfähigkeit und Stimmen)"),
)
FOREIGN_BY_KEY = {foreign.key: foreign for foreign in FOREIGN_STEPS}


def foreign_steps_for(case) -> list[ForeignStep]:
    """The steps other parts may record now, in procedural order."""
    allowed = set(allowed_steps(case.state))
    # Same guard as lifecycle.case_step: only a followed request can be revoked once closed.
    if case.state == State.CLOSED and case.closure != Closure.FOLLOWED:
        allowed.discard(Step.REVOKE_REQUEST)
    return [foreign for foreign in FOREIGN_STEPS if allowed.intersection(foreign.steps)]


def action_allowed(action: StepAction, case) -> bool:
    allowed = set(allowed_steps(case.state))
    if not allowed.intersection(action.steps):
        return False
    return True


def actions_for(case) -> list[StepAction]:
    """The step forms to offer now, in procedural order."""
    return [action for action in ACTIONS if action_allowed(action, case)]


def run_action(action: StepAction, *, case, actor, effective_on: date, expected_version, values: dict):
    values = {k: v for k, v in values.items() if v not in (None, "") or k in ("grounds", "mandatory_grounds")}
    return action.run(case=case, actor=actor, effective_on=effective_on,
                      expected_version=expected_version, **values)


def _check_owners() -> None:
    # Import-time guard: every form here records only case-file steps, every foreign entry
    # names its real owner, and together they cover every step except the intake.
    for action in ACTIONS:
        assert all(STEP_OWNER[s] == Owner.CASES for s in action.steps), action.key
    for foreign in FOREIGN_STEPS:
        assert all(STEP_OWNER[s] == foreign.owner for s in foreign.steps), foreign.key


_check_owners()

__all__ = ["ACTIONS", "ACTIONS_BY_KEY", "FOREIGN_BY_KEY", "FOREIGN_STEPS", "ClosureReason", "FieldSpec",
           "ForeignStep", "StepAction", "actions_for", "foreign_steps_for", "run_action"]
