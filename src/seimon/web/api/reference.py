"""``/regions`` and ``/reference``: the region tree (reporting and geographic views) and the industry lists."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query

from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.reference.regions import load_regions
from seimon.reference.sei import sei_categories
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["reference"])

VIEWS = ("reporting", "geographic")


@router.get("/regions", summary="行政区划（统计口径或地理口径）/ regions in a view")
def regions(
    view: str = Query("reporting", description="reporting | geographic"),
    tree: bool = Query(False, description="嵌套树 / nested tree instead of a flat list"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_plan"),
) -> Any:
    if view not in VIEWS:
        raise SeimonError(
            f"未知口径：{view}（应为 reporting 或 geographic）",
            f"unknown view: {view} (reporting or geographic)",
            Location(field="view"),
            code="bad_view",
        )
    register = load_regions()
    return ctx.cache.json(("regions", view, tree), lambda: register.tree(view) if tree else register.records(view))


@router.get("/reference/sei", summary="战略性新兴产业分类（2018）/ the SEI 2018 classification")
def sei(_: Principal = require("read_plan")) -> Any:
    return [
        {"code": c.code, "level": c.level, "parent": c.parent, "name_zh": c.name_zh, "name_en": c.name_en}
        for c in sei_categories()
    ]
