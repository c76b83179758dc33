"""``/evaluations``: the third-party evaluation workspace (plan 五(八) 第三方评估) as JSON.

Thin shells over :mod:`seimon.services.evaluations`, which authorises every step (an evaluator acts only on its
own organisation's evaluations), does it and writes the audit log. The admin opens and assigns; the evaluator
judges, attaches evidence, requests evidence from the responsible departments and signs; a province user answers
a request on a department's behalf. The platform's figures of a workspace are assessed once per as-of date and
kept in the result cache (they change only when the data do).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.evaluation.files import MAX_FILE_BYTES, MAX_FILES_PER_ITEM
from seimon.evaluation.records import get_evaluation
from seimon.evaluation.workspace import quantitative_rows
from seimon.plan import load_plan
from seimon.services import evaluations as service
from seimon.web.api.params import RowId
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/evaluations", tags=["evaluations"])


class OpenBody(BaseModel):
    kind: str = Field(..., description="midterm（中期评估）| final（总结评估）")
    as_of: str = Field(..., description="评估基准日 / as-of date YYYY-MM-DD")
    organisation: str | None = Field(None, max_length=200, description="同时指派的评估机构 / assign at once")
    title: str | None = Field(None, max_length=200)


class AssignBody(BaseModel):
    organisation: str = Field(..., max_length=200, description="评估机构 / evaluator organisation")


class MemberBody(BaseModel):
    username: str = Field(..., max_length=64, description="评估人账户 / evaluator account")
    organisation: str = Field(..., max_length=200, description="评估机构 / evaluator organisation")


class JudgementBody(BaseModel):
    verdict: str = Field(
        ..., description="achieved | partly | not_achieved（定性 / qualitative）; confirmed | disputed（定量）"
    )
    reason: str = Field(..., max_length=4000, description="理由 / the written reason")


class RequestBody(BaseModel):
    target: str = Field(..., max_length=100)
    department: str = Field(..., max_length=200, description="责任部门（目标分解台账）/ responsible department")
    question: str = Field(..., max_length=4000, description="所需证据 / the evidence asked for")
    due: str | None = Field(None, description="答复期限 / due date YYYY-MM-DD (default: in 15 days)")


class SignBody(BaseModel):
    signatory: str = Field(..., max_length=200, description="签署人姓名 / the signatory's name")
    signed_on: str | None = Field(None, description="签署日期 / date YYYY-MM-DD (default today)")


async def read_upload(file: UploadFile) -> tuple[str, bytes]:
    """An uploaded evidence file, refused early (413) when larger than the limit."""
    content = await file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise SeimonError(
            f"证据文件超过 {MAX_FILE_BYTES // 1048576} MB",
            f"evidence file larger than {MAX_FILE_BYTES // 1048576} MB",
            Location(file=file.filename),
            code="too_large",
        )
    return file.filename or "evidence", content


@router.get("", summary="第三方评估列表 / evaluations")
def evaluations(
    ctx: WebContext = Depends(web_context), principal: Principal = require("read_evaluations")
) -> list[dict[str, Any]]:
    """Every evaluation for the province; an evaluator's organisation's own."""
    return service.list_for(ctx.owner.reader(), principal)


@router.post("", summary="开启评估 / open an evaluation")
def open_evaluation(
    body: OpenBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_evaluations"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.open_evaluation(
            store,
            principal,
            body.kind,
            body.as_of,
            organisation=body.organisation,
            title=body.title,
            ip=caller_ip(request),
        )


@router.get("/members", summary="评估人及其机构 / evaluator accounts and their organisations")
def members(
    ctx: WebContext = Depends(web_context), principal: Principal = require("manage_evaluations")
) -> list[dict[str, Any]]:
    return service.members(ctx.owner.reader(), principal)


@router.post("/members", summary="登记评估人所属机构 / record an evaluator's organisation")
def add_member(
    body: MemberBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_evaluations"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.add_member(store, principal, body.username, body.organisation, ip=caller_ip(request))


def _figures(ctx: WebContext, evaluation_id: int) -> list[dict[str, Any]] | None:
    """The platform's figures for the evaluation's as-of date, from the cache (None: not found, let the service say)."""
    reader = ctx.owner.reader()
    try:
        as_of = dt.date.fromisoformat(get_evaluation(reader, evaluation_id)["as_of"])
    except SeimonError:
        return None
    return ctx.cache.get(("evaluation_figures", as_of), lambda: quantitative_rows(reader, load_plan(), as_of))


@router.get("/{evaluation_id}", summary="评估工作台 / the workspace: targets, figures, judgements, requests")
def evaluation(
    evaluation_id: RowId, ctx: WebContext = Depends(web_context), principal: Principal = require("read_evaluations")
) -> dict[str, Any]:
    reader = ctx.owner.reader()
    service.visible(reader, principal, evaluation_id)  # refuse before any assessment is run
    return service.show(reader, principal, evaluation_id, figures=_figures(ctx, evaluation_id))


@router.post("/{evaluation_id}/assign", summary="指派评估机构 / assign to an evaluator organisation")
def assign(
    evaluation_id: RowId,
    body: AssignBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_evaluations"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.assign(store, principal, evaluation_id, body.organisation, ip=caller_ip(request))


@router.put("/{evaluation_id}/judgements/{target}", summary="评判一项目标 / judge one target")
def judge(
    evaluation_id: RowId,
    target: str,
    body: JudgementBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("evaluate"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.judge(
            store, principal, evaluation_id, target, body.verdict, reason=body.reason, ip=caller_ip(request)
        )


@router.post("/{evaluation_id}/judgements/{target}/files", summary="附证据文件 / attach an evidence file")
async def attach(
    evaluation_id: RowId,
    target: str,
    request: Request,
    file: UploadFile = File(..., description="证据文件（≤ 20 MB）/ evidence file (at most 20 MB)"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("evaluate"),
) -> dict[str, Any]:
    name, content = await read_upload(file)
    with ctx.owner.writer(changes_data=False) as store:
        return service.attach(store, principal, evaluation_id, target, name, content=content, ip=caller_ip(request))


@router.post("/{evaluation_id}/requests", summary="请求证据 / request evidence from a department")
def request_evidence(
    evaluation_id: RowId,
    body: RequestBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("evaluate"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.request_evidence(
            store,
            principal,
            evaluation_id,
            body.target,
            body.department,
            question=body.question,
            due=body.due,
            ip=caller_ip(request),
        )


@router.post("/{evaluation_id}/requests/{request_id}/answer", summary="答复证据请求 / answer an evidence request")
async def answer(
    evaluation_id: RowId,
    request_id: RowId,
    request: Request,
    answer: str = Form(..., max_length=4000, description="答复 / the answer"),
    files: list[UploadFile] = File(default=[], description="附件 / attachments"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("answer_evidence"),
) -> dict[str, Any]:
    if len(files) > MAX_FILES_PER_ITEM:
        raise SeimonError(
            f"每次答复最多 {MAX_FILES_PER_ITEM} 个附件",
            f"at most {MAX_FILES_PER_ITEM} files per answer",
            Location(field="files"),
            code="too_large",
        )
    attachments = [await read_upload(f) for f in files if f.filename]
    with ctx.owner.writer(changes_data=False) as store:
        return service.answer_evidence(
            store, principal, evaluation_id, request_id, answer, attachments=attachments, ip=caller_ip(request)
        )


@router.get("/{evaluation_id}/files/{file_id}", summary="下载证据文件 / download an evidence file")
def download(
    evaluation_id: RowId,
    file_id: RowId,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_evaluations"),
) -> Response:
    with ctx.owner.writer(changes_data=False) as store:
        meta, content = service.download(store, principal, evaluation_id, file_id, ip=caller_ip(request))
    name = quote(meta["filename"])
    return Response(
        content,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename=\"evidence-{file_id}\"; filename*=UTF-8''{name}"},
    )


@router.post("/{evaluation_id}/sign", summary="签署评估 / sign the evaluation off")
def sign(
    evaluation_id: RowId,
    body: SignBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("evaluate"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        return service.sign(
            store, principal, evaluation_id, body.signatory, signed_on=body.signed_on, ip=caller_ip(request)
        )
