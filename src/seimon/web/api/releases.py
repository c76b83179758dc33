"""``/releases``: released periods of enterprise data and the headline period pages lead with."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.roles import Principal
from seimon.assess.releases import headline_period, list_releases
from seimon.web.api.targets import parse_day
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/releases", tags=["releases"])


def _releases(ctx: WebContext, day: Any) -> dict[str, Any]:
    reader = ctx.owner.reader()
    head = headline_period(reader, day)
    return {"releases": list_releases(reader), "headline": head.to_dict() if head else None}


@router.get("", summary="数据发布与主要数据时期 / releases and the headline period")
def releases(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_aggregates"),
) -> Response:
    """``{"releases": [...], "headline": {"period": "2020-01..09", "basis": "released", ...} | null}``.

    The headline is the newest released period, else the newest whose reporting rate reaches 90 %; a partial
    period (a few enterprises' early reports) is never the headline.
    """
    day = parse_day(as_of)
    return ctx.cache.json(("releases", day), lambda: _releases(ctx, day))
