"""Planning a session: date and place, agenda, invitations; changing and cancelling it."""

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
from haertefall.cases.services.events import event_record
from haertefall.cases.services.lifecycle import case_step
from haertefall.cases.states import Closure, State, Step
from haertefall.core.errors import DomainError

from ..models import AgendaItem, Commission, Invitation, Meeting, MeetingNotice, Minutes
from ..rule_config import committee_formed, decision_rule_in_force
from ..rules import RuleSelectionError
from ..selectors import commission_current, commission_for, meeting_change_refusal, meeting_slots


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def ensure_minutes_open(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting_id=meeting.pk).exists():
        raise DomainError("Das Protokoll dieser Sitzung ist genehmigt; die Sitzung kann nicht mehr "
                          "geändert werden.")


def ensure_not_cancelled(meeting: Meeting, consequence: str) -> None:
    """``consequence`` completes the sentence, e.g. "es werden keine Einladungen mehr versandt"."""
    if meeting.cancelled_at is not None:
        raise DomainError(f"Die Sitzung am {_fmt(meeting.date)} ist abgesagt; {consequence}.")


def rule_key_for(*, commission: Commission, on: date) -> str:
    try:
        return decision_rule_in_force(land=commission.land, on=on).key
    except RuleSelectionError as exc:
        raise DomainError(str(exc), field="date") from None


def _check_where(*, kind: str, place: str, video_conference: bool, video_link: str,
                 written_procedure: bool) -> None:
    if written_procedure and kind != Meeting.Kind.PRESCREEN:
        raise DomainError("Ein Umlaufverfahren gibt es nur im Vorprüfungsausschuss.", field="written_procedure")
    if not written_procedure and not place.strip() and not video_conference:
        raise DomainError("Bitte geben Sie den Ort an oder wählen Sie Videokonferenz.", field="place")
    link = video_link.strip()
    if link and not video_conference:
        raise DomainError("Ein Link zur Videokonferenz passt nur zu einer Sitzung als Videokonferenz; "
                          "bitte wählen Sie Videokonferenz oder löschen Sie den Link.", field="video_link")
    if link and not link.startswith("https://"):
        raise DomainError("Der Link zur Videokonferenz muss mit https:// beginnen.", field="video_link")


def meeting_plan(*, kind: str, date: date, actor, commission: Commission | None = None,
                 time: time | None = None, place: str = "", video_conference: bool = False,
                 video_link: str = "", written_procedure: bool = False) -> Meeting:
    """Plan a session of the commission or of the pre-screening committee.

    Records the key of the decision rule in force on the session's date; votes are later
    counted by that rule.
    """
    commission = commission or commission_current()
    if commission is None:
        raise DomainError("Es ist noch keine Kommission angelegt.")
    if kind not in Meeting.Kind.values:
        raise DomainError("Bitte wählen Sie die Art der Sitzung.", field="kind")
    if kind == Meeting.Kind.PRESCREEN:
        # § 3 Abs. 3 HFKVO: the commission *may* form a committee; rule data says whether it has.
        if not committee_formed(land=commission.land, on=date):
            raise DomainError(f"Am {_fmt(date)} besteht kein Vorprüfungsausschuss (§ 3 Abs. 3 HFKVO); über die "
                              "Befassung entscheidet dann die Kommission selbst (§ 4 Abs. 3 HFKVO), sonst "
                              "wird die Stellungnahme direkt angefordert (§ 4 Abs. 2 HFKVO).", field="kind")
        if not commission.prescreen_seats.exists():
            raise DomainError("Es ist noch kein Vorprüfungsausschuss besetzt.", field="kind")
    _check_where(kind=kind, place=place, video_conference=video_conference, video_link=video_link,
                 written_procedure=written_procedure)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            commission=commission, kind=kind, date=date, time=time, place=place.strip(),
            video_conference=video_conference, video_link=video_link.strip(),
            written_procedure=written_procedure, rule_key=rule_key_for(commission=commission, on=date),
        )
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=meeting)
    return meeting


Subject = AgendaItem.Subject
REVOCABLE_STATES = (State.REQUEST_DECIDED, State.REQUEST_SENT, State.INTENDED_DECISION)


def _subject_for(meeting: Meeting, case: Case, subject: str | None) -> str:
    """What the body decides on: given, or from the case's state (decision 0101, 0102)."""
    if meeting.is_prescreen:
        if subject not in (None, Subject.TAKE_UP):
            raise DomainError("Der Vorprüfungsausschuss entscheidet nur über die Befassung.", field="subject")
        return Subject.TAKE_UP
    if subject is None:
        if case.state == State.CHECKED:
            return Subject.TAKE_UP
        if case.state in REVOCABLE_STATES or (case.state == State.CLOSED and case.closure == Closure.FOLLOWED):
            raise DomainError(
                f"Für {case.file_number} besteht ein Ersuchen. Soll die Kommission es zurücknehmen, wählen Sie "
                "„Rücknahme eines Ersuchens beraten“ und halten Sie den Sachverhalt fest.", field="case")
        return Subject.REQUEST
    if subject not in Subject.values:
        raise DomainError("Bitte wählen Sie den Gegenstand des Tagesordnungspunkts.", field="subject")
    return subject


def _check_state_for(meeting: Meeting, case: Case, subject: str) -> None:
    state = State(case.state).label
    if subject == Subject.TAKE_UP:
        if case.state != State.CHECKED:
            where = "in den Vorprüfungsausschuss" if meeting.is_prescreen else "zur Befassung vor die Kommission"
            raise DomainError(f"{case.file_number} ist im Stand „{state}“; {where} kommen nur formal geprüfte "
                              "Fälle.", field="case")
        pending = AgendaItem.objects.filter(case=case, subject=Subject.TAKE_UP, decision__isnull=True,
                                            meeting__cancelled_at__isnull=True).exclude(meeting=meeting)
        if pending.exists():
            raise DomainError(f"{case.file_number} steht bereits auf der Tagesordnung der "
                              f"{pending.first().meeting}.", field="case")
    elif subject == Subject.REVOCATION:
        followed = case.state == State.CLOSED and case.closure == Closure.FOLLOWED
        if case.state not in REVOCABLE_STATES and not followed:
            raise DomainError(f"{case.file_number} ist im Stand „{state}“; zurücknehmen kann die Kommission nur "
                              "ein Ersuchen, das besteht oder dem gefolgt wurde.", field="case")
        pending = AgendaItem.objects.filter(case=case, subject=Subject.REVOCATION, decision__isnull=True,
                                            meeting__cancelled_at__isnull=True).exclude(meeting=meeting)
        if pending.exists():
            raise DomainError(f"Die Rücknahme des Ersuchens {case.file_number} steht bereits auf der "
                              f"Tagesordnung der {pending.first().meeting}.", field="case")
    elif case.state != State.READY:
        raise DomainError(
            f"{case.file_number} ist im Stand „{state}“; auf die Tagesordnung der Kommission kommen nur Fälle, "
            "die bereit für eine Sitzung sind.", field="case")


def agenda_item_add(*, meeting: Meeting, case: Case, actor, subject: str | None = None,
                    facts: str = "") -> AgendaItem:
    """Put a case on the agenda.

    - request (commission): a READY case; the case becomes SCHEDULED;
    - take-up: a CHECKED case, before the committee (its regular path), or before the
      commission (§ 4 Abs. 3 HFKVO, recorded as the step "Der Kommission zur Befassung
      vorgelegt"); the case stays CHECKED until the decision;
    - revocation (commission): a case with a request, with the facts the office found; the
      commission decides whether to withdraw it (report, ch. 5); the case's state stays.
    ``subject`` may be left out for a request or a take-up (it follows from the state).
    """
    facts = (facts or "").strip()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        ensure_not_cancelled(meeting, "auf ihre Tagesordnung kommen keine Fälle mehr")
        ensure_minutes_open(meeting)
        case = Case.objects.select_for_update().get(pk=case.pk)
        subject = _subject_for(meeting, case, subject)
        if meeting.items.filter(case=case).exists():
            raise DomainError(f"{case.file_number} steht bereits auf der Tagesordnung.", field="case")
        _check_state_for(meeting, case, subject)
        if subject == Subject.REVOCATION and not facts:
            raise DomainError("Bitte halten Sie den Sachverhalt fest, über den die Kommission beraten soll "
                              "(z. B. falsche Personalien).", field="facts")
        if subject != Subject.REVOCATION and facts:
            raise DomainError("Einen Sachverhalt hält die Geschäftsstelle nur zur Rücknahme eines Ersuchens fest.",
                              field="facts")
        # The step happens today, or on the session day when a past session is recorded.
        effective_on = min(timezone.localdate(), meeting.date)
        data = {"meeting_id": meeting.pk, "meeting_date": meeting.date.isoformat()}
        if subject == Subject.REQUEST:
            case_step(case=case, actor=actor, step=Step.PLACE_ON_AGENDA, effective_on=effective_on, data=data)
        elif subject == Subject.TAKE_UP and not meeting.is_prescreen:
            case_step(case=case, actor=actor, step=Step.PRESENT_FOR_TAKE_UP, effective_on=effective_on, data=data)
        elif subject == Subject.REVOCATION:
            # The facts stay on the agenda item: the case history is read by the authority.
            event_record(case=case, actor=actor, event_type="revocation_proposed", effective_on=effective_on,
                         data=data)
        position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
        item = AgendaItem.objects.create(meeting=meeting, case=case, position=position, subject=subject,
                                         facts=facts)
        audit_log(user=actor, action=AuditEntry.Action.CREATE, obj=item, case=case)
    return item


def _take_off_agenda(*, item: AgendaItem, meeting: Meeting, actor, data: dict) -> None:
    """Delete an undecided item; a commission case goes back to READY (REMOVE_FROM_AGENDA).

    Deleting the item also ends the invited members' access to the case's file through this
    session (``cases.access.member_case_ids`` reads agenda items). A take-up put before the
    commission or a proposed withdrawal leaves a note in the case history.
    """
    if item.subject == Subject.REQUEST and not meeting.is_prescreen:
        if item.case.state == State.SCHEDULED:
            case_step(case=item.case, actor=actor, step=Step.REMOVE_FROM_AGENDA,
                      effective_on=timezone.localdate(), data=data)
    elif not meeting.is_prescreen:
        event_record(case=item.case, actor=actor, event_type="removed_from_agenda",
                     effective_on=timezone.localdate(), data={**data, "subject": item.subject})
    audit_log(user=actor, action=AuditEntry.Action.DELETE, obj=item, case=item.case)
    item.exclusions.all().delete()
    item.delete()


def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    """Take an undecided case off the agenda (commission: case back to READY)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        ensure_minutes_open(meeting)
        item = AgendaItem.objects.select_for_update().select_related("case").get(pk=item.pk)
        if hasattr(item, "decision"):
            raise DomainError(f"Über TOP {item.position} ist bereits beschlossen; er kann nicht mehr "
                              "abgesetzt werden.")
        _take_off_agenda(item=item, meeting=meeting, actor=actor, data={"meeting_id": meeting.pk})
        # Close the gap so the agenda stays numbered 1..n.
        for position, other in enumerate(meeting.items.order_by("position"), start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


def _when(meeting: Meeting) -> str:
    return _fmt(meeting.date) + (f", {meeting.time:%H:%M} Uhr" if meeting.time else "")


def _where(meeting: Meeting) -> str:
    if meeting.written_procedure:
        return "Umlaufverfahren (schriftlich)"
    if meeting.video_conference:
        return f"Videokonferenz ({meeting.video_link})" if meeting.video_link else "Videokonferenz"
    return meeting.place


def _invitation_text(meeting: Meeting, url: str) -> str:
    lines = [
        "Guten Tag,",
        "",
        f"hiermit laden wir Sie zur {meeting} ein.",
        f"Termin: {_when(meeting)}",
        f"Ort: {_where(meeting)}",
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
        ensure_not_cancelled(meeting, "es werden keine Einladungen mehr versandt")
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


# --- changing and cancelling a planned session (docs/decisions/0045) ---------------------

EDITABLE_FIELDS = {
    "date": "Datum",
    "time": "Uhrzeit",
    "place": "Ort",
    "video_conference": "Videokonferenz",
    "video_link": "Link zur Videokonferenz",
    "written_procedure": "Umlaufverfahren",
}


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, date):
        return _fmt(value)
    if isinstance(value, time):
        return f"{value:%H:%M} Uhr"
    return str(value)


def _stored(value):
    return value.isoformat() if isinstance(value, date | time) else value


def _holders(meeting: Meeting) -> set[int]:
    return {user.pk for slot in meeting_slots(meeting) for user in (slot.member, slot.deputy) if user is not None}


def _notify_invited(*, meeting: Meeting, kind: str, actor, summary: str, changes: dict | None = None,
                    text: str) -> MeetingNotice | None:
    """Tell everyone already invited (invitation sent); record who was told what."""
    invitations = list(meeting.invitations.filter(sent_at__isnull=False).select_related("user")
                       .order_by("user__last_name", "user__pk"))
    if not invitations:
        return None
    notice = MeetingNotice.objects.create(meeting=meeting, kind=kind, summary=summary, changes=changes or {},
                                          sent_by=actor, sent_at=timezone.now())
    notice.recipients.set([inv.user for inv in invitations])
    label = "Absage" if kind == MeetingNotice.Kind.CANCEL else "Änderung"
    subject = f"{label}: {meeting.title}"
    recipients = [inv.user.email for inv in invitations if inv.user.email]

    def _send():
        for address in recipients:
            send_mail(subject, text, None, [address])

    transaction.on_commit(_send)
    return notice


def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Change date, time, place or video conference of a planned session.

    Only before it took place and while it is not cancelled. A new date takes the decision
    rule in force on that date. If invitations were sent, the invited are notified (and the
    notice recorded); they must then be the same people, because the invitation opened their
    access to the agenda's files.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() cannot change {', '.join(sorted(unknown))}")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        refusal = meeting_change_refusal(meeting, verb="geändert")
        if refusal:
            raise DomainError(refusal)
        new = {name: getattr(meeting, name) for name in EDITABLE_FIELDS}
        new.update(fields)
        new["place"] = (new["place"] or "").strip()
        new["video_link"] = (new["video_link"] or "").strip()
        if new["date"] is None:
            raise DomainError("Bitte geben Sie das Datum der Sitzung an.", field="date")
        _check_where(kind=meeting.kind, place=new["place"], video_conference=new["video_conference"],
                     video_link=new["video_link"], written_procedure=new["written_procedure"])
        changed = {name: (getattr(meeting, name), value) for name, value in new.items()
                   if getattr(meeting, name) != value}
        if not changed:
            return meeting
        update_fields = list(changed)
        invited = set(meeting.invitations.filter(sent_at__isnull=False).values_list("user_id", flat=True))
        before = _holders(meeting) if invited else set()
        for name, (_old, value) in changed.items():
            setattr(meeting, name, value)
        if "date" in changed:
            meeting.rule_key = rule_key_for(commission=commission_for(meeting), on=meeting.date)
            update_fields.append("rule_key")
            if invited and _holders(meeting) != before:
                raise DomainError(
                    f"Am {_fmt(meeting.date)} sind andere Mitglieder oder Stellvertretungen berufen als am "
                    f"{_fmt(changed['date'][0])}, und die Einladungen sind schon versandt. Bitte sagen Sie "
                    "die Sitzung ab und planen Sie eine neue.", field="date")
        meeting.save(update_fields=update_fields)
        summary = "; ".join(f"{EDITABLE_FIELDS[name]}: {_shown(old)} → {_shown(value)}"
                            for name, (old, value) in changed.items())
        text = "\n".join([
            "Guten Tag,",
            "",
            f"die Sitzung, zu der wir Sie eingeladen haben, wurde geändert: {summary}.",
            "",
            f"Termin jetzt: {_when(meeting)}",
            f"Ort jetzt: {_where(meeting)}",
            "",
            "Die Tagesordnung und Ihr Zugang zu den Unterlagen bleiben unverändert.",
            "",
            "Geschäftsstelle der Härtefallkommission",
        ])
        notice = _notify_invited(meeting=meeting, kind=MeetingNotice.Kind.CHANGE, actor=actor, summary=summary,
                                 changes={name: {"old": _stored(old), "new": _stored(value)}
                                          for name, (old, value) in changed.items()}, text=text)
        told = f"; {notice.recipients.count()} Eingeladene benachrichtigt" if notice else ""
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=meeting, detail=f"Geändert: {summary}{told}")
    return meeting


def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    """Cancel a planned session: every case on its agenda is taken off again and can go on
    another session's agenda; the invited are notified. The session row stays, as "abgesagt"."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Bitte geben Sie den Grund der Absage an.", field="reason")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        refusal = meeting_change_refusal(meeting, verb="abgesagt")
        if refusal:
            raise DomainError(refusal)
        items = list(meeting.items.select_related("case").order_by("position"))
        for item in items:
            _take_off_agenda(item=item, meeting=meeting, actor=actor,
                             data={"meeting_id": meeting.pk, "meeting_cancelled": True})
        meeting.cancelled_at = timezone.now()
        meeting.cancelled_by = actor
        meeting.cancel_reason = reason
        meeting.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
        text = "\n".join([
            "Guten Tag,",
            "",
            f"die {meeting.title} ({_when(meeting)}), zu der wir Sie eingeladen haben, ist abgesagt.",
            f"Grund: {reason}",
            "",
            "Die Fälle ihrer Tagesordnung werden in einer späteren Sitzung beraten; dazu erhalten Sie "
            "eine neue Einladung. Die Unterlagen sind über diese Sitzung nicht mehr abrufbar.",
            "",
            "Geschäftsstelle der Härtefallkommission",
        ])
        notice = _notify_invited(meeting=meeting, kind=MeetingNotice.Kind.CANCEL, actor=actor, summary=reason,
                                 text=text)
        told = f"; {notice.recipients.count()} Eingeladene benachrichtigt" if notice else ""
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=meeting,
                  detail=f"Abgesagt; {len(items)} TOP abgesetzt{told}")
    return meeting
