"""The statistics page's report in a warm server process: counted, and asked again.

What the statistics page computes per request (tables 6.1–6.6 and ``extra``), measured inside
one process after a warm-up, as a gunicorn worker would run it: the server time of the report
without Django's start, the login and the rendering. ``median_ms``: the report counted
(``report_with_extra``, what the first request after a change costs); ``cached_median_ms``:
the same report asked again through ``report_for`` (decision 0124: Django's cache under the
data's version, which costs two counts). Prints JSON with the medians in ms.

Run in a child process: ``python -m bench.report_page AS_OF FIRST-LAST [REPEAT]``.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date


def main() -> int:
    import django

    django.setup()
    from haertefall.statistics.disclosure import report_for
    from haertefall.statistics.report import report_with_extra

    as_of = date.fromisoformat(sys.argv[1])
    first, last = (int(x) for x in sys.argv[2].split("-"))
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    years = range(first, last + 1)
    report_with_extra(as_of=as_of, years=years)  # warm-up: connection, caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        report_with_extra(as_of=as_of, years=years)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    report_for(as_of=as_of, years=years, public=False)  # counted once, kept
    cached = []
    for _ in range(repeat):
        started = time.perf_counter()
        report_for(as_of=as_of, years=years, public=False)
        cached.append((time.perf_counter() - started) * 1000)
    cached.sort()
    print(json.dumps({"median_ms": times[len(times) // 2], "runs_ms": [round(t, 1) for t in times],
                      "cached_median_ms": cached[len(cached) // 2],
                      "cached_runs_ms": [round(t, 1) for t in cached]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
