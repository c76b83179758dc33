"""PostgreSQL adapter: the server store for deployments with several processes."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

# "?" placeholders become "%s"; literal "%" is doubled for psycopg: "a LIKE '5%' AND b = ?" -> "... '5%%' ... %s"
_PLACEHOLDER = re.compile(r"%|\?")


def to_psycopg(sql: str) -> str:
    """Rewrite portable ``?`` placeholders for psycopg.

    >>> to_psycopg("SELECT * FROM t WHERE a = ? AND b LIKE 'x%'")
    "SELECT * FROM t WHERE a = %s AND b LIKE 'x%%'"
    """
    return _PLACEHOLDER.sub(lambda m: "%s" if m.group() == "?" else "%%", sql)


class PostgresBackend:
    """Translate store calls to a psycopg connection, optionally confined to one schema."""

    dialect = "postgres"

    def __init__(self, dsn: str, schema: str | None = None) -> None:
        self.dsn = dsn
        try:
            self.conn = psycopg.connect(dsn, autocommit=True)
        except psycopg.OperationalError as exc:
            raise SeimonError(
                f"无法连接 PostgreSQL：{dsn}", f"cannot connect to PostgreSQL at {dsn}: {exc}", code="store_connect"
            ) from exc
        self.schema = schema
        if schema:
            self.conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self.conn.execute(f'SET search_path TO "{schema}"')

    def clone(self) -> PostgresBackend:
        """A new connection to the same database and schema."""
        return PostgresBackend(self.dsn, self.schema)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(to_psycopg(sql), list(params) or None)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(to_psycopg(sql), list(params) or None).fetchall()

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.conn.execute(to_psycopg(sql), list(params) or None)
        names = [d.name for d in cur.description or []]
        return names, cur.fetchall()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [list(r) for r in rows]
        if batch:
            with self.conn.cursor() as cur:
                cur.executemany(to_psycopg(sql), batch)

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        count = 0
        cols = ", ".join(columns)
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def table_exists(self, table: str) -> bool:
        row = self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = %s AND table_schema = current_schema()",
            [table],
        ).fetchone()
        return bool(row and row[0])

    def close(self) -> None:
        self.conn.close()
