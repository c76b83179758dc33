"""PostgreSQL engine: Ibis on the store's psycopg connection (its search_path selects the schema)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from seimon.indicators.engines.dialect import require_dialect
from seimon.store import Store


class PostgresEngine:
    """Run expressions inside the PostgreSQL store."""

    name = "postgres"
    dialect = "postgres"
    in_store = True

    def __init__(self, store: Store) -> None:
        require_dialect("postgres", store)
        self.schema = getattr(store.backend, "schema", None)
        self.conn = store.backend.conn  # type: ignore[attr-defined]
        self._con: ibis.BaseBackend | None = None

    @property
    def con(self) -> ibis.BaseBackend:
        """The Ibis backend on the store's connection, made on first use (the cube runs plain SQL)."""
        if self._con is None:
            self._con = ibis.postgres.from_connection(self.conn)
        return self._con

    def table(self, name: str) -> ir.Table:
        return self.con.table(name, database=self.schema) if self.schema else self.con.table(name)

    def execute(self, expr: ir.Table) -> pd.DataFrame:
        return self.con.execute(expr)

    def _run(self, sql: str) -> int:
        # straight to psycopg, no parameters: the SQL text is passed through untouched ("%" stays "%")
        with self.conn.cursor() as cur:
            cur.execute(sql)
            return max(cur.rowcount, 0)

    def run(self, sql: str) -> int:
        """Execute a statement in the store (e.g. ``INSERT … SELECT``); returns the rows it changed."""
        return self._run(sql)

    def create_temp(self, name: str, sql: str) -> None:
        """Materialise ``sql`` as a temporary table of this session."""
        self._run(f'DROP TABLE IF EXISTS "{name}"')
        self._run(f'CREATE TEMP TABLE "{name}" AS {sql}')

    def fetch(self, sql: str) -> pd.DataFrame:
        with self.conn.cursor() as cur:
            cur.execute(sql)
            names = [d.name for d in cur.description or []]
            return pd.DataFrame(cur.fetchall(), columns=names)

    def drop_temp(self, name: str) -> None:
        self._run(f'DROP TABLE IF EXISTS "{name}"')

    def close(self) -> None:
        """The connection belongs to the store; nothing to close here."""
