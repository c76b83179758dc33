"""``/health`` (is the store reachable) and ``/ping`` (does nothing: the load benchmark's baseline)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from seimon import __version__
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/health", summary="服务与数据库状态 / service and store status")
def health(ctx: WebContext = Depends(web_context)) -> Any:
    """``{"status": "ok", "store": "duckdb", "version": …}``; 503 when the store cannot be read."""
    try:
        ctx.owner.reader().fetchall("SELECT 1")
    except Exception as exc:
        logger.warning("health check failed: %s", exc)
        return JSONResponse({"status": "error", "store": ctx.owner.root.dialect}, status_code=503)
    return {"status": "ok", "store": ctx.owner.root.dialect, "version": __version__}


@router.get("/ping", summary="空操作 / no-op (latency baseline)")
def ping() -> dict[str, bool]:
    return {"pong": True}
