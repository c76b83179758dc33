"""`seimon assess` and `seimon warnings` through Typer's CliRunner on a tmp DuckDB store: exit codes, JSON shape."""

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
from seimon.store import open_store

app = typer.Typer()
app.command("assess")(assess_command)
app.command("warnings")(warnings_command)
runner = CliRunner()

KEYS = {
    "target_id", "status", "method", "baseline_value", "baseline_period", "latest_value", "latest_period",
    "target_value", "deadline", "progress_share", "time_share", "cagr_observed", "cagr_required", "ratio",
    "forecast", "probability_meet", "reasons",
}  # fmt: skip
FORECAST_KEYS = {"value", "lower", "upper", "method", "backtest_error"}
COLUMNS = ["indicator", "region", "period", "period_kind", "year", "start_month", "end_month", "point_date", "value",
           "unit", "source", "reliability", "published", "batch_id", "row_number", "vintage", "is_current"]  # fmt: skip


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    series = [("2015年末", 2_400_000), ("2016年末", 3_500_000), ("2017年10月末", 5_000_000), ("2017年末", 5_600_000),
              ("2018年末", 8_000_000)]  # fmt: skip
    rows = []
    for number, (text, value) in enumerate(series, 1):
        p = parse_period(text)
        day = p.end_date() + dt.timedelta(days=40)
        rows.append(("pv_capacity", "130000", p.code, p.kind, p.year, p.start_month, p.end_month, p.date, value,
                     "千瓦", "国家能源局华北监管局", "A", day, 1, number, dt.datetime.combine(day, dt.time()),
                     True))  # fmt: skip
    with open_store(url) as store:
        store.bulk_insert("observations", COLUMNS, rows)
    return url


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "220"})  # wide enough that Rich does not fold cells
    return result.exit_code, result.stdout


def test_assess_json_covers_every_target_with_the_documented_shape(store_url: str) -> None:
    code, out = invoke("assess", "--store", store_url, "--as-of", "2019-06-30", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [d["target_id"] for d in data] == [t.id for t in load_plan().targets]
    for item in data:
        assert set(item) >= KEYS, item["target_id"]
        assert item["reasons"] and all(isinstance(r, str) and " / " in r for r in item["reasons"])
        assert item["method"] == "opensdg"
    pv = next(d for d in data if d["target_id"] == "pv_capacity")
    assert pv["status"] == "on_track" and pv["latest_period"] == "2018-12-31"
    assert pv["baseline_value"] == pytest.approx(240.0) and pv["target_value"] == pytest.approx(1500.0)
    assert set(pv["forecast"]) >= FORECAST_KEYS and pv["forecast"]["value"] is not None
    assert 0.0 <= pv["probability_meet"] <= 1.0


def test_assess_one_target_with_another_method(store_url: str) -> None:
    code, out = invoke(
        "assess", "--store", store_url, "--as-of", "2019-06-30", "--method", "extrapolation", "--target",
        "pv_capacity", "--json",
    )  # fmt: skip
    assert code == 0, out
    (item,) = json.loads(out)
    assert item["method"] == "extrapolation" and item["target_id"] == "pv_capacity"


def test_assess_table_shows_chinese_status_labels(store_url: str) -> None:
    code, out = invoke("assess", "--store", store_url, "--as-of", "2019-06-30")
    assert code == 0, out
    assert "按计划推进" in out and "数据不足" in out and "目标评估" in out


def test_explain_shows_observations_formulas_and_candidates(store_url: str) -> None:
    code, out = invoke("assess", "--store", store_url, "--as-of", "2019-06-30", "--explain", "pv_capacity")
    assert code == 0, out
    for text in ("采用的观测值", "剔除的观测值", "CAGR_obs", "阈值", "预测候选", "国家能源局华北监管局", "1:5"):
        assert text in out, text
    code, out = invoke("assess", "--store", store_url, "--as-of", "2019-06-30", "--explain", "pv_capacity", "--json")
    data = json.loads(out)
    assert data["observations_used"] and data["formulas"] and data["forecast_candidates"]
    assert {o["source"] for o in data["observations_used"]} == {"国家能源局华北监管局"}


@pytest.mark.parametrize(
    "args",
    [
        ("--as-of", "2019-13-01"),
        ("--method", "magic"),
        ("--target", "no_such_target"),
        ("--explain", "no_such_target"),
    ],
)
def test_assess_bad_options_exit_2(store_url: str, args: tuple[str, str]) -> None:
    result = runner.invoke(app, ["assess", "--store", store_url, *args])
    assert result.exit_code == 2, result.output


def test_warnings_json_schema_and_internal(store_url: str, tmp_path: Path) -> None:
    code, out = invoke("warnings", "--store", store_url, "--as-of", "2019-06-30", "--json")
    assert code == 0, out
    assert json.loads(out) == []  # no reports, one steady series: nothing to warn about
    code, out = invoke("warnings", "--schema")
    assert code == 0 and json.loads(out)["title"].startswith("SEI Monitor warning rules")
    with open_store(store_url) as store:  # a revision turns on_track into a worse status: a downgrade
        day = dt.date(2019, 5, 1)
        store.bulk_insert(
            "observations",
            COLUMNS,
            [("pv_capacity", "130000", "2018-12-31", "point", 2018, 12, 12, dt.date(2018, 12, 31), 2_600_000, "千瓦",
              "修订", "A", day, 2, 1, dt.datetime.combine(day, dt.time()), True)],
        )  # fmt: skip
    code, out = invoke("warnings", "--store", store_url, "--as-of", "2019-06-30", "--json")
    found = json.loads(out)
    assert code == 0 and [w["reason_code"] for w in found] == ["status_downgrade"]
    assert {"severity", "region", "numbers", "message_zh", "message_en", "internal"} <= set(found[0])
    code, out = invoke("warnings", "--store", store_url, "--as-of", "2019-06-30", "--internal")
    assert code == 0 and "status_downgrade" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    type: nonsense\n", encoding="utf-8")
    result = runner.invoke(app, ["warnings", "--store", store_url, "--rules", str(bad)])
    assert result.exit_code == 2
