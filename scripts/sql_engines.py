"""Runs a script from `soko sql` in an engine and returns the rows of its last statement.

    rows = run(dialect, script)   # a list of tuples of str / None

DuckDB and ClickHouse (chdb) run in-process; PostgreSQL through psql on the server named by
the environment (PGHOST, PGPORT, PGUSER, PGDATABASE); Spark through pyspark in local[2] (or the
master in SPARK_MASTER). Used by scripts/sql-check and scripts/sql-differential.
"""
import csv
import io
import os
import re
import subprocess


def statements(script):
    """The statements of a script: split at a semicolon that ends a line; comment lines dropped."""
    body = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))
    return [part.strip() for part in re.split(r";[ \t]*$", body, flags=re.MULTILINE) if part.strip()]


def text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def run_duckdb(script):
    import duckdb
    connection = duckdb.connect()
    result = None
    for statement in statements(script):
        result = connection.execute(statement)
    return [tuple(text(v) for v in row) for row in result.fetchall()]


_chdb_session = None


def run_clickhouse(script):
    from chdb import session
    global _chdb_session
    if _chdb_session is None:
        _chdb_session = session.Session()
    parts = statements(script)
    output = ""
    for statement in parts:
        output = _chdb_session.query(statement, "CSVWithNames").bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(output)))
    return [tuple(None if v == "\\N" else v for v in row) for row in rows[1:]]


def run_postgres(script):
    # The cluster of scripts/sql-postgres unless the environment names another.
    env = dict(os.environ)
    env.setdefault("PGHOST", "127.0.0.1")
    env.setdefault("PGPORT", "55432")
    env.setdefault("PGUSER", "postgres")
    completed = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-P", "null=\\N"],
                               input=script.encode("utf-8"), capture_output=True, env=env)
    if completed.returncode != 0:
        raise RuntimeError("psql: " + completed.stderr.decode("utf-8", "replace")[-3000:])
    output = completed.stdout.decode("utf-8")
    rows = list(csv.reader(io.StringIO(output)))
    return [tuple(None if v == "\\N" else v for v in row) for row in rows[1:]]


_spark = None


def spark_session():
    global _spark
    if _spark is None:
        from pyspark.sql import SparkSession
        master = os.environ.get("SPARK_MASTER", "local[2]")
        _spark = (SparkSession.builder.master(master).appName("soko-sql")
                  .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_PARTITIONS", "4"))
                  .config("spark.ui.enabled", "false")
                  .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "2g"))
                  .getOrCreate())
        _spark.sparkContext.setLogLevel("ERROR")
    return _spark


def run_spark(script):
    spark = spark_session()
    frame = None
    for statement in statements(script):
        frame = spark.sql(statement)
    return [tuple(text(v) for v in row) for row in frame.collect()]


RUNNERS = {"duckdb": run_duckdb, "postgres": run_postgres, "clickhouse": run_clickhouse, "spark": run_spark}


def run(dialect, script):
    return RUNNERS[dialect](script)


def soko_csv(rows, header):
    """Rows written as `soko run --format csv` writes them (quotes only where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def available(dialect):
    """Whether the engine can run here (its package installed; PostgreSQL reachable)."""
    try:
        if dialect == "duckdb":
            import duckdb  # noqa: F401
        elif dialect == "clickhouse":
            import chdb  # noqa: F401
        elif dialect == "spark":
            import pyspark  # noqa: F401
        elif dialect == "postgres":
            run_postgres("SELECT 1;")
        return True
    except Exception:
        return False
