"""What a cube run keeps between runs: the register side (stamped) and the stored rows it compares with.

Each test compares a store computed in steps with one computed in full from the same data, on DuckDB
and PostgreSQL (the engines inside the store, where both shortcuts apply).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg
import pytest

from seimon.indicators import compute_cube, load_registry
from seimon.indicators.cubecuts import CUBE_TABLE
from seimon.indicators.cubeplan import cube_sql
from seimon.indicators.register_cache import STAMPS_TABLE, kept_register, register_stamp
from seimon.store import Store, open_store

from .conftest import load_dataset
from .test_cube_plan import _cube_table, _next_month_reports
from .test_cubeplan import CUSTOM

PG_DSN = os.environ.get("SEIMON_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")

ONE = "91130000MA0000002X"  # an enterprise of the dataset in SEI item 4.1 only (kind 2)


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def urls(request: Any, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores of one kind: one computed step by step, one computed in full at the end."""
    if request.param == "duckdb":
        yield f"duckdb://{tmp_path / 'steps.duckdb'}", f"duckdb://{tmp_path / 'full.duckdb'}"
        return
    schemas = [f"t_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    yield f"{PG_DSN}?schema={schemas[0]}", f"{PG_DSN}?schema={schemas[1]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _fresh(url: str, dataset: dict[str, Any]) -> Store:
    store = open_store(url)
    load_dataset(store, dataset)
    return store


def test_a_month_reads_the_kept_register_and_the_stored_prior_period(
    urls: tuple[str, str], dataset: dict[str, Any], caplog: Any
) -> None:
    extra = _next_month_reports(dataset)
    steps, full = (_fresh(url, dataset) for url in urls)
    try:
        compute_cube(steps)
        plan, _ = cube_sql(load_registry(), steps.dialect, steps)
        assert set(kept_register(steps, plan, register_stamp(steps, plan))) == set(plan.register)
        steps.bulk_insert("reports", *extra)
        with caplog.at_level(logging.INFO, logger="seimon.indicators"):
            summary = compute_cube(steps)
        assert summary["periods"] == ["2019-10", "2019-12"]
        assert summary["register_reused"] is True
        assert summary["compared_with_stored"] == ["2018-12", "2019-09"]
        assert "register side read from the store" in caplog.text
        # 1–9月 (before 1–10月) and 2018 (a year before 1–12月), untouched: read, not recomputed
        assert "compared with stored rows of 2018-12, 2019-09" in caplog.text
        full.bulk_insert("reports", *extra)
        compute_cube(full)
        pd.testing.assert_frame_equal(_cube_table(steps), _cube_table(full), check_exact=False, rtol=1e-12)
    finally:
        steps.close()
        full.close()


def test_a_classification_changed_in_place_is_not_read_from_the_kept_register(
    urls: tuple[str, str], dataset: dict[str, Any], caplog: Any
) -> None:
    """Edited without a new classification time or row: only the stamp's fingerprint can tell."""
    steps, full = (_fresh(url, dataset) for url in urls)
    move = (
        "UPDATE enterprise_classifications SET sei_code = '6.1', field_code = '6', plan_industry = 'new_energy' "
        f"WHERE credit_code = '{ONE}'"
    )
    try:
        compute_cube(steps)
        before = steps.fetchone(f"SELECT stamp FROM {STAMPS_TABLE}")
        steps.execute(move)
        with caplog.at_level(logging.INFO, logger="seimon.indicators"):
            again = compute_cube(steps, full=True)
        assert again["register_reused"] is False and again["compared_with_stored"] == []
        assert "register side read from the store" not in caplog.text
        assert steps.fetchone(f"SELECT stamp FROM {STAMPS_TABLE}") != before
        full.execute(move)
        compute_cube(full)
        a, b = _cube_table(steps), _cube_table(full)
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)
        fields = a[(a.indicator == "sei_enterprises") & (a.dimension == "sei_field") & (a.level == "province")]
        assert set(fields[fields.dimension_value == "6"]["value"]) == {1.0}  # the moved enterprise, alone
    finally:
        steps.close()
        full.close()


def test_another_indicator_system_recomputes_every_period(tmp_path: Path, dataset: dict[str, Any]) -> None:
    """Stored rows of another definition are never compared with: the run log keys each run's definitions."""
    custom = tmp_path / "custom.yaml"
    custom.write_text(CUSTOM, encoding="utf-8")
    with open_store(f"duckdb://{tmp_path / 'defs.duckdb'}") as store:
        load_dataset(store, dataset)
        first = compute_cube(store)
        assert compute_cube(store)["periods"] == []
        again = compute_cube(store, registry=load_registry([custom]))
        assert again["periods"] == first["periods"]
        assert store.fetchone(f"SELECT count(*) FROM {CUBE_TABLE} WHERE indicator = 'sei_va_again'")[0] > 0
