"""``/batches`` and ``/batches/{id}``: import provenance (file, hash, user, times, rows) for those allowed it."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.api.params import RowId
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/batches")
def batches_page(request: Request) -> Response:
    """Every import batch, newest first."""
    page = open_page(request, ACTIONS_BY_PATH["/batches"])
    return page.render("batches.html", "batches", "batches.title")


@router.get("/batches/{batch_id}")
def batch_page(batch_id: RowId, request: Request) -> Response:
    """One import batch with its provenance and problems by rule."""
    page = open_page(request, ACTIONS_BY_PATH["/batches"])
    return page.render("batch.html", "batch", "batch.title", batch_id=batch_id)
