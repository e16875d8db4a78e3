"""Who may see the statistics: the one place that decides (like cases.access).

The office sees every table as it is; the ministry sees aggregate statistics only, with small
counts in cross-tables suppressed; nobody else sees anything (404, as for cases).
"""

from haertefall.accounts.models import OFFICE_ROLES, Role
from haertefall.core.access import user_is_verified
from haertefall.core.errors import AccessDenied

OFFICE = "office"
MINISTRY = "ministry"


def can_read_statistics(user) -> bool:
    """The office and the ministry (the ministry in its aggregate view)."""
    return user_is_verified(user) and (user.role in OFFICE_ROLES or user.role == Role.MINISTRY)


def statistics_access(*, user, for_edit: bool) -> str:
    """The user's view of the statistics (``OFFICE`` or ``MINISTRY``), or raise AccessDenied.

    ``for_edit`` (the report's chapters) is for the office only.
    """
    if not user_is_verified(user):
        raise AccessDenied
    if user.role in OFFICE_ROLES:
        return OFFICE
    if user.role == Role.MINISTRY and not for_edit:
        return MINISTRY
    raise AccessDenied


def must_suppress(view: str, requested: bool) -> bool:
    """The ministry always gets the public variant; the office chooses."""
    return view == MINISTRY or bool(requested)
