"""``/submissions``: upload a file → validation report → submit → a province user approves (it lands) or returns it.

City and enterprise users see and act on their own submissions; approving needs ``approve``. An approval runs
the ordinary import and then refreshes the indicator cube for the periods the new data touch.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from seimon.access import audit
from seimon.access.policy import Forbidden, allowed
from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.indicators.cube import compute_cube
from seimon.ingest import submissions as workflow
from seimon.ingest.quarantine import write_table
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/submissions", tags=["submissions"])

KINDS = ("enterprises", "reports", "deflators", "regional", "observations")


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


@router.post("", summary="上传文件并校验 / upload a file and validate it")
async def upload(
    request: Request,
    kind: str = Form(..., description=" | ".join(KINDS)),
    file: UploadFile = File(..., description="CSV（UTF-8/GBK）或 XLSX / CSV (UTF-8 or GBK) or XLSX"),
    sheet: str | None = Form(None),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("upload"),
) -> dict[str, Any]:
    """Stores the file and returns the submission with its full validation report; nothing lands yet."""
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
    with ctx.owner.writer(changes_data=False) as store:
        created = workflow.create_submission(
            store,
            kind,
            name,
            content,
            submitted_by=principal.username,
            region=principal.region,
            credit_code=principal.credit_code,
            sheet=sheet or None,
        )
        audit.record(
            store,
            principal,
            "upload",
            target=f"submission:{created['id']}",
            detail={"kind": kind, "file": name, "bytes": len(content)},
            ip=caller_ip(request),
        )
    return created


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
    submission_id: int, ctx: WebContext = Depends(web_context), principal: Principal = require("upload", "approve")
) -> dict[str, Any]:
    return owned(ctx, principal, submission_id)


@router.get("/{submission_id}/report.xlsx", summary="校验报告（Excel）/ validation report as XLSX")
def submission_report(
    submission_id: int, ctx: WebContext = Depends(web_context), principal: Principal = require("upload", "approve")
) -> Response:
    import tempfile
    from pathlib import Path

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
    submission_id: int,
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
    submission_id: int,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("approve"),
) -> dict[str, Any]:
    with ctx.owner.writer() as store:
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
    submission_id: int,
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
