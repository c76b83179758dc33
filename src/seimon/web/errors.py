"""Errors as HTTP answers: one JSON shape, bilingual, with the status the error's kind calls for."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from seimon.access.policy import Forbidden, NotAuthenticated
from seimon.access.ratelimit import TooManyAttempts
from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

STATUS_BY_CODE = {
    "not_found": 404,
    "no_data": 404,
    "unknown_batch": 404,
    "unknown_item": 404,
    "unknown_target": 404,
    "unknown_indicator": 404,
    "unknown_region": 404,
    "unknown_user": 404,
    "bad_state": 409,
    "duplicate_user": 409,
    "exists": 409,
    "too_large": 413,
    "quota_exceeded": 413,
}


def status_of(err: SeimonError) -> int:
    """The HTTP status for a library error.

    >>> status_of(SeimonError("无", "none", code="not_found"))
    404
    """
    if isinstance(err, NotAuthenticated):
        return 401
    if isinstance(err, Forbidden):
        return 403
    if isinstance(err, TooManyAttempts):
        return 429
    return STATUS_BY_CODE.get(err.code or "", 400)


def error_body(code: str | None, zh: str, en: str, location: Any = None) -> dict[str, Any]:
    """``{"error": {"code", "message_zh", "message_en", "location"}}``."""
    return {"error": {"code": code, "message_zh": zh, "message_en": en, "location": location}}


def error_location(err: SeimonError) -> dict[str, Any] | None:
    """The error's location as the JSON error carries it (only the parts that are known)."""
    loc = err.location
    if loc is None:
        return None
    found = {k: getattr(loc, k, None) for k in ("file", "line", "row", "field", "sheet")}
    return {k: v for k, v in found.items() if v is not None} or None


def install_error_handlers(app: FastAPI) -> None:
    """Map :class:`SeimonError` and request validation errors to JSON answers."""

    @app.exception_handler(SeimonError)
    async def seimon_error(request: Request, err: SeimonError) -> JSONResponse:
        status = status_of(err)
        headers = {}
        if isinstance(err, TooManyAttempts):
            headers["Retry-After"] = str(int(err.retry_after) + 1)
        if status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        body = error_body(err.code, err.message_zh, err.message_en, error_location(err))
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")} for e in err.errors()
        ]
        body = error_body("bad_request", "请求参数无效", "invalid request parameters", problems)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> JSONResponse:
        # Anything not foreseen is still the documented JSON error: never a plain-text 500 or a traceback.
        logger.exception("unexpected error answering %s %s", request.method, request.url.path)
        body = error_body(
            "internal_error",
            "服务器内部错误，已记入日志；请稍后再试或联系管理员",
            "internal server error (logged); try again later or ask the administrator",
        )
        return JSONResponse(body, status_code=500)
