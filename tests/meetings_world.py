"""Builders for meetings tests: a commission with seats and members, cases ready for a session."""

from datetime import date, timedelta

from django.utils import timezone

from haertefall.accounts.models import Role
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import Step
from haertefall.meetings.models import Attendance, Meeting, Membership, NominatingBody
from haertefall.meetings.services import (
    agenda_item_add,
    commission_create,
    meeting_invite,
    meeting_plan,
    membership_add,
    prescreen_seat_set,
    seat_create,
)

from .factories import UserFactory, make_case

BODIES = [NominatingBody.CHAIR, NominatingBody.PROTESTANT_CHURCH, NominatingBody.CATHOLIC_CHURCH,
          NominatingBody.WELFARE, NominatingBody.REFUGEE_COUNCIL, NominatingBody.PRO_ASYL,
          NominatingBody.AUTHORITY_CITY, NominatingBody.AUTHORITY_DISTRICT, NominatingBody.PHYSICIAN,
          NominatingBody.INTEGRATION_MINISTRY]


def build_commission(*, actor, chair, seats: int = 10, members: dict | None = None, prescreen=True,
                     term_start: date | None = None):
    """A commission whose seat 1 is the chair; seats 2..n get member and deputy users.

    ``members`` may name users for seats: {2: (member_user, deputy_user)}.
    """
    members = members or {}
    term_start = term_start or date(timezone.localdate().year - 1, 1, 1)
    commission = commission_create(land="NW", name="Härtefallkommission NRW", seats=seats, actor=actor)
    stand_in = UserFactory(username="vorsitz-vertretung", role=Role.OFFICE, first_name="Vera",
                           last_name="Vertretung")
    for number in range(1, seats + 1):
        seat = seat_create(commission=commission, number=number, nominating_body=BODIES[number - 1], actor=actor)
        if number == 1:
            member, deputy = chair, stand_in
        else:
            member, deputy = members.get(number) or (
                UserFactory(username=f"m{number}", role=Role.MEMBER, first_name="Mia", last_name=f"Mitglied{number}"),
                UserFactory(username=f"s{number}", role=Role.MEMBER, first_name="Sam", last_name=f"Stellv{number}"),
            )
        membership_add(seat=seat, user=member, kind=Membership.Kind.MEMBER, term_start=term_start,
                       term_end=term_start + timedelta(days=4 * 365), actor=actor)
        if deputy is not None:
            membership_add(seat=seat, user=deputy, kind=Membership.Kind.DEPUTY, term_start=term_start,
                           term_end=term_start + timedelta(days=4 * 365), actor=actor)
    if prescreen:
        seat2 = commission.seat_set.get(number=2).memberships.get(kind="member").user
        seat3 = commission.seat_set.get(number=3).memberships.get(kind="member").user
        dep2 = commission.seat_set.get(number=2).memberships.get(kind="deputy").user
        dep3 = commission.seat_set.get(number=3).memberships.get(kind="deputy").user
        named = {"actor": actor, "decided_on": term_start}
        prescreen_seat_set(commission=commission, number=1, member=chair, deputy=dep2, **named)
        prescreen_seat_set(commission=commission, number=2, member=seat2, deputy=dep3, **named)
        dep4 = commission.seat_set.get(number=4).memberships.get(kind="member").user
        prescreen_seat_set(commission=commission, number=3, member=seat3, deputy=dep4, **named)
    commission.refresh_from_db()
    return commission


def ready_case(*, actor, received_on: date | None = None, ready_on: date | None = None, **kwargs):
    """A case in state READY (all steps on ``ready_on``)."""
    ready_on = ready_on or timezone.localdate() - timedelta(days=30)
    received_on = received_on or ready_on - timedelta(days=30)
    case = make_case(actor=actor, received_on=received_on, **kwargs)
    for step in (Step.CHECK_PASS, Step.PRESCREEN_TAKE_UP, Step.REQUEST_STATEMENT, Step.RECEIVE_STATEMENT,
                 Step.MARK_READY):
        case = case_step(case=case, actor=actor, step=step, effective_on=ready_on)
    return case


def checked_case(*, actor, on: date | None = None, **kwargs):
    on = on or timezone.localdate() - timedelta(days=30)
    case = make_case(actor=actor, received_on=on, **kwargs)
    return case_step(case=case, actor=actor, step=Step.CHECK_PASS, effective_on=on)


def session_with_items(*, actor, commission, on: date, cases, invite=True, kind=Meeting.Kind.COMMISSION,
                       **kwargs):
    meeting = meeting_plan(kind=kind, date=on, actor=actor, commission=commission,
                           place=kwargs.pop("place", "Düsseldorf, Ministerium"), **kwargs)
    for case in cases:
        agenda_item_add(meeting=meeting, case=case, actor=actor)
    if invite:
        meeting_invite(meeting=meeting, actor=actor)
    return meeting


def all_present(meeting, *, absent=(), deputy=()):
    """Statuses for attendance_record: every seat's member present unless listed."""
    from haertefall.meetings.selectors import meeting_slots

    statuses = {}
    for slot in meeting_slots(meeting):
        if slot.number in absent:
            statuses[slot.key] = Attendance.Status.ABSENT
        elif slot.number in deputy:
            statuses[slot.key] = Attendance.Status.DEPUTY
        else:
            statuses[slot.key] = Attendance.Status.MEMBER
    return statuses


def without_prescreen_committee(*, since: date | None = None):
    """The Land's commission has no pre-screening committee (from ``since`` on, or ever):
    § 3 Abs. 3 HFKVO makes it optional, and the rule data says so."""
    from haertefall.meetings.models import PrescreenCommitteeConfig

    if since is None:
        PrescreenCommitteeConfig.objects.filter(land="NW").delete()
        return
    PrescreenCommitteeConfig.objects.filter(land="NW", valid_to__isnull=True).update(valid_to=since - timedelta(days=1))
    PrescreenCommitteeConfig.objects.create(key=f"nw-ohne-vorpruefung-{since:%Y%m%d}", land="NW", valid_from=since,
                                            committee_formed=False, label_de="Ohne Vorprüfungsausschuss (Test)")


def release_session_documents(*, meeting, actor):
    """The office releases every current document of each item's case for the session file
    (decision 0114); call again after adding documents."""
    from haertefall.meetings.selectors import session_document_choices
    from haertefall.meetings.services import agenda_item_documents_set

    for item in meeting.items.all():
        agenda_item_documents_set(item=item, actor=actor,
                                  document_ids=session_document_choices(item).values_list("pk", flat=True))
