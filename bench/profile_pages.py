"""Where a page's time goes: CPU per request, queries, and the top of a cProfile.

Run against a bench database (``BENCH_KEEP=1 make bench`` keeps them) with the same
environment as the run, e.g.::

    DJANGO_SETTINGS_MODULE=haertefall.config.settings.production DJANGO_SECRET_KEY=… \\
    HAERTEFALL_DATA_DIR=bench-results/work/sqlite-100000 ALLOWED_HOSTS=127.0.0.1 \\
    python -m bench.profile_pages [REQUESTS]

In-process with Django's test client (no server, no concurrency): the service time of the
view itself, which the load test's single-client figure adds the HTTP server to.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time


def profile(requests: int = 5) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .session import prepare

    info = prepare(1, samples=max(requests, 5))
    client = Client()
    client.cookies[info["cookie"]] = info["sessions"][0]
    pages = {"list": [info["list_url"]] if info["list_url"] else [],
             "detail": info["detail_urls"][:requests]}
    for name, urls in pages.items():
        if not urls:
            print(f"{name}: no URL (cases pages missing)")
            continue
        client.get(urls[0], HTTP_HOST="127.0.0.1")  # warm caches
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(requests):
            client.get(urls[i % len(urls)], HTTP_HOST="127.0.0.1")
        cpu_ms = (time.process_time() - cpu) / requests * 1000
        wall_ms = (time.perf_counter() - wall) / requests * 1000
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[0], HTTP_HOST="127.0.0.1")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        print(f"{name} {urls[0]}: {cpu_ms:.1f} ms CPU, {wall_ms:.1f} ms wall per request, "
              f"{len(queries.captured_queries)} queries")
        for q in slowest:
            print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:140]}")
        prof = cProfile.Profile()
        prof.enable()
        client.get(urls[0], HTTP_HOST="127.0.0.1")
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(r"haertefall|widgets|render\(", 15)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-3000:])


def main() -> int:
    import django

    django.setup()
    profile(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
