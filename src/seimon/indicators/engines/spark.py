"""Spark engine: export the store tables the compiler reads to Parquet, register them, run via Ibis or SQL.

Why export: Spark is the scale-out path; it should read files, not hold a database connection. One
session per process (start-up ≈ 12 s), shuffle partitions = core count, UI off. By default Spark runs in local
mode; ``SEIMON_SPARK_MASTER=spark://host:7077`` sends the work to a standalone cluster instead, and
``SEIMON_SPARK_DIR`` puts the Parquet exports where the cluster's executors can read them (a folder every node
mounts); see docs/scaling.md.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from seimon.indicators.dimensions import ibis_schema
from seimon.store import Store

logger = logging.getLogger(__name__)


MASTER_VAR = "SEIMON_SPARK_MASTER"
"""Where Spark runs: unset for local mode, ``spark://host:7077`` for a standalone cluster."""
DIR_VAR = "SEIMON_SPARK_DIR"
"""Folder for the Parquet exports (default: the system's temporary folder); on a cluster, one every node reads."""


@lru_cache(maxsize=1)
def spark_session() -> Any:
    """The process-wide local Spark session (created on first use, ≈ 12 s).

    Example (not run as a doctest, it starts a JVM): ``spark_session().conf.get("spark.sql.shuffle.partitions")``
    gives the core count, ``"2"`` on this project's machines.
    """
    from pyspark.sql import SparkSession

    cores = str(os.cpu_count() or 2)
    master = os.environ.get(MASTER_VAR) or f"local[{cores}]"
    logger.info("spark: session on %s", master)
    return (
        SparkSession.builder.master(master)
        .appName("seimon")
        .config("spark.sql.shuffle.partitions", cores)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")  # toPandas through Arrow: the cube is ~1 M rows
        .getOrCreate()
    )


def export_table(store: Store, table: str, path: Path) -> int:
    """Write a store table (the columns the compiler reads) to one Parquet file; returns the row count."""
    schema = ibis_schema(table)
    cols = ", ".join(schema.names)
    arrow_schema = schema.to_pyarrow()
    if store.dialect == "duckdb":
        data = store.backend.conn.execute(f"SELECT {cols} FROM {table}").to_arrow_table()  # type: ignore[attr-defined]
        if not isinstance(data, pa.Table):
            data = data.read_all()
        data = data.cast(arrow_schema)
    else:
        rows = store.fetchall(f"SELECT {cols} FROM {table}")
        data = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema=arrow_schema)
    pq.write_table(data, path)
    return data.num_rows


_OPEN = threading.Lock()  # one Spark engine at a time: its views carry the store's own table names


class SparkEngine:
    """Run expressions on local Spark over Parquet copies of ``tables`` (removed on close).

    The copies are registered under the store's table names (``reports``, ``enterprises`` …), so SQL
    compiled once for the ``pyspark`` dialect runs as it is (:mod:`seimon.indicators.cubeplan`). Spark's
    temporary views belong to the process-wide session, so only one engine may be open at a time.
    """

    name = "spark"
    dialect = "pyspark"
    in_store = False  # results come back to Python and are appended to the store

    def __init__(self, store: Store, tables: list[str]) -> None:
        if not _OPEN.acquire(blocking=False):
            raise RuntimeError("a Spark engine is already open in this process; close it first")
        try:
            self.session = spark_session()
            self.dir = Path(tempfile.mkdtemp(prefix="seimon-spark-", dir=os.environ.get(DIR_VAR) or None))
            self.con = ibis.pyspark.connect(self.session)
            self.views: list[str] = []
            self.cached: dict[str, Any] = {}
            for table in tables:
                path = self.dir / f"{table}.parquet"
                n = export_table(store, table, path)
                self.session.read.parquet(str(path)).createOrReplaceTempView(table)
                self.views.append(table)
                logger.debug("spark: registered %s (%d rows)", table, n)
        except BaseException:
            _OPEN.release()
            raise

    def table(self, name: str) -> ir.Table:
        return self.con.table(name)

    def execute(self, expr: ir.Table) -> pd.DataFrame:
        return self.con.execute(expr)

    def create_temp(self, name: str, sql: str) -> None:
        """A cached view of ``sql`` (persisted when first used, like Ibis' ``Table.cache`` on Spark)."""
        frame = self.session.sql(sql).cache()
        frame.createOrReplaceTempView(name)
        self.cached[name] = frame

    def fetch(self, sql: str) -> pd.DataFrame:
        return self.session.sql(sql).toPandas()

    def run(self, sql: str) -> int:
        raise NotImplementedError("Spark runs outside the store: fetch the result and append it")

    def drop_temp(self, name: str) -> None:
        cached = self.cached.pop(name, None)
        if cached is not None:
            cached.unpersist()
        self.session.catalog.dropTempView(name)
        if name in self.views:
            self.views.remove(name)

    def close(self) -> None:
        try:
            for name in list(self.cached):
                self.drop_temp(name)
            for view in self.views:
                self.session.catalog.dropTempView(view)
            shutil.rmtree(self.dir, ignore_errors=True)
        finally:
            _OPEN.release()
