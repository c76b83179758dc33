"""Reports spanning decades: the cube is computed in runs of years, a query over every period is refused.

Entries and exits come from one integer per enterprise and end month with a bit per year read
(:meth:`seimon.indicators.compile._Compiler.presence`), so one query may read at most
``MAX_YEAR_SPAN`` years. These tests copy the test data seventy years back, so that the store spans
more than that, and check that counts stay exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.indicators.conftest import load_dataset

from seimon.errors import SeimonError
from seimon.indicators.compile import MAX_YEAR_SPAN
from seimon.indicators.cube import compute_cube
from seimon.indicators.cubecuts import CUBE_TABLE
from seimon.indicators.query import query
from seimon.store import Store, open_store

SHIFT = 70
COUNTS = ("sei_enterprises", "sei_entries", "sei_exits", "sei_va")


def _copy_back(store: Store) -> None:
    """Every current report again, ``SHIFT`` years earlier (its period code too)."""
    store.execute(
        f"INSERT INTO reports SELECT * REPLACE (year - {SHIFT} AS year,"
        f" replace(period, CAST(year AS VARCHAR), CAST(year - {SHIFT} AS VARCHAR)) AS period) FROM reports"
    )


@pytest.fixture
def decades(tmp_path: Path, dataset: dict[str, Any]) -> Store:
    store = open_store(f"duckdb://{tmp_path / 'decades.duckdb'}")
    load_dataset(store, dataset)
    _copy_back(store)
    return store


def test_the_copy_spans_more_years_than_one_query_reads(decades: Store) -> None:
    low, high = decades.fetchone("SELECT min(year), max(year) FROM reports")
    assert high - low + 1 > MAX_YEAR_SPAN


def test_cube_over_decades_counts_each_block_like_the_original(decades: Store) -> None:
    compute_cube(decades)
    ids = ", ".join(f"'{i}'" for i in COUNTS)
    cube = decades.backend.conn.execute(  # type: ignore[attr-defined]
        f"SELECT indicator, view, level, region, dimension, dimension_value, year, end_month, value"
        f" FROM {CUBE_TABLE} WHERE indicator IN ({ids})"
    ).df()
    split = cube.year.min() + SHIFT
    old = cube[cube.year < split].assign(year=lambda d: d.year + SHIFT)
    new = cube[cube.year >= split]
    keys = ["indicator", "view", "level", "region", "dimension", "dimension_value", "year", "end_month"]
    both = new.merge(old, on=keys, how="outer", suffixes=("_new", "_old"), indicator=True)
    assert (both["_merge"] == "both").all(), both[both["_merge"] != "both"].head()
    assert len(both) > 100 and both.indicator.nunique() == len(COUNTS)
    assert (both.indicator == "sei_entries").any() and (both.value_new > 0).any()
    pd.testing.assert_series_equal(both.value_new, both.value_old, check_names=False)
    decades.close()


def test_query_over_every_period_is_refused_with_a_period_it_runs(decades: Store) -> None:
    with pytest.raises(SeimonError) as err:
        query("sei_enterprises", store=decades)
    assert "--period" in str(err.value) and str(MAX_YEAR_SPAN) in str(err.value)
    assert query("sei_enterprises", store=decades, period="2019")
    assert query("sei_va", store=decades)  # sums read every year: no limit
    decades.close()
