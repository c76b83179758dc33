"""The cube (full and incremental) and the three commands `indicators`, `query`, `compute`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from seimon.cli.indicators import compute_command, indicators_command, query_command
from seimon.indicators import compute_cube, query
from seimon.store import open_store

from .conftest import load_dataset


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.command("indicators")(indicators_command)
    app.command("query")(query_command)
    app.command("compute")(compute_command)
    return app


@pytest.fixture
def store_path(tmp_path: Path, dataset: dict[str, Any]) -> str:
    url = f"duckdb://{tmp_path / 'cube.duckdb'}"
    with open_store(url) as store:
        load_dataset(store, dataset)
    return url


def test_cube_full_then_incremental(store_path: str) -> None:
    with open_store(store_path) as store:
        first = compute_cube(store)
        assert first["rows"] > 1000
        assert len(first["periods"]) == 7  # the six of the reports and the services form's 1–3月
        cell = store.fetchone(
            "SELECT value, value_prior_year, yoy FROM indicator_cube WHERE indicator = 'sei_va' AND view = "
            "'reporting' AND level = 'province' AND dimension = '' AND year = 2019 AND end_month = 9"
        )
        assert cell is not None
        direct = query("sei_va", store=store, period="2019-09")[0]["value"]
        prior = query("sei_va", store=store, period="2018-09")[0]["value"]
        assert cell[0] == pytest.approx(direct, rel=1e-12)
        assert cell[1] == pytest.approx(prior, rel=1e-12)
        assert cell[2] == pytest.approx((direct / prior - 1) * 100, rel=1e-12)
        assert compute_cube(store)["periods"] == []  # nothing new
        # a new batch revises one enterprise's 2018 1–9月 report: 2018-09, 2019-09 (its yoy) and 2018-12 (its pop)
        store.execute(
            "UPDATE reports SET is_current = false WHERE credit_code = '91130000MA0000000X' "
            "AND year = 2018 AND end_month = 9"
        )
        store.bulk_insert(
            "reports",
            [
                "credit_code",
                "period",
                "period_kind",
                "year",
                "start_month",
                "end_month",
                "value_added",
                "value_added_prior",
                "batch_id",
                "vintage",
                "is_current",
            ],
            [
                (
                    "91130000MA0000000X",
                    "2018-01..09",
                    "ytd",
                    2018,
                    1,
                    9,
                    99999.0,
                    90000.0,
                    3,
                    dt.datetime(2020, 5, 1),
                    True,
                )
            ],
        )
        second = compute_cube(store)
        assert second["periods"] == ["2018-09", "2018-12", "2019-09"]  # 1–12月: its previous period changed
        after = store.fetchone(
            "SELECT value FROM indicator_cube WHERE indicator = 'sei_va' AND view = 'reporting' AND level = "
            "'province' AND dimension = '' AND year = 2018 AND end_month = 9"
        )
        assert after is not None and after[0] == pytest.approx(
            query("sei_va", store=store, period="2018-09")[0]["value"]
        )
        assert after[0] != pytest.approx(prior)


def test_indicators_command(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["indicators", "--json"])
    assert result.exit_code == 0, result.output
    listing = json.loads(result.output)
    first = listing[0]
    assert {"id", "name_zh", "name_en", "unit", "definition", "targets"} <= set(first)


def test_query_command_json_and_table(app: typer.Typer, store_path: str) -> None:
    result = CliRunner().invoke(
        app,
        ["query", "sei_va_share_above_scale", "--period", "2019", "--by", "region", "--store", store_path, "--json"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["region"] for r in rows} >= {"130682", "130181", "130100"}
    assert all(
        r["unit"] == "%" and r["period"] == "2019" and r["indicator"] == "sei_va_share_above_scale" for r in rows
    )
    by_industry = json.loads(
        CliRunner()
        .invoke(
            app,
            ["query", "sei_va", "--period", "2019年1-9月", "--by", "plan_industry", "--store", store_path, "--json"],
        )
        .output
    )
    assert {r["plan_industry"] for r in by_industry} >= {"nev", "biology"}
    assert {r["period"] for r in by_industry} == {"2019-01..09"}
    table = CliRunner().invoke(app, ["query", "sei_va", "--period", "2019", "--store", store_path])
    assert table.exit_code == 0 and "130000" in table.output
    by_division = CliRunner().invoke(
        app, ["query", "sei_va", "--period", "2019", "--by", "division", "--store", store_path]
    )
    assert by_division.exit_code == 0, by_division.output
    assert "行业大类" in by_division.output and "38 电气机械和器材制造业" in by_division.output  # register names


def test_query_rejects_impossible_cut(app: typer.Typer, store_path: str) -> None:
    result = CliRunner().invoke(app, ["query", "gdp", "--by", "sei_field", "--store", store_path])
    assert result.exit_code != 0
    assert "sei_field" in str(result.exception)


def test_compute_command(app: typer.Typer, store_path: str) -> None:
    result = CliRunner().invoke(app, ["compute", "--from", "2019-02", "--to", "2019", "--store", store_path, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["periods"] == ["2019-02", "2019-03", "2019-09", "2019-12"]  # 2019-03: the services form's 1–3月


def test_compute_command_says_what_a_month_read_from_the_store(
    app: typer.Typer, store_path: str, dataset: dict[str, Any]
) -> None:
    """After a month's import, `seimon compute` names the stored periods it compared with and the kept register."""
    from .test_cube_plan import _next_month_reports

    first = CliRunner().invoke(app, ["compute", "--store", store_path])
    assert first.exit_code == 0, first.output
    assert "compared with" not in first.output  # a first run computes everything
    with open_store(store_path) as store:
        store.bulk_insert("reports", *_next_month_reports(dataset))
    result = CliRunner().invoke(app, ["compute", "--store", store_path])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "recomputed 2 periods" in text
    assert "compared with the stored cube rows of: 2018-12, 2019-09" in text
    assert "register side read from the last run" in text
