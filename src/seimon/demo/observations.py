"""Sparse published observations for the plan's count and capacity targets, with vintages.

Real monitoring data for targets such as PV capacity or maker spaces arrive as scattered releases: a
stock "as of October", a year, a half year, a 1–4月 flow, sometimes in 千瓦 where the plan says 万千瓦,
and later re-published with a revised value. The generator writes such a series for each target in
the calibration, on a path from a 2015 level to ``end_ratio`` × target in 2020, so that assessed
statuses differ (some targets met, some behind).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from seimon.demo.calibration import Calibration, ObservationTarget
from seimon.plan import Plan, Target
from seimon.reference.regions import PROVINCE_CODE

logger = logging.getLogger(__name__)

PLAN_BASE_YEAR = 2015
PLAN_END_YEAR = 2020

# 万千瓦 → 千瓦 ×10000 and the like: the alternative units a release may use
_ALT_FACTORS = {("万千瓦", "千瓦"): 1e4, ("万家", "家"): 1e4, ("万辆", "辆"): 1e4, ("亿元", "万元"): 1e4}
_DECIMALS = {"家": 0, "千瓦": 0, "辆": 0, "万元": 0, "万家": 2, "万辆": 2, "万千瓦": 1, "亿元": 1, "亿千瓦时": 1}

COLUMNS = ("indicator", "region", "period", "value", "unit", "source", "reliability", "note", "published")


@dataclass(frozen=True)
class _Obs:
    target: Target
    spec: ObservationTarget
    period: str
    end: dt.date
    value: float  # in the target's unit


def _region(plan: Plan, target: Target) -> str:
    if target.scope.type == "base":
        base = next(b for b in plan.bases if b.id == target.scope.id)
        return base.regions[0] if base.regions else PROVINCE_CODE
    return PROVINCE_CODE


def _path(spec: ObservationTarget, target: Target, year: int) -> float:
    """Level (stocks) or annual flow on a geometric path from the 2015 value to end_ratio × target."""
    goal = target.value * spec.end_ratio
    if spec.cumulative:  # annual flows whose 2016–2020 sum reaches the goal
        lo, hi = 0.5, 3.0
        for _ in range(60):
            q = (lo + hi) / 2
            total = sum(spec.start * q ** (y - PLAN_BASE_YEAR) for y in range(PLAN_BASE_YEAR + 1, PLAN_END_YEAR + 1))
            lo, hi = (q, hi) if total < goal else (lo, q)
        return spec.start * lo ** (year - PLAN_BASE_YEAR)
    t = (year - PLAN_BASE_YEAR) / (PLAN_END_YEAR - PLAN_BASE_YEAR)
    return spec.start * (goal / spec.start) ** t


def _observations(plan: Plan, spec: ObservationTarget, years: list[int], rng: np.random.Generator) -> list[_Obs]:
    target = next(t for t in plan.targets if t.id == spec.target)
    out: list[_Obs] = []
    for year in years:
        keep_year = year in (years[0], years[-1]) or rng.random() < 0.75
        value = _path(spec, target, year) * (1 + rng.normal(0.0, 0.015))
        if spec.stock:
            if keep_year:
                label = f"{year}年末" if rng.random() < 0.5 else f"{year}年"
                out.append(_Obs(target, spec, label, dt.date(year, 12, 31), value))
            if year > years[0] and rng.random() < 0.35:  # an intra-year stock, e.g. 2017年10月末
                month = int(rng.choice([6, 9, 10]))
                before = _path(spec, target, year - 1)
                mid = before + (value - before) * month / 12
                out.append(_Obs(target, spec, f"{year}年{month}月末", dt.date(year, month, 28), mid))
        else:
            if keep_year:
                out.append(_Obs(target, spec, f"{year}年", dt.date(year, 12, 31), value))
            roll = rng.random()
            if year > years[0] and roll < 0.3:
                out.append(_Obs(target, spec, f"{year}年上半年", dt.date(year, 6, 30), value * 0.45))
            elif year > years[0] and roll < 0.5:
                out.append(_Obs(target, spec, f"{year}年1-4月", dt.date(year, 4, 30), value * 0.29))
    return out


def _unit_and_value(obs: _Obs, rng: np.random.Generator) -> tuple[str, float]:
    unit = obs.spec.unit
    value = obs.value
    if obs.spec.alt_unit and rng.random() < 0.3:
        value *= _ALT_FACTORS[(unit, obs.spec.alt_unit)]
        unit = obs.spec.alt_unit
    return unit, _rounded(value, unit)


def _rounded(value: float, unit: str) -> float | int:
    """Round as a release writes the unit: whole 家 and 千瓦, 0.01 万家, 0.1 万千瓦 (``1022.0`` → ``1022``)."""
    decimals = _DECIMALS.get(unit, 1)
    return round(value) if decimals == 0 else round(value, decimals)


def observation_tables(
    cal: Calibration, plan: Plan, years: tuple[int, int], rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first publications and the later, revised publications (vintages) of the observations.

    The 2015 base year is always included, because progress towards a target is measured from it.
    Each observation appears once in the first table; about a quarter reappear in the second with a
    revised value and a later publication date.

    >>> from seimon.demo.calibration import load_calibration
    >>> from seimon.plan import load_plan
    >>> first, revised = observation_tables(load_calibration(), load_plan(), (2016, 2020), np.random.default_rng(0))
    >>> "2015年末" in set(first.period) or "2015年" in set(first.period), set(revised.columns) == set(first.columns)
    (True, True)
    """
    obs_years = sorted({min(years[0], PLAN_BASE_YEAR), *range(years[0], years[1] + 1)})
    first_rows, revised_rows = [], []
    for spec in cal.observations.targets:
        for obs in _observations(plan, spec, obs_years, rng):
            indicator = obs.target.id if rng.random() < 0.6 else obs.target.name_zh
            unit, value = _unit_and_value(obs, rng)
            note = "当年推广量（年度流量）/ promoted in the year (annual flow)" if spec.cumulative else ""
            if obs.target.scope.type == "base":
                note = f"基地 {obs.target.scope.id} / base {obs.target.scope.id}"
            published = obs.end + dt.timedelta(days=int(rng.integers(20, 75)))
            source = f"{spec.source}（演示）"
            row = (indicator, _region(plan, obs.target), obs.period, value, unit, source, spec.reliability, note)
            first_rows.append((*row, published.isoformat()))
            if rng.random() < 0.25:
                revised = _rounded(value * (1 + rng.normal(0.0, 0.03)), unit)
                later = published + dt.timedelta(days=int(rng.integers(150, 280)))
                revised_rows.append((*row[:3], revised, *row[4:7], "修订数 / revised", later.isoformat()))
    logger.info("observations: %d first releases, %d revisions", len(first_rows), len(revised_rows))
    return pd.DataFrame(first_rows, columns=list(COLUMNS)), pd.DataFrame(revised_rows, columns=list(COLUMNS))
