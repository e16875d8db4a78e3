"""Demo data of the authorities part: statement requests (open, overdue, answered), hardship
requests with intended decisions (one "not follow" awaiting the final decision) and outcomes,
for the demo authorities Köln ("abh-koeln") and Essen ("abh-essen").

Each case has its application, released to the authority with the statement request
(decision 0104); Hoxha's medical attest stays with the commission, Ivanova's passport copy is
released on its own with the confirmation.

Everything goes through the real services, so the case timelines look as in production.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from haertefall.cases.models import Document
from haertefall.cases.services.intake import PersonInput, case_receive
from haertefall.cases.services.lifecycle import case_decide, case_prescreen, case_step
from haertefall.cases.services.records import document_add
from haertefall.cases.states import Step
from haertefall.registers.models import Country

from . import services
from .models import StatementRequest
from .selectors import documents_proposed_for_release

DEMO_SUBMITTER = "Flüchtlingsberatung Demo e. V."

PEOPLE = [
    # family name, given names, country, authority user
    ("Hoxha", "Dritan", "Albanien", "abh-koeln"),
    ("Mahmoud", "Samira", "Syrien", "abh-koeln"),
    ("Ivanova", "Elena", "Russland", "abh-koeln"),
    ("Demir", "Zeynep", "Türkei", "abh-koeln"),
    ("Kovač", "Marko", "Serbien", "abh-koeln"),
    ("Osei", "Kwame", "Ghana", "abh-essen"),
    ("Nazari", "Farid", "Afghanistan", "abh-essen"),
    ("Bajrami", "Luljeta", "Kosovo", "abh-essen"),
]


def _country(name: str) -> Country:
    return Country.objects.filter(name=name).first() or Country.objects.order_by("pk").first()


def _taken_up(*, office, person, authority, start):
    family, given, country, _user = person
    case = case_receive(
        actor=office, received_on=start,
        main_person=PersonInput(family_name=family, given_names=given, nationality=_country(country)),
        authority=authority, submitter_name=DEMO_SUBMITTER, submitter_kind="counselling",
        reasons_text="Demo: lange Aufenthaltsdauer, gute Integration.",
    )
    _document(case, office, f"Härtefallantrag {given} {family}", Document.Type.APPLICATION,
              "Antrag mit Begründung: langjähriger Aufenthalt, Schule, Arbeit.")
    case_step(case=case, actor=office, step=Step.CHECK_PASS, effective_on=start + timedelta(days=5))
    case_prescreen(case=case, actor=office, decided_on=start + timedelta(days=10), take_up=True)
    return case


def _document(case, office, title, doc_type, text):
    return document_add(case=case, actor=office, title=title, doc_type=doc_type,
                        upload=SimpleUploadedFile("dokument.txt", text.encode(), content_type="text/plain"))


def _request_statement(*, case, office, requested_on):
    """The statement request with the documents the page proposes (application, evidence)."""
    return services.statement_request(case=case, actor=office, requested_on=requested_on,
                                      release_documents=list(documents_proposed_for_release(case=case)))


def _request_decided(*, office, person, authority, start, answerer):
    case = _taken_up(office=office, person=person, authority=authority, start=start)
    statement = _request_statement(case=case, office=office, requested_on=start + timedelta(days=12))
    services.statement_answer(request=statement, actor=answerer, answered_on=start + timedelta(days=30),
                              text="Aus Sicht der Ausländerbehörde bestehen keine durchgreifenden Bedenken.")
    case_step(case=case, actor=office, step=Step.MARK_READY, effective_on=start + timedelta(days=35))
    case_step(case=case, actor=office, step=Step.PLACE_ON_AGENDA, effective_on=start + timedelta(days=40))
    case_decide(case=case, actor=office, decided_on=start + timedelta(days=50), decision="request",
                reasons="Demo: nachhaltige Integration.")
    return case


def demo(*, users, stdout) -> None:
    # Its own cases mark the authorities demo (the case file's demo has statements too).
    if StatementRequest.objects.filter(case__submitter_name=DEMO_SUBMITTER).exists():
        stdout.write("Ausländerbehörden: Demodaten bereits vorhanden.")
        return
    office = users["sachbearbeitung"]
    today = timezone.localdate()
    people = {p[0]: p for p in PEOPLE}

    def authority_of(name):
        return users[people[name][3]].authority

    def user_of(name):
        return users[people[name][3]]

    # Emails of the demo go nowhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        # Köln: one overdue, one running, one answered statement.
        overdue = _taken_up(office=office, person=people["Hoxha"], authority=authority_of("Hoxha"),
                            start=today - timedelta(days=90))
        _document(overdue, office, "Ärztliches Attest (Psychotherapie)", Document.Type.MEDICAL,
                  "Attest: Behandlung seit 2022; nur für die Kommission.")
        _request_statement(case=overdue, office=office, requested_on=today - timedelta(days=45))
        running = _taken_up(office=office, person=people["Mahmoud"], authority=authority_of("Mahmoud"),
                            start=today - timedelta(days=40))
        _request_statement(case=running, office=office, requested_on=today - timedelta(days=10))
        answered = _taken_up(office=office, person=people["Ivanova"], authority=authority_of("Ivanova"),
                             start=today - timedelta(days=120))
        passport = _document(answered, office, "Kopie des Reisepasses", Document.Type.IDENTITY,
                             "Reisepass Nr. DEMO-0001 (Kopie).")
        statement = _request_statement(case=answered, office=office, requested_on=today - timedelta(days=60))
        services.document_release(document=passport, actor=office, confirm_sensitive=True)
        services.statement_answer(request=statement, actor=user_of("Ivanova"), answered_on=today - timedelta(days=35),
                                  text="Die Familie lebt seit neun Jahren in Köln; beide Kinder besuchen die Schule.")

        # Köln: a request the authority does not intend to follow — awaiting its final decision.
        pending = _request_decided(office=office, person=people["Demir"], authority=authority_of("Demir"),
                                   start=today - timedelta(days=150), answerer=user_of("Demir"))
        request = services.hardship_request_send(case=pending, actor=office, sent_on=today - timedelta(days=30))
        services.intended_decision_record(
            hardship_request=request, actor=user_of("Demir"), follow=False, recorded_on=today - timedelta(days=5),
            reasons="Der Lebensunterhalt ist auf absehbare Zeit nicht gesichert; eine Verpflichtungserklärung "
                    "nach § 68 AufenthG liegt nicht vor.")

        # Köln: followed, permit granted with conditions.
        granted = _request_decided(office=office, person=people["Kovač"], authority=authority_of("Kovač"),
                                   start=today - timedelta(days=250), answerer=user_of("Kovač"))
        request = services.hardship_request_send(case=granted, actor=office, sent_on=today - timedelta(days=150))
        services.intended_decision_record(hardship_request=request, actor=user_of("Kovač"), follow=True,
                                          reasons="", recorded_on=today - timedelta(days=120))
        services.outcome_record(hardship_request=request, actor=user_of("Kovač"), kind="granted",
                                decided_on=today - timedelta(days=100), permit_valid_from=today - timedelta(days=100),
                                permit_valid_until=today + timedelta(days=630), condition_living_costs=True)

        # Essen: an overdue statement with an extension.
        extended = _taken_up(office=office, person=people["Osei"], authority=authority_of("Osei"),
                             start=today - timedelta(days=100))
        statement = _request_statement(case=extended, office=office, requested_on=today - timedelta(days=70))
        services.statement_extend(request=statement, actor=office, new_due=statement.current_due + timedelta(days=21),
                                  reason="Ausländerakte lag beim Verwaltungsgericht.")

        # Essen: a request unanswered for four months (back to the office) …
        silent = _request_decided(office=office, person=people["Nazari"], authority=authority_of("Nazari"),
                                  start=today - timedelta(days=260), answerer=office)
        services.hardship_request_send(case=silent, actor=office, sent_on=today - timedelta(days=125))

        # … and one not followed, with the reasons given beforehand.
        refused = _request_decided(office=office, person=people["Bajrami"], authority=authority_of("Bajrami"),
                                   start=today - timedelta(days=300), answerer=user_of("Bajrami"))
        request = services.hardship_request_send(case=refused, actor=office, sent_on=today - timedelta(days=200))
        # The authority wrote a letter; the office entered it and sent the ministry the reasons by
        # post (§ 7 Abs. 3 HFKVO): the refusal may follow once that is on record.
        services.intended_decision_record(
            hardship_request=request, actor=office, follow=False, recorded_on=today - timedelta(days=170),
            reasons="Verurteilung zu einer Freiheitsstrafe von zwei Jahren (Soll-Ausschlussgrund).",
            informed_otherwise_on=today - timedelta(days=169), informed_otherwise_channel="post")
        services.outcome_record(hardship_request=request, actor=user_of("Bajrami"), kind="refused",
                                decided_on=today - timedelta(days=150))
    stdout.write("Ausländerbehörden: 8 Fälle mit Stellungnahmen, Ersuchen und Ergebnissen angelegt.")
