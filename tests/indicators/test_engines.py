"""Every built-in indicator on DuckDB, PostgreSQL and Spark: the same numbers (relative 1e-9)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from seimon.indicators import load_registry
from seimon.indicators.compile import Cut, compile_frame
from seimon.indicators.cube import build_cube
from seimon.indicators.cubecuts import cube_cuts
from seimon.indicators.engines import open_engine
from seimon.store import Store

pytestmark = pytest.mark.postgres
CUBE_KEYS = ["indicator", "view", "level", "region", "dimension", "dimension_value", "year", "end_month"]


def _run_all(store: Store, engine: str) -> dict[str, pd.DataFrame]:
    registry = load_registry()
    out = {}
    with open_engine(engine, store) as eng:
        # the cube's cuts, plus the division cut that queries compile on demand (not materialised in the cube)
        for cut in [*cube_cuts(), Cut(cube_cuts()[1].regions, "division")]:
            ids = [s.id for s in registry if s.supports(cut.extra)]
            frame = eng.execute(compile_frame(registry, ids, cut, eng.table))
            out[cut.extra or "total"] = frame.sort_values(list(cut.keys)).reset_index(drop=True)
        vintage = compile_frame(
            registry,
            ["enterprise_tech_centres"],
            cube_cuts()[0],
            eng.table,
            vintage=pd.Timestamp("2020-03-01").to_pydatetime(),
        )
        out["vintage"] = eng.execute(vintage).sort_values(["view", "level", "region", "year"]).reset_index(drop=True)
        # the compiled cube (materialised facts, stacked cells, yoy/pop windows) on the same engine
        cube = build_cube(eng, registry, None)
        out["cube"] = cube.sort_values(CUBE_KEYS).reset_index(drop=True)
    return out


def _same(a: Any, b: Any) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@pytest.fixture(scope="module")
def results(duck_store: Store, pg_store: Store, spark: object) -> dict[str, dict[str, pd.DataFrame]]:
    return {
        "duckdb": _run_all(duck_store, "duckdb"),
        "postgres": _run_all(pg_store, "postgres"),
        "spark": _run_all(duck_store, "spark"),
    }


def test_every_indicator_has_values(results: dict[str, dict[str, pd.DataFrame]]) -> None:
    frames = results["duckdb"]
    registry = load_registry()
    for spec in registry:
        found = any(spec.id in f.columns and f[spec.id].notna().any() for f in frames.values())
        assert found or spec.aggregation == "observation", f"{spec.id} computed no value"
    assert len(frames["total"]) > 20


@pytest.mark.parametrize("other", ["postgres", "spark"])
def test_engines_agree(results: dict[str, dict[str, pd.DataFrame]], other: str) -> None:
    for name, base in results["duckdb"].items():
        theirs = results[other][name]
        assert list(base.columns) == list(theirs.columns), name
        assert len(base) == len(theirs), f"{name}: {len(base)} rows on duckdb, {len(theirs)} on {other}"
        for col in base.columns:
            for i, (a, b) in enumerate(zip(base[col].tolist(), theirs[col].tolist(), strict=True)):
                assert _same(a, b), f"{name}.{col} row {i}: duckdb {a!r} != {other} {b!r}"


def test_cube_has_changes_on_every_engine(results: dict[str, dict[str, pd.DataFrame]]) -> None:
    for engine, frames in results.items():
        cube = frames["cube"]
        assert len(cube) > 1000, engine
        assert cube["yoy"].notna().sum() > 100, engine
        assert cube["pop"].notna().sum() > 100, engine
        assert set(cube["dimension"]) == {"", "plan_industry", "sei_field", "sei_item", "base", "size"}, engine


def test_vintage_honoured_on_every_engine(results: dict[str, dict[str, pd.DataFrame]]) -> None:
    for engine, frames in results.items():
        f = frames["vintage"]
        prov = f[(f.region == "130000") & (f.year == 2019)]
        assert prov["enterprise_tech_centres"].tolist() == [520.0], engine  # the earlier publication
        latest = frames["total"]
        now = latest[(latest.region == "130000") & (latest.year == 2019) & (latest.end_month == 12)]
        assert now["enterprise_tech_centres"].tolist() == [536.0], engine


def test_zero_denominators_give_null_not_errors(results: dict[str, dict[str, pd.DataFrame]]) -> None:
    for engine, frames in results.items():
        f = frames["total"]
        zero = f[(f.region == "130705") & (f.level == "county")]
        assert len(zero) == 6, engine
        assert zero["sei_va_real_growth"].isna().all(), engine
        assert zero["sei_profit_margin"].isna().all(), engine
