"""``/enterprises``: register entries and periodic reports of single enterprises — microdata, scoped by role.

Every read is written to the audit log with what was asked and how many records were returned.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from seimon.access import audit
from seimon.access.events import ReadMicrodata
from seimon.access.policy import Forbidden, authorize, microdata_scope
from seimon.access.roles import Principal
from seimon.errors import SeimonError
from seimon.ingest.registers import enterprise_record, list_enterprises
from seimon.reference.regions import load_regions
from seimon.web.api.params import Offset
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/enterprises", tags=["enterprises"])


@router.get("", summary="企业名录（微观数据，按角色限定范围）/ enterprises: microdata scoped by role")
def enterprises(
    request: Request,
    region: str | None = Query(None, description="地区代码（含下辖单位）/ region code, units below included"),
    industry: str | None = Query(None, description="国民经济行业代码前缀 / GB/T 4754 code prefix"),
    q: str | None = Query(None, description="名称或信用代码包含 / name or credit code contains"),
    limit: int = Query(100, ge=1, le=1000),
    offset: Offset = 0,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_microdata"),
) -> dict[str, Any]:
    """``{"total", "items": [...]}``. Asking for a region outside one's scope is refused (403), not emptied."""
    if region is not None:
        authorize(principal, "read_microdata", public_enabled=ctx.settings.public_enabled, region=region)
    units = None
    if region:
        register = load_regions()
        units = register.within(region) if region in register else [region]
    scope = microdata_scope(principal)
    scope_sql, scope_params = scope.sql("region", "credit_code")
    total, rows = list_enterprises(
        ctx.owner.reader(),
        scope_sql=scope_sql,
        scope_params=scope_params,
        regions=units,
        industry=industry,
        search=q,
        limit=limit,
        offset=offset,
    )
    with ctx.owner.writer(changes_data=False) as store:
        query = {"region": region, "industry": industry, "q": q, "offset": offset, "returned": len(rows)}
        audit.record(store, principal, ReadMicrodata("enterprises", query), ip=caller_ip(request))
    return {"total": total, "items": rows}


@router.get("/{credit_code}", summary="单个企业及其定期报表 / one enterprise with its reports")
def enterprise(
    credit_code: str,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_microdata"),
) -> dict[str, Any]:
    try:
        record = enterprise_record(ctx.owner.reader(), credit_code)
    except SeimonError:
        if microdata_scope(principal).everything:
            raise
        # Outside callers learn nothing, not even whether the enterprise exists.
        raise Forbidden("无权查看该企业数据", "not allowed to read this enterprise", code="forbidden") from None
    if not microdata_scope(principal).allows(record["region"], record["credit_code"]):
        raise Forbidden("无权查看该企业数据", "not allowed to read this enterprise", code="forbidden")
    with ctx.owner.writer(changes_data=False) as store:
        audit.record(store, principal, ReadMicrodata(f"enterprise:{record['credit_code']}"), ip=caller_ip(request))
    return record
