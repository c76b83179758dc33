"""``/open``: the open data service — recorded public releases as JSON, CSV or XLSX, with metadata.

Only what a release published leaves here (:mod:`seimon.disclose.open_data`); a release never changes (a
revision is a new release), so answers carry long-lived caching headers and an ETag per release.
"""

from __future__ import annotations

import csv
import io
import logging

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from seimon.access.roles import Principal
from seimon.disclose.open_data import OPEN_COLUMNS, open_metadata, open_records
from seimon.disclose.releases import list_releases, load_release
from seimon.errors import Location, SeimonError
from seimon.web.auth import require
from seimon.web.cache import json_bytes
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/open", tags=["open data"])

MAX_AGE = 86_400  # a release is immutable: a day of caching is safe
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


@router.get("/releases", summary="公开发布清单 / the recorded public releases")
def releases(ctx: WebContext = Depends(web_context), _: Principal = require("read_aggregates")) -> Response:
    rows = [
        {k: r[k] for k in ("id", "period", "released_on", "revision_of", "indicators")}
        for r in list_releases(ctx.owner.reader())
    ]
    return Response(json_bytes(rows), media_type="application/json", headers={"Cache-Control": "public, max-age=300"})


@router.get("/releases/{release_id}", summary="一次公开发布的数据 / one release's data (json | csv | xlsx)")
def release_data(
    release_id: int,
    request: Request,
    format: str = Query("json", description="json | csv | xlsx"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("read_aggregates"),
) -> Response:
    if format not in FORMATS:
        raise SeimonError(f"未知格式：{format}", f"unknown format: {format}", Location(field="format"), "bad_format")
    release = load_release(ctx.owner.reader(), release_id)
    etag = f'"release-{release.id}-{format}"'
    headers = {"Cache-Control": f"public, max-age={MAX_AGE}", "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    records, meta = open_records(release), open_metadata(release)
    if format == "json":
        body = json_bytes({"metadata": meta, "data": records})
    elif format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(OPEN_COLUMNS))
        writer.writeheader()
        writer.writerows(records)
        body = ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheet programs read UTF-8
    else:
        body = _xlsx(records, meta)
    headers["Content-Disposition"] = f'attachment; filename="release-{release.id}-{release.period}.{format}"'
    return Response(body, media_type=FORMATS[format], headers=headers)


def _xlsx(records: list[dict], meta: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(list(OPEN_COLUMNS))
    for r in records:
        sheet.append([r[c] for c in OPEN_COLUMNS])
    about = book.create_sheet("metadata")
    for key in ("release", "period", "released_on", "revision_of", "note_zh", "note_en"):
        about.append([key, meta[key]])
    for ind in meta["indicators"]:
        about.append(["indicator", ind["id"], ind["name_zh"], ind["name_en"], ind["unit"], ind["definition"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
