"""Evidence files of an evaluation, kept as sent (bytes, SHA-256, size), like the originals of submissions.

A file belongs to a judgement (the evaluator's evidence for a target) or to an evidence request (the
department's answer). Limits keep the store from filling: :data:`MAX_FILE_BYTES` per file,
:data:`MAX_FILES_PER_ITEM` per judgement or answer, :data:`MAX_EVALUATION_BYTES` for one evaluation. Names are
reduced to their last part (:func:`seimon.ingest.submissions.safe_filename`).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.evaluation.records import check_open, get_evaluation
from seimon.ingest.submissions import safe_filename
from seimon.store import Store

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest evidence file accepted (20 MB): scans and ledgers, not databases."""
MAX_FILES_PER_ITEM = 10
"""At most this many files per judgement or per answer."""
MAX_EVALUATION_BYTES = 500 * 1024 * 1024
"""All evidence files of one evaluation together (500 MB)."""
OWNERS = ("judgement", "request")

_META = "id, evaluation_id, owner, owner_key, filename, sha256, size, uploaded_by, uploaded_at"


def _too_large(zh: str, en: str, filename: str) -> SeimonError:
    return SeimonError(zh, en, Location(file=filename), code="too_large")


def check_file(filename: str, size: int) -> None:
    """Refuse an empty file or one larger than :data:`MAX_FILE_BYTES`, naming it.

    >>> check_file("台账.pdf", 1024)
    >>> try:
    ...     check_file("台账.pdf", MAX_FILE_BYTES + 1)
    ... except SeimonError as err:
    ...     err.code
    'too_large'
    """
    if size == 0:
        raise SeimonError("证据文件为空", "the evidence file is empty", Location(file=filename), code="empty_file")
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise _too_large(
            f"证据文件过大（{size / 1048576:.1f} MB），上限为 {limit} MB",
            f"the evidence file is too large ({size / 1048576:.1f} MB); the limit is {limit} MB",
            filename,
        )


def add_file(
    store: Store, evaluation_id: int, owner: str, owner_key: str, *, filename: str, content: bytes, by: str
) -> dict[str, Any]:
    """Keep one evidence file for a judgement (key: target id) or an answer (key: request id); returns its metadata."""
    if owner not in OWNERS:
        raise SeimonError(
            f"未知附件归属：{owner}", f"unknown file owner: {owner}", Location(field="owner"), "bad_owner"
        )
    name = safe_filename(filename)
    check_file(name, len(content))
    with store.transaction():
        check_open(get_evaluation(store, evaluation_id))
        row = store.fetchone(
            "SELECT count(*), coalesce(sum(CASE WHEN owner = ? AND owner_key = ? THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(size), 0) FROM evaluation_files WHERE evaluation_id = ?",
            (owner, owner_key, evaluation_id),
        )
        assert row is not None
        if int(row[1]) >= MAX_FILES_PER_ITEM:
            raise _too_large(
                f"每项最多 {MAX_FILES_PER_ITEM} 个证据文件",
                f"at most {MAX_FILES_PER_ITEM} evidence files per item",
                name,
            )
        if int(row[2]) + len(content) > MAX_EVALUATION_BYTES:
            raise _too_large(
                f"本次评估的证据文件合计超过 {MAX_EVALUATION_BYTES // 1048576} MB",
                f"the evaluation's evidence files would exceed {MAX_EVALUATION_BYTES // 1048576} MB together",
                name,
            )
        new = store.fetchone("SELECT nextval('evaluation_file_id_seq')")
        assert new is not None
        store.execute(
            "INSERT INTO evaluation_files (id, evaluation_id, owner, owner_key, filename, content, sha256, size,"
            " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                int(new[0]),
                evaluation_id,
                owner,
                owner_key,
                name,
                content,
                hashlib.sha256(content).hexdigest(),
                len(content),
                by,
                utc_now(),
            ),
        )
    return get_meta(store, evaluation_id, int(new[0]))


def _meta(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["id"], out["evaluation_id"], out["size"] = int(row["id"]), int(row["evaluation_id"]), int(row["size"])
    out["uploaded_at"] = row["uploaded_at"].isoformat() if row["uploaded_at"] is not None else None
    return out


def get_meta(store: Store, evaluation_id: int, file_id: int) -> dict[str, Any]:
    """One file's metadata (no bytes), or ``not_found``."""
    rows = store.fetch_dicts(
        f"SELECT {_META} FROM evaluation_files WHERE id = ? AND evaluation_id = ?", (file_id, evaluation_id)
    )
    if not rows:
        raise SeimonError(
            f"评估 {evaluation_id} 没有编号为 {file_id} 的证据文件",
            f"evaluation {evaluation_id} has no evidence file {file_id}",
            Location(field="file"),
            "not_found",
        )
    return _meta(rows[0])


def list_files(store: Store, evaluation_id: int) -> list[dict[str, Any]]:
    """Every evidence file of the evaluation (metadata only), oldest first."""
    rows = store.fetch_dicts(
        f"SELECT {_META} FROM evaluation_files WHERE evaluation_id = ? ORDER BY id", (evaluation_id,)
    )
    return [_meta(r) for r in rows]


def file_content(store: Store, evaluation_id: int, file_id: int) -> tuple[dict[str, Any], bytes]:
    """A file's metadata and its bytes as sent."""
    meta = get_meta(store, evaluation_id, file_id)
    row = store.fetchone("SELECT content FROM evaluation_files WHERE id = ?", (file_id,))
    assert row is not None
    return meta, bytes(row[0])
