"""The :class:`Store`: one API over DuckDB and PostgreSQL for writes, reads and transactions.

SQL given to the store is written once, in the portable subset both engines accept, with ``?``
placeholders; the PostgreSQL adapter rewrites placeholders for psycopg. Analytical queries do not go
through here: the indicator layer compiles them per engine.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from seimon.store.existence import check_duckdb_file
from seimon.store.url import StoreURL, parse_store_url

logger = logging.getLogger(__name__)


class Backend(Protocol):
    """What an engine adapter provides. Adapters hold no logic beyond translating these calls."""

    dialect: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...
    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]: ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int: ...
    def table_exists(self, table: str) -> bool: ...
    def clone(self) -> Backend: ...
    def close(self) -> None: ...


class Store:
    """A connected store. Use :func:`open_store` to get one; use it as a context manager to close it.

    >>> with open_store("duckdb:///:memory:") as store:
    ...     store.fetchall("SELECT 1 + 1")
    [(2,)]
    """

    def __init__(self, url: StoreURL, backend: Backend) -> None:
        self.url = url
        self.backend = backend
        self._depth = 0

    @property
    def dialect(self) -> str:
        """``duckdb`` or ``postgres``: the SQL dialect name the query compilers use."""
        return self.backend.dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.backend.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.backend.executemany(sql, rows)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.backend.fetchall(sql, params)

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.backend.fetchall(sql, params)
        return rows[0] if rows else None

    def fetch_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        names, rows = self.backend.columns(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Append many rows fast (DuckDB appender via Arrow, PostgreSQL ``COPY``); returns the count."""
        return self.backend.bulk_insert(table, columns, rows)

    def table_exists(self, table: str) -> bool:
        return self.backend.table_exists(table)

    @property
    def in_transaction(self) -> bool:
        """Whether a :meth:`transaction` block is open on this connection."""
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All-or-nothing: commit when the block ends normally, roll back on any exception.

        Nested blocks join the outer transaction, so library functions can each ask for one.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.backend.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.backend.execute("ROLLBACK")
            raise
        self._depth = 0
        self.backend.execute("COMMIT")

    def clone(self) -> Store:
        """Another connection to the same store, for another thread.

        DuckDB lets one process own a database file; the server's threads each take a clone (a cursor on
        the owning connection) instead of opening the file again. On PostgreSQL a clone is a new connection.

        >>> with open_store("duckdb:///:memory:") as store:
        ...     store.execute("CREATE TABLE t (x INTEGER)")
        ...     store.execute("INSERT INTO t VALUES (1)")
        ...     other = store.clone()
        ...     other.fetchall("SELECT x FROM t")
        [(1,)]
        """
        return Store(self.url, self.backend.clone())

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    url: str | StoreURL | None = None, *, migrate: bool = True, read_only: bool = False, create: bool | None = None
) -> Store:
    """Connect to the store at ``url`` (default: ``$SEIMON_STORE`` or ``./seimon.duckdb``).

    A DuckDB file that does not exist is created when ``create`` is true; None follows
    :data:`~seimon.store.existence.CREATE_MISSING` (true, except under the command line without ``--create``).
    A file that is not a DuckDB database is refused (``not_a_store``).

    With ``migrate`` (the default) the schema is brought up to date first, so every command can assume
    the current tables exist.

    >>> store = open_store("duckdb:///:memory:")
    >>> store.table_exists("schema_migrations")
    True
    """
    parsed = url if isinstance(url, StoreURL) else parse_store_url(url)
    if parsed.backend == "duckdb":
        from seimon.store.duckdb_backend import DuckDBBackend

        check_duckdb_file(parsed.path or ":memory:", create=create)

        backend: Backend = DuckDBBackend(parsed.path or ":memory:", read_only=read_only)
    else:
        from seimon.store.postgres_backend import PostgresBackend

        backend = PostgresBackend(parsed.dsn or "", parsed.schema)
    store = Store(parsed, backend)
    if migrate and not read_only:
        from seimon.store.migrate import migrate as run_migrations

        run_migrations(store)
    return store
