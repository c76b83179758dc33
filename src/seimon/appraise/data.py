"""Per-unit indicator values for an appraisal, read from the indicator system through its query layer.

Why through :func:`seimon.indicators.query.query`: the appraisal must rank on exactly the figures the platform
shows elsewhere (same definitions, the reporting view that keeps 定州 and 辛集 apart without double counting,
the same as-of rule: ``vintage`` = what was published by that date). Values are rounded to 10 significant digits
on the way in, so that the last-bit differences between DuckDB's and PostgreSQL's sums cannot change a draw.

An indicator that no unit has is dropped from this run with a warning (it cannot tell units apart); a unit kind
that has no data at all (departments today) is an error that says so, never a table of zeros.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from seimon.appraise.framework import (
    AppraisalIndicator,
    Framework,
    ProjectSource,
    ReportingSource,
    TargetShareSource,
    TaskSource,
)
from seimon.assess.shares import assess_by_city, assess_by_department
from seimon.assess.warnings.base import WarningContext
from seimon.assess.warnings.completeness import expected_enterprises
from seimon.errors import Location, SeimonError
from seimon.indicators.dimensions import child_regions
from seimon.indicators.query import query
from seimon.indicators.registry import Registry, load_registry
from seimon.plan import load_plan
from seimon.reference.regions import load_regions
from seimon.store import Store
from seimon.tracking.projects import projects_report
from seimon.tracking.tasks import tasks_report
from seimon.tracking.vocab import department_en

logger = logging.getLogger(__name__)

UNIT_NAMES_ZH = {"cities": "市", "departments": "部门", "bases": "基地"}


@dataclass(frozen=True)
class Unit:
    """An appraised unit: region code, department id or base id, with its names."""

    code: str
    name_zh: str
    name_en: str


@dataclass
class UnitData:
    """The raw matrix (units × indicators, NaN = missing) and what was dropped and why."""

    units: list[Unit]
    indicators: list[AppraisalIndicator]
    values: np.ndarray
    dropped: list[str] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)


def _round(value: float) -> float:
    return float(f"{value:.10g}")


def appraised_units(
    framework: Framework, kind: str, store: Store | None = None, day: dt.date | None = None
) -> tuple[list[Unit], str | None]:
    """The units of ``kind`` and the breakdown (``region``, ``base`` or ``department``) that reads their values.

    >>> from seimon.appraise.framework import load_framework
    >>> units, by = appraised_units(load_framework(), "cities")
    >>> len(units), by, [u.name_zh for u in units if u.code in ("130682", "130181")]
    (13, 'region', ['辛集市', '定州市'])
    """
    unit_set = framework.units.get(kind)  # type: ignore[call-overload]
    if unit_set is None:
        raise SeimonError(
            f"考核框架 {framework.id} 没有定义 {kind} 考核对象",
            f"appraisal framework {framework.id} declares no {kind} units",
            Location(field="--units"),
            code="appraisal_units",
        )
    if unit_set.source == "region":
        regions = load_regions()
        codes = child_regions(unit_set.region, unit_set.view)
        units = []
        for code in codes:
            region = regions.get(code)
            units.append(Unit(code, region.name_zh, region.name_en or region.name_zh))
        return units, "region"
    if unit_set.source == "base":
        return [Unit(b.id, b.name_zh or b.id, b.name_en or b.name_zh or b.id) for b in load_plan().bases], "base"
    if unit_set.source == "registers":
        return _register_departments(store, day or dt.date.today()), "department"
    members = [Unit(m["id"], m.get("name_zh", m["id"]), m.get("name_en", m["id"])) for m in unit_set.members]
    return members, None


def _register_departments(store: Store | None, day: dt.date) -> list[Unit]:
    """Every department the task or project register makes responsible for something, by name; an error if none."""
    names: set[str] = set()
    if store is not None:
        names |= {str(g["key"]) for g in tasks_report(store, day)["by_department"] if g["key"]}
        names |= {str(g["key"]) for g in projects_report(store, day, by="department")["groups"] if g["key"]}
    if not names:
        raise SeimonError(
            "没有可考核的部门：任务库与项目库中尚无责任部门（seimon import tasks / projects）",
            "no departments: the task and project registers name no responsible department yet (seimon import "
            "tasks / projects)",
            Location(field="--units"),
            code="appraisal_no_data",
        )
    return [Unit(name, name, department_en(name)) for name in sorted(names)]


GOOD = ("on_track", "achieved")
"""Statuses that count as keeping to a target."""


def target_shares(store: Store, by: str, year: int, as_of: dt.date | None) -> dict[str, float]:
    """Per city (or department) the share of its broken-down (or led) targets on track or achieved at the end of
    ``year`` as known then, among those with a status (``insufficient_data`` is not counted either way)."""
    day = min(dt.date(year, 12, 31), as_of) if as_of else dt.date(year, 12, 31)
    groups = assess_by_department(store, as_of=day) if by == "department" else assess_by_city(store, as_of=day)
    out: dict[str, float] = {}
    for g in groups:
        counts = {k: v for k, v in g["status_counts"].items() if k != "insufficient_data"}
        if counts:
            out[str(g["key"])] = sum(counts.get(s, 0) for s in GOOD) / sum(counts.values())
    return out


def reporting_rates(store: Store, year: int, as_of: dt.date | None) -> dict[str, float]:
    """Per reporting city the share of its expected enterprises that reported 1–12月 ``year`` by ``as_of``
    (default: the whole year's release date, 27 January)."""
    day = as_of or dt.date(year + 1, 1, 27)
    ctx = WarningContext(store, day, load_plan())
    expected, _ = expected_enterprises(ctx, year, 12)
    cutoff = dt.datetime.combine(day, dt.time.max)
    reported = {
        str(code)
        for (code,) in store.fetchall(
            "SELECT DISTINCT credit_code FROM reports WHERE year = ? AND start_month = 1 AND end_month = 12"
            " AND vintage <= ?",
            [year, cutoff],
        )
    }
    regions = load_regions()
    totals: dict[str, list[int]] = {}
    for code, region in expected.items():
        unit = regions.ancestor_at(region, "city", "reporting") if region in regions else region[:4] + "00"
        counts = totals.setdefault(unit, [0, 0])
        counts[0] += 1
        counts[1] += code in reported
    return {unit: done / n for unit, (n, done) in totals.items() if n}


def task_rates(store: Store, measure: str, year: int, as_of: dt.date | None) -> dict[str, float]:
    """Each department's share of its tasks done (or overdue) at the end of ``year`` as known then."""
    day = min(dt.date(year, 12, 31), as_of) if as_of else dt.date(year, 12, 31)
    out: dict[str, float] = {}
    for g in tasks_report(store, day)["by_department"]:
        if g["key"] and g["tasks"]:
            out[str(g["key"])] = float(g["done_rate"] if measure == "done_rate" else g["overdue"] / g["tasks"])
    return out


def project_rates(store: Store, measure: str, by: str, year: int, as_of: dt.date | None) -> dict[str, float]:
    """A rate of each unit's projects at the end of ``year`` as known then (or at ``as_of`` if earlier), by city
    (the reporting view: 定州, 辛集 on their own), base or responsible department; units without projects have no
    value (a gap)."""
    day = min(dt.date(year, 12, 31), as_of) if as_of else dt.date(year, 12, 31)
    groups = projects_report(store, day, by={"region": "city"}.get(by, by))["groups"]
    return {str(g["key"]): float(g[measure]) for g in groups if g.get(measure) is not None}


def _source_values(  # noqa: PLR0917 - what one framework indicator needs to find its values
    store: Store, source: Any, by: str, year: int, as_of: dt.date | None, values_of: Any
) -> tuple[dict[str, float], dict[str, float] | None]:
    """The per-unit numerator (and denominator) of one framework indicator, from the register or the indicator
    system its source names; a source that says nothing of this kind of unit gives no values (a gap)."""
    if isinstance(source, ProjectSource):
        return project_rates(store, source.measure, by, year, as_of), None
    if isinstance(source, TargetShareSource):
        return (target_shares(store, by, year, as_of) if by in ("region", "department") else {}), None
    if isinstance(source, ReportingSource):
        return (reporting_rates(store, year, as_of) if by == "region" else {}), None
    if isinstance(source, TaskSource):
        return (task_rates(store, source.measure, year, as_of) if by == "department" else {}), None
    if by == "department":  # the indicator system has no breakdown by department
        return {}, None
    return values_of(source.indicator), (values_of(source.denominator) if source.denominator else None)


def gather(  # noqa: PLR0917 - mirrors appraise()'s arguments
    store: Store,
    framework: Framework,
    kind: str,
    year: int,
    as_of: dt.date | None = None,
    registry: Registry | None = None,
) -> UnitData:
    """The raw values of every framework indicator for every unit of ``kind`` in ``year``, known by ``as_of``."""
    registry = registry or load_registry()
    units, by = appraised_units(framework, kind, store, min(dt.date(year, 12, 31), as_of or dt.date.max))
    if by is None:
        raise SeimonError(
            f"没有{UNIT_NAMES_ZH.get(kind, kind)}考核数据：数据库中没有按部门报送的指标值，无法考核 {kind}",
            f"no data for {kind}: the store holds no per-{kind[:-1]} indicator values, so {kind} cannot be appraised",
            Location(field="--units"),
            code="appraisal_no_data",
        )
    unit_set = framework.units[kind]  # type: ignore[index]
    cache: dict[str, dict[str, float]] = {}

    def values_of(indicator_id: str) -> dict[str, float]:
        if indicator_id not in cache:
            rows = query(
                indicator_id,
                region=unit_set.region if by == "region" else "130000",
                period=str(year),
                by=by,
                view=unit_set.view,
                vintage=as_of,
                store=store,
                registry=registry,
            )
            key = "region" if by == "region" else "base"
            cache[indicator_id] = {
                str(r[key]): _round(r["value"]) for r in rows if r["value"] is not None and math.isfinite(r["value"])
            }
        return cache[indicator_id]

    codes = [u.code for u in units]
    columns: list[np.ndarray] = []
    kept: list[AppraisalIndicator] = []
    data = UnitData(units, [], np.empty((len(units), 0)))
    for indicator in framework.indicators():
        source = indicator.source
        try:
            numerator, denominator = _source_values(store, source, by, year, as_of, values_of)
        except SeimonError as err:
            if err.code != "indicator_dimension":
                raise
            numerator, denominator = {}, None
            logger.info("indicator %s has no %s values: %s", indicator.id, kind, err.message_en)
        column = np.full(len(units), np.nan)
        for row, code in enumerate(codes):
            value = numerator.get(code)
            if value is None:
                continue
            if denominator is not None:
                den = denominator.get(code)
                if den is None or den == 0:
                    continue
                value = _round(value / den * source.scale)
            else:
                value = _round(value * source.scale)
            column[row] = value
        if np.all(np.isnan(column)):
            data.dropped.append(indicator.id)
            data.warnings.append(
                {
                    "code": "indicator_without_data",
                    "zh": f"指标 {indicator.name_zh}（{indicator.id}）{year} 年没有任何"
                    f"{UNIT_NAMES_ZH.get(kind, '')}的数据，本次不参与考核",
                    "en": f"indicator {indicator.id} has no value for any unit in {year}; left out of this appraisal",
                }
            )
            continue
        kept.append(indicator)
        columns.append(column)
    if not kept:
        raise SeimonError(
            f"{year} 年没有可用于考核的数据（{kind}）：考核框架的指标均无值",
            f"no data to appraise {kind} in {year}: none of the framework's indicators has a value",
            Location(field="--year"),
            code="appraisal_no_data",
        )
    data.indicators = kept
    data.values = np.column_stack(columns)
    return data
