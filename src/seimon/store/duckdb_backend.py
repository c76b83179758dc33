"""DuckDB adapter: the embedded default store."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)


def _server_of(path: str) -> tuple[str, str]:
    """Where the server holding ``path`` listens, from the marker ``seimon serve`` writes beside the file."""
    try:
        marker = json.loads(Path(path + ".serve.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", ""
    address, pid = marker.get("address"), marker.get("pid")
    return f"（服务地址 {address}，进程 {pid}）", f" (served at {address}, process {pid})"


class DuckDBBackend:
    """Translate store calls to a DuckDB connection (one writer process owns the file)."""

    dialect = "duckdb"

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                where_zh, where_en = _server_of(path)
                raise SeimonError(
                    f"数据库文件 {path} 正被另一个进程（例如 seimon serve）占用{where_zh}；"
                    "请通过该服务的“数据报送”页面或 API（POST /api/v1/submissions）导入，或先停止它",
                    f"the store {path} is locked by another process (e.g. seimon serve){where_en}; "
                    "import through that server's submission page or API (POST /api/v1/submissions), or stop it",
                    code="store_locked",
                ) from exc
            raise

    @classmethod
    def _on(cls, conn: duckdb.DuckDBPyConnection) -> DuckDBBackend:
        backend = cls.__new__(cls)
        backend.conn = conn
        return backend

    def clone(self) -> DuckDBBackend:
        """A second connection to the same open database (a DuckDB cursor): one per server thread."""
        return self._on(self.conn.cursor())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, list(params))

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, list(params)).fetchall()

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.conn.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return names, cur.fetchall()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [list(r) for r in rows]
        if batch:
            self.conn.executemany(sql, batch)

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        data = list(rows)
        if not data:
            return 0
        arrays = {name: [row[i] for row in data] for i, name in enumerate(columns)}
        staged = pa.table(arrays)  # noqa: F841 - referenced by name in the SQL below
        cols = ", ".join(columns)
        self.conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM staged")
        return len(data)

    def table_exists(self, table: str) -> bool:
        row = self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()",
            [table],
        ).fetchone()
        return bool(row and row[0])

    def close(self) -> None:
        self.conn.close()
