"""The assessment of plan targets as of a date: one :class:`TargetAssessment` per target, and its JSON.

This is where the pure methods (:func:`~seimon.assess.progress.assess_target`,
:func:`~seimon.assess.forecast.forecast_to`) meet the plan and the store: each target's observations are read
(:mod:`seimon.assess.inputs`), cut at the as-of date (later publications and later vintages ignored), assessed
with the chosen growth method and forecast to the deadline. The result keeps everything ``--explain`` and the
warnings need — the observations used and set aside, the baseline's provenance, the forecast candidates — and
reports values in the unit the plan writes (万千瓦, 亿元), while computing in the stored unit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import math
from dataclasses import dataclass, field, replace
from typing import Any

from seimon.assess.forecast import Forecast, forecast_to
from seimon.assess.inputs import SourcedObservation, TargetInputs, target_inputs
from seimon.assess.progress import (
    BASELINE_PLAN_VALUE,
    BASELINE_ZERO_CUMULATIVE,
    ProgressResult,
    assess_target,
    select_observations,
)
from seimon.assess.series import Observation, TargetSpec
from seimon.assess.status import STATUS_LABELS, Method, Note, Status, Thresholds, load_thresholds
from seimon.assess.targets import ValueSource, display_factor, target_spec
from seimon.errors import Location, SeimonError
from seimon.periods import T_EPS, month_end, year_end
from seimon.plan import Plan, Target, load_plan
from seimon.store import Store

logger = logging.getLogger(__name__)

METHODS: tuple[str, ...] = ("opensdg", "linear", "extrapolation")

#: Worst first: a move down this list is an improvement (status downgrades compare these ranks).
STATUS_ORDER: tuple[str, ...] = (
    "not_achieved",
    "deteriorating",
    "limited",
    "acceleration_needed",
    "on_track",
    "achieved",
)

RUNNING_TOTAL = Note(
    "running_total",
    "累计目标的观测值为规划期以来的累计数（存量），按自零起算的水平值评估",
    "the cumulative target is observed as a running total since the plan start: assessed as a level from zero",
)


def as_of_time(day: dt.date) -> float:
    """The as-of date on the assessment's fractional-year axis (a month's last day is exactly ``Y + m/12``).

    >>> as_of_time(dt.date(2018, 12, 31)), round(as_of_time(dt.date(2018, 6, 30)), 4)
    (2019.0, 2018.5)
    """
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return month_end(day.year, day.month)
    days = 366 if calendar.isleap(day.year) else 365
    return day.year + day.timetuple().tm_yday / days


def check_method(method: str) -> Method:
    """The method name, or a bilingual error listing the choices.

    >>> check_method("linear")
    'linear'
    """
    if method not in METHODS:
        raise SeimonError(
            f"未知的评估方法“{method}”（可选：{'、'.join(METHODS)}）",
            f"unknown method '{method}' (choose from {', '.join(METHODS)})",
            Location(field="--method"),
            code="bad_option",
        )
    return method  # type: ignore[return-value]


def _num(value: float | None, digits: int = 6) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, digits)


@dataclass
class TargetAssessment:
    """One target assessed as of a date with one method: the numbers, the status, the forecast and the reasons.

    Values (baseline, latest, target, forecast) are in the plan's unit as written (``unit``); shares and rates
    are plain fractions (``progress_share`` 0.5 = half the required change).
    """

    target: Target
    spec: TargetSpec
    as_of: dt.date
    method: Method
    result: ProgressResult
    inputs: TargetInputs
    kept: list[Observation]
    forecast: Forecast | None
    forecast_series: list[Observation] = field(default_factory=list)
    extra_reasons: list[Note] = field(default_factory=list)

    @property
    def relative(self) -> bool:
        """True for a relative target (比2015年下降18%): values are shown in the indicator's own unit."""
        return self.spec.relation is not None

    @property
    def factor(self) -> float:
        """Stored unit → written unit."""
        return display_factor(self.target) if self.target.unit != "%" and not self.relative else 1.0

    @property
    def unit(self) -> str:
        """The unit values are reported in: the plan's unit as written, or the indicator's for a relative target."""
        if self.relative and self.inputs.items:
            return self.inputs.items[0].unit
        return self.target.unit

    @property
    def status(self) -> Status:
        return self.result.status

    @property
    def status_label(self) -> tuple[str, str]:
        """(中文, English) label of the status."""
        return STATUS_LABELS[self.result.status]

    @property
    def _value_max_normalized(self) -> float | None:
        """The upper end of a range target (1至2家) in base units, as ``target_value`` is before scaling."""
        if self.target.value_max is None:
            return None
        return self.target.value_max / display_factor(self.target)

    def _scaled(self, value: float | None) -> float | None:
        return _num(value * self.factor if value is not None else None)

    @property
    def baseline_period(self) -> str | None:
        """The period the baseline comes from, e.g. ``2015``, or ``2016-10-31`` for an earliest observation."""
        r = self.result
        if r.baseline_t is None:
            return None
        if r.baseline_note in (BASELINE_PLAN_VALUE, BASELINE_ZERO_CUMULATIVE, RUNNING_TOTAL):
            return str(math.floor(r.baseline_t - T_EPS))
        near = [o for o in self.kept if abs(o.t - r.baseline_t) <= T_EPS]
        exact = [o for o in near if o.value == r.baseline_value] or near
        return exact[0].period_code if exact else None

    @property
    def reasons(self) -> list[Note]:
        """All reasons, the baseline's nature first (an earliest observation standing in for the base year)."""
        first = [self.result.baseline_note] if self.result.baseline_note is not None else []
        return [*first, *self.extra_reasons, *self.inputs.notes, *self.result.reasons]

    def used_items(self) -> list[SourcedObservation]:
        """The sourced observations behind the baseline and the latest value (all flows of a cumulative sum)."""
        r = self.result
        wanted: list[Observation] = []
        if self.spec.kind == "cumulative" and r.latest_t is not None:
            wanted = [o for o in self.kept if self.spec.start + T_EPS < o.t <= r.latest_t + T_EPS]
        else:
            for t, v in ((r.baseline_t, r.baseline_value), (r.latest_t, r.latest_value)):
                if t is None:
                    continue
                match = [o for o in self.kept if abs(o.t - t) <= T_EPS and o.value == v]
                wanted.extend(match[:1])
        found = [self.inputs.find(o) for o in wanted]
        return [f for f in found if f is not None]

    def forecast_dict(self) -> dict[str, Any] | None:
        """The forecast block of the JSON, or None when no forecast was attempted."""
        f = self.forecast
        if f is None:
            return None
        return {
            "status": f.status,
            "value": self._scaled(f.value),
            "lower": self._scaled(f.lower),
            "upper": self._scaled(f.upper),
            "level": f.level,
            "method": f.method,
            "backtest_error": _num(f.backtest_error),
            "backtest_metric": f.backtest_metric,
            "n_points": f.n_points,
            "candidates": {k: _num(v) for k, v in f.candidates.items()},
            "reasons": [str(n) for n in f.reasons],
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``seimon assess --json``.

        Keys: target_id, status, method, baseline_value, baseline_period, latest_value, latest_period,
        target_value (and target_value_max for a range), semantics (stock, flow, annual_flow, rate, range),
        counted_from (the year a flow is counted after), deadline, progress_share, time_share, cagr_observed,
        cagr_required, ratio, forecast,
        probability_meet, reasons — plus name, unit, status labels, reason codes and the value source.
        """
        r = self.result
        zh, en = self.status_label
        return {
            "target_id": self.target.id,
            "name_zh": self.target.name_zh,
            "name_en": self.target.name_en,
            "kind": self.target.kind,
            "unit": self.unit,
            "as_of": self.as_of.isoformat(),
            "status": r.status,
            "status_zh": zh,
            "status_en": en,
            "method": self.method,
            "baseline_value": self._scaled(r.baseline_value),
            "baseline_period": self.baseline_period,
            "baseline_kind": r.baseline_note.code if r.baseline_note else None,
            "latest_value": self._scaled(r.latest_value),
            "latest_period": r.latest_period,
            "target_value": self._scaled(r.target_value),
            "target_value_max": self._scaled(self._value_max_normalized),
            "semantics": self.target.semantics,
            "counted_from": self.target.counted_from,
            "comparator": self.target.comparator,
            "deadline": self.target.deadline,
            "progress_share": _num(r.progress_share),
            "time_share": _num(r.time_share),
            "cagr_observed": _num(r.cagr_observed),
            "cagr_required": _num(r.cagr_required),
            "ratio": _num(r.ratio),
            "projected_value": self._scaled(r.projected_value),
            "final": r.final,
            "gap": self._scaled(r.gap),
            "forecast": self.forecast_dict(),
            "probability_meet": _num(self.forecast.probability_meet) if self.forecast else None,
            "source": self.inputs.source.kind,
            "reasons": [str(n) for n in self.reasons],
            "reason_codes": [n.code for n in self.reasons],
        }


def _cumulative_sums(spec: TargetSpec, kept: list[Observation]) -> list[Observation]:
    """Running sums of full-year flows at each year end, from zero at the plan start, while no year is missing."""
    flows = sorted((o for o in kept if o.full_year and o.t > spec.start + T_EPS), key=lambda o: o.t)
    series = [Observation(spec.start, 0.0, f"{round(spec.start) - 1}", "stock", "year")]
    total = 0.0
    for o in flows:
        if abs(o.t - (series[-1].t + 1.0)) > T_EPS:
            break
        total += o.value
        series.append(replace(o, value=total, measure="stock"))
    return series


def _forecast_series(spec: TargetSpec, kept: list[Observation]) -> list[Observation]:
    if spec.kind == "cumulative":
        return _cumulative_sums(spec, kept)
    if spec.kind == "share":
        return [o for o in kept if o.full_year]
    return kept


def added_since(observations: list[Observation], counted_from: int, as_of: dt.date) -> tuple[list[Observation], Note]:
    """A flow target observed as a stock ("新建500家院士工作站", counted as 118 → 640): what was added since the end
    of ``counted_from``, each later stock minus the stock then, so that it is compared with the 500 new ones.

    >>> obs = [Observation(2016.0, 118.0, "2015", "stock", "year"), Observation(2019.0, 420.0, "2018", "stock",
    ...        "year")]
    >>> added, note = added_since(obs, 2015, dt.date(2019, 6, 30))
    >>> [(o.period_code, o.value) for o in added], note.code
    ([('2018', 302.0)], 'flow_from_stock')
    """
    t0 = year_end(counted_from)
    known = [o for o in observations if o.measure == "stock" and (o.as_published is None or o.as_published <= as_of)]
    at_base = [o for o in known if abs(o.t - t0) <= T_EPS]
    if not at_base:
        return [], Note(
            "flow_needs_base_stock",
            f"期间新增目标按存量之差计算，但缺少{counted_from}年末的存量",
            f"a target of additions is measured as a difference of stocks, but the stock at the end of "
            f"{counted_from} is missing",
        )
    base = max(at_base, key=lambda o: (0 if o.proxy else 1, o.as_published or dt.date.min))
    added = [replace(o, value=o.value - base.value) for o in observations if o.measure == "stock" and o.t > t0 + T_EPS]
    return added, Note(
        "flow_from_stock",
        f"期间新增目标：各期存量减去{counted_from}年末存量 {base.value:g}，与新增目标比较",
        f"a target of additions: each stock minus the stock of {base.value:g} at the end of {counted_from} is"
        " compared with it",
    )


def _range_notes(result: ProgressResult, low: float, high: float) -> list[Note]:
    """A range target ("1至2家") is reached at its lower end; a value above the range is said, not penalised."""
    notes = [Note("range_target", f"区间目标 {low:g}–{high:g}，达到下限即为实现", f"a range {low:g}–{high:g}: met from "
                  "its lower end")]  # fmt: skip
    if result.latest_value is not None and result.latest_value > high:
        notes.append(
            Note(
                "above_range",
                f"最新值 {result.latest_value:g} 高于区间上限 {high:g}",
                f"the latest value {result.latest_value:g} is above the range's upper end {high:g}",
            )
        )
    return notes


def assess_one(
    store: Store,
    plan: Plan,
    target: Target,
    *,
    as_of: dt.date,
    method: Method = "opensdg",
    registry: object | None = None,
    thresholds: Thresholds | None = None,
    inputs: TargetInputs | None = None,
) -> TargetAssessment:
    """Assess one plan target as of ``as_of``: status, shares, rates, and the forecast to its deadline.

    >>> from seimon.store import open_store
    >>> plan = load_plan()
    >>> with open_store("duckdb:///:memory:") as s:
    ...     a = assess_one(s, plan, plan.targets[7], as_of=dt.date(2019, 1, 1))
    >>> a.status, a.to_dict()["reason_codes"][-1]
    ('insufficient_data', 'no_observation')
    """
    th = thresholds or load_thresholds()
    ins = inputs or target_inputs(store, plan, target, as_of=as_of, registry=registry)
    spec = target_spec(target, plan)
    extra: list[Note] = []
    observations = ins.observations
    if spec.kind == "cumulative":
        flows = [o for o in observations if o.measure == "flow"]
        stocks = [o for o in observations if o.measure == "stock"]
        if stocks and not flows:
            spec = replace(spec, kind="level", base_value=0.0)
            extra.append(RUNNING_TOTAL)
    if target.semantics == "flow" and spec.kind in ("level", "count") and target.counted_from is not None:
        observations, note = added_since(observations, target.counted_from, as_of)
        spec = replace(spec, kind="level", base_value=0.0, relation=None, base_year=None)
        extra.append(note)
    t = as_of_time(as_of)
    result = assess_target(spec, observations, t, method, as_of_date=as_of, thresholds=th)
    if target.semantics == "range" and target.value_max is not None:
        factor = display_factor(target)
        extra.extend(_range_notes(result, target.value / factor, target.value_max / factor))
    if result.baseline_note is BASELINE_PLAN_VALUE and RUNNING_TOTAL in extra:
        result.baseline_note = BASELINE_ZERO_CUMULATIVE
    kept, _ = select_observations(spec, observations, t, as_of_date=as_of)
    series = _forecast_series(spec, kept)
    forecast = None
    if result.target_value is not None:
        forecast = forecast_to(
            series,
            spec.deadline_t,
            result.target_value,
            comparator=spec.comparator,
            direction=spec.direction,
            thresholds=th,
        )
    reconcile_with_forecast(result, forecast)
    return TargetAssessment(target, spec, as_of, method, result, ins, kept, forecast, series, extra)


PROBABILITY_ON_TRACK = 0.5
"""``on_track`` needs a forecast probability of meeting the target of at least this, where a forecast exists."""


def reconcile_with_forecast(result: ProgressResult, forecast: Forecast | None) -> None:
    """Make the status agree with its own forecast (docs/assessment.md, "One coherent judgement").

    The progress methods look back (the pace so far); the forecast looks ahead. A target whose forecast gives it
    less than an even chance (:data:`PROBABILITY_ON_TRACK`) is not called on track: it becomes
    ``acceleration_needed``, saying why. A behind-schedule status with a good forecast stays, and says that the
    forecast is kinder. A verdict after the deadline is final and left alone.

    >>> from seimon.assess.forecast import Forecast
    >>> r = ProgressResult("opensdg", "on_track")
    >>> reconcile_with_forecast(r, Forecast("ok", 2021.0, probability_meet=0.0004))
    >>> r.status, r.reasons[-1].code
    ('acceleration_needed', 'forecast_disagrees')
    """
    p = forecast.probability_meet if forecast is not None and forecast.status == "ok" else None
    if p is None or result.final or result.status in ("achieved", "insufficient_data"):
        return
    if result.status == "on_track" and p < PROBABILITY_ON_TRACK:
        result.status = "acceleration_needed"
        result.reasons.append(
            Note(
                "forecast_disagrees",
                f"按进度方法为“按计划推进”，但预测达标概率仅 {p:.1%}"
                f"（低于 {PROBABILITY_ON_TRACK:.0%}）：改判为需加快推进",
                f"the method's pace says on track, but the forecast gives only a {p:.1%} chance of meeting the"
                f" target (below {PROBABILITY_ON_TRACK:.0%}): acceleration needed",
            )
        )
    elif result.status != "on_track" and p >= PROBABILITY_ON_TRACK:
        result.reasons.append(
            Note(
                "forecast_kinder",
                f"预测达标概率为 {p:.1%}，但迄今进度落后于时间要求，故维持该状态",
                f"the forecast gives a {p:.1%} chance of meeting the target, but progress so far lags the"
                " time elapsed, so the status stands",
            )
        )


def assess_plan(
    store: Store,
    plan: Plan | None = None,
    *,
    as_of: dt.date | None = None,
    method: str = "opensdg",
    target_ids: list[str] | None = None,
    registry: object | None = None,
    use_indicators: bool = True,
    thresholds: Thresholds | None = None,
) -> list[TargetAssessment]:
    """Assess every target of the plan (or ``target_ids``) as of a date, in plan order.

    ``registry`` is the indicator system used for targets measured by computed indicators; by default it is
    loaded when ``use_indicators`` (and the package is importable), else every value comes from observations.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     results = assess_plan(s, as_of=dt.date(2019, 1, 1), use_indicators=False)
    >>> len(results) >= 35, {a.status for a in results}
    (True, {'insufficient_data'})
    """
    plan = plan or load_plan()
    chosen = check_method(method)
    day = as_of or dt.date.today()
    targets = plan.targets
    if target_ids:
        known = {t.id: t for t in plan.targets}
        unknown = [i for i in target_ids if i not in known]
        if unknown:
            raise SeimonError(
                f"规划中没有目标：{'、'.join(unknown)}",
                f"no such target in the plan: {', '.join(unknown)}",
                Location(field="--target"),
                code="unknown_target",
            )
        targets = [known[i] for i in target_ids]
    if registry is None and use_indicators:
        registry = _default_registry()
    th = thresholds or load_thresholds()
    return [assess_one(store, plan, t, as_of=day, method=chosen, registry=registry, thresholds=th) for t in targets]


def status_counts_by_method(
    store: Store, plan: Plan, found: list[TargetAssessment], thresholds: Thresholds | None = None
) -> dict[str, dict[str, int]]:
    """How many targets stand at each status under every method, from the inputs already read for ``found``.

    The methods read the same figures differently (Open SDG compares growth rates, the linear method shares of
    the way and of the time, extrapolation projects the trend): a report names its method and shows the others'
    counts, so that a reader sees how much the picture depends on that choice.
    """
    th = thresholds or load_thresholds()
    counts: dict[str, dict[str, int]] = {}
    for method in METHODS:
        tally: dict[str, int] = {}
        for a in found:
            again = (
                a
                if a.method == method
                else assess_one(store, plan, a.target, as_of=a.as_of, method=method, thresholds=th, inputs=a.inputs)
            )
            tally[again.status] = tally.get(again.status, 0) + 1
        counts[method] = tally
    return counts


def evaluation_form(plan: Plan, as_of: dt.date) -> str:
    """``"final"`` (总结评估) once the plan period has ended at ``as_of``, else ``"midterm"`` (中期评估).

    >>> p = load_plan()
    >>> evaluation_form(p, dt.date(2018, 12, 31)), evaluation_form(p, dt.date(2020, 12, 31))
    ('midterm', 'final')
    """
    return "final" if as_of >= dt.date(plan.metadata.period_end, 12, 31) else "midterm"


def _default_registry() -> object | None:
    try:
        from seimon.indicators import load_registry

        return load_registry()
    except (ImportError, SeimonError) as err:
        logger.warning("indicator system unavailable, observations only: %s", err)
        return None


def source_of(assessment: TargetAssessment) -> ValueSource:
    """Where the assessed values came from (indicator system or observations)."""
    return assessment.inputs.source


def status_rank(status: str) -> int | None:
    """Position of a status from worst (0) to best; None for ``insufficient_data`` (no verdict to compare).

    >>> status_rank("deteriorating"), status_rank("achieved"), status_rank("insufficient_data")
    (1, 5, None)
    """
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else None
