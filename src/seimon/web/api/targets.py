"""``/targets`` and ``/assessment``: every target's progress, status and forecast, and one target explained."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.policy import microdata_scope
from seimon.access.roles import Principal
from seimon.assess.explain import explain_assessment
from seimon.assess.report import TargetAssessment, assess_plan
from seimon.disclose.outlets import protect_points
from seimon.errors import Location, SeimonError
from seimon.plan import load_plan
from seimon.plan.show import find_item, sentence_of
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(tags=["targets"])

METHODS = ("opensdg", "linear", "extrapolation")


def parse_day(text: str | None, field: str = "as_of") -> dt.date:
    """``2020-12-31`` → date; None → today."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SeimonError(
            f"日期格式应为 YYYY-MM-DD：{text}", f"expected a date YYYY-MM-DD: {text}", Location(field=field), "bad_date"
        ) from None


def points(a: TargetAssessment) -> list[dict[str, Any]]:
    """The observations kept for the assessment, in the plan's unit (the sparkline and trend)."""
    factor = a.factor or 1.0
    return [{"t": round(o.t, 4), "period": o.period_code, "value": o.value * factor} for o in a.kept]


def target_row(a: TargetAssessment) -> dict[str, Any]:
    data = a.to_dict()
    data["points"] = points(a)
    data["deadline_t"] = a.forecast.deadline_t if a.forecast is not None else float(a.target.deadline) + 1.0
    return data


def public_target_row(ctx: WebContext, a: TargetAssessment, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` for a role without all microdata: points on a withheld province cell lose their value, and so
    do the latest and baseline values when they are such a point (:func:`seimon.disclose.outlets.protect_points`)."""
    shown = protect_points(ctx.owner.reader(), a.target.indicator, row["points"])
    hidden = {p["period"] for p in shown if p["suppressed"]}
    out = {**row, "points": shown}
    for listed in ("observations_used", "observations_set_aside"):  # the explanation of one target
        if isinstance(row.get(listed), list):
            entries = [{**o, "period": o.get("period_code", o.get("period"))} for o in row[listed]]
            kept = protect_points(ctx.owner.reader(), a.target.indicator, entries)
            out[listed] = [{**o, "value": k["value"]} for o, k in zip(row[listed], kept, strict=True)]
    for period_field, value_field in (("latest_period", "latest_value"), ("baseline_period", "baseline_value")):
        if row.get(period_field) in hidden:
            out[value_field] = None
    return out


def assessments(ctx: WebContext, day: dt.date, method: str) -> list[TargetAssessment]:
    """Every target assessed as of ``day`` (cached until the data change)."""
    if method not in METHODS:
        raise SeimonError(
            f"未知方法：{method}", f"unknown method: {method}", Location(field="method"), code="bad_method"
        )
    return ctx.cache.get(("assess", day, method), lambda: assess_plan(ctx.owner.reader(), as_of=day, method=method))


@router.get("/targets", summary="规划目标及其状态 / plan targets with status, sparkline and forecast")
def targets(
    as_of: str | None = Query(None, description="评估日期 / as-of date YYYY-MM-DD (default today)"),
    method: str = Query("opensdg", description="opensdg | linear | extrapolation"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_aggregates"),
) -> Response:
    day = parse_day(as_of)
    if microdata_scope(principal).everything:
        return ctx.cache.json(("targets", day, method), lambda: [target_row(a) for a in assessments(ctx, day, method)])
    return ctx.cache.json(
        ("targets", day, method, "public"),
        lambda: [public_target_row(ctx, a, target_row(a)) for a in assessments(ctx, day, method)],
    )


@router.get("/targets/{target_id}", summary="单个目标：趋势、预测、方法说明、观测值与原文 / one target in full")
def target(
    target_id: str,
    as_of: str | None = Query(None),
    method: str = Query("opensdg"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_aggregates"),
) -> Response:
    day = parse_day(as_of)
    full = microdata_scope(principal).everything

    def build() -> dict[str, Any]:
        found = [a for a in assessments(ctx, day, method) if a.target.id == target_id]
        if not found:
            raise SeimonError(
                f"规划中没有目标：{target_id}", f"no such target: {target_id}", Location(field="target_id"), "not_found"
            )
        a = found[0]
        plan = load_plan()
        data = explain_assessment(a).to_dict()
        data["points"] = points(a)
        data["deadline_t"] = target_row(a)["deadline_t"]
        data["sentence"] = sentence_of(plan, find_item(plan, target_id).source)
        data["section"] = a.target.source.section
        return data if full else public_target_row(ctx, a, data)

    return ctx.cache.json(("target", target_id, day, method, full), build)
