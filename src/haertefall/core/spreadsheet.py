"""Safe values for every CSV/XLSX file the system writes (OWASP "CSV injection")."""

# A cell starting with one of these is evaluated as a formula by spreadsheet programs; a
# leading apostrophe makes Excel and LibreOffice show it as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return ``value`` safe for a CSV or XLSX cell; numbers, dates and None pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
