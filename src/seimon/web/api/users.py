"""``/users``: accounts (administrators only)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from seimon.access.roles import Principal
from seimon.access.users import list_users
from seimon.services import users as accounts
from seimon.web.api.session import principal_json
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/users", tags=["users"])


class NewUser(BaseModel):
    username: str
    password: str = Field(min_length=8)
    role: str
    region: str | None = None
    credit_code: str | None = None
    department: str | None = Field(None, max_length=60, description="省直部门用户 / department users, e.g. 省科技厅")
    display_name: str | None = None


@router.get("", summary="用户列表 / users")
def users(ctx: WebContext = Depends(web_context), _: Principal = require("manage_users")) -> list[dict[str, Any]]:
    return list_users(ctx.owner.reader())


@router.post("", summary="新建用户 / add a user", status_code=201)
def create_user(
    body: NewUser,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_users"),
) -> dict[str, Any]:
    with ctx.owner.writer(changes_data=False) as store:
        created = accounts.add(
            store,
            principal,
            body.username,
            body.password,
            body.role,
            region=body.region,
            credit_code=body.credit_code,
            display_name=body.display_name,
            department=body.department,
            ip=caller_ip(request),
        )
    return principal_json(created)


@router.post("/{username}/disable", summary="停用用户 / disable a user")
def disable(
    username: str,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_users"),
) -> dict[str, bool]:
    with ctx.owner.writer(changes_data=False) as store:
        accounts.disable(store, principal, username, ip=caller_ip(request))
    ctx.cache.version.bump()  # cached session lookups of that user must go
    return {"ok": True}


class NewPassword(BaseModel):
    password: str = Field(min_length=1, max_length=1024, description="新密码 / the new password")


@router.post("/{username}/password", summary="重设用户密码 / set a user's password (ends their sessions)")
def reset_password(
    username: str,
    body: NewPassword,
    request: Request,
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_users"),
) -> dict[str, bool]:
    with ctx.owner.writer(changes_data=False) as store:
        accounts.reset_password(store, principal, username, body.password, ip=caller_ip(request))
    ctx.cache.version.bump()  # cached session lookups of that user must go
    return {"ok": True}
