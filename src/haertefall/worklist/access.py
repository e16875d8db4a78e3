"""Who may save filters, export the case list and work on many cases at once.

The cases themselves are always those of ``cases.access`` (``cases_visible_for``,
``access_case``): these predicates only say which roles may use the tools."""

from haertefall.accounts.models import OFFICE_ROLES, Role
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.access import can_list_cases, can_write_case
from haertefall.core.errors import AccessDenied

from .models import SavedFilter


def can_save_filters(user) -> bool:
    """Everyone with a case list keeps filters of it."""
    return can_list_cases(user)


def saved_filters_for(user):
    """The user's own saved filters; nobody sees another's."""
    if not can_save_filters(user):
        return SavedFilter.objects.none()
    return SavedFilter.objects.filter(user=user)


def access_saved_filter(*, user, filter_id, request=None) -> SavedFilter:
    """The saved filter if it is the user's own, else ``AccessDenied`` (answered 404)."""
    try:
        return saved_filters_for(user).get(pk=filter_id)
    except (SavedFilter.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="worklist.savedfilter",
                  object_id=str(filter_id), request=request)
        raise AccessDenied from None


def can_export_case_list(user) -> bool:
    """The office and an immigration authority (its own cases) export the list as a file.
    Commission members do not: they read the files of their session only for a while around
    it (HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER), and a downloaded copy would outlast that
    (§ 6 Abs. 2 HFKVO; decision 0119)."""
    return can_list_cases(user) and user.role in OFFICE_ROLES | {Role.AUTHORITY}


def can_work_in_bulk(user) -> bool:
    """Bulk actions change cases: only the office (decision 0120)."""
    return can_write_case(user)
