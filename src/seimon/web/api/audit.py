"""``/audit``: the audit log — every write and every read of microdata (administrators only)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Depends, Query

from seimon.access.audit import list_audit
from seimon.access.roles import Principal
from seimon.web.api.targets import parse_day
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", summary="审计日志 / the audit log")
def audit_log(
    user: str | None = Query(None),
    action: str | None = Query(None),
    since: str | None = Query(None, description="起始日期 / from this date YYYY-MM-DD"),
    limit: int = Query(200, ge=1, le=10000),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_audit"),
) -> list[dict[str, Any]]:
    start = dt.datetime.combine(parse_day(since, "since"), dt.time()) if since else None
    return list_audit(ctx.owner.reader(), user=user, action=action, since=start, limit=limit)
