"""Compute the slow headline results once at start, so the first visitor does not wait for them."""

from __future__ import annotations

import datetime as dt
import logging

from seimon.web.api.targets import assessments
from seimon.web.api.warnings import warning_rows
from seimon.web.context import WebContext

logger = logging.getLogger(__name__)


def warm_cache(ctx: WebContext) -> None:
    """Assess every target and run the warnings (public and internal) as of today, into the result cache."""
    day = dt.date.today()
    try:
        assessments(ctx, day, "opensdg")
        for internal in (False, True):
            warning_rows(ctx, day, internal)
    except Exception:
        logger.exception("warming the result cache failed; results will be computed on first request")
    else:
        logger.info("result cache warm for %s", day)
