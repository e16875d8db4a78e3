"""Who may see and act on statement requests, information requests and hardship requests.

Built on ``cases.access.cases_visible_for`` (as ``visible_cases_q``): the office sees all; an authority user only what
is addressed to their own authority for cases of that authority; nobody else sees anything
here (members read case files through ``cases``). Unknown or foreign objects raise
``AccessDenied`` (views answer 404).
"""

from django.db.models import QuerySet

from haertefall.accounts.models import OFFICE_ROLES, Role
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.access import access_case, visible_cases_q
from haertefall.core.errors import AccessDenied

from .models import (
    DocumentRelease,
    HardshipRequest,
    InfoRequest,
    IntendedDecision,
    StatementRequest,
)


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_office(user) -> bool:
    return _active(user) and user.role in OFFICE_ROLES


def is_authority(user) -> bool:
    return _active(user) and user.role == Role.AUTHORITY and user.authority_id is not None


def is_ministry(user) -> bool:
    return _active(user) and user.role == Role.MINISTRY


def may_enter_for_authority(user, authority) -> bool:
    """Who may record what an authority sends (statement, answer, outcome): the authority's own
    users, or the office entering a letter on the authority's behalf."""
    return is_office(user) or (is_authority(user) and user.authority_id == authority.pk)


def _scoped(user, qs: QuerySet, *, authority_field: str = "authority_id") -> QuerySet:
    if is_office(user):
        return qs.filter(visible_cases_q(user))
    if is_authority(user):
        return qs.filter(visible_cases_q(user), **{authority_field: user.authority_id})
    return qs.none()


def statement_requests_visible_for(user) -> QuerySet[StatementRequest]:
    return _scoped(user, StatementRequest.objects.select_related("case", "authority"))


def info_requests_visible_for(user) -> QuerySet[InfoRequest]:
    qs = InfoRequest.objects.select_related("case", "authority")
    if is_authority(user):
        qs = qs.filter(recipient=InfoRequest.Recipient.AUTHORITY)
    return _scoped(user, qs)


def hardship_requests_visible_for(user) -> QuerySet[HardshipRequest]:
    return _scoped(user, HardshipRequest.objects.select_related("case", "authority"))


def _fetch(*, user, qs, pk, label: str, for_write: bool, request):
    try:
        obj = qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type=label, object_id=str(pk)[:64],
                  request=request)
        raise AccessDenied from None
    # Office and the addressed authority both act here (the authority answers, the office
    # enters letters on its behalf); which step each may take is the services' business.
    if for_write and not (is_office(user) or is_authority(user)):
        raise AccessDenied
    audit_log(user=user, action=AuditEntry.Action.READ, obj=obj, case=obj.case, request=request)
    return obj


def access_statement_request(*, user, pk, for_write: bool, request=None) -> StatementRequest:
    return _fetch(user=user, qs=statement_requests_visible_for(user), pk=pk,
                  label="authorities.statementrequest", for_write=for_write, request=request)


def access_info_request(*, user, pk, for_write: bool, request=None) -> InfoRequest:
    return _fetch(user=user, qs=info_requests_visible_for(user), pk=pk,
                  label="authorities.inforequest", for_write=for_write, request=request)


def access_hardship_request(*, user, pk, for_write: bool, request=None) -> HardshipRequest:
    return _fetch(user=user, qs=hardship_requests_visible_for(user), pk=pk,
                  label="authorities.hardshiprequest", for_write=for_write, request=request)


def access_case_work(*, user, case_id, for_write: bool, request=None):
    """A case's authority work (statements, requests, outcome): office and own authority only.

    ``for_write`` here means the office's steps (request a statement, send a request)."""
    if not (is_office(user) or is_authority(user)):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="cases.case",
                  object_id=str(case_id)[:64], request=request)
        raise AccessDenied
    return access_case(user=user, case_id=case_id, for_write=for_write, request=request)


def document_releases_visible_for(user) -> QuerySet[DocumentRelease]:
    """Releases of documents to authorities are the office's record; the authority sees the
    documents themselves (``cases.access.documents_visible_for``)."""
    if not is_office(user):
        return DocumentRelease.objects.none()
    return DocumentRelease.objects.select_related("document", "authority", "released_by", "withdrawn_by")


def access_document_release(*, user, pk, request=None) -> DocumentRelease:
    try:
        return document_releases_visible_for(user).get(pk=pk)
    except (DocumentRelease.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="authorities.documentrelease",
                  object_id=str(pk)[:64], request=request)
        raise AccessDenied from None


def access_intended_decision(*, user, pk, request=None) -> IntendedDecision:
    """An intended decision, for the office's actions on the notice to the ministry (others: denied)."""
    decision = (IntendedDecision.objects.filter(hardship_request__in=hardship_requests_visible_for(user))
                .select_related("hardship_request__case").filter(pk=pk).first())
    if decision is None or not is_office(user):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="authorities.intendeddecision",
                  object_id=str(pk)[:64], request=request)
        raise AccessDenied
    audit_log(user=user, action=AuditEntry.Action.READ, obj=decision, case=decision.hardship_request.case,
              request=request)
    return decision


def require_office(user) -> None:
    """Office-only pages and actions (extending, pausing, sending): others get 404."""
    if not is_office(user):
        raise AccessDenied


def intended_decisions_for_ministry(user) -> QuerySet[IntendedDecision]:
    """The ministry's view (§ 7 Abs. 3 HFKVO): every intended decision of the authorities,
    to follow or not, with the reasons for not following and when the ministry was informed.

    The office sees the same list; nobody else.
    """
    if not (is_ministry(user) or is_office(user)):
        return IntendedDecision.objects.none()
    return (IntendedDecision.objects.all()
            .select_related("hardship_request__authority", "hardship_request__case", "hardship_request__outcome")
            .order_by("-recorded_on", "-id"))


def require_ministry_view(user) -> None:
    if not (is_ministry(user) or is_office(user)):
        raise AccessDenied
