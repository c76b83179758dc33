"""``/plan``: the plan's structure — industries, roadmap boxes, bases, major projects, measures — and any item."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from seimon.access.roles import Principal
from seimon.plan import load_plan
from seimon.plan.show import find_item, item_to_dict, plan_to_dict
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/plan", tags=["plan"])


@router.get("", summary="规划全文结构 / the whole plan as data")
def plan(ctx: WebContext = Depends(web_context), _: Principal = require("read_plan")) -> Response:
    return ctx.cache.json(("plan",), lambda: plan_to_dict(load_plan()))


@router.get("/items/{item_id}", summary="规划条目及原文句子 / one plan item with its sentence")
def plan_item(item_id: str, ctx: WebContext = Depends(web_context), _: Principal = require("read_plan")) -> Response:
    plan = load_plan()
    return ctx.cache.json(("plan_item", item_id), lambda: item_to_dict(plan, find_item(plan, item_id)))


@router.get("/bases", summary="产业基地 / industrial bases")
def bases(ctx: WebContext = Depends(web_context), _: Principal = require("read_plan")) -> Response:
    plan = load_plan()
    return ctx.cache.json(("bases",), lambda: [item_to_dict(plan, b) for b in plan.bases])


@router.get("/projects", summary="重大工程 / major projects")
def projects(ctx: WebContext = Depends(web_context), _: Principal = require("read_plan")) -> Response:
    plan = load_plan()
    return ctx.cache.json(("projects",), lambda: [item_to_dict(plan, p) for p in plan.projects])


@router.get("/industries", summary="重点产业及细分领域 / industries and sub-fields")
def industries(ctx: WebContext = Depends(web_context), _: Principal = require("read_plan")) -> Response:
    plan = load_plan()
    return ctx.cache.json(("industries",), lambda: [item_to_dict(plan, i) for i in plan.industries])
