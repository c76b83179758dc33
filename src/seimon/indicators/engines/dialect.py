"""Which store an engine may compute in: a leaf module the engine adapters import (not the package that
imports them)."""

from __future__ import annotations

import logging

from seimon.errors import Location, SeimonError
from seimon.store import Store

logger = logging.getLogger(__name__)


def require_dialect(engine: str, store: Store) -> None:
    """DuckDB and PostgreSQL engines compute inside their own store; refuse a mismatch clearly."""
    if engine in ("duckdb", "postgres") and store.dialect != engine:
        raise SeimonError(
            f"引擎 {engine} 需要 {engine} 数据库，当前为 {store.dialect}（可用 spark 引擎）",
            f"engine {engine} needs a {engine} store, this one is {store.dialect} (the spark engine reads either)",
            Location(field="--engine"),
            code="bad_option",
        )
