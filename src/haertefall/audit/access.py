"""Who may read the audit trail: the data-protection officer only."""

from django.core.exceptions import PermissionDenied

from haertefall.accounts.models import Role
from haertefall.core.access import user_is_verified


def can_read_audit(user) -> bool:
    return user_is_verified(user) and user.role == Role.DPO


def require_audit_reader(user) -> None:
    if not can_read_audit(user):
        raise PermissionDenied
