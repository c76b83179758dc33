"""``/indicators``: the indicator system and indicator values by region, industry, base or size.

Callers who may not see every enterprise's records get the public edition of figures summed from enterprise
reports (:func:`seimon.disclose.public.public_rows`, the same decisions as ``seimon query --edition public`` and
the period's release): a withheld cell comes back with ``value`` null and ``suppressed`` true.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.policy import microdata_scope
from seimon.access.roles import Principal
from seimon.disclose import rests_on_enterprises
from seimon.disclose.public import public_rows
from seimon.errors import Location, SeimonError
from seimon.indicators.query import query
from seimon.indicators.registry import Registry, load_registry
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/indicators", tags=["indicators"])

BY_CHOICES = ("region", "plan_industry", "sei_field", "sei_item", "base", "size", "division")


@cache
def registry() -> Registry:
    """The built-in indicator system, loaded once per process."""
    return load_registry()


@router.get("", summary="指标体系 / the indicator system")
def indicators(_: Principal = require("read_methods")) -> list[dict[str, Any]]:
    return [spec.listing() for spec in registry()]


def values(
    ctx: WebContext,
    principal: Principal,
    indicator: str,
    *,
    region: str,
    period: str | None,
    by: str | None,
    view: str,
    vintage: str | None,
) -> list[dict[str, Any]]:
    """Indicator rows, suppressed where the caller's access calls for it (cached per arguments)."""
    reg = registry()
    if indicator not in {s.id for s in reg}:
        raise SeimonError(
            f"没有这个指标：{indicator}", f"no such indicator: {indicator}", Location(field="indicator"), "not_found"
        )
    if by is not None and by not in BY_CHOICES:
        raise SeimonError(f"不能按 {by} 分组", f"cannot break down by {by}", Location(field="by"), code="bad_dimension")
    args = {"region": region, "period": period, "by": by, "view": view, "vintage": vintage}

    def run(name: str) -> list[dict[str, Any]]:
        return ctx.cache.get(
            ("query", name, tuple(sorted(args.items()))),
            lambda: query(name, store=ctx.owner.reader(), registry=reg, **args),
        )

    rows = run(indicator)
    if microdata_scope(principal).everything or not rests_on_enterprises(reg, indicator):
        return [{**r, "suppressed": False} for r in rows]
    return public_rows(
        ctx.owner.reader(), rows, indicator, region=region, by=by, view=view, registry=reg, vintage=vintage
    )


@router.get("/{indicator}", summary="指标数值 / indicator values")
def indicator_values(
    indicator: str,
    region: str = Query("130000", description="地区代码 / region code (default: the province)"),
    period: str | None = Query(None, description="时期，如 2020、2020-09 / period, e.g. 2020 or 2020-09"),
    by: str | None = Query(None, description="分组 / break down by: " + " | ".join(BY_CHOICES)),
    view: str = Query("reporting", description="reporting（统计口径）| geographic（地理口径）"),
    vintage: str | None = Query(None, description="数据版本日期 / read the data as published on this date"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_aggregates"),
) -> Response:
    """Rows ``{indicator, region, period, value, unit, suppressed, <dimension>}`` as ``seimon query --json``."""
    full = microdata_scope(principal).everything
    return ctx.cache.json(
        ("values", indicator, region, period, by, view, vintage, full),
        lambda: values(ctx, principal, indicator, region=region, period=period, by=by, view=view, vintage=vintage),
    )
