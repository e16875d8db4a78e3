"""The filtered case list as a CSV or XLSX file (decision 0119).

The same selector as the page (``cases.caselist.case_list_for``): the same visibility rule,
the same filters and order. German headers and labels, no internal codes; every text cell is
neutralised against formulas (``core.spreadsheet.safe_cell`` through the register export's
writers). One audit entry per export names the format, the count and the filters, with the
main persons of every exported case (the data-protection officer's "who saw this person")."""

import io
from dataclasses import dataclass

from django.utils import timezone

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.cases.caselist import case_list_for
from haertefall.cases.filters import CaseFilter
from haertefall.core.errors import DomainError
from haertefall.imports.formats import csv_write, xlsx_write

HEADER = ["Aktenzeichen", "Eingangsdatum", "Hauptperson", "Anzahl Personen", "Herkunftsland",
          "Ausländerbehörde", "Stand", "Erledigung", "Erledigt am", "Frist für die Stellungnahme"]
# Read in chunks: a whole year's list is a few thousand rows, the whole archive 100,000.
CHUNK = 2000


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    count: int


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _row(case) -> list:
    main = case.main_persons[0] if case.main_persons else None
    return [
        case.file_number, case.received_on, str(main) if main else "", case.persons_count,
        case.country.name, case.authority.name if case.authority_id else "", case.get_state_display(),
        case.get_closure_display() if case.closure else "", case.closed_on, case.statement_due_on,
    ]


def describe_filters(case_filter) -> str:
    """The filters in German for the audit entry, a search by the fact only (it may be a name)."""
    data = case_filter.form.cleaned_data if case_filter.is_valid() else {}
    parts = []
    for name, value in data.items():
        if value in (None, "", [], False) or name == "ordering" or name not in CaseFilter.base_filters:
            continue
        label = CaseFilter.base_filters[name].label
        if name == "q":
            parts.append("Suche (Text nicht protokolliert)")
            continue
        choices = getattr(case_filter.form.fields[name], "choices", None)
        if value is True:
            value = "ja"
        elif choices is not None and not hasattr(value, "pk"):
            value = dict(choices).get(value, value)
        parts.append(f"{label}: {value}")
    return "; ".join(parts) or "ohne Filter"


def case_list_export(*, user, filters, fmt: str, request=None) -> ExportFile:
    """The cases of the list ``filters`` describe, as ``fmt`` (csv or xlsx). Raises
    ``AccessDenied`` (from the selector) for roles without a case list (the caller checks
    ``can_export_case_list`` first) and ``DomainError`` for a filter with an invalid value."""
    case_filter = case_list_for(user=user, filters=filters)
    if case_filter.errors:
        # The list leaves such a filter out; a file with more cases than asked for would mislead.
        raise DomainError("Ein Filter der Liste hat einen ungültigen Wert; bitte prüfen Sie die Filter.")
    cases = case_filter.qs.iterator(chunk_size=CHUNK)
    person_ids: list[int] = []

    def rows():
        for case in cases:
            person_ids.extend(person.pk for person in case.main_persons)
            yield _row(case)

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        out = io.BytesIO()
        count = xlsx_write(out, HEADER, rows(), title="Fälle")
        content = out.getvalue()
    else:
        text = io.StringIO()
        count = csv_write(text, HEADER, rows())
        # BOM: spreadsheet programs then read the file as UTF-8.
        content = ("\ufeff" + text.getvalue()).encode("utf-8")
    audit_log(user=user, action=AuditEntry.Action.EXPORT, object_type="cases.case", request=request,
              person_ids=person_ids,
              detail=f"Fallliste als {fmt.upper()}, {count} Fälle; {describe_filters(case_filter)}")
    return ExportFile(content, FORMATS[fmt], f"faelle-{stamp}.{fmt}", count)
