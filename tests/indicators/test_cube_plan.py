"""The compiled cube: independent checks of its yoy/pop, incremental = full, unmapped regions, stable SQL."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from seimon.indicators import compute_cube, load_registry
from seimon.indicators.cube import build_cube
from seimon.indicators.cubecuts import CUBE_TABLE
from seimon.indicators.engines import open_engine
from seimon.store import Store, open_store

from .conftest import T0, load_dataset

CELL = ["indicator", "view", "level", "region", "dimension", "dimension_value"]
VALUES = ["value", "value_prior_year", "yoy", "value_prior_period", "pop"]


@pytest.fixture(scope="module")
def cube(duck_store: Store) -> pd.DataFrame:
    with open_engine("duckdb", duck_store) as eng:
        return build_cube(eng, load_registry(), None)


def test_yoy_and_pop_match_an_independent_pandas_computation(cube: pd.DataFrame) -> None:
    """Prior-year and prior-period values recomputed from the cube's own values with merges and shifts."""
    base = cube[[*CELL, "year", "end_month", "value", "unit"]]
    prior = base[[*CELL, "year", "end_month", "value"]].rename(columns={"value": "py"})
    prior = prior.assign(year=prior["year"] + 1)
    expected = base.merge(prior, on=[*CELL, "year", "end_month"], how="left")
    expected = expected.sort_values([*CELL, "year", "end_month"], ignore_index=True)
    expected["pp"] = expected.groupby([*CELL, "year"])["value"].shift(1)
    got = cube.merge(expected[[*CELL, "year", "end_month", "py", "pp"]], on=[*CELL, "year", "end_month"])
    assert len(got) == len(cube)
    assert np.allclose(got["value_prior_year"], got["py"], rtol=1e-12, equal_nan=True)
    assert np.allclose(got["value_prior_period"], got["pp"], rtol=1e-12, equal_nan=True)
    points = got["unit"].isin(["%", "百分点"])
    want = np.where(points, got["value"] - got["py"], (got["value"] / got["py"].where(got["py"] != 0) - 1) * 100)
    assert np.allclose(got["yoy"].astype(float), want.astype(float), rtol=1e-9, equal_nan=True)
    assert got["value_prior_year"].notna().sum() > 100  # 2019 cells compare with 2018
    assert got["value_prior_period"].notna().sum() > 100


def test_cube_rows_match_compile_frame_labels(cube: pd.DataFrame) -> None:
    """Every cube row has its indicator's unit and a period label; one row per cell and period."""
    registry = load_registry()
    assert not cube.duplicated([*CELL, "year", "end_month"]).any()
    assert (cube["unit"] == cube["indicator"].map({s.id: s.unit for s in registry})).all()
    sei = cube[(cube.indicator == "sei_va") & (cube.end_month == 9) & (cube.year == 2019)]
    assert set(sei["period"]) == {"2019-01..09"}
    assert {"", "plan_industry", "sei_field", "sei_item", "base", "size"} <= set(cube["dimension"])


def _cube_table(store: Store) -> pd.DataFrame:
    cols = [*CELL, "year", "end_month", "period", *VALUES, "unit"]
    rows = store.fetchall(f"SELECT {', '.join(cols)} FROM {CUBE_TABLE}")
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values([*CELL, "year", "end_month"], ignore_index=True)


def _next_month_reports(dataset: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """2019 1–10月: every enterprise that reported 1–9月, 5 % more, in a new batch."""
    cols, rows = dataset["reports"]
    idx = {c: k for k, c in enumerate(cols)}
    out = []
    for row in rows:
        if row[idx["year"]] == 2019 and row[idx["end_month"]] == 9 and row[idx["is_current"]]:
            new = list(row)
            new[idx["period"]] = "2019-01..10"
            new[idx["end_month"]] = 10
            for c in ("value_added", "value_added_prior", "revenue"):
                if new[idx[c]] is not None:
                    new[idx[c]] = new[idx[c]] * 1.05
            new[idx["batch_id"]] = 99
            new[idx["vintage"]] = T0 + dt.timedelta(days=30)
            out.append(tuple(new))
    return cols, out


def test_incremental_equals_full(tmp_path: Path, dataset: dict[str, Any]) -> None:
    """Appending a month and recomputing only what it touches gives the same cube as a full recompute."""
    extra = _next_month_reports(dataset)
    assert extra[1]
    stores = []
    for name in ("incremental", "full"):
        store = open_store(f"duckdb://{tmp_path / name}.duckdb")
        load_dataset(store, dataset)
        stores.append(store)
    inc, full = stores
    try:
        compute_cube(inc)
        inc.bulk_insert("reports", *extra)
        summary = compute_cube(inc)
        assert summary["periods"] == ["2019-10", "2019-12"]  # and 1–12月, whose previous period it now is
        full.bulk_insert("reports", *extra)
        compute_cube(full)
        a, b = _cube_table(inc), _cube_table(full)
        assert len(a) == len(b)
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)
        oct_ = a[(a.indicator == "sei_va") & (a.end_month == 10) & (a.level == "province") & (a.dimension == "")]
        assert oct_["value_prior_period"].notna().all()  # 1–9月 is its previous period, computed with it
    finally:
        for store in stores:
            store.close()


def test_unmapped_region_is_reported(tmp_path: Path, dataset: dict[str, Any], caplog: Any) -> None:
    """An enterprise whose region is not in the register is counted, logged and summarised, not dropped silently."""
    cols, rows = dataset["enterprises"]
    idx = cols.index("region")
    moved = [tuple("139999" if k == idx else v for k, v in enumerate(r)) if n == 0 else r for n, r in enumerate(rows)]
    data = {**dataset, "enterprises": (cols, moved)}
    with open_store(f"duckdb://{tmp_path / 'unmapped.duckdb'}") as store:
        load_dataset(store, data)
        with caplog.at_level(logging.WARNING, logger="seimon.indicators.cube"):
            summary = compute_cube(store)
        assert summary["unmapped_enterprises"] == 1
        assert any("region code not in the register" in r.getMessage() for r in caplog.records)
        # later runs with the same register carry the count over from the run log, with or without new periods
        assert compute_cube(store)["unmapped_enterprises"] == 1
        store.bulk_insert("reports", *_next_month_reports(data))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="seimon.indicators.cube"):
            month = compute_cube(store)
        assert month["periods"] == ["2019-10", "2019-12"] and month["unmapped_enterprises"] == 1
        assert any("region code not in the register" in r.getMessage() for r in caplog.records)
        store.execute("UPDATE enterprises SET region = '130102', batch_id = 100 WHERE region = '139999'")  # a new batch
        assert compute_cube(store)["unmapped_enterprises"] == 0  # a changed register is counted again


_SQL_SCRIPT = """
import hashlib, ibis
from seimon.indicators import load_registry
from seimon.indicators.compile import compile_frame
from seimon.indicators.cubecuts import cube_cuts
registry = load_registry()
for cut in cube_cuts():
    ids = [s.id for s in registry if s.supports(cut.extra)]
    sql = ibis.to_sql(compile_frame(registry, ids, cut), dialect="duckdb")
    print(hashlib.sha256(str(sql).encode()).hexdigest())
"""


def test_generated_sql_does_not_depend_on_hash_seed() -> None:
    """The same SQL under different PYTHONHASHSEED values (no set iteration decides column order)."""
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SQL_SCRIPT], env=env, capture_output=True, text=True, check=True, timeout=300
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert len(next(iter(outputs)).split()) == 6
