"""Data submissions: an uploaded file on its way from a submitter, through review, into the store.

A city statistician or an enterprise uploads a file through the platform. It is kept as sent (the
bytes, their SHA-256 and size) with the report of a dry run (:func:`seimon.ingest.dryrun.validate_file`):
every problem, before anything lands. Then::

    validated ──submit──► submitted ──approve──► approved   (imported for real: batch_id)
                                    └──return───► returned   (with the reviewer's reason)

A file rejected whole (not a table, required columns missing …) is kept with its report so the
submitter can see why, but cannot be submitted. A returned submission is final; the corrected file is
uploaded as a new submission that names it in ``replaces``. Approval runs the ordinary
:func:`~seimon.ingest.pipeline.import_file` on the stored bytes, as the submitter, in one transaction
with the state change: when the import fails, the submission stays ``submitted`` and nothing lands.

Nothing here decides who may do what: callers (the web API, the CLI) authorise first
(:mod:`seimon.access.policy`); ``by`` and ``submitted_by`` are recorded as given.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.ingest.batches import ImportSummary, now
from seimon.ingest.dryrun import ValidationReport, enclosed_import, validate_file
from seimon.ingest.fastpath import STAGE
from seimon.ingest.loaders import kind_spec
from seimon.ingest.pipeline import ProgressCallback, import_file
from seimon.ingest.reassign import reassignment_warnings
from seimon.store import Store

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""The upload size limit when the caller configures none (50 MB, the web setting ``max_upload_mb``'s default);
larger files go through ``seimon import``."""

STATES = ("validated", "submitted", "approved", "returned")
"""A submission's states, in the order it moves through them (approved and returned are final)."""

_STATE_ZH = {"validated": "已校验", "submitted": "已提交", "approved": "已批准", "returned": "已退回"}

_MAX_NAME_BYTES = 200

_SUMMARY_COLUMNS = (
    "id",
    "kind",
    "filename",
    "sheet",
    "sha256",
    "size",
    "status",
    "validation_status",
    "rows_read",
    "rows_valid",
    "rows_quarantined",
    "rows_warned",
    "submitted_by",
    "region",
    "credit_code",
    "replaces",
    "created_at",
    "submitted_at",
    "decided_at",
    "decided_by",
    "decision_note",
    "batch_id",
    "content_dropped_at",
)
"""Columns of a submission as listed (everything but the file bytes and the full report)."""


def safe_filename(filename: str) -> str:
    """The name part of an uploaded file's name: no folders, no NUL, at most 200 bytes, suffix kept.

    Browsers may send a full client path (``C:\\\\Users\\\\…\\\\r.csv``); only the name is kept, and
    the suffix matters because it tells the readers the file's format.

    >>> safe_filename("C:\\\\数据\\\\2020年报表.xlsx"), safe_filename("../../etc/r.csv")
    ('2020年报表.xlsx', 'r.csv')
    """
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "").strip()
    if name in ("", ".", ".."):
        raise SeimonError(
            "上传的文件没有文件名", "the uploaded file has no name", Location(field="filename"), code="bad_filename"
        )
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
        stem = name[: len(name) - len(suffix)]
        while len((stem + suffix).encode("utf-8")) > _MAX_NAME_BYTES:
            stem = stem[:-1]
        name = stem + suffix
    return name


def check_size(filename: str, size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file larger than ``limit`` bytes (a bilingual error naming the file and the limit).

    The web server passes its configured ``max_upload_mb``; :data:`MAX_UPLOAD_BYTES` is only the default for
    callers without a setting, never a second cap above the configured one.

    >>> check_size("r.csv", MAX_UPLOAD_BYTES)
    >>> try:
    ...     check_size("r.csv", 2 * 1024 * 1024, limit=1024 * 1024)
    ... except SeimonError as err:
    ...     err.code, err.message_en[:59]
    ('too_large', 'the file is too large (2.0 MB); uploads are limited to 1 MB')
    """
    if size > limit:
        shown = f"{size / (1024 * 1024):.1f} MB"
        cap = f"{limit / (1024 * 1024):g} MB"
        raise SeimonError(
            f"文件过大（{shown}），上传上限为 {cap}；更大的文件请由管理员用 seimon import 导入",
            f"the file is too large ({shown}); uploads are limited to {cap} — larger files are imported"
            " by an administrator with seimon import",
            Location(file=filename),
            code="too_large",
        )


@dataclasses.dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file after its dry run, not yet kept: what :func:`keep_checked` writes as a submission."""

    kind: str
    name: str
    content: bytes
    sheet: str | None
    report: ValidationReport
    report_json: str


def dry_run_upload(
    store: Store,
    kind: str,
    filename: str,
    content: bytes,
    *,
    submitted_by: str,
    sheet: str | None = None,
    replaces: int | None = None,
    quota_bytes: int | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    progress: ProgressCallback | None = None,
) -> CheckedUpload:
    """The reading half of an upload: refuse it early (size, submitter, ``replaces``, quota) and dry-run it.

    Nothing is kept: the dry run rolls its own transaction back, so this half needs no exclusive write access
    to the store (the web server runs it beside logins and audit writes) — only :func:`keep_checked` does.
    """
    kind_spec(kind)
    content = bytes(content)
    name = safe_filename(filename)
    check_size(name, len(content), max_bytes)
    if not (submitted_by or "").strip():
        raise SeimonError(
            "缺少提交人", "the submitter is missing", Location(field="submitted_by"), code="missing_submitter"
        )
    if replaces is not None:
        _check_replaces(store, replaces, kind)
    if quota_bytes is not None:
        check_quota(store, submitted_by, len(content), quota_bytes)
    with tempfile.TemporaryDirectory(prefix="seimon-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            report = validate_file(store, kind, path, sheet=sheet, progress=progress)
            moves = reassignment_warnings(store, kind, path, sheet=sheet)
        except SeimonError as exc:
            raise _without_folder(exc, folder, name) from None
        _add_warnings(report, moves)
        report_json = _scrub(json.dumps(report.to_dict(), ensure_ascii=False, default=str), folder, name)
    return CheckedUpload(kind, name, content, sheet, report, report_json)


def keep_checked(
    store: Store,
    checked: CheckedUpload,
    *,
    submitted_by: str,
    region: str | None = None,
    credit_code: str | None = None,
    replaces: int | None = None,
    quota_bytes: int | None = None,
    keep_rejected: int | None = None,
) -> dict[str, Any]:
    """The writing half of an upload: keep the file and its report as a ``validated`` submission.

    ``replaces`` and the quota are checked again here, where the row is written: another upload of the same
    submitter may have been kept while this one was dry-run.
    """
    if replaces is not None:
        _check_replaces(store, replaces, checked.kind)
    if quota_bytes is not None:
        check_quota(store, submitted_by, len(checked.content), quota_bytes)
    report, content = checked.report, checked.content
    row = store.fetchone("SELECT nextval('submission_id_seq')")
    assert row is not None
    submission_id = int(row[0])
    store.execute(
        "INSERT INTO submissions (id, kind, filename, sheet, content, sha256, size, status, validation_status,"
        " rows_read, rows_valid, rows_quarantined, rows_warned, submitted_by, region, credit_code, replaces,"
        " created_at, report) VALUES (?, ?, ?, ?, ?, ?, ?, 'validated', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            submission_id,
            checked.kind,
            checked.name,
            checked.sheet,
            content,
            hashlib.sha256(content).hexdigest(),
            len(content),
            report.status,
            report.rows_read,
            report.rows_valid,
            report.rows_quarantined,
            report.rows_warned,
            submitted_by,
            region,
            credit_code,
            replaces,
            now(),
            checked.report_json,
        ),
    )
    if keep_rejected is not None and report.status == "rejected":
        drop_rejected_files(store, submitted_by, keep=keep_rejected)
    logger.info(
        "submission %d: %s %s by %s, %d bytes, validation %s",
        submission_id,
        checked.kind,
        checked.name,
        submitted_by,
        len(content),
        report.status,
    )
    return get_submission(store, submission_id)


def create_submission(
    store: Store,
    kind: str,
    filename: str,
    content: bytes,
    *,
    submitted_by: str,
    region: str | None = None,
    credit_code: str | None = None,
    sheet: str | None = None,
    replaces: int | None = None,
    quota_bytes: int | None = None,
    keep_rejected: int | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Keep an uploaded file and its dry-run report; the new submission is ``validated``.

    :func:`dry_run_upload` then :func:`keep_checked` on one store. ``replaces`` names a returned submission of
    the same kind that this file corrects. The file is refused (nothing stored) when larger than ``max_bytes``,
    or when the files the submitter has kept would then exceed ``quota_bytes``; a file rejected whole is stored,
    with its report, but cannot be submitted, and only the submitter's ``keep_rejected`` newest rejected files
    keep their bytes (older ones keep their metadata and report: :func:`drop_rejected_files`). Rows that move a
    registered enterprise to another city get a ``region_reassigned`` warning of their own. ``progress`` is told
    the rows validated so far (the upload page's progress bar).

    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> s = create_submission(store, "deflators", "d.csv", "行业代码,时期,价格指数\\n38,2020年1-9月,101.2\\n".encode(),
    ...                       submitted_by="city1")
    >>> s["status"], s["validation_status"], s["rows_valid"], s["report"]["problems"], s["size"]
    ('validated', 'loaded', 1, [], 56)
    """
    checked = dry_run_upload(
        store,
        kind,
        filename,
        content,
        submitted_by=submitted_by,
        sheet=sheet,
        replaces=replaces,
        quota_bytes=quota_bytes,
        max_bytes=max_bytes,
        progress=progress,
    )
    return keep_checked(
        store,
        checked,
        submitted_by=submitted_by,
        region=region,
        credit_code=credit_code,
        replaces=replaces,
        quota_bytes=quota_bytes,
        keep_rejected=keep_rejected,
    )


def check_quota(store: Store, submitted_by: str, size: int, quota_bytes: int) -> None:
    """Refuse a file that would take the submitter's kept files past ``quota_bytes`` (dropped files do not count).

    >>> from seimon.store import open_store
    >>> try:
    ...     check_quota(open_store("duckdb:///:memory:"), "city1", 11, 10)
    ... except SeimonError as err:
    ...     err.code
    'quota_exceeded'
    """
    row = store.fetchone(
        "SELECT COALESCE(SUM(size), 0) FROM submissions WHERE submitted_by = ? AND content_dropped_at IS NULL",
        (submitted_by,),
    )
    used = int(row[0]) if row else 0
    if used + size > quota_bytes:
        mb = 1024 * 1024
        raise SeimonError(
            f"用户 {submitted_by} 已保存的报送文件共 {used / mb:.1f} MB，加上本文件将超过配额 {quota_bytes / mb:g} MB；"
            "请联系管理员",
            f"user {submitted_by} keeps {used / mb:.1f} MB of submitted files; this file would exceed the quota of"
            f" {quota_bytes / mb:g} MB — ask the administrator",
            Location(field="file"),
            code="quota_exceeded",
        )


def drop_rejected_files(store: Store, submitted_by: str, *, keep: int) -> int:
    """Drop the bytes of the submitter's rejected files but the ``keep`` newest; returns how many were dropped.

    A file rejected whole can never land, so its bytes serve only to show the submitter what was sent; its
    metadata (name, size, SHA-256) and full validation report are always kept.
    """
    old = store.fetchall(
        "SELECT id FROM submissions WHERE submitted_by = ? AND validation_status = 'rejected'"
        " AND content_dropped_at IS NULL ORDER BY id DESC",
        (submitted_by,),
    )[max(keep, 0) :]
    for (submission_id,) in old:
        store.execute(
            "UPDATE submissions SET content = ?, content_dropped_at = ? WHERE id = ?", (b"", now(), submission_id)
        )
    if old:
        logger.info("dropped the bytes of %d rejected file(s) of %s", len(old), submitted_by)
    return len(old)


def _scrub(text: str, folder: str, name: str) -> str:
    """``text`` without the server's temporary folder: users see their file's name, never a server path."""
    return text.replace(str(Path(folder) / name), name).replace(folder + "/", "").replace(folder, "")


def _without_folder(err: SeimonError, folder: str, name: str) -> SeimonError:
    """The same error with the temporary folder taken out of its messages and location."""
    location = err.location
    if location is not None and location.file:
        location = dataclasses.replace(location, file=name)
    return dataclasses.replace(
        err,
        message_zh=_scrub(err.message_zh, folder, name),
        message_en=_scrub(err.message_en, folder, name),
        location=location,
    )


def _add_warnings(report: ValidationReport, warnings: list[dict[str, Any]]) -> None:
    """Append warnings made outside the import's own rules (enterprises moved to another city) to a report."""
    if not warnings:
        return
    already = {p["row"] for p in report.problems if p.get("severity") == "warning"}
    report.problems.extend(warnings)
    report.rows_warned += len({w["row"] for w in warnings} - already)
    moved = len({w["row"] for w in warnings})
    report.message_zh += f"；{moved} 行将已登记企业改划到另一地市（须省级分析员确认）"
    report.message_en += (
        f"; {moved} row(s) move a registered enterprise to another city (a province analyst's decision)"
    )


def submit(store: Store, submission_id: int, *, by: str) -> dict[str, Any]:
    """Send a validated submission for review (``validated`` → ``submitted``).

    A file rejected whole cannot be submitted: it would land nothing; the submitter uploads a
    corrected file instead.
    """
    current = _summary_row(store, submission_id)
    if current["status"] == "validated" and current["validation_status"] == "rejected":
        raise SeimonError(
            f"提交 {submission_id} 的文件整体被拒绝，不能提交；请修正后重新上传",
            f"the file of submission {submission_id} was rejected whole and cannot be submitted;"
            " correct it and upload it again",
            Location(file=current["filename"]),
            code="bad_state",
        )
    claimed = store.fetchall(
        "UPDATE submissions SET status = 'submitted', submitted_at = ? WHERE id = ? AND status = 'validated'"
        " AND validation_status <> 'rejected' RETURNING id",
        (now(), submission_id),
    )
    if not claimed:
        raise _bad_state(store, submission_id, "submit")
    logger.info("submission %d submitted by %s", submission_id, by)
    return get_submission(store, submission_id)


def approve(store: Store, submission_id: int, *, by: str) -> dict[str, Any]:
    """Import a submitted file for real, as its submitter, and mark it ``approved`` with its batch.

    All or nothing: the import and the state change are one transaction, so when the import fails
    (or the stored file no longer matches its SHA-256, or the file is rejected whole now) the
    submission stays ``submitted`` and no batch lands. When the same content is already imported and
    current, the import changes nothing and the submission records that earlier batch. The returned
    dict carries the import summary under ``import``.
    """
    current = _summary_row(store, submission_id)
    if current["status"] != "submitted":
        raise _bad_state(store, submission_id, "approve")
    name, content = submission_file(store, submission_id)
    if hashlib.sha256(content).hexdigest() != current["sha256"]:
        raise SeimonError(
            f"提交 {submission_id} 保存的文件已损坏（SHA-256 不符），不能导入",
            f"the stored file of submission {submission_id} is damaged (SHA-256 mismatch) and cannot be imported",
            Location(file=name),
            code="content_changed",
        )
    with tempfile.TemporaryDirectory(prefix=f"seimon-submission-{submission_id}-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)

        def land(fast: bool | None) -> ImportSummary:
            claimed = store.fetchall(
                "UPDATE submissions SET status = 'approved', decided_at = ?, decided_by = ? WHERE id = ?"
                " AND status = 'submitted' RETURNING id",
                (now(), by, submission_id),
            )
            if not claimed:  # another reviewer decided first
                raise _bad_state(store, submission_id, "approve")
            # the platform publishes what it approves: the rows are known from the approval, whatever period they
            # are for (a late report for a released period is a revision known from today, not from the release)
            summary = import_file(
                store,
                current["kind"],
                path,
                sheet=current["sheet"],
                user=current["submitted_by"],
                fast=fast,
                published=now().date(),
            )
            if summary.status == "rejected":
                raise SeimonError(
                    f"提交 {submission_id} 的文件导入时被整体拒绝：{summary.message_zh}",
                    f"the file of submission {submission_id} was rejected whole on import: {summary.message_en}",
                    Location(file=name),
                    code="import_rejected",
                )
            store.execute("UPDATE submissions SET batch_id = ? WHERE id = ?", (summary.batch_id, submission_id))
            if store.dialect == "duckdb":  # a fast-path attempt that fell back leaves its TEMP table
                store.execute(f"DROP TABLE IF EXISTS {STAGE}")
            return summary

        summary = enclosed_import(store, land, keep=True)
    logger.info("submission %d approved by %s: batch %s %s", submission_id, by, summary.batch_id, summary.status)
    result = get_submission(store, submission_id)
    result["import"] = summary.to_dict()
    return result


def return_submission(store: Store, submission_id: int, *, by: str, reason: str) -> dict[str, Any]:
    """Send a submitted file back to its submitter with the reviewer's reason (``submitted`` → ``returned``)."""
    if not (reason or "").strip():
        raise SeimonError(
            "退回时必须说明理由",
            "a reason is required to return a submission",
            Location(field="reason"),
            code="reason_required",
        )
    _summary_row(store, submission_id)
    claimed = store.fetchall(
        "UPDATE submissions SET status = 'returned', decided_at = ?, decided_by = ?, decision_note = ?"
        " WHERE id = ? AND status = 'submitted' RETURNING id",
        (now(), by, reason.strip(), submission_id),
    )
    if not claimed:
        raise _bad_state(store, submission_id, "return")
    logger.info("submission %d returned by %s", submission_id, by)
    return get_submission(store, submission_id)


def get_submission(store: Store, submission_id: int) -> dict[str, Any]:
    """One submission with its validation report (a dict), without the file bytes.

    >>> from seimon.store import open_store
    >>> get_submission(open_store("duckdb:///:memory:"), 9)
    Traceback (most recent call last):
    seimon.errors.SeimonError: 字段 id：没有编号为 9 的数据提交 | field id: no submission with id 9
    """
    row = _summary_row(store, submission_id)
    report = store.fetchone("SELECT report FROM submissions WHERE id = ?", (submission_id,))
    row["report"] = ValidationReport.from_dict(json.loads(report[0])).to_dict() if report else None
    return row


def list_submissions(
    store: Store,
    *,
    submitted_by: str | None = None,
    status: str | None = None,
    region: str | None = None,
    credit_code: str | None = None,
) -> list[dict[str, Any]]:
    """Submissions, newest first, without the file bytes or the full report (the counts are there).

    >>> from seimon.store import open_store
    >>> list_submissions(open_store("duckdb:///:memory:"), status="submitted")
    []
    """
    if status is not None and status not in STATES:
        raise SeimonError(
            f"未知的提交状态“{status}”（可选：{'、'.join(STATES)}）",
            f"unknown submission status '{status}' (choose from {', '.join(STATES)})",
            Location(field="status"),
            code="bad_status",
        )
    where, params = [], []
    for column, value in (
        ("submitted_by", submitted_by),
        ("status", status),
        ("region", region),
        ("credit_code", credit_code),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return store.fetch_dicts(f"SELECT {', '.join(_SUMMARY_COLUMNS)} FROM submissions{clause} ORDER BY id DESC", params)


def submission_file(store: Store, submission_id: int) -> tuple[str, bytes]:
    """The file of a submission as it was uploaded: (file name, bytes)."""
    row = store.fetchone("SELECT filename, content FROM submissions WHERE id = ?", (submission_id,))
    if row is None:
        raise _not_found(submission_id)
    return str(row[0]), bytes(row[1])  # DuckDB and psycopg 3 give bytes; other adapters a memoryview


def _summary_row(store: Store, submission_id: int) -> dict[str, Any]:
    rows = store.fetch_dicts(f"SELECT {', '.join(_SUMMARY_COLUMNS)} FROM submissions WHERE id = ?", (submission_id,))
    if not rows:
        raise _not_found(submission_id)
    return rows[0]


def _not_found(submission_id: int) -> SeimonError:
    return SeimonError(
        f"没有编号为 {submission_id} 的数据提交",
        f"no submission with id {submission_id}",
        Location(field="id"),
        code="not_found",
    )


_ACTIONS = {
    # action: (state it needs, zh verb, en verb)
    "submit": ("validated", "提交", "submitted"),
    "approve": ("submitted", "批准", "approved"),
    "return": ("submitted", "退回", "returned"),
}


def _bad_state(store: Store, submission_id: int, action: str) -> SeimonError:
    """Why ``action`` is not possible in the submission's present state (read again: it may just have changed)."""
    status = _summary_row(store, submission_id)["status"]
    needed, verb_zh, verb_en = _ACTIONS[action]
    return SeimonError(
        f"提交 {submission_id} 当前状态为“{_STATE_ZH.get(status, status)}”，不能{verb_zh}"
        f"（只有“{_STATE_ZH[needed]}”的提交可以{verb_zh}）",
        f"submission {submission_id} is {status} and cannot be {verb_en} (only a {needed} submission can)",
        Location(field="status"),
        code="bad_state",
    )


def _check_replaces(store: Store, replaces: int, kind: str) -> None:
    """A corrected file may replace only a returned submission of the same kind."""
    earlier = _summary_row(store, replaces)
    if earlier["status"] != "returned":
        raise SeimonError(
            f"提交 {replaces} 当前状态为“{_STATE_ZH.get(earlier['status'], earlier['status'])}”，"
            "只有被退回的提交才能由新文件替换",
            f"submission {replaces} is {earlier['status']}; only a returned submission can be replaced by a new file",
            Location(field="replaces"),
            code="bad_state",
        )
    if earlier["kind"] != kind:
        raise SeimonError(
            f"提交 {replaces} 的类型是 {earlier['kind']}，不能用 {kind} 文件替换",
            f"submission {replaces} is of kind {earlier['kind']} and cannot be replaced by a {kind} file",
            Location(field="replaces"),
            code="bad_state",
        )


__all__ = [
    "MAX_UPLOAD_BYTES",
    "STATES",
    "CheckedUpload",
    "approve",
    "check_quota",
    "check_size",
    "create_submission",
    "drop_rejected_files",
    "dry_run_upload",
    "get_submission",
    "keep_checked",
    "list_submissions",
    "return_submission",
    "safe_filename",
    "submission_file",
    "submit",
]
