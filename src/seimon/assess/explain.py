"""``seimon assess --explain``: one target's assessment, step by step, with every number shown.

A planner who disputes a status must be able to redo it by hand: which observations were used (with their
batch, row, source, reliability and publication date), which were set aside and why, the formulas with the
numbers substituted, the thresholds that turned the number into a status, and the forecast methods tried with
their back-test errors. This module builds that as data (:class:`Explanation`); the CLI only renders it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from seimon.assess.inputs import KIND_MEASURE, SourcedObservation
from seimon.assess.report import TargetAssessment, as_of_time, assess_plan
from seimon.assess.series import Observation
from seimon.assess.status import Thresholds, load_thresholds
from seimon.periods import T_EPS
from seimon.plan import Plan
from seimon.store import Store

logger = logging.getLogger(__name__)


@dataclass
class Explanation:
    """Everything behind one assessment: observations used and set aside, formulas, thresholds, forecast tries."""

    assessment: TargetAssessment
    used: list[dict[str, Any]] = field(default_factory=list)
    set_aside: list[dict[str, Any]] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)
    thresholds: list[str] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the assessment object plus the explanation blocks."""
        return {
            **self.assessment.to_dict(),
            "source_description": " / ".join(self.assessment.inputs.source.describe()),
            "observations_used": self.used,
            "observations_set_aside": self.set_aside,
            "formulas": self.formulas,
            "thresholds": self.thresholds,
            "forecast_candidates": self.candidates,
        }


def _preference(o: Observation) -> tuple[int, dt.date]:
    """Within one period: the non-proxy value first, then the latest publication (as the selection does)."""
    return (0 if o.proxy else 1, o.as_published or dt.date.min)


def _set_aside_reason(a: TargetAssessment, item: SourcedObservation, cutoff: dt.date) -> tuple[str, str]:
    """Why an observation is not among those kept, mirroring :func:`~seimon.assess.progress.select_observations`."""
    o, spec = item.obs, a.spec
    if o.measure != KIND_MEASURE[spec.kind]:
        return (
            f"口径不符：观测值为{o.measure}，目标按{KIND_MEASURE[spec.kind]}衡量（流量与存量不可比）",
            f"wrong measure: a {o.measure}, the target is a {KIND_MEASURE[spec.kind]} (flows and stocks never mix)",
        )
    if o.t > as_of_time(a.as_of) + T_EPS:
        return ("所属期晚于评估日", "period ends after the as-of date")
    if o.as_published is not None and o.as_published > cutoff:
        return (
            f"发布于 {o.as_published}，晚于评估日 {cutoff}",
            f"published {o.as_published}, after the as-of {cutoff}",
        )
    if o.t > spec.deadline_t + T_EPS:
        return ("所属期晚于目标期限", "period ends after the deadline")
    same = [k for k in a.kept if k.period_code == o.period_code]
    if same and _preference(same[0]) >= _preference(o):
        return (
            f"被同期更新版本取代（采用 {same[0].as_published} 发布的 {same[0].value:g}）",
            f"superseded by a later vintage (the value {same[0].value:g} published {same[0].as_published} is used)",
        )
    return ("见下方原因（部分期间、规划期前或不接续序列）", "see the reasons below (part-year, before the period, gap)")


def _fmt(value: float | None, digits: int = 4) -> str:
    return "—" if value is None else f"{value:.{digits}g}" if abs(value) >= 1e6 else f"{round(value, digits):g}"


def _formulas(a: TargetAssessment) -> list[str]:
    r, f = a.result, a.factor
    if r.baseline_value is None or r.latest_value is None or r.target_value is None:
        return ["数据不足，未计算 / insufficient data: nothing computed"]
    v0, v, tv = r.baseline_value * f, r.latest_value * f, r.target_value * f
    t0, t, big_t = r.baseline_t or 0.0, r.latest_t or 0.0, r.deadline_t or 0.0
    d = 1 if a.spec.direction == "higher" else -1
    lines = [
        f"基期 / baseline v₀ = {_fmt(v0)}（t₀ = {t0:.3f}）；最新 / latest v = {_fmt(v)}（t = {t:.3f}）；"
        f"目标 / target = {_fmt(tv)}（T = {big_t:.3f}）；方向 / direction = {a.spec.direction}（{d:+d}）"
    ]
    if r.progress_share is not None:
        lines.append(
            f"进度占比 / progress share = {d:+d}·(v − v₀)/|目标 − v₀| = {d:+d}·({_fmt(v)} − {_fmt(v0)})/"
            f"|{_fmt(tv)} − {_fmt(v0)}| = {r.progress_share:.4f}"
        )
    if r.time_share is not None:
        lines.append(
            f"时间占比 / time share = (t − t₀)/(T − t₀) = ({t:.3f} − {t0:.3f})/({big_t:.3f} − {t0:.3f}) "
            f"= {r.time_share:.4f}"
        )
    if r.cagr_observed is not None:
        lines.append(
            f"CAGR_obs = (v/v₀)^(1/(t−t₀)) − 1 = ({_fmt(v)}/{_fmt(v0)})^(1/{t - t0:.3f}) − 1 = {r.cagr_observed:.4%}"
        )
    if r.cagr_required is not None:
        lines.append(
            f"CAGR_req = (目标/v₀)^(1/(T−t₀)) − 1 = ({_fmt(tv)}/{_fmt(v0)})^(1/{big_t - t0:.3f}) − 1 "
            f"= {r.cagr_required:.4%}"
        )
    codes = {n.code for n in r.reasons}
    if r.ratio is not None:
        if a.method == "linear":
            lines.append(
                f"比值 / ratio = 进度占比 ÷ 时间占比 = {r.progress_share:.4f} ÷ {r.time_share:.4f} = {r.ratio:.4f}"
            )
        elif a.method == "extrapolation":
            lines.append(
                f"外推 / projection v_T = {_fmt((r.projected_value or 0.0) * f)}；比值 / ratio = "
                f"{d:+d}·(v_T − v₀)/|目标 − v₀| = {r.ratio:.4f}"
            )
        elif codes & {"cumulative_rate_ratio", "cagr_undefined_linear"}:
            lines.append(
                f"R = {d:+d}·((v − v₀)/(t − t₀)) / |(目标 − v₀)/(T − t₀)| = {d:+d}·(({_fmt(v)} − {_fmt(v0)})/"
                f"{t - t0:.3f}) / |({_fmt(tv)} − {_fmt(v0)})/{big_t - t0:.3f}| = {r.ratio:.4f}"
            )
        else:
            lines.append(
                f"R = {d:+d}·CAGR_obs/|CAGR_req| = {d:+d}·{r.cagr_observed:.4%}/|{r.cagr_required:.4%}| = {r.ratio:.4f}"
            )
    return lines


def _threshold_lines(a: TargetAssessment, th: Thresholds) -> list[str]:
    if a.method == "extrapolation":
        e = th.extrapolation
        bands = [("on_track", e.on_track), ("acceleration_needed", e.partial), ("limited", e.limited)]
    else:
        b = th.opensdg if a.method == "opensdg" else th.linear
        bands = [("on_track", b.on_track), ("acceleration_needed", b.acceleration_needed), ("limited", b.limited)]
    lines = [f"{name}: 比值 ≥ {value:g} / ratio ≥ {value:g}" for name, value in bands]
    lines.append(f"deteriorating: 比值 < {bands[-1][1]:g} / ratio < {bands[-1][1]:g}")
    lines.append(
        f"achieved: 最新值满足 {a.target.comparator} 目标（“≈”容差 {th.comparison.approx_tolerance:.0%}）/ "
        f"latest value meets the target ({th.comparison.approx_tolerance:.0%} tolerance for ≈)"
    )
    if a.method == "opensdg":
        lines.append(f"insufficient_data: 基期与最新值相隔不足 {th.opensdg.min_years:g} 年 / fewer years apart")
    return lines


def explain_assessment(assessment: TargetAssessment, thresholds: Thresholds | None = None) -> Explanation:
    """Build the explanation of an assessment already made.

    >>> from seimon.store import open_store
    >>> from seimon.assess.report import assess_plan
    >>> with open_store("duckdb:///:memory:") as s:
    ...     a = assess_plan(s, as_of=dt.date(2019, 1, 1), target_ids=["pv_capacity"], use_indicators=False)[0]
    >>> explain_assessment(a).formulas
    ['数据不足，未计算 / insufficient data: nothing computed']
    """
    a = assessment
    th = thresholds or load_thresholds()
    cutoff = a.as_of
    factor = a.factor
    used_items = a.used_items()
    used_ids = {id(u) for u in used_items}
    kept_ids = {id(a.inputs.find(o)) for o in a.kept}
    forecast_ids = {id(a.inputs.find(o)) for o in a.forecast_series}
    exp = Explanation(a)
    for item in a.inputs.items:
        row = item.to_dict(factor, a.unit)
        if id(item) in used_ids:
            row["role"] = "基期或最新值 / baseline or latest" if a.spec.kind != "cumulative" else "累计 / summed"
            row["in_forecast"] = id(item) in forecast_ids
            exp.used.append(row)
        elif id(item) in kept_ids:
            row["role"] = "可用（中间值，用于预测）/ usable (intermediate, used in the forecast)"
            row["in_forecast"] = id(item) in forecast_ids
            exp.used.append(row)
        else:
            zh, en = _set_aside_reason(a, item, cutoff)
            row["reason"] = f"{zh} / {en}"
            exp.set_aside.append(row)
    exp.formulas = _formulas(a)
    exp.thresholds = _threshold_lines(a, th)
    if a.forecast is not None:
        for name, error in sorted(a.forecast.candidates.items(), key=lambda kv: kv[1]):
            exp.candidates.append(
                {
                    "method": name,
                    "backtest_error": error,
                    "metric": a.forecast.backtest_metric,
                    "chosen": name == a.forecast.method,
                }
            )
        if a.forecast.method == "seasonal_ratio":
            exp.candidates.append(
                {
                    "method": "seasonal_ratio",
                    "backtest_error": a.forecast.backtest_error,
                    "metric": "MAPE",
                    "chosen": True,
                }
            )
    return exp


def explain_target(
    store: Store,
    plan: Plan | None,
    target_id: str,
    *,
    as_of: dt.date,
    method: str = "opensdg",
    use_indicators: bool = True,
) -> Explanation:
    """Assess one target and explain it (see :func:`explain_assessment`).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     e = explain_target(s, None, "pv_capacity", as_of=dt.date(2019, 1, 1), use_indicators=False)
    >>> e.assessment.status, e.used, e.set_aside
    ('insufficient_data', [], [])
    """
    assessment = assess_plan(
        store, plan, as_of=as_of, method=method, target_ids=[target_id], use_indicators=use_indicators
    )[0]
    return explain_assessment(assessment)
