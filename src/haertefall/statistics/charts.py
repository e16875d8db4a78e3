"""Small accessible SVG charts rendered on the server (no JavaScript, CSP-safe).

Each chart has a <title> and <desc> referenced by aria-labelledby; the page shows the same
numbers as a table beside it, so the chart is never the only source of a figure.
"""

from __future__ import annotations

from html import escape

COLOURS = ("#1f4e8c", "#c0392b", "#2e7d32", "#6a1b9a")
TEXT = "#171a2b"
GRID = "#c8cad3"


def _num(value) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    return ((int(value) // step) + 1) * step


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    cid = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hf-chart" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="Fira Sans, sans-serif" font-size="12">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def series_chart_svg(*, chart_id: str, title: str, desc: str, labels: list[str],
                     series: list[tuple[str, list]]) -> str:
    """Grouped vertical bars per label (e.g. applications and requests per year), with legend."""
    width, height, left, bottom, top = 760, 320, 48, 40, 36
    plot_w, plot_h = width - left - 12, height - bottom - top
    peak = _nice_max(max((_num(v) for _n, values in series for v in values), default=0))
    parts = _open(chart_id, title, desc, width, height)
    for i in range(5):
        value = peak * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 12}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{int(value)}</text>')
    group = plot_w / max(1, len(labels))
    bar = group * 0.8 / max(1, len(series))
    for i, label in enumerate(labels):
        x0 = left + i * group + group * 0.1
        for j, (_name, values) in enumerate(series):
            h = plot_h * _num(values[i]) / peak
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[j % len(COLOURS)]}"/>')
        if len(labels) <= 20 or i % 2 == 0:
            parts.append(f'<text x="{x0 + group * 0.4:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                         f'fill="{TEXT}">{escape(str(label))}</text>')
    for j, (name, _values) in enumerate(series):
        x = left + j * 180
        parts.append(f'<rect x="{x}" y="8" width="14" height="14" fill="{COLOURS[j % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 20}" y="20" fill="{TEXT}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(*, chart_id: str, title: str, desc: str, labels: list[str], values: list) -> str:
    """Horizontal bars, one per label (e.g. countries of origin of one year)."""
    row, left, right, top = 24, 190, 60, 8
    width = 760
    height = top + row * len(labels) + 8
    plot_w = width - left - right
    peak = max((_num(v) for v in values), default=0) or 1
    parts = _open(chart_id, title, desc, width, height)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        w = plot_w * _num(value) / peak
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" fill="{TEXT}">{escape(str(label))}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{COLOURS[0]}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 16}" fill="{TEXT}">{escape(str(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def report_charts(report: dict, *, country_year: str | None = None) -> dict[str, str]:
    """The two charts of the report: applications and requests over the years, and the
    countries of origin of one year (by default the latest)."""
    years = list(report["applications"])
    requests = [report["outcomes"].get(y, {}).get("requests") for y in years]
    charts = {
        "years": series_chart_svg(
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
        charts["countries"] = bar_chart_svg(
            chart_id="chart-countries", title=f"Herkunftsländer {year}",
            desc=f"Balkendiagramm der {len(table['top'])} häufigsten Herkunftsländer {year} und der "
                 "übrigen Länder; die Zahlen stehen in Tabelle 6.2.",
            labels=labels, values=values,
        )
        charts["country_year"] = year
    return charts
