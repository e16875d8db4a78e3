"""Who may import registers: the office only. Everyone else gets 404 (nothing to probe)."""

from haertefall.accounts.models import OFFICE_ROLES
from haertefall.core.errors import AccessDenied

from .models import ImportJob


def can_import(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in OFFICE_ROLES)


def access_import_job(*, user, job_id, for_write: bool) -> ImportJob:
    """The office shares its import jobs (a team works on one register); nobody else sees them.

    ``for_write`` is part of the signature on purpose, as in ``cases.access``: today reading
    and starting an import need the same role.
    """
    if not can_import(user):
        raise AccessDenied
    try:
        return ImportJob.objects.select_related("created_by").get(pk=job_id)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise AccessDenied from None
