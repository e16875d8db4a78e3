"""The fastest plain way to do the same work, as the yardstick for our figures.

- report: the tables 6.1–6.6 computed by DuckDB from its own database file, with the
  semantics of docs/decisions/0003-statistics-from-events.md applied to the register columns
  (a row's status as of the cut-off date D is the last of receipt / commission outcome /
  authority result whose date is <= D; a row counts for its receipt year when received <= D).
  As our report reads what the import stored, DuckDB first loads the register into a database
  file (``load``: dates parsed, each written nationality resolved to today's country — not
  timed, like our import), and a *new process* (``report``) opens that file and computes the
  tables: the same work as ``haertefall report`` (issue 18);
- import: DuckDB ``read_csv`` into a table of a database file, and PostgreSQL ``COPY`` of the
  raw file into a table of text columns (no checks, no country resolution: the floor).

Run as ``python -m bench.baseline load CSV DB`` once, then
``python -m bench.baseline report DB --as-of 2024-11-15 --years 2005-2023`` so that the report
is timed as a fresh process, like our ``haertefall report``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

TOP = 12
# Founding years: in table 6.1 only, left out of the analysis tables 6.2–6.6.
SPECIAL_YEARS = frozenset({2005, 2006})

_DATE = (
    "coalesce(try_strptime(trim({col}), '%d.%m.%Y'), try_strptime(trim({col}), '%Y-%m-%d'))::DATE"
)


def _read_register(con, csv_path: str) -> None:
    # all_varchar: the register is text as people wrote it; we parse what we need.
    con.execute(
        "CREATE TEMP TABLE reg AS SELECT * FROM read_csv(?, header=true, all_varchar=true, "
        "auto_detect=true)", [csv_path],
    )


def _country_map(con) -> None:
    """Resolve each distinct written nationality once, in Python, to today's country."""
    from haertefall.registers.country_lookup import default_index, german_sort_key

    index = default_index()
    raws = [r[0] for r in con.execute('SELECT DISTINCT "Staatsangehörigkeit" FROM reg').fetchall()]
    rows = []
    for raw in raws:
        record = index.resolve_current(raw or "")
        if record is None:
            raise ValueError(f"Unbekannte Staatsangehörigkeit im Register: {raw!r}")
        key = german_sort_key(record.sort_name)
        rows.append((raw, record.name, key[0], key[1]))
    con.execute("CREATE TEMP TABLE country_map(raw VARCHAR, name VARCHAR, sk1 VARCHAR, sk2 VARCHAR)")
    con.executemany("INSERT INTO country_map VALUES (?, ?, ?, ?)", rows)


def duckdb_load(csv_path: str | Path, db_path: str | Path) -> int:
    """The register into a DuckDB database file, typed: what the report reads (not timed)."""
    import duckdb

    Path(db_path).unlink(missing_ok=True)
    con = duckdb.connect(str(db_path))
    _read_register(con, str(csv_path))
    _country_map(con)
    received = _DATE.format(col='"Eingangsdatum"')
    decided = _DATE.format(col='"Erledigungsdatum"')
    resulted = _DATE.format(col='"Ergebnisdatum"')
    con.execute(
        f"""
        CREATE TABLE register AS
        SELECT {received} AS received, {decided} AS decided, {resulted} AS resulted,
               lower(trim(coalesce("Erledigung", ''))) AS erl,
               lower(trim(coalesce("Ergebnis Ersuchen", ''))) AS erg,
               "Staatsangehörigkeit" AS raw
        FROM reg
        """  # noqa: S608 - only our own constant date expressions are formatted in
    )
    con.execute("CREATE TABLE countries AS SELECT * FROM country_map")
    count = con.execute("SELECT count(*) FROM register").fetchone()[0]
    con.close()
    return count


def duckdb_report(db_path: str | Path, *, as_of: date, first: int, last: int) -> dict:
    """Tables 6.1–6.6 from the database file of ``duckdb_load``."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    con.execute(
        """
        CREATE TEMP TABLE st AS
        SELECT year(received) AS year, raw,
            CASE
              WHEN erl = 'ersuchen' AND decided <= $d THEN
                CASE WHEN resulted <= $d AND erg = 'gefolgt' THEN 'followed'
                     WHEN resulted <= $d AND erg = 'nicht gefolgt' THEN 'not_followed'
                     WHEN resulted <= $d AND erg = 'andere erledigung' THEN 'request_other'
                     ELSE 'request_open' END
              WHEN erl = 'kein ersuchen' AND decided <= $d THEN 'no_request'
              WHEN erl = 'andere erledigung' AND decided <= $d THEN 'other_closure'
              ELSE 'open'
            END AS status
        FROM register
        WHERE received <= $d AND year(received) BETWEEN $first AND $last
        """,
        {"d": as_of, "first": first, "last": last},
    )
    applications = {str(y): 0 for y in range(first, last + 1)}
    for year, n in con.execute("SELECT year, count(*) FROM st GROUP BY year").fetchall():
        applications[str(year)] = n
    analysis = [y for y in range(first, last + 1) if y not in SPECIAL_YEARS]

    outcomes, request_outcomes = {}, {}
    for row in con.execute(
        """
        SELECT year, count(*),
               count(*) FILTER (WHERE status IN ('request_open','followed','not_followed','request_other')),
               count(*) FILTER (WHERE status = 'no_request'),
               count(*) FILTER (WHERE status = 'other_closure'),
               count(*) FILTER (WHERE status = 'open'),
               count(*) FILTER (WHERE status = 'followed'),
               count(*) FILTER (WHERE status = 'not_followed'),
               count(*) FILTER (WHERE status = 'request_other'),
               count(*) FILTER (WHERE status = 'request_open')
        FROM st GROUP BY year
        """
    ).fetchall():
        year, apps, req, noreq, other, open_, fol, notfol, reqother, reqopen = row
        outcomes[str(year)] = {"applications": apps, "requests": req, "no_request": noreq,
                               "other_closure": other, "open": open_}
        request_outcomes[str(year)] = {"requests": req, "followed": fol, "not_followed": notfol,
                                       "other_closure": reqother, "open": reqopen}
    empty_o = {"applications": 0, "requests": 0, "no_request": 0, "other_closure": 0, "open": 0}
    empty_r = {"requests": 0, "followed": 0, "not_followed": 0, "other_closure": 0, "open": 0}

    countries = {str(y): {"top": [], "others": 0, "total": 0} for y in analysis}
    for year, name, n, rank in con.execute(
        """
        WITH c AS (
            SELECT st.year, m.name, min(m.sk1) AS sk1, min(m.sk2) AS sk2, count(*) AS n
            FROM st JOIN countries m ON m.raw IS NOT DISTINCT FROM st.raw
            GROUP BY st.year, m.name
        )
        SELECT year, name, n, row_number() OVER (PARTITION BY year ORDER BY n DESC, sk1, sk2) AS rank
        FROM c ORDER BY year, rank
        """
    ).fetchall():
        entry = countries.get(str(year))
        if entry is None:
            continue
        entry["total"] += n
        if rank <= TOP:
            entry["top"].append({"country": name, "count": n})
        else:
            entry["others"] += n
    con.close()
    return {
        "as_of": as_of.isoformat(),
        "years": list(range(first, last + 1)),
        "applications": applications,
        "countries": countries,
        "outcomes": {str(y): outcomes.get(str(y), dict(empty_o)) for y in analysis},
        "request_outcomes": {str(y): request_outcomes.get(str(y), dict(empty_r)) for y in analysis},
    }


def duckdb_import(csv_path: str | Path, db_path: str | Path) -> int:
    """Load the raw register into a DuckDB database file; returns the row count."""
    import duckdb

    Path(db_path).unlink(missing_ok=True)
    con = duckdb.connect(str(db_path))
    con.execute(
        "CREATE TABLE register AS SELECT * FROM read_csv(?, header=true, all_varchar=true)",
        [str(csv_path)],
    )
    count = con.execute("SELECT count(*) FROM register").fetchone()[0]
    con.close()
    return count


def pg_copy(csv_path: str | Path, dsn: str) -> int:
    """COPY the raw register file into a PostgreSQL table of text columns."""
    import psycopg

    with open(csv_path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\r\n").split(";")
    columns = ", ".join(f'"{c}" text' for c in header)
    with psycopg.connect(dsn) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_register_copy")
        conn.execute(f"CREATE TABLE bench_register_copy ({columns})")
        with conn.cursor() as cur, open(csv_path, "rb") as fh:
            with cur.copy(
                "COPY bench_register_copy FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')"
            ) as copy:
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
        count = conn.execute("SELECT count(*) FROM bench_register_copy").fetchone()[0]
        conn.execute("DROP TABLE bench_register_copy")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline")
    sub = parser.add_subparsers(dest="what", required=True)
    load = sub.add_parser("load")
    load.add_argument("csv")
    load.add_argument("db")
    rep = sub.add_parser("report")
    rep.add_argument("db")
    rep.add_argument("--as-of", required=True, type=date.fromisoformat)
    rep.add_argument("--years", required=True)
    imp = sub.add_parser("import-duckdb")
    imp.add_argument("csv")
    imp.add_argument("db")
    cp = sub.add_parser("copy-postgres")
    cp.add_argument("csv")
    cp.add_argument("dsn")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.what == "report":
        first, last = (int(x) for x in args.years.split("-"))
        json.dump(duckdb_report(args.db, as_of=args.as_of, first=first, last=last), sys.stdout,
                  ensure_ascii=False)
    elif args.what == "load":
        print(json.dumps({"rows": duckdb_load(args.csv, args.db)}))
    elif args.what == "import-duckdb":
        print(json.dumps({"rows": duckdb_import(args.csv, args.db)}))
    else:
        print(json.dumps({"rows": pg_copy(args.csv, args.dsn)}))
    print(f"\n# {time.perf_counter() - started:.3f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
