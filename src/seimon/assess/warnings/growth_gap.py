"""SEI growth below the growth of all above-scale industry (高于/低于规上工业 N 个百分点).

A provincial bulletin's headline compares the two real growth rates; SEI is meant to lead, so a negative gap is
a warning. The latest release up to the as-of date is judged, for the province and each unit below it.
"""

from __future__ import annotations

import logging

from seimon.assess.warnings.base import EarlyWarning, WarningContext, region_name, region_name_en
from seimon.assess.warnings.rules import GrowthGapRule

logger = logging.getLogger(__name__)


def evaluate(rule: GrowthGapRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings where the latest gap (SEI growth − above-scale growth, 百分点) is below ``rule.threshold``."""
    series = ctx.series(rule.indicator, region=rule.region)
    sei = ctx.series("sei_va_real_growth", region=rule.region)
    above = ctx.series("above_scale_va_real_growth", region=rule.region)
    if rule.by_region:
        series.update(ctx.series(rule.indicator, region=rule.region, by="region"))
        sei.update(ctx.series("sei_va_real_growth", region=rule.region, by="region"))
        above.update(ctx.series("above_scale_va_real_growth", region=rule.region, by="region"))
    out: list[EarlyWarning] = []
    for region, points in sorted(series.items()):
        latest = points[-1]
        if latest.value >= rule.threshold:
            continue
        s = next((p.value for p in sei.get(region, []) if p.key == latest.key), None)
        a = next((p.value for p in above.get(region, []) if p.key == latest.key), None)
        name = region_name(region) or region
        detail_zh = f"（战略性新兴产业 {s:.1f}%，规上工业 {a:.1f}%）" if s is not None and a is not None else ""
        detail_en = f" (SEI {s:.1f}%, above-scale industry {a:.1f}%)" if s is not None and a is not None else ""
        out.append(
            EarlyWarning(
                rule.id,
                rule.type,
                "sei_growth_below_industry",
                rule.severity,
                f"{name}{latest.period.label_zh}战略性新兴产业增加值增速低于规模以上工业 "
                f"{-latest.value:.1f} 个百分点{detail_zh}",
                f"{region_name_en(region) or region} {latest.period.code}: SEI value added growth "
                f"{-latest.value:.1f} points below above-scale industry{detail_en}",
                region=region,
                period=latest.period.code,
                numbers={"gap_pp": round(latest.value, 4), "sei_growth": s, "above_scale_growth": a},
            )
        )
    return out
