"""``/warnings``: early warnings as of a date; warnings naming enterprises only for callers allowed them."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query

from seimon.access.policy import allowed
from seimon.access.roles import Principal
from seimon.assess.warnings.engine import run_warnings
from seimon.web.api.targets import parse_day
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/warnings", tags=["warnings"])


@router.get("", summary="预警 / early warnings")
def warnings(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_warnings"),
) -> list[dict[str, Any]]:
    """Most severe first. Internal warnings (naming enterprises) need ``read_internal_warnings``."""
    day = parse_day(as_of)
    internal = allowed(principal, "read_internal_warnings", public_enabled=ctx.settings.public_enabled)
    return ctx.cache.get(
        ("warnings", day, internal),
        lambda: [w.to_dict() for w in run_warnings(ctx.owner.reader(), as_of=day, include_internal=internal)],
    )
