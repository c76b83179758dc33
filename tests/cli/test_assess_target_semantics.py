"""`seimon assess` on the built-in plan's targets whose promise is not a plain level (issue 20).

"新建500家院士工作站" is a flow (what was added since 2015, not the stock), "1至2家" a range shown as 1–2, and the
qualitative "公共交通新能源汽车实现全覆盖" is modelled with its text (`seimon plan lint` counts it). Real DuckDB
store, observations as an import would leave them (indicator = the target id), the CLI as a user runs it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from seimon.cli.assess import assess_command, warnings_command
from seimon.periods import parse_period
from seimon.plan import load_plan
from seimon.plan.lint import lint_plan
from seimon.store import open_store

app = typer.Typer()
app.command("assess")(assess_command)
app.command("warnings")(warnings_command)
runner = CliRunner()
COLUMNS = ["indicator", "region", "period", "period_kind", "year", "start_month", "end_month", "point_date", "value",
           "unit", "source", "reliability", "published", "batch_id", "row_number", "vintage", "is_current"]  # fmt: skip


def _store(tmp_path: Path, series: dict[str, list[tuple[str, float]]]) -> str:
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    rows = []
    number = 0
    for indicator, values in series.items():
        for text, value in values:
            number += 1
            p = parse_period(text)
            day = p.end_date() + dt.timedelta(days=40)
            rows.append((indicator, "130000", p.code, p.kind, p.year, p.start_month, p.end_month, p.date, value,
                         "家", "省科技厅", "A", day, 1, number, dt.datetime.combine(day, dt.time()), True))  # fmt: skip
    with open_store(url) as store:
        store.bulk_insert("observations", COLUMNS, rows)
    return url


def _assess(url: str, *targets: str) -> tuple[dict[str, dict], str]:
    args = ["assess", "--store", url, "--as-of", "2021-06-30"]
    for target in targets:
        args += ["--target", target]
    data = runner.invoke(app, [*args, "--json"], env={"COLUMNS": "220"})
    table = runner.invoke(app, args, env={"COLUMNS": "220"})
    assert data.exit_code == 0 and table.exit_code == 0, data.stdout + table.stdout
    return {d["target_id"]: d for d in json.loads(data.stdout)}, table.stdout


def test_new_workstations_are_assessed_as_added_since_2015_and_makers_as_a_range(tmp_path: Path) -> None:
    url = _store(
        tmp_path,
        {
            # 118 in 2015 rising to 640 in 2020: 522 added, so "新建500家" is met (as a stock, 640 ≥ 500 would be
            # met from 2018 on; as added ones only 2020 gets there).
            "academician_workstations": [("2015年末", 118), ("2016年末", 190), ("2018年末", 380), ("2020年末", 640)],
            "nev_leading_makers": [("2019年末", 1), ("2020年末", 3)],
        },
    )
    found, table = _assess(url, "academician_workstations", "nev_leading_makers")
    workstations = found["academician_workstations"]
    assert (workstations["semantics"], workstations["counted_from"]) == ("flow", 2015)
    assert workstations["baseline_value"] == 0 and workstations["latest_value"] == pytest.approx(522)
    assert workstations["status"] == "achieved"
    makers = found["nev_leading_makers"]
    assert (makers["semantics"], makers["target_value"], makers["target_value_max"]) == ("range", 1, 2)
    assert "above_range" in makers["reason_codes"]
    assert "1–2 家" in table and "新增 / added =500 家" in table
    assert "=1 家" not in table


def test_as_a_flow_the_workstations_are_not_yet_met_where_the_stock_would_be(tmp_path: Path) -> None:
    url = _store(tmp_path, {"academician_workstations": [("2015年末", 118), ("2019年末", 560)]})
    found, _ = _assess(url, "academician_workstations")
    workstations = found["academician_workstations"]
    assert workstations["latest_value"] == pytest.approx(442)  # 560 − 118, not the stock of 560
    assert workstations["status"] != "achieved"


def test_full_nev_coverage_is_modelled_as_a_qualitative_target() -> None:
    plan = load_plan()
    coverage = next(q for q in plan.qualitative_targets if q.id == "nev_public_transport_full_coverage")
    assert "全覆盖" in coverage.statement and coverage.deadline == 2020
    report = lint_plan(plan)
    assert report.qualitative == len(plan.qualitative_targets) >= 4
