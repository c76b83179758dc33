"""``/projects`` and ``/tasks``: the project register and the plan's tasks as of a date (:mod:`seimon.tracking`).

Projects are a monitoring result for the government side — the province, the cities and the evaluator, the
audience of the warnings (``read_warnings``); they name project owners. Tasks are the plan's own actions and
measures with their progress, readable by whoever may read the plan (``read_plan``).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.tracking.projects import GROUPINGS, project_history, projects_report
from seimon.tracking.schedule import behind_schedule
from seimon.tracking.tasks import tasks_report
from seimon.web.api.targets import parse_day
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["tracking"])


@router.get("/projects", summary="重点项目：投资完成率、开工率、竣工率、逾期 / the project register as of a date")
def projects(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    by: str | None = Query(None, description="city | industry | department | base"),
    overdue: bool = Query(False, description="只列逾期项目 / only overdue projects"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_warnings"),
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

    def build() -> dict[str, object]:
        store = ctx.owner.reader()
        doc = projects_report(store, day, by=by)
        if overdue:
            doc["projects"] = [p for p in doc["projects"] if p["overdue"]]
        doc["warnings"] = [w.__dict__ for w in behind_schedule(store, day)]
        return doc

    return ctx.cache.json(("projects", day, by, overdue), build)


@router.get("/projects/{project_id}", summary="单个项目及其进度历史 / one project and its progress history")
def project(
    project_id: str,
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_warnings"),
) -> Response:
    day = parse_day(as_of)
    return ctx.cache.json(("project", project_id, day), lambda: project_history(ctx.owner.reader(), project_id, day))


@router.get("/tasks", summary="专栏行动与保障措施任务 / roadmap actions and measures as tasks")
def tasks(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    overdue: bool = Query(False, description="只列逾期任务 / only overdue tasks"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_plan"),
) -> Response:
    """Every task (or the overdue ones) with its latest report, and the roll-ups per box and per department."""
    day = parse_day(as_of)
    return ctx.cache.json(("tasks", day, overdue), lambda: tasks_report(ctx.owner.reader(), day, overdue_only=overdue))
