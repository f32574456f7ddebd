#!/usr/bin/env python3
"""The Spark application of scripts/sql-cluster-spark: runs a script of `soko sql --dialect spark`
on the cluster that spark-submit names and writes the rows of its last statement as
`soko run --format csv` writes them.

    spark-submit --master spark://HOST:7077 scripts/sql-cluster-spark-job.py RULES.sql OUT.csv [HEADER]

HEADER is the first line of `soko run --format csv` (default: the query's column names, which
are the same). The statements are split, run and their values written as scripts/sql-check does
(scripts/sql_engines.py), so the comparison is the same byte for byte. Prints the seconds until
the last statement is planned and until its rows are in the driver.
"""
import pathlib
import sys
import time

sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sql_engines  # noqa: E402


def main():
    script_path, out_path = sys.argv[1], sys.argv[2]
    from pyspark.sql import SparkSession
    # spark-submit has set the master; sql_engines builds its session with the same one.
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    script = open(script_path, encoding="utf-8").read()
    started = time.perf_counter()
    frame = None
    for statement in sql_engines.statements(script):
        frame = spark.sql(statement)
    planned = time.perf_counter() - started
    header = sys.argv[3].split(",") if len(sys.argv) > 3 else frame.columns
    rows = [tuple(sql_engines.text(v) for v in row) for row in frame.collect()]
    elapsed = time.perf_counter() - started
    with open(out_path, "w", encoding="utf-8", newline="") as handle:
        handle.write(sql_engines.soko_csv(rows, header))
    executors = spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1
    print(f"job: master {spark.sparkContext.master}, {executors} executors, {len(rows)} rows; "
          f"statements run and planned in {planned:.1f} s, rows in the driver at {elapsed:.1f} s")
    spark.stop()


if __name__ == "__main__":
    main()
