#!/usr/bin/env python3
"""The Spark application of scripts/sql-cluster-spark: runs a script of `soko sql --dialect spark`
on the cluster that spark-submit names and writes the rows of its last statement as
`soko run --format csv` writes them.

    spark-submit --master spark://127.0.0.1:7077 scripts/sql-cluster-spark-job.py RULES.sql OUT.csv HEADER

HEADER is the first line of `soko run --format csv` (the column names). The statements are
split and run as scripts/sql-check runs them (scripts/sql_engines.py), so the comparison is the
same byte for byte. Prints the seconds spent in the statements and in collecting the rows.
"""
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sql_engines  # noqa: E402


def main():
    script_path, out_path, header = sys.argv[1], sys.argv[2], sys.argv[3]
    from pyspark.sql import SparkSession
    # spark-submit has set the master; sql_engines builds its session with the same one.
    spark = SparkSession.builder.getOrCreate()
    os.environ["SPARK_MASTER"] = spark.sparkContext.master
    spark.sparkContext.setLogLevel("ERROR")
    script = open(script_path, encoding="utf-8").read()
    started = time.perf_counter()
    rows = sql_engines.run_spark(script)
    elapsed = time.perf_counter() - started
    with open(out_path, "w", encoding="utf-8", newline="") as handle:
        handle.write(sql_engines.soko_csv(rows, header.split(",")))
    executors = spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1
    print(f"job: master {spark.sparkContext.master}, {executors} executors, "
          f"{len(rows)} rows, {elapsed:.1f} s in the statements and the collect")
    spark.stop()


if __name__ == "__main__":
    main()
