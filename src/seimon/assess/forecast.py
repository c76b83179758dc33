"""Forecasts of an indicator to a target deadline, with a prediction interval and the chance of meeting it.

Methods are tiered by what the data can support, because a provincial series is short:

* fewer than 3 points — no forecast (``insufficient_data``);
* 3–9 points — drift (random walk with drift), linear trend, and CAGR (log-linear trend, positive values only),
  all fitted on the actual times ``t`` so irregular spacing (an October stock, then a December one) is fine;
* 10 or more regularly spaced points — also ETS (additive error and trend, statsmodels ``ETSModel``) and ARIMA
  (orders (0,1,0), (0,1,1), (1,1,0) with drift; the lowest AIC). Short monthly series stay in the simple tier
  until they reach 10 points: the back-test needs the history.

The method is chosen by rolling-origin back-test error (:mod:`seimon.assess.backtest`), reported with the
metric. A year-to-date (1–N月 cumulative) series is forecast to year end by the seasonal ratio method: the
year-end total is the latest 1–N月 value divided by the (geometric) mean share that months 1–N made of the
whole year in earlier years.

Intervals are **80% prediction intervals** by default (``forecast.interval_level`` in thresholds.yaml, or the
``level`` argument). They and ``probability_meet`` come from one predictive distribution: normal errors on the
method's scale (the value for drift, linear, ETS and ARIMA; the logarithm for CAGR and the seasonal ratio),
with Student-t quantiles where the variance is estimated from few points.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
from scipy import stats

from seimon.assess.backtest import PointForecaster, backtest, best
from seimon.assess.series import Comparator, Direction, Observation
from seimon.assess.status import Note, Thresholds, effective_bound, load_thresholds
from seimon.periods import T_EPS, year_end

logger = logging.getLogger(__name__)

ForecastMethod = Literal["drift", "linear", "cagr", "ets", "arima", "seasonal_ratio"]
SIMPLE_METHODS: tuple[str, ...] = ("drift", "linear", "cagr")
RICH_METHODS: tuple[str, ...] = ("ets", "arima")
MIN_POINTS = 3
RICH_MIN_POINTS = 10
_RICH_MIN_TRAIN = 6
_ARIMA_ORDERS = ((0, 1, 0), (0, 1, 1), (1, 1, 0))


@dataclass
class Forecast:
    """A forecast to ``deadline_t``: point ``value``, ``level`` interval [``lower``, ``upper``], the method and its
    back-test error, and ``probability_meet`` — P(value at the deadline meets the target) under the predictive
    distribution. Quantities that cannot be estimated are ``None`` with a reason.
    """

    status: Literal["ok", "insufficient_data"]
    deadline_t: float
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    level: float = 0.80
    method: ForecastMethod | None = None
    backtest_error: float | None = None
    backtest_metric: str | None = None
    n_points: int = 0
    probability_meet: float | None = None
    target_value: float | None = None
    candidates: dict[str, float] = field(default_factory=dict)
    reasons: list[Note] = field(default_factory=list)

    @property
    def reason_codes(self) -> list[str]:
        """The codes of the reasons."""
        return [r.code for r in self.reasons]


@dataclass(frozen=True)
class Predictive:
    """Predictive distribution on the method's scale: ``mean`` + ``sd`` · T(``df``) (normal when ``df`` is None).

    ``log`` says the scale is the natural logarithm of the value.
    """

    mean: float
    sd: float
    df: float | None = None
    log: bool = False

    def _dist(self) -> stats.rv_continuous | stats.rv_frozen:
        return stats.t(self.df) if self.df is not None else stats.norm()

    def point(self) -> float:
        """The point forecast on the value scale (the median when the scale is logarithmic)."""
        return _exp(self.mean) if self.log else self.mean

    def interval(self, level: float) -> tuple[float, float] | None:
        """The central ``level`` interval on the value scale, or None when the spread is unknown."""
        if not (math.isfinite(self.sd) and self.sd >= 0):
            return None
        q = float(self._dist().ppf(0.5 + level / 2.0))
        lo, hi = self.mean - q * self.sd, self.mean + q * self.sd
        return (_exp(lo), _exp(hi)) if self.log else (lo, hi)

    def prob_at_least(self, bound: float) -> float | None:
        """P(value ≥ bound) on the value scale."""
        if not (math.isfinite(self.sd) and self.sd >= 0):
            return None
        if self.log:
            if bound <= 0:
                return 1.0
            bound = math.log(bound)
        if self.sd == 0:
            return 1.0 if self.mean >= bound else 0.0
        return float(self._dist().sf((bound - self.mean) / self.sd))


# ------------------------------------------------------------------------------------------------ the methods


def drift_predict(t: np.ndarray, y: np.ndarray, t_new: float) -> Predictive:
    """Random walk with drift on irregular times: Δy_i ~ N(d·Δt_i, σ²·Δt_i), d the average slope first→last.

    The h-year-ahead variance is σ²·h·(1 + h/(t_n − t_1)) (the drift's own uncertainty included).

    >>> p = drift_predict(np.array([1.0, 2.0, 3.0]), np.array([10.0, 12.0, 14.0]), 5.0)
    >>> p.mean, p.sd
    (18.0, 0.0)
    """
    span = float(t[-1] - t[0])
    d = float(y[-1] - y[0]) / span
    dt = np.diff(t)
    resid = np.diff(y) - d * dt
    m = len(dt)
    h = float(t_new - t[-1])
    if m < 2:
        return Predictive(float(y[-1]) + d * h, math.nan)
    sigma2 = float(np.sum(resid**2 / dt)) / (m - 1)
    return Predictive(float(y[-1]) + d * h, math.sqrt(sigma2 * h * (1.0 + h / span)), df=m - 1)


def _ols_predict(t: np.ndarray, z: np.ndarray, t_new: float, *, log: bool) -> Predictive:
    n = len(t)
    tbar = float(np.mean(t))
    sxx = float(np.sum((t - tbar) ** 2))
    slope = float(np.sum((t - tbar) * (z - np.mean(z)))) / sxx
    intercept = float(np.mean(z)) - slope * tbar
    mean = intercept + slope * t_new
    if n < 3:
        return Predictive(mean, math.nan, log=log)
    resid = z - (intercept + slope * t)
    s2 = float(np.sum(resid**2)) / (n - 2)
    se = math.sqrt(s2 * (1.0 + 1.0 / n + (t_new - tbar) ** 2 / sxx))
    return Predictive(mean, se, df=n - 2, log=log)


def linear_predict(t: np.ndarray, y: np.ndarray, t_new: float) -> Predictive:
    """Ordinary least squares on ``t`` with the classical prediction interval (Student t, n−2 df).

    >>> round(linear_predict(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), 4.0).mean, 9)
    9.0
    """
    return _ols_predict(t, y, t_new, log=False)


def cagr_predict(t: np.ndarray, y: np.ndarray, t_new: float) -> Predictive:
    """Log-linear trend (constant growth rate) fitted on ``t``; needs positive values.

    >>> round(cagr_predict(np.array([0.0, 1.0, 2.0]), np.array([100.0, 110.0, 121.0]), 3.0).point(), 6)
    133.1
    """
    if np.any(y <= 0):
        msg = "CAGR needs positive values"
        raise ValueError(msg)
    return _ols_predict(t, np.log(y), t_new, log=True)


def _steps(t: np.ndarray, t_new: float) -> int:
    step = float(t[1] - t[0])
    h = (t_new - t[-1]) / step
    if abs(h - round(h)) > 1e-6 or round(h) < 1:
        msg = "deadline is not a whole number of steps ahead"
        raise ValueError(msg)
    return round(h)


def _ets_path(y: np.ndarray, h: int) -> tuple[np.ndarray, np.ndarray]:
    """Means and variances 1..h steps ahead of an additive-error, additive-trend ETS model."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = ETSModel(pd.Series(y, dtype=float), error="add", trend="add").fit(disp=False)
        pred = fit.get_prediction(start=len(y), end=len(y) + h - 1)
    return np.asarray(pred.predicted_mean, dtype=float), np.asarray(pred.var_pred_mean, dtype=float)


def _arima_path(y: np.ndarray, h: int) -> tuple[np.ndarray, np.ndarray]:
    """Means and variances 1..h steps ahead of the lowest-AIC small ARIMA with drift."""
    from statsmodels.tsa.arima.model import ARIMA

    best_fit = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for order in _ARIMA_ORDERS:
            try:
                res = ARIMA(np.asarray(y, dtype=float), order=order, trend="t").fit()
            except (ValueError, np.linalg.LinAlgError):
                continue
            if best_fit is None or res.aic < best_fit.aic:
                best_fit = res
        if best_fit is None:
            msg = "no ARIMA order could be fitted"
            raise ValueError(msg)
        fc = best_fit.get_forecast(h)
    return np.asarray(fc.predicted_mean, dtype=float), np.asarray(fc.var_pred_mean, dtype=float)


_PATHS = {"ets": _ets_path, "arima": _arima_path}


def _from_path(means: np.ndarray, variances: np.ndarray, h: int) -> Predictive:
    var = float(variances[h - 1])
    return Predictive(float(means[h - 1]), math.sqrt(var) if var >= 0 else math.nan)


def ets_predict(t: np.ndarray, y: np.ndarray, t_new: float) -> Predictive:
    """Additive-error, additive-trend ETS (statsmodels ``ETSModel``) on a regularly spaced series."""
    h = _steps(t, t_new)
    return _from_path(*_ets_path(y, h), h)


def arima_predict(t: np.ndarray, y: np.ndarray, t_new: float) -> Predictive:
    """ARIMA with drift, the order among (0,1,0), (0,1,1), (1,1,0) with the lowest AIC."""
    h = _steps(t, t_new)
    return _from_path(*_arima_path(y, h), h)


_PREDICTORS = {
    "drift": drift_predict,
    "linear": linear_predict,
    "cagr": cagr_predict,
    "ets": ets_predict,
    "arima": arima_predict,
}


def _point_forecaster(name: str) -> PointForecaster:
    """Point forecasts for the back-test; ETS and ARIMA are fitted once per origin for all horizons."""
    predictor = _PREDICTORS[name]
    path = _PATHS.get(name)

    def forecast(t: np.ndarray, y: np.ndarray, t_new: np.ndarray) -> np.ndarray:
        if path is None:
            return np.array([predictor(t, y, float(tn)).point() for tn in t_new])
        steps = [_steps(t, float(tn)) for tn in t_new]
        means, _ = path(y, max(steps))
        return np.array([means[h - 1] for h in steps])

    return forecast


# --------------------------------------------------------------------------------------------------- the tiers


def _regular(t: np.ndarray) -> bool:
    steps = np.diff(t)
    return len(steps) > 0 and bool(np.all(np.abs(steps - steps[0]) < 1e-6))


def _direction_of(comparator: Comparator, direction: Direction | None) -> Direction:
    if comparator in ("≥", ">"):
        return "higher"
    if comparator in ("≤", "<"):
        return "lower"
    if direction is None:
        msg = f"comparator {comparator!r} needs an explicit direction (方向必须明确)"
        raise ValueError(msg)
    return direction


def _probability(
    pred: Predictive, target: float, comparator: Comparator, direction: Direction, th: Thresholds
) -> float | None:
    bound = effective_bound(target, comparator, direction, th.comparison.approx_tolerance)
    above = pred.prob_at_least(bound)
    if above is None:
        return None
    return above if direction == "higher" else 1.0 - above


def _dedupe(observations: Iterable[Observation]) -> list[Observation]:
    """One observation per period end, the latest vintage (non-proxy first), in time order."""
    chosen: dict[float, Observation] = {}
    for o in observations:
        key = round(o.t, 6)
        old = chosen.get(key)
        rank = (0 if o.proxy else 1, o.as_published or date.min)
        if old is None or rank >= (0 if old.proxy else 1, old.as_published or date.min):
            chosen[key] = o
    return sorted(chosen.values(), key=lambda o: o.t)


def forecast_to(
    observations: Iterable[Observation],
    deadline_t: float,
    target: float | None = None,
    *,
    comparator: Comparator = "≥",
    direction: Direction | None = None,
    level: float | None = None,
    thresholds: Thresholds | None = None,
) -> Forecast:
    """Forecast a series to ``deadline_t`` and, given a target, the probability of meeting it.

    ``observations`` are one indicator's values (one measure). A series made only of year-to-date figures is
    forecast to the end of its latest year by the seasonal ratio method; otherwise part-year flows are set aside
    and the remaining series goes through the tiers (see the module docstring). ``direction`` is needed only for
    the comparators "=" and "≈"; the others imply it.

    >>> obs = [Observation(year_end(y), 100.0 * 1.1 ** (y - 2015), str(y), "stock", "year")
    ...        for y in range(2015, 2020)]
    >>> f = forecast_to(obs, 2021.0, 160.0)
    >>> f.method, round(f.value, 2), f.probability_meet > 0.99
    ('cagr', 161.05, True)
    """
    th = thresholds or load_thresholds()
    lvl = level if level is not None else th.forecast.interval_level
    result = Forecast(status="insufficient_data", deadline_t=deadline_t, level=lvl, target_value=target)
    obs = _dedupe(observations)
    measures = {o.measure for o in obs}
    if len(measures) > 1:
        result.reasons.append(
            Note("mixed_measures", "序列混有存量、流量或比重，不能一起预测", "the series mixes stocks, flows or shares")
        )
        return result
    if obs and all(o.period_kind == "ytd" for o in obs):
        ytd = _forecast_ytd(obs, deadline_t, result)
        if ytd == "insufficient":
            return result
        if isinstance(ytd, Predictive):
            return _finish(ytd, result, target=target, comparator=comparator, direction=direction, th=th)
        obs = [o for o in obs if o.months_covered == 12]
    partial = [o for o in obs if not o.full_year and o.period_kind != "point" and o.measure == "flow"]
    if partial:
        result.reasons.append(
            Note(
                "partial_year_flow",
                f"已剔除 {len(partial)} 个不足全年的流量",
                f"set aside {len(partial)} part-year flows",
            )
        )
        obs = [o for o in obs if o not in partial]
    pred = _forecast_series(obs, deadline_t, result)
    if pred is None:
        return result
    return _finish(pred, result, target=target, comparator=comparator, direction=direction, th=th)


def _forecast_series(obs: list[Observation], deadline_t: float, result: Forecast) -> Predictive | None:
    """The tiered methods on a (possibly irregular) series; None, with a reason, when no forecast is possible."""
    result.n_points = len(obs)
    if len(obs) < MIN_POINTS:
        result.reasons.append(
            Note(
                "too_few_points",
                f"只有 {len(obs)} 个观测值，少于 {MIN_POINTS} 个，不作预测",
                f"only {len(obs)} observations, fewer than {MIN_POINTS}: no forecast",
            )
        )
        return None
    t = np.array([o.t for o in obs])
    y = np.array([o.value for o in obs])
    if deadline_t <= t[-1] + T_EPS:
        result.reasons.append(
            Note(
                "deadline_observed",
                "期限不晚于最新观测值，无需预测",
                "the deadline is not after the latest observation: nothing to forecast",
            )
        )
        return None
    candidates = list(SIMPLE_METHODS)
    if np.any(y <= 0):
        candidates.remove("cagr")
        result.reasons.append(Note("cagr_skipped", "存在非正值，不用对数趋势法", "non-positive values: no CAGR method"))
    min_train = 2
    if len(obs) >= RICH_MIN_POINTS and _regular(t):
        try:
            _steps(t, deadline_t)
            candidates += list(RICH_METHODS)
            min_train = _RICH_MIN_TRAIN
        except ValueError:
            result.reasons.append(
                Note(
                    "rich_skipped",
                    "期限不是整数步长，ETS/ARIMA 不适用",
                    "deadline is not a whole number of steps ahead: ETS/ARIMA not used",
                )
            )
    elif len(obs) >= RICH_MIN_POINTS:
        result.reasons.append(
            Note(
                "rich_skipped",
                "观测时间不等距，ETS/ARIMA 不适用",
                "irregularly spaced observations: ETS/ARIMA not used",
            )
        )
    horizon = float(deadline_t - t[-1])
    scores = backtest(t, y, {m: _point_forecaster(m) for m in candidates}, min_train=min_train, max_horizon=horizon)
    result.candidates = {name: r.error for name, r in scores.items()}
    chosen = best(scores, candidates)
    if chosen is None:
        result.reasons.append(Note("backtest_failed", "所有方法回测均失败", "every method failed its back-test"))
        return None
    result.method = chosen.method  # type: ignore[assignment]
    result.backtest_error = chosen.error
    result.backtest_metric = chosen.metric
    pred = _PREDICTORS[chosen.method](t, y, deadline_t)
    result.reasons.append(
        Note(
            "method_chosen",
            f"按滚动回测误差选用 {chosen.method}（{chosen.metric} {chosen.error:.3g}）",
            f"{chosen.method} chosen by rolling-origin back-test ({chosen.metric} {chosen.error:.3g})",
        )
    )
    return pred


def _exp(x: float) -> float:
    """``exp`` on the value scale, infinite instead of an overflow (a log-scale trend can explode).

    >>> _exp(0.0), _exp(1e6)
    (1.0, inf)
    """
    return math.exp(x) if x < 709.0 else math.inf


def _finish(
    pred: Predictive,
    result: Forecast,
    *,
    target: float | None,
    comparator: Comparator,
    direction: Direction | None,
    th: Thresholds,
) -> Forecast:
    result.value = pred.point()
    if not math.isfinite(result.value):
        result.value = None
        result.reasons.append(
            Note(
                "explosive_trend",
                "趋势外推超出可表示的范围，不作预测",
                "the trend explodes beyond any value: no forecast",
            )
        )
        return result
    result.status = "ok"
    interval = pred.interval(result.level)
    if interval is None:
        result.reasons.append(
            Note(
                "no_interval", "观测值太少，无法估计预测区间", "too few observations to estimate a prediction interval"
            )
        )
    else:
        result.lower, result.upper = interval
    if target is not None:
        result.probability_meet = _probability(pred, target, comparator, _direction_of(comparator, direction), th)
    return result


def _year_of(o: Observation) -> int:
    """Calendar year of a year-to-date figure (``2017 + 4/12`` → 2017; ``2018.0``, i.e. 1–12月 2017 → 2017)."""
    return math.floor(o.t - T_EPS)


def _forecast_ytd(
    obs: list[Observation], deadline_t: float, result: Forecast
) -> Predictive | Literal["annual", "insufficient"]:
    """Seasonal ratio forecast of the latest year's total.

    ``"annual"`` when the deadline is not the end of the latest (incomplete) year — the caller then forecasts
    the 1–12月 values as an annual series; ``"insufficient"`` when no earlier year gives the seasonal share.
    """
    latest = obs[-1]
    year = _year_of(latest)
    m = latest.months_covered
    if m == 12 or abs(deadline_t - year_end(year)) > T_EPS:
        result.reasons.append(
            Note(
                "ytd_as_annual",
                "年内累计序列：以各年1–12月数作年度序列预测",
                "year-to-date series: forecast on the 1–12月 (annual) values",
            )
        )
        return "annual"
    by_year: dict[int, dict[int, float]] = {}
    for o in obs:
        by_year.setdefault(_year_of(o), {})[o.months_covered] = o.value
    prior = sorted(y for y, months in by_year.items() if y < year and m in months and 12 in months)
    shares = np.array([by_year[y][m] / by_year[y][12] for y in prior])
    result.n_points = len(prior) + 1
    result.method = "seasonal_ratio"
    if len(prior) == 0 or np.any(shares <= 0) or latest.value <= 0:
        result.reasons.append(
            Note(
                "no_prior_year",
                f"没有可用的往年1–{m}月与全年数据，无法推算全年",
                f"no earlier year with both months 1–{m} and the full year: no year-end estimate",
            )
        )
        result.method = None
        return "insufficient"
    logs = np.log(shares)
    mean = math.log(latest.value) - float(np.mean(logs))
    result.reasons.append(
        Note(
            "seasonal_ratio",
            f"季节比例法：往年1–{m}月平均占全年 {math.exp(float(np.mean(logs))):.1%}（{len(prior)} 年）",
            f"seasonal ratio: months 1–{m} made on average {math.exp(float(np.mean(logs))):.1%} of the year "
            f"({len(prior)} years)",
        )
    )
    if len(prior) >= 2:
        errors = [
            abs(by_year[y][12] - by_year[y][m] / math.exp(float(np.mean(logs[:i])))) / abs(by_year[y][12])
            for i, y in enumerate(prior)
            if i >= 1
        ]
        result.backtest_error = 100.0 * float(np.mean(errors))
        result.backtest_metric = "MAPE"
        sd = float(np.std(logs, ddof=1)) * math.sqrt(1.0 + 1.0 / len(prior))
        return Predictive(mean, sd, df=len(prior) - 1, log=True)
    return Predictive(mean, math.nan, log=True)
