"""Generated SQL per dialect, snapshot-tested: a change in the compiler shows up as a reviewed diff.

Set SEIMON_UPDATE_SNAPSHOTS=1 to rewrite the files under tests/indicators/snapshots/.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import ibis
import pytest

from seimon.indicators import load_registry
from seimon.indicators.compile import Cut, compile_frame

SNAPSHOTS = Path(__file__).parent / "snapshots"
DIALECTS = ("duckdb", "postgres", "pyspark")
CASES = {
    "share_by_city": (["sei_va_share_above_scale"], Cut((("reporting", "city"),)), None, None),
    "growth_gap_by_plan_industry": (
        ["sei_growth_gap", "sei_contribution_rate", "sei_pull"],
        Cut((("geographic", "city"),), "plan_industry"),
        [(2019, 12)],
        None,
    ),
    "counts_and_entries": (["sei_enterprises", "sei_entries", "sei_exits"], Cut(), [(2019, 9)], None),
    "growth_by_division": (
        ["sei_va_real_growth", "sei_va", "sei_enterprises"],
        Cut((("reporting", "province"),), "division"),
        [(2019, 9)],
        None,
    ),
    "services_by_plan_industry": (
        ["sei_services_revenue", "sei_services_revenue_growth", "sei_revenue"],
        Cut((("reporting", "city"),), "plan_industry"),
        [(2019, 12)],
        None,
    ),
    "observation_vintage": (
        ["enterprise_tech_centres", "sei_va_share_gdp"],
        Cut(),
        None,
        dt.datetime(2020, 3, 1, 23, 59, 59),
    ),
}


def _sql(case: str, dialect: str) -> str:
    ids, cut, periods, vintage = CASES[case]
    if dialect == "pyspark":
        _ = ibis.pyspark  # registers the pyspark options the compiler reads
    expr = compile_frame(load_registry(), ids, cut, periods=periods, vintage=vintage)
    return str(ibis.to_sql(expr, dialect=dialect)).strip() + "\n"


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_sql_snapshot(case: str, dialect: str) -> None:
    path = SNAPSHOTS / f"{case}.{dialect}.sql"
    sql = _sql(case, dialect)
    if os.environ.get("SEIMON_UPDATE_SNAPSHOTS") == "1":
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"missing snapshot {path.name}; run with SEIMON_UPDATE_SNAPSHOTS=1"
    assert sql == path.read_text(encoding="utf-8"), f"SQL for {case} on {dialect} changed; review and update"
    assert "NULLIF" in sql.upper() or case == "counts_and_entries"
