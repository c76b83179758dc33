"""``/appraisals/{year}``: the appraisal (考核评价) of cities or bases, shown as each role may see it.

What each role sees (docs/appraisal.md):

* admin, analyst: everything, the raw indicator values included;
* evaluator (third-party evaluation): every unit's scores, pillar and indicator scores, no raw values (raw values
  of small units rest on few enterprises; the indicator API suppresses those for this role);
* city: the ranking (score, rank, interval) of every unit, and its own unit's full profile, raw values included;
* enterprise: the ranking;
* public (when public access is on): the ranking and pillar scores, and only after the admin has released the
  appraisal of that year (``POST /appraisals/{year}/release``); before that, 404.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from seimon.access.policy import microdata_scope
from seimon.access.roles import Principal, Role
from seimon.appraise import appraise
from seimon.appraise.releases import released
from seimon.disclose.outlets import protect_appraisal
from seimon.errors import Location, SeimonError
from seimon.services import releases
from seimon.web.api.targets import parse_day
from seimon.web.auth import caller_ip, require
from seimon.web.cache import json_bytes
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/appraisals", tags=["appraisals"])

UNITS = ("cities", "departments", "bases")
RANKING_KEYS = (
    "unit", "name", "name_zh", "name_en", "score", "rank", "rank_median", "rank_low", "rank_high", "sensitivity"
)  # fmt: skip


def _units(units: str) -> str:
    if units not in UNITS:
        raise SeimonError(
            f"units 应为 {'、'.join(UNITS)} 之一", f"units must be one of {', '.join(UNITS)}", Location(field="units")
        )
    return units


def full_appraisal(ctx: WebContext, year: int, units: str, as_of: dt.date | None) -> dict[str, Any]:
    """The whole appraisal as JSON (cached until the data change); 404 when the year has no data."""

    def compute() -> dict[str, Any]:
        try:
            return appraise(ctx.owner.reader(), year, units=units, as_of=as_of).to_dict()
        except SeimonError as err:
            if err.code == "appraisal_no_data":
                raise SeimonError(err.message_zh, err.message_en, err.location, code="not_found") from None
            raise

    return ctx.cache.get(("appraisal", year, units, as_of), compute)


def visible(data: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """``data`` cut to what ``principal`` may see (the rules of the module docstring).

    >>> d = {"units": [{"unit": "130100", "name": "石家庄市", "name_zh": "石家庄市", "name_en": "Shijiazhuang",
    ...     "score": 50.0, "rank": 1, "rank_median": 1.0, "rank_low": 1, "rank_high": 2, "pillars": {"g": 50.0},
    ...     "indicators": {"x": {"value": 3.2, "score": 50.0, "missing": False}}, "coverage": 1.0}],
    ...     "winsorised": [{"indicator": "x", "unit": "130100", "before": 9.0, "after": 3.2}]}
    >>> visible(d, Principal("e", Role.EVALUATOR))["units"][0]["indicators"]
    {'x': {'score': 50.0, 'missing': False}}
    >>> sorted(visible(d, Principal("b", Role.CITY, region="130600"))["units"][0])[:3]
    ['name', 'name_en', 'name_zh']
    """
    role = principal.role
    if role in (Role.ADMIN, Role.ANALYST):
        return data
    out = {
        **data,
        "winsorised": [{k: v for k, v in w.items() if k not in ("before", "after")} for w in data["winsorised"]],
    }
    units = []
    for unit in data["units"]:
        ranking = {k: unit[k] for k in RANKING_KEYS if k in unit}
        if (role is Role.CITY and unit["unit"] == principal.region) or (
            role is Role.DEPARTMENT and unit["unit"] == principal.department
        ):
            units.append({**unit, "own": True})
        elif role is Role.EVALUATOR:
            indicators = {
                k: {
                    "score": v["score"],
                    "missing": v["missing"],
                    **({"suppressed": True} if v.get("suppressed") else {}),
                }
                for k, v in unit["indicators"].items()
            }
            units.append(
                {**ranking, "pillars": unit["pillars"], "indicators": indicators, "coverage": unit["coverage"],
                 **({"suppressed": unit["suppressed"]} if "suppressed" in unit else {})}
            )  # fmt: skip
        elif role is Role.PUBLIC:
            units.append({**ranking, "pillars": unit["pillars"]})
        else:
            units.append(ranking)
    out["units"] = units
    return out


@router.get("/{year}", summary="考核评价结果 / the appraisal of a year")
def appraisal(
    year: int = Path(..., ge=1949, le=2100, description="年份 / year"),
    units: str = Query("cities", description="考核对象 / units: cities | departments | bases"),
    as_of: str | None = Query(None, description="截至日期 / only data published by YYYY-MM-DD"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("read_aggregates"),
) -> Response:
    """``{"units": [...]}`` as ``seimon appraise --json``, cut to what the caller's role may see."""
    kind = _units(units)
    day = parse_day(as_of) if as_of else None
    if principal.role is Role.PUBLIC:
        found = released(ctx.owner.reader(), year, kind)
        if found is None or day is not None:
            raise SeimonError(
                f"{year} 年考核结果尚未公开发布", f"the {year} appraisal has not been released", code="not_found"
            )
    key = (principal.role.value, principal.region or principal.department)

    def build() -> bytes:
        data = full_appraisal(ctx, year, kind, day)
        if not microdata_scope(principal).everything:  # values and scores of withheld cells (docs/disclosure.md)
            own = principal.region if principal.role is Role.CITY else principal.department
            vintage = day.isoformat() if day else None
            data = protect_appraisal(ctx.owner.reader(), data, keep_unit=own, vintage=vintage)
        return json_bytes(visible(data, principal))

    body = ctx.cache.get(("appraisal_json", year, kind, day, key), build)
    return Response(body, media_type="application/json")


@router.post("/{year}/release", summary="公开发布考核结果 / release the appraisal of a year to the public")
def release_appraisal(
    request: Request,
    year: int = Path(..., ge=1949, le=2100, description="年份 / year"),
    units: str = Query("cities", description="考核对象 / units: cities | bases"),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("manage_users"),
) -> dict[str, Any]:
    """Admin only: from now on the public sees the ranking and pillar scores of this appraisal."""
    kind = _units(units)
    full_appraisal(ctx, year, kind, None)  # refuse to release an appraisal without data
    with ctx.owner.writer() as store:
        when = releases.release_appraisal(store, principal, year, kind, ip=caller_ip(request))
    return {"year": year, "units": kind, "released_at": when.isoformat(), "released_by": principal.username}
