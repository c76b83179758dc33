"""How ``seimon serve`` runs uvicorn: one place for the options, so tests start the server exactly as it does.

uvicorn believes ``X-Forwarded-For`` from 127.0.0.1 unless told otherwise; anyone on the host (or any local
proxy) could then pick the address the login limit counts and the audit log records. Proxy headers are read
only from the addresses in the ``forwarded_allow_ips`` setting (none by default).
"""

from __future__ import annotations

import logging
from typing import Any

from seimon.web.settings import Settings

logger = logging.getLogger(__name__)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` (besides the app).

    >>> uvicorn_options(Settings(store="duckdb:///:memory:"))["proxy_headers"]
    False
    >>> uvicorn_options(Settings(store="duckdb:///:memory:", forwarded_allow_ips="10.0.0.2"))["forwarded_allow_ips"]
    '10.0.0.2'
    """
    trusted = settings.forwarded_allow_ips.strip()
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "warning",
        "access_log": False,
        "proxy_headers": bool(trusted),
    }
    if trusted:
        options["forwarded_allow_ips"] = trusted
    return options


__all__ = ["uvicorn_options"]
