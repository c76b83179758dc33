"""``/projects``, ``/tasks``, ``/responsibilities``, ``/bases/{id}``, ``/evidence/{id}``: the tracking registers as
of a date (:mod:`seimon.tracking`), each cut to the caller's register scope (:mod:`seimon.access.register_scope`).

Projects are a monitoring result for the government side — the province, the cities, the evaluator and the
departments (``read_projects``); a department sees only the projects it is responsible for (责任单位), and the
totals it gets are over those. Tasks are the plan's own actions and measures, readable by whoever may read
the plan (``read_plan``) — a department only its own. The breakdown of targets is plan data (``read_plan``); a
department sees the targets it leads or supports. A base's profile names its enterprises and their figures
only to whoever may see them (the microdata scope, small cells withheld: docs/domain.md §5).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.policy import Forbidden, allowed, microdata_scope
from seimon.access.register_edits import evidence_file
from seimon.access.register_scope import out_of_scope, register_scope
from seimon.access.roles import Principal, Role
from seimon.errors import Location, SeimonError
from seimon.tracking.bases import base_profile
from seimon.tracking.projects import GROUPINGS, project_history, projects_report
from seimon.tracking.responsibilities import consistency, departments, duties, read_breakdown
from seimon.tracking.schedule import behind_schedule
from seimon.tracking.tasks import tasks_report
from seimon.web.api.params import RowId
from seimon.web.api.targets import parse_day
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["tracking"])

SMALL_CELL = 3
"""Fewer enterprises than this behind a base's figures: withheld from whoever may not see them all."""


def scope_key(principal: Principal) -> str | None:
    """What a cached answer depends on besides the request: the department of a department user."""
    return principal.department if principal.role is Role.DEPARTMENT else None


def own_tasks(principal: Principal) -> Any:
    """A filter keeping a department's own tasks (None: every task)."""
    if principal.role is not Role.DEPARTMENT:
        return None
    scope = register_scope(principal)
    return lambda t: scope.task(t.department)


@router.get("/projects", summary="重点项目：投资完成率、开工率、竣工率、逾期 / the project register as of a date")
def projects(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    by: str | None = Query(None, description="city | industry | department | base"),
    overdue: bool = Query(False, description="只列逾期项目 / only overdue projects"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_projects"),
) -> Response:
    """Each project with its completion rate, status and overdue flag; totals, groups, behind-schedule warnings."""
    day = parse_day(as_of)
    if by is not None and by not in GROUPINGS:
        raise SeimonError(
            f"未知的分组“{by}”（可选：{'、'.join(GROUPINGS)}）",
            f"unknown grouping '{by}' (choose from {', '.join(GROUPINGS)})",
            Location(field="by"),
            "bad_option",
        )
    scope = register_scope(principal)

    def build() -> dict[str, object]:
        store = ctx.owner.reader()
        doc = projects_report(store, day, by=by, include=lambda s: scope.project(s.region, s.department))
        if overdue:
            doc["projects"] = [p for p in doc["projects"] if p["overdue"]]
        ids = {p["id"] for p in doc["projects"]}
        doc["warnings"] = [w.__dict__ for w in behind_schedule(store, day) if w.numbers.get("project") in ids]
        return doc

    return ctx.cache.json(("projects", day, by, overdue, scope_key(principal)), build)


@router.get("/projects/{project_id}", summary="单个项目及其进度历史 / one project and its progress history")
def project(
    project_id: str,
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_projects"),
) -> Response:
    """The project as of the date and its progress reports; a department gets 403 for another's project and for
    a missing one alike."""
    day = parse_day(as_of)
    scope = register_scope(principal)

    def build() -> dict[str, Any]:
        try:
            doc = project_history(ctx.owner.reader(), project_id, day)
        except SeimonError:
            if scope.everything:
                raise
            doc = None
        if doc is None or not scope.project(doc["project"]["region"], doc["project"]["department"]):
            raise out_of_scope(f"项目 {project_id} ", f"project {project_id}")
        return doc

    return ctx.cache.json(("project", project_id, day, scope_key(principal)), build)


@router.get("/tasks", summary="专栏行动与保障措施任务 / roadmap actions and measures as tasks")
def tasks(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    overdue: bool = Query(False, description="只列逾期任务 / only overdue tasks"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_plan"),
) -> Response:
    """Every task (or the overdue ones) with its latest report, and the roll-ups per box and per department."""
    day = parse_day(as_of)
    keep = own_tasks(principal)
    return ctx.cache.json(
        ("tasks", day, overdue, scope_key(principal)),
        lambda: tasks_report(ctx.owner.reader(), day, overdue_only=overdue, include=keep),
    )


@router.get("/responsibilities", summary="目标分解与责任单位 / targets broken down, lead and partner departments")
def responsibilities(
    ctx: WebContext = Depends(web_context), principal: Principal = require("read_plan")
) -> dict[str, Any]:
    """The rows of the breakdown register, each target's lead and partners, and the consistency check; a
    department gets the targets it leads or supports."""
    rows = read_breakdown(ctx.owner.reader())
    held = duties(rows)
    if principal.role is Role.DEPARTMENT:
        scope = register_scope(principal)
        mine = {t for t, d in held.items() if scope.target(d.lead, d.partners)}
        rows = [r for r in rows if r.target in mine]
        held = {t: d for t, d in held.items() if t in mine}
    return {
        "rows": [r.to_dict() for r in rows],
        "duties": {t: {"lead": d.lead, "partners": d.partners} for t, d in held.items()},
        "departments": departments(rows),
        "consistency": [c.to_dict() for c in consistency(rows)],
    }


def visible_base(doc: dict[str, Any], principal: Principal, *, public_enabled: bool) -> dict[str, Any]:
    """``doc`` (:func:`seimon.tracking.bases.base_profile`) cut to what ``principal`` may see: the members inside
    its microdata scope; the figures and ranks withheld (``suppressed``) when fewer than three enterprises
    reported and the caller may not see them all.

    >>> doc = {"base": {"reporting": 2, "revenue": 9.0, "value_added": 1.0, "growth": 0.1, "rank_revenue": 1,
    ...        "rank_growth": 1, "revenue_same_firms": 9.0, "revenue_prior_same_firms": 8.0}, "members": []}
    >>> visible_base(doc, Principal("e", Role.EVALUATOR), public_enabled=False)["base"]["revenue"] is None
    True
    """
    scope = microdata_scope(principal)
    out = {**doc, "base": dict(doc["base"])}
    out["members"] = [m for m in doc["members"] if scope.allows(m["region"], m["credit_code"])]
    small = 0 < doc["base"]["reporting"] < SMALL_CELL
    out["base"]["suppressed"] = bool(small and not scope.everything)
    if out["base"]["suppressed"]:
        for key in ("revenue", "value_added", "growth", "rank_revenue", "rank_growth"):
            out["base"][key] = None
    for key in ("revenue_same_firms", "revenue_prior_same_firms"):
        if not scope.everything:
            out["base"].pop(key, None)
    if not allowed(principal, "read_aggregates", public_enabled=public_enabled):
        for key in ("revenue", "value_added", "growth"):
            out["base"][key] = None
    return out


@router.get("/bases/{base_id}", summary="产业基地概况：企业、营业收入、增速、排名、项目 / one base's profile")
def base(
    base_id: str,
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    period: str | None = Query(None, description="时期 / period, e.g. 2020年1-9月 (default: the latest known)"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_plan"),
) -> dict[str, Any]:
    """The base, its figures and rank (small cells withheld), its member enterprises within the caller's scope,
    its projects (for the roles that read projects, cut to their scope) and the plan targets scoped to it."""
    day = parse_day(as_of)
    store = ctx.owner.reader()
    doc = ctx.cache.get(("base_profile", base_id, day, period), lambda: base_profile(store, base_id, day, period))
    out = visible_base(doc, principal, public_enabled=ctx.settings.public_enabled)
    if allowed(principal, "read_projects", public_enabled=ctx.settings.public_enabled):
        scope = register_scope(principal)
        report = projects_report(
            store, day, include=lambda s: s.base == base_id and scope.project(s.region, s.department)
        )
        out["projects"] = report["projects"]
        out["project_totals"] = report["totals"]
    else:
        out["projects"], out["project_totals"] = None, None
    return out


@router.get("/evidence/{evidence_id}", summary="任务进展的佐证材料 / an evidence file of a task report")
def evidence(
    evidence_id: RowId, ctx: WebContext = Depends(web_context), principal: Principal = require("read_projects")
) -> Response:
    """The file as sent, as a download; a department only the evidence of its own tasks."""
    store = ctx.owner.reader()
    found = evidence_file(store, evidence_id)
    if found is not None and principal.role is Role.DEPARTMENT:
        states = tasks_report(store, parse_day(None), include=own_tasks(principal))["tasks"]
        if found["task_id"] not in {t["id"] for t in states}:
            found = None
    if found is None:
        if register_scope(principal).everything and principal.role is not Role.EVALUATOR:
            raise SeimonError(f"没有这个材料：{evidence_id}", f"no such file: {evidence_id}", code="not_found")
        raise Forbidden("无权查看该材料（或不存在）", "not allowed to see this file (or it does not exist)")
    return Response(
        found["content"],
        media_type=found["media_type"],
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(found['filename'], safe='')}",
            "X-Content-Type-Options": "nosniff",
        },
    )
