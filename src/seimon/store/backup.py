"""``seimon backup`` / ``seimon restore``: a whole store in one file, and back, checked table by table.

The backup is a zip holding ``manifest.json`` (schema version, sequences, and for every table its columns, row
count and fingerprint) and one Parquet file per table. Restoring needs an empty store at the same schema version
(``seimon restore`` creates one), loads every table, sets the id sequences past the restored ids, and then
compares every table's row count and fingerprint with the manifest: a restore that does not match is an error,
not a silent loss. The same file restores into DuckDB or PostgreSQL.

The fingerprint is a SHA-256 over the table's rows, each written in a canonical text form and sorted, so that it
does not depend on the order the engine returns rows in, nor on how each engine's driver spells a value.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import io
import json
import logging
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from seimon.errors import Location, SeimonError
from seimon.store.connection import Store
from seimon.store.migrate import applied_versions

logger = logging.getLogger(__name__)

FORMAT = "seimon-backup-1"
SEQUENCES = {"batch_id_seq": ("batches", "batch_id"), "submission_id_seq": ("submissions", "id"),
             "audit_id_seq": ("audit_log", "id")}  # fmt: skip
"""Each id sequence and the column whose ids it hands out."""
BOOKKEEPING = ("schema_migrations",)
"""Tables the migrations themselves fill: compared, never restored."""
BATCH_ROWS = 50_000


@dataclass(frozen=True)
class TableCheck:
    """One table after a restore: rows expected and found, and whether the fingerprints agree."""

    table: str
    rows_expected: int
    rows_found: int
    matches: bool


def store_tables(store: Store) -> list[str]:
    """The base tables of the store's schema, sorted.

    >>> from seimon.store import open_store
    >>> "batches" in store_tables(open_store("duckdb:///:memory:"))
    True
    """
    rows = store.fetchall(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [str(r[0]) for r in rows]


def _canonical(value: Any) -> str:
    """One value as text both engines agree on ("∅" for NULL; floats by repr, times by ISO 8601, bytes by hex)."""
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, (int, float, decimal.Decimal)):
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _rows(store: Store, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    return store.backend.columns(f"SELECT * FROM {table}")


def fingerprint(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """SHA-256 of the sorted canonical rows, columns in name order (so column order does not matter either).

    >>> fingerprint(["a", "b"], [(1, "x"), (2, None)]) == fingerprint(["b", "a"], [(None, 2), ("x", 1)])
    True
    """
    order = sorted(range(len(columns)), key=lambda i: columns[i])
    lines = sorted("\x1f".join(_canonical(row[i]) for i in order) for row in rows)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def table_fingerprint(store: Store, table: str) -> tuple[int, str]:
    """(row count, fingerprint) of one stored table."""
    columns, rows = _rows(store, table)
    return len(rows), fingerprint(columns, rows)


def _schema_version(store: Store) -> int:
    versions = applied_versions(store)
    return max(versions) if versions else 0


def backup_store(store: Store, path: Path) -> dict[str, Any]:
    """Write every table of ``store`` to the zip ``path``; returns the manifest."""
    tables: dict[str, Any] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in store_tables(store):
            columns, rows = _rows(store, table)
            arrays = {name: [_portable(row[i]) for row in rows] for i, name in enumerate(columns)}
            buffer = io.BytesIO()
            pq.write_table(
                pa.table(arrays) if rows else pa.table({c: pa.array([], pa.null()) for c in columns}), buffer
            )
            archive.writestr(f"tables/{table}.parquet", buffer.getvalue())
            tables[table] = {"columns": columns, "rows": len(rows), "fingerprint": fingerprint(columns, rows)}
        sequences = {name: _next_id(store, *owner) for name, owner in SEQUENCES.items() if store.table_exists(owner[0])}
        manifest = {
            "format": FORMAT,
            "schema_version": _schema_version(store),
            "source": store.dialect,
            "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
            "sequences": sequences,
            "tables": tables,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    logger.info("backup of %d tables to %s", len(tables), path)
    return manifest


def _portable(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _next_id(store: Store, table: str, column: str) -> int:
    row = store.fetchone(f"SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}")
    return int(row[0]) if row else 1


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup file (a bilingual error when the file is not one)."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise SeimonError(
            "不是 SEI Monitor 备份文件", "not a SEI Monitor backup file", Location(file=str(path)), code="bad_backup"
        ) from exc
    if manifest.get("format") != FORMAT:
        raise SeimonError(
            f"备份格式不支持：{manifest.get('format')}",
            f"unsupported backup format: {manifest.get('format')}",
            Location(file=str(path)),
            code="bad_backup",
        )
    return manifest


def restore_store(store: Store, path: Path) -> list[TableCheck]:
    """Load the backup ``path`` into the empty ``store`` (same schema version), then check every table.

    Raises ``restore_mismatch`` naming the tables that do not match; returns the checks otherwise.
    """
    manifest = read_manifest(path)
    version = _schema_version(store)
    if manifest["schema_version"] != version:
        raise SeimonError(
            f"备份的数据库结构版本为 {manifest['schema_version']}，目标为 {version}；请用相同版本的 seimon 恢复",
            f"the backup has schema version {manifest['schema_version']} and the target {version}; restore with the"
            " seimon version that made it",
            Location(file=str(path)),
            code="schema_version",
        )
    present = set(store_tables(store))
    busy = [t for t in manifest["tables"] if t in present and t not in BOOKKEEPING and _count(store, t)]
    if busy:
        raise SeimonError(
            f"目标数据库不是空的（{'、'.join(busy[:5])} 已有数据）；请恢复到新数据库",
            f"the target store is not empty ({', '.join(busy[:5])} hold rows); restore into a new store",
            code="store_not_empty",
        )
    with zipfile.ZipFile(path) as archive, store.transaction():
        for table, info in manifest["tables"].items():
            if table in BOOKKEEPING or table not in present:
                continue
            parquet = pq.ParquetFile(io.BytesIO(archive.read(f"tables/{table}.parquet")))
            columns = list(info["columns"])
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
                data = batch.to_pydict()
                store.bulk_insert(table, columns, list(zip(*(data[c] for c in columns), strict=True)))
        for name, next_id in manifest["sequences"].items():
            store.execute(f"DROP SEQUENCE IF EXISTS {name}")
            store.execute(f"CREATE SEQUENCE {name} START {int(next_id)}")
    checks = []
    for table, info in manifest["tables"].items():
        if table in BOOKKEEPING:  # filled by the target's own migrations: the schema version was compared above
            continue
        rows, print_ = table_fingerprint(store, table) if table in present else (0, "")
        checks.append(TableCheck(table, info["rows"], rows, rows == info["rows"] and print_ == info["fingerprint"]))
    wrong = [c.table for c in checks if not c.matches]
    if wrong:
        raise SeimonError(
            f"恢复后下列表与备份不一致：{'、'.join(wrong)}",
            f"after the restore these tables differ from the backup: {', '.join(wrong)}",
            Location(file=str(path)),
            code="restore_mismatch",
        )
    logger.info("restored %d tables from %s; every one matches", len(checks), path)
    return checks


def _count(store: Store, table: str) -> int:
    row = store.fetchone(f"SELECT count(*) FROM {table}")
    return int(row[0]) if row else 0


__all__ = ["TableCheck", "backup_store", "fingerprint", "read_manifest", "restore_store", "store_tables"]
