"""``/warnings``: early warnings as of a date; warnings naming enterprises only for callers allowed them.

Callers who may not see every enterprise's records get the warnings through disclosure control
(:func:`seimon.disclose.redact.redact_warnings`): a warning on a withheld cell names the cell, not its value.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.policy import allowed, microdata_scope
from seimon.access.roles import Principal
from seimon.assess.warnings.engine import run_warnings
from seimon.disclose.redact import redact_warnings
from seimon.web.api.targets import parse_day
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/warnings", tags=["warnings"])


def warning_rows(ctx: WebContext, day: dt.date, internal: bool, public: bool = False) -> list[dict[str, Any]]:
    """The warnings as of ``day`` as JSON objects (cached until the data change); ``public``: redacted."""
    rows = ctx.cache.get(
        ("warnings", day, internal),
        lambda: [w.to_dict() for w in run_warnings(ctx.owner.reader(), as_of=day, include_internal=internal)],
    )
    if not public:
        return rows
    return ctx.cache.get(("warnings", day, internal, "public"), lambda: redact_warnings(ctx.owner.reader(), rows))


@router.get("", summary="预警 / early warnings")
def warnings(
    as_of: str | None = Query(None, description="日期 / as-of date YYYY-MM-DD (default today)"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_warnings"),
) -> Response:
    """Most severe first. Internal warnings (naming enterprises) need ``read_internal_warnings``."""
    day = parse_day(as_of)
    internal = allowed(principal, "read_internal_warnings", public_enabled=ctx.settings.public_enabled)
    public = not microdata_scope(principal).everything
    return ctx.cache.json(("warnings", day, internal, public), lambda: warning_rows(ctx, day, internal, public))
