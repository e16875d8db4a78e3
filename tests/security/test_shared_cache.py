"""Row 3 of docs/security.md: with HAERTEFALL_CACHE_URL the brake on failed logins from one
address counts across server processes (each gunicorn worker is its own process)."""

import os
import socket
import subprocess
import sys
import uuid

import pytest

REDIS = ("127.0.0.1", 6379)


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="Redis answers not on 127.0.0.1:6379")

WORKER = """
import django, sys
django.setup()
from haertefall.accounts.addresses import login_failure_record, login_wait_seconds
address, count = sys.argv[1], int(sys.argv[2])
for _ in range(count):
    login_failure_record(address)
print(login_wait_seconds(address))
"""


def _worker(address: str, count: int) -> int:
    env = {**os.environ, "HAERTEFALL_CACHE_URL": f"redis://{REDIS[0]}:{REDIS[1]}/15",
           "DJANGO_SETTINGS_MODULE": "haertefall.config.settings.test"}
    done = subprocess.run([sys.executable, "-c", WORKER, address, str(count)], env=env, capture_output=True,  # noqa: S603 - our own script
                          text=True, check=True, timeout=60)
    return int(done.stdout.strip().splitlines()[-1])


def test_failures_from_one_address_count_across_two_worker_processes(settings):
    address = f"203.0.113.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:6]}"
    burst = settings.HAERTEFALL_LOGIN_ADDRESS_BURST
    # Two workers each see fewer failures than the burst; together they reach it.
    assert _worker(address, burst // 2) == 0
    assert _worker(address, burst - burst // 2) > 0
    # A third process (a fresh worker) brakes the address too, without a failure of its own.
    assert _worker(address, 0) > 0
