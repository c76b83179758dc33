"""Editing the registers in the web: create and edit projects, report a project's progress, assign a task, report
on a task with evidence, set a target's breakdown — thin shells over :func:`seimon.access.register_edits.edit_register`.

Every route needs ``edit_registers`` (admin and analyst everything, a city the projects of its region, a
department its own projects, tasks and the targets it leads); the record-level decision, the import as a new
vintage, the evidence and the audit entry are the library's. A cookie-authenticated call carries the CSRF
token like every change (:func:`seimon.web.auth.require`).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from seimon.access.register_edits import MAX_EVIDENCE_BYTES, Evidence, edit_register
from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["tracking"])

Text = Field(None, max_length=2000)


class ProjectBody(BaseModel):
    """A project's register row (项目库); money in 万元, dates YYYY-MM-DD."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=200, description="项目名称 / name")
    industry: str = Field(..., min_length=1, max_length=100, description="所属产业 / plan industry or sub-field")
    region: str = Field(..., min_length=6, max_length=6, description="地区代码 / region code")
    base: str | None = Field(None, max_length=100, description="所属基地 / base id")
    unit_code: str | None = Field(None, max_length=18, description="项目单位信用代码 / owner's credit code")
    department: str = Field(..., min_length=1, max_length=60, description="责任单位 / responsible unit")
    total_investment: float = Field(..., gt=0, description="总投资（万元）/ total investment")
    annual_investment: float | None = Field(None, ge=0, description="年度计划投资（万元）/ annual plan")
    planned_start: str = Field(..., max_length=10, description="计划开工 / planned start")
    planned_finish: str = Field(..., max_length=10, description="计划竣工 / planned finish")


class NewProjectBody(ProjectBody):
    project_id: str = Field(..., min_length=1, max_length=40, description="项目编号 / project id")


class ProgressBody(BaseModel):
    """A progress report (项目进度), dated today."""

    model_config = ConfigDict(extra="forbid")

    period: str = Field(..., min_length=1, max_length=20, description="时期 / month reported, e.g. 2020年11月")
    completed_investment: float = Field(..., ge=0, description="累计完成投资（万元）/ invested so far")
    status: str = Field(..., min_length=1, max_length=10, description="未开工|在建|竣工|停建|取消")
    note: str | None = Text


class AssignmentBody(BaseModel):
    """Who answers for a task and by when (任务分工)."""

    model_config = ConfigDict(extra="forbid")

    department: str = Field(..., min_length=1, max_length=60, description="责任单位 / responsible unit")
    partners: str | None = Field(None, max_length=500, description="配合单位 / partners, separated by 、")
    deadline: str = Field(..., max_length=10, description="完成时限 / deadline YYYY-MM-DD")
    note: str | None = Text


class BreakdownBody(BaseModel):
    """One row of a target's breakdown (目标分解): a region's figure for a year, the lead and partners."""

    model_config = ConfigDict(extra="forbid")

    target: str = Field(..., min_length=1, max_length=200, description="目标 / plan target id")
    region: str | None = Field(None, max_length=6, description="地区代码 / region (blank: the province)")
    year: int | None = Field(None, ge=2016, le=2030, description="年度 / year (blank: the deadline year)")
    value: float | None = Field(None, description="分解目标 / the figure")
    unit: str | None = Field(None, max_length=20, description="单位 / unit (blank: the target's)")
    lead: str | None = Field(None, max_length=60, description="牵头单位 / lead department")
    partners: str | None = Field(None, max_length=500, description="配合单位 / partners")
    note: str | None = Text


def _values(body: BaseModel, **extra: Any) -> dict[str, Any]:
    return {**{k: v for k, v in body.model_dump().items() if v is not None}, **extra}


def _edit(ctx: WebContext, principal: Principal, request: Request, kind: str, values: dict[str, Any], **kw: Any) -> Any:
    with ctx.owner.writer() as store:
        return edit_register(store, principal, kind, values, ip=caller_ip(request), **kw)


@router.post("/projects", summary="新建项目 / add a project to the register", status_code=201)
def create_project(
    body: NewProjectBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("edit_registers"),
) -> dict[str, Any]:
    return _edit(ctx, principal, request, "projects", _values(body), new_project=True)


@router.put("/projects/{project_id}", summary="编辑项目（新版本）/ edit a project (a new vintage)")
def update_project(
    project_id: str,
    body: ProjectBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("edit_registers"),
) -> dict[str, Any]:
    return _edit(ctx, principal, request, "projects", _values(body, project_id=project_id), new_project=False)


@router.post("/projects/{project_id}/progress", summary="报送项目进度 / report a project's progress")
def report_progress(
    project_id: str,
    body: ProgressBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("edit_registers"),
) -> dict[str, Any]:
    return _edit(ctx, principal, request, "project-progress", _values(body, project_id=project_id))


@router.put("/tasks/{task_id}", summary="任务分工：责任单位、完成时限 / assign a task")
def assign_task(
    task_id: str,
    body: AssignmentBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("edit_registers"),
) -> dict[str, Any]:
    return _edit(ctx, principal, request, "tasks", _values(body, task_id=task_id))


@router.post("/tasks/{task_id}/reports", summary="报送任务进展（可附佐证材料）/ report on a task, with evidence")
async def report_task(
    task_id: str,
    request: Request,
    status: str = Form(..., max_length=10, description="未启动|进行中|已完成"),
    progress: str = Form(..., min_length=1, max_length=2000, description="进展情况 / what was done"),
    attachment: str | None = Form(None, max_length=500, description="附件 / a link or file name as evidence"),
    file: UploadFile | None = File(None, description="佐证材料 / evidence file (PDF, image, Office, ≤10 MB)"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("edit_registers"),
) -> dict[str, Any]:
    """A status report dated today; an uploaded file is kept as evidence and named by the report."""
    evidence = None
    if file is not None and file.filename:
        content = await file.read(MAX_EVIDENCE_BYTES + 1)
        if len(content) > MAX_EVIDENCE_BYTES:
            raise SeimonError(
                f"佐证材料超过 {MAX_EVIDENCE_BYTES // 1024 // 1024} MB",
                f"the evidence file is larger than {MAX_EVIDENCE_BYTES // 1024 // 1024} MB",
                Location(file=file.filename, field="file"),
                code="too_large",
            )
        evidence = Evidence(file.filename, content)
    values = {"task_id": task_id, "status": status, "progress": progress}
    if attachment:
        values["attachment"] = attachment
    return await run_in_threadpool(_edit, ctx, principal, request, "task-reports", values, evidence=evidence)


@router.put("/responsibilities", summary="目标分解与里程碑（新版本）/ set a target's breakdown or milestone")
def set_breakdown(
    body: BreakdownBody,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("edit_registers"),
) -> dict[str, Any]:
    return _edit(ctx, principal, request, "responsibilities", _values(body))
