"""Who may see templates and letters. Templates and drafts are the office's; a sent letter is
visible to the office and, when it is addressed to an authority, to that authority's users (its
own cases). The letterhead is set by the head of the office."""

from django.db.models import QuerySet

from haertefall.accounts.models import OFFICE_ROLES, Role, User
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.access import access_case, visible_cases_q
from haertefall.core.errors import AccessDenied

from .models import AUTHORITY_KINDS, Letter


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_office(user) -> bool:
    return _active(user) and user.role in OFFICE_ROLES


def is_authority(user) -> bool:
    return _active(user) and user.role == Role.AUTHORITY and bool(user.authority_id)


def can_list_letters(user) -> bool:
    """The office, and an authority's users (for the letters addressed to their authority)."""
    return is_office(user) or is_authority(user)


def can_edit_letterhead(user) -> bool:
    """The letterhead is set once by the head of the office (issue 15)."""
    return _active(user) and user.role == Role.OFFICE_HEAD


def require_office(user) -> None:
    if not is_office(user):
        raise AccessDenied


def letters_visible_for(user) -> QuerySet[Letter]:
    qs = Letter.objects.select_related("case", "docx", "pdf")
    if is_office(user):
        return qs.filter(visible_cases_q(user))
    if is_authority(user):
        # Only what was sent to it: a draft is the office's work in progress.
        return qs.filter(visible_cases_q(user), kind__in=AUTHORITY_KINDS, status=Letter.Status.SENT)
    return qs.none()


def access_letter(*, user, pk, for_write: bool, request=None) -> Letter:
    try:
        letter = letters_visible_for(user).get(pk=pk)
    except (Letter.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="correspondence.letter",
                  object_id=str(pk)[:64], request=request)
        raise AccessDenied from None
    if for_write and not is_office(user):
        raise AccessDenied
    return letter


def access_case_letters(*, user, case_id, for_write: bool, request=None):
    """Letters of a case are the office's work: others get 404."""
    require_office(user)
    return access_case(user=user, case_id=case_id, for_write=for_write, request=request)


def users_told_for_authority(authority) -> QuerySet[User]:
    """The authority's active users with an address: they are told of what concerns its cases."""
    return User.objects.filter(role=Role.AUTHORITY, authority=authority, is_active=True).exclude(email="")


def users_told_for_ministry() -> QuerySet[User]:
    """The ministry's active users with an address (intended decisions, § 7 Abs. 3 HFKVO)."""
    return User.objects.filter(role=Role.MINISTRY, is_active=True).exclude(email="")
