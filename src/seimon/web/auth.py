"""Who is calling: the session cookie or a bearer token, checked against the one policy in :mod:`seimon.access`.

Routes never decide access themselves: they declare the action they perform (``require("read_microdata")``)
and the policy answers. Browser forms and scripts share one mechanism: a cookie-authenticated request that
changes something must carry the CSRF token (header ``X-CSRF-Token`` or form field ``csrf_token``), which is
an HMAC of the session token, so another site cannot forge it; a bearer-token request needs none.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request

from seimon.access.policy import Forbidden, authorize
from seimon.access.roles import Principal, Role
from seimon.access.sessions import principal_for_token
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

SESSION_COOKIE = "seimon_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOCAL_ADMIN = Principal("cli:local-admin", Role.ADMIN, display_name="本机命令行 / the command line on this machine")
"""Who the serve marker's token stands for (``seimon users passwd/disable`` while the server owns the store)."""


@dataclass(frozen=True)
class Caller:
    """The resolved caller of one request."""

    principal: Principal | None
    token: str | None
    via: str | None  # "cookie" | "bearer" | None
    ip: str | None


def csrf_token(secret: str, session_token: str) -> str:
    """The CSRF token belonging to a session.

    >>> csrf_token("k", "s") == csrf_token("k", "s") != csrf_token("k", "t")
    True
    """
    return hmac.new(secret.encode(), session_token.encode(), hashlib.sha256).hexdigest()


def _bearer(request: Request) -> str | None:
    # "Authorization: Bearer abc123" -> "abc123"
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def resolve_caller(request: Request) -> Caller:
    """The caller of this request (computed once per request)."""
    cached = getattr(request.state, "caller", None)
    if cached is not None:
        return cached
    ctx: WebContext = web_context(request)
    ip = request.client.host if request.client else None
    token, via = _bearer(request), "bearer"
    if token is None:
        token, via = request.cookies.get(SESSION_COOKIE), "cookie"
    principal = None
    local = ctx.owner.local_admin_token
    if token and via == "bearer" and local and hmac.compare_digest(token, local):
        principal = LOCAL_ADMIN  # the command line on this machine, holding the marker file's token
    elif token:
        minute = int(time.time() // 60)  # a session that expires or is revoked stops working within a minute
        principal = ctx.cache.get(("session", token, minute), lambda: principal_for_token(ctx.owner.reader(), token))
    caller = Caller(principal, token if principal else None, via if principal else None, ip)
    request.state.caller = caller
    return caller


async def check_csrf(request: Request, caller: Caller) -> None:
    """Refuse a cookie-authenticated change without the session's CSRF token."""
    if request.method in SAFE_METHODS or caller.via != "cookie" or caller.token is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    expected = csrf_token(web_context(request).settings.secret_key, caller.token)
    if not sent or not hmac.compare_digest(sent, expected):
        raise Forbidden(
            "缺少或无效的 CSRF 令牌，请刷新页面后重试",
            "missing or invalid CSRF token; reload the page and try again",
            code="csrf",
        )


def require(*actions: str) -> Callable[..., object]:
    """A route dependency: the caller must be allowed one of ``actions``; returns the principal.

    Anonymous callers become the public principal when public access is switched on.
    """

    async def dependency(request: Request) -> Principal:
        caller = resolve_caller(request)
        ctx = web_context(request)
        refusal: Exception | None = None
        for action in actions:
            try:
                principal = authorize(caller.principal, action, public_enabled=ctx.settings.public_enabled)
            except Forbidden as exc:
                refusal = exc
                continue
            await check_csrf(request, caller)
            return principal
        assert refusal is not None
        raise refusal

    dependency.__name__ = "require_" + "_or_".join(actions)
    return Depends(dependency)


def caller_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
