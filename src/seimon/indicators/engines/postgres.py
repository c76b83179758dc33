"""PostgreSQL engine: Ibis on the store's psycopg connection (its search_path selects the schema)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from seimon.indicators.engines import require_dialect
from seimon.store import Store


class PostgresEngine:
    """Run expressions inside the PostgreSQL store."""

    name = "postgres"

    def __init__(self, store: Store) -> None:
        require_dialect("postgres", store)
        self.schema = getattr(store.backend, "schema", None)
        self.con = ibis.postgres.from_connection(store.backend.conn)  # type: ignore[attr-defined]

    def table(self, name: str) -> ir.Table:
        return self.con.table(name, database=self.schema) if self.schema else self.con.table(name)

    def execute(self, expr: ir.Table) -> pd.DataFrame:
        return self.con.execute(expr)

    def close(self) -> None:
        """The connection belongs to the store; nothing to close here."""
