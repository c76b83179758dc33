"""``/login`` (the form posts to ``/api/v1/auth/login``, then goes on to ``?next=``) and ``/account/password``
(the form posts to ``/api/v1/auth/password``): every logged-in user may change their own password."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.shell import LoginRequired, PageRoute, page_for, safe_next

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/login")
def login_page(request: Request) -> Response:
    """The login form; anyone may open it (an already logged-in user may switch accounts)."""
    page = page_for(request)
    return page.render("login.html", "login", "login.title", next=safe_next(request.query_params.get("next")))


@router.get("/account/password")
def password_page(request: Request) -> Response:
    """The password-change form, for whoever is logged in."""
    page = page_for(request)
    if page.principal is None:
        raise LoginRequired()
    return page.render("password.html", "password", "password.title")
