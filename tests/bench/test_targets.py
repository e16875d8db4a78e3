"""The bench's summary: each page figure beside issue 13's target, met or missed by how much.

Plain values, no run: the arithmetic a reader of docs/benchmarks.md relies on.
"""

from bench.run import evaluate_targets, markdown, verdict


def _page(server_cpu, *, p95, p95_alone, floor_cpu=1.0, errors=0):
    return {
        "requests": 1000, "errors": errors, "rps": 500.0, "p50_ms": p95 / 2, "p95_ms": p95,
        "cpu_ms_per_request": {"gunicorn": server_cpu, "load_generator": 0.3},
        "server_cpu_ms_per_request": server_cpu, "cpu_ratio_to_floor": server_cpu / floor_cpu,
        "single_client": {"requests": 200, "rps": 200.0, "p50_ms": p95_alone / 2, "p95_ms": p95_alone},
    }


def _results(*, list_cpu=2.5, detail_cpu=4.0, detail_errors=0, sizes=(100_000,)):
    runs = []
    for size in sizes:
        web = {"clients": 20, "floor_page": "/konto/notfallcodes/",
               "static": _page(0.3, p95=9.0, p95_alone=0.5),
               "floor": _page(1.0, p95=25.0, p95_alone=2.0),
               "list": _page(list_cpu, p95=150.0, p95_alone=12.0),
               "detail": _page(detail_cpu, p95=230.0, p95_alone=31.5, errors=detail_errors)}
        runs.append({"engine": "sqlite", "size": size, "missing": [], "notes": [],
                     "web": web if size <= 100_000 else {}})
    return {"started_at": "2026-12-05T10:00:00+00:00", "loadavg_start": 1.0, "loadavg_max": 2.0,
            "config": {"clients": 20, "seconds": 20.0, "as_of": "2024-11-15", "years": "2005-2023",
                       "repeat": 3, "web_max_size": 100_000},
            "machine": {"git_commit": "abc", "nproc": 2, "cpu": "x", "memory_gb": 4, "python": "3.11",
                        "sqlite": "3.40", "postgresql": None, "duckdb": "1.1", "gunicorn": "23"},
            "baselines": {}, "runs": runs}


def _by_target(targets):
    return {t["target"]: t for t in targets if t["target"].startswith(("case list", "case page"))}


def test_list_and_page_have_three_targets_each_at_the_largest_page_size():
    targets = _by_target(evaluate_targets(_results(sizes=(100_000, 1_000_000))))
    assert len(targets) == 6
    assert {t["size"] for t in targets.values()} == {100_000}


def test_met_and_missed_say_by_how_much():
    targets = _by_target(evaluate_targets(_results()))
    cpu = targets["case list: server CPU per request ≤ 3× the floor page's"]
    assert cpu["met"] is True and verdict(cpu) == "met, 0.50× to spare"
    cpu = targets["case page: server CPU per request ≤ 3× the floor page's"]
    assert cpu["met"] is False and verdict(cpu) == "**missed** by 1.00× (+33 %)"
    alone = targets["case page: p95, 1 client alone ≤ 30 ms"]
    assert verdict(alone) == "**missed** by 1.5 ms (+5 %)"
    crowd = targets["case list: p95, 20 clients ≤ 200 ms"]
    assert verdict(crowd) == "met, 50.0 ms to spare"


def test_failed_requests_miss_the_latency_targets_even_when_fast():
    targets = _by_target(evaluate_targets(_results(detail_errors=3)))
    crowd = targets["case page: p95, 20 clients ≤ 200 ms"]
    assert crowd["met"] is False and "3 requests failed" in verdict(crowd)


def test_missing_pages_are_not_measured_rather_than_met():
    results = _results()
    del results["runs"][0]["web"]["list"]
    targets = _by_target(evaluate_targets(results))
    assert targets["case list: p95, 20 clients ≤ 200 ms"]["met"] is None
    assert verdict(targets["case list: p95, 20 clients ≤ 200 ms"]) == "not measured"


def test_summary_prints_floor_list_and_page_beside_the_targets():
    results = _results()
    results["targets"] = evaluate_targets(results)
    text = markdown(results)
    assert "| sqlite | 100,000 | framework floor (`/konto/notfallcodes/`) | 1.00 | 1.00× | 2.0 | 25.0 |" in text
    assert "| sqlite | 100,000 | case page | 4.00 | 4.00× | 31.5 | 230.0 |" in text
    assert ("| sqlite | 100,000 | case page: p95, 20 clients ≤ 200 ms | 230.0 ms | 200.0 ms "
            "| **missed** by 30.0 ms (+15 %) |") in text


def test_the_import_rate_is_a_minimum_missed_below_and_met_above():
    results = _results()
    results["runs"][0]["import"] = {"seconds": 12.5, "rows_per_s": 8_000.0}
    rate = next(t for t in evaluate_targets(results) if t["target"].startswith("import keeps the read model"))
    assert rate["met"] is False and verdict(rate) == "**missed** by 2,000 rows/s (−20 %)"
    results["runs"][0]["import"] = {"seconds": 8.0, "rows_per_s": 12_500.0}
    rate = next(t for t in evaluate_targets(results) if t["target"].startswith("import keeps the read model"))
    assert rate["met"] is True and verdict(rate) == "met, 2,500 rows/s to spare"
