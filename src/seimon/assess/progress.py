"""Progress of a target as of a date: the Open SDG CAGR ratio, the linear share of time, and extrapolation.

Three published methods, selectable and always reported by name, so that a provincial appraisal can say which
rule produced a verdict:

* ``opensdg`` — Open SDG (sdg-build ``ProgressMeasure.py``, methodology 2): CAGR_obs = (v_t/v_0)^(1/(t−t_0)) − 1,
  CAGR_req = (target/v_0)^(1/(T−t_0)) − 1, R = sign · direction · CAGR_obs / |CAGR_req| (``sign`` = −1 when the
  base value is negative, as in the reference); "achieved" when the latest value meets the target, before any
  ratio; no verdict with less than ``min_years`` (1) between baseline and latest value.
* ``linear`` — 时间过半、任务过半: progress share (the share of the required change achieved) over time share
  (the share of the period elapsed).
* ``extrapolation`` — UN progress chart: project v_T = v_t·(1+CAGR_obs)^(T−t) and score the share of the
  required change achieved by T.

Where we knowingly differ from the reference implementation, and why:

* direction is required (the reference silently defaults to "lower is better");
* a zero value or a change of sign makes the CAGR undefined. The reference replaces a zero base or target by
  0.001 (a unit-dependent constant: 0.001 万千瓦 and 0.001 千瓦 give different verdicts) and gives no verdict
  on a change of sign. We use the *linear rate ratio* — observed change per year over required change per year,
  R = direction·((v_t−v_0)/(t−t_0)) / |(target−v_0)/(T−t_0)| — and say so in the reasons; the thresholds file can
  switch this to ``insufficient_data`` instead (``opensdg.undefined_cagr``);
* a target equal to the baseline has CAGR_req = 0 and the reference divides by zero: we report no ratio and the
  status implied by the direction of the move (any move away from the target in the wrong direction is
  ``deteriorating``; no change is ``limited``).

:func:`assess_target` turns a :class:`~seimon.assess.series.TargetSpec` and raw observations into the inputs of
these methods: vintage and as-of selection, baseline choice, stocks vs flows vs cumulative sums, partial years
and proxies — every observation set aside is set aside with a reason.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from seimon.assess.series import Comparator, Direction, Observation, TargetSpec
from seimon.assess.status import Method, Note, Status, Thresholds, load_thresholds, meets, status_from_ratio
from seimon.periods import T_EPS, time_to_date, year_end

logger = logging.getLogger(__name__)

Growth = Literal["cagr", "linear"]

BASELINE_BASE_YEAR = Note("baseline_base_year", "基年值", "base year value")
BASELINE_PLAN_VALUE = Note("baseline_plan_value", "规划给出的基年值", "base year value stated in the plan")
BASELINE_EARLIEST = Note("baseline_earliest", "最早观测值（缺基年值）", "earliest observation, base year missing")
BASELINE_ZERO_CUMULATIVE = Note(
    "baseline_cumulative_zero", "累计目标自规划期初从零起算", "cumulative target counted from zero at the plan start"
)


@dataclass
class ProgressResult:
    """The outcome of one progress method for one target, with everything needed to explain it.

    ``progress_share`` is the share of the required change achieved (signed by the target direction: negative
    means movement away from the target), ``time_share`` the share of the period from baseline to deadline
    elapsed at the latest value. ``ratio`` is the method's scored number (R, progress/time, or the projected
    share). Unavailable quantities are ``None``, never a guess.
    """

    method: Method
    status: Status
    baseline_value: float | None = None
    baseline_t: float | None = None
    baseline_note: Note | None = None
    latest_value: float | None = None
    latest_t: float | None = None
    target_value: float | None = None
    deadline_t: float | None = None
    progress_share: float | None = None
    time_share: float | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    ratio: float | None = None
    projected_value: float | None = None
    target_id: str | None = None
    latest_period: str | None = None
    reasons: list[Note] = field(default_factory=list)
    final: bool = False
    """True once the deadline's figure is known: the status is the verdict, ``achieved`` or ``not_achieved``."""
    gap: float | None = None
    """How far the latest value is from the target, in the target's direction (positive = short of it)."""

    @property
    def reason_codes(self) -> list[str]:
        """The codes of the reasons, for reports and tests that key on them."""
        return [r.code for r in self.reasons]


# --------------------------------------------------------------------------------------------------- formulas


def cagr(value: float, base: float, t: float, t0: float) -> float | None:
    """Compound annual growth rate between two points, or ``None`` where it is undefined.

    Undefined when no time has passed or the ratio ``value/base`` is not positive (a zero or a change of sign);
    two negative values give the growth of their ratio, as in the Open SDG reference.

    >>> round(cagr(121.0, 100.0, 2018.0, 2016.0), 6)
    0.1
    >>> cagr(5.0, 0.0, 2018.0, 2016.0) is None, cagr(-5.0, 10.0, 2018.0, 2016.0) is None
    (True, True)
    >>> cagr(1.0, 1e-237, 2016.1, 2016.0) is None  # beyond any float: undefined, not an overflow
    True
    """
    if t - t0 <= 0 or base == 0:
        return None
    ratio = value / base
    if not 0 < ratio < math.inf:
        return None
    try:
        return ratio ** (1.0 / (t - t0)) - 1.0
    except OverflowError:
        return None


def resolve_target_value(spec: TargetSpec, base_value: float | None) -> float | None:
    """The absolute target value: the stated value, or the relative target applied to the base-year value.

    Relative targets need the base-year value itself: an earliest observation from a later year would change
    what 翻一番 means, so without a base value the result is ``None``.

    >>> spec = TargetSpec(id="x", value=2, comparator="≥", direction="higher", kind="level", start=2016.0,
    ...                   deadline_t=2021.0, relation="multiply")
    >>> resolve_target_value(spec, 150.0)
    300.0
    >>> down = TargetSpec(id="e", value=18, comparator="≤", direction="lower", kind="level", start=2016.0,
    ...                   deadline_t=2021.0, relation="decrease_by")
    >>> round(resolve_target_value(down, 1.0), 4)
    0.82
    """
    if spec.relation is None:
        return spec.value
    if base_value is None:
        return None
    if spec.relation == "multiply":
        return base_value * spec.value
    if spec.relation == "decrease_by":
        return base_value * (1.0 - spec.value / 100.0)
    if spec.relation == "increase_by":
        return base_value * (1.0 + spec.value / 100.0)
    return base_value * (1.0 + spec.value / 100.0) ** (spec.deadline_t - spec.start)


def _dir(direction: Direction) -> int:
    return 1 if direction == "higher" else -1


@dataclass(frozen=True)
class ProgressCase:
    """What the three methods assess: a baseline and a latest value against a target at a deadline.

    Built once by the caller (or from keywords by :func:`opensdg_progress` and its siblings) and passed whole,
    so the methods share one set of inputs instead of fourteen keywords each.

    >>> case = ProgressCase(baseline_value=0, baseline_t=2016.0, latest_value=15, latest_t=2018.5,
    ...                     target_value=30, deadline_t=2021.0, direction="higher")
    >>> linear(case).ratio
    1.0
    """

    baseline_value: float
    baseline_t: float
    latest_value: float
    latest_t: float
    target_value: float
    deadline_t: float
    direction: Direction
    comparator: Comparator = "="
    thresholds: Thresholds | None = None
    baseline_note: Note | None = None
    reasons: Iterable[Note] | None = None
    target_id: str | None = None
    latest_period: str | None = None

    def __post_init__(self) -> None:
        if self.direction not in ("higher", "lower"):
            msg = f"direction must be 'higher' or 'lower', got {self.direction!r} (no default: 方向必须明确)"
            raise ValueError(msg)
        object.__setattr__(self, "reasons", tuple(self.reasons or ()))

    @property
    def th(self) -> Thresholds:
        """The thresholds in force: the given ones, else the packaged file."""
        return self.thresholds or load_thresholds()


def _shares(case: ProgressCase) -> tuple[float | None, float | None]:
    """(progress share, time share), the progress share signed by the target direction."""
    required = abs(case.target_value - case.baseline_value)
    progress = _dir(case.direction) * (case.latest_value - case.baseline_value) / required if required > 0 else None
    span = case.deadline_t - case.baseline_t
    time_share = (case.latest_t - case.baseline_t) / span if span > 0 else None
    return progress, time_share


def _start(method: Method, case: ProgressCase) -> ProgressResult:
    progress, time_share = _shares(case)
    return ProgressResult(
        method=method,
        status="insufficient_data",
        baseline_value=case.baseline_value,
        baseline_t=case.baseline_t,
        baseline_note=case.baseline_note,
        latest_value=case.latest_value,
        latest_t=case.latest_t,
        target_value=case.target_value,
        deadline_t=case.deadline_t,
        progress_share=progress,
        time_share=time_share,
        cagr_observed=cagr(case.latest_value, case.baseline_value, case.latest_t, case.baseline_t),
        cagr_required=cagr(case.target_value, case.baseline_value, case.deadline_t, case.baseline_t),
        target_id=case.target_id,
        latest_period=case.latest_period,
        reasons=list(case.reasons or ()),
    )


def _achieved_or_unusable(result: ProgressResult, case: ProgressCase, min_years: float) -> bool:
    """Settle "achieved" and "insufficient_data" before any ratio; True when the result is final."""
    if meets(case.latest_value, case.target_value, case.comparator, case.direction, case.th):
        result.status = "achieved"
        result.reasons.append(
            Note(
                "target_met",
                f"最新值 {case.latest_value:g} 已达到目标 {case.target_value:g}",
                f"latest value {case.latest_value:g} meets the target {case.target_value:g}",
            )
        )
        return True
    if case.latest_t - case.baseline_t <= T_EPS:
        result.reasons.append(
            Note(
                "no_later_value", "基期之后没有观测值，只有基期值", "no observation after the baseline, only a baseline"
            )
        )
        return True
    if (years := case.latest_t - case.baseline_t) < min_years - T_EPS:
        result.reasons.append(
            Note(
                "too_short",
                f"基期与最新值相隔 {years:.2f} 年，不足 {min_years:g} 年",
                f"{years:.2f} years between baseline and latest value, fewer than {min_years:g}",
            )
        )
        return True
    return False


def _target_equals_baseline(result: ProgressResult, case: ProgressCase) -> ProgressResult:
    """No required change: the ratio is undefined; the direction of the move decides."""
    move = _dir(case.direction) * (case.latest_value - case.baseline_value)
    result.status = "deteriorating" if move < 0 else "limited"
    result.ratio = None
    result.reasons.append(
        Note(
            "target_equals_baseline",
            "目标等于基期值，所需增速为零，比值无定义；按变动方向判断",
            "target equals the baseline: required growth is zero and the ratio undefined; judged by the direction "
            "of the move",
        )
    )
    return result


def _linear_rate_ratio(case: ProgressCase) -> float:
    observed = (case.latest_value - case.baseline_value) / (case.latest_t - case.baseline_t)
    required = abs(case.target_value - case.baseline_value) / (case.deadline_t - case.baseline_t)
    return _dir(case.direction) * observed / required


def _wrong_side_note(case: ProgressCase) -> Note | None:
    if _dir(case.direction) * (case.target_value - case.baseline_value) < 0:
        return Note(
            "target_behind_baseline",
            "目标位于基期值相对于目标方向的另一侧（基期已优于目标）",
            "the target lies behind the baseline in the stated direction (the baseline was already better)",
        )
    return None


def opensdg_progress(**inputs: Any) -> ProgressResult:
    """Open SDG progress: the ratio of observed to required CAGR, scored with the configured bands.

    ``inputs`` are the fields of :class:`ProgressCase`.

    Only the baseline and the latest value enter (two points are enough; values in between are ignored, as in
    the reference). See the module docstring for the edge cases.

    >>> r = opensdg_progress(baseline_value=100, baseline_t=2016.0, latest_value=121, latest_t=2018.0,
    ...                      target_value=200, deadline_t=2021.0, direction="higher")
    >>> round(r.cagr_observed, 4), round(r.cagr_required, 4), round(r.ratio, 3), r.status
    (0.1, 0.1487, 0.673, 'acceleration_needed')
    """
    return opensdg(ProgressCase(**inputs))


def opensdg(case: ProgressCase) -> ProgressResult:
    """Open SDG progress of a case (:func:`opensdg_progress`)."""
    result = _start("opensdg", case)
    cfg = case.th.opensdg
    if _achieved_or_unusable(result, case, cfg.min_years):
        return result
    if (note := _wrong_side_note(case)) is not None:
        result.reasons.append(note)
    if case.target_value == case.baseline_value:
        return _target_equals_baseline(result, case)
    all_positive = case.baseline_value > 0 and case.latest_value > 0 and case.target_value > 0
    all_negative = case.baseline_value < 0 and case.latest_value < 0 and case.target_value < 0
    defined = result.cagr_observed is not None and result.cagr_required is not None  # beyond floats: undefined
    if (all_positive or all_negative) and defined:
        assert result.cagr_observed is not None and result.cagr_required is not None
        sign = -1 if case.baseline_value < 0 else 1
        result.ratio = sign * _dir(case.direction) * result.cagr_observed / abs(result.cagr_required)
        if all_negative:
            result.reasons.append(
                Note(
                    "negative_values",
                    "数值为负：按 Open SDG 做法对增长率取符号修正",
                    "negative values: CAGR sign-corrected as in Open SDG",
                )
            )
    elif cfg.undefined_cagr == "linear":
        result.ratio = _linear_rate_ratio(case)
        result.reasons.append(
            Note(
                "cagr_undefined_linear",
                "存在零值或正负变号，年均增速无定义：改用线性速度比（实际年均变化量÷所需年均变化量）；"
                "参考实现以0.001替代零值，结果依赖计量单位，故不采用",
                "a zero value or a change of sign leaves the CAGR undefined: the linear rate ratio (observed change "
                "per year ÷ required change per year) is used; the reference code's 0.001 substitute for zero "
                "depends on the unit and is not used",
            )
        )
    else:
        result.reasons.append(
            Note(
                "cagr_undefined",
                "存在零值或正负变号，年均增速无定义，不作判断",
                "a zero value or a change of sign leaves the CAGR undefined: no verdict",
            )
        )
        return result
    result.status = status_from_ratio(result.ratio, "opensdg", case.th)
    return result


def linear_progress(**inputs: Any) -> ProgressResult:
    """时间过半、任务过半: the share of the required change achieved over the share of the period elapsed.

    ``inputs`` are the fields of :class:`ProgressCase`.

    Works with zero and negative values alike (no logarithms) and with any gap after the baseline.

    >>> r = linear_progress(baseline_value=0, baseline_t=2016.0, latest_value=15, latest_t=2018.5,
    ...                     target_value=30, deadline_t=2021.0, direction="higher")
    >>> r.progress_share, r.time_share, r.ratio, r.status
    (0.5, 0.5, 1.0, 'on_track')
    """
    return linear(ProgressCase(**inputs))


def linear(case: ProgressCase) -> ProgressResult:
    """Linear progress of a case (:func:`linear_progress`)."""
    result = _start("linear", case)
    if _achieved_or_unusable(result, case, 0.0):
        return result
    if (note := _wrong_side_note(case)) is not None:
        result.reasons.append(note)
    if case.target_value == case.baseline_value:
        return _target_equals_baseline(result, case)
    assert result.progress_share is not None and result.time_share is not None
    result.ratio = result.progress_share / result.time_share
    result.status = status_from_ratio(result.ratio, "linear", case.th)
    return result


def _compound(value: float, rate: float, years: float) -> float | None:
    """``value`` grown at ``rate`` a year for ``years``; None where that leaves the floats (an exploding trend).

    >>> _compound(100.0, 0.1, 2.0), _compound(1.0, 1e6, 400.0)
    (121.00000000000001, None)
    """
    try:
        grown = value * (1.0 + rate) ** years
    except OverflowError:
        return None
    return grown if math.isfinite(grown) else None


def extrapolation_progress(**inputs: Any) -> ProgressResult:
    """UN progress-chart extrapolation: project to the deadline, score the share of the required change reached.

    ``inputs`` are the fields of :class:`ProgressCase` and ``growth``/``projected_value``.

    ``growth="cagr"`` projects v_T = v_t·(1+CAGR_obs)^(T−t); where the CAGR is undefined (zero, change of sign)
    or ``growth="linear"``, v_T = v_t + (v_t−v_0)/(t−t_0)·(T−t), stated in the reasons. A caller that projects
    otherwise (a cumulative sum plus the mean annual flow) passes ``projected_value``.

    >>> r = extrapolation_progress(baseline_value=100, baseline_t=2016.0, latest_value=121, latest_t=2018.0,
    ...                            target_value=200, deadline_t=2021.0, direction="higher")
    >>> round(r.projected_value, 2), round(r.ratio, 3), r.status
    (161.05, 0.611, 'acceleration_needed')
    """
    growth = inputs.pop("growth", "cagr")
    projected_value = inputs.pop("projected_value", None)
    return extrapolation(ProgressCase(**inputs), growth, projected_value)


def extrapolation(case: ProgressCase, growth: Growth = "cagr", projected_value: float | None = None) -> ProgressResult:
    """Extrapolated progress of a case (:func:`extrapolation_progress`)."""
    result = _start("extrapolation", case)
    remaining = max(case.deadline_t - case.latest_t, 0.0)
    if projected_value is None and case.latest_t > case.baseline_t:
        rate = result.cagr_observed
        if growth == "cagr" and rate is not None:
            projected_value = _compound(case.latest_value, rate, remaining)
        if projected_value is None:
            if growth == "cagr":
                result.reasons.append(
                    Note(
                        "cagr_undefined_linear",
                        "存在零值或正负变号，年均增速无定义：改为线性外推",
                        "a zero value or a change of sign leaves the CAGR undefined: projected linearly",
                    )
                )
            projected_value = (
                case.latest_value
                + (case.latest_value - case.baseline_value) / (case.latest_t - case.baseline_t) * remaining
            )
    result.projected_value = projected_value
    if _achieved_or_unusable(result, case, case.th.opensdg.min_years if growth == "cagr" else 0.0):
        return result
    if (note := _wrong_side_note(case)) is not None:
        result.reasons.append(note)
    if case.target_value == case.baseline_value:
        return _target_equals_baseline(result, case)
    assert projected_value is not None
    result.ratio = (
        _dir(case.direction) * (projected_value - case.baseline_value) / abs(case.target_value - case.baseline_value)
    )
    result.status = status_from_ratio(result.ratio, "extrapolation", case.th)
    return result


_METHODS: dict[str, Callable[[ProgressCase], ProgressResult]] = {
    "opensdg": opensdg,
    "linear": linear,
    "extrapolation": extrapolation,
}


# --------------------------------------------------------------------------------------------- observation choice


_KIND_MEASURE = {"level": "stock", "count": "stock", "share": "share", "annual_flow": "flow", "cumulative": "flow"}
_MEASURE_ZH = {"stock": "存量", "flow": "流量", "share": "比重"}


def _codes(observations: Iterable[Observation]) -> str:
    return "、".join(sorted({o.period_code for o in observations}))


def _vintage_key(o: Observation) -> tuple[int, date]:
    """Order of preference within one period: non-proxy first, then the latest publication."""
    return (0 if o.proxy else 1, o.as_published or date.min)


def select_observations(
    spec: TargetSpec,
    observations: Iterable[Observation],
    as_of_t: float,
    *,
    as_of_date: date | None = None,
    use_proxies: bool = True,
) -> tuple[list[Observation], list[Note]]:
    """The observations an assessment as of ``as_of_t`` may use, and a reason for each group set aside.

    Kept: measured in the target's measure (stock for level/count, share for share, flow for flows), period end
    on or before ``as_of_t`` and the deadline, published on or before the as-of date (``as_of_date`` or the date
    of ``as_of_t``), one per ``period_code`` — the non-proxy value before a proxy, then the latest vintage.

    >>> spec = TargetSpec(id="pv", value=1500, comparator="≥", direction="higher", kind="level", start=2016.0,
    ...                   deadline_t=2021.0)
    >>> obs = [Observation(2017.0, 400, "2016", "stock", "year", as_published=date(2017, 2, 28)),
    ...        Observation(2018.0, 700, "2017", "stock", "year", as_published=date(2018, 2, 28))]
    >>> kept, notes = select_observations(spec, obs, 2018.0)
    >>> [o.period_code for o in kept], [n.code for n in notes]
    (['2016'], ['published_after_as_of'])
    """
    cutoff = as_of_date or time_to_date(as_of_t)
    wanted = _KIND_MEASURE[spec.kind]
    notes: list[Note] = []
    aside: dict[str, list[Observation]] = {}
    candidates: list[Observation] = []
    for o in observations:
        if o.measure != wanted:
            aside.setdefault("measure", []).append(o)
        elif o.t > as_of_t + T_EPS:
            aside.setdefault("after_as_of", []).append(o)
        elif o.as_published is not None and o.as_published > cutoff:
            aside.setdefault("published_after_as_of", []).append(o)
        elif o.t > spec.deadline_t + T_EPS:
            aside.setdefault("after_deadline", []).append(o)
        elif o.proxy and not use_proxies:
            aside.setdefault("proxy_excluded", []).append(o)
        else:
            candidates.append(o)
    best: dict[str, Observation] = {}
    for o in candidates:
        if o.period_code not in best or _vintage_key(o) >= _vintage_key(best[o.period_code]):
            if o.period_code in best:
                aside.setdefault("older_vintage", []).append(best[o.period_code])
            best[o.period_code] = o
        else:
            aside.setdefault("older_vintage", []).append(o)
    texts = {
        "measure": (
            f"口径不符（目标按{_MEASURE_ZH[wanted]}衡量，流量与存量不可比）",
            f"wrong measure (the target is a {wanted}; flows and stocks are never compared)",
        ),
        "after_as_of": ("所属期晚于评估时点", "period ends after the as-of time"),
        "published_after_as_of": (f"发布日期晚于评估日 {cutoff}", f"published after the as-of date {cutoff}"),
        "after_deadline": ("所属期晚于目标期限", "period ends after the deadline"),
        "proxy_excluded": ("替代口径数据未获准使用", "proxy data not allowed"),
        "older_vintage": ("被同期更新版本或正式口径数据取代", "superseded by a later vintage or a non-proxy value"),
    }
    for code, group in aside.items():
        zh, en = texts[code]
        notes.append(Note(code, f"已剔除 {_codes(group)}：{zh}", f"set aside {_codes(group)}: {en}"))
    kept = sorted(best.values(), key=lambda o: (o.t, o.period_code))
    return kept, notes


def _proxy_notes(used: Iterable[Observation]) -> list[Note]:
    proxies = [o for o in used if o.proxy]
    if not proxies:
        return []
    return [
        Note(
            "proxy",
            f"使用替代口径数据：{_codes(proxies)}（{'；'.join(sorted({o.source or '来源未注明' for o in proxies}))}）",
            f"proxy data with a different scope used: {_codes(proxies)} "
            f"({'; '.join(sorted({o.source or 'source not stated' for o in proxies}))})",
        )
    ]


def _insufficient(spec: TargetSpec, method: Method, reasons: list[Note], note: Note) -> ProgressResult:
    return ProgressResult(
        method=method,
        status="insufficient_data",
        target_value=resolve_target_value(spec, spec.base_value),
        deadline_t=spec.deadline_t,
        target_id=spec.id,
        reasons=[*reasons, note],
    )


def _latest(observations: list[Observation]) -> Observation:
    return max(observations, key=lambda o: (o.t, *_vintage_key(o)))


def _baseline(spec: TargetSpec, series: list[Observation]) -> tuple[float, float, Note, Observation | None] | None:
    """(value, t, note, observation) of the baseline: the plan's base value, the base-year value or the earliest."""
    if spec.base_value is not None:
        return spec.base_value, spec.start, BASELINE_PLAN_VALUE, None
    at_start = [o for o in series if abs(o.t - spec.start) <= T_EPS]
    if at_start:
        o = max(at_start, key=_vintage_key)
        return o.value, o.t, BASELINE_BASE_YEAR, o
    later = [o for o in series if o.t > spec.start]
    if not later:
        return None
    o = min(later, key=lambda x: x.t)
    return o.value, o.t, BASELINE_EARLIEST, o


def assess_target(
    spec: TargetSpec,
    observations: Iterable[Observation],
    as_of_t: float,
    method: Method = "opensdg",
    *,
    as_of_date: date | None = None,
    thresholds: Thresholds | None = None,
    seasonal_shares: Mapping[int, float] | None = None,
    use_proxies: bool = True,
) -> ProgressResult:
    """Assess one target as of ``as_of_t`` with one method, from raw observations of its indicator.

    By target kind:

    * ``level``/``count``/``share`` — the latest stock (or share, in percent, as a level) against the target at
      the deadline; the baseline is the plan's base value, the base-year observation, or else the earliest
      observation (stated). Partial-year shares are set aside.
    * ``annual_flow`` — the latest full-year flow. A newer 1–N月 figure is never compared with an annual target:
      it is scaled only when ``seasonal_shares`` gives the share of the year usually reached by month N
      (``{4: 0.28}``), and that assumption is reported; otherwise it is set aside.
    * ``cumulative`` — the sum of the annual flows of the plan period (a trailing 1–N月 figure of the next year is
      added as counted, not scaled), from zero at the start; every year up to the latest must be present. The
      Open SDG method uses the linear rate ratio here (a CAGR from zero is undefined) and extrapolation adds the
      mean annual flow for the remaining years.

    Relative targets (翻一番, 比2015年下降18%, 年均增长15%) need the base-year value. Proxies are used when
    ``use_proxies`` (the default) and always named in the reasons.

    >>> spec = TargetSpec(id="pv", value=1500, comparator="≥", direction="higher", kind="level", start=2016.0,
    ...                   deadline_t=2021.0, base_value=240.0)
    >>> obs = [Observation(2018.0, 868.0, "2017", "stock", "year")]
    >>> r = assess_target(spec, obs, 2018.5, "linear")
    >>> round(r.progress_share, 3), r.time_share, r.status
    (0.498, 0.4, 'on_track')
    """
    result = _assess_target(spec, observations, as_of_t, method, as_of_date, thresholds, seasonal_shares, use_proxies)
    return settle_deadline(spec, result, as_of_t, thresholds)


def _assess_target(  # noqa: PLR0917 - the parameters of assess_target, passed on
    spec: TargetSpec,
    observations: Iterable[Observation],
    as_of_t: float,
    method: Method,
    as_of_date: date | None,
    thresholds: Thresholds | None,
    seasonal_shares: Mapping[int, float] | None,
    use_proxies: bool,
) -> ProgressResult:
    if method not in _METHODS:
        msg = f"unknown method {method!r}; choose one of {sorted(_METHODS)}"
        raise ValueError(msg)
    th = thresholds or load_thresholds()
    kept, reasons = select_observations(spec, observations, as_of_t, as_of_date=as_of_date, use_proxies=use_proxies)
    if spec.kind == "cumulative":
        return _assess_cumulative(spec, kept, method, th, reasons)
    if spec.kind == "annual_flow":
        kept, reasons, extra = _annual_flow_series(spec, kept, reasons, seasonal_shares)
    else:
        extra = None
        if spec.kind == "share":
            kept = _share_series(kept, reasons)
            reasons.append(Note("share_as_level", "比重（%）按水平值比较", "shares (%) are compared as levels"))
    if not kept and extra is None:
        return _insufficient(spec, method, reasons, Note("no_observation", "没有可用的观测值", "no usable observation"))
    base = _baseline(spec, kept)
    if base is None:
        return _insufficient(
            spec,
            method,
            reasons,
            Note(
                "no_baseline",
                "规划期内没有观测值，无法确定基期",
                "no observation in the plan period to serve as baseline",
            ),
        )
    v0, t0, base_note, base_obs = base
    target = resolve_target_value(spec, v0 if base_note is not BASELINE_EARLIEST else None)
    if target is None:
        return _insufficient(
            spec,
            method,
            reasons,
            Note(
                "relative_needs_base_year",
                "相对目标需要基年值，但基年值缺失",
                "a relative target needs the base-year value, which is missing",
            ),
        )
    latest = extra or _latest(kept)
    used = [latest] if base_obs is None else [base_obs, latest]
    reasons.extend(_proxy_notes(used))
    case = ProgressCase(
        baseline_value=v0,
        baseline_t=t0,
        latest_value=latest.value,
        latest_t=latest.t,
        target_value=target,
        deadline_t=spec.deadline_t,
        direction=spec.direction,
        comparator=spec.comparator,
        thresholds=th,
        baseline_note=base_note,
        reasons=reasons,
        target_id=spec.id,
        latest_period=latest.period_code,
    )
    return _METHODS[method](case)


def _share_series(kept: list[Observation], reasons: list[Note]) -> list[Observation]:
    """Full-year shares, plus the newest 1–N月 share when it is newer than every full year.

    A share is a ratio, so the year-to-date share is the current reading of the annual one (bulletins publish
    1–N月 shares); part-year shares older than the latest full year add nothing and are set aside.

    >>> o = [Observation(2018.0, 18.0, "2017", "share", "year"), Observation(2018.917, 19.0, "2018-01..11", "share",
    ...      "ytd", months_covered=11), Observation(2017.5, 17.0, "2017-01..06", "share", "ytd", months_covered=6)]
    >>> notes = []
    >>> [x.period_code for x in _share_series(o, notes)], [n.code for n in notes]
    (['2017', '2018-01..11'], ['partial_year_share', 'partial_year_share_latest'])
    """
    full = [o for o in kept if o.full_year or o.period_kind not in ("half", "quarter", "month", "ytd")]
    partial = [o for o in kept if o not in full]
    newest_full = max((o.t for o in full), default=-math.inf)
    newer = [o for o in partial if o.t > newest_full + T_EPS and o.period_kind == "ytd"]
    current = max(newer, key=lambda o: o.t) if newer else None
    aside = [o for o in partial if o is not current]
    if aside:
        reasons.append(
            Note(
                "partial_year_share",
                f"已剔除 {_codes(aside)}：有更新的数据时，不足全年的比重不再使用",
                f"set aside {_codes(aside)}: part-year shares superseded by newer data",
            )
        )
    if current is None:
        return full
    reasons.append(
        Note(
            "partial_year_share_latest",
            f"最新读数为 {current.period_code} 的年内累计比重（全年数据尚未发布）",
            f"the latest reading is the year-to-date share of {current.period_code} (the full year is not yet"
            " published)",
        )
    )
    return [*full, current]


def settle_deadline(
    spec: TargetSpec, result: ProgressResult, as_of_t: float, thresholds: Thresholds | None = None
) -> ProgressResult:
    """Turn a status into a verdict once the deadline's figure is known: ``achieved`` or ``not_achieved``.

    Before the deadline's figure is published the statuses describe progress; once it is (the latest value used
    is for the deadline period), the question is only whether the target was met, with the gap left and the
    share of the way covered. After the deadline but before its figure is known, the status stays and says so.

    >>> spec = TargetSpec(id="x", value=20.0, comparator="≥", direction="higher", kind="share", start=2016.0,
    ...                   deadline_t=2021.0)
    >>> r = ProgressResult("opensdg", "on_track", latest_value=18.5, latest_t=2021.0, target_value=20.0,
    ...                    progress_share=0.7)
    >>> v = settle_deadline(spec, r, 2021.5)
    >>> v.status, v.final, v.gap, v.reasons[-1].code
    ('not_achieved', True, 1.5, 'deadline_verdict')
    """
    value, target = result.latest_value, result.target_value
    if value is None or target is None or result.status == "insufficient_data":
        return result
    result.gap = _dir(spec.direction) * (target - value)
    if result.latest_t is None or result.latest_t < spec.deadline_t - T_EPS:
        if as_of_t > spec.deadline_t + T_EPS:
            result.reasons.append(
                Note(
                    "deadline_passed_unknown",
                    f"目标期限已过，期限年度的数据尚未发布（最新为 {result.latest_period}）：暂按进度评价",
                    f"the deadline has passed but its year's figure is not yet published (latest"
                    f" {result.latest_period}): progress is shown until it is",
                )
            )
        return result
    met = meets(value, target, spec.comparator, spec.direction, thresholds or load_thresholds())
    result.final = True
    result.status = "achieved" if met else "not_achieved"
    covered = "" if result.progress_share is None else f"，完成所需变化的 {result.progress_share:.1%}"
    covered_en = "" if result.progress_share is None else f", {result.progress_share:.1%} of the required change"
    result.reasons.append(
        Note(
            "deadline_verdict",
            f"期限年度数据已发布：{result.latest_period} 为 {value:g}，目标 {target:g}，"
            + ("已实现" if met else f"差距 {abs(result.gap):g}{covered}，未实现"),
            f"the deadline's figure is known: {result.latest_period} is {value:g} against {target:g}; "
            + ("achieved" if met else f"short by {abs(result.gap):g}{covered_en}; not achieved"),
        )
    )
    return result


def _annual_flow_series(
    spec: TargetSpec,
    kept: list[Observation],
    reasons: list[Note],
    seasonal_shares: Mapping[int, float] | None,
) -> tuple[list[Observation], list[Note], Observation | None]:
    """Full-year flows, plus an annualised 1–N月 figure when (and only when) a seasonal share is given."""
    full = [o for o in kept if o.full_year]
    partial = [o for o in kept if not o.full_year]
    newest_full = max((o.t for o in full), default=-math.inf)
    newer_partial = [o for o in partial if o.t > newest_full and o.period_kind == "ytd"]
    scaled: Observation | None = None
    if newer_partial:
        ytd = max(newer_partial, key=lambda o: o.t)
        share = (seasonal_shares or {}).get(ytd.months_covered)
        if share is not None and 0 < share <= 1:
            year = math.floor(ytd.t - T_EPS)
            scaled = replace(ytd, t=year_end(year), value=ytd.value / share, period_kind="year", months_covered=12)
            reasons.append(
                Note(
                    "seasonal_assumption",
                    f"季节性假设：1–{ytd.months_covered}月通常占全年的 {share:.1%}，"
                    f"据 {ytd.period_code} 的 {ytd.value:g} 推算全年为 {scaled.value:g}",
                    f"seasonal assumption: months 1–{ytd.months_covered} usually make {share:.1%} of the year; "
                    f"{ytd.period_code} value {ytd.value:g} scaled to an annual {scaled.value:g}",
                )
            )
            partial = [o for o in partial if o is not ytd]
    if partial:
        reasons.append(
            Note(
                "partial_year_flow",
                f"已剔除 {_codes(partial)}：不足全年的流量不与年度目标比较（未给出季节性假设）",
                f"set aside {_codes(partial)}: a part-year flow is not compared with an annual target "
                "(no seasonal assumption given)",
            )
        )
    if scaled is not None:
        return full, reasons, scaled
    return full, reasons, None


@dataclass(frozen=True)
class _CumulativeSum:
    """The plan-period sum of annual flows (and a trailing 1–N月 figure), with what entered it."""

    total: float
    t_latest: float
    used: list[Observation]
    full: list[Observation]


def _assess_cumulative(
    spec: TargetSpec, kept: list[Observation], method: Method, th: Thresholds, reasons: list[Note]
) -> ProgressResult:
    """Sum of annual flows over the plan period against a cumulative target."""
    summed = _cumulative_sum(spec, kept, reasons)
    if isinstance(summed, Note):
        return _insufficient(spec, method, reasons, summed)
    reasons.extend(_proxy_notes(summed.used))
    reasons.append(
        Note(
            "cumulative_sum",
            f"规划期累计 {summed.total:g}（{len(summed.used)} 期）",
            f"sum over the plan period {summed.total:g} ({len(summed.used)} periods)",
        )
    )
    case = ProgressCase(
        baseline_value=0.0,
        baseline_t=spec.start,
        latest_value=summed.total,
        latest_t=summed.t_latest,
        target_value=spec.value,
        deadline_t=spec.deadline_t,
        direction=spec.direction,
        comparator=spec.comparator,
        thresholds=th,
        baseline_note=BASELINE_ZERO_CUMULATIVE,
        reasons=reasons,
        target_id=spec.id,
        latest_period=summed.used[-1].period_code,
    )
    if method == "linear":
        return linear(case)
    if method == "extrapolation":
        return _extrapolate_cumulative(spec, case, summed, reasons)
    return _cumulative_rate_ratio(case, th)


def _cumulative_sum(spec: TargetSpec, kept: list[Observation], reasons: list[Note]) -> _CumulativeSum | Note:
    """The sum over the plan period, or the note saying why it cannot be formed (set-aside notes added)."""
    in_period = [o for o in kept if o.t > spec.start + T_EPS]
    before = [o for o in kept if o.t <= spec.start + T_EPS]
    if before:
        reasons.append(
            Note(
                "before_period",
                f"已剔除 {_codes(before)}：不在规划期内",
                f"set aside {_codes(before)}: before the plan period",
            )
        )
    full = sorted((o for o in in_period if o.full_year), key=lambda o: o.t)
    partial = [o for o in in_period if not o.full_year]
    if not full and not partial:
        return Note("no_observation", "规划期内没有流量数据", "no flow in the plan period")
    expected = [spec.start + k for k in range(1, round((full[-1].t if full else spec.start) - spec.start) + 1)]
    missing = [e for e in expected if not any(abs(o.t - e) <= T_EPS for o in full)]
    if missing or any(abs((o.t - spec.start) - round(o.t - spec.start)) > T_EPS for o in full):
        years = "、".join(str(round(e) - 1) for e in missing) or "?"
        return Note(
            "missing_years",
            f"缺少 {years} 年的流量，累计值无法计算",
            f"flows for {years} missing: the cumulative sum cannot be formed",
        )
    total = sum(o.value for o in full)
    t_latest = full[-1].t if full else spec.start
    used = list(full)
    trailing = [o for o in partial if o.period_kind == "ytd" and t_latest < o.t <= t_latest + 1.0 + T_EPS]
    if trailing:
        ytd = max(trailing, key=lambda o: o.t)
        total += ytd.value
        t_latest = ytd.t
        used.append(ytd)
        reasons.append(
            Note(
                "partial_year_added",
                f"累计值含 {ytd.period_code} 的年内累计数（按实计入，不作推算）",
                f"the sum includes the year-to-date figure {ytd.period_code} as counted (not scaled)",
            )
        )
    unused = [o for o in partial if o not in used]
    if not used:
        return Note(
            "no_full_year",
            f"规划期内没有完整年度流量（{_codes(unused)} 不接续年度序列）",
            f"no full-year flow in the plan period ({_codes(unused)} do not follow an annual series)",
        )
    if unused:
        reasons.append(
            Note(
                "partial_year_flow",
                f"已剔除 {_codes(unused)}：非全年流量且不接续年度序列",
                f"set aside {_codes(unused)}: part-year flows that do not follow the annual series",
            )
        )
    return _CumulativeSum(total, t_latest, used, full)


def _extrapolate_cumulative(
    spec: TargetSpec, case: ProgressCase, summed: _CumulativeSum, reasons: list[Note]
) -> ProgressResult:
    """The sum projected with the mean annual flow over the years left."""
    if not summed.full:
        return _insufficient(
            spec,
            "extrapolation",
            reasons,
            Note(
                "no_full_year",
                "没有完整年度流量，无法按年均流量外推",
                "no full-year flow to project a mean annual flow from",
            ),
        )
    mean_flow = sum(o.value for o in summed.full) / len(summed.full)
    remaining = spec.deadline_t - summed.t_latest
    projected = summed.total + mean_flow * max(remaining, 0.0)
    note = Note(
        "mean_flow_projection",
        f"按年均流量 {mean_flow:g} 外推剩余 {remaining:.2f} 年",
        f"projected with the mean annual flow {mean_flow:g} over the remaining {remaining:.2f} years",
    )
    return extrapolation(replace(case, reasons=(*reasons, note)), growth="linear", projected_value=projected)


def _cumulative_rate_ratio(case: ProgressCase, th: Thresholds) -> ProgressResult:
    """Open SDG on a cumulative target: the CAGR from zero is undefined, so the linear rate ratio is scored."""
    note = Note(
        "cumulative_rate_ratio",
        "累计目标自零起算，年均增速无定义：按线性速度比（进度占比÷时间占比）评估",
        "a cumulative target starts from zero, so the CAGR is undefined: scored by the linear rate ratio "
        "(progress share ÷ time share)",
    )
    lin = linear(replace(case, reasons=(*(case.reasons or ()), note)))
    lin.method = "opensdg"
    if lin.ratio is not None:
        lin.status = status_from_ratio(lin.ratio, "opensdg", th)
    return lin
