"""``/batches`` (import provenance) and ``/quarantine`` (rejected rows and reasons: raw values, so microdata)."""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from seimon.access import audit
from seimon.access.events import ReadQuarantine
from seimon.access.roles import Principal
from seimon.ingest.batches import list_batches, show_batch
from seimon.ingest.quarantine import list_quarantine
from seimon.web.api.params import MAX_ID, RowId
from seimon.web.auth import caller_ip, require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["batches"])


def without_server_path(batch: Any) -> Any:
    """A batch as users see it: the file's name, never the server's path (folders, temporary upload paths).

    >>> without_server_path({"file_name": "r.csv", "file_path": "/tmp/seimon-submission-3-x/r.csv"})["file_path"]
    'r.csv'
    """
    if not (isinstance(batch, dict) and batch.get("file_path")):
        return batch
    folder = str(PurePath(str(batch["file_path"])).parent).rstrip("/") + "/"
    return {k: v.replace(folder, "") if isinstance(v, str) else v for k, v in batch.items()}


@router.get("/batches", summary="导入批次 / import batches, newest first")
def batches(
    limit: int = Query(200, ge=1, le=5000),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_batches"),
) -> list[dict[str, Any]]:
    return [without_server_path(b) for b in list_batches(ctx.owner.reader(), limit=limit)]


@router.get("/batches/{batch_id}", summary="单个批次的来源与问题统计 / one batch: provenance and problems")
def batch(batch_id: RowId, ctx: WebContext = Depends(web_context), _: Principal = require("read_batches")) -> Any:
    return without_server_path(show_batch(ctx.owner.reader(), batch_id))


@router.get("/quarantine", summary="隔离区 / quarantined rows")
def quarantine(
    request: Request,
    batch: int | None = Query(None, ge=1, le=MAX_ID, description="批次 / batch id"),
    unresolved: bool = Query(False, description="只看未解决的 / only unresolved"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_quarantine"),
) -> list[dict[str, Any]]:
    rows = list_quarantine(ctx.owner.reader(), batch, unresolved=unresolved)
    with ctx.owner.writer(changes_data=False) as store:
        audit.record(store, principal, ReadQuarantine(batch, len(rows)), ip=caller_ip(request))
    return rows
