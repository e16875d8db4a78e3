#!/usr/bin/env bash
# Benchmarks at the scale of all Länder together; see docs/benchmarks.md.
# The harness is the top-level package bench/ (not part of the product in src/).
# BENCH_SIZES, BENCH_SECONDS, BENCH_ENGINES … are read by bench/run.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${BENCH_PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export BENCH_PYTHON="$PY"
export PYTHONPATH="$PWD/src:$PWD${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p bench-results
exec "$PY" -m bench "$@"
