"""The store: one relational schema kept in DuckDB (embedded default) or PostgreSQL (server).

Backends differ only in a thin adapter (:mod:`seimon.store.duckdb_backend`,
:mod:`seimon.store.postgres_backend`); everything else talks to :class:`~seimon.store.connection.Store`.
"""

from __future__ import annotations

from seimon.store.connection import Store, open_store
from seimon.store.url import StoreURL, default_store_url, parse_store_url

__all__ = ["Store", "StoreURL", "default_store_url", "open_store", "parse_store_url"]
