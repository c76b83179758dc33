"""``/reports``: the monitoring bulletin and the plan evaluation, generated on request in any of the four formats.

The internal edition (key enterprises, warnings naming enterprises) needs ``download_internal_report``; the
evaluation report holds aggregates only.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from seimon.access.policy import authorize
from seimon.access.roles import Principal
from seimon.errors import Location, SeimonError
from seimon.evaluation.records import evaluation_stamp, signed_for
from seimon.report import FORMATS, build_evaluation, render
from seimon.report.availability import require_data
from seimon.services import reports
from seimon.services.evaluations import report_access
from seimon.services.reports import BulletinOrder
from seimon.web.api.params import RowId
from seimon.web.api.targets import parse_day
from seimon.web.auth import caller_ip, require, resolve_caller
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/reports", tags=["reports"])

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _check(format: str, lang: str) -> None:
    if format not in FORMATS:
        raise SeimonError(f"未知格式：{format}", f"unknown format: {format}", Location(field="format"), "bad_format")
    if lang not in ("zh", "en"):
        raise SeimonError(f"未知语言：{lang}", f"unknown language: {lang}", Location(field="lang"), "bad_lang")


def _download(data: bytes, name: str, format: str) -> Response:
    return Response(
        data, media_type=MEDIA_TYPES[format], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("", summary="可生成的报告 / the reports on offer")
def catalogue(_: Principal = require("download_public_report")) -> dict[str, Any]:
    return {"kinds": ["bulletin", "evaluation"], "formats": list(FORMATS), "editions": ["public", "internal"]}


@router.get("/bulletin", summary="监测简报 / the monitoring bulletin")
def bulletin(
    request: Request,
    period: str = Query(..., description="时期，如 2020-09（1—9月）或 2020 / period, e.g. 2020-09 or 2020"),
    format: str = Query("pdf", description=" | ".join(FORMATS)),
    edition: str = Query("public", description="public | internal"),
    lang: str = Query("zh", description="zh | en"),
    as_of: str | None = Query(
        None, description="按该日已知的数据 / the data as known on this date YYYY-MM-DD (default: the latest)"
    ),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("download_public_report"),
) -> Response:
    _check(format, lang)
    day = parse_day(as_of, "as_of") if as_of else None
    require_data(ctx.owner.reader(), period)
    if edition not in ("public", "internal"):
        raise SeimonError(
            f"未知版本：{edition}", f"unknown edition: {edition}", Location(field="edition"), "bad_edition"
        )
    order = BulletinOrder(period, edition=edition, lang=lang, format=format, as_of=day)
    if edition == "internal":
        caller = resolve_caller(request).principal  # an anonymous visitor is told to log in (401), not refused
        authorize(caller, "download_internal_report", public_enabled=ctx.settings.public_enabled)
        with ctx.owner.writer(changes_data=False) as store:
            reports.audit_output(store, principal, order, ip=caller_ip(request))
    data = ctx.cache.get(order.cache_key(), lambda: reports.render_bulletin(ctx.owner.reader(), order))
    return _download(data, order.filename(), format)


@router.get("/evaluation", summary="规划实施评估报告 / the plan evaluation report")
def evaluation(
    request: Request,
    as_of: str | None = Query(None, description="评估日期 / as-of date YYYY-MM-DD (default today)"),
    evaluation: RowId | None = Query(
        None,
        description="载入该第三方评估的意见与签署页（默认：该日已签署的最新评估）/ carry this third-party "
        "evaluation's opinions (default: the latest signed one of the date); a draft only for its readers",
    ),
    format: str = Query("pdf", description=" | ".join(FORMATS)),
    lang: str = Query("zh", description="zh | en"),
    ctx: WebContext = Depends(web_context),
    _: Principal = require("download_public_report"),
) -> Response:
    _check(format, lang)
    reader = ctx.owner.reader()
    if evaluation is not None:
        found = report_access(reader, resolve_caller(request).principal, evaluation)
        day = dt.date.fromisoformat(found["as_of"])
        if as_of is not None and parse_day(as_of, "as_of") != day:
            raise SeimonError(
                f"评估 {evaluation} 的基准日为 {day}",
                f"evaluation {evaluation} is as of {day}",
                Location(field="as_of"),
            )
        chosen: int | None = evaluation
    else:
        day = parse_day(as_of)
        chosen = signed_for(reader, day)
    # the evaluator's opinions change until sign-off: a draft's key carries the time of its latest change
    stamp = evaluation_stamp(reader, chosen) if chosen is not None else None
    data = ctx.cache.get(
        ("evaluation", day, chosen, stamp, dt.date.today(), format, lang),
        lambda: render(build_evaluation(reader, day, lang=lang, evaluation_id=chosen), format),  # type: ignore[arg-type]
    )
    suffix = f"-evaluation-{chosen}" if chosen is not None else ""
    return _download(data, f"evaluation-{day.isoformat()}{suffix}-{lang}.{format}", format)
