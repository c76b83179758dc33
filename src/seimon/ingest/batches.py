"""Batches: one import of one file, and the provenance every stored value links back to.

A batch records which file (name, path, content hash, sheet), who imported it, when, and what came
of it (rows read, loaded, quarantined, superseded, and the status ``loaded`` / ``partial`` /
``rejected`` / ``unchanged``). Stored facts carry ``batch_id`` and their row number, so any number can
be traced to a cell of a submitted file; :func:`key_history` lists every vintage of one fact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.ingest.loaders import KIND_SPECS, kind_spec
from seimon.ingest.rules import RowError
from seimon.store import Store

logger = logging.getLogger(__name__)

STATUSES = ("loaded", "partial", "rejected", "unchanged")

SUMMARY_ERROR_LIMIT = 1000
"""At most this many problems are listed in a summary; the quarantine table holds them all."""


@dataclass
class ImportSummary:
    """What one import did: the object ``seimon import --json`` prints.

    ``errors`` lists errors first, then warnings (each with row, field, rule and both messages);
    ``errors_total`` counts them all when the list was cut at :data:`SUMMARY_ERROR_LIMIT`.
    """

    batch_id: int | None
    kind: str
    file: str
    status: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_unchanged: int = 0
    rows_superseded: int = 0
    rows_warned: int = 0
    sheet: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    errors_total: int = 0
    message_zh: str | None = None
    message_en: str | None = None
    fast_path: bool = False

    @property
    def exit_code(self) -> int:
        """0 all loaded or unchanged; 3 some rows quarantined; 2 the file was rejected whole."""
        if self.status == "rejected":
            return 2
        return 3 if self.rows_quarantined else 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON summary."""
        return {
            "batch_id": self.batch_id,
            "kind": self.kind,
            "file": self.file,
            "sheet": self.sheet,
            "status": self.status,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_quarantined": self.rows_quarantined,
            "rows_unchanged": self.rows_unchanged,
            "rows_superseded": self.rows_superseded,
            "rows_warned": self.rows_warned,
            "errors": self.errors,
            "errors_total": self.errors_total,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


def error_entry(err: RowError) -> dict[str, Any]:
    """A summary entry for one row problem."""
    entry = err.to_dict()
    entry.pop("file", None)
    return entry


def file_hash(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file's bytes: the same content is the same submission, whatever its name.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> file_hash(Path(f.name))[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def next_batch_id(store: Store) -> int:
    """A new batch id from the store's sequence (never reused, even after a rollback)."""
    row = store.fetchone("SELECT nextval('batch_id_seq')")
    assert row is not None
    return int(row[0])


def now() -> dt.datetime:
    """Import time: naive UTC, the form both engines store in TIMESTAMP columns."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def insert_batch(
    store: Store,
    batch_id: int,
    *,
    kind: str,
    path: Path,
    digest: str,
    sheet: str | None,
    user: str | None,
    started: dt.datetime,
    summary: ImportSummary,
    published: dt.date | None = None,
) -> None:
    """Write the batch row (inside the import's transaction, or alone for a rejected file).

    ``published`` is the publication date the batch was imported with (``--published``), if any: without it
    the rows were dated by the release calendar, and assessments say so.
    """
    store.execute(
        "INSERT INTO batches (batch_id, kind, file_name, file_path, file_hash, sheet, user_name, started_at,"
        " finished_at, rows_read, rows_loaded, rows_quarantined, rows_superseded, status, message_zh, message_en,"
        " published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            batch_id,
            kind,
            path.name,
            str(path.resolve()),
            digest,
            sheet,
            user,
            started,
            now(),
            summary.rows_read,
            summary.rows_loaded,
            summary.rows_quarantined,
            summary.rows_superseded,
            summary.status,
            summary.message_zh,
            summary.message_en,
            published,
        ),
    )


def find_same_import(store: Store, kind: str, digest: str, sheet: str | None) -> int | None:
    """An earlier batch of the same content, kind and sheet whose loaded rows are all still current.

    Such a re-import would change nothing. When a later file has superseded some of its rows, the
    same content imported again is a real correction back, not a no-op, so it is imported.
    """
    same_sheet = "sheet IS NULL" if sheet is None else "sheet = ?"
    rows = store.fetchall(
        "SELECT batch_id FROM batches WHERE kind = ? AND file_hash = ? AND status IN ('loaded', 'partial')"
        f" AND {same_sheet} ORDER BY batch_id DESC",
        (kind, digest) if sheet is None else (kind, digest, sheet),
    )
    table = kind_spec(kind).table
    for (batch_id,) in rows:
        stale = store.fetchone(f"SELECT count(*) FROM {table} WHERE batch_id = ? AND NOT is_current", (batch_id,))
        if stale is not None and int(stale[0]) == 0:
            return int(batch_id)
    return None


def list_batches(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Batches, newest first.

    >>> from seimon.store import open_store
    >>> list_batches(open_store("duckdb:///:memory:"))
    []
    """
    sql = (
        "SELECT batch_id, kind, file_name, sheet, user_name, started_at, finished_at, rows_read, rows_loaded,"
        " rows_quarantined, rows_superseded, status FROM batches ORDER BY batch_id DESC"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.fetch_dicts(sql)


def show_batch(store: Store, batch_id: int) -> dict[str, Any]:
    """One batch with its provenance, counts of quarantined problems by rule, and what it superseded.

    ``superseded_by_this``: stored rows of earlier batches that this batch replaced (now not current),
    by batch; ``superseded_later``: rows of this batch that later batches have replaced.
    """
    rows = store.fetch_dicts("SELECT * FROM batches WHERE batch_id = ?", (batch_id,))
    if not rows:
        raise SeimonError(
            f"没有编号为 {batch_id} 的导入批次",
            f"no import batch with id {batch_id}",
            Location(field="batch_id"),
            code="unknown_batch",
        )
    batch = rows[0]
    table = KIND_SPECS[batch["kind"]].table
    problems = store.fetch_dicts(
        "SELECT rule, severity, count(*) AS n, count(resolved_by_batch) AS resolved FROM quarantine"
        " WHERE batch_id = ? GROUP BY rule, severity ORDER BY severity, rule",
        (batch_id,),
    )
    current = store.fetchone(f"SELECT count(*) FROM {table} WHERE batch_id = ? AND is_current", (batch_id,))
    stored = store.fetchone(f"SELECT count(*) FROM {table} WHERE batch_id = ?", (batch_id,))
    batch["rows_stored"] = int(stored[0]) if stored else 0
    batch["rows_current"] = int(current[0]) if current else 0
    batch["superseded_later"] = batch["rows_stored"] - batch["rows_current"]
    batch["problems"] = problems
    return batch


def key_history(store: Store, kind: str, **key: Any) -> list[dict[str, Any]]:
    """Every stored vintage of one fact, oldest first, each with its batch's file, time and user.

    ``key`` names the key columns of the kind (``credit_code`` and ``period`` for reports, with the
    period as its canonical code, e.g. ``2020-01..09``).

    >>> from seimon.store import open_store
    >>> key_history(open_store("duckdb:///:memory:"), "reports", credit_code="X", period="2020-01..09")
    []
    """
    spec = kind_spec(kind)
    names = spec.key_stored()
    missing = [n for n in names if n not in key]
    if missing:
        raise SeimonError(
            f"查询历史需要键字段：{'、'.join(missing)}",
            f"history needs the key fields: {', '.join(missing)}",
            code="history_key",
        )
    where = " AND ".join(f"t.{n} = ?" for n in names)
    return store.fetch_dicts(
        f"SELECT t.*, b.file_name, b.file_hash, b.sheet, b.user_name, b.started_at AS imported_at"
        f" FROM {spec.table} t JOIN batches b ON b.batch_id = t.batch_id WHERE {where}"
        " ORDER BY t.vintage, t.batch_id, t.row_number",
        tuple(key[n] for n in names),
    )


__all__ = [
    "STATUSES",
    "ImportSummary",
    "error_entry",
    "file_hash",
    "find_same_import",
    "insert_batch",
    "key_history",
    "list_batches",
    "next_batch_id",
    "show_batch",
]
