"""Target assessment: progress towards plan targets, statuses, and forecasts to the deadline.

Pure functions over small typed inputs (:mod:`seimon.assess.series`); no store and no plan model here — a later
step adapts plan targets and stored indicator values to these types. See each module for the
methods: :mod:`~seimon.assess.progress` (Open SDG, linear share of time, extrapolation, and
:func:`assess_target` for every kind of target), :mod:`~seimon.assess.status` (statuses and configurable
thresholds), :mod:`~seimon.assess.forecast` and :mod:`~seimon.assess.backtest` (tiered forecasts chosen by
rolling-origin back-test).
"""

from __future__ import annotations

from seimon.assess.forecast import Forecast, forecast_to
from seimon.assess.progress import (
    ProgressCase,
    ProgressResult,
    assess_target,
    extrapolation_progress,
    linear_progress,
    opensdg_progress,
    resolve_target_value,
    select_observations,
)
from seimon.assess.series import Observation, TargetSpec
from seimon.assess.status import STATUS_LABELS, Note, Status, Thresholds, load_thresholds, meets, status_from_ratio
from seimon.periods import month_end, time_to_date, year_end

__all__ = [
    "STATUS_LABELS",
    "Forecast",
    "Note",
    "Observation",
    "ProgressCase",
    "ProgressResult",
    "Status",
    "TargetSpec",
    "Thresholds",
    "assess_target",
    "extrapolation_progress",
    "forecast_to",
    "linear_progress",
    "load_thresholds",
    "meets",
    "month_end",
    "opensdg_progress",
    "resolve_target_value",
    "select_observations",
    "status_from_ratio",
    "time_to_date",
    "year_end",
]
