"""Benchmarks at the scale of all Länder together (``make bench``, docs/benchmarks.md).

A plain package beside ``src/``, not part of the product (it is neither installed nor
imported by ``haertefall``): the harness drives the project from the outside, through its
command line and a production gunicorn, the way an installation runs it. Only the small
helpers that must talk to the database (``session``, ``seed``) set Django up themselves, in
child processes started with the benchmark's environment. Run from the repository root with
``src`` on the path: ``scripts/bench.sh`` (``make bench``) or ``python -m bench``.
"""
