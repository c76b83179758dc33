"""``/open``: the open data pages — the recorded public releases, one release's tables, the downloads.

Server-rendered (no script needed), Chinese with English beside. They read only what a release published
(:mod:`seimon.disclose.open_data`: withheld cells shown as withheld, never an audit interval or a count of
contributors) and follow the open-data API's rule: an anonymous visitor opens them when public access is on. A
release never changes, so an anonymous answer may be cached by anyone (``Cache-Control: public`` and an ETag).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.disclose.open_data import open_metadata, open_records
from seimon.disclose.releases import list_releases, load_release
from seimon.reference.regions import load_regions
from seimon.web.context import web_context
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

MAX_AGE = 3_600
"""An hour for the pages (a new release appears in the list); the downloads of one release are cached a day."""
TABLE_NAMES: dict[str, str] = {
    "total": "全省 / province",
    "region:reporting": "按市（统计口径）/ by city (reporting view)",
    "region:geographic": "按市（地理口径）/ by city (geographic view)",
    "plan_industry": "按规划产业 / by plan industry",
    "sei_field": "按战略性新兴产业领域 / by SEI field",
    "sei_item": "按战略性新兴产业类别 / by SEI item",
    "division": "按国民经济行业大类 / by GB/T 4754 division",
    "base": "按产业基地 / by industrial base",
    "size": "按企业规模 / by size",
    "region:reporting×plan_industry": "市 × 规划产业 / city × plan industry",
}


def _key_name(table: str, key: str) -> str:
    """A cell key with the region's name: ``130100|nev`` → ``石家庄市 Shijiazhuang | nev``."""
    regions = load_regions()
    parts = key.split("|")
    if table == "total" or table.startswith("region:"):
        code = parts[0]
        if code in regions:
            r = regions.get(code)
            parts[0] = f"{r.name_zh} {r.name_en}"
    return " | ".join(parts)


def _cached(request: Request, page: Any, response: Response, tag: str) -> Response:
    """Public caching for anonymous visitors (the page then depends only on the URL); private otherwise."""
    etag = '"' + hashlib.sha256(f"{tag}|{request.url.query}".encode()).hexdigest()[:20] + '"'
    if page.principal is None and "set-cookie" not in response.headers:
        response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
        response.headers["ETag"] = etag
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"Cache-Control": response.headers["Cache-Control"], "ETag": etag})
    else:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@router.get("/open")
def open_list(request: Request) -> Response:
    """Every recorded release, newest first, with its downloads."""
    page = open_page(request, ACTIONS_BY_PATH["/open"])
    releases = list_releases(web_context(request).owner.reader())
    response = page.render("open.html", "open", "open.title", releases=releases, release=None)
    newest = releases[0]["id"] if releases else 0
    return _cached(request, page, response, f"open-list-{newest}-{page.lang}")


@router.get("/open/releases/{release_id}")
def open_release(release_id: int, request: Request) -> Response:
    """One release's cells by indicator and table (``?indicator=`` and ``?table=`` filter), with its metadata."""
    page = open_page(request, ACTIONS_BY_PATH["/open"])
    release = load_release(web_context(request).owner.reader(), release_id)
    records = open_records(release)
    meta = open_metadata(release)
    indicator = request.query_params.get("indicator") or ""
    table = request.query_params.get("table") or ""
    shown = [
        {**r, "key_name": _key_name(r["table"], r["key"]), "table_name": TABLE_NAMES.get(r["table"], r["table"])}
        for r in records
        if (not indicator or r["indicator"] == indicator) and (not table or r["table"] == table)
    ]
    response = page.render(
        "open.html",
        "open",
        "open.title",
        release=release.summary(),
        meta=meta,
        rows=shown,
        indicators=sorted({r["indicator"] for r in records}),
        tables=[t for t in TABLE_NAMES if any(r["table"] == t for r in records)],
        table_names=TABLE_NAMES,
        chosen={"indicator": indicator, "table": table},
    )
    return _cached(request, page, response, f"open-release-{release.id}-{page.lang}")
