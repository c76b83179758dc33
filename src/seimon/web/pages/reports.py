"""``/reports``: choose the monitoring bulletin or the plan evaluation, its options, and download it.

The forms are plain GET forms to ``/api/v1/reports/…`` (the session cookie authenticates them), so a download
works without any script; the internal edition is offered only to roles allowed it.
"""

from __future__ import annotations

import datetime as dt
import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.report import FORMATS
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/reports")
def reports_page(request: Request) -> Response:
    """The report forms; the internal edition only for roles allowed ``download_internal_report``."""
    page = open_page(request, ACTIONS_BY_PATH["/reports"])
    editions = ("public", "internal") if page.may("download_internal_report") else ("public",)
    return page.render(
        "reports.html",
        "reports",
        "reports.title",
        formats=FORMATS,
        editions=editions,
        today=dt.date.today().isoformat(),
    )
