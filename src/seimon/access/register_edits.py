"""Editing the tracking registers in the web: one record at a time, checked, stored as a new vintage, audited.

A form on a page (or a script) changes a project, a project's progress report, a task's assignment or status
report, or a target's breakdown row. The edit is a one-row file of the register's import kind run through the
ordinary import (:func:`seimon.ingest.pipeline.import_file`): the same header mapping, the same rules (an
unknown industry, a finish before the start, a progress report of a project not in the register …), a batch
of its own naming the editor, and the same vintages — the edited row becomes current and the row it replaces
stays in the store with its own vintage, so "as of" any earlier date still reads what was known then. Nothing
is ever overwritten.

An edit is known from the moment it is made: a progress report or a task report made in the web is dated
(报送日期) today, whatever the form says; a new register row's vintage is the import time, as for files.

Who may change which record is :mod:`seimon.access.register_scope`'s answer, checked here against the record
*on record* and against the record as edited. An edit that the import would quarantine is refused whole with
the first problem, bilingual, naming the field; nothing is kept. Evidence files attached to a task report
(佐证材料) are kept in ``evidence_files`` in the same transaction as the report and the audit entry.

This module is the whole workflow of an edit (scope → import → evidence → audit); the web route only calls
:func:`edit_register`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seimon.access import audit
from seimon.access.policy import Forbidden
from seimon.access.register_scope import REGISTERS, RegisterScope, out_of_scope, register_scope
from seimon.access.roles import Principal
from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.ingest.dryrun import enclosed_import
from seimon.ingest.headers import KINDS
from seimon.ingest.pipeline import import_file
from seimon.store import Store
from seimon.tracking.responsibilities import duties, read_breakdown

logger = logging.getLogger(__name__)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".txt": "text/plain",
    ".zip": "application/zip",
}
"""Evidence file types accepted (documents, images, archives; never HTML or SVG, which a browser would run)."""

# "evidence:12/验收报告.pdf" -> 12: how a task report names a file kept in evidence_files
EVIDENCE_REF = re.compile(r"^evidence:(\d+)/")
# "项目 验收/报告?.pdf" -> "项目_验收_报告_.pdf": characters unsafe in a file name or a CSV cell become "_"
_UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\s\x00-\x1f]+")

TODAY_DATED = ("project-progress", "task-reports")
"""Kinds whose report date (报送日期, the vintage) is the day of the edit."""


@dataclass(frozen=True)
class Evidence:
    """A file attached to a task report: its name as sent and its bytes."""

    filename: str
    content: bytes


def _error(zh: str, en: str, field: str | None = None, code: str = "invalid_edit") -> SeimonError:
    return SeimonError(zh, en, Location(field=field), code=code)


def _clean(kind: str, values: dict[str, Any]) -> dict[str, str]:
    """The edit as text cells keyed by the kind's field names; an unknown field is an error."""
    known = {spec.name for spec in KINDS[kind]}
    out: dict[str, str] = {}
    for name, value in values.items():
        if name not in known:
            raise _error(
                f"“{kind}”没有字段 {name}（可用：{'、'.join(sorted(known))}）",
                f"{kind} has no field {name} (known: {', '.join(sorted(known))})",
                name,
            )
        text = "" if value is None else str(value).strip()
        if len(text) > 2000:
            raise _error(
                f"字段 {name} 过长（最多 2000 字）", f"field {name} is too long (2000 characters at most)", name
            )
        if text.startswith(("=", "+", "-", "@")) and not _is_number(text):
            text = "'" + text  # a formula in a spreadsheet cell is text here, never a formula
        out[name] = text
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _key(kind: str, row: dict[str, str], field: str) -> str:
    value = row.get(field, "")
    if not value:
        raise _error(f"缺少{field}", f"{field} is missing", field)
    return value


def _project_on_record(store: Store, project_id: str) -> dict[str, Any] | None:
    if not store.table_exists("projects"):
        return None
    rows = store.fetch_dicts(
        "SELECT project_id, region, department FROM projects WHERE is_current AND upper(project_id) = upper(?)",
        (project_id,),
    )
    return rows[0] if rows else None


def _task_on_record(store: Store, task_id: str) -> dict[str, Any] | None:
    if not store.table_exists("task_assignments"):
        return None
    rows = store.fetch_dicts(
        "SELECT task_id, department FROM task_assignments WHERE is_current AND lower(task_id) = lower(?)", (task_id,)
    )
    return rows[0] if rows else None


def check_scope(store: Store, scope: RegisterScope, kind: str, row: dict[str, str]) -> None:
    """Refuse an edit of a record outside ``scope``: the record on record and the record as edited must both be
    inside (the rules of :mod:`seimon.access.register_scope`)."""
    if scope.everything:
        return
    if kind == "projects":
        pid = _key(kind, row, "project_id")
        held = _project_on_record(store, pid)
        if held is not None and not scope.project(held["region"], held["department"]):
            raise out_of_scope(f"项目 {pid} ", f"project {pid}")
        if not scope.project(row.get("region") or None, row.get("department") or None):
            raise _handed_over("项目", "the project", "region/department")
        return
    if kind == "project-progress":
        pid = _key(kind, row, "project_id")
        held = _project_on_record(store, pid)
        if held is None or not scope.project(held["region"], held["department"]):
            raise out_of_scope(f"项目 {pid} ", f"project {pid}")
        return
    if kind == "task-reports":
        tid = _key(kind, row, "task_id")
        held = _task_on_record(store, tid)
        if held is None or not scope.task(held["department"]):
            raise out_of_scope(f"任务 {tid} ", f"task {tid}")
        return
    if kind == "responsibilities" and scope.department is not None and scope.targets:
        target = _key(kind, row, "target")
        duty = duties(read_breakdown(store)).get(target)
        if duty is None or duty.lead != scope.department:
            raise out_of_scope(
                f"目标 {target} 的分解（须为本部门牵头）", f"the breakdown of target {target} (led by it)"
            )
        if row.get("lead") and row["lead"] != scope.department:
            raise _handed_over("目标分解", "the breakdown", "lead")
        return
    # task assignments (who answers for a task, by when) are the province's decision, and a city edits no
    # task or target
    raise out_of_scope(f"“{kind}”登记", f"the {kind} register")


def _handed_over(what_zh: str, what_en: str, field: str) -> Forbidden:
    """The refusal for an edit that would hand a record to someone else."""
    return Forbidden(
        f"编辑后的{what_zh}将不在本用户的负责范围内：不能把记录移交他人，请由省级用户办理",
        f"after the edit {what_en} would be outside this user's responsibility: records are handed over "
        "by province users",
        Location(field=field),
        code="forbidden",
    )


def safe_name(filename: str) -> str:
    """A file name fit to keep and to show: no folders, no control characters, at most 120 characters.

    >>> safe_name("../证明 材料?.pdf"), safe_name("C:\\\\x\\\\a.txt")
    ('证明_材料_.pdf', 'a.txt')
    """
    last = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE_NAME.sub("_", last)[-120:] or "evidence"


def keep_evidence(store: Store, task_id: str, evidence: Evidence, by: str) -> str:
    """Store an evidence file; returns the reference a task report's ``attachment`` holds."""
    name = safe_name(evidence.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise _error(
            f"不支持的佐证材料类型：{suffix or '（无扩展名）'}（可用：{'、'.join(EVIDENCE_TYPES)}）",
            f"evidence of type {suffix or '(no extension)'} is not accepted (use {', '.join(EVIDENCE_TYPES)})",
            "attachment",
        )
    size = len(evidence.content)
    if size == 0 or size > MAX_EVIDENCE_BYTES:
        raise _error(
            f"佐证材料须为 1 字节至 {MAX_EVIDENCE_BYTES // 1024 // 1024} MB",
            f"evidence must be between 1 byte and {MAX_EVIDENCE_BYTES // 1024 // 1024} MB",
            "attachment",
        )
    row = store.fetchone("SELECT nextval('evidence_id_seq')")
    evidence_id = int(row[0])
    store.execute(
        "INSERT INTO evidence_files (evidence_id, task_id, filename, media_type, size_bytes, sha256, content,"
        " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            evidence_id,
            task_id,
            name,
            EVIDENCE_TYPES[suffix],
            size,
            hashlib.sha256(evidence.content).hexdigest(),
            evidence.content,
            by,
            utc_now(),
        ),
    )
    return f"evidence:{evidence_id}/{name}"


def evidence_file(store: Store, evidence_id: int) -> dict[str, Any] | None:
    """One kept evidence file (its task, name, type and bytes), or None."""
    rows = store.fetch_dicts(
        "SELECT evidence_id, task_id, filename, media_type, size_bytes, content FROM evidence_files"
        " WHERE evidence_id = ?",
        (evidence_id,),
    )
    if not rows:
        return None
    row = rows[0]
    row["content"] = bytes(row["content"])
    return row


def _write_row(folder: Path, kind: str, row: dict[str, str], key: str) -> Path:
    path = folder / f"web-edit-{kind}-{safe_name(key)}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(row))
        writer.writerow(list(row.values()))
    return path


def edit_register(
    store: Store,
    principal: Principal,
    kind: str,
    values: dict[str, Any],
    *,
    evidence: Evidence | None = None,
    ip: str | None = None,
    today: dt.date | None = None,
    new_project: bool | None = None,
) -> dict[str, Any]:
    """Apply one edit of ``kind`` (``projects``, ``project-progress``, ``tasks``, ``task-reports``,
    ``responsibilities``) made by ``principal``: the scope checked, the row imported as a new vintage, the
    evidence kept, the edit audited — all in one transaction, or nothing.

    Returns ``{"kind", "batch_id", "status", "row", "evidence"}``; ``status`` is ``loaded`` (a new vintage)
    or ``unchanged`` (the edit repeats what is current). ``new_project`` (projects only): True creates a
    project and refuses an id already in the register (``exists``), False edits one and refuses an id that
    is not (``not_found`` for the province, the scope's refusal for others).

    >>> from seimon.store import open_store
    >>> from seimon.access.roles import Role
    >>> from seimon.access.policy import Forbidden
    >>> with open_store("duckdb:///:memory:") as s:
    ...     try:
    ...         edit_register(s, Principal("kjt", Role.DEPARTMENT, department="省科技厅"), "task-reports",
    ...                       {"task_id": "box_01_1", "status": "进行中", "progress": "x"})
    ...     except Forbidden as refused:
    ...         refused.message_en
    "task box_01_1 is outside this user's responsibility (or does not exist)"
    """
    if kind not in REGISTERS:
        raise _error(
            f"不能在线编辑“{kind}”（可编辑：{'、'.join(REGISTERS)}）",
            f"{kind} cannot be edited in the web (editable: {', '.join(REGISTERS)})",
            "kind",
            "bad_kind",
        )
    row = _clean(kind, values)
    if kind in TODAY_DATED:
        row["published"] = (today or dt.date.today()).isoformat()
    scope = register_scope(principal, editing=True)
    if kind == "projects" and new_project is not None:
        pid = _key(kind, row, "project_id")
        held = _project_on_record(store, pid)
        if new_project and held is not None:
            raise _error(
                f"项目库中已有项目：{pid}", f"the register already holds project {pid}", "project_id", "exists"
            )
        if not new_project and held is None:
            if not scope.everything:
                raise out_of_scope(f"项目 {pid} ", f"project {pid}")
            raise _error(
                f"项目库中没有项目：{pid}", f"no such project in the register: {pid}", "project_id", "not_found"
            )
    check_scope(store, scope, kind, row)
    key_field = KINDS[kind][0].name
    key = _key(kind, row, key_field)

    def body(fast: bool | None) -> dict[str, Any]:
        kept = None
        if evidence is not None:
            if kind != "task-reports":
                raise _error("只有任务进展可以附佐证材料", "only task reports take evidence files", "attachment")
            kept = keep_evidence(store, key, evidence, principal.username)
            row["attachment"] = kept
        with tempfile.TemporaryDirectory(prefix="seimon-edit-") as folder:
            path = _write_row(Path(folder), kind, row, key)
            summary = import_file(store, kind, path, user=principal.username, fast=fast, skip_unchanged=False)
        if summary.status == "rejected" or summary.rows_quarantined:
            problem = summary.errors[0] if summary.errors else {}
            raise SeimonError(
                problem.get("message_zh") or summary.message_zh or "编辑未通过校验",
                problem.get("message_en") or summary.message_en or "the edit did not pass validation",
                Location(field=problem.get("field")),
                code="invalid_edit",
            )
        status = "unchanged" if summary.rows_unchanged and not summary.rows_loaded else "loaded"
        audit.record(
            store,
            principal,
            "edit_register",
            target=f"{kind}:{key}",
            detail={"batch_id": summary.batch_id, "status": status, "row": row},
            ip=ip,
        )
        return {"kind": kind, "batch_id": summary.batch_id, "status": status, "row": dict(row), "evidence": kept}

    result = enclosed_import(store, body, keep=True)
    logger.info("%s edited %s %s: batch %s %s", principal.username, kind, key, result["batch_id"], result["status"])
    return result


__all__ = ["EVIDENCE_REF", "EVIDENCE_TYPES", "Evidence", "check_scope", "edit_register", "evidence_file"]
