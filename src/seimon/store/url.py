"""Store URLs: where the data live.

Accepted forms::

    ./seimon.duckdb                          a DuckDB file (a bare path)
    duckdb:///abs/path/seimon.duckdb         a DuckDB file (absolute path)
    duckdb:///:memory:                       an in-memory DuckDB database
    postgresql://user@127.0.0.1:5432/test    a PostgreSQL database
    postgresql://127.0.0.1/test?schema=s1    ... with all tables in schema ``s1``
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit, urlunsplit

from seimon.errors import SeimonError

DEFAULT_STORE = "./seimon.duckdb"
ENV_VAR = "SEIMON_STORE"


@dataclass(frozen=True)
class StoreURL:
    """A parsed store address: backend name plus what that backend needs to connect."""

    backend: str  # "duckdb" or "postgresql"
    path: str | None = None  # DuckDB file path or ":memory:"
    dsn: str | None = None  # PostgreSQL connection string without our own query parameters
    schema: str | None = None  # PostgreSQL schema holding the tables

    def __str__(self) -> str:
        if self.backend == "duckdb":
            return f"duckdb:///{self.path}" if self.path == ":memory:" else f"duckdb://{self.path}"
        suffix = f"?schema={self.schema}" if self.schema else ""
        return f"{self.dsn}{suffix}"


def default_store_url() -> str:
    """The store used when no ``--store`` is given: ``$SEIMON_STORE`` or ``./seimon.duckdb``."""
    return os.environ.get(ENV_VAR) or DEFAULT_STORE


def parse_store_url(url: str | None) -> StoreURL:
    """Parse a store URL (see the module doc for the forms).

    >>> parse_store_url("duckdb:///tmp/x.duckdb").path
    '/tmp/x.duckdb'
    >>> parse_store_url("postgresql://127.0.0.1/test?schema=s1").schema
    's1'
    """
    raw = (url or default_store_url()).strip()
    if raw.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(raw)
        query = parse_qs(parts.query)
        schema = (query.pop("schema", [None]) or [None])[0]
        rest = "&".join(f"{k}={v}" for k, values in query.items() for v in values)
        dsn = urlunsplit(("postgresql", parts.netloc, parts.path, rest, ""))
        if schema and not schema.replace("_", "").isalnum():
            raise SeimonError(f"数据库模式名不合法：{schema}", f"invalid schema name: {schema}", code="store_url")
        return StoreURL(backend="postgresql", dsn=dsn, schema=schema)
    if raw.startswith("duckdb://"):
        path = raw[len("duckdb://") :]
        # duckdb:///abs/path keeps its leading slash; duckdb:///:memory: means in memory
        path = ":memory:" if path in ("/:memory:", ":memory:") else path
        return StoreURL(backend="duckdb", path=path or DEFAULT_STORE)
    if "://" in raw:
        scheme = raw.split("://", 1)[0]
        raise SeimonError(
            f"不支持的数据库类型：{scheme}（支持 duckdb、postgresql）",
            f"unsupported store scheme: {scheme} (use duckdb or postgresql)",
            code="store_url",
        )
    return StoreURL(backend="duckdb", path=raw)
