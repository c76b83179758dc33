"""The cube compiled to SQL once and kept: memory, then the store, recompiled when the specs change."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.indicators.conftest import load_dataset

from seimon.indicators import cubeplan
from seimon.indicators.cube import build_cube, compute_cube
from seimon.indicators.cubecuts import CUBE_TABLE, RUNS_TABLE, cube_cuts
from seimon.indicators.cubeplan import (
    COMPUTE_PLACEHOLDER,
    PLANS_TABLE,
    WRITE_PLACEHOLDER,
    compile_cube_sql,
    cube_sql,
    plan_key,
)
from seimon.indicators.engines import open_engine
from seimon.indicators.registry import load_registry
from seimon.store import Store, open_store

CUSTOM = """
indicators:
  - id: sei_va_again
    name_zh: 战略性新兴产业增加值（用户指标）
    name_en: SEI value added (a user's indicator)
    unit: 万元
    definition: 与 sei_va 相同的定义，用来改变指标体系
    aggregation: sum
    measure: value_added
    population: sei
    price: current
    period: {type: flow, basis: ytd, single_month: true}
    dimensions: [region, plan_industry, sei_field, sei_item, base, size]
"""


@pytest.fixture
def fresh_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with nothing compiled in this process."""
    monkeypatch.setattr(cubeplan, "_MEMORY", {})


def test_compiled_sql_stands_alone_and_only_the_periods_change() -> None:
    plan = compile_cube_sql(load_registry(), "duckdb")
    text = "\n".join([*(sql for _, sql in plan.steps), plan.final])
    assert "ibis_pandas_memtable" not in text and "ibis_cached" not in text  # nothing bound to one connection
    placeholders = [str(y * 100 + m) for y, m in (*COMPUTE_PLACEHOLDER, *WRITE_PLACEHOLDER)]
    assert all(code in text for code in placeholders)
    steps, final = plan.render([(2019, 9), (2019, 12)], [(2019, 12)])
    filled = "\n".join([*(sql for _, sql in steps), final])
    assert not any(code in filled for code in placeholders)
    assert "9000" not in filled and "9100" not in filled
    assert "(201809, 201812, 201909, 201912)" in filled  # a year earlier too, for entries and exits
    assert "IN (2018, 2019)" in filled and "IN (9, 12)" in filled  # plain lists: blocks of other periods skipped
    assert "(201912)" in final  # only the written period is returned
    assert [n for n, _ in plan.columns][:4] == ["indicator", "view", "level", "region"]
    assert cubeplan.CubeSQL.from_json(plan.to_json()) == plan


def test_memory_then_store_then_recompiled_after_a_spec_change(
    tmp_path: Path, dataset: dict[str, Any], fresh_memory: None
) -> None:
    registry = load_registry()
    with open_store(f"duckdb://{tmp_path / 'plans.duckdb'}") as store:
        load_dataset(store, dataset)
        first, source = cube_sql(registry, "duckdb", store)
        assert source == "compiled"
        assert cube_sql(registry, "duckdb", store) == (first, "memory")
        cubeplan._MEMORY.clear()  # a new process: the plan comes from the store, not compiled again
        assert cube_sql(registry, "duckdb", store) == (first, "store")
        assert store.fetchone(f"SELECT count(*) FROM {PLANS_TABLE}") == (1,)
        path = tmp_path / "custom.yaml"
        path.write_text(CUSTOM, encoding="utf-8")
        changed = load_registry([path])
        assert plan_key(changed, cube_cuts(), "duckdb") != first.key
        second, source = cube_sql(changed, "duckdb", store)
        assert source == "compiled" and second.key != first.key
        assert store.fetchall(f"SELECT plan_key FROM {PLANS_TABLE}") == [(second.key,)]  # the stale one went
        with open_engine("duckdb", store) as eng:
            cube = build_cube(eng, changed, None, store=store)
    keys = ["view", "level", "region", "dimension", "dimension_value", "year", "end_month"]
    mine = cube[cube.indicator == "sei_va_again"].set_index(keys)["value"].sort_index()
    theirs = cube[cube.indicator == "sei_va"].set_index(keys)["value"].sort_index()
    assert len(mine) > 100
    pd.testing.assert_series_equal(mine, theirs, check_exact=False, rtol=1e-12)


def test_only_the_periods_asked_for_are_returned(duck_store: Store) -> None:
    registry = load_registry()
    with open_engine("duckdb", duck_store) as eng:
        whole = build_cube(eng, registry, None)
        periods = sorted({(int(y), int(m)) for y, m in zip(whole.year, whole.end_month, strict=True)})
        last = periods[-1]
        asked = [p for p in periods if p[0] >= last[0] - 1]
        part = build_cube(eng, registry, asked, [last])
    assert set(zip(part.year, part.end_month, strict=True)) == {last}
    keys = ["indicator", "view", "level", "region", "dimension", "dimension_value", "year", "end_month"]
    same = whole[(whole.year == last[0]) & (whole.end_month == last[1])]
    a = same.sort_values(keys).reset_index(drop=True)
    b = part.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


@pytest.mark.postgres
def test_compute_writes_the_same_cube_in_postgres_as_in_duckdb(
    tmp_path: Path, pg_url: str, dataset: dict[str, Any]
) -> None:
    """The cube written in place (INSERT … SELECT inside the store's transaction) is the same on both stores."""
    keys = ["indicator", "view", "level", "region", "dimension", "dimension_value", "year", "end_month"]
    columns = [*keys, "period", "unit", "value", "value_prior_year", "yoy", "value_prior_period", "pop"]
    cubes = []
    for url in (f"duckdb://{tmp_path / 'same.duckdb'}", pg_url):
        with open_store(url) as store:
            load_dataset(store, dataset)
            first = compute_cube(store)
            assert first["rows"] > 1000 and first["engine"] == ("postgres" if url == pg_url else "duckdb")
            assert compute_cube(store)["rows"] == 0  # nothing new: nothing rewritten
            rows = store.fetchall(f"SELECT {', '.join(columns)} FROM {CUBE_TABLE}")
            assert len(rows) == first["rows"]
            runs = store.fetchone(f"SELECT count(*), max(cube_rows) FROM {RUNS_TABLE}")
            assert runs == (2, first["rows"])
        frame = pd.DataFrame(rows, columns=columns).sort_values(keys).reset_index(drop=True)
        cubes.append(frame.astype(dict.fromkeys(columns[-5:], float)).astype({"year": int, "end_month": int}))
    pd.testing.assert_frame_equal(cubes[0], cubes[1], check_exact=False, rtol=1e-9)


def test_a_failing_compute_leaves_the_cube_as_it_was(tmp_path: Path, dataset: dict[str, Any]) -> None:
    """An error inside the compute (here a step that cannot run) rolls everything back and is the error raised."""
    with open_store(f"duckdb://{tmp_path / 'fail.duckdb'}") as store:
        load_dataset(store, dataset)
        compute_cube(store)
        before = store.fetchone(f"SELECT count(*), sum(value) FROM {CUBE_TABLE}")
        plan, _ = cube_sql(load_registry(), "duckdb", store)
        broken = dataclasses.replace(plan, steps=(*plan.steps[:1], ("seimon_cube_step_x", "SELECT nope FROM nowhere")))
        cubeplan._MEMORY[plan.key] = broken
        try:
            with pytest.raises(Exception, match="nowhere"):
                compute_cube(store, full=True)
        finally:
            cubeplan._MEMORY[plan.key] = plan
        assert store.fetchone(f"SELECT count(*), sum(value) FROM {CUBE_TABLE}") == before
        assert store.fetchone(f"SELECT count(*) FROM {RUNS_TABLE}") == (1,)
        assert compute_cube(store, full=True)["rows"] == before[0]  # and the store is usable afterwards
