"""Django's SQLite backend, with write transactions queued through a lock file.

SQLite lets one writer in at a time. A second writer's ``BEGIN IMMEDIATE`` finds the database
locked and SQLite's busy handler retries after sleeping 1, 2, 5, 10, 15, 20, 25 … 100 ms: with
several web workers writing their audit entries, requests slept far longer than the writes
they waited for. Here every write transaction first takes an exclusive ``flock`` on
``<database>.writelock``; a waiting writer polls that lock at a fine interval and goes in
about as soon as the previous writer commits, and SQLite itself never has to wait. Readers
are not involved (WAL). After ``HAERTEFALL_SQLITE_WRITE_WAIT`` seconds (default: the
connection's ``timeout``, 5 s) the wait ends with the "database is locked" error SQLite would
have raised. In-memory databases (the test suite's default) have nothing to queue.
"""

import fcntl
import os
import time

from django.conf import settings
from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

WRITE_MODES = {"IMMEDIATE", "EXCLUSIVE"}


class DatabaseWrapper(base.DatabaseWrapper):
    _write_lock_fd: int | None = None
    _write_lock_held = False

    def _write_lock_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}.writelock"

    def _write_wait_seconds(self) -> float:
        configured = getattr(settings, "HAERTEFALL_SQLITE_WRITE_WAIT", None)
        if configured is not None:
            return float(configured)
        return float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))

    def _acquire_write_lock(self) -> None:
        path = self._write_lock_path()
        if path is None or self._write_lock_held:
            return
        if self._write_lock_fd is None:
            self._write_lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self._write_wait_seconds()
        pause = 0.0002
        while True:
            try:
                fcntl.flock(self._write_lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(pause)
                pause = min(pause * 1.5, 0.002)
        self._write_lock_held = True

    def _release_write_lock(self) -> None:
        if self._write_lock_held and self._write_lock_fd is not None:
            fcntl.flock(self._write_lock_fd, fcntl.LOCK_UN)
        self._write_lock_held = False

    def _start_transaction_under_autocommit(self):
        if self.transaction_mode in WRITE_MODES:
            self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_write_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_write_lock()
            if self._write_lock_fd is not None:
                os.close(self._write_lock_fd)
                self._write_lock_fd = None
