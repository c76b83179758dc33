"""DuckDB engine: Ibis on the store's own DuckDB connection (same file, same transaction, no copy).

Ibis changes two connection settings when it wraps a connection (replacement scans off, time zone UTC);
the store relies on replacement scans for its bulk loads, so both are restored when the engine closes.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from seimon.indicators.engines import require_dialect
from seimon.store import Store


class DuckDBEngine:
    """Run expressions inside the DuckDB store."""

    name = "duckdb"

    def __init__(self, store: Store) -> None:
        require_dialect("duckdb", store)
        raw = store.backend.conn  # type: ignore[attr-defined]
        self.raw = raw
        self.saved = {
            name: raw.execute(f"SELECT current_setting('{name}')").fetchone()[0]
            for name in ("python_enable_replacements", "TimeZone")
        }
        self.con = ibis.duckdb.from_connection(raw)

    def table(self, name: str) -> ir.Table:
        return self.con.table(name)

    def execute(self, expr: ir.Table) -> pd.DataFrame:
        return self.con.execute(expr)

    def close(self) -> None:
        """The connection belongs to the store: put its settings back, do not close it."""
        for name, value in self.saved.items():
            self.raw.execute(f"SET {name} = '{value}'")
