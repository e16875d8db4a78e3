"""Serve the app as in production (gunicorn + production settings + whitenoise) and load it.

The load generator is deliberately small: N client threads, each with its own keep-alive
``http.client`` connection and its own session cookie, requesting back to back (closed loop)
until the time is up or the request budget is spent. It only talks to loopback addresses.
Latency is measured from sending the request to having read the whole body.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = ("127.0.0.1", "::1")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_workers() -> int:
    # The production configuration's default (haertefall.config.gunicorn): cores + 1.
    default = os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1
    return int(os.environ.get("BENCH_WORKERS") or default)


class Gunicorn:
    """gunicorn with the production configuration (``haertefall.config.gunicorn``) on
    127.0.0.1, started and stopped by us."""

    def __init__(self, *, env: dict, python: str, port: int | None = None, workers: int | None = None,
                 log_path: str | None = None):
        self.port = port or free_port()
        self.workers = workers or gunicorn_workers()
        self.argv = [
            python, "-m", "gunicorn", "-c", "python:haertefall.config.gunicorn",
            "haertefall.config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--log-level", "warning",
        ]
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=log)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode} (log: {self.log_path})")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not start within 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def summary(self) -> dict:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            # nearest-rank percentile
            if not lat:
                return 0.0
            return lat[min(len(lat) - 1, max(0, math.ceil(p / 100 * len(lat)) - 1))] * 1000

        return {
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "rps": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(pct(50), 2),
            "p95_ms": round(pct(95), 2),
            "p99_ms": round(pct(99), 2),
            "mean_ms": round(statistics.fmean(lat) * 1000, 2) if lat else 0.0,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


def load(*, host: str, port: int, paths: list[str], clients: int, seconds: float,
         cookies: list[str] | None = None, max_requests: int = 1_000_000,
         headers: dict | None = None) -> dict:
    """Closed-loop load: ``clients`` threads request ``paths`` round-robin for ``seconds``."""
    if host not in LOOPBACK:
        raise ValueError("The load generator only talks to loopback addresses.")
    if not paths:
        raise ValueError("No paths to load.")
    result = LoadResult()
    lock = threading.Lock()
    budget = [max_requests]
    stop_at = time.perf_counter() + seconds
    start_gate = threading.Barrier(clients + 1)

    def client(number: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        hdrs = {"Host": host, "User-Agent": "haertefall-bench", **(headers or {})}
        if cookies:
            hdrs["Cookie"] = cookies[number % len(cookies)]
        latencies, statuses, errors, done = [], {}, 0, 0
        i = number
        start_gate.wait()
        while time.perf_counter() < stop_at:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = paths[i % len(paths)]
            i += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=hdrs)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                status = 0
            elapsed = time.perf_counter() - began
            done += 1
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                errors += 1
            latencies.append(elapsed)
        conn.close()
        with lock:
            result.requests += done
            result.errors += errors
            result.latencies.extend(latencies)
            for k, v in statuses.items():
                result.statuses[k] = result.statuses.get(k, 0) + v

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    start_gate.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - began
    return result.summary()


def probe(host: str, port: int, path: str, cookie: str | None = None) -> tuple[int, int]:
    """One request; (status, body bytes). Used to fail early on 302/403/404 instead of loading them."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    hdrs = {"Host": host}
    if cookie:
        hdrs["Cookie"] = cookie
    conn.request("GET", path, headers=hdrs)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, len(body)


# A client backend's title: "postgres: [cluster: ]user database host(port) activity".
_PG_CLIENT = re.compile(r"^postgres: (?:\S+: )?\S+ (\S+) (?:\[local\]|\S+\(\d+\))")


def _pg_counts(cmdline: str, database: str | None) -> bool:
    """Whether a PostgreSQL process works for the bench: the client backends of its database
    and the server's shared processes (WAL writer, checkpointer, …), not the connections of
    others to other databases on a shared machine (a test suite running beside the bench)."""
    client = _PG_CLIENT.match(cmdline)
    return client is None or database is None or client.group(1) == database


def process_cpu_seconds(root_pid: int | None, *, postgres: bool,
                        pg_database: str | None = None) -> dict[str, dict[int, float]]:
    """CPU seconds (user + system) used so far, per process: ``gunicorn`` (the master
    ``root_pid`` and its workers), ``postgres`` (with ``postgres``: the PostgreSQL server
    processes that serve ``pg_database`` or the whole server; the database runs on the same
    cores) and ``load_generator`` (this process). Linux ``/proc``; empty elsewhere. Read before
    and after a load; ``cpu_seconds_between`` turns two readings into the CPU one request costs
    the server side: unlike the latency, it does not depend on how the cores were shared."""
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    own = os.times()
    # The load generator runs in this process: the same work per request whatever the code
    # under test does, so its CPU per request shows how fast the machine is at the moment.
    readings: dict[str, dict[int, float]] = {"gunicorn": {}, "postgres": {},
                                             "load_generator": {os.getpid(): own.user + own.system}}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        pid, ppid = int(stat.parent.name), int(fields[1])
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if root_pid is not None and (pid == root_pid or ppid == root_pid):
            readings["gunicorn"][pid] = seconds
        elif postgres and name.startswith("postgres"):
            try:
                cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if _pg_counts(cmdline.strip(), pg_database):
                readings["postgres"][pid] = seconds
    return readings


def cpu_seconds_between(before: dict[str, dict[int, float]],
                        after: dict[str, dict[int, float]]) -> dict[str, float]:
    """CPU seconds used between two readings, per group: each process still running counts
    what it used since the first reading (all of it if it started since). A process that ended
    in between is missing from the second reading, so its last moments are not counted; before,
    its whole past was subtracted, which made the PostgreSQL share negative when a connection
    closed during the load."""
    return {group: sum(seconds - before.get(group, {}).get(pid, 0.0) for pid, seconds in pids.items())
            for group, pids in after.items()}


if __name__ == "__main__":  # tiny manual check: python -m bench.web PORT PATH
    print(load(host="127.0.0.1", port=int(sys.argv[1]), paths=[sys.argv[2]], clients=4, seconds=2))
