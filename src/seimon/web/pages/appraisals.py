"""``/appraisals``: the appraisal (考核评价) of a year: the rank-interval chart, the ranking and each unit's profile.

The page is a shell over ``GET /api/v1/appraisals/{year}``: what it shows of each unit is what the API lets the
caller see (a city user: the whole ranking and its own full profile).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.context import web_context
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

PLAN_YEARS = (2016, 2017, 2018, 2019, 2020)
"""The years of the 13th Five-Year Plan, the years an appraisal is asked for."""


def default_year(request: Request) -> int:
    """The latest plan year with whole-year enterprise reports in the store (the last plan year if none)."""
    row = (
        web_context(request)
        .owner.reader()
        .fetchone("SELECT max(year) FROM reports WHERE is_current AND end_month = 12")
    )
    found = int(row[0]) if row and row[0] is not None else PLAN_YEARS[-1]
    return min(max(found, PLAN_YEARS[0]), PLAN_YEARS[-1])


@router.get("/appraisals")
def appraisals_page(request: Request) -> Response:
    """The appraisal of ``?year=`` (default: the latest plan year with data) and ``?units=cities|bases``."""
    page = open_page(request, ACTIONS_BY_PATH["/appraisals"])
    asked = request.query_params.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in PLAN_YEARS else default_year(request)
    units = request.query_params.get("units", "cities")
    return page.render(
        "appraisals.html",
        "appraisals",
        "appraisals.title",
        years=PLAN_YEARS,
        year=year,
        units=units if units in ("cities", "bases") else "cities",
        own_region=page.principal.region if page.principal is not None else "",
    )
