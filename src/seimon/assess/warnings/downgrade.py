"""Status downgrades: a target assessed worse now than at the previous as-of (one quarter earlier by default).

A status is a planner's verdict; when it slips (on track → acceleration needed) the office wants to know before
the next appraisal. Both assessments use the same method and the same store, each cut at its own as-of date, so
a figure published in between explains the change. ``insufficient_data`` on either side gives no warning: there
is no verdict to compare.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging

from seimon.assess.report import assess_plan, status_rank
from seimon.assess.status import STATUS_LABELS
from seimon.assess.warnings.base import EarlyWarning, WarningContext
from seimon.assess.warnings.rules import StatusDowngradeRule

logger = logging.getLogger(__name__)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, clamped to the month's end (31 May − 3 months → 28/29 February).

    >>> months_before(dt.date(2019, 5, 31), 3), months_before(dt.date(2019, 1, 15), 3)
    (datetime.date(2019, 2, 28), datetime.date(2018, 10, 15))
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def evaluate(rule: StatusDowngradeRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings for targets whose status got worse since ``rule.months_back`` months before the as-of date."""
    earlier = months_before(ctx.as_of, rule.months_back)
    now = assess_plan(ctx.store, ctx.plan, as_of=ctx.as_of, method=rule.method, registry=ctx.registry)
    before = {
        a.target.id: a
        for a in assess_plan(ctx.store, ctx.plan, as_of=earlier, method=rule.method, registry=ctx.registry)
    }
    out: list[EarlyWarning] = []
    for current in now:
        previous = before.get(current.target.id)
        if previous is None:
            continue
        rank_now, rank_before = status_rank(current.status), status_rank(previous.status)
        if rank_now is None or rank_before is None or rank_now >= rank_before:
            continue
        steps = rank_before - rank_now
        old_zh, old_en = STATUS_LABELS[previous.status]
        new_zh, new_en = STATUS_LABELS[current.status]
        t = current.target
        region = t.scope.id if t.scope.type == "province" else None
        out.append(
            EarlyWarning(
                rule.id,
                rule.type,
                "status_downgrade",
                "critical" if steps >= rule.critical_steps else rule.severity,
                f"目标“{t.name_zh}”评估状态由“{old_zh}”（{earlier}）降为“{new_zh}”（{ctx.as_of}），下降 {steps} 级",
                f"target '{t.name_en}' fell from {old_en} ({earlier}) to {new_en} ({ctx.as_of}), {steps} step(s)",
                region=region,
                industry=t.scope.id if t.scope.type != "province" else None,
                period=current.result.latest_period,
                numbers={
                    "target_id": t.id,
                    "status_before": previous.status,
                    "status_now": current.status,
                    "as_of_before": earlier.isoformat(),
                    "as_of_now": ctx.as_of.isoformat(),
                    "ratio_before": previous.result.ratio,
                    "ratio_now": current.result.ratio,
                    "latest_period_before": previous.result.latest_period,
                    "latest_period_now": current.result.latest_period,
                    "steps": steps,
                    "method": rule.method,
                },
            )
        )
    return out
