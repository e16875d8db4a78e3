"""Helpers for every CSV/XLSX file the system writes (register export, statistics tables)."""

# Spreadsheet programs evaluate a cell starting with one of these as a formula ("CSV
# injection", OWASP). A register may contain such text (e.g. a reason "-- siehe Akte"); the
# apostrophe makes Excel and LibreOffice show it as text instead of running it. ASVS 5.0
# V1.2.10 also lists a leading NUL, which some programs skip before reading the formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value):
    """Return ``value`` safe to put into a CSV or XLSX cell.

    Strings starting with a formula character get a leading apostrophe; numbers, dates and
    ``None`` pass unchanged (they cannot carry a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unsafe_cell(value):
    """Undo ``safe_cell`` when reading a file this system wrote (apostrophe + formula char)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value
