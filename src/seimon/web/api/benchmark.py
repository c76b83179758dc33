"""``/benchmark``: an enterprise's own figures against its peers (:mod:`seimon.disclose.benchmark`).

An enterprise user sees its own enterprise; admin and analyst may name one (``credit_code``); other roles have
no enterprise to benchmark.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from seimon.access.policy import Forbidden, microdata_scope
from seimon.access.roles import Principal, Role
from seimon.disclose.benchmark import benchmark
from seimon.errors import Location, SeimonError
from seimon.indicators.query import ytd_key_for
from seimon.web.auth import require
from seimon.web.context import WebContext, web_context

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/benchmark", tags=["benchmark"])


@router.get("", summary="企业对标 / an enterprise against its peers (quartiles of ≥ 10 peers)")
def enterprise_benchmark(
    period: str = Query(..., description="时期 / period, e.g. 2020 or 2020-09"),
    credit_code: str | None = Query(
        None, description="统一社会信用代码（仅管理员、分析员）/ credit code (admin, analyst)"
    ),
    ctx: WebContext = Depends(web_context),
    principal: Principal = require("benchmark_enterprise"),
) -> Response:
    if principal.role is Role.ENTERPRISE:
        code = principal.credit_code
    elif microdata_scope(principal).everything:
        code = credit_code
    else:
        raise Forbidden("只有企业用户可以对标本企业", "only an enterprise user benchmarks its own enterprise")
    if not code:
        raise SeimonError(
            "请给出统一社会信用代码", "give a credit code", Location(field="credit_code"), code="bad_option"
        )
    key = ytd_key_for(period)
    return ctx.cache.json(("benchmark", code, key), lambda: benchmark(ctx.owner.reader(), code, key))
