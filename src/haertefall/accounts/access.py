"""Who may administer user accounts: the administration role, nobody else.

``access_user`` fetches and checks in one call, like cases.access.access_case. Administrators
manage accounts and configuration; they never see case content (cases.access).
"""

from django.core.exceptions import PermissionDenied

from haertefall.core.api import user_is_verified
from haertefall.core.errors import AccessDenied

from .models import Role, User


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
