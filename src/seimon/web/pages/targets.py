"""``/targets`` (every target: status, sparkline, forecast) and ``/targets/{id}`` (one target explained)."""

from __future__ import annotations

import datetime as dt
import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.plan import load_plan
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageNotFound, PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

METHODS = ("opensdg", "linear", "extrapolation")


def as_of_param(text: str | None) -> str:
    """The ``as_of`` date of the query if it is a valid ``YYYY-MM-DD``, else ``""`` (today, in the API).

    >>> as_of_param("2019-12-31"), as_of_param("2019-13-01"), as_of_param(None)
    ('2019-12-31', '', '')
    """
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def method_param(text: str | None) -> str:
    """The assessment method of the query, ``opensdg`` unless another known one is asked for.

    >>> method_param("linear"), method_param("guess")
    ('linear', 'opensdg')
    """
    return text if text in METHODS else "opensdg"


@router.get("/targets")
def targets_page(request: Request) -> Response:
    """Every target (``?as_of=`` and ``?method=`` are passed on to the API by the script)."""
    page = open_page(request, ACTIONS_BY_PATH["/targets"])
    q = request.query_params
    return page.render(
        "targets.html",
        "targets",
        "targets.title",
        as_of=as_of_param(q.get("as_of")),
        method=method_param(q.get("method")),
        methods=METHODS,
    )


@router.get("/targets/{target_id}")
def target_page(target_id: str, request: Request) -> Response:
    """One target; an id the plan does not have is a 404 page rather than an empty shell."""
    page = open_page(request, ACTIONS_BY_PATH["/targets"])
    found = next((t for t in load_plan().targets if t.id == target_id), None)
    if found is None:
        raise PageNotFound(f"规划中没有目标：{target_id}", f"the plan has no target {target_id}")
    q = request.query_params
    return page.render(
        "target.html",
        "target",
        "target.title",
        target=found,
        target_name=found.name_zh if page.lang == "zh" else (found.name_en or found.name_zh),
        as_of=as_of_param(q.get("as_of")),
        method=method_param(q.get("method")),
        methods=METHODS,
    )
