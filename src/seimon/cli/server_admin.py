"""Administration through a running server: when ``seimon serve`` owns a DuckDB store, the command line asks it.

DuckDB lets one process write a file; while the server runs, ``seimon users passwd/disable`` used to be
refused. The server's marker file (``<store>.serve.json``, readable by its owner only) names its address and a
local administrator token; whoever can read it could open the store file itself, so it grants nothing new.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from seimon.errors import SeimonError
from seimon.store import parse_store_url

logger = logging.getLogger(__name__)


def running_server(url: str | None) -> tuple[str, str] | None:
    """(address, admin token) of the server that owns the DuckDB store at ``url``, from its marker; else None.

    >>> running_server("duckdb:///:memory:") is None
    True
    """
    parsed = parse_store_url(url)
    if parsed.backend != "duckdb" or not parsed.path or parsed.path == ":memory:":
        return None
    try:
        marker = json.loads(Path(parsed.path + ".serve.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    address, token = marker.get("address"), marker.get("admin_token")
    return (str(address), str(token)) if address and token else None


def call_server(server: tuple[str, str], path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST ``body`` to the server's API at ``path`` as the local administrator; its JSON error becomes ours."""
    import httpx

    address, token = server
    try:
        response = httpx.post(
            f"{address}/api/v1{path}", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
    except httpx.HTTPError as exc:
        raise SeimonError(
            f"数据库正被服务 {address} 占用，但无法连接该服务：{exc}",
            f"the store is held by the server at {address}, which cannot be reached: {exc}",
            code="server_unreachable",
        ) from exc
    data = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    if response.status_code >= 400:
        error = data.get("error") or {}
        raise SeimonError(
            error.get("message_zh") or f"服务返回 {response.status_code}",
            error.get("message_en") or f"the server answered {response.status_code}",
            code=error.get("code") or "server_error",
        )
    logger.info("done through the server at %s: POST %s", address, path)
    return data


__all__ = ["call_server", "running_server"]
