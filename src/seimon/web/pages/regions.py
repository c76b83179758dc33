"""``/regions``: a map of Hebei's 11 cities coloured by a chosen indicator, and the ranking of the 13 reporting
units (the 11 cities and 定州, 辛集, reported beside them — the "各市（含定州、辛集市）" of the plan)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

MAP_INDICATORS = (
    "sei_va",
    "sei_va_real_growth",
    "sei_va_share_above_scale",
    "sei_growth_gap",
    "sei_revenue",
    "sei_profit_margin",
    "sei_rd_intensity",
    "sei_enterprises",
)
"""Indicators the map offers (all broken down by region)."""

MAP_NAME = "河北"
"""The name under which ``static/vendor/hebei.js`` registers the map with ECharts."""

PROVINCE_ADMINISTERED = ("130682", "130181")
"""定州 and 辛集: ranked beside the cities, not drawn on the city map."""


@router.get("/regions")
def regions_page(request: Request) -> Response:
    """The city map and ranking; ``?indicator=`` chooses the indicator shown first."""
    page = open_page(request, ACTIONS_BY_PATH["/regions"])
    chosen = request.query_params.get("indicator")
    return page.render(
        "regions.html",
        "regions",
        "regions.title",
        indicators=MAP_INDICATORS,
        chosen=chosen if chosen in MAP_INDICATORS else MAP_INDICATORS[0],
        map_name=MAP_NAME,
        extra_units=PROVINCE_ADMINISTERED,
    )
