"""The statistics charts: names from the registers and imports reach the SVG as text, never markup."""

import re
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from haertefall.registers.models import Country
from haertefall.statistics.charts import report_charts
from haertefall.statistics.exports import render_html
from haertefall.statistics.report import report_with_extra

from .helpers import history_add

HOSTILE = "Bosnien <script>alert(1)</script> & Co"
ESCAPED = "Bosnien &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"


def _countries_svg(html: str) -> str:
    match = re.search(r'<svg[^>]*aria-labelledby="chart-countries-title.*?</svg>', html, re.DOTALL)
    assert match, "no countries chart"
    return match.group(0)


@pytest.fixture
def hostile_country(db):
    Country.objects.create(destatis_code="XSS", name=HOSTILE, sort_name=HOSTILE)
    history_add(received_on=date(2021, 4, 1), country=HOSTILE)
    history_add(received_on=date(2021, 5, 1), country="Irak")


@pytest.mark.django_db
def test_a_country_name_with_markup_is_shown_as_text_in_the_chart(client, office_user, hostile_country):
    client.force_login(office_user)
    html = client.get("/statistik/?as_of=2022-12-31&year_from=2020&year_to=2021").content.decode()
    svg = _countries_svg(html)
    assert f'text-anchor="end" fill="#171a2b">{ESCAPED}</text>' in svg
    assert "<script>" not in html


@pytest.mark.django_db
def test_the_html_export_escapes_the_country_name_too(hostile_country):
    report = report_with_extra(as_of=date(2022, 12, 31), years=range(2020, 2022))
    html = render_html(report).decode()
    assert ESCAPED in _countries_svg(html)
    assert "<script>" not in html


def test_series_names_and_labels_with_markup_are_escaped_and_coordinates_keep_a_decimal_point():
    report = {"applications": {"2020": 7, "<b>2021</b>": 3},
              "outcomes": {"2020": {"requests": 2}}, "countries": {}}
    chart = report_charts(report)["years"]
    with translation.override("de"):  # German would write 12,5; SVG needs 12.5
        svg = render_to_string("statistics/includes/chart_series.html", {"chart": chart})
    assert ">&lt;b&gt;2021&lt;/b&gt;</text>" in svg
    assert "<b>" not in svg
    marks = re.findall(r"<(?:line|rect|text) [^>]*>", svg)
    coordinates = [c for mark in marks for c in re.findall(r' (?:x|y|x1|y1|x2|y2|width|height)="([^"]*)"', mark)]
    assert coordinates and all(re.fullmatch(r"\d+(\.\d)?", c) for c in coordinates), coordinates
    assert any("." in c for c in coordinates)
