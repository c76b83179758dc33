"""Rolling-origin back-tests: how well each forecasting method would have predicted the data we already have.

With 5–10 annual points no information criterion is trustworthy, so methods are chosen by what matters to a
planner: the error they would have made. Every origin ``k`` trains on the first ``k`` points and predicts each
later point up to the horizon of interest; all candidates are scored on the same held-out points, so their
errors are comparable. The error is reported with its metric:

* MASE (mean absolute error scaled by the mean absolute change between consecutive observations) when the
  series moves at all — scale-free and defined with zeros;
* MAPE (mean absolute percentage error, in %) for a flat series without zeros;
* MAE otherwise.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

logger = logging.getLogger(__name__)

#: ``(t_train, y_train, t_new) -> predictions at t_new`` on the value scale.
PointForecaster = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
Metric = Literal["MASE", "MAPE", "MAE"]


@dataclass(frozen=True)
class BacktestResult:
    """One method's back-test: its error under ``metric`` over ``n_forecasts`` held-out predictions."""

    method: str
    metric: Metric
    error: float
    n_forecasts: int


def choose_metric(y: Sequence[float]) -> tuple[Metric, float]:
    """The metric for a series and its scale (MASE: mean absolute consecutive change; MAPE: 1; MAE: 1).

    >>> choose_metric([1.0, 3.0, 4.0])
    ('MASE', 1.5)
    >>> choose_metric([5.0, 5.0, 5.0])
    ('MAPE', 1.0)
    """
    arr = np.asarray(y, dtype=float)
    if arr.size >= 2:
        scale = float(np.mean(np.abs(np.diff(arr))))
        if scale > 0:
            return "MASE", scale
    if arr.size and np.all(arr != 0):
        return "MAPE", 1.0
    return "MAE", 1.0


def rolling_origin_pairs(
    t: Sequence[float],
    y: Sequence[float],
    forecaster: PointForecaster,
    *,
    min_train: int,
    max_horizon: float | None = None,
) -> list[tuple[float, float]]:
    """(actual, predicted) pairs from every origin ``k ≥ min_train``.

    From each origin the forecaster predicts the next point and, when ``max_horizon`` (in years) is given, every
    later point no further than ``max_horizon`` from the last training point. A forecaster that fails or returns
    a non-finite value makes the whole back-test fail (``ValueError``): a method that breaks on past data is not
    a candidate.

    >>> naive = lambda tt, yy, tn: np.full(len(tn), yy[-1])
    >>> rolling_origin_pairs([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 4.0, 8.0], naive, min_train=2)
    [(4.0, 2.0), (8.0, 4.0)]
    """
    tt = np.asarray(t, dtype=float)
    yy = np.asarray(y, dtype=float)
    pairs: list[tuple[float, float]] = []
    for k in range(min_train, len(tt)):
        last = tt[k - 1]
        reach = max_horizon if max_horizon is not None else 0.0
        idx = [j for j in range(k, len(tt)) if j == k or tt[j] - last <= reach + 1e-9]
        predicted = np.asarray(forecaster(tt[:k], yy[:k], tt[idx]), dtype=float)
        if predicted.shape != (len(idx),) or not np.all(np.isfinite(predicted)):
            msg = f"forecaster gave no finite prediction from origin {k}"
            raise ValueError(msg)
        pairs.extend((float(yy[j]), float(p)) for j, p in zip(idx, predicted, strict=True))
    return pairs


def _error(pairs: list[tuple[float, float]], metric: Metric, scale: float) -> float:
    if metric == "MAPE":
        return 100.0 * float(np.mean([abs(a - p) / abs(a) for a, p in pairs]))
    return float(np.mean([abs(a - p) for a, p in pairs])) / scale


def backtest(
    t: Sequence[float],
    y: Sequence[float],
    forecasters: Mapping[str, PointForecaster],
    *,
    min_train: int,
    max_horizon: float | None = None,
) -> dict[str, BacktestResult]:
    """Back-test every forecaster on the same origins; methods that fail on past data are left out (and logged).

    >>> t = [1.0, 2.0, 3.0, 4.0, 5.0]
    >>> y = [2.0, 4.0, 6.0, 8.0, 10.0]
    >>> res = backtest(t, y, {"naive": lambda tt, yy, tn: np.full(len(tn), yy[-1]),
    ...                       "trend": lambda tt, yy, tn: np.polyval(np.polyfit(tt, yy, 1), tn)}, min_train=2)
    >>> res["naive"].metric, res["naive"].error, round(res["trend"].error, 9)
    ('MASE', 1.0, 0.0)
    """
    metric, scale = choose_metric(y)
    results: dict[str, BacktestResult] = {}
    for name, forecaster in forecasters.items():
        try:
            pairs = rolling_origin_pairs(t, y, forecaster, min_train=min_train, max_horizon=max_horizon)
        except (ValueError, np.linalg.LinAlgError, ArithmeticError) as exc:
            logger.info("back-test of %s failed: %s", name, exc)
            continue
        if not pairs:
            continue
        error = _error(pairs, metric, scale)
        if math.isfinite(error):
            results[name] = BacktestResult(name, metric, error, len(pairs))
    return results


def best(results: Mapping[str, BacktestResult], preference: Sequence[str]) -> BacktestResult | None:
    """The lowest-error result; ties (within 1e-9) go to the earlier, simpler method in ``preference``.

    >>> r = {"a": BacktestResult("a", "MASE", 0.5, 3), "b": BacktestResult("b", "MASE", 0.5, 3)}
    >>> best(r, ["b", "a"]).method
    'b'
    """
    if not results:
        return None
    low = min(r.error for r in results.values())
    for name in preference:
        if name in results and results[name].error <= low + 1e-9:
            return results[name]
    return min(results.values(), key=lambda r: r.error)
