"""The report is kept in Django's cache under the data's version (decision 0124): asked again,
it is not counted again; after any write to what it counts the reader sees the new figures."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from haertefall.cases.models import Case
from haertefall.statistics.disclosure import data_version, report_for
from haertefall.statistics.figures import case_figures_refresh
from haertefall.statistics.report import report_with_extra
from haertefall.statistics.synthetic import published_figures

from .helpers import history_add

pytestmark = pytest.mark.django_db
AS_OF, YEARS = date(2022, 12, 31), range(2020, 2022)


def _report_queries(public=False) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        report = report_for(as_of=AS_OF, years=YEARS, public=public)
    return report, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("public", [False, True])
def test_the_same_report_again_reads_only_the_version(public):
    for _ in range(3):
        history_add(received_on=date(2021, 4, 1), country="Irak")
    first, first_queries = _report_queries(public)
    again, again_queries = _report_queries(public)
    assert again == first
    assert len(again_queries) == 2 < len(first_queries)  # the two counts of the version, nothing else


def test_a_new_case_and_a_changed_case_show_at_once():
    case = history_add(received_on=date(2021, 4, 1), country="Irak")
    before = report_for(as_of=AS_OF, years=YEARS, public=False)
    history_add(received_on=date(2021, 5, 1), country="Iran")
    after = report_for(as_of=AS_OF, years=YEARS, public=False)
    assert after != before
    # A case's row rewritten by a correction (every step writes this way) changes the version;
    # a refresh that finds the row unchanged leaves it, and the report with it.
    version = data_version()
    case_figures_refresh(case_id=case.pk)
    assert data_version() == version
    Case.objects.filter(pk=case.pk).update(received_on=date(2020, 4, 1), year=2020)
    case_figures_refresh(case_id=case.pk)
    assert data_version() != version
    moved = report_for(as_of=AS_OF, years=YEARS, public=False)
    assert moved != after and moved == report_with_extra(as_of=AS_OF, years=YEARS)


def test_published_figures_imported_again_change_the_version(tmp_path):
    history_add(received_on=date(2021, 4, 1), country="Irak")
    before = data_version()
    source = tmp_path / "published.json"
    source.write_text(json.dumps(published_figures()), encoding="utf-8")
    call_command("import_published_figures", str(source), "--source", "Tätigkeitsbericht 2024",
                 stdout=io.StringIO(), stderr=io.StringIO())
    assert data_version() != before
