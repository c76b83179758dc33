"""Monthly year-to-date enterprise reports, deflators and corrected resubmissions.

Enterprises report cumulative values (1-2月 … 1-12月: January never alone), so the generator works
month by month and then accumulates: annual real value added follows group growth paths (SEI faster,
2020 lower), each year is spread over months with a seasonal pattern (low 1–2月, strong December, the
2020 COVID-19 dip), prices come from division price indices, and the current-price values are summed
year to date. ``value_added_prior`` is the enterprise's own value a year earlier (with small
revisions, as real 上年同期 columns have), and is filled for new entrants too, as they report it.

Group sizes are scaled so that the last year's value added matches the calibration (above-scale value
added and the SEI share), which keeps the bulletin figures of a demo close to Hebei's orders of
magnitude whatever the number of enterprises.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from seimon.demo.calibration import Calibration
from seimon.demo.enterprises import GROUP_AUTOMATIC, GROUP_NON_SEI, GROUP_PRODUCT, Register
from seimon.periods import Period

logger = logging.getLogger(__name__)

REPORT_MONTHS = tuple(range(2, 13))
"""End months of the cumulative reports: 1-2月 … 1-12月 (11 a year)."""

ABOVE_SCALE_REVENUE = 2000.0
"""万元: the above-scale threshold of annual main-business revenue since 2011 (国统字〔2010〕87号)."""

REPORT_FIELDS = (
    "credit_code",
    "period",
    "revenue",
    "value_added",
    "value_added_prior",
    "profit",
    "rd_expenditure",
    "employees",
)


@dataclass
class Simulation:
    """Monthly values per enterprise for the simulated years (the year before the first, then each year)."""

    years: tuple[int, ...]  # simulated years, starting one year before the first generated year
    va: np.ndarray  # [enterprise, year, month] current-price value added, 万元
    revenue: np.ndarray
    profit: np.ndarray
    rd: np.ndarray
    employees: np.ndarray  # [enterprise, year] average persons
    price_ytd: dict[str, np.ndarray]  # division -> [year, month] year-to-date index, previous year = 100

    def year_index(self, year: int) -> int:
        return self.years.index(year)


def monthly_price_indices(cal: Calibration, division: str, years: tuple[int, ...]) -> np.ndarray:
    """Month-on-same-month-last-year indices (previous year = 100) for ``years`` × 12 months.

    The annual index is the average of the months; within a year the index drifts towards the next
    year's level, as producer prices do.

    >>> from seimon.demo.calibration import load_calibration
    >>> idx = monthly_price_indices(load_calibration(), "31", (2016, 2017))
    >>> round(float(idx[1].mean()), 1), bool(idx[1, 0] < idx[1, 11])
    (124.0, True)
    """
    lo, hi = cal.years
    out = np.empty((len(years), 12))
    offsets = (np.arange(12) - 5.5) / 11.0
    for k, year in enumerate(years):
        y = min(max(year, lo), hi)
        annual = cal.prices.annual(division, y)
        before = cal.prices.annual(division, max(y - 1, lo))
        after = cal.prices.annual(division, min(y + 1, hi))
        slope = cal.prices.intra_year_slope * (after - before) / 2
        out[k] = annual + slope * offsets
    return out


def _scale_groups(cal: Calibration, reg: Register, va: np.ndarray, last: int) -> None:
    """Scale SEI and non-SEI enterprises (in place) so the last year matches the calibrated totals and share."""
    year = min(max(last, cal.years[0]), cal.years[1])
    active = reg.active(last)
    annual_last = va[:, -1, :].sum(axis=1)
    total = cal.above_scale_va(year) * 1e4  # 亿元 -> 万元
    share = cal.sei_share_above_scale.values[year]
    fraction = cal.sei_share_above_scale.product_rule_fraction
    targets = {
        GROUP_NON_SEI: total * (1 - share),
        GROUP_AUTOMATIC: total * share * (1 - fraction),
        GROUP_PRODUCT: total * share * fraction,
    }
    if not (active & (reg.group == GROUP_PRODUCT)).any():
        targets[GROUP_AUTOMATIC] += targets.pop(GROUP_PRODUCT)
    for group, target in targets.items():
        members = reg.group == group
        current = annual_last[active & members].sum()
        if current > 0:
            va[members] *= target / current


def _growth(cal: Calibration, year: int, sei: bool) -> float:
    lo, hi = cal.years
    table = cal.real_growth.sei if sei else cal.real_growth.non_sei
    return table[min(max(year, lo), hi)]


def simulate(cal: Calibration, reg: Register, years: tuple[int, int], rng: np.random.Generator) -> Simulation:
    """Simulate monthly values for every enterprise (active or not) from the year before ``years[0]``.

    >>> from seimon.demo.calibration import load_calibration
    >>> from seimon.demo.enterprises import generate_register
    >>> cal, rng = load_calibration(), np.random.default_rng(3)
    >>> reg = generate_register(cal, 40, (2019, 2020), rng)
    >>> sim = simulate(cal, reg, (2019, 2020), rng)
    >>> sim.va.shape, bool((sim.va <= sim.revenue).all())
    ((40, 3, 12), True)
    """
    first, last = years
    sim_years = tuple(range(first - 1, last + 1))
    n, k_years = len(reg), len(sim_years)
    sei = reg.is_sei

    # annual real value added
    real = np.empty((n, k_years))
    real[:, 0] = reg.base_size
    trend = rng.normal(0.0, 0.02, n)
    lo_jump, hi_jump = cal.real_growth.entrant_jump
    for k, year in enumerate(sim_years[1:], start=1):
        g = np.where(sei, _growth(cal, year, True), _growth(cal, year, False))
        g = g + trend + rng.normal(0.0, cal.real_growth.firm_sd, n)
        entering = (reg.entry_year == year) & (year > first)  # crossing the 2000万元 threshold this year
        g = g + np.where(entering, rng.uniform(lo_jump, hi_jump, n), 0.0)
        real[:, k] = real[:, k - 1] * np.clip(1 + g, 0.6, 1.9)

    # months: seasonality, COVID-19 in 2020, noise
    season = np.asarray(cal.seasonality.weights)
    weights = np.broadcast_to(season, (n, k_years, 12)).copy()
    for k, year in enumerate(sim_years):
        if year == 2020:
            weights[:, k, :] *= np.asarray(cal.covid_2020.months)
    weights *= rng.lognormal(0.0, cal.seasonality.month_sd, weights.shape)
    weights /= weights.sum(axis=2, keepdims=True)  # the year's total is the annual path; months only share it

    # prices by division: monthly level relative to the first simulated year
    divisions = sorted(set(reg.division))
    level = np.ones((n, k_years, 12))
    price_ytd: dict[str, np.ndarray] = {}
    division_of = reg.division
    for d in divisions:
        monthly = monthly_price_indices(cal, d, sim_years)
        levels = np.cumprod(np.vstack([np.ones(12), monthly[1:] / 100.0]), axis=0)
        level[division_of == d] = levels
        price_ytd[d] = np.cumsum(monthly, axis=1) / np.arange(1, 13)

    va = real[:, :, None] * weights * level

    # scale the groups to the calibration in the last year, keeping every reporting year above 2000万元
    va_ratio = np.array([cal.classes[c].va for c in reg.industry]) * rng.lognormal(0.0, 0.12, n)
    va_ratio = np.clip(va_ratio, 0.08, 0.7)
    lift = rng.uniform(1.0, 1.6, n)
    reporting = np.array([reg.active(y) for y in sim_years]).T  # [enterprise, year]
    for _ in range(2):
        _scale_groups(cal, reg, va, last)
        annual_revenue = va.sum(axis=2) / va_ratio[:, None]
        lowest = np.where(reporting, annual_revenue, np.inf).min(axis=1)
        factor = np.where(lowest < ABOVE_SCALE_REVENUE * 1.05, ABOVE_SCALE_REVENUE * 1.05 * lift / lowest, 1.0)
        va *= factor[:, None, None]

    # revenue, profit, R&D, employees
    revenue = va / (va_ratio[:, None, None] * rng.lognormal(0.0, 0.03, va.shape))
    margin = np.array([cal.classes[c].margin for c in reg.industry]) + rng.normal(0.0, 0.04, n)
    year_shift = np.array([-0.015 if y == 2020 else (0.01 if y == 2017 else 0.0) for y in sim_years])
    profit = revenue * (margin[:, None, None] + year_shift[None, :, None] + rng.normal(0.0, 0.015, va.shape))
    rd_rate = np.array([cal.classes[c].rd for c in reg.industry]) * rng.lognormal(0.0, 0.5, n)
    rd_rate[(~sei) & (rng.random(n) < 0.4)] = 0.0
    rd = revenue * rd_rate[:, None, None] * rng.lognormal(0.0, 0.2, va.shape)
    productivity = 110.0 * rng.lognormal(0.0, 0.45, n)  # 万元 revenue per person a year
    base_revenue = revenue[:, 0, :].sum(axis=1)
    employees = np.maximum(8.0, base_revenue / productivity)[:, None] * (real / real[:, :1]) ** 0.35
    return Simulation(sim_years, va, revenue, profit, rd, employees, price_ytd)


def _ytd(values: np.ndarray) -> np.ndarray:
    """Year-to-date sums over the month axis (last axis)."""
    return np.cumsum(values, axis=-1)


def year_reports(
    sim: Simulation, reg: Register, year: int, rng: np.random.Generator, *, revision_share: float = 0.12
) -> pd.DataFrame:
    """The cumulative reports of ``year``: one row per active enterprise and period 1-2月 … 1-12月.

    Money in 万元 (one decimal), employees as whole persons. ``value_added_prior`` is the same
    enterprise's 1-N月 value a year earlier, revised by up to a few per cent in ``revision_share`` of
    rows, as re-stated prior-year figures are.

    >>> from seimon.demo.calibration import load_calibration
    >>> from seimon.demo.enterprises import generate_register
    >>> cal, rng = load_calibration(), np.random.default_rng(3)
    >>> reg = generate_register(cal, 40, (2019, 2020), rng)
    >>> df = year_reports(simulate(cal, reg, (2019, 2020), rng), reg, 2020, rng)
    >>> sorted(set(df["period"]))[:2], len(df) == 11 * int(reg.active(2020).sum())
    (['2020年1-10月', '2020年1-11月'], True)
    """
    k = sim.year_index(year)
    idx = np.flatnonzero(reg.active(year))
    months = np.asarray(REPORT_MONTHS) - 1
    va = _ytd(sim.va[idx, k])[:, months]
    prior = _ytd(sim.va[idx, k - 1])[:, months]
    revenue = _ytd(sim.revenue[idx, k])[:, months]
    profit = _ytd(sim.profit[idx, k])[:, months]
    rd = _ytd(sim.rd[idx, k])[:, months]
    revised = rng.random(prior.shape) < revision_share
    prior = np.where(revised, prior * (1 + rng.normal(0.0, 0.015, prior.shape)), prior)
    prior = np.maximum(prior, va / 2.8)  # keep within the 3× plausibility band checked on import
    employees = np.rint(sim.employees[idx, k][:, None] * rng.lognormal(0.0, 0.01, va.shape)).astype(np.int64)
    labels = np.array([Period.of_ytd(year, m).label_zh for m in REPORT_MONTHS], dtype=object)
    n = len(idx)
    return pd.DataFrame(
        {
            "credit_code": np.repeat(reg.credit_code[idx], len(months)),
            "period": np.tile(labels, n),
            "revenue": np.round(revenue.ravel(), 1),
            "value_added": np.round(va.ravel(), 1),
            "value_added_prior": np.round(prior.ravel(), 1),
            "profit": np.round(profit.ravel(), 1),
            "rd_expenditure": np.round(rd.ravel(), 1),
            "employees": employees.ravel(),
            "_unit": np.repeat(reg.unit[idx], len(months)),
            "_month": np.tile(np.asarray(REPORT_MONTHS), n),
            "_group": np.repeat(reg.group[idx], len(months)),
        }
    )


def corrections(frame: pd.DataFrame, rng: np.random.Generator, share: float = 0.004) -> pd.DataFrame:
    """A corrected resubmission: some enterprise-periods again, with revenue and value added changed.

    A corrected value stays between the enterprise's neighbouring year-to-date values, so the
    corrected series is still cumulative, and value added stays below revenue.

    >>> df = pd.DataFrame({"credit_code": ["A"] * 3, "period": ["p2", "p3", "p4"], "_month": [2, 3, 4],
    ...     "revenue": [100.0, 200.0, 300.0], "value_added": [30.0, 60.0, 90.0]})
    >>> fixed = corrections(df, np.random.default_rng(0), share=1.0)
    >>> len(fixed), bool((fixed["value_added"] <= fixed["revenue"]).all())
    (1, True)
    >>> row = fixed.index[0]
    >>> bool(df.revenue.get(row - 1, 0) <= fixed.revenue[row] <= df.revenue.get(row + 1, float("inf")))
    True

    At most one period per enterprise is corrected, so two corrected neighbours cannot cross.
    """
    n = len(frame)
    count = min(n, max(5, round(n * share)))
    chosen = np.sort(rng.choice(n, size=count, replace=False))
    codes_chosen = frame["credit_code"].to_numpy()[chosen]
    chosen = chosen[np.unique(codes_chosen, return_index=True)[1]]
    chosen.sort()
    count = len(chosen)
    out = frame.iloc[chosen].copy()
    factor = 1 + rng.choice([-1.0, 1.0], count) * rng.uniform(0.02, 0.08, count)
    same_prev = np.zeros(n, dtype=bool)
    same_next = np.zeros(n, dtype=bool)
    codes = frame["credit_code"].to_numpy()
    same_prev[1:] = codes[1:] == codes[:-1]
    same_next[:-1] = codes[:-1] == codes[1:]
    for field in ("revenue", "value_added"):
        values = frame[field].to_numpy(dtype=float)
        prev = np.where(same_prev, np.roll(values, 1), 0.0)[chosen]
        nxt = np.where(same_next, np.roll(values, -1), np.inf)[chosen]
        out[field] = np.round(np.clip(values[chosen] * factor, prev, nxt), 1)
    out["value_added"] = np.minimum(out["value_added"], out["revenue"])
    return out


def deflator_table(sim: Simulation, years: tuple[int, int]) -> pd.DataFrame:
    """Year-to-date price indices (previous year = 100) by GB/T 4754 division, 1-2月 … 1-12月.

    >>> from seimon.demo.calibration import load_calibration
    >>> from seimon.demo.enterprises import generate_register
    >>> cal, rng = load_calibration(), np.random.default_rng(3)
    >>> reg = generate_register(cal, 40, (2020, 2020), rng)
    >>> table = deflator_table(simulate(cal, reg, (2020, 2020), rng), (2020, 2020))
    >>> len(table) == 11 * len(set(reg.division))
    True
    """
    rows = []
    for division in sorted(sim.price_ytd):
        ytd = sim.price_ytd[division]
        for year in range(years[0], years[1] + 1):
            k = sim.year_index(year)
            for m in REPORT_MONTHS:
                label = Period.of_ytd(year, m).label_zh
                rows.append((division, label, round(float(ytd[k, m - 1]), 1), "上年同期=100"))
    return pd.DataFrame(rows, columns=["industry", "period", "price_index", "base"])
