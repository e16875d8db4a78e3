"""Saving and deleting a user's filters of the case list."""

from django.db import transaction

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.filters import CaseFilter
from haertefall.core.errors import AccessDenied, DomainError

from .access import can_save_filters
from .models import NAME_MAX_LENGTH, SavedFilter

MAX_SAVED_FILTERS = 30
MAX_VALUE_LENGTH = 200


def saved_filter_query(data) -> dict[str, str]:
    """The list's filter parameters of ``data`` (a dict or QueryDict), nothing else."""
    return {name: str(data.get(name))[:MAX_VALUE_LENGTH] for name in CaseFilter.base_filters
            if data.get(name) not in (None, "")}


def saved_filter_create(*, user, name: str, query: dict) -> SavedFilter:
    """Save the list's current filters under ``name`` for ``user`` (and only her)."""
    if not can_save_filters(user):
        raise AccessDenied
    name = " ".join((name or "").split())
    if not name:
        raise DomainError("Bitte geben Sie dem Filter einen Namen.", field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(f"Der Name ist zu lang (höchstens {NAME_MAX_LENGTH} Zeichen).", field="name")
    query = saved_filter_query(query)
    if not query:
        raise DomainError("Es ist kein Filter gewählt, den Sie speichern könnten.", field="query")
    with transaction.atomic():
        mine = SavedFilter.objects.select_for_update().filter(user=user)
        if mine.filter(name=name).exists():
            raise DomainError(f"Sie haben bereits einen Filter „{name}“; bitte wählen Sie einen anderen Namen.",
                              field="name")
        if mine.count() >= MAX_SAVED_FILTERS:
            raise DomainError(f"Sie haben bereits {MAX_SAVED_FILTERS} Filter gespeichert; bitte löschen Sie "
                              "zuerst einen.", field="name")
        saved = SavedFilter.objects.create(user=user, name=name, query=query)
        # Not the name: a user may name a filter after a family.
        audit_log(user=user, action=AuditEntry.Action.CREATE, obj=saved)
    return saved


def saved_filter_delete(*, saved_filter: SavedFilter, actor) -> None:
    """Delete one of ``actor``'s own filters (the access function fetched it)."""
    if saved_filter.user_id != actor.pk:
        raise AccessDenied
    with transaction.atomic():
        audit_log(user=actor, action=AuditEntry.Action.DELETE, obj=saved_filter)
        saved_filter.delete()
