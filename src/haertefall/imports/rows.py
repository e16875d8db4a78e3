"""The register format, version 1, as pure rules: columns, values, events. No database.

``row_parse`` turns one line of a register into a ``RegisterRow`` or German errors naming
line, column and value; ``row_plan`` says which case events and which final state the row
means; ``register_values`` reads the same columns back from a case's events (export).
See /docs/decisions/0020-register-import.md.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from haertefall.cases.states import Closure, ClosureReason, State, Step
from haertefall.core.spreadsheet import unsafe_cell

# --- columns ----------------------------------------------------------------------------

FILE_NUMBER = "Aktenzeichen"
RECEIVED_ON = "Eingangsdatum"
COUNTRY = "Staatsangehörigkeit"
AUTHORITY = "Ausländerbehörde"
PERSONS = "Personen"
OUTCOME = "Erledigung"
OUTCOME_ON = "Erledigungsdatum"
REASON = "Erledigungsgrund"
RESULT = "Ergebnis Ersuchen"
RESULT_ON = "Ergebnisdatum"

COLUMNS = (FILE_NUMBER, RECEIVED_ON, COUNTRY, AUTHORITY, PERSONS, OUTCOME, OUTCOME_ON, REASON,
           RESULT, RESULT_ON)
REQUIRED = (FILE_NUMBER, RECEIVED_ON, COUNTRY)
FILE_NUMBER_MAX = 40
PERSONS_MAX = 999

# Values as the format writes them (export) and their lookup keys (import).
OUTCOME_REQUEST = "Ersuchen"
OUTCOME_NO_REQUEST = "Kein Ersuchen"
OUTCOME_OTHER = "Andere Erledigung"
OUTCOMES = (OUTCOME_REQUEST, OUTCOME_NO_REQUEST, OUTCOME_OTHER)
RESULT_FOLLOWED = "gefolgt"
RESULT_NOT_FOLLOWED = "nicht gefolgt"
RESULT_OTHER = "andere Erledigung"
RESULTS = (RESULT_FOLLOWED, RESULT_NOT_FOLLOWED, RESULT_OTHER)


def value_key(text: str) -> str:
    """Case- and space-insensitive key of a value or header ("  Kein  ersuchen " → "kein ersuchen")."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def header_key(text) -> str:
    # Headers also ignore spaces inside ("ErgebnisErsuchen", "Ergebnis  Ersuchen").
    return value_key("" if text is None else text).replace(" ", "").replace("\ufeff", "")


_COLUMN_BY_KEY = {header_key(c): c for c in COLUMNS}
_OUTCOME_BY_KEY = {value_key(v): v for v in OUTCOMES}
_RESULT_BY_KEY = {value_key(v): v for v in RESULTS}


@dataclass(frozen=True)
class RowError:
    """One problem in the file; ``str()`` is the German sentence shown to the user."""

    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"Zeile {self.line}, Spalte „{self.column}“" if self.column else f"Zeile {self.line}"
        return f"{where}: {self.message}."

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "value": self.value,
                "message": self.message, "text": str(self)}


@dataclass(frozen=True)
class Header:
    positions: dict[str, int]  # German column name -> index in the row
    unknown: tuple[str, ...]
    errors: tuple[RowError, ...]


def header_read(cells: list) -> Header:
    positions: dict[str, int] = {}
    unknown: list[str] = []
    errors: list[RowError] = []
    for index, cell in enumerate(cells):
        raw = "" if cell is None else str(cell).strip()
        if not raw:
            continue
        column = _COLUMN_BY_KEY.get(header_key(raw))
        if column is None:
            unknown.append(raw)
        elif column in positions:
            errors.append(RowError(1, column, raw, "die Spalte kommt mehrfach vor"))
        else:
            positions[column] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        names = ", ".join(f"„{c}“" for c in missing)
        word = "Pflichtspalte fehlt" if len(missing) == 1 else "Pflichtspalten fehlen"
        errors.append(RowError(1, "", "", f"{word}: {names}"))
    return Header(positions, tuple(unknown), tuple(errors))


# --- values -----------------------------------------------------------------------------

_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def fmt(d: date | None) -> str:
    return "" if d is None else d.strftime("%d.%m.%Y")


def cell_str(value) -> str:
    """A cell as trimmed text (spreadsheets deliver numbers: 163.0 → "163")."""
    if type(value) is str:  # the common case first: CSV cells are always text
        value = value.strip()
        return unsafe_cell(value).strip() if value[:1] == "'" else value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return fmt(value)
    return str(unsafe_cell(value)).strip()


class ValueProblem(ValueError):
    """A value is wrong; the message is the German description (without line and column)."""


def date_parse(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_str(value)
    if (len(text) == 10 and text[2] == "." and text[5] == "." and text[:2].isdigit()
            and text[3:5].isdigit() and text[6:].isdigit()):
        # Fast path for the usual TT.MM.JJJJ.
        try:
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        except ValueError:
            pass
    match = _GERMAN_DATE.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE.fullmatch(text)
        if not match:
            raise ValueProblem(f"ungültiges Datum „{text}“ (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)")
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(f"ungültiges Datum „{text}“ (diesen Tag gibt es nicht)") from None


def persons_parse(value) -> int:
    text = cell_str(value)
    if not text:
        return 1
    if not text.isdigit() or not 1 <= int(text) <= PERSONS_MAX:
        raise ValueProblem(f"„{text}“ ist keine positive ganze Zahl bis {PERSONS_MAX}")
    return int(text)


# --- rows -------------------------------------------------------------------------------

@dataclass(slots=True)
class RegisterRow:
    """One valid line of the register (country and authority still as written)."""

    line: int
    file_number: str
    received_on: date
    country: str
    authority: str = ""
    persons: int = 1
    outcome: str = ""  # one of OUTCOMES or ""
    outcome_on: date | None = None
    reason: str = ""
    result: str = ""  # one of RESULTS or ""
    result_on: date | None = None


def row_cells(cells: list, header: Header) -> tuple[dict, dict]:
    """The line's cells by column: raw values and trimmed texts."""
    raws = {column: (cells[index] if index < len(cells) else None)
            for column, index in header.positions.items()}
    return raws, {column: cell_str(value) for column, value in raws.items()}


def row_parse(line: int, cells: list, header: Header, *, today: date,
              split: tuple[dict, dict] | None = None) -> tuple[RegisterRow | None, list[RowError]]:
    """Validate one data line. Returns the row, or None and every error found in it.

    ``split`` is ``row_cells(cells, header)`` when the caller already has it.
    """
    errors: list[RowError] = []
    raws, texts = split or row_cells(cells, header)

    def raw(column):
        return raws.get(column)

    def text(column) -> str:
        return texts.get(column, "")

    def error(column, value, message):
        errors.append(RowError(line, column, cell_str(value), message))

    def a_date(column, *, required=False) -> date | None:
        value = raw(column)
        if not text(column):
            if required:
                error(column, value, "Pflichtangabe fehlt")
            return None
        try:
            parsed = date_parse(text(column) if type(value) is str else value)
        except ValueProblem as exc:
            error(column, value, str(exc))
            return None
        if parsed > today:
            # The register records what has happened; see decision 0020.
            error(column, value, f"Datum „{fmt(parsed)}“ liegt in der Zukunft")
            return None
        return parsed

    file_number = " ".join(text(FILE_NUMBER).split())
    if not file_number:
        error(FILE_NUMBER, "", "Pflichtangabe fehlt")
    elif len(file_number) > FILE_NUMBER_MAX:
        error(FILE_NUMBER, file_number, f"Aktenzeichen länger als {FILE_NUMBER_MAX} Zeichen")

    received_on = a_date(RECEIVED_ON, required=True)
    country = " ".join(text(COUNTRY).split())
    if not country:
        error(COUNTRY, "", "Pflichtangabe fehlt")
    authority = " ".join(text(AUTHORITY).split())

    persons = 1
    try:
        persons = persons_parse(text(PERSONS))
    except ValueProblem as exc:
        error(PERSONS, raw(PERSONS), str(exc))

    outcome = ""
    outcome_text = text(OUTCOME)
    if outcome_text:
        outcome = _OUTCOME_BY_KEY.get(value_key(outcome_text), "")
        if not outcome:
            error(OUTCOME, outcome_text,
                  f"unbekannte Erledigung „{outcome_text}“ (erlaubt: {', '.join(OUTCOMES)})")
    outcome_on = a_date(OUTCOME_ON)
    reason = " ".join(text(REASON).split())

    result = ""
    result_text = text(RESULT)
    if result_text:
        result = _RESULT_BY_KEY.get(value_key(result_text), "")
        if not result:
            error(RESULT, result_text,
                  f"unbekanntes Ergebnis „{result_text}“ (erlaubt: {', '.join(RESULTS)})")
    result_on = a_date(RESULT_ON)

    # Which dates belong to which value.
    if outcome_text and not text(OUTCOME_ON):
        error(OUTCOME_ON, "", f"Erledigungsdatum fehlt zur Erledigung „{outcome_text}“")
    if text(OUTCOME_ON) and not outcome_text:
        error(OUTCOME_ON, raw(OUTCOME_ON), "Datum ohne Erledigung (Spalte „Erledigung“ ist leer)")
    if reason and not outcome_text:
        error(REASON, reason, "Erledigungsgrund ohne Erledigung (Spalte „Erledigung“ ist leer)")
    if result_text and outcome and outcome != OUTCOME_REQUEST:
        error(RESULT, result_text,
              f"ein Ergebnis gibt es nur nach der Erledigung „{OUTCOME_REQUEST}“, nicht nach „{outcome}“")
    elif result_text and not outcome_text:
        error(RESULT, result_text, f"ein Ergebnis gibt es nur nach der Erledigung „{OUTCOME_REQUEST}“")
    if result_text and not text(RESULT_ON):
        error(RESULT_ON, "", f"Ergebnisdatum fehlt zum Ergebnis „{result_text}“")
    if text(RESULT_ON) and not result_text:
        error(RESULT_ON, raw(RESULT_ON), "Datum ohne Ergebnis (Spalte „Ergebnis Ersuchen“ ist leer)")

    # Dates in order: receipt ≤ outcome ≤ result.
    if received_on and outcome_on and outcome_on < received_on:
        error(OUTCOME_ON, raw(OUTCOME_ON),
              f"Erledigungsdatum „{fmt(outcome_on)}“ liegt vor dem Eingangsdatum „{fmt(received_on)}“")
    if outcome_on and result_on and result_on < outcome_on:
        error(RESULT_ON, raw(RESULT_ON),
              f"Ergebnisdatum „{fmt(result_on)}“ liegt vor dem Erledigungsdatum „{fmt(outcome_on)}“")
    elif received_on and result_on and not outcome_on and result_on < received_on:
        error(RESULT_ON, raw(RESULT_ON),
              f"Ergebnisdatum „{fmt(result_on)}“ liegt vor dem Eingangsdatum „{fmt(received_on)}“")

    if errors:
        return None, errors
    return RegisterRow(
        line=line, file_number=file_number, received_on=received_on, country=country,
        authority=authority, persons=persons, outcome=outcome, outcome_on=outcome_on,
        reason=reason, result=result, result_on=result_on,
    ), []


def row_warnings(row: RegisterRow, *, start_year: int) -> list[RowError]:
    """Doubts about a valid row that do not stop the import: a receipt before the commission
    existed (NRW: 2005) is most likely a typing error, but the register is the office's record
    and the row is taken as written."""
    if row.received_on.year < start_year:
        return [RowError(row.line, RECEIVED_ON, fmt(row.received_on),
                         f"Eingangsdatum „{fmt(row.received_on)}“ liegt vor {start_year}, dem ersten Jahr der "
                         "Härtefallkommission; bitte prüfen Sie das Datum. Die Zeile wird übernommen, "
                         "erscheint aber in keiner Statistik")]
    return []


# --- meaning: events and final state ----------------------------------------------------

_EXCLUSION = re.compile(r"ausschlussgrund|§\s*5\s*abs\.?\s*1", re.IGNORECASE)
_PRESCREEN = re.compile(r"befassung|vorprüfung", re.IGNORECASE)
# First match wins; the order puts the specific words before the general ones.
_OTHER_REASONS = (
    (re.compile(r"rücknahme|zurückgenommen|zurückgezogen", re.IGNORECASE), ClosureReason.WITHDRAWAL),
    (re.compile(r"abschiebung|abgeschoben", re.IGNORECASE), ClosureReason.DEPORTATION),
    (re.compile(r"ausreise|ausgereist", re.IGNORECASE), ClosureReason.DEPARTURE),
    (re.compile(r"andere[rn]?\s+rechtsgrundlage|aufenthaltserlaubnis|duldung|§\s*25b|§\s*60[cd]",
                re.IGNORECASE), ClosureReason.OTHER_LEGAL_BASIS),
    (re.compile(r"\btod\b|verstorben|gestorben", re.IGNORECASE), ClosureReason.DEATH),
    (re.compile(r"wegzug|anderes\s+(bundes)?land|verzogen", re.IGNORECASE), ClosureReason.MOVED_LAND),
)


@functools.lru_cache(maxsize=4096)
def closure_reason_from_text(text: str) -> str:
    """Closure reason named by a free text; cached per distinct text (registers repeat a few
    dozen reasons over thousands of rows)."""
    for pattern, reason in _OTHER_REASONS:
        if pattern.search(text or ""):
            return reason
    return ClosureReason.OTHER


class PlannedEvent(NamedTuple):
    step: str
    effective_on: date
    closure: str = ""
    closure_reason: str = ""


class Plan(NamedTuple):
    state: str
    closure: str
    closure_reason: str
    closed_on: date | None
    events: tuple[PlannedEvent, ...]


def row_plan(row: RegisterRow) -> Plan:
    """The events a register row stands for and the case's resulting state.

    Imported cases skip the intermediate steps the register does not record: an open
    request counts as sent (the register only knows that the commission decided it).
    """
    events = [PlannedEvent(Step.RECEIVE, row.received_on)]
    if row.outcome == OUTCOME_REQUEST:
        events.append(PlannedEvent(Step.DECIDE_REQUEST, row.outcome_on))
        if row.result == RESULT_FOLLOWED:
            events.append(PlannedEvent(Step.OUTCOME_GRANTED, row.result_on, Closure.FOLLOWED,
                                       ClosureReason.PERMIT_GRANTED))
        elif row.result == RESULT_NOT_FOLLOWED:
            events.append(PlannedEvent(Step.OUTCOME_NOT_FOLLOWED, row.result_on, Closure.NOT_FOLLOWED,
                                       ClosureReason.AUTHORITY_REFUSED))
        elif row.result == RESULT_OTHER:
            events.append(PlannedEvent(Step.OUTCOME_OTHER, row.result_on, Closure.REQUEST_OTHER_CLOSURE,
                                       closure_reason_from_text(row.reason)))
    elif row.outcome == OUTCOME_NO_REQUEST:
        if _EXCLUSION.search(row.reason):
            events.append(PlannedEvent(Step.CHECK_EXCLUDE, row.outcome_on, Closure.NO_REQUEST,
                                       ClosureReason.MANDATORY_EXCLUSION))
        elif _PRESCREEN.search(row.reason):
            events.append(PlannedEvent(Step.PRESCREEN_REJECT, row.outcome_on, Closure.NO_REQUEST,
                                       ClosureReason.PRESCREEN_REJECTED))
        else:
            events.append(PlannedEvent(Step.DECIDE_NO_REQUEST, row.outcome_on, Closure.NO_REQUEST,
                                       ClosureReason.COMMISSION_REJECTED))
    elif row.outcome == OUTCOME_OTHER:
        events.append(PlannedEvent(Step.CLOSE_OTHER, row.outcome_on, Closure.OTHER_CLOSURE,
                                   closure_reason_from_text(row.reason)))

    last = events[-1]
    if last.closure:
        return Plan(State.CLOSED, last.closure, last.closure_reason, last.effective_on, tuple(events))
    if row.outcome == OUTCOME_REQUEST:
        return Plan(State.REQUEST_SENT, "", "", None, tuple(events))
    return Plan(State.RECEIVED, "", "", None, tuple(events))


# --- back from events (export) ----------------------------------------------------------

_STEP_OUTCOME = {
    Step.CHECK_EXCLUDE: OUTCOME_NO_REQUEST,
    Step.PRESCREEN_REJECT: OUTCOME_NO_REQUEST,
    Step.DECIDE_NO_REQUEST: OUTCOME_NO_REQUEST,
    Step.CLOSE_OTHER: OUTCOME_OTHER,
    Step.DECIDE_REQUEST: OUTCOME_REQUEST,
}
_STEP_RESULT = {
    Step.OUTCOME_GRANTED: RESULT_FOLLOWED,
    Step.OUTCOME_NOT_FOLLOWED: RESULT_NOT_FOLLOWED,
    Step.OUTCOME_OTHER: RESULT_OTHER,
    Step.REVOKE_REQUEST: RESULT_OTHER,
}


@dataclass(frozen=True)
class RegisterValues:
    outcome: str = ""
    outcome_on: date | None = None
    reason: str = ""
    result: str = ""
    result_on: date | None = None


def register_values(events, reason_label=None) -> RegisterValues:
    """The register's outcome columns from a case's events (step, effective_on, data), in order.

    Imported events carry the register's own reason text; for events recorded in the system
    the closure reason's German label is written (``reason_label(code) -> str``).
    A reopening starts the case afresh: the register has no column for it.
    """
    outcome, outcome_on, reason, result, result_on = "", None, "", "", None
    for step, effective_on, data in events:
        data = data or {}
        if step in (Step.RECEIVE, Step.REOPEN):
            outcome, outcome_on, reason, result, result_on = "", None, "", "", None
        elif step in _STEP_OUTCOME:
            outcome, outcome_on = _STEP_OUTCOME[step], effective_on
            reason = _reason(data, reason_label)
            result, result_on = "", None
        elif step in _STEP_RESULT and outcome == OUTCOME_REQUEST:
            result, result_on = _STEP_RESULT[step], effective_on
            if step in (Step.OUTCOME_OTHER, Step.REVOKE_REQUEST):
                # "andere Erledigung" after a request: the reason says which one.
                reason = _reason(data, reason_label) or reason
    return RegisterValues(outcome, outcome_on, reason, result, result_on)


def _reason(data: dict, reason_label) -> str:
    if "reason_text" in data:
        return data["reason_text"]
    code = data.get("closure_reason", "")
    if code and reason_label is not None:
        return reason_label(code)
    return ""


def fingerprint(*, file_number: str, received_on: date, country_code: str, authority_key: str,
                persons: int, outcome: str, outcome_on: date | None, reason: str, result: str,
                result_on: date | None) -> str:
    """sha256 of the normalised row: equal for every way of writing the same facts."""
    parts = [
        "v1", file_number, received_on.isoformat(), country_code, authority_key, str(persons),
        outcome, outcome_on.isoformat() if outcome_on else "", " ".join(reason.split()),
        result, result_on.isoformat() if result_on else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
