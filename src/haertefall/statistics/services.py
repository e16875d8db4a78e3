"""Writes of the statistics: published figures and the report's chapters."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import DomainError

from .chapters import DEFAULT_CHAPTERS
from .models import HistoricalFigures, ReportChapter
from .report import OUTCOME_KEYS, REQUEST_OUTCOME_KEYS


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def published_figures_validate(data) -> date:
    """Check a published report has the report's shape; returns its cut-off date."""
    if not isinstance(data, dict):
        raise DomainError("Die Datei enthält kein JSON-Objekt im Berichtsformat.")
    missing = [k for k in ("as_of", "years", "applications") if k not in data]
    if missing:
        raise DomainError(f"Im Bericht fehlen die Angaben: {', '.join(missing)}.")
    try:
        as_of = date.fromisoformat(str(data["as_of"]))
    except ValueError:
        raise DomainError(f"Ungültiger Stichtag „{data['as_of']}“ (erwartet JJJJ-MM-TT).", field="as_of") from None
    for year, count in data["applications"].items():
        if not str(year).isdigit() or not _is_count(count):
            raise DomainError(f"applications.{year}: „{count}“ ist keine Anzahl.", field="applications")
    for table, keys in (("outcomes", OUTCOME_KEYS), ("request_outcomes", REQUEST_OUTCOME_KEYS)):
        for year, row in data.get(table, {}).items():
            for key in keys:
                if not _is_count((row or {}).get(key)):
                    raise DomainError(f"{table}.{year}.{key}: Anzahl fehlt oder ist ungültig.", field=table)
    for year, row in data.get("countries", {}).items():
        if not isinstance(row, dict) or not _is_count(row.get("others")) or not _is_count(row.get("total")):
            raise DomainError(f"countries.{year}: „others“ und „total“ müssen Anzahlen sein.", field="countries")
        for entry in row.get("top", []):
            if not isinstance(entry, dict) or not entry.get("country") or not _is_count(entry.get("count")):
                raise DomainError(f"countries.{year}.top: jeder Eintrag braucht Land und Anzahl.",
                                  field="countries")
    return as_of


def historical_figures_import(*, data: dict, source: str, actor=None) -> HistoricalFigures:
    """Store a published report as historical figures (for years before the first case).

    Importing the same source and cut-off date again replaces the earlier copy.
    """
    if not source.strip():
        raise DomainError("Bitte geben Sie die Quelle der Zahlen an.", field="source")
    as_of = published_figures_validate(data)
    keep = {k: data[k] for k in ("as_of", "years", "applications", "countries", "outcomes",
                                 "request_outcomes", "notes") if k in data}
    with transaction.atomic():
        HistoricalFigures.objects.filter(source=source.strip(), as_of=as_of).delete()
        return HistoricalFigures.objects.create(source=source.strip(), as_of=as_of, data=keep)


def chapters_seed() -> int:
    """Create the default chapters that do not exist yet (never overwrites edited texts)."""
    created = 0
    for order, (key, title, text) in enumerate(DEFAULT_CHAPTERS, start=1):
        _chapter, was_created = ReportChapter.objects.get_or_create(
            key=key, defaults={"title": title, "text": text, "order": order * 10})
        created += was_created
    return created


def chapter_update(*, chapter_id: int, title: str, text: str, order: int, actor) -> ReportChapter:
    if not title.strip():
        raise DomainError("Die Überschrift darf nicht leer sein.", field="title")
    with transaction.atomic():
        chapter = ReportChapter.objects.select_for_update().get(pk=chapter_id)
        chapter.title, chapter.text, chapter.order = title.strip(), text.strip(), order
        chapter.save(update_fields=["title", "text", "order", "updated_at"])
        audit_log(user=actor, action=AuditEntry.Action.CHANGE, obj=chapter)
    return chapter
