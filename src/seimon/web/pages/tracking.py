"""``/tracking`` (the project register: filters, a map of projects by city, a new-project form),
``/tracking/projects/{id}`` (one project's history, with the edit and progress forms), ``/tracking/tasks`` (the
tasks board per department, with the report form).

Shells over ``/api/v1/projects``, ``/api/v1/projects/{id}``, ``/api/v1/tasks`` and the edit routes of
:mod:`seimon.web.api.edits`; every list is cut to the caller's register scope by the API, and the forms are
shown to the roles that may edit (the API decides, record by record).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.tracking.vocab import PROJECT_STATUSES, TASK_STATUS_EN, TASK_STATUSES
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.regions import MAP_NAME, PROVINCE_ADMINISTERED
from seimon.web.pages.shell import PageRoute, open_page
from seimon.web.pages.targets import as_of_param

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/tracking")
def tracking_page(request: Request) -> Response:
    """Projects and tasks as of ``?as_of=`` (today by default)."""
    page = open_page(request, ACTIONS_BY_PATH["/tracking"])
    return page.render(
        "tracking.html",
        "tracking",
        "tracking.title",
        as_of=as_of_param(request.query_params.get("as_of")),
        map_name=MAP_NAME,
        extra_units=PROVINCE_ADMINISTERED,
    )


@router.get("/tracking/projects/{project_id}")
def project_page(project_id: str, request: Request) -> Response:
    """One project: its plan, its progress over time (chart and every report known), the edit forms."""
    page = open_page(request, ACTIONS_BY_PATH["/tracking"])
    return page.render(
        "project.html",
        "project",
        "project.title",
        as_of=as_of_param(request.query_params.get("as_of")),
        project_id=project_id,
        statuses=PROJECT_STATUSES,
    )


@router.get("/tracking/tasks")
def tasks_page(request: Request) -> Response:
    """The tasks board: per responsible department, one column per status, overdue tasks marked."""
    page = open_page(request, ACTIONS_BY_PATH["/tracking"])
    return page.render(
        "taskboard.html",
        "taskboard",
        "taskboard.title",
        as_of=as_of_param(request.query_params.get("as_of")),
        statuses=TASK_STATUSES,
        statuses_en=[TASK_STATUS_EN[s] for s in TASK_STATUSES],
    )
