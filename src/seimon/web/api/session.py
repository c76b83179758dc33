"""``/auth``: log in (cookie for browsers, bearer token for scripts), log out, who am I."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from seimon.access import audit
from seimon.access.events import ChangePasswordFailed, Login, LoginFailed, Logout
from seimon.access.policy import NotAuthenticated
from seimon.access.roles import Principal
from seimon.access.sessions import create_session, revoke_session
from seimon.access.users import authenticate
from seimon.services import users as accounts
from seimon.web.auth import SESSION_COOKIE, caller_ip, check_csrf, csrf_token, resolve_caller
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=1024, description="当前密码 / the present password")
    new_password: str = Field(min_length=1, max_length=1024, description="新密码 / the new password")


def principal_json(p: Principal) -> dict[str, Any]:
    return {
        "username": p.username,
        "role": str(p.role),
        "region": p.region,
        "credit_code": p.credit_code,
        "department": p.department,
        "display_name": p.display_name,
    }


def log_in(ctx: WebContext, username: str, password: str, ip: str | None) -> tuple[Principal, str]:
    """Check the password under the rate limit; returns the principal and a new session token.

    Attempts are counted per address and per user name before the password is checked (atomically, so
    concurrent guesses cannot overshoot the limit); a locked user name stays open from an address that has not
    failed, so guessing cannot lock the real user out. ``ip`` is the connecting address, or the one a trusted
    proxy (``forwarded_allow_ips``) reports.
    """
    user_key, address_key = f"user:{username.lower()}", f"ip:{ip or '-'}"
    ctx.limiter.begin(user_key, address_key)
    principal = None
    try:
        principal = authenticate(ctx.owner.reader(), username, password)
    finally:
        ctx.limiter.end(user_key, address_key, ok=principal is not None)
    if principal is None:
        with ctx.owner.writer(changes_data=False) as store:
            audit.record(store, username, LoginFailed(), ip=ip)
        raise NotAuthenticated("用户名或密码错误", "wrong user name or password", code="bad_credentials")
    with ctx.owner.writer(changes_data=False) as store:
        token = create_session(store, principal, hours=ctx.settings.session_hours)
        audit.record(store, principal, Login(), ip=ip)
    return principal, token


def set_session_cookie(ctx: WebContext, request: Request, response: Response, token: str) -> None:
    """The HttpOnly session cookie; ``Secure`` when configured or whenever the login came over HTTPS."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(ctx.settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=ctx.settings.cookie_secure or request.url.scheme == "https",
        path="/",
    )


@router.post("/login", summary="登录 / log in")
def login(
    body: Credentials, request: Request, response: Response, ctx: WebContext = Depends(web_context)
) -> dict[str, Any]:
    """Sets the HttpOnly session cookie and returns ``{"token", "token_type": "bearer", "csrf_token", "user"}``."""
    principal, token = log_in(ctx, body.username, body.password, caller_ip(request))
    set_session_cookie(ctx, request, response, token)
    return {
        "token": token,
        "token_type": "bearer",
        "csrf_token": csrf_token(ctx.settings.secret_key, token),
        "user": principal_json(principal),
    }


@router.post("/logout", summary="退出 / log out")
async def logout(request: Request, response: Response, ctx: WebContext = Depends(web_context)) -> dict[str, bool]:
    caller = resolve_caller(request)
    await check_csrf(request, caller)
    if caller.token:
        with ctx.owner.writer(changes_data=False) as store:
            revoke_session(store, caller.token)
            audit.record(store, caller.principal, Logout(), ip=caller.ip)
        ctx.cache.version.bump()  # cached session lookups must not outlive the session
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/me", summary="当前用户 / the current user")
def me(request: Request, ctx: WebContext = Depends(web_context)) -> dict[str, Any]:
    caller = resolve_caller(request)
    if caller.principal is None:
        raise NotAuthenticated("请先登录", "please log in", code="not_authenticated")
    data = principal_json(caller.principal)
    if caller.token:
        data["csrf_token"] = csrf_token(ctx.settings.secret_key, caller.token)
    return data


@router.post("/password", summary="修改本人密码 / change one's own password")
async def change_password(
    body: PasswordChange, request: Request, response: Response, ctx: WebContext = Depends(web_context)
) -> dict[str, Any]:
    """Checks the present password (under the login limit), sets the new one and ends every session of the user;
    this browser or script gets a fresh session (cookie and ``token``) so that it stays logged in."""
    caller = resolve_caller(request)
    if caller.principal is None:
        raise NotAuthenticated("请先登录", "please log in", code="not_authenticated")
    await check_csrf(request, caller)
    username = caller.principal.username
    ip = caller_ip(request)
    user_key, address_key = f"user:{username.lower()}", f"ip:{ip or '-'}"
    ctx.limiter.begin(user_key, address_key)
    checked = None
    try:
        checked = authenticate(ctx.owner.reader(), username, body.current_password)
    finally:
        ctx.limiter.end(user_key, address_key, ok=checked is not None)
    if checked is None:
        with ctx.owner.writer(changes_data=False) as store:
            audit.record(store, caller.principal, ChangePasswordFailed(), ip=ip)
        raise NotAuthenticated("当前密码错误", "the present password is wrong", code="bad_credentials")
    with ctx.owner.writer(changes_data=False) as store:
        token = accounts.change_own_password(
            store, checked, body.new_password, session_hours=ctx.settings.session_hours, ip=ip
        )
    ctx.cache.version.bump()  # cached lookups of the ended sessions must go
    set_session_cookie(ctx, request, response, token)
    return {"ok": True, "token": token, "csrf_token": csrf_token(ctx.settings.secret_key, token)}
