"""Migration 0018: the indicator tables are the schema's, not created by the code at first use.

A store whose cube tables the code had already created (an older run log without its two later columns) keeps
them and their rows, and gains the columns.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from seimon.resources import resource_path
from seimon.store import open_store
from seimon.store.backup import store_tables
from seimon.store.migrate import applied_versions, migrate

INDICATOR_TABLES = {"indicator_cube", "indicator_cube_runs", "indicator_cube_plans", "indicator_cube_register"}


def test_a_new_store_has_the_indicator_tables(store_url: str) -> None:
    with open_store(store_url) as store:
        assert 18 in applied_versions(store)
        assert set(store_tables(store)) >= INDICATOR_TABLES
        assert store.fetchone("SELECT count(*) FROM indicator_cube")[0] == 0  # type: ignore[index]


def test_tables_the_code_created_are_kept_and_completed(store_url: str, tmp_path: Path) -> None:
    older = tmp_path / "migrations_before_0018"
    older.mkdir()
    for path in resource_path("migrations").glob("*.sql"):
        if int(path.name[:4]) < 18:
            shutil.copy(path, older)
    with open_store(store_url, migrate=False) as store:
        migrate(store, older)
        assert not INDICATOR_TABLES & set(store_tables(store))
        # what seimon before 0018 created at the first cube run
        store.execute(
            "CREATE TABLE indicator_cube_runs (run_at TIMESTAMP NOT NULL, engine VARCHAR NOT NULL, "
            "max_batch_id BIGINT, classified_at TIMESTAMP, periods INTEGER NOT NULL, cube_rows INTEGER NOT NULL)"
        )
        store.execute(
            "INSERT INTO indicator_cube_runs (run_at, engine, periods, cube_rows) VALUES (?, ?, ?, ?)",
            [dt.datetime(2021, 3, 1), "duckdb", 12, 3400],
        )
        assert migrate(store) == [18]
        row = store.fetchone("SELECT engine, cube_rows, definition_key, unmapped_enterprises FROM indicator_cube_runs")
        assert row == ("duckdb", 3400, None, None)
        assert set(store_tables(store)) >= INDICATOR_TABLES
