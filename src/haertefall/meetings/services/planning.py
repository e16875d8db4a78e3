"""Planning a session: date and place, agenda, invitations."""

from datetime import date, time

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.models import Case
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import State, Step
from haertefall.core.errors import DomainError

from ..models import AgendaItem, Commission, Invitation, Meeting, Minutes
from ..rule_config import decision_rule_in_force
from ..rules import RuleSelectionError
from ..selectors import commission_current, meeting_slots


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def ensure_minutes_open(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting_id=meeting.pk).exists():
        raise DomainError("Das Protokoll dieser Sitzung ist genehmigt; die Sitzung kann nicht mehr "
                          "geändert werden.")


def rule_key_for(*, commission: Commission, on: date) -> str:
    try:
        return decision_rule_in_force(land=commission.land, on=on).key
    except RuleSelectionError as exc:
        raise DomainError(str(exc), field="date") from None


def meeting_plan(*, kind: str, date: date, actor, commission: Commission | None = None,
                 time: time | None = None, place: str = "", video_conference: bool = False,
                 written_procedure: bool = False) -> Meeting:
    """Plan a session of the commission or of the pre-screening committee.

    Records the key of the decision rule in force on the session's date; votes are later
    counted by that rule.
    """
    commission = commission or commission_current()
    if commission is None:
        raise DomainError("Es ist noch keine Kommission angelegt.")
    if kind not in Meeting.Kind.values:
        raise DomainError("Bitte wählen Sie die Art der Sitzung.", field="kind")
    if written_procedure and kind != Meeting.Kind.PRESCREEN:
        raise DomainError("Ein Umlaufverfahren gibt es nur im Vorprüfungsausschuss.", field="written_procedure")
    if kind == Meeting.Kind.PRESCREEN and not commission.prescreen_seats.exists():
        raise DomainError("Es ist noch kein Vorprüfungsausschuss besetzt.", field="kind")
    if not written_procedure and not place.strip() and not video_conference:
        raise DomainError("Bitte geben Sie den Ort an oder wählen Sie Videokonferenz.", field="place")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            commission=commission, kind=kind, date=date, time=time, place=place.strip(),
            video_conference=video_conference, written_procedure=written_procedure,
            rule_key=rule_key_for(commission=commission, on=date),
        )
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=meeting)
    return meeting


def agenda_item_add(*, meeting: Meeting, case: Case, actor) -> AgendaItem:
    """Put a case on the agenda: READY cases for the commission (case → SCHEDULED),
    CHECKED cases for the pre-screening committee (the case state does not change)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        ensure_minutes_open(meeting)
        case = Case.objects.select_for_update().get(pk=case.pk)
        if meeting.items.filter(case=case).exists():
            raise DomainError(f"{case.file_number} steht bereits auf der Tagesordnung.", field="case")
        if meeting.is_prescreen:
            if case.state != State.CHECKED:
                raise DomainError(
                    f"{case.file_number} ist im Stand „{State(case.state).label}“; in den "
                    "Vorprüfungsausschuss kommen nur formal geprüfte Fälle.", field="case")
            pending = AgendaItem.objects.filter(case=case, meeting__kind=Meeting.Kind.PRESCREEN,
                                                decision__isnull=True).exclude(meeting=meeting)
            if pending.exists():
                raise DomainError(f"{case.file_number} steht bereits auf der Tagesordnung der "
                                  f"{pending.first().meeting}.", field="case")
        else:
            if case.state != State.READY:
                raise DomainError(
                    f"{case.file_number} ist im Stand „{State(case.state).label}“; auf die "
                    "Tagesordnung der Kommission kommen nur Fälle, die bereit für eine Sitzung sind.",
                    field="case")
            # The step happens today, or on the session day when a past session is recorded.
            case_step(case=case, actor=actor, step=Step.PLACE_ON_AGENDA,
                      effective_on=min(timezone.localdate(), meeting.date),
                      data={"meeting_id": meeting.pk, "meeting_date": meeting.date.isoformat()})
        position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
        item = AgendaItem.objects.create(meeting=meeting, case=case, position=position)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=item, case=case)
    return item


def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    """Take an undecided case off the agenda (commission: case back to READY)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        ensure_minutes_open(meeting)
        item = AgendaItem.objects.select_for_update().select_related("case").get(pk=item.pk)
        if hasattr(item, "decision"):
            raise DomainError(f"Über TOP {item.position} ist bereits beschlossen; er kann nicht mehr "
                              "abgesetzt werden.")
        if not meeting.is_prescreen and item.case.state == State.SCHEDULED:
            case_step(case=item.case, actor=actor, step=Step.REMOVE_FROM_AGENDA,
                      effective_on=timezone.localdate(), data={"meeting_id": meeting.pk})
        audit_log(user=actor, action=AuditEntry.Action.DELETE, obj=item, case=item.case)
        item.exclusions.all().delete()
        item.delete()
        # Close the gap so the agenda stays numbered 1..n.
        for position, other in enumerate(meeting.items.order_by("position"), start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


def _invitation_text(meeting: Meeting, url: str) -> str:
    where = "Umlaufverfahren (schriftlich)" if meeting.written_procedure else (
        "Videokonferenz" if meeting.video_conference else meeting.place)
    when = _fmt(meeting.date) + (f", {meeting.time:%H:%M} Uhr" if meeting.time else "")
    lines = [
        "Guten Tag,",
        "",
        f"hiermit laden wir Sie zur {meeting} ein.",
        f"Termin: {when}",
        f"Ort: {where}",
        "",
        "Tagesordnung:",
    ]
    lines += [f"TOP {item.position}: {item.case.file_number}" for item in meeting.items.select_related("case")]
    lines += [
        "",
        f"Die Unterlagen der Fälle finden Sie nach der Anmeldung unter {url} – ab jetzt bis "
        f"{settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER} Tage nach der Sitzung.",
        "",
        "Beratungsinhalte, Falldaten und das Abstimmungsverhalten unterliegen der "
        "Verschwiegenheitspflicht (§ 6 Abs. 2 HFKVO). Diese E-Mail enthält deshalb keine Namen.",
        "",
        "Geschäftsstelle der Härtefallkommission",
    ]
    return "\n".join(lines)


def meeting_invite(*, meeting: Meeting, actor) -> list[Invitation]:
    """Invite every member and deputy holding a seat on the session day, with the agenda.

    Sending opens the members' access to the agenda's files (cases.access.member_case_ids).
    Invitations already sent are not sent again; a later call invites newly appointed people.
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        ensure_minutes_open(meeting)
        if not meeting.items.exists():
            raise DomainError("Die Tagesordnung ist leer; bitte setzen Sie zuerst Fälle auf die "
                              "Tagesordnung.")
        users = []
        for slot in meeting_slots(meeting):
            for user in (slot.member, slot.deputy):
                if user is not None and user not in users:
                    users.append(user)
        if not users:
            raise DomainError("Für den Sitzungstag sind keine Mitglieder berufen; niemand kann "
                              "eingeladen werden.")
        now = timezone.now()
        sent = []
        for user in users:
            invitation, _ = Invitation.objects.get_or_create(meeting=meeting, user=user)
            if invitation.sent_at is None:
                invitation.sent_at = now
                invitation.save(update_fields=["sent_at"])
                sent.append(invitation)
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=meeting,
                  detail=f"Einladungen versandt: {len(sent)}")
        url = reverse("meetings:detail", args=[meeting.pk])
        subject = f"Einladung: {meeting}"
        body = _invitation_text(meeting, url)
        recipients = [inv.user.email for inv in sent if inv.user.email]

        def _send():
            for address in recipients:
                send_mail(subject, body, None, [address])

        transaction.on_commit(_send)
    return sent
