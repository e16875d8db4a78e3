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
