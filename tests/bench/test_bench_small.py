"""The benchmark harness runs end to end at a small size and reports every figure.

Not a timed test: it asserts that ``make bench``'s harness produces a result JSON with all
figures present and positive (and our report agreeing with DuckDB's), never that a target
is met. Runs on SQLite, and on PostgreSQL too when the suite itself runs on PostgreSQL.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.bench


def _engines() -> str:
    return "sqlite,postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({
        "BENCH_SIZES": "500", "BENCH_SECONDS": "2", "BENCH_REPEAT": "1", "BENCH_CLIENTS": "4",
        "BENCH_WORKERS": "2", "BENCH_ENGINES": _engines(), "BENCH_OUT": str(out),
        "BENCH_PG_PREFIX": "hf_bench_test", "BENCH_PYTHON": sys.executable,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    })
    proc = subprocess.run([sys.executable, "-m", "bench"], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    data = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    data["_stdout"] = proc.stdout
    return data


def _positive(value) -> bool:
    return isinstance(value, int | float) and value > 0


def test_every_engine_ran_with_machine_and_register(results):
    assert {r["engine"] for r in results["runs"]} == set(_engines().split(","))
    assert results["registers"]["500"]["rows"] == 500
    machine = results["machine"]
    for key in ("nproc", "memory_gb", "cpu", "python", "sqlite"):
        assert machine[key], key


def test_import_figures_present_and_positive(results):
    for run in results["runs"]:
        assert run["loaded_by"] == "import-register", run["missing"]
        imp = run["import"]
        for key in ("seconds", "rows_per_s", "baseline_seconds", "baseline_rows_per_s", "ratio"):
            assert _positive(imp.get(key)), (run["engine"], key, imp)


def test_report_figures_present_positive_and_agreeing_with_duckdb(results):
    for run in results["runs"]:
        rep = run.get("report")
        assert rep, run["missing"]
        for key in ("seconds", "maxrss_mb", "baseline_seconds", "baseline_maxrss_mb", "ratio"):
            assert _positive(rep.get(key)), (run["engine"], key, rep)
        # Same register, same semantics: the project's report and DuckDB's tables agree.
        assert rep["agreement"]["checked"] > 0
        assert rep["agreement"]["differences"] == 0, rep["agreement"]["examples"]


def test_web_figures_present_and_positive(results):
    for run in results["runs"]:
        web = run.get("web", {})
        for page in ("static", "floor", "list", "detail"):
            figures = web.get(page, {})
            assert figures.get("errors") == 0, (run["engine"], page, figures)
            for key in ("rps", "p50_ms", "p95_ms", "requests"):
                assert _positive(figures.get(key)), (run["engine"], page, key, figures)
            # The server side's CPU per request, read from /proc (Linux, as here and in CI).
            cpu = figures.get("cpu_ms_per_request", {})
            assert _positive(cpu.get("gunicorn")) and _positive(cpu.get("load_generator")), (run["engine"], page, cpu)
            if run["engine"] == "postgres" and page != "static":
                assert _positive(cpu.get("postgres")), (run["engine"], page, cpu)
            # One client alone, as for every page.
            assert _positive(figures.get("single_client", {}).get("p95_ms")), (run["engine"], page, figures)


def test_list_and_case_page_are_set_against_the_framework_floor(results):
    for run in results["runs"]:
        web = run["web"]
        assert web["floor_page"].startswith("/"), web["floor_page"]
        floor = web["floor"]["server_cpu_ms_per_request"]
        # The floor goes through the whole stack (session, user, 2FA device, layout): dearer
        # than a static file.
        assert floor > web["static"]["server_cpu_ms_per_request"], (run["engine"], web)
        for page in ("list", "detail"):
            assert web[page]["cpu_ratio_to_floor"] == web[page]["server_cpu_ms_per_request"] / floor


def test_every_page_target_evaluated_for_every_engine(results):
    page_targets = [t for t in results["targets"] if t["target"].startswith(("case list", "case page"))]
    assert len(page_targets) == 6 * len(results["runs"])
    for target in page_targets:
        assert target["size"] == 500 and target["met"] is not None, target


def test_markdown_table_printed(results):
    stdout = results["_stdout"]
    assert "| engine | applications | figure |" in stdout
    assert "| engine | applications | page |" in stdout
    figures, targets = stdout.split("| engine | applications | target |")
    assert "missing" not in figures
    # Each target beside its figure: met, or missed by how much.
    assert targets.count("| met, ") + targets.count("| **missed**") == len(results["targets"])
