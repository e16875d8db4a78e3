"""The embedded SQLite database as configured (Django's own options, decision 0095): the web app
and an import writing at the same moment both succeed, the second writer waits for the first
instead of failing with "database is locked", and every commit is synced to disk.

Run in a separate process on a database file of its own: the test database is in memory."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's own locking; PostgreSQL locks rows (tested in the services' tests)")

PROBE = r"""
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, writer TEXT)")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
connection.close()

first_has_lock = threading.Event()
errors, waited = [], []

def write(name, hold):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO entry (writer) VALUES (%s)", [name])
            if hold:
                first_has_lock.set()
                time.sleep(1.0)  # a long import step holding the write lock
    except Exception as error:
        errors.append(repr(error))
    finally:
        first_has_lock.set()
        connection.close()

def second():
    first_has_lock.wait(5)
    started = time.monotonic()
    write("web", False)
    waited.append(time.monotonic() - started)

threads = [threading.Thread(target=write, args=("import", True)), threading.Thread(target=second)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(30)
with connection.cursor() as cursor:
    rows = [r[0] for r in cursor.execute("SELECT writer FROM entry ORDER BY id").fetchall()]
print(json.dumps({"mode": mode, "synchronous": synchronous, "errors": errors, "waited": waited, "rows": rows}))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="haertefall.config.settings.test",
               HAERTEFALL_DATA_DIR=str(tmp_path_factory.mktemp("sqlite")))
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=60, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_database_runs_in_wal_mode_and_syncs_every_commit(probe):
    assert probe["mode"] == "wal"
    assert probe["synchronous"] == 2  # FULL


def test_a_second_writer_waits_for_the_first_and_both_are_saved(probe):
    assert probe["errors"] == []
    assert probe["waited"][0] > 0.5  # it waited for the lock instead of failing
    assert probe["rows"] == ["import", "web"]
