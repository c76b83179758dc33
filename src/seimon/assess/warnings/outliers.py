"""Outliers in an indicator series: z-score, modified z-score (MAD), and the band of the same month in past years.

The latest value is judged against its own history (DHIS2 practice), never against neighbouring months: industry
is seasonal (December is routinely two or three times November), so z and MAD are computed on the change of each
single month against the same month of the previous year (single months derived from the year-to-date releases,
so that 1–9月 is not compared with 1–3月), and the band compares the 1–N月 value with the same 1–N月 of the
previous ``band_years`` years, widened by ``band_tolerance``. A flag is a question for the statistician, not a
verdict.
"""

from __future__ import annotations

import logging
import math
import statistics

from seimon.assess.warnings.base import (
    EarlyWarning,
    SeriesPoint,
    WarningContext,
    fmt_value,
    indicator_names,
    region_name,
    region_name_en,
)
from seimon.assess.warnings.rules import OutlierRule
from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

_MAD_SCALE = 0.6745  # Φ⁻¹(0.75): a MAD comparable to a standard deviation (Iglewicz & Hoaglin 1993)
_MEAN_AD_SCALE = 0.7979  # √(2/π): the same role for the mean absolute deviation when the MAD is 0


def z_score(x: float, history: list[float]) -> float | None:
    """(x − mean)/sd of the history; None when the history has no spread.

    >>> z_score(20.0, [10.0, 11.0, 9.0, 10.0])
    12.247
    """
    if len(history) < 2:
        return None
    sd = statistics.stdev(history)
    return None if sd == 0 else round((x - statistics.fmean(history)) / sd, 3)


def modified_z(x: float, history: list[float]) -> float | None:
    """0.6745·(x − median)/MAD of the history (mean absolute deviation when the MAD is 0); None with no spread.

    >>> modified_z(95.0, [12.0, 13.0, 12.5, 11.8])
    159.471
    """
    if not history:
        return None
    median = statistics.median(history)
    deviations = [abs(h - median) for h in history]
    mad = statistics.median(deviations)
    if mad > 0:
        return round(_MAD_SCALE * (x - median) / mad, 3)
    mean_ad = statistics.fmean(deviations)
    return round(_MEAN_AD_SCALE * (x - median) / mean_ad, 3) if mean_ad > 0 else None


def seasonal_changes(points: list[SeriesPoint]) -> list[tuple[SeriesPoint, float]]:
    """Each point with its change against the same month a year earlier, where that month exists.

    Relative change when both values are positive, else the difference: seasonality cancels either way.

    >>> from seimon.periods import Period
    >>> pts = [SeriesPoint(Period("month", y, m, m), v, {}) for y, m, v in
    ...        ((2018, 11, 10.0), (2018, 12, 30.0), (2019, 11, 11.0), (2019, 12, 33.0))]
    >>> [(p.period.code, round(c, 3)) for p, c in seasonal_changes(pts)]
    [('2019-11', 0.1), ('2019-12', 0.1)]
    """
    by_key = {p.key: p for p in points}
    out: list[tuple[SeriesPoint, float]] = []
    for p in points:
        before = by_key.get((p.key[0] - 1, p.key[1]))
        if before is None:
            continue
        change = p.value / before.value - 1 if p.value > 0 and before.value > 0 else p.value - before.value
        out.append((p, change))
    return out


def same_month_band(points: list[SeriesPoint], years: int, tolerance: float) -> tuple[float, float] | None:
    """The [min, max] of the latest point's 1–N月 in the previous ``years`` years, widened by ``tolerance``.

    >>> from seimon.periods import Period
    >>> pts = [SeriesPoint(Period.of_ytd(y, 6), v, {}) for y, v in ((2017, 90.0), (2018, 100.0), (2019, 200.0))]
    >>> same_month_band(pts, 3, 0.1)
    (81.0, 110.0)
    """
    latest = points[-1]
    year, month = latest.key
    past = [p.value for p in points if p.key[1] == month and year - years <= p.key[0] < year]
    if not past:
        return None
    lo, hi = min(past), max(past)
    return (lo - tolerance * abs(lo), hi + tolerance * abs(hi))


def _series(rule: OutlierRule, ctx: WarningContext, single_month: bool) -> dict[str, list[SeriesPoint]]:
    series = ctx.series(rule.indicator, region=rule.region, single_month=single_month)
    if rule.by_region:
        series.update(ctx.series(rule.indicator, region=rule.region, by="region", single_month=single_month))
    return series


def _warning(
    rule: OutlierRule, region: str, point: SeriesPoint, code: str, *, zh: str, en: str, numbers: dict
) -> EarlyWarning:
    name, name_en = region_name(region) or region, region_name_en(region) or region
    what_zh, what_en = indicator_names(rule.indicator)
    return EarlyWarning(
        rule.id,
        rule.type,
        code,
        rule.severity,
        f"{name}{point.period.label_zh}{what_zh}为 {fmt_value(point.value)}：{zh}，请核实",
        f"{name_en} {point.period.code}: {what_en} {fmt_value(point.value)}: {en}; please check",
        region=region,
        period=point.period.code,
        numbers={"indicator": rule.indicator, "value": point.value, **numbers},
    )


def evaluate(rule: OutlierRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings for latest values flagged by any of the rule's methods (one warning per method that fires)."""
    out: list[EarlyWarning] = []
    if {"z", "mad"} & set(rule.methods):
        try:
            monthly = _series(rule, ctx, single_month=True)
        except SeimonError:  # the indicator has no single months (a share, a stock): use its releases as they are
            monthly = _series(rule, ctx, single_month=False)
        for region, points in sorted(monthly.items()):
            changes = seasonal_changes(points)
            if len(changes) < rule.min_history + 1 or changes[-1][0] is not points[-1]:
                continue
            latest, change = changes[-1]
            history = [c for _, c in changes[:-1]]
            z = z_score(change, history) if "z" in rule.methods else None
            if z is not None and abs(z) > rule.z_threshold:
                out.append(
                    _warning(
                        rule,
                        region,
                        latest,
                        "outlier_z",
                        zh=f"与上年同月相比的变动 z 值 {z:.1f}，超过阈值 {rule.z_threshold:g}"
                        f"（历史 {len(history)} 期）",
                        en=f"z-score {z:.1f} of the change on the same month a year earlier, beyond "
                        f"{rule.z_threshold:g} ({len(history)} periods of history)",
                        numbers={
                            "method": "z",
                            "score": z,
                            "threshold": rule.z_threshold,
                            "history": len(history),
                            "change_on_last_year": change,
                            "mean_change": statistics.fmean(history),
                        },
                    )
                )
            m = modified_z(change, history) if "mad" in rule.methods else None
            if m is not None and math.isfinite(m) and abs(m) > rule.mad_threshold:
                out.append(
                    _warning(
                        rule,
                        region,
                        latest,
                        "outlier_mad",
                        zh=f"与上年同月相比的变动稳健 z 值 {m:.1f}，超过阈值 {rule.mad_threshold:g}",
                        en=f"modified z-score {m:.1f} of the change on the same month a year earlier, beyond "
                        f"{rule.mad_threshold:g}",
                        numbers={
                            "method": "mad",
                            "score": m,
                            "threshold": rule.mad_threshold,
                            "change_on_last_year": change,
                            "median_change": statistics.median(history),
                        },
                    )
                )
    if "band" in rule.methods:
        for region, points in sorted(_series(rule, ctx, single_month=False).items()):
            band = same_month_band(points, rule.band_years, rule.band_tolerance) if points else None
            if band is None:
                continue
            latest = points[-1]
            if band[0] <= latest.value <= band[1]:
                continue
            out.append(
                _warning(
                    rule,
                    region,
                    latest,
                    "outlier_band",
                    zh=f"超出往年同期区间 [{fmt_value(band[0])}, {fmt_value(band[1])}]",
                    en=f"outside the same period's band of past years [{fmt_value(band[0])}, {fmt_value(band[1])}]",
                    numbers={
                        "method": "band",
                        "lower": band[0],
                        "upper": band[1],
                        "years": rule.band_years,
                        "tolerance": rule.band_tolerance,
                    },
                )
            )
    return out
