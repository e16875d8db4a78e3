"""Who may see and change which case: the one place that decides.

Lists, search, exports, counts, documents and API endpoints all start from
``cases_visible_for`` or ``access_case``. A denied or unknown case raises ``AccessDenied``,
which views answer with 404 so that ids cannot be probed.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from haertefall.accounts.models import OFFICE_ROLES, Role
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .models import Case


def member_case_ids(user):
    """Cases on the agenda of a meeting the member was invited to, inside the access window:
    from the invitation until HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER days after the meeting."""
    from haertefall.meetings.models import AgendaItem

    today = timezone.localdate()
    earliest_meeting = today - timedelta(days=settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER)
    return AgendaItem.objects.filter(
        meeting__invitations__user=user,
        meeting__invitations__sent_at__isnull=False,
        meeting__invitations__sent_at__lte=timezone.now(),
        meeting__date__gte=earliest_meeting,
    ).values("case_id")


_NOTHING = Q(pk__in=[])


def visible_cases_q(user, *, field: str = "case") -> Q:
    """The rule: which cases the user may read, as a condition on objects linked to a case
    through ``field`` (statements, letters, agenda items …), or on cases themselves with
    ``field=""``. The office sees every case: no condition (no ``IN (SELECT …)`` over all
    cases). Ministry, data-protection officer and administrator see no case files."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NOTHING
    prefix = f"{field}__" if field else ""
    if user.role in OFFICE_ROLES:
        return Q()
    if user.role == Role.AUTHORITY and user.authority_id is not None:
        return Q(**{f"{prefix}authority_id": user.authority_id})
    if user.role == Role.MEMBER:
        return Q(**{f"{prefix}pk__in": member_case_ids(user)})
    return _NOTHING


def cases_visible_for(user) -> QuerySet[Case]:
    """Every case the user may read; empty for roles that see no case content."""
    condition = visible_cases_q(user, field="")
    return Case.objects.none() if condition is _NOTHING else Case.objects.filter(condition)


def can_write_case(user) -> bool:
    """Only the office changes the case file; others act through their own services."""
    return user.is_authenticated and user.is_active and user.role in OFFICE_ROLES


# Roles with a case list: the office (all cases), an authority (its own), a member (the cases
# of the sessions she is invited to). Ministry, data-protection officer and administrator
# work without case files.
CASE_LIST_ROLES = OFFICE_ROLES | {Role.AUTHORITY, Role.MEMBER}


def can_list_cases(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in CASE_LIST_ROLES


def can_read_deliberations(user) -> bool:
    """The reasons of the commission's and the committee's decisions (§ 6 Abs. 2 HFKVO): the
    office and the commission's members; not the authorities, not the ministry."""
    return user.is_authenticated and user.is_active and user.role in OFFICE_ROLES | {Role.MEMBER}


def can_see_office_queues(user) -> bool:
    """The office's work queues on the start page (follow-ups, overdue statements)."""
    return can_write_case(user)


def access_case(*, user, case_id, for_write: bool, request=None, log_read: bool = True) -> Case:
    """Fetch a case the user may see (and change, with ``for_write``), or raise AccessDenied.

    A successful read of case content is written to the audit trail.
    """
    try:
        case = cases_visible_for(user).select_related("authority", "country").get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="cases.case",
                  object_id=str(case_id), request=request)
        raise AccessDenied from None
    if for_write and not can_write_case(user):
        audit_log(user=user, action=AuditEntry.Action.DENIED, obj=case, case=case, request=request,
                  detail="Schreibzugriff")
        raise AccessDenied
    if for_write and case.anonymized_at is not None:
        # After the retention period only the anonymous statistical record remains; nothing
        # may be added to it (retention.services.case_anonymize).
        audit_log(user=user, action=AuditEntry.Action.DENIED, obj=case, case=case, request=request,
                  detail="Schreibzugriff auf anonymisierten Fall")
        raise AccessDenied
    if log_read:
        audit_log(user=user, action=AuditEntry.Action.READ, obj=case, case=case, request=request,
                  person_ids=case.persons.values_list("pk", flat=True))
    return case
