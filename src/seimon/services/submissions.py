"""Submissions: who may submit what (the scope check against the register), then upload → submit → approve
(import, audit, recompute the cube) or return.

:mod:`seimon.ingest.submissions` keeps the states and the bytes and decides nothing about who asks; this module
adds the caller's scope and the audit log, so the web API and any other shell run the same sequence.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seimon.access import audit
from seimon.access.events import ApproveSubmission, ReturnSubmission, SubmitSubmission, UploadSubmission
from seimon.access.policy import Forbidden, microdata_scope
from seimon.access.register_scope import check_department_file
from seimon.access.roles import Principal, Role
from seimon.errors import Location, SeimonError
from seimon.indicators.cube import compute_cube
from seimon.ingest import submissions as workflow
from seimon.ingest.limits import UploadLimits, check_upload
from seimon.ingest.subjects import SUBJECT_KINDS, file_subjects
from seimon.reference.credit_code import is_valid
from seimon.store import Store
from seimon.store.locks import exclusive

logger = logging.getLogger(__name__)


def visible_submission(store: Store, principal: Principal, submission_id: int, *, sees_all: bool) -> dict[str, Any]:
    """The submission, if the caller may see it (403 otherwise, without saying whether it exists).

    ``sees_all``: the caller may approve (province users see every submission; others their own).
    """
    try:
        found = workflow.get_submission(store, submission_id)
    except SeimonError:
        if sees_all:
            raise
        found = None
    if found is None or not (sees_all or found["submitted_by"] == principal.username):
        raise Forbidden("无权查看该报送", "not allowed to see this submission", code="forbidden")
    return found


def check_subjects(store: Store, principal: Principal, kind: str, name: str, path: Path, *, sheet: str | None) -> None:
    """A city or an enterprise may submit data only about enterprises inside its own scope, a department only
    the progress of its own projects and the reports of its own tasks (:mod:`seimon.access.register_scope`).

    Both the region a row names and the region *on record* for its enterprise must be in scope: otherwise a
    city could take another city's enterprise by writing its own region in the file. Moving an enterprise
    across scopes is a province analyst's decision (its validation report warns: ``region_reassigned``).
    Province-level tables (deflators, regional aggregates, published observations) come from province users.
    """
    if principal.role is Role.DEPARTMENT:
        check_department_file(store, principal, kind, path, name=name, sheet=sheet)
        return
    scope = microdata_scope(principal)
    if scope.everything:
        return
    if kind not in SUBJECT_KINDS:
        raise Forbidden(
            f"只有省级用户可以报送“{kind}”数据", f"only province users may submit {kind} data", code="forbidden"
        )
    subjects = file_subjects(store, kind, path, sheet=sheet)
    # A row with a malformed code can land nowhere: the validation report lists it instead.
    outside = [
        s.row
        for s in subjects
        if (s.credit_code is None or is_valid(s.credit_code))
        and not (
            scope.allows(s.region, s.credit_code)
            and (s.recorded_region is None or scope.allows(s.recorded_region, s.credit_code))
        )
    ]
    if outside:
        shown = "、".join(map(str, outside[:20])) + ("等" if len(outside) > 20 else "")
        raise Forbidden(
            f"第 {shown} 行的企业不在本用户的报送范围内（须为本地区已登记的企业或本企业；"
            "改划其他地区的企业须由省级分析员报送）",
            f"rows {', '.join(map(str, outside[:20]))}{' …' if len(outside) > 20 else ''} are about enterprises "
            "outside this user's scope (registered enterprises of its own region, or itself; moving another "
            "region's enterprise is for a province analyst)",
            Location(file=name, row=outside[0], field="credit_code"),
            code="forbidden",
        )


def check_file(
    store: Store,
    principal: Principal,
    kind: str,
    name: str,
    content: bytes,
    *,
    sheet: str | None,
    limits: UploadLimits,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Refuse an upload before it is kept: over the limits, or about enterprises outside the caller's scope.
    Returns the file's number of data rows; ``progress`` is told the rows read so far."""
    with tempfile.TemporaryDirectory(prefix="seimon-upload-") as folder:
        path = Path(folder) / workflow.safe_filename(name)
        path.write_bytes(content)
        rows = check_upload(path, limits, sheet=sheet, name=name, progress=progress)
        check_subjects(store, principal, kind, name, path, sheet=sheet)
    return rows


def dry_run(
    store: Store,
    principal: Principal,
    kind: str,
    name: str,
    content: bytes,
    *,
    sheet: str | None,
    quota_bytes: int,
    max_bytes: int,
    progress: Callable[[int], None] | None = None,
) -> workflow.CheckedUpload:
    """The reading half of an upload: the file's dry run (nothing kept, nothing audited yet); ``progress`` is told
    the rows validated so far. It needs no exclusive write access: its transaction is its own and rolled back.
    """
    return workflow.dry_run_upload(
        store,
        kind,
        name,
        content,
        submitted_by=principal.username,
        sheet=sheet,
        quota_bytes=quota_bytes,
        max_bytes=max_bytes,
        progress=progress,
    )


def keep(
    store: Store,
    principal: Principal,
    checked: workflow.CheckedUpload,
    *,
    quota_bytes: int,
    keep_rejected: int,
    ip: str | None = None,
) -> dict[str, Any]:
    """The writing half of an upload: keep the checked file with its report and audit the upload (brief)."""
    created = workflow.keep_checked(
        store,
        checked,
        submitted_by=principal.username,
        region=principal.region,
        credit_code=principal.credit_code,
        quota_bytes=quota_bytes,
        keep_rejected=keep_rejected,
    )
    audit.record(
        store, principal, UploadSubmission(created["id"], checked.kind, checked.name, len(checked.content)), ip=ip
    )
    return created


def upload(
    store: Store,
    principal: Principal,
    kind: str,
    name: str,
    content: bytes,
    *,
    sheet: str | None,
    quota_bytes: int,
    keep_rejected: int,
    max_bytes: int = workflow.MAX_UPLOAD_BYTES,
    ip: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Keep a checked file with its validation report (nothing lands yet) and audit the upload, on one store:
    :func:`dry_run` then :func:`keep` (a server runs the two halves under different locks).

    No transaction is opened around the steps: the dry run inside must be able to roll its own back.
    """
    checked = dry_run(
        store,
        principal,
        kind,
        name,
        content,
        sheet=sheet,
        quota_bytes=quota_bytes,
        max_bytes=max_bytes,
        progress=progress,
    )
    return keep(store, principal, checked, quota_bytes=quota_bytes, keep_rejected=keep_rejected, ip=ip)


def submit(store: Store, principal: Principal, submission_id: int, *, ip: str | None = None) -> dict[str, Any]:
    """Submit a validated upload for approval."""
    result = workflow.submit(store, submission_id, by=principal.username)
    audit.record(store, principal, SubmitSubmission(submission_id), ip=ip)
    return result


def approve(store: Store, principal: Principal, submission_id: int, *, ip: str | None = None) -> dict[str, Any]:
    """Approve: the data land (the ordinary import), the approval is audited, the cube is recomputed.

    One approval at a time on the store, across every process sharing it (PostgreSQL advisory lock). The
    result carries the cube's summary under ``cube`` when data landed.
    """
    with exclusive(store, "approve"):
        result = workflow.approve(store, submission_id, by=principal.username)  # one transaction of its own
        audit.record(store, principal, ApproveSubmission(submission_id, result.get("batch_id")), ip=ip)
        if result.get("batch_id") is not None:
            result["cube"] = compute_cube(store)
    return result


def return_submission(
    store: Store, principal: Principal, submission_id: int, *, reason: str, ip: str | None = None
) -> dict[str, Any]:
    """Return a submitted file to its submitter, with the reviewer's reason."""
    result = workflow.return_submission(store, submission_id, by=principal.username, reason=reason)
    audit.record(store, principal, ReturnSubmission(submission_id, reason), ip=ip)
    return result
