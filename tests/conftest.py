"""Shared fixtures: real stores (DuckDB and PostgreSQL), the shared reference tables, the plan text."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings

from seimon.store import Store, open_store

# CI runs the property tests on a fixed sequence of examples (a red CI must be reproducible); developers' runs
# keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "reference"
PLAN_TEXT = SHARED / "plan" / "000_fd615c21cb9b4446.txt"

PG_DSN = os.environ.get("SEIMON_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """``../shared/reference``: development fixtures (never copied into the project)."""
    assert REFERENCE.is_dir(), f"missing {REFERENCE}: tests need ../shared beside the repo"
    return REFERENCE


@pytest.fixture(scope="session")
def shared_plan_text() -> str:
    return PLAN_TEXT.read_text(encoding="utf-8")


def _pg_schema_url() -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield f"{PG_DSN}?schema={schema}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema in database ``test``, dropped afterwards."""
    yield from _pg_schema_url()


@pytest.fixture
def duckdb_url(tmp_path: Path) -> str:
    return f"duckdb://{tmp_path / 'store.duckdb'}"


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """One test, run against both stores."""
    if request.param == "duckdb":
        yield f"duckdb://{tmp_path / 'store.duckdb'}"
    else:
        yield from _pg_schema_url()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
