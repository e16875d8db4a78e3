"""Demo share of the case file: current cases in every state, built only through the services.

Run by ``haertefall demo-data`` (core/demo.py). About 28 applications received in the last
months, with families, several nationalities and authorities, documents, notes and
follow-up dates, so that every page and work queue has something to show.
"""

import io
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from haertefall.registers.models import Authority, Country, ExclusionGround
from haertefall.registers.selectors import catalogue_in_force, country_resolve

from .models import Case, Document, OtherBasis, ReasonCategory, Relationship, SubmitterKind
from .services import lifecycle as lc
from .services.intake import PersonInput, case_receive
from .services.master import person_name_add
from .services.records import document_add, followup_add, note_add
from .states import Step
from .steps import ACTIONS_BY_KEY, FieldSpec, StepAction, run_action

DEMO_MARK = "demo.invalid"

UP_TO_REQUEST = ["check", "prescreen_take_up", "request_statement", "receive_statement", "mark_ready",
                 "place_on_agenda", "decide_request", "send_request"]

# Demo data only: the steps other parts own, applied straight through the lifecycle so the
# demo shows cases in every state. Users record these steps on the owning part's pages
# (docs/decisions/0080-step-owners.md); the meetings and authorities demos add their records.
def _note(label="Vermerk"):
    return FieldSpec("note", "text", label)


def _reasons(label="Gründe", required=False, help_text=""):
    return FieldSpec("reasons", "text", label, required=required, help_text=help_text)


from .steps import OTHER_REASON_CHOICES  # noqa: E402

INFO_FROM_CHOICES = tuple(lc.INFO_FROM.items())

_DEMO_FOREIGN: tuple[StepAction, ...] = (
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
    # The commission's withdrawal (decision 0102). The demo history records the step only; the
    # reasons of a real withdrawal stay in the session's minutes, not in the case history.
    StepAction(
        "revoke_request", "Rücknahme des Ersuchens (Beschluss der Kommission)", (Step.REVOKE_REQUEST,),
        lambda *, case, actor, effective_on, expected_version, reasons="": lc.case_revoke_request(
            case=case, actor=actor, revoked_on=effective_on, expected_version=expected_version),
        (_reasons(),), danger=True,
    ),
)
DEMO_ACTIONS = {**ACTIONS_BY_KEY, **{action.key: action for action in _DEMO_FOREIGN}}


# Statements, requests and outcomes go through the authorities' services, so the demo has one
# statement deadline (docs/decisions/0081) and the authorities' records behind every step.
def _authorities():
    from haertefall.authorities import services

    return services


def _open_hardship(case):
    return case.hardship_requests.filter(outcome__isnull=True).order_by("-sent_on", "-id").first()


def _done(case):
    case.refresh_from_db()
    return case


def _statement_request(*, case, actor, effective_on, expected_version, **_values):
    # With the documents the page proposes to release (decision 0104): application, evidence.
    from haertefall.authorities.selectors import documents_proposed_for_release

    _authorities().statement_request(case=case, actor=actor, requested_on=effective_on,
                                     release_documents=list(documents_proposed_for_release(case=case)))
    return _done(case)


def _statement_answer(*, case, actor, effective_on, expected_version, note="", **_values):
    # The authority's letter, scanned by the office: filed with the answer, so the authority sees it.
    request = case.statement_requests.filter(answered_on__isnull=True).order_by("-requested_on", "-id").first()
    upload = SimpleUploadedFile("stellungnahme.pdf", _pdf(
        f"Stellungnahme zu {case.file_number}",
        [f"{case.authority.name if case.authority else 'Ausländerbehörde'}",
         "Gegen eine Befassung bestehen keine Bedenken."]), content_type="application/pdf")
    _authorities().statement_answer(request=request, actor=actor, answered_on=effective_on,
                                    text=note or "Gegen eine Befassung bestehen keine Bedenken.", files=[upload])
    return _done(case)


def _request_send(*, case, actor, effective_on, expected_version, **_values):
    _authorities().hardship_request_send(case=case, actor=actor, sent_on=effective_on)
    return _done(case)


def _intended(*, case, actor, effective_on, expected_version, follows="yes", reasons="", **_values):
    # The office enters the authority's letter. In this history the ministry got the reasons of a
    # "not follow" by post (§ 7 Abs. 3 HFKVO), so the refusal can follow in the same history;
    # a notice by e-mail is sent only when the demo's transaction commits (decision 0108).
    follow = follows in (True, "yes")
    otherwise = {} if follow else {"informed_otherwise_on": effective_on, "informed_otherwise_channel": "post"}
    _authorities().intended_decision_record(hardship_request=_open_hardship(case), actor=actor,
                                            follow=follow, reasons=reasons, recorded_on=effective_on, **otherwise)
    return _done(case)


def _outcome(kind):
    def run(*, case, actor, effective_on, expected_version, reason="", **_values):
        _authorities().outcome_record(hardship_request=_open_hardship(case), actor=actor, kind=kind,
                                      decided_on=effective_on, other_reason=reason)
        return _done(case)
    return run


for _key, _run_fn in {"request_statement": _statement_request, "receive_statement": _statement_answer,
                      "send_request": _request_send, "record_intended_decision": _intended,
                      "outcome_granted": _outcome("granted"), "outcome_not_followed": _outcome("refused"),
                      "outcome_other": _outcome("other")}.items():
    DEMO_ACTIONS[_key] = replace(DEMO_ACTIONS[_key], run=_run_fn)



@dataclass
class Scenario:
    family_name: str
    given_names: str
    nationality: str
    authority: str
    age_days: int
    steps: list  # action keys or (key, values)
    birth: date | None = None
    family: list = field(default_factory=list)  # (relationship, given_names, birth)
    aliases: list = field(default_factory=list)  # (kind, family, given)
    submitter: tuple = ("Caritasverband für die Stadt Köln e. V.", SubmitterKind.COUNSELLING)
    reasons: tuple = (ReasonCategory.INTEGRATION, ReasonCategory.LENGTH_OF_STAY)
    text: str = ""
    follow_up: int | None = None  # days from today (negative: due)
    note: str = ""


# Postal address, form of address and phone of the demo submitters (fictitious).
SUBMITTER_DETAILS = {
    "Caritasverband für die Stadt Köln e. V.": ("", "Bartholomäus-Schink-Straße 6\n50825 Köln", "0221 95570-0"),
    "Rechtsanwältin Dr. Sabine Meier": ("Frau", "Kanzlei Meier & Partner\nBerliner Allee 12\n40212 Düsseldorf",
                                        "0211 5566770"),
    "Flüchtlingsrat NRW e. V.": ("", "Wittener Straße 201\n44803 Bochum", "0234 587315-60"),
    "Ev. Kirchengemeinde Essen-Altstadt": ("", "Pferdemarkt 5\n45127 Essen", "0201 22044"),
    "Diakonie Düsseldorf": ("", "Langerstraße 20a\n40233 Düsseldorf", "0211 7353-0"),
}


def _scenarios(regular_ground, mandatory_ground):
    lawyer = ("Rechtsanwältin Dr. Sabine Meier", SubmitterKind.LAWYER)
    council = ("Flüchtlingsrat NRW e. V.", SubmitterKind.COUNSELLING)
    church = ("Ev. Kirchengemeinde Essen-Altstadt", SubmitterKind.CHURCH)
    diakonie = ("Diakonie Düsseldorf", SubmitterKind.COUNSELLING)
    granted = [*UP_TO_REQUEST, ("record_intended_decision", {"follows": "yes"})]
    return [
        # received
        Scenario("Krasniqui", "Arben", "Kosovo", "stadt-koeln", 6, [], date(1985, 3, 1),
                 [(Relationship.SPOUSE, "Vjosa", date(1988, 7, 12)), (Relationship.CHILD, "Drita", date(2014, 5, 2))],
                 text="Wiederholter Antrag nach neuer Arbeitsstelle.", follow_up=-1,
                 note="Möglicher Wiederholungsantrag – Vorakte prüfen."),
        Scenario("Yılmaz", "Elif", "Türkei", "stadt-essen", 4, [], date(1979, 11, 23), submitter=church,
                 reasons=(ReasonCategory.ILLNESS, ReasonCategory.FAMILY)),
        Scenario("Haddad", "Omar", "Syrien", "stadt-duesseldorf", 2, [], date(1992, 1, 1), submitter=diakonie),
        # checked
        Scenario("Hoxha", "Ermal", "Albanien", "stadt-koeln", 25, [("check", {"grounds": [regular_ground]})],
                 date(1990, 4, 17), aliases=[("spelling", "Hodja", "Ermal")], submitter=lawyer),
        Scenario("Petrović", "Milan", "Serbien", "stadt-dortmund", 20, ["check"], date(1983, 9, 9),
                 [(Relationship.CHILD, "Ana", date(2012, 3, 3))]),
        # taken up
        Scenario("Aliyev", "Rashad", "Aserbaidschan", "stadt-essen", 40, ["check", "prescreen_take_up"],
                 date(1987, 2, 14), aliases=[("alias", "Aliev", "Rashad")], submitter=council),
        Scenario("Okafor", "Chiamaka", "Nigeria", "stadt-bochum", 35, ["check", "prescreen_take_up"],
                 date(1995, 6, 30), [(Relationship.CHILD, "David", date(2019, 8, 1))], follow_up=7),
        # statement requested (one overdue)
        Scenario("Berisha", "Fatmir", "Kosovo", "stadt-koeln", 90, UP_TO_REQUEST[:3], date(1975, 12, 5),
                 [(Relationship.SPOUSE, "Shqipe", date(1978, 1, 20)), (Relationship.CHILD, "Arta", date(2008, 2, 2)),
                  (Relationship.CHILD, "Besnik", date(2010, 10, 10))], follow_up=-3,
                 note="Stellungnahme trotz Frist nicht eingegangen – telefonisch erinnern."),
        Scenario("Ahmadi", "Farid", "Afghanistan", "stadt-essen", 30, UP_TO_REQUEST[:3], date(1998, 3, 21),
                 submitter=council),
        Scenario("Bajrami", "Sead", "Nordmazedonien", "stadt-bielefeld", 28, UP_TO_REQUEST[:3], date(1981, 7, 7)),
        # statement received
        Scenario("Mustafić", "Amela", "Bosnien und Herzegowina", "stadt-koeln", 70, UP_TO_REQUEST[:4],
                 date(1984, 5, 5), [(Relationship.CHILD, "Emin", date(2011, 9, 1))]),
        Scenario("Tesfaye", "Selam", "Eritrea", "stadt-essen", 65, UP_TO_REQUEST[:4], date(1996, 12, 12),
                 submitter=diakonie, reasons=(ReasonCategory.ILLNESS,)),
        # more information requested
        Scenario("Rahimi", "Zahra", "Iran", "stadt-bonn", 75,
                 [*UP_TO_REQUEST[:4], ("request_info", {"requested_from": "submitter",
                                                         "note": "Nachweis über Sprachkurs B1"})],
                 date(1991, 8, 8), follow_up=10),
        # ready
        Scenario("Gashi", "Liridon", "Kosovo", "stadt-koeln", 100, UP_TO_REQUEST[:5], date(1989, 10, 1),
                 [(Relationship.SPOUSE, "Albulena", date(1991, 3, 15))], submitter=lawyer),
        Scenario("Demir", "Ayşe", "Türkei", "stadt-essen", 95, UP_TO_REQUEST[:5], date(1970, 1, 30),
                 reasons=(ReasonCategory.ILLNESS, ReasonCategory.LENGTH_OF_STAY)),
        # scheduled
        Scenario("Jovanović", "Dragan", "Serbien", "stadt-duisburg", 110, UP_TO_REQUEST[:6], date(1980, 2, 29),
                 [(Relationship.CHILD, "Milica", date(2009, 4, 4)), (Relationship.CHILD, "Luka", date(2013, 6, 6))]),
        Scenario("Diallo", "Mamadou", "Guinea", "stadt-koeln", 105, UP_TO_REQUEST[:6], date(1999, 9, 19),
                 submitter=council),
        # request decided / sent / intended decision
        Scenario("Osmani", "Valon", "Kosovo", "stadt-essen", 130, UP_TO_REQUEST[:7], date(1986, 11, 11),
                 [(Relationship.SPOUSE, "Mimoza", date(1988, 12, 1))]),
        Scenario("Hussein", "Layla", "Irak", "stadt-koeln", 150, UP_TO_REQUEST, date(1993, 3, 3)),
        Scenario("Sadiku", "Erion", "Albanien", "stadt-essen", 170,
                 [*UP_TO_REQUEST, ("record_intended_decision",
                                   {"follows": "no", "reasons": "Lebensunterhalt nicht gesichert."})],
                 date(1990, 7, 1), note="Ministerium über beabsichtigte Nichtbefolgung informiert."),
        # closed, every closure kind
        Scenario("Nazarov", "Timur", "Usbekistan", "stadt-koeln", 60, [("check", {"grounds": [mandatory_ground]})],
                 date(1988, 8, 8)),
        Scenario("Camara", "Ibrahima", "Guinea", "stadt-essen", 80,
                 ["check", ("prescreen_reject", {"reasons": "Keine humanitären Gründe vorgetragen."})],
                 date(2000, 1, 15)),
        Scenario("Ramadani", "Besa", "Nordmazedonien", "stadt-koeln", 160,
                 [*UP_TO_REQUEST[:6], ("decide_no_request", {"reasons": "Keine Mehrheit für ein Ersuchen.",
                                                              "recommendation": "Prüfung § 25b AufenthG empfohlen."})],
                 date(1994, 4, 4)),
        Scenario("Kovačević", "Nikola", "Montenegro", "stadt-dortmund", 50,
                 ["check", ("close_other", {"reason": "withdrawal", "note": "Antrag durch Einreicherin zurückgenommen."})],
                 date(1982, 5, 25), submitter=lawyer),
        Scenario("Krasniqi", "Arben", "Kosovo", "stadt-koeln", 200, [*granted, "outcome_granted"],
                 date(1985, 3, 1), [(Relationship.SPOUSE, "Vjosa", date(1988, 7, 12))]),
        Scenario("Mehmeti", "Arton", "Kosovo", "stadt-essen", 210,
                 [*UP_TO_REQUEST, ("record_intended_decision", {"follows": "no", "reasons": "Straftaten."}),
                  ("outcome_not_followed", {"reasons": "Ausweisungsinteresse überwiegt."})], date(1984, 6, 6)),
        Scenario("Asante", "Kwame", "Ghana", "stadt-bochum", 190,
                 [*UP_TO_REQUEST, ("outcome_other", {"reason": "other_legal_basis",
                                                     "note": "Aufenthaltserlaubnis nach § 25b erteilt."})],
                 date(1987, 9, 27)),
        Scenario("Ibrahimi", "Shpend", "Kosovo", "stadt-koeln", 220,
                 [*granted, "outcome_granted", ("revoke_request", {"reasons": "Falsche Identitätsangaben festgestellt."})],
                 date(1979, 12, 24), aliases=[("alias", "Ibrahimović", "Shpend")]),
    ]


def _pdf(title: str, lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    y = 800
    for line in [title, "", *lines]:
        pdf.drawString(60, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _country(name: str) -> Country:
    return country_resolve(name) or Country.objects.get(name="Kosovo")


def _authority(key: str) -> Authority | None:
    return Authority.objects.filter(key=key).first() or Authority.objects.order_by("key").first()


def _run(case, scenario, actor, stdout):
    steps = scenario.steps
    start = case.received_on
    gap = max(1, min(12, scenario.age_days // (len(steps) + 1))) if steps else 0
    day = start
    for index, item in enumerate(steps):
        key, values = (item, {}) if isinstance(item, str) else item
        day = min(start + timedelta(days=gap * (index + 1)), timezone.localdate())
        if key == "request_statement" and scenario.follow_up is not None and scenario.follow_up < 0:
            day = timezone.localdate() - timedelta(days=40)  # deadline long passed: overdue queue
            day = max(day, case.events.order_by("-sequence").first().effective_on)
        case.refresh_from_db()
        values = dict(values)
        if key == "check":
            values.setdefault("other_basis", OtherBasis.NONE)
        case = run_action(DEMO_ACTIONS[key], case=case, actor=actor, effective_on=day,
                          expected_version=case.version, values=values)
    return case


def demo(*, users, stdout) -> None:
    if Case.objects.filter(submitter_email__endswith=DEMO_MARK).exists():
        stdout.write("Fälle: Demodaten bereits vorhanden.")
        return
    office = [users["sachbearbeitung"], users["sachbearbeitung2"], users["leitung"]]
    catalogue = catalogue_in_force(on=timezone.localdate())
    grounds = ExclusionGround.objects.filter(catalogue=catalogue)
    regular = grounds.filter(kind=ExclusionGround.Kind.REGULAR).order_by("code").first()
    mandatory = grounds.filter(kind=ExclusionGround.Kind.MANDATORY).order_by("code").first()
    today = timezone.localdate()
    scenarios = sorted(_scenarios(regular.pk, mandatory.pk), key=lambda s: -s.age_days)
    for number, scenario in enumerate(scenarios):
        actor = office[number % len(office)]
        nationality = _country(scenario.nationality)
        with transaction.atomic():
            name, kind = scenario.submitter
            form_of_address, address, phone = SUBMITTER_DETAILS.get(name, ("", "Musterstraße 1\n50667 Köln", ""))
            case = case_receive(
                actor=actor, received_on=today - timedelta(days=scenario.age_days),
                main_person=PersonInput(family_name=scenario.family_name, given_names=scenario.given_names,
                                        birth_date=scenario.birth, nationality=nationality,
                                        other_names=list(scenario.aliases)),
                family=[PersonInput(family_name=scenario.family_name, given_names=given, birth_date=birth,
                                    nationality=nationality, relationship=rel)
                        for rel, given, birth in scenario.family],
                submitter_name=name, submitter_kind=kind, submitter_form_of_address=form_of_address,
                submitter_email=f"antrag{number}@{DEMO_MARK}", submitter_contact=address, submitter_phone=phone,
                authority=_authority(scenario.authority), reason_categories=list(scenario.reasons),
                # The head records some applications and leaves them to be taken (decision 0117).
                assigned_to=None if actor is users["leitung"] else actor,
                reasons_text=scenario.text or "Langjähriger Aufenthalt, gute Integration, Kinder in Schule "
                "und Kita; Rückkehr in das Herkunftsland unzumutbar.")
            upload = SimpleUploadedFile("antrag.pdf", _pdf(
                f"Härtefallantrag {scenario.given_names} {scenario.family_name}",
                [f"Eingang: {case.received_on:%d.%m.%Y}", f"Einreicher/in: {name}"]),
                content_type="application/pdf")
            document_add(case=case, actor=actor, upload=upload, title="Antrag mit Begründung",
                         doc_type=Document.Type.APPLICATION, document_date=case.received_on)
            if number % 4 == 0:
                certificate = SimpleUploadedFile("bescheinigung.txt", (
                    "Arbeitgeberbescheinigung: unbefristete Beschäftigung seit 2021.").encode(),
                    content_type="text/plain")
                document_add(case=case, actor=actor, upload=certificate, title="Arbeitgeberbescheinigung",
                             doc_type=Document.Type.EVIDENCE)
            case = _run(case, scenario, actor, stdout)
            if scenario.note:
                note_add(case=case, actor=actor, text=scenario.note)
            if scenario.follow_up is not None:
                followup_add(case=case, actor=actor, due_on=today + timedelta(days=scenario.follow_up),
                             reason="Frist / Nachfrage prüfen" if scenario.follow_up < 0 else "Unterlagen nachfordern")
            if number % 7 == 3:
                person_name_add(person=case.persons.get(relationship=Relationship.MAIN), actor=actor,
                                family_name=scenario.family_name.replace("ć", "c").replace("ı", "i"),
                                given_names=scenario.given_names, kind="spelling")
    stdout.write(f"Fälle: {len(scenarios)} laufende und abgeschlossene Demofälle angelegt.")
