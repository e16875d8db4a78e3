"""Which PostgreSQL processes count as the server side of a page (bench.web)."""

import pytest

from bench.web import _pg_counts


@pytest.mark.parametrize(("title", "counts"), [
    ("postgres: 15/main: postgres hf_bench_100000 127.0.0.1(54321) idle", True),
    ("postgres: postgres hf_bench_100000 [local] SELECT", True),
    ("postgres: 15/main: walwriter", True),
    ("postgres: 15/main: checkpointer", True),
    ("postgres: 15/main: background writer", True),
    # Others on a shared machine: a test suite's connections to its own database.
    ("postgres: 15/main: postgres test_haertefall 127.0.0.1(40000) idle in transaction", False),
    ("postgres: postgres test_haertefall ::1(40000) idle", False),
])
def test_only_the_bench_database_and_the_shared_processes_count(title, counts):
    assert _pg_counts(title, "hf_bench_100000") is counts


def test_a_connection_that_closed_during_the_load_does_not_make_the_cpu_negative():
    from bench.web import cpu_seconds_between

    before = {"gunicorn": {10: 5.0, 11: 6.0}, "postgres": {20: 9.0, 21: 1.0}, "load_generator": {1: 2.0}}
    # Backend 20 (9 s of CPU in its past) ended; backend 22 started and used 0.5 s.
    after = {"gunicorn": {10: 5.5, 11: 6.25}, "postgres": {21: 1.25, 22: 0.5}, "load_generator": {1: 2.5}}
    used = cpu_seconds_between(before, after)
    assert used == {"gunicorn": 0.75, "postgres": 0.75, "load_generator": 0.5}
