"""A city or base at the bottom of its ranking on an indicator (the 11 cities plus 定州 and 辛集, or the bases).

Bulletins rank the reporting units; the last places are flagged for attention, never as a verdict on their own
(the severity is ``info`` by default). Ties share the rank; only units with a value are ranked.
"""

from __future__ import annotations

import logging

from seimon.assess.warnings.base import (
    EarlyWarning,
    WarningContext,
    fmt_value,
    indicator_names,
    region_name,
    region_name_en,
)
from seimon.assess.warnings.rules import RankingBottomRule

logger = logging.getLogger(__name__)

_UNKNOWN = "未填报"  # the indicator system's cell for enterprises without a base: not a base, never ranked


def _member_names(rule: RankingBottomRule, ctx: WarningContext, member: str) -> tuple[str, str]:
    """(中文, English) name of a ranked region or base; the code or id when it has none."""
    if rule.by == "region":
        return region_name(member) or member, region_name_en(member) or member
    base = next((b for b in ctx.plan.bases if b.id == member), None)
    if base is None:
        return member, member
    return base.name_zh or member, base.name_en or base.name_zh or member


def evaluate(rule: RankingBottomRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings for the units in the bottom ``rule.bottom`` places of the latest common period."""
    series = ctx.series(rule.indicator, region=rule.region, by=rule.by)
    series.pop(_UNKNOWN, None)
    if not series:
        return []
    latest_key = max(points[-1].key for points in series.values())
    values = {m: p.value for m, points in series.items() for p in points if p.key == latest_key}
    if len(values) < 2:
        return []
    sign = -1 if rule.higher_is_better else 1
    ordered = sorted(values.items(), key=lambda kv: (sign * kv[1], kv[0]))
    n = len(ordered)
    period = next(p.period for points in series.values() for p in points if p.key == latest_key)
    out: list[EarlyWarning] = []
    for member, value in ordered:
        rank = 1 + sum(1 for v in values.values() if sign * v < sign * value)
        if rank <= n - rule.bottom:
            continue
        label, label_en = _member_names(rule, ctx, member)
        what_zh, what_en = indicator_names(rule.indicator, ctx.registry)
        out.append(
            EarlyWarning(
                rule.id,
                rule.type,
                "ranking_bottom",
                rule.severity,
                f"{period.label_zh}{label}的{what_zh}为 {fmt_value(value)}，"
                f"在 {n} 个{'地区' if rule.by == 'region' else '基地'}中排第 {rank} 位（末位）",
                f"{period.code}: {label_en} has {what_en} {fmt_value(value)}, ranked {rank} of {n} "
                f"{'regions' if rule.by == 'region' else 'bases'} (bottom)",
                region=member if rule.by == "region" else None,
                industry=member if rule.by == "base" else None,
                period=period.code,
                numbers={"indicator": rule.indicator, "value": value, "rank": rank, "of": n, "by": rule.by},
            )
        )
    return out
