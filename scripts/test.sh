#!/usr/bin/env bash
# The whole test suite: SQLite always, PostgreSQL when it answers, browser tests when
# Debian's chromium is available (installed here when we are root and apt works).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0

bash scripts/system-deps.sh browser
if [ -x /usr/bin/chromium ]; then
  export HAERTEFALL_BROWSER=/usr/bin/chromium
else
  echo "!! /usr/bin/chromium missing: browser tests will be SKIPPED (install Debian's chromium)"
fi

echo "== Test suite on SQLite"
env -u DATABASE_URL $BIN/python -m pytest "$@" || status=1

PG_HOST=127.0.0.1
if $BIN/python - <<'PY'
import sys, psycopg
try:
    psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"!! PostgreSQL on 127.0.0.1:5432 does not answer ({exc.__class__.__name__}): PostgreSQL run SKIPPED")
    sys.exit(1)
PY
then
  echo "== Test suite on PostgreSQL (127.0.0.1:5432)"
  # Browser tests are engine-independent and already ran on SQLite.
  DATABASE_URL="postgres://postgres@${PG_HOST}:5432/haertefall" $BIN/python -m pytest -m "not browser" "$@" || status=1
else
  [ -n "${CI:-}" ] && { echo "!! CI requires PostgreSQL"; status=1; }
fi

if [ "$status" = 0 ]; then echo "== All test runs passed"; else echo "== Some test runs FAILED"; fi
exit $status
