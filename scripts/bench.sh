#!/usr/bin/env bash
# Benchmarks at the scale of all Länder together; see docs/benchmarks.md.
# BENCH_SIZES, BENCH_SECONDS, BENCH_ENGINES … are read by haertefall.bench.run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${BENCH_PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export BENCH_PYTHON="$PY"
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p bench-results
exec "$PY" -m haertefall.bench "$@"
