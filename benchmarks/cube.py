"""Benchmark: the indicator cube through the engine vs hand-written DuckDB SQL vs pandas, same data, same run.

    python benchmarks/cube.py --enterprises 2000 --months 24 [--engine duckdb|spark]

Builds a synthetic store (enterprises in every county-level unit, overlapping SEI items, year-to-date
reports with 1–2月 combined, deflators), then computes core cube cells — SEI and above-scale value added,
the SEI share, same-enterprise real growth and the SEI enterprise count, for every region roll-up and by
plan industry — three ways, checks that they agree (relative 1e-9) and prints the timings. The full cube
(every indicator × cut) is timed too. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd

from seimon.indicators import load_registry
from seimon.indicators.compile import Cut, compile_frame
from seimon.indicators.cube import REGION_CUTS, build_cube
from seimon.indicators.dimensions import ensure_dimension_tables, region_rows
from seimon.indicators.engines import open_engine
from seimon.reference.regions import load_regions
from seimon.store import Store, open_store

CORE = ["sei_va", "above_scale_va", "sei_va_share_above_scale", "sei_va_real_growth", "sei_enterprises"]
PLAN = {"1": "next_gen_it", "2": "advanced_equipment", "3": "new_materials", "4": "biology", "5": "nev"}
T0 = dt.datetime(2024, 1, 1)


def build(store: Store, n: int, months: int, seed: int = 1) -> int:
    """Fill ``store`` with ``n`` enterprises and ``months`` months of year-to-date reports; returns report rows."""
    rnd = random.Random(seed)
    counties = sorted(r.code for r in load_regions().county_units())
    ent, cls = [], []
    for i in range(n):
        code = f"9113{i:014d}"
        ent.append((code, f"E{i}", counties[i % len(counties)], ["3841", "3562", "2710", "3011"][i % 4], T0, True))
        if i % 3:
            fields = ["5", "1"] if i % 7 == 0 else [str(1 + i % 5)]
            for fld in fields:
                cls.append(
                    (code, "3841", "x", "x", "x", f"{fld}.1", fld, PLAN[fld], "automatic", "assigned", "", "", T0)
                )
    store.bulk_insert(
        "enterprises",
        ["credit_code", "name", "region", "industry", "batch_id", "vintage", "is_current"],
        [(e[0], e[1], e[2], e[3], 1, e[4], e[5]) for e in ent],
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
    periods = [(2018 + k // 12, k % 12 + 1) for k in range(months) if k % 12 + 1 >= 2]
    cols = [
        "credit_code",
        "period",
        "period_kind",
        "year",
        "start_month",
        "end_month",
        "revenue",
        "value_added",
        "value_added_prior",
        "batch_id",
        "vintage",
        "is_current",
    ]
    total = 0
    for year, month in periods:
        code = str(year) if month == 12 else f"{year}-01..{month:02d}"
        rows = []
        for e in ent:
            va = rnd.uniform(100, 1000) * month
            rows.append((e[0], code, "ytd", year, 1, month, va * 4, va, va / rnd.uniform(0.95, 1.15), 1, T0, True))
        total += store.bulk_insert("reports", cols, rows)
        store.bulk_insert(
            "deflators",
            [
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
            ],
            [(d, code, "ytd", year, 1, month, 100 + rnd.uniform(-3, 3), 1, T0, True) for d in ("38", "35", "27", "30")],
        )
    return total


HAND_SQL = """
WITH sei AS (SELECT DISTINCT credit_code FROM enterprise_classifications WHERE status = 'assigned'),
f AS (
  SELECT r.credit_code, e.region AS code, r.year, r.end_month, r.value_added AS va,
         CASE WHEN r.value_added IS NOT NULL AND r.value_added_prior IS NOT NULL AND d.index_value IS NOT NULL
              THEN r.value_added / (NULLIF(d.index_value, 0) / 100.0) END AS va_real,
         CASE WHEN r.value_added IS NOT NULL AND r.value_added_prior IS NOT NULL AND d.index_value IS NOT NULL
              THEN r.value_added_prior END AS va_prior,
         sei.credit_code IS NOT NULL AS is_sei {extra_select}
  FROM reports r JOIN enterprises e ON e.credit_code = r.credit_code AND e.is_current
  LEFT JOIN deflators d ON d.is_current AND d.start_month = 1 AND d.division = substr(e.industry, 1, 2)
       AND d.year = r.year AND d.end_month = r.end_month
  LEFT JOIN sei ON sei.credit_code = r.credit_code {extra_join}
  WHERE r.is_current AND r.start_month = 1),
fine AS (
  SELECT code {extra_key}, year, end_month,
         sum(CASE WHEN is_sei THEN va END) AS sei_va, sum(va) AS above_scale_va,
         sum(CASE WHEN is_sei THEN va_real END) AS sr, sum(CASE WHEN is_sei THEN va_prior END) AS sp,
         count(DISTINCT CASE WHEN is_sei THEN credit_code END) AS sei_enterprises
  FROM f GROUP BY ALL)
SELECT m.view, m.level, m.region {extra_key}, year, end_month,
       sum(sei_va) AS sei_va, sum(above_scale_va) AS above_scale_va,
       sum(sei_va) / NULLIF(sum(above_scale_va), 0) * 100 AS sei_va_share_above_scale,
       (sum(sr) / NULLIF(sum(sp), 0) - 1) * 100 AS sei_va_real_growth,
       sum(sei_enterprises) AS sei_enterprises
FROM fine JOIN ind_dim_region m ON m.code = fine.code AND ({cuts})
GROUP BY ALL
"""


def hand_sql(store: Store, cut: Cut) -> pd.DataFrame:
    cuts = " OR ".join(f"(m.view = '{v}' AND m.level = '{lv}')" for v, lv in cut.regions)
    extra = cut.extra
    sql = HAND_SQL.format(
        cuts=cuts,
        extra_select=f", c.{extra}" if extra else "",
        extra_join=(
            f"JOIN (SELECT DISTINCT credit_code, {extra} FROM enterprise_classifications WHERE status = "
            f"'assigned' AND {extra} IS NOT NULL) c ON c.credit_code = r.credit_code"
        )
        if extra
        else "",
        extra_key=f", {extra}" if extra else "",
    )
    if extra:
        # the share's denominator is all above-scale industry of the region (broadcast), as in the spec
        base = hand_sql(store, Cut(cut.regions))[["view", "level", "region", "year", "end_month", "above_scale_va"]]
        out = store.backend.conn.execute(sql).df()  # type: ignore[attr-defined]
        out = out.drop(columns=["above_scale_va"]).merge(base, on=["view", "level", "region", "year", "end_month"])
        out["sei_va_share_above_scale"] = out.sei_va / out.above_scale_va.where(out.above_scale_va != 0) * 100
        return out.drop(columns=["above_scale_va"])
    return store.backend.conn.execute(sql).df()  # type: ignore[attr-defined]


def with_pandas(store: Store, cut: Cut) -> pd.DataFrame:
    con = store.backend.conn  # type: ignore[attr-defined]
    r = con.execute(
        "SELECT credit_code, year, end_month, value_added, value_added_prior FROM reports "
        "WHERE is_current AND start_month = 1"
    ).df()
    e = con.execute(
        "SELECT credit_code, region AS code, substr(industry, 1, 2) AS division FROM enterprises WHERE is_current"
    ).df()
    d = con.execute("SELECT division, year, end_month, index_value FROM deflators WHERE is_current").df()
    c = con.execute("SELECT credit_code, plan_industry FROM enterprise_classifications WHERE status = 'assigned'").df()
    dims = pd.DataFrame(list(region_rows()), columns=["view", "level", "code", "region", "region_level"])
    dims = dims[pd.Series(list(zip(dims["view"], dims["level"], strict=True))).isin(cut.regions).to_numpy()]
    f = r.merge(e, on="credit_code").merge(d, on=["division", "year", "end_month"], how="left")
    f["is_sei"] = f.credit_code.isin(set(c.credit_code))
    ok = f.value_added.notna() & f.value_added_prior.notna() & f.index_value.notna()
    f["va_real"] = (f.value_added / (f.index_value / 100)).where(ok & f.is_sei)
    f["va_prior"] = f.value_added_prior.where(ok & f.is_sei)
    f["sei_va_"] = f.value_added.where(f.is_sei)
    f["sei_code"] = f.credit_code.where(f.is_sei)
    keys = ["code", "year", "end_month"]
    if cut.extra:
        f = f.merge(c.drop_duplicates(), on="credit_code")
        keys.insert(1, cut.extra)
    fine = (
        f.groupby(keys, dropna=False)
        .agg(
            sei_va=("sei_va_", "sum"),
            above_scale_va=("value_added", "sum"),
            sr=("va_real", "sum"),
            sp=("va_prior", "sum"),
            sei_enterprises=("sei_code", "nunique"),
        )
        .reset_index()
    )
    j = fine.merge(dims, on="code")
    out = (
        j.groupby(["view", "level", "region", *keys[1:]])
        .agg(
            sei_va=("sei_va", "sum"),
            above_scale_va=("above_scale_va", "sum"),
            sr=("sr", "sum"),
            sp=("sp", "sum"),
            sei_enterprises=("sei_enterprises", "sum"),
        )
        .reset_index()
    )
    if cut.extra:
        base = with_pandas(store, Cut(cut.regions))[["view", "level", "region", "year", "end_month", "above_scale_va"]]
        out = out.drop(columns=["above_scale_va"]).merge(base, on=["view", "level", "region", "year", "end_month"])
    out["sei_va_share_above_scale"] = out.sei_va / out.above_scale_va.where(out.above_scale_va != 0) * 100
    out["sei_va_real_growth"] = (out.sr / out.sp.where(out.sp != 0) - 1) * 100
    return out.drop(columns=["sr", "sp"])


def agree(a: pd.DataFrame, b: pd.DataFrame, cut: Cut) -> bool:
    keys = list(cut.keys)
    m = a.merge(b, on=keys, suffixes=("_a", "_b"))
    if len(m) != len(a) or len(a) != len(b):
        return False
    for col in CORE:
        if f"{col}_a" not in m:
            continue
        for x, y in zip(m[f"{col}_a"], m[f"{col}_b"], strict=True):
            if pd.isna(x) and pd.isna(y):
                continue
            if not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9):
                return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    args = parser.parse_args()
    registry = load_registry()
    cuts = [Cut(REGION_CUTS), Cut(tuple(r for r in REGION_CUTS if r[1] != "county"), "plan_industry")]
    with tempfile.TemporaryDirectory() as tmp, open_store(f"duckdb://{Path(tmp) / 'bench.duckdb'}") as store:
        rows = build(store, args.enterprises, args.months)
        ensure_dimension_tables(store)
        results: dict[str, list[pd.DataFrame]] = {"engine": [], "sql": [], "pandas": []}
        timings = {}
        with open_engine(args.engine, store) as eng:
            started = time.perf_counter()
            for cut in cuts:
                ids = [i for i in CORE if registry[i].supports(cut.extra)]
                results["engine"].append(eng.execute(compile_frame(registry, ids, cut, eng.table)))
            timings["engine"] = time.perf_counter() - started
            started = time.perf_counter()
            cube = build_cube(eng, registry, None)
            full_seconds = time.perf_counter() - started
        for name, fn in (("sql", hand_sql), ("pandas", with_pandas)):
            started = time.perf_counter()
            for cut in cuts:
                results[name].append(fn(store, cut))
            timings[name] = time.perf_counter() - started
        ok = all(
            agree(results["engine"][k], results[other][k], cut)
            for k, cut in enumerate(cuts)
            for other in ("sql", "pandas")
        )
    summary = {
        "rows": rows,
        "engine": args.engine,
        "engine_seconds": round(timings["engine"], 3),
        "sql_seconds": round(timings["sql"], 3),
        "pandas_seconds": round(timings["pandas"], 3),
        "ratio_vs_sql": round(timings["engine"] / timings["sql"], 3),
        "speedup_vs_pandas": round(timings["pandas"] / timings["engine"], 3),
        "full_cube_seconds": round(full_seconds, 3),
        "full_cube_rows": len(cube),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "agree": ok,
    }
    print(f"engine/SQL = {summary['ratio_vs_sql']}, pandas/engine = {summary['speedup_vs_pandas']}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
