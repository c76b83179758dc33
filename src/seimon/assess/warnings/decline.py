"""Year-on-year decline for N consecutive months of a monthly year-to-date series (1–2月, 1–3月 … 1–12月).

Monthly industrial data are published cumulatively, so "three months of decline" means three consecutive 1–N月
releases whose year-on-year growth (same-enterprise, comparable prices) is below the threshold. 1–2月 is one
release; the month after 1–12月 is next year's 1–2月.
"""

from __future__ import annotations

import logging

from seimon.assess.warnings.base import (
    EarlyWarning,
    SeriesPoint,
    WarningContext,
    fmt_value,
    indicator_names,
    region_name,
    region_name_en,
)
from seimon.assess.warnings.rules import ConsecutiveDeclineRule

logger = logging.getLogger(__name__)


def next_release(year: int, end_month: int) -> tuple[int, int]:
    """The (year, end month) of the release after 1–``end_month``月 of ``year``; January is never alone.

    >>> next_release(2019, 2), next_release(2019, 12)
    ((2019, 3), (2020, 2))
    """
    return (year + 1, 2) if end_month == 12 else (year, end_month + 1)


def trailing_run(points: list[SeriesPoint], threshold: float) -> list[SeriesPoint]:
    """The latest run of consecutive releases with values below ``threshold`` (empty when the latest is not).

    >>> from seimon.periods import Period
    >>> pts = [SeriesPoint(Period.of_ytd(2019, m), v, {}) for m, v in ((2, 1.0), (3, -1.0), (4, -2.0))]
    >>> [p.period.code for p in trailing_run(pts, 0.0)]
    ['2019-01..03', '2019-01..04']
    """
    run: list[SeriesPoint] = []
    for point in reversed(points):
        if point.value >= threshold:
            break
        if run and next_release(*point.key) != run[-1].key:
            break
        run.append(point)
    return list(reversed(run))


def evaluate(rule: ConsecutiveDeclineRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings for the region (and, with ``by_region``, each unit below it) with a long enough run of declines."""
    series = ctx.series(rule.indicator, region=rule.region)
    if rule.by_region:
        series.update(ctx.series(rule.indicator, region=rule.region, by="region"))
    out: list[EarlyWarning] = []
    for region, points in sorted(series.items()):
        ytd = [p for p in points if p.period.start_month == 1]
        run = trailing_run(ytd, rule.threshold)
        if len(run) < rule.months:
            continue
        name = region_name(region) or region
        name_en = region_name_en(region) or region
        what_zh, what_en = indicator_names(rule.indicator, ctx.registry)
        values = [round(p.value, 4) for p in run]
        out.append(
            EarlyWarning(
                rule.id,
                rule.type,
                "consecutive_decline",
                rule.severity,
                f"{name}{what_zh}连续 {len(run)} 期低于 {rule.threshold:g}"
                f"（{run[0].period.label_zh}至{run[-1].period.label_zh}：{'、'.join(fmt_value(v) for v in values)}）",
                f"{name_en}: {what_en} below {rule.threshold:g} for {len(run)} consecutive releases "
                f"({run[0].period.code} to {run[-1].period.code}: {', '.join(fmt_value(v) for v in values)})",
                region=region,
                period=run[-1].period.code,
                numbers={
                    "indicator": rule.indicator,
                    "months": len(run),
                    "threshold": rule.threshold,
                    "periods": [p.period.code for p in run],
                    "values": values,
                },
            )
        )
    return out
