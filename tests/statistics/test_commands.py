"""``haertefall report`` and ``haertefall import-published-figures``."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from haertefall.statistics.models import HistoricalFigures
from haertefall.statistics.synthetic import published_figures

from .helpers import history_add

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_report_json_has_exactly_the_published_keys(tmp_path):
    history_add(received_on=date(2021, 3, 1))
    target = tmp_path / "r.json"
    run("report", "--as-of", "2022-01-31", "--years", "2020-2021", "--output", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert list(data) == ["as_of", "years", "applications", "countries", "outcomes", "request_outcomes", "notes"]
    assert data["applications"] == {"2020": 0, "2021": 1}


def test_compare_lists_differences_and_fails(tmp_path):
    published = tmp_path / "published.json"
    published.write_text(json.dumps(published_figures()), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="Abweichung"):
        call_command("report", "--as-of", "2024-11-15", "--years", "2005-2023", "--compare", str(published),
                     "--no-historical", stdout=out, stderr=io.StringIO())
    assert "applications.2005: ours 0, published 1064" in out.getvalue()
    assert "request_outcomes.2014.open: ours 0, published 3" in out.getvalue()


def test_imported_published_figures_close_the_gap_and_compare_clean(tmp_path):
    published = tmp_path / "published-figures-2024.json"
    published.write_text(json.dumps(published_figures()), encoding="utf-8")
    run("import_published_figures", str(published), "--source", "Tätigkeitsbericht 2024")
    assert HistoricalFigures.objects.get().as_of == date(2024, 11, 15)
    assert "Keine Abweichungen" in run("report", "--as-of", "2024-11-15", "--years", "2005-2023",
                                       "--compare", str(published))
    target = tmp_path / "r.json"
    run("report", "--as-of", "2024-11-15", "--years", "2005-2023", "--output", str(target))
    assert json.loads(target.read_text())["notes"]["2007"].startswith("aus veröffentlichten Zahlen")


@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf"),
                                       ("html", b"<!DOCTYPE html>")])
def test_every_format_is_written(tmp_path, fmt, magic):
    history_add(received_on=date(2021, 3, 1))
    target = tmp_path / f"r.{fmt}"
    run("report", "--as-of", "2022-01-31", "--years", "2020-2021", "--format", fmt, "--output", str(target),
        "--full", "--suppress-small")
    assert target.read_bytes().startswith(magic)
    if fmt == "xlsx":
        # The public variant: one authority table per complete receipt year.
        assert {"Nach Ausländerbehörde 2020", "Nach Ausländerbehörde 2021"} <= set(load_workbook(target).sheetnames)


@pytest.mark.parametrize("args,message", [
    (["--as-of", "15.13.2024", "--years", "2005-2023"], "--as-of"),
    (["--as-of", "2024-11-15", "--years", "2023-2005"], "Endjahr"),
    (["--as-of", "2024-11-15", "--years", "zwanzig"], "VON-BIS"),
])
def test_bad_arguments_are_explained(args, message):
    with pytest.raises(CommandError, match=message):
        run("report", *args)


def test_import_refuses_a_file_in_the_wrong_shape(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"as_of": "2024-11-15", "years": [2020], "applications": {"2020": "viele"}}))
    with pytest.raises(CommandError, match="applications.2020"):
        run("import_published_figures", str(bad))
    with pytest.raises(CommandError, match="nicht gefunden"):
        run("import_published_figures", str(tmp_path / "missing.json"))
    assert not HistoricalFigures.objects.exists()
