"""gunicorn settings for production.

    gunicorn -c python:haertefall.config.gunicorn haertefall.config.wsgi:application

Sync workers, one more than the machine has cores (``WEB_CONCURRENCY`` overrides): the pages
are CPU-bound (SQLite or a PostgreSQL on the same host answer in well under a millisecond),
so more workers than cores only make them take turns and evict each other from the CPU
caches — measured in docs/benchmarks.md. The application is loaded once in the master and
its objects frozen out of the garbage collector's view before the workers are forked: the
collector then neither scans nor copies the thousands of long-lived objects Django keeps.
A reverse proxy in front terminates TLS and buffers slow clients (see docs/operations.md).
"""

import gc
import os

bind = os.environ.get("HAERTEFALL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "sync"
timeout = int(os.environ.get("HAERTEFALL_WORKER_TIMEOUT", "120"))
graceful_timeout = 30
preload_app = True
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 — gunicorn's heartbeat files
accesslog = os.environ.get("HAERTEFALL_ACCESS_LOG") or None
# Request lines only, never query strings: the case search puts names there.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


def when_ready(server):
    # After the app is loaded (preload_app), before the first fork.
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    # Connections must never be shared across processes; the master opened none, but be sure.
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()
