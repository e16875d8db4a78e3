"""Changing and cancelling a planned session (docs/decisions/0045): what may change when,
what cancelling does to the agenda's cases, and who is told."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.cases.access import cases_visible_for
from haertefall.cases.states import State, Step
from haertefall.core.errors import DomainError
from haertefall.meetings.models import AgendaItem, Meeting, MeetingNotice, PrescreenSeat
from haertefall.meetings.selectors import session_gaps
from haertefall.meetings.services import (
    agenda_item_add,
    attendance_record,
    item_decide,
    meeting_cancel,
    meeting_invite,
    meeting_update,
    prescreen_committee_set,
)
from tests.meetings_world import (
    all_present,
    build_commission,
    checked_case,
    ready_case,
    session_with_items,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def commission(office_user, office_head):
    return build_commission(actor=office_user, chair=office_head)


def _planned(office_user, commission, *, invite=True, on=None, n_cases=1):
    on = on or TODAY() + timedelta(days=10)
    cases = [ready_case(actor=office_user, family_name=f"Familie{i}") for i in range(n_cases)]
    return session_with_items(actor=office_user, commission=commission, on=on, cases=cases, invite=invite)


def _snapshot(meeting):
    meeting = Meeting.objects.get(pk=meeting.pk)
    return (meeting.date, meeting.time, meeting.place, meeting.video_conference, meeting.video_link,
            meeting.cancelled_at, meeting.items.count(), MeetingNotice.objects.filter(meeting=meeting).count())


# --- change ------------------------------------------------------------------------------

def test_change_before_invitations_saves_and_tells_nobody(office_user, commission, django_capture_on_commit_callbacks):
    meeting = _planned(office_user, commission, invite=False)
    new_date = meeting.date + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, actor=office_user, date=new_date, time=time(10, 30), place="Köln")
    meeting.refresh_from_db()
    assert (meeting.date, meeting.time, meeting.place) == (new_date, time(10, 30), "Köln")
    assert not MeetingNotice.objects.exists() and mail.outbox == []
    entry = AuditEntry.objects.filter(object_type="meetings.meeting", object_id=str(meeting.pk),
                                      action=AuditEntry.Action.CHANGE).last()
    assert "Ort: Düsseldorf, Ministerium → Köln" in entry.detail


def test_change_after_invitations_notifies_every_invited_person_and_records_it(
        office_user, commission, django_capture_on_commit_callbacks):
    meeting = _planned(office_user, commission)
    mail.outbox.clear()
    invited = set(meeting.invitations.filter(sent_at__isnull=False).values_list("user_id", flat=True))
    old_date = meeting.date
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, actor=office_user, date=old_date + timedelta(days=1),
                       place="", video_conference=True, video_link="https://video.example/hfk")
    notice = MeetingNotice.objects.get(meeting=meeting)
    assert notice.kind == MeetingNotice.Kind.CHANGE and notice.sent_by == office_user
    assert set(notice.recipients.values_list("pk", flat=True)) == invited
    assert notice.changes["date"] == {"old": old_date.isoformat(), "new": (old_date + timedelta(days=1)).isoformat()}
    assert len(mail.outbox) == len(invited)
    message = mail.outbox[0]
    assert message.subject.startswith("Änderung: ")
    assert f"Datum: {old_date:%d.%m.%Y} → {old_date + timedelta(days=1):%d.%m.%Y}" in message.body
    assert "https://video.example/hfk" in message.body
    # Saving the same values again changes nothing and tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, actor=office_user, place="")
    assert MeetingNotice.objects.count() == 1 and len(mail.outbox) == len(invited)


def test_invalid_change_is_refused_in_german_and_writes_nothing(office_user, commission):
    meeting = _planned(office_user, commission)
    before = _snapshot(meeting)
    with pytest.raises(DomainError) as err:
        meeting_update(meeting=meeting, actor=office_user, date=meeting.date + timedelta(days=3), place="  ")
    assert err.value.field == "place" and "Ort" in err.value.message
    with pytest.raises(DomainError) as err:
        meeting_update(meeting=meeting, actor=office_user, video_link="https://video.example/x")
    assert err.value.field == "video_link"
    with pytest.raises(DomainError) as err:
        meeting_update(meeting=meeting, actor=office_user, written_procedure=True)
    assert "nur im Vorprüfungsausschuss" in err.value.message
    assert _snapshot(meeting) == before


def test_new_date_takes_the_decision_rule_in_force_on_it(office_user, commission):
    from haertefall.meetings.models import DecisionRuleConfig

    meeting = _planned(office_user, commission, invite=False)
    current = DecisionRuleConfig.objects.get(key=meeting.rule_key)
    later = meeting.date + timedelta(days=20)
    DecisionRuleConfig.objects.filter(pk=current.pk).update(valid_to=later - timedelta(days=1))
    DecisionRuleConfig.objects.create(
        key="nw-zwei-drittel-test", land="NW", valid_from=later, quorum_basis=current.quorum_basis,
        quorum_numerator=1, quorum_denominator=2, majority_basis=current.majority_basis,
        majority_numerator=2, majority_denominator=3, label_de="Testregel")
    meeting_update(meeting=meeting, actor=office_user, date=later)
    meeting.refresh_from_db()
    assert meeting.rule_key == "nw-zwei-drittel-test"


def test_date_change_to_other_seat_holders_after_invitation_is_refused(office_user, commission):
    meeting = _planned(office_user, commission)
    term_end = commission.seat_set.get(number=2).memberships.get(kind="member").term_end
    before = _snapshot(meeting)
    with pytest.raises(DomainError) as err:
        meeting_update(meeting=meeting, actor=office_user, date=term_end + timedelta(days=1))
    assert "andere Mitglieder" in err.value.message and "sagen Sie die Sitzung ab" in err.value.message
    assert _snapshot(meeting) == before


def test_no_change_once_the_session_took_place(office_user, commission):
    on = TODAY() - timedelta(days=1)
    meeting = session_with_items(actor=office_user, commission=commission, on=on,
                                 cases=[ready_case(actor=office_user, ready_on=on - timedelta(days=3))])
    attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    with pytest.raises(DomainError) as err:
        meeting_update(meeting=meeting, actor=office_user, place="Köln")
    assert "Anwesenheit" in err.value.message
    with pytest.raises(DomainError) as err:
        meeting_cancel(meeting=meeting, actor=office_user, reason="Krankheit")
    assert "Anwesenheit" in err.value.message
    item_decide(item=meeting.items.get(), outcome="deferred", reasons="Unterlagen fehlen.", actor=office_user)
    with pytest.raises(DomainError) as err:
        meeting_update(meeting=meeting, actor=office_user, place="Köln")
    assert "Beschlüsse" in err.value.message
    meeting.refresh_from_db()
    assert meeting.place == "Düsseldorf, Ministerium" and meeting.cancelled_at is None


# --- cancel ------------------------------------------------------------------------------

def test_cancel_frees_the_agenda_cases_for_another_session(office_user, commission,
                                                           django_capture_on_commit_callbacks):
    meeting = _planned(office_user, commission, n_cases=2)
    cases = [item.case for item in meeting.items.select_related("case")]
    invited = meeting.invitations.filter(sent_at__isnull=False).count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, actor=office_user, reason="Raum nicht verfügbar.")
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancelled_by == office_user
    assert meeting.cancel_reason == "Raum nicht verfügbar." and str(meeting).endswith("(abgesagt)")
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    for case in cases:
        case.refresh_from_db()
        assert case.state == State.READY
        event = case.events.order_by("-sequence").first()
        assert event.step == Step.REMOVE_FROM_AGENDA
        assert event.data == {"meeting_id": meeting.pk, "meeting_cancelled": True}
    # The invited are told, and the notice is recorded.
    notice = MeetingNotice.objects.get(meeting=meeting)
    assert notice.kind == MeetingNotice.Kind.CANCEL and notice.recipients.count() == invited
    assert len(mail.outbox) == invited
    assert mail.outbox[0].subject.startswith("Absage: ") and "Raum nicht verfügbar." in mail.outbox[0].body
    # The freed cases go on another session's agenda.
    other = session_with_items(actor=office_user, commission=commission, on=TODAY() + timedelta(days=20),
                               cases=cases, invite=False)
    assert other.items.count() == 2


def test_cancel_ends_the_members_access_to_the_agenda_files(office_user, commission):
    meeting = _planned(office_user, commission)
    member = commission.seat_set.get(number=2).memberships.get(kind="member").user
    case = meeting.items.get().case
    assert cases_visible_for(member).filter(pk=case.pk).exists()
    meeting_cancel(meeting=meeting, actor=office_user, reason="Terminkonflikt")
    assert not cases_visible_for(member).filter(pk=case.pk).exists()


def test_cancelled_session_refuses_changes_invitations_agenda_and_attendance(office_user, commission):
    meeting = _planned(office_user, commission, invite=False)
    meeting_cancel(meeting=meeting, actor=office_user, reason="Terminkonflikt")
    case = ready_case(actor=office_user, family_name="Neu")
    with pytest.raises(DomainError, match="abgesagt; auf ihre Tagesordnung kommen keine Fälle mehr"):
        agenda_item_add(meeting=meeting, case=case, actor=office_user)
    with pytest.raises(DomainError, match="abgesagt; es werden keine Einladungen mehr versandt"):
        meeting_invite(meeting=meeting, actor=office_user)
    with pytest.raises(DomainError, match="bereits abgesagt"):
        meeting_update(meeting=meeting, actor=office_user, place="Köln")
    with pytest.raises(DomainError, match="bereits abgesagt"):
        meeting_cancel(meeting=meeting, actor=office_user, reason="noch einmal")
    with pytest.raises(DomainError, match="abgesagt"):
        attendance_record(meeting=meeting, statuses=all_present(meeting), actor=office_user)
    case.refresh_from_db()
    assert case.state == State.READY and not meeting.invitations.exists()


def test_cancel_needs_a_reason_and_otherwise_changes_nothing(office_user, commission):
    meeting = _planned(office_user, commission)
    before = _snapshot(meeting)
    with pytest.raises(DomainError) as err:
        meeting_cancel(meeting=meeting, actor=office_user, reason="   ")
    assert err.value.field == "reason" and "Grund" in err.value.message
    assert _snapshot(meeting) == before
    assert meeting.items.get().case.state == State.SCHEDULED


def test_cancelled_prescreen_session_frees_its_cases_for_another_prescreen_session(office_user, commission):
    case = checked_case(actor=office_user)
    meeting = session_with_items(actor=office_user, commission=commission, on=TODAY() + timedelta(days=3),
                                 cases=[case], kind=Meeting.Kind.PRESCREEN, invite=False)
    meeting_cancel(meeting=meeting, actor=office_user, reason="Verschoben")
    other = session_with_items(actor=office_user, commission=commission, on=TODAY() + timedelta(days=9),
                               cases=[case], kind=Meeting.Kind.PRESCREEN, invite=False)
    case.refresh_from_db()
    assert other.items.get().case == case and case.state == State.CHECKED


def test_cancelled_session_does_not_count_as_planned(office_user, commission):
    from haertefall.meetings.dashboard import panels

    today = TODAY()
    without = session_gaps(today=today)
    meeting = Meeting.objects.create(commission=commission, date=today, place="Düsseldorf")
    assert len(session_gaps(today=today)) == len(without) - 1
    meeting_cancel(meeting=meeting, actor=office_user, reason="Ausfall")
    assert session_gaps(today=today) == without
    upcoming = [p for p in panels(office_user) if p["title"] == "Anstehende Sitzungen"][0]
    assert upcoming["count"] == 0


# --- pre-screening committee -------------------------------------------------------------

def _people(commission, *numbers, kind="member"):
    return [commission.seat_set.get(number=n).memberships.get(kind=kind).user for n in numbers]


def test_committee_is_set_in_one_go(office_user, office_head, commission):
    m5, m6, m7 = _people(commission, 5, 6, 7)
    d5, d6 = _people(commission, 5, 6, kind="deputy")
    prescreen_committee_set(commission=commission, actor=office_user, decided_on=TODAY(),
                            places={1: (office_head, d5), 2: (m5, d6), 3: (m6, m7)})
    seats = {p.number: (p.member, p.deputy) for p in PrescreenSeat.objects.filter(commission=commission)}
    assert seats == {1: (office_head, d5), 2: (m5, d6), 3: (m6, m7)}


def test_committee_error_on_one_place_changes_no_place(office_user, office_head, member_user, commission):
    before = list(PrescreenSeat.objects.values_list("number", "member_id", "deputy_id").order_by("number"))
    m5, m6 = _people(commission, 5, 6)
    d5, d6, d7 = _people(commission, 5, 6, 7, kind="deputy")
    with pytest.raises(DomainError) as err:
        # member_user holds no seat: place 3 is refused, so place 2 must not change either.
        prescreen_committee_set(commission=commission, actor=office_user, decided_on=TODAY(),
                                places={1: (office_head, d5), 2: (m5, d6), 3: (member_user, m6)})
    assert err.value.field == "place_3_member"
    assert err.value.message.startswith("Platz 3: ") and "nicht Mitglied der Kommission" in err.value.message
    with pytest.raises(DomainError) as err:
        prescreen_committee_set(commission=commission, actor=office_user, decided_on=TODAY(),
                                places={1: (office_head, m5), 2: (m5, d6), 3: (m6, d7)})
    assert err.value.field == "place_2_member" and "nur einen Platz" in err.value.message
    assert list(PrescreenSeat.objects.values_list("number", "member_id", "deputy_id").order_by("number")) == before
