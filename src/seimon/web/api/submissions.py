"""``/submissions``: upload a file → validation report → submit → a province user approves (it lands) or returns it.

City and enterprise users see and act on their own submissions; approving needs ``approve``. An approval runs
the ordinary import and then refreshes the indicator cube for the periods the new data touch. The workflow
(scope check, audit, recompute) is :mod:`seimon.services.submissions`; this module is its HTTP shell.
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

from seimon.access.policy import Forbidden, allowed
from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.ingest import submissions as workflow
from seimon.ingest.limits import UploadLimits
from seimon.ingest.loaders import KIND_SPECS
from seimon.ingest.quarantine import write_table
from seimon.services import submissions as service
from seimon.web.api.params import RowId
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context
from seimon.web.errors import error_body, error_location
from seimon.web.niced import run_niced
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
    return service.visible_submission(ctx.owner.reader(), principal, submission_id, sees_all=sees_all(principal, ctx))


def upload_limits(ctx: WebContext) -> UploadLimits:
    s = ctx.settings
    return UploadLimits(
        max_decompressed_bytes=int(s.max_upload_unpacked_mb * 1024 * 1024),
        max_rows=s.max_upload_rows,
        max_columns=s.max_upload_columns,
        max_seconds=s.max_upload_seconds,
    )


def max_upload_bytes(ctx: WebContext) -> int:
    """The one upload size limit: the setting ``max_upload_mb``, in bytes."""
    return int(ctx.settings.max_upload_mb * 1024 * 1024)


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
    quota = int(ctx.settings.submitter_quota_mb * 1024 * 1024)
    with ctx.upload_slots:
        total = service.check_file(
            ctx.owner.reader(),
            principal,
            kind,
            name,
            content,
            sheet=sheet,
            limits=upload_limits(ctx),
            progress=progress.read,
        )
        progress.total(total)
        # the dry run rolls its own transaction back: logins and audit entries go on beside it; only keeping the
        # submission (and its audit entry) takes the writer, for a moment
        # and runs niced in a thread of its own, so the event loop wins the CPU when the two compete
        with ctx.owner.validating() as store:
            progress.validating()
            checked = run_niced(
                lambda: service.dry_run(
                    store,
                    principal,
                    kind,
                    name,
                    content,
                    sheet=sheet,
                    quota_bytes=quota,
                    max_bytes=max_upload_bytes(ctx),
                    progress=progress.validated,
                ),
                name="seimon-dry-run",
            )
        progress.saving()
        with ctx.owner.writer(changes_data=False) as store:
            created = service.keep(
                store, principal, checked, quota_bytes=quota, keep_rejected=ctx.settings.keep_rejected_files, ip=ip
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
    limit = max_upload_bytes(ctx)
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise SeimonError(
            f"文件超过 {ctx.settings.max_upload_mb:g} MB",
            f"file larger than {ctx.settings.max_upload_mb:g} MB",
            Location(file=file.filename),
            code="too_large",
        )
    name = file.filename or "upload"
    progress = ctx.uploads.start(principal.username, workflow.safe_filename(name), kind)
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
        return service.submit(store, principal, submission_id, ip=caller_ip(request))


@router.post("/{submission_id}/approve", summary="审核通过并入库 / approve: the data land")
def approve(
    submission_id: RowId,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("approve"),
) -> dict[str, Any]:
    with ctx.owner.writer() as store:
        return service.approve(store, principal, submission_id, ip=caller_ip(request))


@router.post("/{submission_id}/return", summary="退回 / return to the submitter")
def return_submission(
    submission_id: RowId,
    body: Decision,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("approve"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.return_submission(store, principal, submission_id, reason=body.reason, ip=caller_ip(request))
