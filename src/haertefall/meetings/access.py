"""Who may see and run which meeting: the one place that decides for this app.

The office sees and prepares every meeting. A member or deputy sees a meeting they were
invited to (invitation sent) from the invitation until HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER
days after it, the same window ``cases.access.member_case_ids`` opens for the agenda's files.
Everyone else sees none. Unknown and forbidden meetings both raise ``AccessDenied`` (404).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from haertefall.accounts.models import OFFICE_ROLES, Role, User
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .models import Meeting


def meetings_visible_for(user) -> QuerySet[Meeting]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    if user.role in OFFICE_ROLES:
        return Meeting.objects.all()
    if user.role == Role.MEMBER:
        earliest = timezone.localdate() - timedelta(days=settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER)
        return Meeting.objects.filter(
            invitations__user=user,
            invitations__sent_at__isnull=False,
            invitations__sent_at__lte=timezone.now(),
            date__gte=earliest,
        ).distinct()
    return Meeting.objects.none()


def visible_meetings_q(user, *, field: str = "meeting") -> Q:
    """``meetings_visible_for`` as a condition on objects linked to a meeting through ``field``
    (agenda items): for the office, who sees every meeting, no subquery at all."""
    if user is not None and user.is_authenticated and user.is_active and user.role in OFFICE_ROLES:
        return Q()
    return Q(**{f"{field}__in": meetings_visible_for(user)})


def can_prepare_meetings(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in OFFICE_ROLES


def can_list_meetings(user) -> bool:
    """The meetings list: the office (every meeting) and members (the meetings they are invited to)."""
    return can_prepare_meetings(user) or (user.is_authenticated and user.is_active and user.role == Role.MEMBER)


def can_approve_minutes(user) -> bool:
    """The chair approves the minutes; the chair is the head of the office (§ 3 Abs. 1 HFKVO)."""
    return user.is_authenticated and user.is_active and user.role == Role.OFFICE_HEAD


# Who may hold which place in the commission (§ 3 Abs. 1 HFKVO): the chair is the head of the
# office, the chair's deputy comes from the office, every other seat from the members' role.

def may_chair(user) -> bool:
    return user.role == Role.OFFICE_HEAD


def may_deputise_chair(user) -> bool:
    return user.role in OFFICE_ROLES


def may_hold_member_seat(user) -> bool:
    return user.role == Role.MEMBER


def appointable_users() -> QuerySet[User]:
    """Active accounts that may be appointed to some place (chair, its deputy or a seat)."""
    return User.objects.filter(is_active=True, role__in=OFFICE_ROLES | {Role.MEMBER})


def access_meeting(*, user, meeting_id, for_write: bool, request=None) -> Meeting:
    """Fetch a meeting the user may see (and prepare, with ``for_write``), or raise AccessDenied."""
    try:
        meeting = meetings_visible_for(user).select_related("commission").get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="meetings.meeting",
                  object_id=str(meeting_id), request=request)
        raise AccessDenied from None
    if for_write and not can_prepare_meetings(user):
        audit_log(user=user, action=AuditEntry.Action.DENIED, obj=meeting, request=request,
                  detail="Schreibzugriff")
        raise AccessDenied
    return meeting


def require_office(user) -> None:
    """Pages for the office only (commission composition): others get 404."""
    if not can_prepare_meetings(user):
        raise AccessDenied


# The session file (Sitzungsmappe, decision 0114): each invited member or deputy gets a copy of
# their own, with the items they are not excluded from for conflict of interest; the office
# may open any invited person's copy to check it.

def session_file_recipients(meeting: Meeting) -> QuerySet[User]:
    """Everyone the session's invitation went to: whose copies exist."""
    return User.objects.filter(invitations__meeting=meeting, invitations__sent_at__isnull=False).order_by(
        "last_name", "first_name", "pk")


def excluded_from_item(user) -> Exists:
    """On agenda items: ``user`` is excluded from the item for conflict of interest
    (Befangenheit) — an ``ItemExclusion`` on a commission seat she holds as member or deputy on
    the session's day, or on a place of the pre-screening committee she holds. She then gets
    neither the item in her session file nor the case's file through it (``member_case_ids``)."""
    from .models import ItemExclusion, Membership, PrescreenSeat

    seats = Membership.objects.filter(user=user, term_start__lte=OuterRef(OuterRef("meeting__date")),
                                      term_end__gte=OuterRef(OuterRef("meeting__date"))).values("seat_id")
    places = PrescreenSeat.objects.filter(Q(member=user) | Q(deputy=user)).values("pk")
    return Exists(ItemExclusion.objects.filter(Q(seat_id__in=seats) | Q(prescreen_seat_id__in=places),
                                               item_id=OuterRef("pk")))


def meeting_items_for(*, user, meeting: Meeting) -> QuerySet:
    """The agenda items of a meeting (already checked with ``access_meeting``) the user sees:
    the office all, an invited person those she is not excluded from."""
    if can_prepare_meetings(user):
        return meeting.items.all()
    return meeting.items.exclude(excluded_from_item(user))


def session_file_items(*, recipient, meeting: Meeting) -> QuerySet:
    """The agenda items in ``recipient``'s copy of the session file."""
    return meeting.items.exclude(excluded_from_item(recipient)).order_by("position")


def access_session_file(*, user, meeting_id, recipient_id=None, request=None) -> tuple[Meeting, User]:
    """The session and whose copy of its file ``user`` may read, or AccessDenied (404).

    Without ``recipient_id`` the user's own copy: she must be invited, and a member only inside
    her access window (``meetings_visible_for``). With it, someone else's copy: the office only,
    and only of a person invited to the session."""
    meeting = access_meeting(user=user, meeting_id=meeting_id, for_write=False, request=request)
    wanted = user.pk if recipient_id is None else recipient_id
    if wanted != user.pk and not can_prepare_meetings(user):
        audit_log(user=user, action=AuditEntry.Action.DENIED, obj=meeting, request=request,
                  detail="Sitzungsmappe einer anderen Person")
        raise AccessDenied
    try:
        recipient = session_file_recipients(meeting).get(pk=wanted)
    except (User.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, obj=meeting, request=request,
                  detail="Sitzungsmappe: nicht eingeladen")
        raise AccessDenied from None
    return meeting, recipient
