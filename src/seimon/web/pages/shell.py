"""The frame every page shares: who is asking, in which language, what the menu shows, and the guard.

Pages are server-rendered shells (Jinja2); their data come from ``/api/v1`` in the browser, fetched by small
scripts under ``static/js/``. So a page route has three jobs only: decide whether the caller may open the
page (the same policy the API obeys, :mod:`seimon.access.policy`), choose the language, and render the
template with what the scripts need (the CSRF token, the message catalogue, ids in ``data-*`` attributes).

An anonymous visitor is sent to ``/login?next=…`` unless public access is on and the page needs only what
the public role may do; a logged-in user without the right gets a bilingual 403 page. Route functions raise
:class:`LoginRequired`, :class:`PageForbidden` or :class:`PageNotFound`; :class:`PageRoute` turns them into
those answers, so no route decides access on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute

from seimon import __version__
from seimon.access.policy import Forbidden, allowed, authorize
from seimon.access.roles import Principal
from seimon.web.auth import csrf_token, resolve_caller
from seimon.web.context import web_context
from seimon.web.i18n import (
    HTML_LANG,
    LANG_COOKIE,
    LANGS,
    catalogue,
    choose_lang,
    message,
    pick_side,
    role_label,
    translator,
)
from seimon.web.pages.navigation import navigation
from seimon.web.static_files import STATIC_DIR, TEMPLATES_DIR

logger = logging.getLogger(__name__)

LANG_COOKIE_SECONDS = 365 * 24 * 3600


class LoginRequired(Exception):
    """Nobody is logged in and the page is not public: go to the login page."""


@dataclass
class PageForbidden(Exception):
    """Logged in, but the role may not use this page: a 403 page in both languages."""

    message_zh: str
    message_en: str


@dataclass
class PageNotFound(Exception):
    """The page names something that does not exist (an unknown target id): a 404 page."""

    message_zh: str
    message_en: str


def safe_next(target: str | None) -> str:
    """A local path to go to after logging in; anything else (another site, ``//host``) becomes ``/``.

    >>> safe_next("/targets?as_of=2020-12-31"), safe_next("//evil.example/x"), safe_next("https://x.cn/")
    ('/targets?as_of=2020-12-31', '/', '/')
    >>> safe_next(None), safe_next("/\\\\evil")
    ('/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(c) < 32 for c in target):
        return "/"
    return target


def static_url(path: str) -> str:
    """The URL of a file under ``static/``, versioned so that browsers pick up a new release.

    >>> static_url("css/site.css").startswith("/static/css/site.css?v=")
    True
    """
    return f"/static/{path}?v={_static_version(path)}"


@lru_cache(maxsize=256)
def _static_version(path: str) -> str:
    try:
        return f"{__version__}-{int((STATIC_DIR / path).stat().st_mtime)}"
    except OSError:
        return __version__


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the pages (autoescaped; undefined names are errors, not blanks)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(("html",)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = static_url
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # "<>&'" are still escaped
    return env


@dataclass
class Page:
    """One request for a page: the caller, the language and what the template gets."""

    request: Request
    principal: Principal | None
    lang: str
    set_lang: bool
    csrf: str
    public_enabled: bool

    def may(self, action: str) -> bool:
        """Whether the caller may take ``action`` (for showing or hiding a button; the API checks again)."""
        return allowed(self.principal, action, public_enabled=self.public_enabled)

    def lang_links(self) -> dict[str, str]:
        """This page's URL in each language (``?lang=`` set, the other query parameters kept)."""
        params = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        return {code: f"{self.request.url.path}?{urlencode([*params, ('lang', code)])}" for code in LANGS}

    def context(self, page_id: str, title_key: str, **values: Any) -> dict[str, Any]:
        path = self.request.url.path
        query = self.request.url.query
        here = path + (f"?{query}" if query else "")
        return {
            "page_id": page_id,
            "title": message(title_key, self.lang),
            "lang": self.lang,
            "html_lang": HTML_LANG[self.lang],
            "t": translator(self.lang),
            "catalogue": catalogue(self.lang),
            "user": self.principal,
            "role_label": role_label(self.principal.role.value, self.lang) if self.principal else "",
            "nav": navigation(self.principal, path, public_enabled=self.public_enabled),
            "csrf": self.csrf,
            "lang_links": self.lang_links(),
            "login_url": "/login?" + urlencode({"next": safe_next(here)}),
            "version": __version__,
            "may": self.may,
            "side": lambda text: pick_side(text, self.lang),
            **values,
        }

    def render(self, template: str, page_id: str, title_key: str, *, status_code: int = 200, **values: Any) -> Response:
        """The rendered page, with the language cookie set when ``?lang=`` chose it."""
        html = environment().get_template(template).render(self.context(page_id, title_key, **values))
        response = HTMLResponse(html, status_code=status_code)
        finish(response, self)
        return response


def finish(response: Response, page: Page) -> None:
    """Headers every page answer carries: no caching of a page holding a CSRF token; the language cookie."""
    response.headers["Cache-Control"] = "no-store"
    if page.set_lang:
        response.set_cookie(LANG_COOKIE, page.lang, max_age=LANG_COOKIE_SECONDS, samesite="lax", path="/")


def page_for(request: Request) -> Page:
    """The caller and language of a page request, without any access decision (login page, error pages)."""
    ctx = web_context(request)
    caller = resolve_caller(request)
    asked = request.query_params.get("lang")
    lang = choose_lang(asked, request.cookies.get(LANG_COOKIE), ctx.settings.default_lang)
    token = csrf_token(ctx.settings.secret_key, caller.token) if caller.token else ""
    return Page(request, caller.principal, lang, asked in LANGS, token, ctx.settings.public_enabled)


def open_page(request: Request, actions: tuple[str, ...]) -> Page:
    """The page request, if the caller may take one of ``actions``; otherwise raises the guard's refusal.

    The decision is the policy's (:func:`seimon.access.policy.authorize`), as for the API the page calls.
    """
    page = page_for(request)
    refusal: Forbidden | None = None
    for action in actions:
        if page.principal is None:
            if allowed(None, action, public_enabled=page.public_enabled):
                return page
            continue
        try:
            authorize(page.principal, action, public_enabled=page.public_enabled)
            return page
        except Forbidden as exc:
            refusal = exc
    if page.principal is None:
        raise LoginRequired()
    assert refusal is not None
    raise PageForbidden(refusal.message_zh, refusal.message_en)


def _refusal(request: Request, exc: Exception) -> Response:
    """The answer for a refused or missing page."""
    if isinstance(exc, LoginRequired):
        query = request.url.query
        here = request.url.path + (f"?{query}" if query else "")
        return RedirectResponse("/login?" + urlencode({"next": safe_next(here)}), status_code=303)
    page = page_for(request)
    if isinstance(exc, PageForbidden):
        status, title = 403, "error.forbidden_title"
    else:
        assert isinstance(exc, PageNotFound)
        status, title = 404, "error.not_found_title"
    return page.render(
        "error.html",
        "error",
        title,
        status_code=status,
        status=status,
        message_zh=exc.message_zh,  # type: ignore[attr-defined]
        message_en=exc.message_en,  # type: ignore[attr-defined]
    )


class PageRoute(APIRoute):
    """A page route: the guard's exceptions become a redirect to the login page, a 403 or a 404 page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except (LoginRequired, PageForbidden, PageNotFound) as exc:
                return _refusal(request, exc)

        return handler
