"""``/tracking``: the project register (filters, one project's history) and the tasks board per department.

A shell over ``/api/v1/projects``, ``/api/v1/projects/{id}`` and ``/api/v1/tasks`` (:mod:`seimon.web.api.tracking`).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page
from seimon.web.pages.targets import as_of_param

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/tracking")
def tracking_page(request: Request) -> Response:
    """Projects and tasks as of ``?as_of=`` (today by default)."""
    page = open_page(request, ACTIONS_BY_PATH["/tracking"])
    return page.render(
        "tracking.html", "tracking", "tracking.title", as_of=as_of_param(request.query_params.get("as_of"))
    )
