#!/usr/bin/env python3
"""The benchmark's oracle: runs reference.sql (beside this file) in DuckDB.

    python3 bench/duckdb_reference.py INPUT.csv OUTPUT.csv [--threads N] [--script FILE.sql]

INPUT.csv is a table from sokogen (UTF-8, comma-separated, as DuckDB's CSV sniffer reads it by
default). OUTPUT.csv gets one line per fired rule, `school_id,year,rule,severity`, sorted by
school_id, year, rule: the lines Soko must print for examples/benchmark/benchmark.soko.
`--script participants.sql` runs the per-participant roll-up instead (INPUT from
`sokogen --participants`, OUTPUT `school_id,rule,severity`). The seconds DuckDB spent go to
standard error. Needs the duckdb package (pip install duckdb).
"""
import argparse
import pathlib
import re
import sys
import time

SCRIPT = pathlib.Path(__file__).resolve().with_name("reference.sql")


def sql_string(text):
    """`text` as the body of a single-quoted SQL literal."""
    return text.replace("'", "''")


def statements(script):
    """The script's statements: comment lines dropped, split at a semicolon that ends a line."""
    body = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))
    return [part.strip() for part in re.split(r";[ \t]*$", body, flags=re.MULTILINE) if part.strip()]


def main():
    parser = argparse.ArgumentParser(description="Run the benchmark rule set's reference SQL in DuckDB.")
    parser.add_argument("input", help="the table, as written by sokogen")
    parser.add_argument("output", help="where to write school_id,year,rule,severity")
    parser.add_argument("--threads", type=int, default=1, help="DuckDB worker threads (default 1)")
    parser.add_argument("--script", default=str(SCRIPT), help="the SQL to run (default reference.sql beside this file)")
    args = parser.parse_args()
    if args.threads < 1:
        parser.error("--threads must be 1 or more")

    try:
        import duckdb
    except ImportError:
        sys.exit("duckdb_reference.py: the duckdb package is not installed (pip install duckdb)")

    script = pathlib.Path(args.script).read_text(encoding="utf-8")
    script = script.replace("$INPUT", sql_string(args.input)).replace("$OUTPUT", sql_string(args.output))
    connection = duckdb.connect()
    connection.execute(f"SET threads = {args.threads}")
    started = time.perf_counter()
    for statement in statements(script):
        connection.execute(statement)
    elapsed = time.perf_counter() - started
    print(f"duckdb {duckdb.__version__}, {args.threads} thread(s): {elapsed:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
