"""Searching the audit trail: one search answers "who looked at this person's file"."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from haertefall.core.text import name_key

from .models import AuditEntry


@dataclass
class AuditQuery:
    person: str = ""
    file_number: str = ""
    username: str = ""
    date_from: date | None = None
    date_to: date | None = None
    action: str = ""

    def describe(self) -> str:
        """Which filters were used (for the audit entry of the search itself, no values)."""
        parts = [label for label, value in (
            ("Person", self.person), ("Aktenzeichen", self.file_number), ("Benutzer", self.username),
            ("von", self.date_from), ("bis", self.date_to), ("Aktion", self.action)) if value]
        return "Filter: " + (", ".join(parts) if parts else "keine")


@dataclass
class AuditResult:
    entries: QuerySet
    person_ids: list[int] = field(default_factory=list)


def persons_matching(text: str) -> tuple[list[int], list[int]]:
    """Ids of persons (and their cases) whose name or other names contain every word."""
    from haertefall.cases.models import Person

    words = name_key(text).split()
    if not words:
        return [], []
    qs = Person.objects.all()
    for word in words:
        qs = qs.filter(search_text__icontains=word)
    rows = list(qs.values_list("pk", "case_id")[:500])
    return [pk for pk, _ in rows], sorted({case_id for _, case_id in rows})


def audit_search(query: AuditQuery) -> AuditResult:
    """Entries matching every given filter, newest first.

    A person matches entries that name the person and entries about the person's case (a
    case file holds the whole family's data, so reading the case is reading the person's file).
    """
    qs = AuditEntry.objects.all()
    person_ids: list[int] = []
    if query.person:
        person_ids, case_ids = persons_matching(query.person)
        if not person_ids:
            return AuditResult(entries=AuditEntry.objects.none())
        qs = qs.filter(Q(persons__person_id__in=person_ids) | Q(case_id__in=case_ids))
    if query.file_number:
        qs = qs.filter(file_number__iexact=query.file_number.strip())
    if query.username:
        qs = qs.filter(username__iexact=query.username.strip())
    if query.date_from:
        qs = qs.filter(at__date__gte=query.date_from)
    if query.date_to:
        qs = qs.filter(at__date__lte=query.date_to)
    if query.action:
        qs = qs.filter(action=query.action)
    if query.person:
        # The join over AuditPerson can repeat an entry; keep each entry once.
        qs = AuditEntry.objects.filter(pk__in=qs.values("pk"))
    return AuditResult(entries=qs.order_by("-at", "-id"), person_ids=person_ids)
