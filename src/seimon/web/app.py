"""The application object: :func:`create_app` builds the FastAPI app around one :class:`WebContext`.

Like datasette's, the app is small: settings, the store owner, the API router, the pages router and the
static files. Security headers forbid loading anything from another origin, so a page that tried to use
the internet would break visibly in tests rather than silently on an air-gapped network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from seimon import __version__
from seimon.web.api import API_PREFIX, api_router
from seimon.web.context import WebContext
from seimon.web.errors import install_error_handlers
from seimon.web.heap import start_heap_trimmer, tune_malloc
from seimon.web.memory_trace import start_trace
from seimon.web.pages import pages_router
from seimon.web.settings import Settings, settings_from_env
from seimon.web.static_files import STATIC_DIR
from seimon.web.warm import warm_cache

logger = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

DOCS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>SEI Monitor API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi="{openapi}"></div>
<script src="/static/vendor/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script></body></html>
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The SEI Monitor web application for ``settings`` (default: from ``SEIMON_*`` variables).

    >>> app = create_app(Settings(store="duckdb:///:memory:"))
    >>> app.openapi_url
    '/api/v1/openapi.json'
    """
    settings = settings or settings_from_env()
    tune_malloc(settings.malloc_arenas)  # before the store's threads allocate (see seimon.web.heap)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_cache:
            threading.Thread(target=warm_cache, args=(app.state.seimon,), name="seimon-warm", daemon=True).start()
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        tracing = start_trace(app.state.seimon)
        trimming = start_heap_trimmer(settings.heap_trim_seconds)
        yield
        for stop in (tracing, trimming):
            if stop is not None:
                stop.set()
        await app.state.seimon.uploads.drain()
        app.state.seimon.owner.close()

    app = FastAPI(
        title="SEI Monitor API 战略性新兴产业监测平台",
        version=__version__,
        description="规划目标、指标、评估、预警、报送与报告 / plan targets, indicators, assessment, warnings, "
        "submissions and reports. 登录 / log in: `POST /api/v1/auth/login`.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.seimon = WebContext.start(settings)
    install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.get(f"{API_PREFIX}/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE.format(openapi=app.openapi_url))

    app.include_router(api_router())
    app.include_router(pages_router())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
