"""``/warnings``: the early warnings as of a date, most severe first (internal ones only for those allowed)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page
from seimon.web.pages.targets import as_of_param

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/warnings")
def warnings_page(request: Request) -> Response:
    """The warnings as of ``?as_of=`` (today by default); computing them takes a few seconds."""
    page = open_page(request, ACTIONS_BY_PATH["/warnings"])
    return page.render(
        "warnings.html", "warnings", "warnings.title", as_of=as_of_param(request.query_params.get("as_of"))
    )
