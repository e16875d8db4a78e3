"""Small accessible SVG charts rendered on the server (no JavaScript, CSP-safe).

This module computes a chart as plain data: positions and sizes (rounded to a tenth of a
pixel), colours and texts. The markup is in the auto-escaped templates
``statistics/includes/chart_series.html`` and ``chart_bars.html`` (both extend ``chart.html``).
Each chart has a <title> and <desc> referenced by aria-labelledby; the page shows the same
numbers as a table beside it, so the chart is never the only source of a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

COLOURS = ("#1f4e8c", "#c0392b", "#2e7d32", "#6a1b9a")
WIDTH = 760


@dataclass(frozen=True)
class Box:
    """A filled rectangle: a bar or a legend swatch."""

    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Tick:
    """A horizontal grid line from ``x1`` to ``x2`` at ``y``, with its value left of it."""

    x1: int
    x2: int
    y: float
    label: Text


@dataclass(frozen=True)
class Group:
    """The bars of one label (one per series); ``label`` is None where it is left out for room."""

    bars: list[Box]
    label: Text | None


@dataclass(frozen=True)
class LegendItem:
    swatch: Box
    label: Text


@dataclass(frozen=True)
class SeriesChart:
    """Grouped vertical bars with a value grid and a legend."""

    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    ticks: list[Tick]
    groups: list[Group]
    legend: list[LegendItem]


@dataclass(frozen=True)
class Row:
    """One horizontal bar: its label right-aligned before it, its value after it."""

    label: Text
    bar: Box
    value: Text


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    rows: list[Row]


def _num(value) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    return ((int(value) // step) + 1) * step


def _figure(value) -> str:
    """A figure as German readers write it ("1.064"); other values (a "•" kept secret) as they are."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def _px(value: float) -> float:
    # A tenth of a pixel is finer than any screen shows and keeps the markup short.
    return round(value, 1)


def series_chart(*, chart_id: str, title: str, desc: str, labels: list[str],
                 series: list[tuple[str, list]]) -> SeriesChart:
    """Grouped vertical bars per label (e.g. applications and requests per year), with legend."""
    width, height, left, bottom, top = WIDTH, 320, 48, 40, 36
    plot_w, plot_h = width - left - 12, height - bottom - top
    peak = _nice_max(max((_num(v) for _n, values in series for v in values), default=0))
    ticks = []
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        ticks.append(Tick(x1=left, x2=width - 12, y=_px(y),
                          label=Text(x=left - 6, y=_px(y + 4), text=_figure(int(peak * i / 4)))))
    group = plot_w / max(1, len(labels))
    bar = group * 0.8 / max(1, len(series))
    groups = []
    for i, label in enumerate(labels):
        x0 = left + i * group + group * 0.1
        bars = []
        for j, (_name, values) in enumerate(series):
            h = plot_h * _num(values[i]) / peak
            bars.append(Box(x=_px(x0 + j * bar), y=_px(top + plot_h - h), width=_px(bar), height=_px(h),
                            fill=COLOURS[j % len(COLOURS)]))
        # More than 20 labels do not fit under the bars: every other one is shown.
        shown = len(labels) <= 20 or i % 2 == 0
        groups.append(Group(bars=bars, label=Text(x=_px(x0 + group * 0.4), y=height - bottom + 16,
                                                  text=str(label)) if shown else None))
    legend = [LegendItem(swatch=Box(x=left + j * 180, y=8, width=14, height=14, fill=COLOURS[j % len(COLOURS)]),
                         label=Text(x=left + j * 180 + 20, y=20, text=name))
              for j, (name, _values) in enumerate(series)]
    return SeriesChart(chart_id=chart_id, title=title, desc=desc, width=width, height=height,
                       ticks=ticks, groups=groups, legend=legend)


def bar_chart(*, chart_id: str, title: str, desc: str, labels: list[str], values: list) -> BarChart:
    """Horizontal bars, one per label (e.g. countries of origin of one year)."""
    row, left, right, top = 24, 190, 60, 8
    width = WIDTH
    plot_w = width - left - right
    peak = max((_num(v) for v in values), default=0) or 1
    rows = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        w = plot_w * _num(value) / peak
        rows.append(Row(label=Text(x=left - 8, y=y + 16, text=str(label)),
                        bar=Box(x=left, y=y + 4, width=_px(w), height=row - 8, fill=COLOURS[0]),
                        value=Text(x=_px(left + w + 6), y=y + 16, text=_figure(value))))
    return BarChart(chart_id=chart_id, title=title, desc=desc, width=width,
                    height=top + row * len(labels) + 8, rows=rows)


def report_charts(report: dict, *, country_year: str | None = None) -> dict:
    """The two charts of the report: applications and requests over the years, and the
    countries of origin of one year (by default the latest)."""
    years = list(report["applications"])
    requests = [report["outcomes"].get(y, {}).get("requests") for y in years]
    charts = {
        "years": series_chart(
            chart_id="chart-years", title="Anträge und Ersuchen nach Eingangsjahr",
            desc=f"Säulendiagramm der Anträge und Ersuchen je Eingangsjahr {years[0]}–{years[-1]}; "
                 "die Zahlen stehen in den Tabellen 6.1 und 6.3." if years else "Keine Daten.",
            labels=years, series=[("Anträge", [report["applications"][y] for y in years]),
                                  ("Ersuchen", requests)],
        ),
    }
    country_years = list(report["countries"])
    year = country_year if country_year in report["countries"] else (country_years[-1] if country_years else None)
    if year:
        table = report["countries"][year]
        labels = [r["country"] for r in table["top"]] + ["Übrige"]
        values = [r["count"] for r in table["top"]] + [table["others"]]
        charts["countries"] = bar_chart(
            chart_id="chart-countries", title=f"Herkunftsländer {year}",
            desc=f"Balkendiagramm der {len(table['top'])} häufigsten Herkunftsländer {year} und der "
                 "übrigen Länder; die Zahlen stehen in Tabelle 6.2.",
            labels=labels, values=values,
        )
        charts["country_year"] = year
    return charts
