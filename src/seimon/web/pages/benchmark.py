"""``/benchmark``: "where you stand" — an enterprise's value added and growth against its peers' quartiles and
deciles (the page reads ``/api/v1/benchmark``; groups of fewer than 10 peers show no distribution at all)."""

from __future__ import annotations

import datetime as dt
import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/benchmark")
def benchmark_page(request: Request) -> Response:
    """The enterprise user's own enterprise (admin and analyst: ``?credit_code=``) for ``?period=`` (last year).
    The page opens for every role with microdata; a city user has no enterprise of its own, and the table shows
    the API's bilingual refusal."""
    page = open_page(request, ACTIONS_BY_PATH["/benchmark"])
    period = request.query_params.get("period") or str(dt.date.today().year - 1)
    credit_code = request.query_params.get("credit_code") or ""
    return page.render("benchmark.html", "benchmark", "benchmark.title", period=period, credit_code=credit_code)
