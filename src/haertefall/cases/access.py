"""Who may see and change which case: the one place that decides.

Lists, search, exports, counts, documents and API endpoints all start from
``cases_visible_for`` or ``access_case``. A denied or unknown case raises ``AccessDenied``,
which views answer with 404 so that ids cannot be probed.
"""

from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from haertefall.accounts.models import OFFICE_ROLES, Role
from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from .models import Case, CaseEvent, Document
from .states import Step


def member_case_ids(user):
    """Cases on the agenda of a meeting the member was invited to, inside the access window:
    from the invitation until HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER days after the meeting; not
    through an item she is excluded from for conflict of interest (decision 0114)."""
    from haertefall.meetings.access import excluded_from_item
    from haertefall.meetings.models import AgendaItem

    today = timezone.localdate()
    earliest_meeting = today - timedelta(days=settings.HAERTEFALL_MEMBER_ACCESS_DAYS_AFTER)
    return AgendaItem.objects.filter(
        meeting__invitations__user=user,
        meeting__invitations__sent_at__isnull=False,
        meeting__invitations__sent_at__lte=timezone.now(),
        meeting__date__gte=earliest_meeting,
    ).exclude(excluded_from_item(user)).values("case_id")


_NOTHING = Q(pk__in=[])


def statement_requested_q(*, field: str = "case") -> Q:
    """Cases whose history holds the request for the authority's statement (§ 4 Abs. 2 HFKVO),
    as a condition on objects linked to a case through ``field`` (``""``: on cases).

    ``EXISTS`` over the case's events, served by their (case, sequence) index: a case has a
    few dozen events, an authority's list a few hundred cases (docs/decisions/0104)."""
    outer = f"{field}__pk" if field else "pk"
    return Q(Exists(CaseEvent.objects.filter(case_id=OuterRef(outer), step=Step.REQUEST_STATEMENT)))


def visible_cases_q(user, *, field: str = "case") -> Q:
    """The rule: which cases the user may read, as a condition on objects linked to a case
    through ``field`` (statements, letters, agenda items …), or on cases themselves with
    ``field=""``. The office sees every case: no condition (no ``IN (SELECT …)`` over all
    cases). An immigration authority sees its own cases from the day its statement was
    requested (§ 6 Abs. 2 HFKVO: what came before is the commission's). Ministry,
    data-protection officer and administrator see no case files."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NOTHING
    prefix = f"{field}__" if field else ""
    if user.role in OFFICE_ROLES:
        return Q()
    if user.role == Role.AUTHORITY and user.authority_id is not None:
        return Q(**{f"{prefix}authority_id": user.authority_id}) & statement_requested_q(field=field)
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


def can_export_subject_access(user) -> bool:
    """The Art. 15 DSGVO export of a whole case file (decision 0123): the office answers the
    persons' requests, nobody else."""
    return can_write_case(user)


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


def reads_whole_file(user) -> bool:
    """The whole case file — every document, the formal check, the whole history — is read by
    the office and by the commission's members (on the cases of their session, ``cases_visible_for``).
    A case's authority reads only what the commission sends it (``history_reader_for``,
    ``documents_visible_for``)."""
    return user.is_authenticated and user.is_active and user.role in OFFICE_ROLES | {Role.MEMBER}


def _is_authority(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.AUTHORITY and user.authority_id is not None


# What a case's authority reads of the case history (§ 6 Abs. 2 HFKVO): its own dealings with
# the commission — the statement request and its deadline, its answer, the request with its
# expectations (or the recommendation without one), how the case ended, its intended and final
# decision — each entry with only these recorded details. Not the office's notes, checks,
# follow-ups, documents and agenda, not the sessions' reasons. Entries not named here (also
# those of steps added later) stay with the commission until they are added here.
_CLOSURE = frozenset({"closure", "closure_reason"})
AUTHORITY_HISTORY: dict[str, frozenset[str]] = {
    Step.REQUEST_STATEMENT: frozenset({"deadline", "due", "period", "authority"}),
    "statement_request_recorded": frozenset({"due", "period", "authority"}),
    "statement_extended": frozenset({"original_due", "previous_due", "new_due", "reason"}),
    "statement_paused": frozenset({"reason"}),
    "statement_resumed": frozenset({"new_due"}),
    "reminder_sent": frozenset({"due", "kind", "number"}),
    Step.RECEIVE_STATEMENT: frozenset({"entered_by_office", "late"}),
    Step.DECIDE_REQUEST: frozenset({"expectations"}),
    Step.DECIDE_NO_REQUEST: frozenset({"recommendation"}) | _CLOSURE,
    Step.SEND_REQUEST: frozenset({"authority"}),
    Step.RECORD_INTENDED_DECISION: frozenset({"follow", "follows", "reasons", "entered_by_office"}),
    "intended_decision_revised": frozenset({"follow", "reasons", "entered_by_office"}),
    Step.OUTCOME_GRANTED: frozenset({"kind", "permit_valid_from", "permit_valid_until", "condition_living_costs",
                                     "condition_section_68", "entered_by_office"}) | _CLOSURE,
    Step.OUTCOME_NOT_FOLLOWED: frozenset({"kind", "entered_by_office"}) | _CLOSURE,
    Step.OUTCOME_OTHER: frozenset({"kind", "entered_by_office"}) | _CLOSURE,
    Step.CLOSE_OTHER: _CLOSURE,
    Step.EXCLUDE_LATER: _CLOSURE,
    Step.REVOKE_REQUEST: _CLOSURE,
    Step.REOPEN: frozenset(),
}


def _kind(event) -> str:
    """A procedural step by its step (also where the entry's type says only "step"), other
    entries by their type."""
    return event.step or event.event_type


class HistoryReader(NamedTuple):
    """What one reader sees of a case's history (``history_reader_for``)."""

    deliberations: bool  # the reasons of the sessions' decisions (``can_read_deliberations``)
    entries: dict[str, frozenset[str]] | None  # entry kind -> details shown; None: all, with all
    authority_id: int | None  # an authority reads the names of its own users only

    def sees(self, event) -> bool:
        return self.entries is None or _kind(event) in self.entries

    def keys(self, event) -> frozenset[str] | None:
        """The details of ``event`` this reader sees; None: all of them."""
        return None if self.entries is None else self.entries.get(_kind(event), frozenset())

    def actor(self, event) -> str:
        actor = event.actor
        if actor is None:
            return ""
        if self.authority_id is None:
            return str(actor)
        if actor.role == Role.AUTHORITY and actor.authority_id == self.authority_id:
            return str(actor)
        # The names of the office's staff and of other authorities stay inside (§ 6 Abs. 2 HFKVO).
        return "Geschäftsstelle" if actor.role in OFFICE_ROLES else ""


def history_reader_for(user) -> HistoryReader:
    if user is None:
        return HistoryReader(deliberations=False, entries={}, authority_id=-1)
    if reads_whole_file(user):
        return HistoryReader(deliberations=can_read_deliberations(user), entries=None, authority_id=None)
    if _is_authority(user):
        return HistoryReader(deliberations=False, entries=AUTHORITY_HISTORY, authority_id=user.authority_id)
    return HistoryReader(deliberations=False, entries={}, authority_id=-1)


# Kinds of documents an authority gets only when the office releases them one by one, with a
# confirmation: health data and identity papers (Art. 9 DSGVO; § 6 Abs. 2 HFKVO).
SENSITIVE_DOCUMENT_TYPES = frozenset({Document.Type.MEDICAL, Document.Type.IDENTITY})
# Never released: extracts of the minutes are the commission's deliberations.
UNRELEASABLE_DOCUMENT_TYPES = frozenset({Document.Type.MINUTES})


def authority_documents_q(authority_id: int) -> Q:
    """The documents of its cases an authority reads: those it uploaded itself, and what each
    part holds for it (``authority_documents_q`` of each part's ``casefile``: documents the
    office released to it, its answers, letters addressed to it)."""
    from .casefile import CASE_FILE_PROVIDERS

    condition = Q(uploaded_by__role=Role.AUTHORITY, uploaded_by__authority_id=authority_id)
    for module in CASE_FILE_PROVIDERS.values():
        part = getattr(module, "authority_documents_q", None)
        if part is not None:
            condition |= part(authority_id)
    return condition


def documents_visible_for(*, user, case) -> QuerySet[Document]:
    """The documents of ``case`` (already checked with ``access_case``) the user reads; never
    removed or replaced ones (decision 0112)."""
    documents = Document.objects.filter(case=case).current()
    if reads_whole_file(user):
        return documents
    if _is_authority(user) and case.authority_id == user.authority_id:
        return documents.filter(authority_documents_q(user.authority_id))
    return documents.none()


def access_document(*, user, case, document_id, request=None) -> Document:
    """One document of ``case`` the user reads, or AccessDenied (404) — also for ids of
    documents that exist but were not released to the user's authority."""
    try:
        return documents_visible_for(user=user, case=case).get(pk=document_id)
    except (Document.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="cases.document",
                  object_id=str(document_id)[:64], case=case, request=request)
        raise AccessDenied from None


def documents_removed_for(*, user, case) -> QuerySet[Document]:
    """The removed and replaced documents of ``case``: title, date, who and why, for the office
    only (their files are gone, decision 0112)."""
    if not can_write_case(user):
        return Document.objects.none()
    return (Document.objects.filter(case=case, removed_at__isnull=False)
            .select_related("removed_by", "replaced_by").order_by("-removed_at", "-pk"))


def access_document_for_change(*, user, case, document_id, request=None) -> Document:
    """A current document of ``case`` (fetched with ``access_case(for_write=True)``) that the
    user may remove or replace: the office only (decision 0112), or AccessDenied (404)."""
    try:
        if not can_write_case(user):
            raise Document.DoesNotExist
        return Document.objects.current().get(case=case, pk=document_id)
    except (Document.DoesNotExist, ValueError, TypeError):
        audit_log(user=user, action=AuditEntry.Action.DENIED, object_type="cases.document",
                  object_id=str(document_id)[:64], case=case, request=request, detail="Entfernen/Ersetzen")
        raise AccessDenied from None


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
