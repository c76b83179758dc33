"""``/``: the headline indicators of the latest period with data, and every target's status at a glance."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

HEADLINE = ("sei_va", "sei_va_real_growth", "sei_growth_gap", "sei_va_share_above_scale")
"""The four figures a provincial bulletin opens with (docs/domain.md §6): value added, real growth, the gap
to all above-scale industry, the share of above-scale value added."""


@router.get("/")
def overview_page(request: Request) -> Response:
    """The overview shell; ``static/js/overview.js`` fills in the figures and the status grid."""
    page = open_page(request, ACTIONS_BY_PATH["/"])
    return page.render("overview.html", "overview", "overview.title", headline=HEADLINE)
