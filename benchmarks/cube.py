"""Benchmark: the full indicator cube through the engine vs hand-written DuckDB SQL vs pandas, same data, same run.

    python benchmarks/cube.py --enterprises 2000 --months 24 [--engine duckdb|spark] [--skip-pandas]

Builds a synthetic store (enterprises in every county-level unit and a few with a region code outside the
register, overlapping SEI items within and across fields, base and size, enterprises that skip a year so
that there are entries and exits, year-to-date reports with 1–2月 combined, deflators by division), then
computes the **same full cube** three ways — every enterprise-report indicator of the built-in system ×
every cut of :func:`seimon.indicators.cube.cube_cuts` (all region roll-ups; plan industry, SEI field, SEI
item, base, size) × every period, with year-on-year and period-on-period values:

* engine: :func:`seimon.indicators.cube.build_cube` (the Ibis plan compiled to SQL, run on ``--engine``; the
  one-off compilation of the plan — once per indicator system and dialect, then kept in the store — is
  timed apart as ``compile_seconds``);
* sql: hand-written DuckDB SQL (a temporary fact table, one grouped pass per SEI cut and one for the others,
  ``UNPIVOT`` and window functions) — written independently of the compiler, from the definitions;
* pandas: the same steps in pandas, reading the raw tables from the store.

It checks that the three cubes have the same cells and values (relative 1e-9; period labels and units too),
then measures the incremental cost: ``compute_cube`` on the whole store, one more month of reports appended
(a new batch), ``compute_cube`` again (it recomputes only the new month and what it is compared with).
Each contender runs ``--repeat`` times (default 2; so do the full ``compute_cube`` and the appended month,
a new month each time) and its fastest run counts: on a shared machine a single run can be slowed by
another job. The last line is a JSON object. GDP and published observations are not generated: those indicators are
empty in all three (the engine still runs their parts of the plan).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from seimon.indicators import load_registry
from seimon.indicators.cube import build_cube, compute_cube
from seimon.indicators.cubeplan import cube_sql
from seimon.indicators.dimensions import ensure_dimension_tables, region_rows
from seimon.indicators.engines import open_engine
from seimon.reference.regions import load_regions
from seimon.store import Store, open_store

logger = logging.getLogger(__name__)

PLAN = {"1": "next_gen_it", "2": "advanced_equipment", "3": "new_materials", "4": "biology", "5": "nev"}
T0 = dt.datetime(2024, 1, 1)
OUTSIDE_REGISTER = "139999"  # a county code the register does not know: reported, not silently dropped
KEYS = ["indicator", "view", "level", "region", "dimension", "dimension_value", "year", "end_month"]
VALUES = ["value", "value_prior_year", "yoy", "value_prior_period", "pop"]
REPORT_COLUMNS = [
    "credit_code",
    "period",
    "period_kind",
    "year",
    "start_month",
    "end_month",
    "revenue",
    "value_added",
    "value_added_prior",
    "profit",
    "rd_expenditure",
    "employees",
    "batch_id",
    "vintage",
    "is_current",
]
DEFLATOR_COLUMNS = [
    "division",
    "period",
    "period_kind",
    "year",
    "start_month",
    "end_month",
    "index_value",
    "batch_id",
    "vintage",
    "is_current",
]


# --- data -------------------------------------------------------------------------------------------------
def periods_of(months: int) -> list[tuple[int, int]]:
    """Year-to-date periods of ``months`` calendar months from 2018-01 (1月 has no report: 1–2月 combined).

    >>> len(periods_of(14)), periods_of(14)[-1]
    (12, (2019, 2))
    """
    return [(2018 + k // 12, k % 12 + 1) for k in range(months) if k % 12 + 1 >= 2]


def _code(year: int, month: int) -> str:
    return str(year) if month == 12 else f"{year}-01..{month:02d}"


def _enterprise_ids(n: int) -> list[tuple[str, str, str]]:
    counties = sorted(r.code for r in load_regions().county_units())
    out = []
    for i in range(n):
        region = OUTSIDE_REGISTER if i % 997 == 996 else counties[i % len(counties)]
        out.append((f"9113{i:014d}", region, ["3841", "3562", "2710", "3011"][i % 4]))
    return out


def _reports(ents: list[tuple[str, str, str]], year: int, month: int, rnd: random.Random, batch: int) -> list[Any]:
    rows = []
    for i, (code, _, _) in enumerate(ents):
        if (i + year) % 17 == 0:  # skips this year: an exit now, an entry the year after
            continue
        va = rnd.uniform(100, 1000) * month
        rev = va * rnd.uniform(3, 5)
        rows.append(
            (
                code,
                _code(year, month),
                "year" if month == 12 else "ytd",
                year,
                1,
                month,
                rev,
                va,
                va / rnd.uniform(0.95, 1.15),
                rev * rnd.uniform(-0.02, 0.12),
                rev * rnd.uniform(0, 0.04),
                float(rnd.randint(20, 900)),
                batch,
                T0,
                True,
            )
        )
    return rows


def _deflators(year: int, month: int, rnd: random.Random, batch: int) -> list[Any]:
    kind = "year" if month == 12 else "ytd"
    return [
        (d, _code(year, month), kind, year, 1, month, 100 + rnd.uniform(-3, 3), batch, T0, True)
        for d in ("38", "35", "27", "30")
    ]


def build(store: Store, n: int, months: int, seed: int = 1) -> int:
    """Fill ``store`` with ``n`` enterprises and ``months`` months of year-to-date reports; returns report rows."""
    rnd = random.Random(seed)
    ents = _enterprise_ids(n)
    cls = []
    for i, (code, _, _) in enumerate(ents):
        if i % 3 == 0:
            continue
        if i % 7 == 0:  # two fields: counted once in every total
            items = [("5.1", "5"), ("1.1", "1")]
        elif i % 11 == 0:  # two items of one field: once per field and plan industry
            items = [("2.1", "2"), ("2.2", "2")]
        else:
            fld = str(1 + i % 5)
            items = [(f"{fld}.1", fld)]
        for item, fld in items:
            cls.append((code, "3841", "x", "x", "x", item, fld, PLAN[fld], "automatic", "assigned", "", "", T0))
    store.bulk_insert(
        "enterprises",
        ["credit_code", "name", "region", "industry", "base", "size", "batch_id", "vintage", "is_current"],
        [
            (c, f"E{i}", r, ind, ["基地甲", None, "基地乙"][i % 3], ["大型", "中型", "小型", None][i % 4], 1, T0, True)
            for i, (c, r, ind) in enumerate(ents)
        ],
    )
    store.bulk_insert(
        "enterprise_classifications",
        [
            "credit_code",
            "class_code",
            "edition",
            "industry_edition",
            "concordance_origin",
            "sei_code",
            "field_code",
            "plan_industry",
            "method",
            "status",
            "reason_zh",
            "reason_en",
            "classified_at",
        ],
        cls,
    )
    total = 0
    for year, month in periods_of(months):
        total += store.bulk_insert("reports", REPORT_COLUMNS, _reports(ents, year, month, rnd, 1))
        store.bulk_insert("deflators", DEFLATOR_COLUMNS, _deflators(year, month, rnd, 1))
    return total


def append_month(store: Store, n: int, months: int, seed: int = 2, batch: int = 2) -> tuple[int, int]:
    """Load the month after the last one (as batch ``batch``, newer than any loaded), as a monthly import
    would; returns its period."""
    rnd = random.Random(seed)
    k = months
    while (k % 12 + 1) < 2:
        k += 1
    year, month = 2018 + k // 12, k % 12 + 1
    store.bulk_insert("reports", REPORT_COLUMNS, _reports(_enterprise_ids(n), year, month, rnd, batch))
    store.bulk_insert("deflators", DEFLATOR_COLUMNS, _deflators(year, month, rnd, batch))
    return year, month


# --- the cube, by hand --------------------------------------------------------------------------------------
# Written from the definitions in resources/indicators/enterprise.yaml, not generated from the registry.
# SERVICES_NOTE: the generated store holds industrial reports only, so the services half of sei_revenue and of
# sei_va_total (resources/indicators/services.yaml) is empty: each equals its industrial part here, which is how
# both contenders compute them. The services half is checked against pandas in tests/indicators.
SEI_DIMS = {"plan_industry": "plan_industry", "sei_field": "field_code", "sei_item": "sei_code"}
UNITS = {
    **dict.fromkeys(
        [
            "sei_va",
            "above_scale_va",
            "sei_va_comparable",
            "sei_va_prior_comparable",
            "above_scale_va_comparable",
            "above_scale_va_prior_comparable",
            "sei_va_increment",
            "above_scale_va_increment",
            "sei_revenue",
            "sei_industry_revenue",
            "sei_va_total",
            "sei_profit",
            "sei_rd_expenditure",
        ],
        "万元",
    ),
    **dict.fromkeys(
        [
            "sei_va_real_growth",
            "above_scale_va_real_growth",
            "sei_va_share_above_scale",
            "sei_contribution_rate",
            "sei_profit_margin",
            "sei_rd_intensity",
        ],
        "%",
    ),
    **dict.fromkeys(["sei_growth_gap", "sei_pull"], "百分点"),
    **dict.fromkeys(["sei_enterprises", "sei_entries", "sei_exits"], "家"),
}
ABOVE_SCALE = [
    "above_scale_va",
    "above_scale_va_comparable",
    "above_scale_va_prior_comparable",
    "above_scale_va_real_growth",
    "above_scale_va_increment",
]
BASE_SUMS = [
    "sei_va",
    "above_scale_va",
    "sei_va_comparable",
    "sei_va_prior_comparable",
    "above_scale_va_comparable",
    "above_scale_va_prior_comparable",
    "sei_revenue",
    "sei_profit",
    "sei_rd_expenditure",
]
COUNTS = ["sei_enterprises", "sei_entries", "sei_exits"]
REGIONS_ALL = [("reporting", "province"), ("reporting", "city"), ("geographic", "city"), ("reporting", "county")]
REGIONS_ABOVE_COUNTY = REGIONS_ALL[:3]

SQL_FACT = """
CREATE OR REPLACE TEMP TABLE h_fact AS
WITH r AS (
  SELECT credit_code, year, end_month, value_added, value_added_prior, revenue, profit, rd_expenditure
  FROM reports WHERE is_current AND start_month = 1),
prev AS (SELECT DISTINCT credit_code, year + 1 AS year, end_month FROM r),
present AS (SELECT DISTINCT year, end_month FROM r),
facts AS (
  SELECT r.credit_code, r.year, r.end_month, r.value_added, r.value_added_prior, r.revenue, r.profit,
         r.rd_expenditure, prev.credit_code IS NOT NULL AS has_prev, false AS is_exit
  FROM r LEFT JOIN prev ON prev.credit_code = r.credit_code AND prev.year = r.year AND prev.end_month = r.end_month
  UNION ALL
  SELECT p.credit_code, p.year, p.end_month, NULL, NULL, NULL, NULL, NULL, true, true
  FROM prev p SEMI JOIN present USING (year, end_month) ANTI JOIN r USING (credit_code, year, end_month)),
sei AS (SELECT DISTINCT credit_code FROM enterprise_classifications WHERE status = 'assigned')
SELECT f.credit_code, e.region AS code, coalesce(e.base, '未填报') AS base, coalesce(e.size, '未填报') AS size,
       f.year, f.end_month, sei.credit_code IS NOT NULL AS is_sei, f.has_prev, f.is_exit,
       f.value_added, f.revenue, f.profit, f.rd_expenditure,
       CASE WHEN f.value_added IS NOT NULL AND f.value_added_prior IS NOT NULL AND d.index_value IS NOT NULL
            THEN f.value_added / (NULLIF(d.index_value, 0) / 100.0) END AS va_c,
       CASE WHEN f.value_added IS NOT NULL AND f.value_added_prior IS NOT NULL AND d.index_value IS NOT NULL
            THEN f.value_added_prior END AS vap_c
FROM facts f JOIN enterprises e ON e.credit_code = f.credit_code AND e.is_current
LEFT JOIN sei ON sei.credit_code = f.credit_code
LEFT JOIN deflators d ON d.is_current AND d.start_month = 1 AND d.division = substr(e.industry, 1, 2)
     AND d.year = f.year AND d.end_month = f.end_month
"""
SQL_AGG = """
  sum(CASE WHEN is_sei THEN value_added END) AS sei_va,
  sum(value_added) AS above_scale_va,
  sum(CASE WHEN is_sei THEN va_c END) AS sei_va_comparable,
  sum(CASE WHEN is_sei THEN vap_c END) AS sei_va_prior_comparable,
  sum(va_c) AS above_scale_va_comparable,
  sum(vap_c) AS above_scale_va_prior_comparable,
  sum(CASE WHEN is_sei THEN revenue END) AS sei_revenue,
  sum(CASE WHEN is_sei THEN profit END) AS sei_profit,
  sum(CASE WHEN is_sei THEN rd_expenditure END) AS sei_rd_expenditure,
  CASE WHEN bool_or(NOT is_exit)
       THEN count(DISTINCT CASE WHEN is_sei AND NOT is_exit THEN credit_code END) END AS sei_enterprises,
  CASE WHEN bool_or(NOT is_exit)
       THEN count(DISTINCT CASE WHEN is_sei AND NOT is_exit AND NOT has_prev THEN credit_code END) END AS sei_entries,
  CASE WHEN bool_or(is_exit) THEN count(DISTINCT CASE WHEN is_sei AND is_exit THEN credit_code END) END AS sei_exits
"""
SQL_COMPOSITES = """
  (sei_va_comparable / NULLIF(sei_va_prior_comparable, 0) - 1) * 100 AS sei_va_real_growth,
  (a_comp / NULLIF(a_prior, 0) - 1) * 100 AS a_growth,
  sei_va_comparable - sei_va_prior_comparable AS sei_va_increment,
  a_comp - a_prior AS a_increment,
  sei_va / NULLIF(a_va, 0) * 100 AS sei_va_share_above_scale,
  sei_profit / NULLIF(sei_revenue, 0) * 100 AS sei_profit_margin,
  sei_rd_expenditure / NULLIF(sei_revenue, 0) * 100 AS sei_rd_intensity,
  sei_revenue AS sei_industry_revenue,
  sei_va AS sei_va_total
"""
SQL_CHANGES = """
WITH w AS (
  SELECT *, CASE WHEN lag(year) OVER wy = year - 1 THEN lag(value) OVER wy END AS value_prior_year,
         lag(value) OVER wp AS value_prior_period
  FROM h_long
  WINDOW wy AS (PARTITION BY indicator, view, level, region, dimension, dimension_value, end_month ORDER BY year),
         wp AS (PARTITION BY indicator, view, level, region, dimension, dimension_value, year ORDER BY end_month))
SELECT w.indicator, view, level, region, dimension, dimension_value, year, end_month,
       CASE WHEN end_month = 12 THEN year::VARCHAR
            ELSE year::VARCHAR || '-01..' || lpad(end_month::VARCHAR, 2, '0') END AS period,
       value, value_prior_year,
       CASE WHEN u.unit IN ('%', '百分点') THEN value - value_prior_year
            ELSE (value / NULLIF(value_prior_year, 0) - 1) * 100 END AS yoy,
       value_prior_period,
       CASE WHEN u.unit IN ('%', '百分点') THEN value - value_prior_period
            ELSE (value / NULLIF(value_prior_period, 0) - 1) * 100 END AS pop,
       u.unit
FROM w JOIN h_units u ON u.indicator = w.indicator
"""


def _frame(con: Any, sql: str) -> pd.DataFrame:
    """A query's rows as a DataFrame through Arrow — the fast way out of DuckDB, used by all three contenders."""
    return con.sql(sql).to_arrow_table().to_pandas()


def _in(regions: list[tuple[str, str]]) -> str:
    return " OR ".join(f"(m.view = '{v}' AND m.level = '{lv}')" for v, lv in regions)


def hand_sql(store: Store) -> pd.DataFrame:
    """The full cube with hand-written DuckDB SQL (see the module docstring)."""
    con = store.backend.conn  # type: ignore[attr-defined]
    con.execute(SQL_FACT)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE h_fine AS SELECT code, base, size, year, end_month, {SQL_AGG} "
        "FROM h_fact GROUP BY ALL"
    )
    sums = ", ".join(f"sum({c}) AS {c}" for c in [*BASE_SUMS, *COUNTS])
    cuts: list[tuple[str, str, list[tuple[str, str]]]] = [("", "h_fine", REGIONS_ALL)]
    for dim in ("plan_industry", "sei_field", "sei_item", "base", "size"):
        fine = "h_fine"
        if dim in SEI_DIMS:
            fine = f"h_fine_{dim}"
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {fine} AS SELECT code, c.{dim}, year, end_month, {SQL_AGG} "
                f"FROM h_fact JOIN (SELECT DISTINCT credit_code, {SEI_DIMS[dim]} AS {dim} FROM "
                f"enterprise_classifications WHERE status = 'assigned' AND {SEI_DIMS[dim]} IS NOT NULL) c "
                "USING (credit_code) GROUP BY ALL"
            )
        cuts.append((dim, fine, REGIONS_ABOVE_COUNTY))
    selects = []
    for dim, fine, regions in cuts:
        name = f"h_w_{dim or 'total'}"
        extra = f", {dim}" if dim else ""
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name}_s AS SELECT m.view, m.level, m.region{extra}, year, end_month, "
            f"{sums} FROM {fine} f JOIN ind_dim_region m ON m.code = f.code AND ({_in(regions)}) GROUP BY ALL"
        )
        local = not dim or dim in ("base", "size")  # above-scale totals exist in the cut, else from the total
        if local:
            src = (
                f"SELECT *, above_scale_va AS a_va, above_scale_va_comparable AS a_comp, "
                f"above_scale_va_prior_comparable AS a_prior FROM {name}_s"
            )
        else:
            src = (
                f"SELECT s.*, t.above_scale_va AS a_va, t.above_scale_va_comparable AS a_comp, "
                f"t.above_scale_va_prior_comparable AS a_prior, t.above_scale_va_real_growth AS t_growth, "
                f"t.above_scale_va_increment AS t_increment FROM {name}_s s LEFT JOIN h_w_total t "
                "USING (view, level, region, year, end_month)"
            )
        growth = "a_growth" if local else "t_growth"
        increment = "a_increment" if local else "t_increment"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT *, sei_va_real_growth - {growth} AS sei_growth_gap, "
            f"sei_va_increment / NULLIF({increment}, 0) * 100 AS sei_contribution_rate, "
            f"sei_va_increment / NULLIF(a_prior, 0) * 100 AS sei_pull, "
            f"a_growth AS above_scale_va_real_growth, a_increment AS above_scale_va_increment "
            f"FROM (SELECT *, {SQL_COMPOSITES} FROM ({src}))"
        )
        columns = [c for c in UNITS if local or c not in ABOVE_SCALE]
        value = f"{dim}::VARCHAR" if dim else "''"
        cast = ", ".join(f"{c}::DOUBLE AS {c}" for c in columns)
        selects.append(
            f"SELECT * FROM (UNPIVOT (SELECT view, level, region, '{dim}' AS dimension, {value} AS dimension_value, "
            f"year::INTEGER AS year, end_month::INTEGER AS end_month, {cast} FROM {name}) "
            f"ON {', '.join(columns)} INTO NAME indicator VALUE value)"
        )
    con.execute("CREATE OR REPLACE TEMP TABLE h_long AS " + " UNION ALL ".join(selects))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE h_units AS SELECT * FROM (VALUES "
        + ", ".join(f"('{i}', '{u}')" for i, u in UNITS.items())
        + ") u(indicator, unit)"
    )
    return _frame(con, SQL_CHANGES)


# --- the cube in pandas --------------------------------------------------------------------------------------
def _div(a: pd.Series, b: pd.Series) -> pd.Series:
    return a / b.where(b != 0)


def _pd_aggregate(f: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = f.groupby(keys, sort=False, observed=True)
    sums = g[["sei_va_", "value_added", "sei_vac", "sei_vapc", "va_c", "vap_c", "sei_rev", "sei_profit_", "sei_rd"]]
    out = sums.sum(min_count=1)
    out.columns = BASE_SUMS
    counts = g[["cur_sei", "ent_sei", "exit_sei"]].nunique()
    flags = g[["is_now", "is_exit"]].any()
    out["sei_enterprises"] = counts["cur_sei"].where(flags["is_now"])
    out["sei_entries"] = counts["ent_sei"].where(flags["is_now"])
    out["sei_exits"] = counts["exit_sei"].where(flags["is_exit"])
    return out.reset_index()


def with_pandas(store: Store) -> pd.DataFrame:
    """The full cube in pandas from the raw store tables (see the module docstring)."""
    con = store.backend.conn  # type: ignore[attr-defined]
    r = _frame(
        con,
        "SELECT credit_code, year, end_month, value_added, value_added_prior, revenue, profit, rd_expenditure "
        "FROM reports WHERE is_current AND start_month = 1",
    )
    e = _frame(
        con,
        "SELECT credit_code, region AS code, substr(industry, 1, 2) AS division, base, size FROM enterprises "
        "WHERE is_current",
    )
    d = _frame(con, "SELECT division, year, end_month, index_value FROM deflators WHERE is_current AND start_month = 1")
    c = _frame(
        con,
        "SELECT credit_code, sei_code, field_code, plan_industry FROM enterprise_classifications "
        "WHERE status = 'assigned'",
    )
    f = _pd_facts(r, e, d, c)
    return _pd_cube(f, c)


def _pd_facts(r: pd.DataFrame, e: pd.DataFrame, d: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    """Report rows plus exit rows, with region, base, size, SEI flag, deflated values and count keys."""
    key3 = ["credit_code", "year", "end_month"]
    prev = r[key3].drop_duplicates()
    prev["year"] += 1
    present = r[["year", "end_month"]].drop_duplicates()
    r = r.merge(prev.assign(has_prev=True), on=key3, how="left")
    r["has_prev"] = r["has_prev"].fillna(False).astype(bool)
    r["is_exit"] = False
    ex = prev.merge(present, on=["year", "end_month"]).merge(r[key3], on=key3, how="left", indicator=True)
    ex = ex[ex["_merge"] == "left_only"].drop(columns="_merge").assign(has_prev=True, is_exit=True)
    f = pd.concat([r, ex], ignore_index=True).merge(e, on="credit_code")
    f["base"] = f["base"].fillna("未填报")
    f["size"] = f["size"].fillna("未填报")
    f = f.merge(d, on=["division", "year", "end_month"], how="left")
    sei = f["credit_code"].isin(set(c["credit_code"]))
    ok = f["value_added"].notna() & f["value_added_prior"].notna() & f["index_value"].notna()
    f["va_c"] = (f["value_added"] / (f["index_value"].where(f["index_value"] != 0) / 100.0)).where(ok)
    f["vap_c"] = f["value_added_prior"].where(ok)
    f["sei_va_"] = f["value_added"].where(sei)
    f["sei_vac"] = f["va_c"].where(sei)
    f["sei_vapc"] = f["vap_c"].where(sei)
    f["sei_rev"] = f["revenue"].where(sei)
    f["sei_profit_"] = f["profit"].where(sei)
    f["sei_rd"] = f["rd_expenditure"].where(sei)
    f["is_now"] = ~f["is_exit"]
    f["cur_sei"] = f["credit_code"].where(sei & f["is_now"])
    f["ent_sei"] = f["credit_code"].where(sei & f["is_now"] & ~f["has_prev"])
    f["exit_sei"] = f["credit_code"].where(sei & f["is_exit"])
    return f


def _pd_cube(f: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    """Cuts, roll-ups, composites, stacking and yoy/pop over the enriched facts."""
    dims = pd.DataFrame(list(region_rows()), columns=["view", "level", "code", "region", "region_level"])
    fine = _pd_aggregate(f, ["code", "base", "size", "year", "end_month"])
    base_cols = [*BASE_SUMS, *COUNTS]
    region_keys = ["view", "level", "region"]
    period_keys = ["year", "end_month"]
    wides: list[tuple[str, pd.DataFrame, bool]] = []
    total: pd.DataFrame | None = None
    for dim in ("", "plan_industry", "sei_field", "sei_item", "base", "size"):
        regions = REGIONS_ALL if not dim else REGIONS_ABOVE_COUNTY
        m = dims[pd.Series(list(zip(dims["view"], dims["level"], strict=True))).isin(regions).to_numpy()]
        src = fine
        if dim in SEI_DIMS:
            cls = c[c[SEI_DIMS[dim]].notna()][["credit_code", SEI_DIMS[dim]]].drop_duplicates()
            cls = cls.rename(columns={SEI_DIMS[dim]: dim})
            src = _pd_aggregate(f.merge(cls, on="credit_code"), ["code", dim, "year", "end_month"])
        keys = [*region_keys, *([dim] if dim else []), *period_keys]
        w = src.merge(m, on="code").groupby(keys, sort=False)[base_cols].sum(min_count=1).reset_index()
        local = not dim or dim in ("base", "size")
        if local:
            a = w
        else:
            assert total is not None
            a = w[region_keys + period_keys].merge(total, on=region_keys + period_keys, how="left")

        def at(col: str, a: pd.DataFrame = a, w: pd.DataFrame = w) -> pd.Series:
            return pd.Series(a[col].to_numpy(), index=w.index)  # the cut's own or the region total's value

        a_growth = (_div(at("above_scale_va_comparable"), at("above_scale_va_prior_comparable")) - 1.0) * 100.0
        a_increment = at("above_scale_va_comparable") - at("above_scale_va_prior_comparable")
        w["sei_va_real_growth"] = (_div(w["sei_va_comparable"], w["sei_va_prior_comparable"]) - 1.0) * 100.0
        w["sei_va_increment"] = w["sei_va_comparable"] - w["sei_va_prior_comparable"]
        w["sei_va_share_above_scale"] = _div(w["sei_va"], at("above_scale_va")) * 100.0
        w["sei_profit_margin"] = _div(w["sei_profit"], w["sei_revenue"]) * 100.0
        w["sei_rd_intensity"] = _div(w["sei_rd_expenditure"], w["sei_revenue"]) * 100.0
        w["sei_industry_revenue"] = w["sei_revenue"]  # no services reports: see SERVICES_NOTE
        w["sei_va_total"] = w["sei_va"]
        w["sei_growth_gap"] = w["sei_va_real_growth"] - a_growth
        w["sei_contribution_rate"] = _div(w["sei_va_increment"], a_increment) * 100.0
        w["sei_pull"] = _div(w["sei_va_increment"], at("above_scale_va_prior_comparable")) * 100.0
        if local:
            w["above_scale_va_real_growth"] = a_growth
            w["above_scale_va_increment"] = a_increment
        if not dim:
            total = w
        wides.append((dim, w, local))
    return _pd_changes(wides)


def _pd_changes(wides: list[tuple[str, pd.DataFrame, bool]]) -> pd.DataFrame:
    """Stack the wide frames into cube rows; add yoy, pop, units and period labels."""
    region_keys = ["view", "level", "region"]
    period_keys = ["year", "end_month"]
    longs = []
    for dim, w, local in wides:
        columns = [c_ for c_ in UNITS if local or c_ not in ABOVE_SCALE]
        keys = [*region_keys, *([dim] if dim else []), *period_keys]
        long = w[[*keys, *columns]].melt(id_vars=keys, value_vars=columns, var_name="indicator", value_name="value")
        long = long[long["value"].notna()]
        long["dimension"] = dim
        long["dimension_value"] = long[dim].astype(str) if dim else ""
        longs.append(long.drop(columns=[dim]) if dim else long)
    cube = pd.concat(longs, ignore_index=True)
    cube["value"] = cube["value"].astype(float)
    cell = ["indicator", "view", "level", "region", "dimension", "dimension_value"]
    prior_year = cube[[*cell, "year", "end_month", "value"]].rename(columns={"value": "value_prior_year"})
    prior_year["year"] += 1
    cube = cube.merge(prior_year, on=[*cell, "year", "end_month"], how="left")
    cube = cube.sort_values([*cell, "year", "end_month"], ignore_index=True)
    cube["value_prior_period"] = cube.groupby([*cell, "year"], sort=False)["value"].shift(1)
    cube["unit"] = cube["indicator"].map(UNITS)
    points = cube["unit"].isin(["%", "百分点"])
    for prior_col, change in (("value_prior_year", "yoy"), ("value_prior_period", "pop")):
        p = cube[prior_col]
        cube[change] = (cube["value"] - p).where(points, (_div(cube["value"], p) - 1.0) * 100.0)
    ytd = cube["year"].astype(str) + "-01.." + cube["end_month"].astype(str).str.zfill(2)
    cube["period"] = cube["year"].astype(str).where(cube["end_month"] == 12, ytd)
    return cube


# --- comparison and timing -----------------------------------------------------------------------------------
def agree(a: pd.DataFrame, b: pd.DataFrame) -> tuple[bool, str]:
    """Same cells, same period labels and units, values equal to relative 1e-9 (NULL equals NULL)."""
    if len(a) != len(b):
        return False, f"{len(a)} rows != {len(b)} rows"
    m = a.merge(b, on=KEYS, suffixes=("_a", "_b"))
    if len(m) != len(a):
        return False, f"{len(a) - len(m)} cells differ"
    for col in ("period", "unit"):
        bad = (m[f"{col}_a"].astype(str) != m[f"{col}_b"].astype(str)).sum()
        if bad:
            return False, f"{bad} {col} labels differ"
    for col in VALUES:
        x = m[f"{col}_a"].astype(float).to_numpy()
        y = m[f"{col}_b"].astype(float).to_numpy()
        close = np.isclose(x, y, rtol=1e-9, atol=1e-9, equal_nan=True)
        if not close.all():
            k = int(np.argmin(close))
            return False, f"{col}: {(~close).sum()} values differ, e.g. {m.iloc[k][KEYS].tolist()}: {x[k]} != {y[k]}"
    return True, ""


def warm_up(store: Store) -> None:
    """Read every input column once, so that no contender pays for loading the file into DuckDB's buffers.

    The first query of a process reads the reports from disk (≈ 2–4 s at 6 M rows); whoever ran first
    carried that cost alone.
    """
    con = store.backend.conn  # type: ignore[attr-defined]
    for table in ("reports", "enterprises", "enterprise_classifications", "deflators", "ind_dim_region"):
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        con.execute(f"SELECT {', '.join(f'count({c})' for c in cols)} FROM {table}").fetchall()


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - started


def _best(repeat: int, fn: Any, *args: Any) -> tuple[Any, float]:
    """``fn`` run ``repeat`` times: its last result and its fastest time (the machine may be shared)."""
    runs = [_timed(fn, *args) for _ in range(max(1, repeat))]
    return runs[-1][0], min(seconds for _, seconds in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of each contender (and of compute, and of an appended month); the fastest counts",
    )
    parser.add_argument("--skip-pandas", action="store_true", help="do not run the pandas baseline (large sizes)")
    parser.add_argument("--verbose", action="store_true", help="log the cube's stage timings")
    parser.add_argument(
        "--skip-incremental", action="store_true", help="do not time compute_cube and an appended month"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    registry = load_registry()
    with tempfile.TemporaryDirectory() as tmp, open_store(f"duckdb://{Path(tmp) / 'bench.duckdb'}") as store:
        rows, build_seconds = _timed(build, store, args.enterprises, args.months)
        ensure_dimension_tables(store)
        store.backend.conn.execute("CHECKPOINT")  # type: ignore[attr-defined]
        warm_up(store)
        with open_engine(args.engine, store) as eng:
            # the plan is compiled once per indicator system and dialect, then kept (memory and store):
            # timed apart, the engine's time is that of every run after the first
            _, compile_seconds = _timed(lambda: cube_sql(registry, eng.dialect, store))
            engine_cube, engine_seconds = _best(args.repeat, build_cube, eng, registry, None, None, store)
        sql_cube, sql_seconds = _best(args.repeat, hand_sql, store)
        pandas_cube, pandas_seconds = (
            (None, float("nan")) if args.skip_pandas else _best(args.repeat, with_pandas, store)
        )
        ok, why = agree(engine_cube, sql_cube)
        if ok and pandas_cube is not None:
            ok, why = agree(engine_cube, pandas_cube)
        if not ok:
            print(f"DISAGREE: {why}")
        full, full_seconds = {"unmapped_enterprises": None}, float("nan")
        incremental, incremental_seconds = {"periods": None}, float("nan")
        increments: list[tuple[dict[str, Any], float]] = []
        if not args.skip_incremental:
            full, full_seconds = _best(args.repeat, lambda: compute_cube(store, engine=args.engine, full=True))
            k = args.months
            for i in range(max(1, args.repeat)):  # each run appends one more month and computes what it touched
                year, month = append_month(store, args.enterprises, k, batch=2 + i)
                # the month's own checkpoint belongs to its import: without this, DuckDB's automatic
                # checkpoint of the appended rows may fall in the compute's commit (≈ 0.25 s at 100 000)
                store.backend.conn.execute("CHECKPOINT")  # type: ignore[attr-defined]
                k = (year - 2018) * 12 + month  # the next month's index
                increments.append(_timed(lambda: compute_cube(store, engine=args.engine)))
            if any(len(result["periods"]) != 1 for result, _ in increments):
                raise SystemExit(f"an appended month did not recompute one period: {[r for r, _ in increments]}")
            incremental, incremental_seconds = increments[0][0], min(sec for _, sec in increments)
    summary = {
        "rows": rows,
        "enterprises": args.enterprises,
        "months": args.months,
        "engine": args.engine,
        "build_seconds": round(build_seconds, 3),
        "cube_rows": len(engine_cube),
        "compile_seconds": round(compile_seconds, 3),
        "engine_seconds": round(engine_seconds, 3),
        "sql_seconds": round(sql_seconds, 3),
        "pandas_seconds": None if args.skip_pandas else round(pandas_seconds, 3),
        "ratio_vs_sql": round(engine_seconds / sql_seconds, 3),
        "speedup_vs_pandas": None if args.skip_pandas else round(pandas_seconds / engine_seconds, 3),
        "compute_seconds": None if args.skip_incremental else round(full_seconds, 3),
        "incremental_seconds": None if args.skip_incremental else round(incremental_seconds, 3),
        "incremental_runs": None if args.skip_incremental else [round(sec, 3) for _, sec in increments],
        "incremental_ratio": None if args.skip_incremental else round(incremental_seconds / full_seconds, 3),
        "incremental_periods": incremental["periods"],
        "unmapped_enterprises": full["unmapped_enterprises"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_average": round(os.getloadavg()[0], 2),  # the machine may be shared: read seconds with it
        "agree": ok,
    }
    print(
        f"engine/SQL = {summary['ratio_vs_sql']}, pandas/engine = {summary['speedup_vs_pandas']}, "
        f"incremental/full = {summary['incremental_ratio']}"
    )
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
