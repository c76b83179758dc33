"""Synthetic above-scale services enterprises and their services form (规模以上服务业企业财务状况).

The services half of SEI statistics needs enterprises the industrial register does not have: software and
integrated-circuit design, data centres and cloud services (Langfang, Zhangjiakou, Chengde), digital content and
design, R&D, testing and biomedical research services (Shijiazhuang), environmental services — so that every plan
industry, 数字创意 included, has enterprises. They are rows of the ordinary register (a second register file) and
report on the services form through ``seimon import service-reports``, year to date: monthly for information
services, quarterly for the others. Sizes stay above the NBS threshold of each sector
(:func:`seimon.reference.services_scope.services_threshold`).

Everything is drawn from its own numpy generator (``[seed, 19]``), so adding services left the industrial files of
a seed as they were. Calibration: ``resources/demo/services.yaml`` (assumptions, not published figures).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from seimon.declared import read_yaml
from seimon.demo.enterprises import class_lookup
from seimon.periods import Period
from seimon.reference.credit_code import generate_codes
from seimon.reference.regions import load_regions
from seimon.reference.services_scope import services_threshold
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

SERVICE_ENTERPRISE_FIELDS = ("credit_code", "name", "region", "industry", "products", "base", "size", "established")
SERVICE_REPORT_FIELDS = (
    "credit_code",
    "period",
    "revenue",
    "revenue_prior",
    "operating_cost",
    "operating_profit",
    "payroll",
    "taxes",
    "vat",
    "depreciation",
    "employees",
)
NO_EXIT = 9999
_TRADE_FIRST = tuple("数智云川岳澄启拓衡远星辰弘睿博恒")
_TRADE_SECOND = tuple("联创达信科图源途航泽鼎汇峰锐")
# 统计上大中小微型企业划分办法（2017）, 软件和信息技术服务业: large ≥300 persons and ≥10000万元, medium ≥100 and
# ≥1000万元, small ≥10 and ≥50万元 — applied to every demo services enterprise as an approximation
_SIZE_RULE = (("大型", 300, 10000.0), ("中型", 100, 1000.0), ("小型", 10, 50.0))


@cache
def services_calibration() -> dict[str, Any]:
    """The services calibration (``resources/demo/services.yaml``).

    >>> services_calibration()["classes"]["6550"]["word"]
    '云计算'
    """
    return dict(read_yaml(resource_path("demo", "services.yaml"), code="calibration").data)


@dataclass
class ServicesDemo:
    """The services register (a frame of :data:`SERVICE_ENTERPRISE_FIELDS`) and each year's reports."""

    register: pd.DataFrame
    reports: dict[int, pd.DataFrame]
    sei: np.ndarray  # per register row: the class places it in SEI (automatically or by a key product)


def _is_sei(code: str, products: str) -> bool:
    lookup = class_lookup(code)
    if lookup.automatic:
        return True
    return any(key in products for c in lookup.candidates for key in c.key_products)


def _products(rng: np.random.Generator, code: str, params: dict[str, Any], key_share: float) -> str:
    """Key products for most enterprises of a starred class (the product rule places them), else the generic ones."""
    lookup = class_lookup(code)
    keys = [p for c in lookup.candidates for p in c.key_products]
    if lookup.automatic or not keys:
        return str(params.get("products", ""))
    if rng.random() < key_share:
        picked = rng.choice(len(keys), size=min(len(keys), int(rng.integers(1, 3))), replace=False)
        return "；".join(keys[i] for i in sorted(picked))
    return str(params.get("products", ""))


def _size(revenue: float, persons: float) -> str:
    for label, min_persons, min_revenue in _SIZE_RULE:
        if persons >= min_persons and revenue >= min_revenue:
            return label
    return "微型"


def generate_services(
    n_industrial: int, years: tuple[int, int], rng: np.random.Generator, taken: set[str]
) -> ServicesDemo:
    """Draw the services enterprises (about ``share_of_enterprises`` × the industrial register) and their reports.

    ``taken`` are the industrial credit codes and names, never reused.

    >>> demo = generate_services(1000, (2019, 2020), np.random.default_rng(1), set())
    >>> len(demo.register) > 30, sorted(demo.reports), bool(demo.sei.any())
    (True, [2019, 2020], True)
    """
    cal = services_calibration()
    regions = load_regions()
    first, last = years
    units = cal["units"]
    n = max(len(units) * 2, round(n_industrial * float(cal["share_of_enterprises"])))
    weights = np.array([float(u["share"]) for u in units.values()])
    unit_of = np.array(list(units), dtype=object)[rng.choice(len(units), size=n, p=weights / weights.sum())]
    rows: list[dict[str, Any]] = []
    for unit in unit_of:
        mix = units[unit]["mix"]
        p = np.array([float(w) for w in mix.values()])
        code = list(mix)[int(rng.choice(len(mix), p=p / p.sum()))]
        region = regions.get(unit)
        counties = [r.code for r in regions.children(unit) if r.kind == "county"] if region.kind == "city" else [unit]
        rows.append({"unit": unit, "industry": code, "region": counties[int(rng.integers(0, len(counties)))]})
    frame = pd.DataFrame(rows)
    classes = cal["classes"]
    frame["products"] = [_products(rng, c, classes[c], float(cal["key_product_share"])) for c in frame["industry"]]
    sei = np.array([_is_sei(c, p) for c, p in zip(frame["industry"], frame["products"], strict=True)])
    # life cycle: entrants cross the threshold in a later year; some leave
    n_later = last - first
    entrant = rng.random(n) < min(0.6, float(cal["entrants_per_year"]) * n_later)
    entry = np.where(entrant & (n_later > 0), rng.integers(first + 1, last + 1, n) if n_later else first, first)
    exit_year = entry + rng.geometric(float(cal["exit_hazard"]), n) - 1
    exit_year = np.where(exit_year >= last, NO_EXIT, exit_year)
    # annual revenue from the year before the first: class median, lognormal spread, kept above the threshold
    sim_years = list(range(first - 1, last + 1))
    annual = np.empty((n, len(sim_years)))
    threshold = np.array([_threshold(c) for c in frame["industry"]])
    annual[:, 0] = np.array([float(classes[c]["revenue"]) for c in frame["industry"]]) * rng.lognormal(0.0, 0.7, n)
    annual[:, 0] = np.maximum(annual[:, 0], threshold * rng.uniform(1.05, 1.5, n))
    trend = rng.normal(0.0, 0.03, n)
    for k, year in enumerate(sim_years[1:], start=1):
        g = float(cal["revenue_growth"][min(max(year, 2015), 2020)]) + trend + rng.normal(0.0, float(cal["firm_sd"]), n)
        annual[:, k] = annual[:, k - 1] * np.clip(1 + np.where(sei, g, g * 0.6), 0.7, 1.8)
    for k, year in enumerate(sim_years):  # a reporting year is above the threshold
        reporting = (entry <= year) & (exit_year >= year)
        annual[:, k] = np.where(reporting, np.maximum(annual[:, k], threshold * 1.02), annual[:, k])
    season = np.array([0.07, 0.07, 0.08, 0.08, 0.08, 0.085, 0.085, 0.085, 0.085, 0.085, 0.09, 0.125])
    monthly = annual[:, :, None] * season[None, None, :] * rng.lognormal(0.0, 0.05, (n, len(sim_years), 12))
    monthly *= (annual / monthly.sum(axis=2))[:, :, None]
    codes, names = _identities(rng, frame, taken)
    productivity = rng.uniform(60.0, 160.0, n)  # 万元 of revenue per person a year
    established = [
        (
            dt.date(int(max(1990, e - 1 - rng.integers(0, 12))), 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
        ).isoformat()
        for e in entry
    ]
    persons = annual[:, 1] / productivity
    register = pd.DataFrame(
        {
            "credit_code": codes,
            "name": names,
            "region": frame["region"],
            "industry": frame["industry"],
            "products": frame["products"],
            "base": "",
            "size": [_size(r, p) for r, p in zip(annual[:, 1], persons, strict=True)],
            "established": established,
            "_unit": frame["unit"],
        }
    )
    reports = {
        year: _year_reports(cal, register, monthly, sim_years, year, entry, exit_year, productivity, rng)
        for year in range(first, last + 1)
    }
    logger.info("services: %d enterprises, %d SEI", n, int(sei.sum()))
    return ServicesDemo(register, reports, sei)


def _threshold(code: str) -> float:
    found = services_threshold(code)
    return found.threshold if found is not None else 2000.0


def _identities(rng: np.random.Generator, frame: pd.DataFrame, taken: set[str]) -> tuple[list[str], list[str]]:
    """Valid GB 32100 codes of the enterprise's county and distinct names, none of them in ``taken``."""
    regions = load_regions()
    codes: list[str] = [""] * len(frame)
    for county in sorted(set(frame["region"])):
        idx = np.flatnonzero(frame["region"].to_numpy() == county)
        drawn = [
            c for c in generate_codes(county, len(idx) + 8, seed=int(rng.integers(0, 2**31 - 1))) if c not in taken
        ]
        for i, code in zip(idx, drawn, strict=False):
            codes[i] = code
            taken.add(code)
    names: list[str] = []
    for unit, code in zip(frame["unit"], frame["industry"], strict=True):
        place = regions.get(unit).name_zh.removesuffix("市")
        word = services_calibration()["classes"][code]["word"]
        while True:
            trade = (
                _TRADE_FIRST[int(rng.integers(0, len(_TRADE_FIRST)))]
                + _TRADE_SECOND[int(rng.integers(0, len(_TRADE_SECOND)))]
            )
            name = f"{place}{trade}{word}{'服务' if rng.random() < 0.3 else '科技'}有限公司"
            if name not in taken:
                break
        taken.add(name)
        names.append(name)
    return codes, names


def _year_reports(  # noqa: PLR0917 - one year of the simulation
    cal: dict[str, Any],
    register: pd.DataFrame,
    monthly: np.ndarray,
    sim_years: list[int],
    year: int,
    entry: np.ndarray,
    exit_year: np.ndarray,
    productivity: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """The services form of ``year``: one row per reporting enterprise and span (monthly or quarterly)."""
    k = sim_years.index(year)
    classes = cal["classes"]
    monthly_divisions = set(cal["monthly_divisions"])
    out: list[dict[str, Any]] = []
    ytd = np.cumsum(monthly[:, k, :], axis=1)
    prior = np.cumsum(monthly[:, k - 1, :], axis=1)
    for i in np.flatnonzero((entry <= year) & (exit_year >= year)):
        code = register["industry"].iloc[i]
        params = classes[code]
        months = range(2, 13) if code[:2] in monthly_divisions else (3, 6, 9, 12)
        no_prior = entry[i] == year and rng.random() < 0.3  # some entrants leave 上年同期 empty
        margin = float(params["margin"]) + rng.normal(0.0, 0.03)
        shares = {p: float(params[p]) * rng.lognormal(0.0, 0.1) for p in ("payroll", "taxes", "vat", "depreciation")}
        for m in months:
            revenue = float(ytd[i, m - 1])
            before = None if no_prior else float(prior[i, m - 1]) * (1 + rng.normal(0.0, 0.01) * (rng.random() < 0.1))
            profit = revenue * (margin + rng.normal(0.0, 0.01))
            out.append(
                {
                    "credit_code": register["credit_code"].iloc[i],
                    "period": Period.of_ytd(year, m).label_zh,
                    "revenue": round(revenue, 1),
                    "revenue_prior": None if before is None else round(before, 1),
                    "operating_cost": round(revenue * (1 - margin - 0.08), 1),
                    "operating_profit": round(profit, 1),
                    **{p: round(revenue * s, 1) for p, s in shares.items()},
                    "employees": int(max(10, round(ytd[i, 11] / productivity[i] * rng.lognormal(0.0, 0.02)))),
                    "_unit": register["_unit"].iloc[i],
                    "_month": m,
                }
            )
    return pd.DataFrame(out)


__all__ = [
    "SERVICE_ENTERPRISE_FIELDS",
    "SERVICE_REPORT_FIELDS",
    "ServicesDemo",
    "generate_services",
    "services_calibration",
]
