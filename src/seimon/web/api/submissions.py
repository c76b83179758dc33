"""``/submissions``: upload a file → validation report → submit → a province user approves (it lands) or returns it.

City and enterprise users see and act on their own submissions; approving needs ``approve``. An approval runs
the ordinary import and then refreshes the indicator cube for the periods the new data touch.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi import Path as ApiPath
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from seimon.access import audit
from seimon.access.policy import Forbidden, allowed, microdata_scope
from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.indicators.cube import compute_cube
from seimon.ingest import submissions as workflow
from seimon.ingest.credit_code import is_valid
from seimon.ingest.limits import UploadLimits, check_upload
from seimon.ingest.loaders import KIND_SPECS
from seimon.ingest.quarantine import write_table
from seimon.ingest.subjects import SUBJECT_KINDS, file_subjects
from seimon.ingest.submissions import safe_filename
from seimon.store.locks import exclusive
from seimon.web.api.params import RowId
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context
from seimon.web.errors import error_body, error_location
from seimon.web.upload_progress import UploadProgress

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/submissions", tags=["submissions"])

KINDS = tuple(KIND_SPECS)


class Decision(BaseModel):
    reason: str = Field("", max_length=2000, description="退回原因 / why it is returned")


def sees_all(principal: Principal, ctx: WebContext) -> bool:
    """Province users (who may approve) see every submission; others see their own."""
    return allowed(principal, "approve", public_enabled=ctx.settings.public_enabled)


def owned(ctx: WebContext, principal: Principal, submission_id: int) -> dict[str, Any]:
    """The submission, if the caller may see it (403 otherwise, without saying whether it exists)."""
    try:
        found = workflow.get_submission(ctx.owner.reader(), submission_id)
    except SeimonError:
        if sees_all(principal, ctx):
            raise
        found = None
    if found is None or not (sees_all(principal, ctx) or found["submitted_by"] == principal.username):
        raise Forbidden("无权查看该报送", "not allowed to see this submission", code="forbidden")
    return found


def check_subjects(ctx: WebContext, principal: Principal, kind: str, name: str, path: Path, sheet: str | None) -> None:
    """A city or an enterprise may submit data only about enterprises inside its own scope.

    Both the region a row names and the region *on record* for its enterprise must be in scope: otherwise a
    city could take another city's enterprise by writing its own region in the file. Moving an enterprise
    across scopes is a province analyst's decision (its validation report warns: ``region_reassigned``).
    Province-level tables (deflators, regional aggregates, published observations) come from province users.
    """
    scope = microdata_scope(principal)
    if scope.everything:
        return
    if kind not in SUBJECT_KINDS:
        raise Forbidden(
            f"只有省级用户可以报送“{kind}”数据", f"only province users may submit {kind} data", code="forbidden"
        )
    subjects = file_subjects(ctx.owner.reader(), kind, path, sheet=sheet)
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


def upload_limits(ctx: WebContext) -> UploadLimits:
    s = ctx.settings
    return UploadLimits(
        max_decompressed_bytes=int(s.max_upload_unpacked_mb * 1024 * 1024),
        max_rows=s.max_upload_rows,
        max_columns=s.max_upload_columns,
        max_seconds=s.max_upload_seconds,
    )


def keep_upload(
    ctx: WebContext,
    principal: Principal,
    kind: str,
    name: str,
    content: bytes,
    sheet: str | None,
    ip: str | None,
    progress: UploadProgress,
) -> dict[str, Any]:
    """Check, validate and keep one upload: runs in a worker thread, never on the event loop.

    At most ``upload_workers`` uploads are read at once (the others wait their turn), each within the upload
    limits, so a hostile or merely large file cannot stop the server answering everyone else. ``progress``
    follows it: rows counted, then rows validated, out of the file's rows.
    """
    with ctx.upload_slots:
        with tempfile.TemporaryDirectory(prefix="seimon-upload-") as folder:
            path = Path(folder) / safe_filename(name)
            path.write_bytes(content)
            progress.total(check_upload(path, upload_limits(ctx), sheet=sheet, name=name, progress=progress.read))
            check_subjects(ctx, principal, kind, name, path, sheet)
        with ctx.owner.writer(changes_data=False) as store:
            progress.validating()
            created = workflow.create_submission(
                store,
                kind,
                name,
                content,
                submitted_by=principal.username,
                region=principal.region,
                credit_code=principal.credit_code,
                sheet=sheet,
                quota_bytes=int(ctx.settings.submitter_quota_mb * 1024 * 1024),
                keep_rejected=ctx.settings.keep_rejected_files,
                progress=progress.validated,
            )
            progress.saving()
            audit.record(
                store,
                principal,
                "upload",
                target=f"submission:{created['id']}",
                detail={"kind": kind, "file": name, "bytes": len(content)},
                ip=ip,
            )
    progress.finish(submission_id=int(created["id"]))
    return created


def keep_upload_tracked(
    ctx: WebContext,
    principal: Principal,
    kind: str,
    name: str,
    content: bytes,
    sheet: str | None,
    ip: str | None,
    progress: UploadProgress,
) -> None:
    """:func:`keep_upload` for an upload nobody waits on: its outcome, error included, goes to ``progress``."""
    try:
        keep_upload(ctx, principal, kind, name, content, sheet, ip, progress)
    except SeimonError as err:
        progress.finish(error=error_body(err.code, err.message_zh, err.message_en, error_location(err))["error"])
    except Exception:
        logger.exception("validating upload %s (%s) failed", progress.upload_id, name)
        progress.finish(
            error=error_body("internal_error", "服务器内部错误，已记入日志", "internal server error (logged)")["error"]
        )


@router.post(
    "",
    summary="上传文件并校验 / upload a file and validate it",
    responses={202: {"description": "校验已开始（wait=false）/ validation started (wait=false)"}},
)
async def upload(
    request: Request,
    kind: str = Form(..., description=" | ".join(KINDS)),
    file: UploadFile = File(..., description="CSV（UTF-8/GBK）或 XLSX / CSV (UTF-8 or GBK) or XLSX"),
    sheet: str | None = Form(None),
    wait: bool = Form(
        True,
        description="等待校验完成（默认）；false 时立即返回 202 和 upload_id，"
        "进度见 GET /submissions/uploads/{upload_id} / wait for the validation (default); false answers 202"
        " with an upload_id at once, progress at GET /submissions/uploads/{upload_id}",
    ),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("upload"),
) -> Any:
    """Stores the file and returns the submission with its full validation report; nothing lands yet.

    With ``wait=false`` the answer comes at once (202, ``{"upload_id", "state", "progress_url"}``) and the file
    is validated in the background: the upload page polls its progress (rows validated out of the file's rows).
    """
    if kind not in KINDS:
        raise SeimonError(f"未知数据类型：{kind}", f"unknown kind: {kind}", Location(field="kind"), "bad_kind")
    limit = int(ctx.settings.max_upload_mb * 1024 * 1024)
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise SeimonError(
            f"文件超过 {ctx.settings.max_upload_mb:g} MB",
            f"file larger than {ctx.settings.max_upload_mb:g} MB",
            Location(file=file.filename),
            code="too_large",
        )
    name = file.filename or "upload"
    progress = ctx.uploads.start(principal.username, safe_filename(name), kind)
    args = (ctx, principal, kind, name, content, sheet or None, caller_ip(request), progress)
    if wait:
        try:
            return await run_in_threadpool(keep_upload, *args)
        except SeimonError as err:
            progress.finish(error=error_body(err.code, err.message_zh, err.message_en, error_location(err))["error"])
            raise
    ctx.uploads.run(run_in_threadpool(keep_upload_tracked, *args))
    body = {
        "upload_id": progress.upload_id,
        "state": progress.state,
        "progress_url": f"{request.url.path}/uploads/{progress.upload_id}",
    }
    return JSONResponse(body, status_code=202)


@router.get("/uploads/{upload_id}", summary="上传校验进度 / how far an upload's validation has got")
def upload_progress(
    # an id from secrets.token_urlsafe, e.g. "Zq3_x-9AbCdEfGh1"
    upload_id: str = ApiPath(..., min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("upload", "approve"),
) -> dict[str, Any]:
    """``{"state", "rows_total", "rows_read", "rows_validated", "submission_id", "error", …}``.

    ``state`` goes queued → reading → checking → validating → saving → done (``submission_id`` set) or failed
    (``error`` as the API's JSON error). Known to the server process that took the upload, for an hour after
    it ends; only its submitter (or a province user) may ask.
    """
    found = ctx.uploads.get(upload_id)
    if found is not None and (sees_all(principal, ctx) or found.submitted_by == principal.username):
        return found.to_dict()
    if sees_all(principal, ctx):
        raise SeimonError(
            "没有这个上传（或已过期）", "no such upload (or it has expired)", Location(field="upload_id"), "not_found"
        )
    # as for submissions: others are not told whether someone else's upload exists
    raise Forbidden("无权查看该上传", "not allowed to see this upload", code="forbidden")


@router.get("", summary="报送列表 / submissions")
def submissions(
    status: str | None = None,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("upload", "approve"),
) -> list[dict[str, Any]]:
    mine = None if sees_all(principal, ctx) else principal.username
    return workflow.list_submissions(ctx.owner.reader(), submitted_by=mine, status=status)


@router.get("/{submission_id}", summary="报送详情与校验报告 / one submission with its validation report")
def submission(
    submission_id: RowId, ctx: WebContext = Depends(web_context), principal: Principal = require("upload", "approve")
) -> dict[str, Any]:
    return owned(ctx, principal, submission_id)


@router.get("/{submission_id}/report.xlsx", summary="校验报告（Excel）/ validation report as XLSX")
def submission_report(
    submission_id: RowId, ctx: WebContext = Depends(web_context), principal: Principal = require("upload", "approve")
) -> Response:
    found = owned(ctx, principal, submission_id)
    header = ["行 / row", "字段 / field", "规则 / rule", "级别 / severity", "说明", "message", "值 / value"]
    keys = ("row", "field", "rule", "severity", "message_zh", "message_en", "value")
    lines = [[p.get(k) for k in keys] for p in found["report"]["problems"]]
    with tempfile.TemporaryDirectory() as folder:
        path = write_table(Path(folder) / "report.xlsx", header, lines, sheet="problems")
        data = path.read_bytes()
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="submission-{submission_id}-report.xlsx"'},
    )


@router.post("/{submission_id}/submit", summary="提交审核 / submit for approval")
def submit(
    submission_id: RowId,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("upload"),
) -> dict[str, Any]:
    owned(ctx, principal, submission_id)
    with ctx.owner.writer(changes_data=False) as store:
        result = workflow.submit(store, submission_id, by=principal.username)
        audit.record(store, principal, "submit", target=f"submission:{submission_id}", ip=caller_ip(request))
    return result


@router.post("/{submission_id}/approve", summary="审核通过并入库 / approve: the data land")
def approve(
    submission_id: RowId,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("approve"),
) -> dict[str, Any]:
    # one approval at a time on the store, across every server process sharing it (PostgreSQL)
    with ctx.owner.writer() as store, exclusive(store, "approve"):
        result = workflow.approve(store, submission_id, by=principal.username)
        audit.record(
            store,
            principal,
            "approve",
            target=f"submission:{submission_id}",
            detail={"batch_id": result.get("batch_id")},
            ip=caller_ip(request),
        )
        if result.get("batch_id") is not None:
            result["cube"] = compute_cube(store)
    return result


@router.post("/{submission_id}/return", summary="退回 / return to the submitter")
def return_submission(
    submission_id: RowId,
    body: Decision,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("approve"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        result = workflow.return_submission(store, submission_id, by=principal.username, reason=body.reason)
        audit.record(
            store,
            principal,
            "return",
            target=f"submission:{submission_id}",
            detail={"reason": body.reason},
            ip=caller_ip(request),
        )
    return result
