"""Demo share of the meetings part: a commission of ten seats with a pre-screening committee,
one past session with decisions and approved minutes, one upcoming session with invitations
sent (so the demo member "mitglied" sees its agenda's files)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from haertefall.accounts.models import Role, User
from haertefall.cases.models import Case
from haertefall.cases.services.intake import PersonInput, case_receive
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import State, Step
from haertefall.portal.demo import DEMO_PASSWORD
from haertefall.registers.models import Authority, Country

from .models import Commission, Meeting, Membership, NominatingBody
from .selectors import meeting_slots, session_document_choices
from .services import (
    agenda_item_add,
    agenda_item_documents_set,
    attendance_record,
    commission_create,
    item_decide,
    meeting_invite,
    meeting_plan,
    membership_add,
    minutes_approve,
    prescreen_seat_set,
    seat_create,
)
from .services.decisions import Votes

SEATS = [
    # number, body, member username (first, last), deputy username (first, last)
    (2, NominatingBody.PROTESTANT_CHURCH, "mitglied", None, "stellvertretung", None),
    (3, NominatingBody.CATHOLIC_CHURCH, "mitglied2", None, "stellvertretung-kath", ("Klara", "Katholnig")),
    (4, NominatingBody.WELFARE, "mitglied-wohlfahrt", ("Walter", "Wohlfahrt"), "stv-wohlfahrt", ("Wiebke", "Wendt")),
    (5, NominatingBody.REFUGEE_COUNCIL, "mitglied-fluechtlingsrat", ("Fatma", "Flucht"), "stv-fluechtlingsrat", ("Frank", "Fels")),
    (6, NominatingBody.PRO_ASYL, "mitglied-proasyl", ("Paula", "Asyl"), "stv-proasyl", ("Peter", "Pohl")),
    (7, NominatingBody.AUTHORITY_CITY, "mitglied-abh-stadt", ("Sabine", "Stadt"), "stv-abh-stadt", ("Stefanie", "Storm")),
    (8, NominatingBody.AUTHORITY_DISTRICT, "mitglied-abh-kreis", ("Klaus", "Kreis"), "stv-abh-kreis", ("Karin", "Kranz")),
    (9, NominatingBody.PHYSICIAN, "mitglied-aerztin", ("Dr. Anna", "Arzt"), "stv-arzt", ("Dr. Ali", "Aydin")),
    (10, NominatingBody.INTEGRATION_MINISTRY, "mitglied-mkjfgfi", ("Ines", "Integration"), "stv-mkjfgfi", ("Ingo", "Imhof")),
]


def _user(users, username, names):
    if username in users:
        return users[username]
    first, last = names
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "role": Role.MEMBER,
                                     "email": f"{username}@demo.invalid"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _case(*, actor, family_name, given, country, received, ready):
    """A case that went through the procedure up to READY on the given past dates."""
    nationality = Country.objects.filter(name=country).first() or Country.objects.order_by("id").first()
    case = case_receive(actor=actor, received_on=received,
                        main_person=PersonInput(family_name=family_name, given_names=given, nationality=nationality,
                                                birth_date=date(1984, 5, 2)),
                        authority=Authority.objects.order_by("key").first(),
                        submitter_name="Flüchtlingsberatung Beispielstadt", submitter_kind="counselling",
                        reason_categories=["integration", "length_of_stay"])
    steps = [(Step.CHECK_PASS, 0.2), (Step.PRESCREEN_TAKE_UP, 0.35), (Step.REQUEST_STATEMENT, 0.45),
             (Step.RECEIVE_STATEMENT, 0.8), (Step.MARK_READY, 1.0)]
    span = (ready - received).days
    for step, share in steps:
        case = case_step(case=case, actor=actor, step=step, effective_on=received + timedelta(days=int(span * share)))
    return case


def demo(*, users, stdout) -> None:
    if Commission.objects.exists():
        stdout.write("Sitzungen: Kommission bereits vorhanden – nichts zu tun.")
        return
    today = timezone.localdate()
    chair, office = users["leitung"], users["sachbearbeitung"]
    term_start = date(today.year - 1, 1, 1)
    term_end = date(today.year + 1, 12, 31)
    with transaction.atomic():
        commission = commission_create(land="NW", name="Härtefallkommission Nordrhein-Westfalen", seats=10,
                                       actor=office)
        seat = seat_create(commission=commission, number=1, nominating_body=NominatingBody.CHAIR, actor=office)
        membership_add(seat=seat, user=chair, kind=Membership.Kind.MEMBER, term_start=term_start,
                       term_end=term_end, actor=office)
        membership_add(seat=seat, user=users["sachbearbeitung2"], kind=Membership.Kind.DEPUTY,
                       term_start=term_start, term_end=term_end, actor=office)
        holders = {}
        for number, body, member, member_names, deputy, deputy_names in SEATS:
            seat = seat_create(commission=commission, number=number, nominating_body=body, actor=office)
            m = _user(users, member, member_names)
            d = _user(users, deputy, deputy_names)
            membership_add(seat=seat, user=m, kind=Membership.Kind.MEMBER, term_start=term_start,
                           term_end=term_end, actor=office)
            membership_add(seat=seat, user=d, kind=Membership.Kind.DEPUTY, term_start=term_start,
                           term_end=term_end, actor=office)
            holders[number] = (m, d)
        # The commission named its pre-screening committee at the start of the term (§ 3 Abs. 3 HFKVO).
        named = {"actor": office, "decided_on": term_start}
        prescreen_seat_set(commission=commission, number=1, member=chair, deputy=holders[4][0], **named)
        prescreen_seat_set(commission=commission, number=2, member=holders[5][0], deputy=holders[5][1], **named)
        prescreen_seat_set(commission=commission, number=3, member=holders[7][0], deputy=holders[7][1], **named)

        # A past session: decided, minutes approved.
        past_day = today - timedelta(days=21)
        past_cases = [
            _case(actor=office, family_name="Demiri", given="Besnik", country="Kosovo",
                  received=past_day - timedelta(days=150), ready=past_day - timedelta(days=20)),
            _case(actor=office, family_name="Aliyeva", given="Leyla", country="Aserbaidschan",
                  received=past_day - timedelta(days=140), ready=past_day - timedelta(days=18)),
            _case(actor=office, family_name="Okafor", given="Chidi", country="Nigeria",
                  received=past_day - timedelta(days=130), ready=past_day - timedelta(days=15)),
        ]
        past = meeting_plan(kind=Meeting.Kind.COMMISSION, date=past_day, time=None, commission=commission,
                            place="Düsseldorf, Ministerium, Raum 2.14", actor=office)
        for case in past_cases:
            agenda_item_add(meeting=past, case=case, actor=office)
        statuses = {slot.key: "member" for slot in meeting_slots(past)}
        slots = meeting_slots(past)
        statuses[slots[2].key] = "deputy"
        statuses[slots[9].key] = "absent"
        attendance_record(meeting=past, statuses=statuses, actor=office)
        first, second, third = past.items.all()
        item_decide(item=first, outcome="request", actor=office, votes=Votes(7, 1, 1),
                    reasons="Seit elf Jahren in Deutschland, sozialversicherungspflichtig beschäftigt, "
                            "Kinder in Schule und Ausbildung.",
                    expectations=["passport"], expectations_text="Vorlage eines gültigen Passes binnen sechs Monaten")
        item_decide(item=second, outcome="no_request", actor=office, votes=Votes(2, 6, 1),
                    reasons="Dringende persönliche Gründe sind nicht dargelegt.",
                    recommendation="Die Ausländerbehörde möge eine Beschäftigungsduldung (§ 60d AufenthG) prüfen.",
                    recommendation_votes=Votes(8, 0, 1))
        item_decide(item=third, outcome="deferred", actor=office,
                    reasons="Ärztliches Gutachten wird nachgereicht.")
        minutes_approve(meeting=past, actor=chair)

        # The next session, invitations sent.
        ready = list(Case.objects.filter(state=State.READY).order_by("received_on")[:3])
        while len(ready) < 3:
            ready.append(_case(actor=office, family_name=["Hoxha", "Rahimi", "Mensah"][len(ready)],
                               given=["Arta", "Omid", "Kofi"][len(ready)],
                               country=["Albanien", "Afghanistan", "Ghana"][len(ready)],
                               received=today - timedelta(days=200), ready=today - timedelta(days=5)))
        upcoming = meeting_plan(kind=Meeting.Kind.COMMISSION, date=today + timedelta(days=9), commission=commission,
                                place="", video_conference=True, actor=office)
        for case in ready:
            item = agenda_item_add(meeting=upcoming, case=case, actor=office)
            # The office releases the case's documents for the session file (decision 0114).
            agenda_item_documents_set(item=item, actor=office,
                                      document_ids=session_document_choices(item).values_list("pk", flat=True))
        meeting_invite(meeting=upcoming, actor=office)

        checked = list(Case.objects.filter(state=State.CHECKED).order_by("received_on")[:2])
        if checked:
            prescreen = meeting_plan(kind=Meeting.Kind.PRESCREEN, date=today + timedelta(days=4),
                                     commission=commission, written_procedure=True, actor=office)
            for case in checked:
                agenda_item_add(meeting=prescreen, case=case, actor=office)
    stdout.write(f"Sitzungen: Kommission mit 10 Sitzen, Sitzung am {past_day:%d.%m.%Y} mit genehmigtem "
                 f"Protokoll, nächste Sitzung am {upcoming.date:%d.%m.%Y} (Einladungen versandt).")
