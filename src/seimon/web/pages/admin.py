"""``/users`` (accounts, adding one through the API) and ``/audit`` (the audit log): administrators only."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.access.roles import Role
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

ASSIGNABLE_ROLES = tuple(r.value for r in Role if r is not Role.PUBLIC)
"""Roles an account can have (the public role is the anonymous visitor, never an account)."""


@router.get("/users")
def users_page(request: Request) -> Response:
    """The accounts and the form that adds one through ``POST /api/v1/users``."""
    page = open_page(request, ACTIONS_BY_PATH["/users"])
    return page.render("users.html", "users", "users.title", roles=ASSIGNABLE_ROLES)


@router.get("/audit")
def audit_page(request: Request) -> Response:
    """The audit log with filters by user, action and date."""
    page = open_page(request, ACTIONS_BY_PATH["/audit"])
    return page.render("audit.html", "audit", "audit.title")
