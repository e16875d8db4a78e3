"""Who may see and change the retention periods: the one place that decides for this app.

The administration changes the periods, the data-protection officer reads them (they agree on
them, decision 0065); nobody else sees this configuration. There is no case content here.
"""

from django.core.exceptions import PermissionDenied

from haertefall.accounts.models import Role
from haertefall.core.access import user_is_verified


def can_read_retention_rules(user) -> bool:
    return user_is_verified(user) and user.role in (Role.ADMIN, Role.DPO)


def can_change_retention_rules(user) -> bool:
    return user_is_verified(user) and user.role == Role.ADMIN


def require_retention_reader(user) -> None:
    if not can_read_retention_rules(user):
        raise PermissionDenied


def require_retention_editor(user) -> None:
    if not can_change_retention_rules(user):
        raise PermissionDenied
