"""The public query API: one indicator, a region, periods, an optional breakdown → values with units.

The CLI (`seimon query`), the web pages and reports call :func:`query`; it compiles one frame
(:mod:`seimon.indicators.compile`) and runs it on the chosen engine.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from pathlib import Path
from typing import Any

import ibis

from seimon.errors import Location, SeimonError
from seimon.indicators.compile import MAX_YEAR_SPAN, Cut, compile_frame
from seimon.indicators.dimensions import child_regions, region_level
from seimon.indicators.engines import default_engine, open_engine
from seimon.indicators.registry import Registry, load_registry
from seimon.indicators.spec import EXTRA_DIMENSIONS, IndicatorSpec
from seimon.periods import Period, YtdKey, ytd_key
from seimon.reference.regions import PROVINCE_CODE, load_regions
from seimon.store import Store, open_store

logger = logging.getLogger(__name__)

BY_CHOICES: tuple[str, ...] = ("region", *EXTRA_DIMENSIONS)


def ytd_key_for(text: str | Period, spec: IndicatorSpec | None = None) -> YtdKey:
    """The (year, end_month) a period asks for (:func:`seimon.periods.ytd_key`: ``2019-09`` is 1–9月 here),
    refused for an indicator that exists only for whole years.

    >>> ytd_key_for("2019"), ytd_key_for("2019-09"), ytd_key_for("2019年1-9月"), ytd_key_for("2019年10月末")
    ((2019, 12), (2019, 9), (2019, 9), (2019, 10))
    """
    year, end_month = ytd_key(text, location=Location(field="--period"))
    if spec is not None and spec.period.basis == "annual" and end_month != 12:
        raise SeimonError(
            f"指标 {spec.id} 只有年度数据",
            f"indicator {spec.id} exists only for whole years",
            Location(field="--period"),
            code="bad_period",
        )
    return (year, end_month)


def period_code(year: int, end_month: int, spec: IndicatorSpec) -> str:
    """How a result row names its period: ``2019`` for the year, ``2019-01..09`` for 1–9月, ``2019-10`` for a stock.

    >>> from seimon.indicators.registry import load_registry
    >>> period_code(2019, 9, load_registry()["sei_va"]), period_code(2019, 12, load_registry()["sei_va"])
    ('2019-01..09', '2019')
    """
    if end_month == 12 and spec.period.type == "flow":
        return str(year)
    if spec.period.basis == "as_published" and spec.period.type == "stock":
        return f"{year}-{end_month:02d}"
    return Period.of_ytd(year, end_month).code if end_month < 12 else str(year)


def _vintage(value: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.max)
    try:
        day = dt.date.fromisoformat(value)  # 2020-03-31: everything published up to the end of that day
    except ValueError:
        raise SeimonError(
            f"版本日期应为 YYYY-MM-DD：{value}",
            f"vintage must be a date YYYY-MM-DD: {value}",
            Location(field="--vintage"),
            code="bad_option",
        ) from None
    return dt.datetime.combine(day, dt.time.max)


def plan_query(spec: IndicatorSpec, region: str, by: str | None, view: str) -> tuple[Cut, list[str] | None]:
    """The cut to compile and the region codes to keep for a query.

    >>> from seimon.indicators.registry import load_registry
    >>> plan_query(load_registry()["sei_va"], "130000", "region", "reporting")[0].regions
    (('reporting', 'city'),)
    """
    regions = load_regions()
    regions.get(region)
    if view not in spec.views:
        raise SeimonError(
            f"指标 {spec.id} 不支持 {view} 视图",
            f"indicator {spec.id} has no {view} view",
            Location(field="--view"),
            code="indicator_dimension",
        )
    if by is not None and by not in BY_CHOICES:
        raise SeimonError(
            f"--by 应为 {'、'.join(BY_CHOICES)} 之一",
            f"--by must be one of {', '.join(BY_CHOICES)}",
            Location(field="--by"),
            code="bad_option",
        )
    if by is not None and by != "region" and by not in spec.dimensions:
        raise SeimonError(
            f"指标 {spec.id} 不能按 {by} 分组（可用：{'、'.join(spec.dimensions)}）",
            f"indicator {spec.id} cannot be cut by {by} (allowed: {', '.join(spec.dimensions)})",
            Location(field="--by"),
            code="indicator_dimension",
        )
    level = region_level(region, view)
    keep: list[str] | None = [region]
    if by == "region":
        keep = child_regions(region, view)
        if not keep:
            raise SeimonError(
                f"区划 {region} 没有下级",
                f"region {region} has no units below it",
                Location(field="--region"),
                code="bad_option",
            )
        level = region_level(keep[0], view)
    if level not in spec.region_levels:
        raise SeimonError(
            f"指标 {spec.id} 没有 {level} 级数据",
            f"indicator {spec.id} has no {level}-level values",
            Location(field="--region"),
            code="indicator_dimension",
        )
    extra = by if by not in (None, "region") else None
    return Cut(((view, level),), extra), keep


def query(
    indicator: str,
    *,
    region: str = PROVINCE_CODE,
    period: str | Period | None = None,
    by: str | None = None,
    view: str = "reporting",
    vintage: str | dt.date | dt.datetime | None = None,
    engine: str | None = None,
    store: Store | str | None = None,
    indicators: list[Path] | None = None,
    registry: Registry | None = None,
    single_month: bool = False,
) -> list[dict[str, Any]]:
    """Values of one indicator, as a list of rows ``{indicator, region, period, value, unit, <dimension>…}``.

    ``region`` is a code (default the province); ``by`` breaks it down (``region`` = the units directly
    below it in ``view``; or plan_industry, sei_field, sei_item, base, size, division — the GB/T 4754 行业大类,
    two digits such as ``"38"``). ``period`` like ``2019``
    (whole year), ``2019-09`` or ``2019年1-9月`` (1–9月 cumulative); ``None`` = every period. ``vintage``
    reads the data as published up to that date (default: the latest). ``single_month`` derives one
    month as the difference of consecutive cumulative values (1–2月 stays combined).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     query("sei_va", store=s, period="2019")
    []
    """
    registry = registry or load_registry(indicators or [])
    spec = registry[indicator]
    if single_month and not spec.period.single_month:
        raise SeimonError(
            f"指标 {spec.id} 不能拆分单月值",
            f"indicator {spec.id} has no derived single months",
            Location(field="--single-month"),
            code="bad_option",
        )
    cut, keep = plan_query(spec, region, by, view)
    wanted = ytd_key_for(period, spec) if period is not None else None
    periods: list[YtdKey] | None = None
    if wanted is not None:
        periods = [wanted]
        if single_month and wanted[1] > 2:
            periods.append((wanted[0], wanted[1] - 1))
    owns = not isinstance(store, Store)
    opened = open_store(store) if owns else store
    assert isinstance(opened, Store)
    try:
        if periods is None and _counts_enterprises(registry, spec):
            _check_year_span(opened)
        with open_engine(engine or default_engine(opened), opened) as eng:
            expr = compile_frame(registry, [spec.id], cut, eng.table, periods=periods, vintage=_vintage(vintage))
            if keep is not None:
                expr = expr.filter(expr.region.isin(keep))
            if single_month:
                expr = _single_month(expr, spec.id, cut)
            if wanted is not None:
                expr = expr.filter((expr.year == wanted[0]) & (expr.end_month == wanted[1]))
            expr = expr.filter(expr[spec.id].notnull()).order_by([*cut.keys])
            frame = eng.execute(expr)
    finally:
        if owns:
            opened.close()
    rows = []
    for rec in frame.to_dict("records"):
        value = float(rec[spec.id])
        if math.isnan(value):
            continue
        year, month = int(rec["year"]), int(rec["end_month"])
        row: dict[str, Any] = {
            "indicator": spec.id,
            "region": rec["region"],
            "period": (f"{year}-{month:02d}" if single_month else period_code(year, month, spec)),
            "value": value,
            "unit": spec.unit,
            "view": view,
        }
        if cut.extra:
            row[cut.extra] = rec[cut.extra]
        rows.append(row)
    return rows


def _counts_enterprises(registry: Registry, spec: IndicatorSpec) -> bool:
    """Whether ``spec`` is, or is computed from, a count of enterprises, entries or exits."""
    if spec.aggregation in ("count_distinct", "entries", "exits"):
        return True
    return any(_counts_enterprises(registry, registry[o]) for o in spec.operands)


def _check_year_span(store: Store) -> None:
    """Refuse a query over every period when the reports span more years than one query can count over."""
    row = store.fetchone("SELECT min(year), max(year) FROM reports WHERE is_current")
    years = int(row[1]) - int(row[0]) + 1 if row and row[0] is not None else 0
    if years > MAX_YEAR_SPAN:
        raise SeimonError(
            f"报表跨越 {years} 年，超过一次查询可计数的 {MAX_YEAR_SPAN} 年；请用 --period 指定时期",
            f"the reports span {years} years, more than the {MAX_YEAR_SPAN} one query can count enterprises over;"
            " give --period",
            Location(field="--period"),
            code="bad_option",
        )


def _single_month(expr: ibis.Table, column: str, cut: Cut) -> ibis.Table:
    """One month = this cumulative value − the previous month's; 1–2月 is kept as the first value."""
    group = [k for k in cut.keys if k != "end_month"]
    w = ibis.window(group_by=group, order_by="end_month")
    prev_value = expr[column].lag().over(w)
    prev_month = expr.end_month.lag().over(w)
    value = ibis.cases(
        (expr.end_month == 2, expr[column]),
        (prev_month == expr.end_month - 1, expr[column] - prev_value),
    )
    return expr.mutate(**{column: value})
