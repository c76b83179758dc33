"""Migration 0008: stored report periods from January become ``YYYY-01..MM``, one current row per key."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from seimon.resources import resource_path
from seimon.store import Store, open_store
from seimon.store.migrate import applied_versions, migrate

COLUMNS = [
    "credit_code",
    "period",
    "period_kind",
    "year",
    "start_month",
    "end_month",
    "revenue",
    "batch_id",
    "row_number",
    "vintage",
    "is_current",
]
JAN, FEB = dt.datetime(2021, 1, 5), dt.datetime(2021, 2, 5)
ROWS = [
    # A: "2020" (older vintage) and "2020-01..12" (newer): the newer stays current
    ("A", "2020", "year", 2020, 1, 12, 1.0, 1, 2, JAN, True),
    ("A", "2020-01..12", "ytd", 2020, 1, 12, 2.0, 2, 2, FEB, True),
    # B: one vintage, two batches: the higher batch stays current
    ("B", "2020-01..06", "ytd", 2020, 1, 6, 3.0, 3, 2, JAN, True),
    ("B", "2020H1", "half", 2020, 1, 6, 4.0, 4, 2, JAN, True),
    # C: one batch with both spellings: the later row stays current
    ("C", "2020Q1", "quarter", 2020, 1, 3, 5.0, 5, 3, JAN, True),
    ("C", "2020-01..03", "ytd", 2020, 1, 3, 6.0, 5, 2, JAN, True),
    # D: an old superseded "2019" vintage and a current "2019-01..12": nothing to decide
    ("D", "2019", "year", 2019, 1, 12, 7.0, 1, 3, JAN, False),
    ("D", "2019-01..12", "ytd", 2019, 1, 12, 8.0, 2, 3, FEB, True),
    # E: only a newer "2020" spelling: renamed and still current (the older vintage was already superseded)
    ("E", "2020-01..12", "ytd", 2020, 1, 12, 9.0, 1, 4, JAN, False),
    ("E", "2020", "year", 2020, 1, 12, 10.0, 2, 4, FEB, True),
    # F: a whole quarter not from January is not touched
    ("F", "2020Q3", "quarter", 2020, 7, 9, 11.0, 1, 5, JAN, True),
]


@pytest.fixture
def store_at_0007(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """A store migrated up to 0007 only (the migrations directory without 0008 and later)."""
    older = tmp_path / "migrations_0007"
    older.mkdir()
    for path in resource_path("migrations").glob("*.sql"):
        if int(path.name[:4]) <= 7:
            shutil.copy(path, older)
    with open_store(store_url, migrate=False) as store:
        migrate(store, older)
        assert max(applied_versions(store)) == 7
        yield store


def test_0008_collapses_duplicate_current_reports(store_at_0007: Store) -> None:
    store = store_at_0007
    store.bulk_insert("reports", COLUMNS, ROWS)
    assert 8 in migrate(store)
    got = store.fetchall(
        "SELECT credit_code, period, period_kind, revenue, is_current FROM reports ORDER BY credit_code, revenue"
    )
    assert got == [
        ("A", "2020-01..12", "ytd", 1.0, False),
        ("A", "2020-01..12", "ytd", 2.0, True),
        ("B", "2020-01..06", "ytd", 3.0, False),
        ("B", "2020-01..06", "ytd", 4.0, True),
        ("C", "2020-01..03", "ytd", 5.0, True),
        ("C", "2020-01..03", "ytd", 6.0, False),
        ("D", "2019-01..12", "ytd", 7.0, False),
        ("D", "2019-01..12", "ytd", 8.0, True),
        ("E", "2020-01..12", "ytd", 9.0, False),
        ("E", "2020-01..12", "ytd", 10.0, True),
        ("F", "2020Q3", "quarter", 11.0, True),
    ]
    doubles = store.fetchall(
        "SELECT credit_code, year, end_month, count(*) FROM reports"
        " WHERE is_current AND start_month = 1 GROUP BY credit_code, year, end_month HAVING count(*) > 1"
    )
    assert doubles == []


def test_0008_unique_current_key_on_postgres(store: Store) -> None:
    """PostgreSQL refuses a second current row for one key; DuckDB (no partial indexes) has no such index."""
    row = ("A", "2020-01..12", "ytd", 2020, 1, 12, 1.0, 1, 2, JAN, True)
    store.bulk_insert("reports", COLUMNS, [row, (*row[:-1], False)])  # a superseded vintage beside it is fine
    if store.dialect == "postgres":
        indexes = store.fetchall(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'uq_reports_current'"
        )
        assert len(indexes) == 1 and "WHERE is_current" in indexes[0][0]
        with pytest.raises(Exception, match="uq_reports_current"):
            store.bulk_insert("reports", COLUMNS, [row])
    else:
        assert store.fetchall("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'reports'") == []
