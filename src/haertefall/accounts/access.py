"""Who may administer user accounts: the administration role, nobody else.

``access_user`` fetches and checks in one call, like cases.access.access_case. Administrators
manage accounts and configuration; they never see case content (cases.access).
"""

from django.core.exceptions import PermissionDenied

from haertefall.core.access import user_is_verified
from haertefall.core.errors import AccessDenied

from .models import OFFICE_ROLES, Role, User


def can_administer_users(user) -> bool:
    return user_is_verified(user) and user.role == Role.ADMIN


def role_is_bound_to_authority(role: str) -> bool:
    """An authority's account sees that authority's cases only, so it names one; no other role does."""
    return role == Role.AUTHORITY


def require_user_admin(user) -> None:
    """For list and create pages: refuse (403) every role but the administration."""
    if not can_administer_users(user):
        raise PermissionDenied


def access_user(*, actor, user_id, for_write: bool) -> User:
    """The account ``user_id`` for an administrator; AccessDenied (404) otherwise.

    ``for_write`` has no default so every caller decides; both need the administration role.
    """
    if not can_administer_users(actor):
        raise AccessDenied
    try:
        return User.objects.select_related("authority").get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise AccessDenied from None


# --- whose case it is (decision 0117) -----------------------------------------------------


def _active_office(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.role in OFFICE_ROLES)


def is_office_head(user) -> bool:
    return _active_office(user) and user.role == Role.OFFICE_HEAD


def may_be_assigned(user) -> bool:
    """Only an active office user can be the case officer of a case."""
    return _active_office(user)


def assignable_users():
    """The office users a case can be given to, for choice fields (intake, reassignment)."""
    return User.objects.filter(is_active=True, role__in=OFFICE_ROLES).order_by("last_name", "first_name", "username")


def can_assign_cases(user) -> bool:
    """The office head gives any case to any office user, also one that has a case officer."""
    return is_office_head(user)


def can_choose_officer_at_intake(user) -> bool:
    """Whoever records an application (the office) names its case officer, by default herself."""
    return _active_office(user)


def can_take_case(user, *, assignee) -> bool:
    """An office user takes a case nobody has yet, or whose officer's account was deactivated
    („Übernehmen“); taking an active colleague's case is the head's reassignment."""
    return _active_office(user) and (assignee is None or not assignee.is_active)


def can_set_substitution(user, *, absent) -> bool:
    """The head sets anyone's substitution; an office user her own (she is the absent one)."""
    return is_office_head(user) or (_active_office(user) and absent is not None and absent.pk == user.pk)


def can_see_substitutions(user) -> bool:
    return _active_office(user)
