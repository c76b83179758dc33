"""Engines that run compiled indicator expressions: DuckDB (default, the store file), PostgreSQL (the store)
and Apache Spark (local mode over Parquet exports of the store tables).

Why thin adapters: the compiler produces one Ibis expression; an engine only has to say where the input
tables are. Everything else — joins, roll-ups, nullif guards — is the same on all three.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import ibis.expr.types as ir
import pandas as pd

from seimon.errors import Location, SeimonError
from seimon.indicators.dimensions import TABLE_SCHEMAS, ensure_dimension_tables
from seimon.store import Store

logger = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("duckdb", "postgres", "spark")


class Engine(Protocol):
    """What the query layer needs from an engine."""

    name: str
    dialect: str  # the SQL dialect compiled plans are written in (Ibis' name: duckdb, postgres, pyspark)
    in_store: bool  # runs inside the store's database: results can be written with INSERT … SELECT (:meth:`run`)

    def table(self, name: str) -> ir.Table: ...
    def execute(self, expr: ir.Table) -> pd.DataFrame: ...
    def create_temp(self, name: str, sql: str) -> None: ...
    def fetch(self, sql: str) -> pd.DataFrame: ...
    def run(self, sql: str) -> int: ...
    def drop_temp(self, name: str) -> None: ...
    def close(self) -> None: ...


@contextmanager
def open_engine(name: str, store: Store) -> Iterator[Engine]:
    """Connect engine ``name`` to the data of ``store`` (creating the region dimension table if needed).

    ``duckdb`` needs a DuckDB store and ``postgres`` a PostgreSQL store (they run inside the store);
    ``spark`` works with either (the tables are exported to Parquet first).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s, open_engine("duckdb", s) as eng:
    ...     eng.table("reports").count().to_pandas() if False else eng.name
    'duckdb'
    """
    ensure_dimension_tables(store)
    engine: Engine
    if name == "duckdb":
        from seimon.indicators.engines.duckdb import DuckDBEngine

        engine = DuckDBEngine(store)
    elif name == "postgres":
        from seimon.indicators.engines.postgres import PostgresEngine

        engine = PostgresEngine(store)
    elif name == "spark":
        from seimon.indicators.engines.spark import SparkEngine

        engine = SparkEngine(store, list(TABLE_SCHEMAS))
    else:
        raise SeimonError(
            f"未知计算引擎：{name}（可用 {'、'.join(ENGINES)}）",
            f"unknown engine: {name} (use {', '.join(ENGINES)})",
            Location(field="--engine"),
            code="bad_option",
        )
    try:
        yield engine
    finally:
        engine.close()


def default_engine(store: Store) -> str:
    """The engine that runs inside ``store``: duckdb for a DuckDB file, postgres for PostgreSQL."""
    return "postgres" if store.dialect == "postgres" else "duckdb"
