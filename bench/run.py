"""``make bench``: registers of 100,000 and 1,000,000 applications on SQLite and PostgreSQL.

For each engine and size: a fresh database, migrations, the project's import of the
register, the full report as of the cut-off date (time and peak memory), and the office's
case list and case detail under concurrent clients on the production server setup. Beside
each figure, the same work done the fastest plain way on the same machine in the same run
(see ``baseline`` and docs/benchmarks.md); beside the pages, the *framework floor*: the
lightest page a logged-in user can open, through the same middleware and the same layout, so
that what the case pages cost on top of Django itself is one ratio. Raw results go to
bench-results/ as JSON; the Markdown tables printed at the end go into docs/benchmarks.md.

Settings (environment): BENCH_SIZES (100000,1000000), BENCH_ENGINES (sqlite,postgres),
BENCH_SECONDS (20), BENCH_CLIENTS (20), BENCH_REPEAT (3), BENCH_AS_OF (2024-11-15),
BENCH_YEARS (2005-2023), BENCH_OUT (bench-results), BENCH_PG (postgres://postgres@127.0.0.1:5432),
BENCH_PG_PREFIX (hf_bench), BENCH_IMPORT_TIMEOUT (1800 s), BENCH_WEB_MAX_SIZE and
BENCH_IMPORT_MAX_SIZE (100000; 0 = every size: the targets for pages and import are at
100,000, and above it the bench's bulk seed loads the rows so that a run fits in minutes),
BENCH_WORKERS (as the production configuration: cores + 1), BENCH_GENERATOR (project|fallback), BENCH_KEEP (0),
BENCH_FLOOR_PAGE (accounts:backup_codes, the URL name of the floor page).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path

from .register import write_register
from .web import Gunicorn, cpu_seconds_between, load, probe, process_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]  # the repository: bench/ beside src/
STATIC_PATH = "/static/core/app.css"

# The targets of the issue "Benchmarks at the scale of all Länder together".
TARGET_IMPORT_SECONDS = 20.0  # 100,000 rows
TARGET_IMPORT_ROWS_PER_S = 10_000  # the import keeping the read model in step (issue 18)
TARGET_REPORT_RATIO = 6.0  # × DuckDB's whole process over its own file, 1,000,000 rows (issue 18)
TARGET_PAGE_REPORT_MS = 100.0  # the statistics page's report, server time, 100,000 rows (issue 18)
# "does not grow": peak memory at the largest size at most this much above the smallest.
TARGET_MEMORY_GROWTH = 1.25
# The pages' targets of issue 13 ("Ordinary Django again"), at 100,000 applications on both
# engines (evaluated at the largest size whose pages were measured). They replace the earlier
# "p95 < 100 ms with 20 clients".
TARGET_CPU_RATIO = 3.0  # list and detail: server CPU per request ≤ 3× the floor page's
TARGET_P95_ONE_CLIENT_MS = 30.0  # one client alone
TARGET_P95_MS = 200.0  # 20 clients, the 2-core machine
TARGET_PAGES = ("list", "detail")
# The framework floor: the lightest authenticated page (django.contrib.auth, django-otp, the
# session policy, CSRF, messages, the layout), with nothing of its own to read or render
# beyond one paragraph and a button: "renew backup codes" of the logged-in user's account.
FLOOR_PAGE = "accounts:backup_codes"


@dataclass
class Config:
    sizes: list[int]
    engines: list[str]
    seconds: float = 20.0
    clients: int = 20
    repeat: int = 3
    as_of: str = "2024-11-15"
    years: str = "2005-2023"
    out_dir: Path = field(default_factory=lambda: ROOT / "bench-results")
    pg_base: str = "postgres://postgres@127.0.0.1:5432"
    pg_prefix: str = "hf_bench"
    import_timeout: float = 1800.0
    report_timeout: float = 1800.0
    web_max_size: int = 100_000
    import_max_size: int = 100_000
    generator: str = "project"
    keep: bool = False
    floor_page: str = FLOOR_PAGE
    python: str = sys.executable
    seed: int = 0

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ.get
        return cls(
            sizes=[int(s) for s in env("BENCH_SIZES", "100000,1000000").split(",") if s.strip()],
            engines=[e.strip() for e in env("BENCH_ENGINES", "sqlite,postgres").split(",") if e.strip()],
            seconds=float(env("BENCH_SECONDS", "20")),
            clients=int(env("BENCH_CLIENTS", "20")),
            repeat=max(1, int(env("BENCH_REPEAT", "3"))),
            as_of=env("BENCH_AS_OF", "2024-11-15"),
            years=env("BENCH_YEARS", "2005-2023"),
            out_dir=Path(env("BENCH_OUT", str(ROOT / "bench-results"))).resolve(),
            pg_base=env("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/"),
            pg_prefix=env("BENCH_PG_PREFIX", "hf_bench"),
            import_timeout=float(env("BENCH_IMPORT_TIMEOUT", "1800")),
            report_timeout=float(env("BENCH_REPORT_TIMEOUT", "1800")),
            web_max_size=int(env("BENCH_WEB_MAX_SIZE", "100000")),
            import_max_size=int(env("BENCH_IMPORT_MAX_SIZE", "100000")),
            generator=env("BENCH_GENERATOR", "project"),
            keep=env("BENCH_KEEP", "0") == "1",
            floor_page=env("BENCH_FLOOR_PAGE", FLOOR_PAGE),
            python=env("BENCH_PYTHON", sys.executable),
        )


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- child processes ---------------------------------------------------------------------

def run_child(argv: list[str], *, env: dict, timeout: float, stdout_path: Path | None = None,
              cwd: Path | None = None) -> dict:
    """Run a command; wall time, peak RSS of the child (getrusage via wait4), exit code."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    err_path = (stdout_path or Path(os.devnull)).with_suffix(".stderr") if stdout_path else None
    err = open(err_path, "wb") if err_path else subprocess.PIPE  # noqa: SIM115
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err, cwd=cwd)  # noqa: S603
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        proc.send_signal(signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    stderr_text = ""
    try:
        if err is subprocess.PIPE:
            # Drain stderr while waiting so a chatty child cannot block on a full pipe.
            stderr_text = proc.stderr.read().decode("utf-8", "replace")
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        timer.cancel()
        if stdout_path:
            out.close()
        if err_path:
            err.close()
            stderr_text = err_path.read_text(encoding="utf-8", errors="replace")
    return {
        "seconds": time.perf_counter() - started,
        "maxrss_mb": usage.ru_maxrss / 1024,  # Linux: kilobytes
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "loadavg_after": os.getloadavg()[0],
        "returncode": proc.returncode,
        "timed_out": timed_out.is_set(),
        "stderr_tail": stderr_text[-2000:],
    }


def child_env(cfg: Config, *, data_dir: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    # src for the project, the repository root for the bench's own helpers (python -m bench.…).
    paths = [str(ROOT / "src"), str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    env.update({
        "PYTHONPATH": os.pathsep.join(paths),
        "HAERTEFALL_DATA_DIR": str(data_dir),
        # The production setup, as the issue asks: production settings, a real secret key,
        # no HTTPS redirect on loopback, only 127.0.0.1 as host.
        "DJANGO_SETTINGS_MODULE": "haertefall.config.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + os.urandom(24).hex(),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    })
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def hf(cfg: Config, *args: str) -> list[str]:
    return [cfg.python, "-m", "haertefall", *args]


# --- databases ---------------------------------------------------------------------------

def pg_admin(cfg: Config, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{cfg.pg_base}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def pg_available(cfg: Config) -> bool:
    try:
        pg_admin(cfg, "SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


def fresh_database(cfg: Config, engine: str, size: int, work: Path) -> tuple[Path, str | None]:
    data_dir = work / f"{engine}-{size}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    if engine == "sqlite":
        return data_dir, None
    name = f"{cfg.pg_prefix}_{size}"
    pg_admin(cfg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_admin(cfg, f'CREATE DATABASE "{name}"')
    return data_dir, f"{cfg.pg_base}/{name}"


def drop_database(cfg: Config, engine: str, size: int, data_dir: Path) -> None:
    if cfg.keep:
        return
    if engine == "postgres":
        pg_admin(cfg, f'DROP DATABASE IF EXISTS "{cfg.pg_prefix}_{size}" WITH (FORCE)')
    shutil.rmtree(data_dir, ignore_errors=True)


# --- machine -----------------------------------------------------------------------------

def machine_info(cfg: Config) -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    pg_version = None
    if "postgres" in cfg.engines and pg_available(cfg):
        import psycopg

        with psycopg.connect(f"{cfg.pg_base}/postgres", connect_timeout=5) as conn:
            pg_version = conn.execute("SHOW server_version").fetchone()[0]
    versions = {name: version(name) for name in ("django", "duckdb", "gunicorn", "psycopg", "whitenoise")}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,  # noqa: S603,S607
                            capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(), "memory_gb": mem_gb, "cpu": cpu, "kernel": platform.release(),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
        "postgresql": pg_version, "git_commit": commit, **versions,
    }


# --- the measurements --------------------------------------------------------------------

def median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def measure_baselines(cfg: Config, size: int, csv_path: Path, work: Path) -> dict:
    env = child_env(cfg, data_dir=work, database_url=None)
    first, last = cfg.years.split("-")
    # The register into DuckDB's own database file first (typed, countries resolved), as our
    # import stores it before our report runs; not part of the report's time (issue 18).
    db_path = work / f"duckdb-register-{size}.duckdb"
    loaded = run_child([cfg.python, "-m", "bench.baseline", "load", str(csv_path), str(db_path)],
                       env=env, timeout=cfg.import_timeout)
    if loaded["returncode"] != 0:
        raise RuntimeError(f"DuckDB load failed: {loaded['stderr_tail']}")
    runs = []
    out = work / f"duckdb-report-{size}.json"
    for _ in range(cfg.repeat):
        runs.append(run_child([cfg.python, "-m", "bench.baseline", "report", str(db_path),
                               "--as-of", cfg.as_of, "--years", f"{first}-{last}"],
                              env=env, timeout=cfg.report_timeout, stdout_path=out))
        if runs[-1]["returncode"] != 0:
            raise RuntimeError(f"DuckDB report failed: {runs[-1]['stderr_tail']}")
    db_path.unlink(missing_ok=True)
    imp = run_child([cfg.python, "-m", "bench.baseline", "import-duckdb", str(csv_path),
                     str(work / f"duckdb-import-{size}.duckdb")], env=env, timeout=cfg.import_timeout)
    if imp["returncode"] != 0:
        raise RuntimeError(f"DuckDB import failed: {imp['stderr_tail']}")
    (work / f"duckdb-import-{size}.duckdb").unlink(missing_ok=True)
    return {
        "duckdb_load_seconds": loaded["seconds"],
        "duckdb_report_seconds": median([r["seconds"] for r in runs]),
        "duckdb_report_runs": [round(r["seconds"], 3) for r in runs],
        "duckdb_report_maxrss_mb": max(r["maxrss_mb"] for r in runs),
        "duckdb_report_cpu_seconds": median([r["cpu_seconds"] for r in runs]),
        "duckdb_report_path": str(out),
        "duckdb_import_seconds": imp["seconds"],
        "duckdb_import_rows_per_s": size / imp["seconds"],
    }


def compare_reports(ours: dict, theirs: dict) -> dict:
    """Where our report's JSON has the published-figures keys, do the numbers agree?"""
    checked, differences = 0, []
    for key in ("applications", "outcomes", "request_outcomes"):
        mine = ours.get(key) if isinstance(ours, dict) else None
        if not isinstance(mine, dict):
            continue
        for year, value in theirs[key].items():
            got = mine.get(year, mine.get(int(year)) if year.isdigit() else None)
            checked += 1
            if got != value:
                differences.append({"table": key, "year": year, "ours": got, "duckdb": value})
    countries = ours.get("countries") if isinstance(ours, dict) else None
    if isinstance(countries, dict):
        for year, value in theirs["countries"].items():
            got = countries.get(year)
            checked += 1
            if not isinstance(got, dict) or [
                (t.get("country"), t.get("count")) for t in got.get("top", [])
            ] != [(t["country"], t["count"]) for t in value["top"]] or got.get("others") != value["others"]:
                differences.append({"table": "countries", "year": year})
    return {"checked": checked, "differences": len(differences), "examples": differences[:5]}


def measure_import(cfg: Config, run: dict, *, env: dict, csv_path: Path, size: int, work: Path) -> None:
    """The project's import; above BENCH_IMPORT_MAX_SIZE, or if it fails, the bench seed loads
    the rows instead."""
    result = None
    # The name index (search words, repeats) serves the pages; where they are not measured
    # (1,000,000: the report only) building it would take longer than everything else.
    pages_measured = not (cfg.web_max_size and size > cfg.web_max_size)
    index_flag = [] if pages_measured else ["--no-name-index"]
    if cfg.import_max_size and size > cfg.import_max_size:
        run["notes"].append(f"import not measured above BENCH_IMPORT_MAX_SIZE={cfg.import_max_size:,}: "
                            "rows loaded by the bench seed")
    else:
        log(f"  import-register {csv_path.name}")
        result = run_child(hf(cfg, "import-register", str(csv_path)), env=env,
                           timeout=cfg.import_timeout, stdout_path=work / f"import-{run['engine']}-{size}.out")
        run["import"] = {
            "seconds": result["seconds"], "rows_per_s": size / result["seconds"],
            "maxrss_mb": result["maxrss_mb"], "cpu_seconds": result["cpu_seconds"],
            "loadavg_after": result["loadavg_after"], "returncode": result["returncode"],
            "timed_out": result["timed_out"],
        }
        if result["returncode"] != 0:
            run["import"] = {"error": result["stderr_tail"][-800:] or "exit code "
                             + str(result["returncode"]), "timed_out": result["timed_out"]}
            run["missing"].append(f"import: the project's import failed ({'timeout' if result['timed_out'] else 'exit ' + str(result['returncode'])})")
            result = None
    if result is None:
        log(f"  bench seed of {size:,} rows (stand-in for the import)")
        seeded = run_child([cfg.python, "-m", "bench.seed", str(csv_path), *index_flag], env=env,
                           timeout=cfg.import_timeout)
        if seeded["returncode"] != 0:
            raise RuntimeError(f"bench seed failed: {seeded['stderr_tail']}")
        run["loaded_by"] = "bench-seed"
        run["seed_seconds"] = seeded["seconds"]
    else:
        run["loaded_by"] = "import-register"
    # Registers carry no names: give each case a named main person for the name search.
    named = run_child([cfg.python, "-m", "bench.seed", "--add-persons", *index_flag], env=env,
                      timeout=cfg.import_timeout)
    if named["returncode"] != 0:
        raise RuntimeError(f"adding persons failed: {named['stderr_tail']}")
    run["persons_added_seconds"] = named["seconds"]


def measure_import_baseline(cfg: Config, run: dict, *, env: dict, csv_path: Path, size: int,
                            database_url: str | None, baselines: dict) -> None:
    imp = run.setdefault("import", {})
    if database_url:
        dsn = database_url.replace("postgres://", "postgresql://", 1)
        copy = run_child([cfg.python, "-m", "bench.baseline", "copy-postgres", str(csv_path),
                          dsn], env=env, timeout=cfg.import_timeout)
        if copy["returncode"] != 0:
            raise RuntimeError(f"COPY failed: {copy['stderr_tail']}")
        imp["baseline"] = "PostgreSQL COPY of the raw file"
        imp["baseline_seconds"] = copy["seconds"]
    else:
        imp["baseline"] = "DuckDB read_csv into a database file"
        imp["baseline_seconds"] = baselines["duckdb_import_seconds"]
    imp["baseline_rows_per_s"] = size / imp["baseline_seconds"]
    if imp.get("seconds"):
        imp["ratio"] = imp["seconds"] / imp["baseline_seconds"]


def measure_report(cfg: Config, run: dict, *, env: dict, size: int, work: Path, baselines: dict) -> None:
    out = work / f"report-{run['engine']}-{size}.json"
    runs = []
    for _ in range(cfg.repeat):
        log(f"  report --as-of {cfg.as_of} --years {cfg.years}")
        r = run_child(hf(cfg, "report", "--as-of", cfg.as_of, "--years", cfg.years, "--format", "json"),
                      env=env, timeout=cfg.report_timeout, stdout_path=out)
        if r["returncode"] != 0:
            run["report"] = {"error": r["stderr_tail"][-800:]}
            run["missing"].append(f"report: the project's report failed (exit {r['returncode']})")
            return
        runs.append(r)
    seconds = median([r["seconds"] for r in runs])
    report = {
        "seconds": seconds, "runs": [round(r["seconds"], 3) for r in runs],
        "maxrss_mb": max(r["maxrss_mb"] for r in runs),
        "cpu_seconds": median([r["cpu_seconds"] for r in runs]),
        "loadavg_after": runs[-1]["loadavg_after"],
        "baseline": "DuckDB over its own database file of the register (fresh process)",
        "baseline_seconds": baselines["duckdb_report_seconds"],
        "baseline_maxrss_mb": baselines["duckdb_report_maxrss_mb"],
        "ratio": seconds / baselines["duckdb_report_seconds"],
    }
    if not (cfg.web_max_size and size > cfg.web_max_size):
        page_out = work / f"report-page-{run['engine']}-{size}.json"
        page = run_child([cfg.python, "-m", "bench.report_page", cfg.as_of, cfg.years], env=env,
                         timeout=cfg.report_timeout, stdout_path=page_out)
        if page["returncode"] == 0:
            measured = json.loads(page_out.read_text(encoding="utf-8"))
            report["page_report_ms"] = measured["median_ms"]
            report["page_report_cached_ms"] = measured.get("cached_median_ms")
        else:
            run["missing"].append(f"statistics page's report failed: {page['stderr_tail'][-300:]}")
    try:
        ours = json.loads(out.read_text(encoding="utf-8"))
        theirs = json.loads(Path(baselines["duckdb_report_path"]).read_text(encoding="utf-8"))
        report["agreement"] = compare_reports(ours, theirs)
    except (ValueError, OSError) as exc:
        report["agreement"] = {"error": str(exc)}
    run["report"] = report


def measure_web(cfg: Config, run: dict, *, env: dict, size: int, work: Path) -> None:
    if cfg.web_max_size and size > cfg.web_max_size:
        run["notes"].append(f"pages not measured above BENCH_WEB_MAX_SIZE={cfg.web_max_size:,}")
        return
    collect = run_child(hf(cfg, "collectstatic", "--noinput", "--verbosity", "0"), env=env, timeout=300)
    if collect["returncode"] != 0:
        raise RuntimeError(f"collectstatic failed: {collect['stderr_tail']}")
    prep_path = work / f"sessions-{run['engine']}-{size}.json"
    prep = run_child([cfg.python, "-m", "bench.session", str(cfg.clients), cfg.floor_page], env=env,
                     timeout=600, stdout_path=prep_path)
    if prep["returncode"] != 0:
        raise RuntimeError(f"session setup failed: {prep['stderr_tail']}")
    info = json.loads(prep_path.read_text(encoding="utf-8"))
    cookies = [f"{info['cookie']}={key}" for key in info["sessions"]]
    scenarios = {"static": [STATIC_PATH], "floor": [info["floor_url"]], "list": [info["list_url"]]}
    if info["detail_urls"]:
        scenarios["detail"] = info["detail_urls"]
    else:
        run["missing"].append("web detail: the database has no case to open")
    web = {"server": None, "clients": cfg.clients, "seconds": cfg.seconds,
           "list_filters": info["list_filters"], "floor_page": info["floor_url"],
           "load_generator": "bench.web (threads + http.client)"}
    with Gunicorn(env=env, python=cfg.python, log_path=str(work / f"gunicorn-{run['engine']}-{size}.log")) as server:
        web["server"] = f"gunicorn {server.workers} sync workers (haertefall.config.gunicorn), production settings, whitenoise"
        for name, paths in scenarios.items():
            cookie = None if name == "static" else cookies[0]
            status, size_bytes = probe("127.0.0.1", server.port, paths[0], cookie)
            if status != 200:
                web[name] = {"error": f"GET {paths[0]} answered {status}"}
                run["missing"].append(f"web {name}: GET {paths[0]} answered {status}")
                continue
            # Warm-up: each worker imports, connects and fills its caches once.
            load(host="127.0.0.1", port=server.port, paths=paths, clients=cfg.clients,
                 seconds=min(2.0, cfg.seconds / 4), cookies=None if name == "static" else cookies)
            log(f"  load {name}: {cfg.clients} clients, {cfg.seconds:g} s")
            postgres = run["engine"] == "postgres"
            pg_database = f"{cfg.pg_prefix}_{size}" if postgres else None
            cpu_before = process_cpu_seconds(server.proc.pid, postgres=postgres, pg_database=pg_database)
            web[name] = load(host="127.0.0.1", port=server.port, paths=paths, clients=cfg.clients,
                             seconds=cfg.seconds, cookies=None if name == "static" else cookies)
            cpu_after = process_cpu_seconds(server.proc.pid, postgres=postgres, pg_database=pg_database)
            if cpu_before and web[name].get("requests"):
                used = cpu_seconds_between(cpu_before, cpu_after)
                cpu = {key: seconds / web[name]["requests"] * 1000
                       for key, seconds in used.items() if postgres or key != "postgres"}
                web[name]["cpu_ms_per_request"] = cpu
                # The server side: the gunicorn workers, and PostgreSQL where it is the engine
                # (it runs on the same cores). The load generator is not part of it.
                web[name]["server_cpu_ms_per_request"] = cpu["gunicorn"] + cpu.get("postgres", 0.0)
            web[name]["body_bytes"] = size_bytes
            web[name]["loadavg_after"] = os.getloadavg()[0]
            # One client alone: the service time without queueing behind the other 19.
            single = load(host="127.0.0.1", port=server.port, paths=paths, clients=1,
                          seconds=max(1.0, cfg.seconds / 4), cookies=None if name == "static" else cookies)
            web[name]["single_client"] = {k: single[k] for k in ("requests", "rps", "p50_ms", "p95_ms")}
    static, floor = web.get("static", {}), web.get("floor", {})
    for name in ("floor", "list", "detail"):
        page = web.get(name)
        if not isinstance(page, dict):
            continue
        if "p95_ms" in page and static.get("p95_ms"):
            page["p95_ratio"] = page["p95_ms"] / static["p95_ms"]
            page["rps_ratio"] = static["rps"] / page["rps"] if page["rps"] else None
        if name != "floor" and page.get("server_cpu_ms_per_request") and floor.get("server_cpu_ms_per_request"):
            page["cpu_ratio_to_floor"] = page["server_cpu_ms_per_request"] / floor["server_cpu_ms_per_request"]
    run["web"] = web


def run_one(cfg: Config, engine: str, size: int, csv_path: Path, work: Path, baselines: dict) -> dict:
    run = {"engine": engine, "size": size, "missing": [], "notes": [],
           "loadavg_before": os.getloadavg()[0]}
    data_dir, database_url = fresh_database(cfg, engine, size, work)
    env = child_env(cfg, data_dir=data_dir, database_url=database_url)
    try:
        log(f"{engine} {size:,}: migrate")
        mig = run_child(hf(cfg, "migrate", "--noinput"), env=env, timeout=900)
        if mig["returncode"] != 0:
            raise RuntimeError(f"migrate failed: {mig['stderr_tail']}")
        run["migrate_seconds"] = mig["seconds"]
        measure_import(cfg, run, env=env, csv_path=csv_path, size=size, work=work)
        measure_import_baseline(cfg, run, env=env, csv_path=csv_path, size=size,
                                database_url=database_url, baselines=baselines)
        measure_report(cfg, run, env=env, size=size, work=work, baselines=baselines)
        measure_web(cfg, run, env=env, size=size, work=work)
    finally:
        drop_database(cfg, engine, size, data_dir)
    return run


def _loadavgs(run: dict):
    for section in (run.get("import", {}), run.get("report", {}), *run.get("web", {}).values()):
        if isinstance(section, dict) and "loadavg_after" in section:
            yield section["loadavg_after"]


# --- targets and table -------------------------------------------------------------------

def _target(engine: str, size: int, text: str, value, limit: float, unit: str, *,
            strict: bool = False, failed: str | None = None, at_least: bool = False) -> dict:
    """One target: the figure beside its limit, met or not (None: not measured). The limit is
    a maximum, or with ``at_least`` a minimum (a rate)."""
    if value is None:
        met = None
    elif at_least:
        met = value >= limit and not failed
    else:
        met = (value < limit if strict else value <= limit) and not failed
    return {"engine": engine, "size": size, "target": text, "value": value, "limit": limit,
            "unit": unit, "met": met, "failed": failed, "at_least": at_least}


def _page_targets(results: dict, engine: str) -> list[dict]:
    """Issue 13's targets for the case list and the case page, at the largest size whose
    pages were to be measured (100,000 in ``make bench``)."""
    runs = [r for r in results["runs"] if r["engine"] == engine]
    web_max = results.get("config", {}).get("web_max_size") or 0
    sizes = [r["size"] for r in runs if not web_max or r["size"] <= web_max]
    if not sizes:
        return []
    size = max(sizes)
    web = next(r for r in runs if r["size"] == size).get("web", {})
    clients = web.get("clients", results.get("config", {}).get("clients"))
    crowd = f"{clients} clients" + ("" if clients == 20 else " (the target is for 20)")
    targets = []
    for page in TARGET_PAGES:
        res = web.get(page) if isinstance(web.get(page), dict) else {}
        failed = f"{res['errors']:,} requests failed" if res.get("errors") else None
        label = PAGE_LABELS[page]
        targets += [
            _target(engine, size, f"{label}: server CPU per request ≤ {TARGET_CPU_RATIO:g}× the floor page's",
                    res.get("cpu_ratio_to_floor"), TARGET_CPU_RATIO, "×"),
            _target(engine, size, f"{label}: p95, 1 client alone ≤ {TARGET_P95_ONE_CLIENT_MS:g} ms",
                    (res.get("single_client") or {}).get("p95_ms"), TARGET_P95_ONE_CLIENT_MS, " ms",
                    failed=failed),
            _target(engine, size, f"{label}: p95, {crowd} ≤ {TARGET_P95_MS:g} ms",
                    res.get("p95_ms"), TARGET_P95_MS, " ms", failed=failed),
        ]
    return targets


def evaluate_targets(results: dict) -> list[dict]:
    targets = []
    runs = results["runs"]
    sizes = sorted({r["size"] for r in runs})
    engines = list(dict.fromkeys(r["engine"] for r in runs))  # in the order they ran
    for run in runs:
        eng, size = run["engine"], run["size"]
        if size == 100_000:
            seconds = run.get("import", {}).get("seconds")
            targets.append(_target(eng, size, f"import of 100,000 rows < {TARGET_IMPORT_SECONDS:g} s",
                                   seconds, TARGET_IMPORT_SECONDS, " s", strict=True))
            targets.append(_target(eng, size, f"import keeps the read model at ≥ {TARGET_IMPORT_ROWS_PER_S:,} rows/s",
                                   run.get("import", {}).get("rows_per_s"), TARGET_IMPORT_ROWS_PER_S,
                                   " rows/s", at_least=True))
        if size == 100_000:
            targets.append(_target(eng, size, f"statistics page's report < {TARGET_PAGE_REPORT_MS:g} ms server time",
                                   run.get("report", {}).get("page_report_ms"), TARGET_PAGE_REPORT_MS, " ms",
                                   strict=True))
            targets.append(_target(eng, size, f"the same report asked again < {TARGET_PAGE_REPORT_MS:g} ms",
                                   run.get("report", {}).get("page_report_cached_ms"), TARGET_PAGE_REPORT_MS,
                                   " ms", strict=True))
        if size == 1_000_000:
            ratio = run.get("report", {}).get("ratio")
            targets.append(_target(eng, size, f"report over 1,000,000 within {TARGET_REPORT_RATIO:g}× DuckDB",
                                   ratio, TARGET_REPORT_RATIO, "×"))
    if len(sizes) > 1:
        for eng in engines:
            small = next((r for r in runs if r["engine"] == eng and r["size"] == sizes[0]), {})
            large = next((r for r in runs if r["engine"] == eng and r["size"] == sizes[-1]), {})
            a, b = small.get("report", {}).get("maxrss_mb"), large.get("report", {}).get("maxrss_mb")
            targets.append(_target(eng, sizes[-1], f"report memory does not grow ({sizes[-1]:,} vs {sizes[0]:,}, ≤ {TARGET_MEMORY_GROWTH}×)",
                                   b / a if a and b else None, TARGET_MEMORY_GROWTH, "×"))
    for eng in engines:
        targets += _page_targets(results, eng)
    return targets


def _num(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:,.{digits}f}"
    else:
        text = f"{value:,}"
    return f"{text}{unit}"


def _digits(unit: str) -> int:
    return {" ms": 1, " rows/s": 0}.get(unit, 2)


def verdict(target: dict) -> str:
    """"met, … to spare" or "missed by …" (how far, also in per cent of the limit)."""
    value, limit, unit = target["value"], target["limit"], target["unit"]
    if target["met"] is None:
        return "not measured"
    gap = abs(value - limit)
    if target["met"]:
        return f"met, {_num(gap, unit, _digits(unit))} to spare"
    if (value >= limit) if target.get("at_least") else (value <= limit):  # within, but requests failed
        return f"**missed**: {target['failed']}"
    sign = "−" if target.get("at_least") else "+"
    text = f"**missed** by {_num(gap, unit, _digits(unit))} ({sign}{gap / limit * 100:.0f} %)"
    return text + (f"; {target['failed']}" if target.get("failed") else "")


PAGE_LABELS = {"static": "static file (whitenoise)", "floor": "framework floor",
               "list": "case list", "detail": "case page"}


def _server_cpu(res: dict) -> str:
    cpu = res.get("cpu_ms_per_request") or {}
    if "gunicorn" not in cpu:
        return "—"
    if "postgres" not in cpu:
        return _num(cpu["gunicorn"], digits=2)
    return (f"{_num(cpu['gunicorn'], digits=2)} + {_num(cpu['postgres'], digits=2)} "
            f"= {_num(res.get('server_cpu_ms_per_request'), digits=2)}")


def pages_table(results: dict) -> list[str]:
    """Floor, list and case page side by side: what each costs the server, and how long a user
    waits alone and among the other clients."""
    clients = results["config"]["clients"]
    lines = [
        f"| engine | applications | page | server CPU ms per request ({clients} clients; gunicorn"
        f" [+ PostgreSQL]) | ÷ floor | p95 ms, 1 client alone | p95 ms, {clients} clients | "
        f"req/s, {clients} clients | load generator CPU ms per request |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in results["runs"]:
        eng, size, web = run["engine"], f"{run['size']:,}", run.get("web", {})
        if not web:
            why = ("not measured" if any(n.startswith("pages") for n in run.get("notes", []))
                   else "missing")
            lines.append(f"| {eng} | {size} | pages | {why} | — | — | — | — | — |")
            continue
        floor_cpu = (web.get("floor") or {}).get("server_cpu_ms_per_request")
        for page, label in PAGE_LABELS.items():
            res = web.get(page)
            if page == "floor":
                label += f" (`{web.get('floor_page', FLOOR_PAGE)}`)"
            elif page == "list":
                label += " (filter + name search)"
            if not isinstance(res, dict) or res.get("p95_ms") is None:
                why = res.get("error", "missing") if isinstance(res, dict) else "missing"
                lines.append(f"| {eng} | {size} | {label} | {why} | — | — | — | — | — |")
                continue
            server = res.get("server_cpu_ms_per_request")
            ratio = server / floor_cpu if server and floor_cpu else None
            failed = f" ({res['errors']:,} failed)" if res.get("errors") else ""
            lines.append(
                f"| {eng} | {size} | {label} | {_server_cpu(res)} | {_num(ratio, '×', 2)} | "
                f"{_num((res.get('single_client') or {}).get('p95_ms'))} | {_num(res['p95_ms'])}{failed} | "
                f"{_num(res.get('rps'), digits=0)} | "
                f"{_num((res.get('cpu_ms_per_request') or {}).get('load_generator'), digits=2)} |")
    return lines


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Run {results['started_at'][:16].replace('T', ' ')} UTC, commit {m['git_commit']}: "
        f"{m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}, "
        f"SQLite {m['sqlite']}, PostgreSQL {m['postgresql'] or '—'}, DuckDB {m['duckdb']}, "
        f"gunicorn {m['gunicorn']}; {results['config']['clients']} clients × "
        f"{results['config']['seconds']:g} s per page; report as of {results['config']['as_of']}, "
        f"years {results['config']['years']} (median of {results['config']['repeat']}). "
        f"Load average (1 min) when the run started: {results['loadavg_start']:.1f}, "
        f"highest seen after a measurement: {results['loadavg_max']:.1f}.",
        "",
        "| engine | applications | figure | ours | plain way | ratio (ours ÷ plain) |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for run in results["runs"]:
        eng, size = run["engine"], f"{run['size']:,}"
        imp = run.get("import", {})
        if imp.get("seconds"):
            lines.append(f"| {eng} | {size} | import (`import-register`), rows/s | "
                         f"{_num(imp['rows_per_s'], digits=0)} ({_num(imp['seconds'], ' s')}, CPU {_num(imp.get('cpu_seconds'), ' s')}) | "
                         f"{_num(imp['baseline_rows_per_s'], digits=0)} ({imp['baseline']}) | "
                         f"{_num(imp.get('ratio'), '×')} |")
        else:
            why = "not measured" if any(n.startswith("import") for n in run.get("notes", [])) else "missing"
            lines.append(f"| {eng} | {size} | import, rows/s | {why} | "
                         f"{_num(imp.get('baseline_rows_per_s'), digits=0)} | — |")
        rep = run.get("report", {})
        if rep.get("seconds"):
            base_cpu = results["baselines"].get(str(run["size"]), {}).get("duckdb_report_cpu_seconds")
            lines.append(f"| {eng} | {size} | report (`report --format json`), s | {_num(rep['seconds'], digits=2)} (CPU {_num(rep.get('cpu_seconds'), digits=2)}) | "
                         f"{_num(rep['baseline_seconds'], digits=2)} (CPU {_num(base_cpu, digits=2)}) (DuckDB) | {_num(rep['ratio'], '×')} |")
            lines.append(f"| {eng} | {size} | report peak memory (ru_maxrss), MB | {_num(rep['maxrss_mb'], digits=0)} | "
                         f"{_num(rep['baseline_maxrss_mb'], digits=0)} (DuckDB) | {_num(rep['maxrss_mb'] / rep['baseline_maxrss_mb'], '×')} |")
            if rep.get("page_report_ms"):
                lines.append(f"| {eng} | {size} | statistics page's report (`report_with_extra`, warm), ms | "
                             f"{_num(rep['page_report_ms'])} | — | — |")
            if rep.get("page_report_cached_ms"):
                lines.append(f"| {eng} | {size} | the same report asked again (`report_for`, cached under the "
                             f"data's version), ms | {_num(rep['page_report_cached_ms'])} | — | — |")
        else:
            lines.append(f"| {eng} | {size} | report, s | missing | — | — |")
    lines += ["", *pages_table(results)]
    lines += ["", "| engine | applications | target | value | limit | result |", "|---|---:|---|---:|---:|---|"]
    for t in results["targets"]:
        digits = _digits(t["unit"])
        lines.append(f"| {t['engine']} | {t['size']:,} | {t['target']} | {_num(t['value'], t['unit'], digits)} | "
                     f"{_num(t['limit'], t['unit'], digits)} | {verdict(t)} |")
    notes = [f"{r['engine']} {r['size']:,}: {m}" for r in results["runs"] for m in r.get("notes", [])]
    if notes:
        lines += ["", "Not measured by design:", ""] + [f"- {m}" for m in notes]
    missing = [f"{r['engine']} {r['size']:,}: {m}" for r in results["runs"] for m in r["missing"]]
    if missing:
        lines += ["", "Missing or substituted figures:", ""] + [f"- {m}" for m in missing]
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--markdown":
        # Re-print the table of an earlier run: python -m bench --markdown FILE.json
        results = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
        results["targets"] = evaluate_targets(results)
        print(markdown(results))
        return 0
    cfg = Config.from_env()
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    work = cfg.out_dir / "work"
    work.mkdir(exist_ok=True)
    if "postgres" in cfg.engines and not pg_available(cfg):
        log(f"PostgreSQL at {cfg.pg_base} does not answer: PostgreSQL runs SKIPPED")
        cfg.engines = [e for e in cfg.engines if e != "postgres"]
    started = datetime.now(UTC)
    results = {"started_at": started.isoformat(timespec="seconds"), "config": {
        k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items() if k != "python"}}
    results["machine"] = machine_info(cfg)
    # The machine may be shared: load from others makes wall times longer. Recorded, not hidden.
    results["loadavg_start"] = os.getloadavg()[0]
    results["registers"], results["baselines"], results["runs"] = {}, {}, []
    date.fromisoformat(cfg.as_of)  # fail early on a bad date
    for size in cfg.sizes:
        csv_path = work / f"register-{size}.csv"
        log(f"register of {size:,} applications")
        results["registers"][str(size)] = write_register(csv_path, size, seed=cfg.seed, source=cfg.generator)
        log(f"DuckDB baselines for {size:,}")
        baselines = measure_baselines(cfg, size, csv_path, work)
        results["baselines"][str(size)] = baselines
        for engine in cfg.engines:
            try:
                results["runs"].append(run_one(cfg, engine, size, csv_path, work, baselines))
            except Exception as error:  # noqa: BLE001 — one failed run must not lose the others
                log(f"{engine} {size:,} failed: {error}")
                results["runs"].append({"engine": engine, "size": size, "error": str(error)[-800:],
                                        "missing": [f"run failed: {str(error)[:200]}"], "notes": []})
        if not cfg.keep:
            csv_path.unlink(missing_ok=True)
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["loadavg_max"] = max([os.getloadavg()[0]] + [
        v for r in results["runs"] for v in _loadavgs(r)])
    results["targets"] = evaluate_targets(results)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    table = markdown(results)
    (cfg.out_dir / f"bench-{stamp}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    (cfg.out_dir / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    (cfg.out_dir / f"bench-{stamp}.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    log(f"results: {cfg.out_dir / f'bench-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
