"""The printed agenda (Tagesordnung) and invitation (Einladung) of a session, for the office.

Both are PDF/A-2b from auto-escaped templates (decision 0113). The agenda lists, per item, what
the invitation e-mail and the members' session page show: the item, the file number, the
country of origin and the subject. Names of persons concerned are never printed: a paper
agenda leaves the office and is not covered by the members' time-limited access.
"""

from dataclasses import dataclass

from django.conf import settings

from haertefall.core.pdf import pdf_from_template

from .models import Meeting
from .selectors import meeting_slots

CONFIDENTIAL = ("Vertraulich: Beratungsinhalte, Falldaten und das Abstimmungsverhalten unterliegen der "
                "Verschwiegenheitspflicht (§ 6 Abs. 2 HFKVO).")


@dataclass(frozen=True)
class AgendaLine:
    position: int
    file_number: str
    country: str
    subject: str


@dataclass(frozen=True)
class Addressee:
    name: str
    role: str  # "Mitglied" or "Stellvertretung"
    seat: str


def agenda_lines(meeting: Meeting) -> list[AgendaLine]:
    items = meeting.items.select_related("case", "case__country").order_by("position")
    return [AgendaLine(position=item.position, file_number=item.case.file_number,
                       country=str(item.case.country) if item.case.country_id else "–",
                       subject=item.get_subject_display()) for item in items]


def invitation_addressees(meeting: Meeting) -> list[Addressee]:
    """Members and deputies holding a seat on the session day: those ``meeting_invite`` invites."""
    people, seen = [], set()
    for slot in meeting_slots(meeting):
        for role, user in (("Mitglied", slot.member), ("Stellvertretung", slot.deputy)):
            if user is not None and user.pk not in seen:
                seen.add(user.pk)
                people.append(Addressee(name=user.get_full_name() or str(user), role=role, seat=slot.label))
    return people


def _where(meeting: Meeting) -> str:
    if meeting.written_procedure:
        return "Schriftliches Umlaufverfahren"
    if meeting.video_conference:
        return f"Videokonferenz: {meeting.video_link}" if meeting.video_link else "Videokonferenz"
    return meeting.place or "wird noch mitgeteilt"


def _context(meeting: Meeting) -> dict:
    return {"meeting": meeting, "where": _where(meeting), "lines": agenda_lines(meeting),
            "confidential": CONFIDENTIAL, "access_days": settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER}


def agenda_pdf(meeting: Meeting) -> bytes:
    return pdf_from_template("meetings/pdf/agenda.html", _context(meeting))


def invitation_pdf(meeting: Meeting) -> bytes:
    """One letter per member and deputy invited, each on its own pages."""
    return pdf_from_template("meetings/pdf/invitation.html",
                             {**_context(meeting), "addressees": invitation_addressees(meeting)})
