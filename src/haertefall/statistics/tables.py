"""The report as titled tables: one definition for the page, CSV, XLSX, PDF and HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from .conf import HISTORICAL_NOTE
from .report import OTHERS_LABEL, TOTAL_LABEL, historical_years

HISTORICAL_MARK = "*"
PUBLIC_AUTHORITIES_NOTE = (
    "Behörden mit weniger als 3 Anträgen sind unter „Übrige Ausländerbehörden“ zusammengefasst; "
    "„•“: Zahlenwert geheim gehalten."
)


@dataclass(frozen=True)
class Cell:
    """One printed cell: the row label, a figure (right-aligned, German format) or text."""

    value: object
    label: bool = False
    figure_column: bool = False
    percent: bool = False

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


PERCENT_MARK = " (%)"
TEXT_COLUMNS = {"Anmerkung"}


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Rows that are sums (Übrige/Gesamt) are shown bold.
    total_rows: set[int] = field(default_factory=set)

    @property
    def sheet_name(self) -> str:
        return self.title.replace("/", "-").replace(":", "")[:31]

    @property
    def printed_columns(self) -> list[tuple[str, bool]]:
        """Column headings for print, with whether the column holds figures; the "%" moves
        from the heading to the figures ("88,2 %")."""
        return [(c.removesuffix(PERCENT_MARK), i > 0 and c not in TEXT_COLUMNS) for i, c in enumerate(self.columns)]

    def printed_rows(self) -> list[tuple[bool, list[Cell]]]:
        """Rows for print: whether the row is a sum, and its cells."""
        kinds = [(i == 0, i > 0 and c not in TEXT_COLUMNS, c.endswith(PERCENT_MARK)) for i, c in enumerate(self.columns)]
        return [(index in self.total_rows,
                 [Cell(value="" if value is None else value, label=label, figure_column=figure, percent=percent)
                  for value, (label, figure, percent) in zip(row, kinds, strict=False)])
                for index, row in enumerate(self.rows)]


def _year_label(year: str, historical: set[str]) -> str:
    return f"{year} {HISTORICAL_MARK}" if year in historical else year


def _historical_note(report: dict, years) -> list[str]:
    marked = sorted(set(years) & historical_years(report))
    if not marked:
        return []
    return [f"{HISTORICAL_MARK} {HISTORICAL_NOTE}: {', '.join(marked)}"]


def _by_default_note(table: dict) -> list[str]:
    """Applications of a dissolved state counted under the register's default successor."""
    parts = [f"{c['state']} unter {c['counted_as']}: {c['count']}" for c in table.get("counted_by_default", [])]
    if not parts:
        return []
    return ["Nachfolgestaat nicht festgestellt, beim Standard-Nachfolgestaat gezählt – " + "; ".join(parts)]


def report_tables(report: dict) -> list[Table]:
    """Tables 6.1–6.6 of a built report (country tables one per year)."""
    historical = historical_years(report)
    tables = [Table(
        key="6.1", title="6.1 Anträge", columns=["Jahr", "Anträge", "Anmerkung"],
        rows=[[y, n, report["notes"].get(y, "")] for y, n in report["applications"].items()],
    )]
    for year, table in report["countries"].items():
        rows = [[r["country"], r["count"]] for r in table["top"]]
        rows += [[OTHERS_LABEL, table["others"]], [TOTAL_LABEL, table["total"]]]
        tables.append(Table(
            key=f"6.2-{year}", title=f"6.2 Herkunftsländer {_year_label(year, historical)}",
            columns=["Land", "Anträge"], rows=rows, total_rows={len(rows) - 2, len(rows) - 1},
            notes=_historical_note(report, [year]) + _by_default_note(table),
        ))
    o, r = report["outcomes"], report["request_outcomes"]
    specs = [
        ("6.3", "6.3 Ersuchen", o, ["Anträge", "Ersuchen", "offen"], ["applications", "requests", "open"]),
        ("6.4", "6.4 Kein Ersuchen / Andere Erledigung", o,
         ["Anträge", "Kein Ersuchen", "Andere Erledigung", "offen"],
         ["applications", "no_request", "other_closure", "open"]),
        ("6.5", "6.5 Ersuchen und Aufenthaltserlaubnis", r, ["Ersuchen", "gefolgt", "offen"],
         ["requests", "followed", "open"]),
        ("6.6", "6.6 Ersuchen und keine Aufenthaltserlaubnis", r,
         ["Ersuchen", "nicht gefolgt", "andere Erledigung", "offen"],
         ["requests", "not_followed", "other_closure", "open"]),
    ]
    for key, title, source, labels, fields in specs:
        tables.append(Table(
            key=key, title=title, columns=["Jahr", *labels],
            rows=[[_year_label(y, historical), *[row[f] for f in fields]] for y, row in source.items()],
            notes=_historical_note(report, source.keys()),
        ))
    return tables


def country_long_table(report: dict) -> Table:
    """All country tables in one (for CSV/XLSX): year, rank, country, applications."""
    rows = []
    for year, table in report["countries"].items():
        rows += [[year, rank, r["country"], r["count"]] for rank, r in enumerate(table["top"], 1)]
        rows += [[year, "", OTHERS_LABEL, table["others"]], [year, "", TOTAL_LABEL, table["total"]]]
    return Table(key="6.2", title="6.2 Herkunftsländer", columns=["Jahr", "Rang", "Land", "Anträge"],
                 rows=rows, notes=_historical_note(report, report["countries"].keys()))


def export_tables(report: dict) -> list[Table]:
    """Tables for files: 6.2 as one long table, then the extra tables if present."""
    tables = report_tables(report)
    tables = [tables[0], country_long_table(report), *[t for t in tables if t.key.startswith("6.") and
                                                        not t.key.startswith(("6.1", "6.2"))]]
    return tables + extra_tables(report.get("extra"))


def _days(cell) -> str | float:
    return "–" if cell is None else cell


def extra_tables(extra: dict | None) -> list[Table]:
    """Counts by person, by authority, processing times and minors."""
    if not extra:
        return []
    persons = Table(
        key="persons", title="Personen je Eingangsjahr",
        columns=["Jahr", "Personen", "in Ersuchen", "Kein Ersuchen", "Andere Erledigung", "offen",
                 "Ersuchen gefolgt"],
        rows=[[y, p["applications"], p["requests"], p["no_request"], p["other_closure"], p["open"],
               p["request_followed"]] for y, p in extra["persons"].items()],
        notes=["Summe der Personen, auf die sich die Anträge beziehen (Anträge betreffen oft Familien)."],
    )
    if "authorities_by_year" in extra:
        authorities = [
            _authority_table(rows, key=f"authorities-{year}", title=f"Nach Ausländerbehörde {year}",
                             notes=[PUBLIC_AUTHORITIES_NOTE])
            for year, rows in extra["authorities_by_year"].items()
        ]
    else:
        authorities = [_authority_table(extra["authorities"], key="authorities", title="Nach Ausländerbehörde",
                                        notes=["Summe der gewählten Jahre (ohne Gründungsjahre)."])]
    times = Table(
        key="times", title="Bearbeitungsdauer in Tagen",
        columns=["Jahr", "Eingang bis Beschluss: Median", "90 %-Perzentil", "Anzahl",
                 "Ersuchen bis Ergebnis: Median", "90 %-Perzentil", "Anzahl"],
    )
    for year, cell in extra["processing_times"].items():
        d, o = cell["decision"] or {}, cell["outcome"] or {}
        times.rows.append([year, _days(d.get("median")), _days(d.get("p90")), d.get("n", 0),
                           _days(o.get("median")), _days(o.get("p90")), o.get("n", 0)])
    minors = Table(
        key="minors", title="Minderjährige",
        columns=["Jahr", "Minderjährige bei Eingang", "Personen mit Geburtsdatum"],
        rows=[[y, m["minors"], m["with_birth_date"]] for y, m in extra["minors"].items()],
        notes=["Nur Personen, deren Geburtsdatum erfasst ist."],
    )
    return [persons, *authorities, times, minors]


def _authority_table(rows: list[dict], *, key: str, title: str, notes: list[str]) -> Table:
    return Table(
        key=key, title=title,
        columns=["Ausländerbehörde", "Anträge", "Ersuchen", "gefolgt", "Anteil gefolgt (%)"],
        rows=[[a["authority"], a["applications"], a["requests"], a["followed"],
               "–" if a["share_followed"] is None else a["share_followed"]] for a in rows],
        notes=notes,
    )
