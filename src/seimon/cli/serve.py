"""`seimon serve`: run the web platform (API, pages, downloads) over one store with uvicorn."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from seimon.cli.options import StoreOption
from seimon.cli.output import console

logger = logging.getLogger(__name__)


def serve_command(  # noqa: PLR0917 - Typer command parameters
    host: Annotated[str | None, typer.Option("--host", help="监听地址 / address (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option("--port", help="端口 / port (default 8000)")] = None,
    store: StoreOption = None,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--no-public", help="允许匿名读取公布数据 / let anonymous visitors read published aggregates"
        ),
    ] = None,
    warm: Annotated[
        bool, typer.Option("--warm/--no-warm", help="启动后预先计算评估与预警 / precompute assessments and warnings")
    ] = True,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="信任其 X-Forwarded-For/-Proto 头的反向代理地址（逗号分隔）/ proxies whose forwarded headers are "
            "trusted (comma-separated; default none)",
        ),
    ] = None,
) -> None:
    """启动网络平台 / serve the web platform: pages at /, API at /api/v1, API docs at /api/v1/docs.

    The server owns a DuckDB store while it runs: imports go through its upload page or API. Other settings
    come from SEIMON_* environment variables (docs/settings.md).
    """
    import uvicorn

    from seimon.web import create_app, settings_from_env
    from seimon.web.server import uvicorn_options

    settings = settings_from_env(
        host=host,
        port=port,
        store=store,
        public_enabled=public,
        warm_cache=warm,
        forwarded_allow_ips=forwarded_allow_ips,
    )
    app = create_app(settings)
    address = f"http://{settings.host}:{settings.port}"
    app.state.seimon.owner.announce(address)
    console.print(f"SEI Monitor 平台 / platform: {address}/  ·  API: {address}/api/v1/docs", highlight=False)
    uvicorn.run(app, **uvicorn_options(settings))
