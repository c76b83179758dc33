"""Store → appraisal, on DuckDB and PostgreSQL: the issue's done-when store, identical results, units without data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from tests.appraise.conftest import BEST, UNITS, WORST, load_units, qualities
from typer.testing import CliRunner

from seimon.appraise import appraise
from seimon.cli.appraise import appraise_command
from seimon.errors import SeimonError
from seimon.store import open_store

app = typer.Typer()
app.command("appraise")(appraise_command)
app.command("other")(lambda: None)  # two commands, so `appraise` is a sub-command as under the root app
runner = CliRunner()


def test_done_when_best_and_worst_city_rank_first_and_last(store_url: str) -> None:
    with open_store(store_url) as store:
        load_units(store)
    result = runner.invoke(app, ["appraise", "--year", "2019", "--units", "cities", "--store", store_url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    units = data["units"]
    assert sorted(u["unit"] for u in units) == sorted(UNITS)  # 11 cities + 定州 + 辛集, each once
    assert units[0]["unit"] == BEST and units[0]["rank"] == 1
    assert units[-1]["unit"] == WORST and units[-1]["rank"] == 13
    for unit in units:
        assert unit["rank_low"] <= unit["rank"] <= unit["rank_high"]
        assert {"unit", "name", "score", "rank", "rank_low", "rank_high", "pillars"} <= set(unit)
        assert set(unit["pillars"]) == {"scale_structure", "growth", "quality", "vitality"}
    # the ranking follows the one number that drives share and growth
    q = qualities()
    assert [u["unit"] for u in units] == sorted(UNITS, key=lambda c: -q[c])
    # indicators nobody has are left out and said so, not counted as zero
    assert "sei_share_gdp" in data["dropped"] and "hitech_per_gdp" in data["dropped"]
    assert any(w["code"] == "indicator_without_data" for w in data["warnings"])


def crossed() -> tuple[dict[str, float], dict[str, float]]:
    """Share and growth that disagree for the middle units, so ranks depend on the weights."""
    q = qualities()
    growth = {u: (1 - v if u not in (BEST, WORST) else v) for u, v in q.items()}
    return q, growth


def test_the_same_store_gives_identical_results_on_duckdb_and_postgresql(duckdb_url: str, pg_url: str) -> None:
    results = []
    for url in (duckdb_url, pg_url):
        with open_store(url) as store:
            q, g = crossed()
            load_units(store, q, growth=g)
            results.append(appraise(store, 2019, draws=600).to_dict())
    duck, pg = results
    assert duck["units"] == pg["units"]
    assert duck["sensitivity"] == pg["sensitivity"]
    widths = [u["rank_high"] - u["rank_low"] for u in duck["units"]]
    assert max(widths) > 0  # the crossing makes some ranks uncertain
    assert sum(duck["sensitivity"]["total"].values()) > 0
    # per unit: the best unit's rank never moves, so no assumption explains any of its (zero) variance
    best = next(u for u in duck["units"] if u["unit"] == BEST)
    assert best["rank_low"] == best["rank_high"] == 1
    assert all(v == {"first_order": 0.0, "total": 0.0} for v in best["sensitivity"].values())
    moving = [u for u in duck["units"] if u["rank_high"] > u["rank_low"]]
    assert all(max(v["total"] for v in u["sensitivity"].values()) > 0 for u in moving)


def test_as_of_uses_only_what_was_published_by_then(duckdb_url: str) -> None:
    with open_store(duckdb_url) as store:
        load_units(store)  # every figure published on 2020-03-01
        with pytest.raises(SeimonError) as err:
            appraise(store, 2019, as_of=dt.date(2020, 2, 29), draws=100)
        known = appraise(store, 2019, as_of=dt.date(2020, 3, 1), draws=100).to_dict()
    assert err.value.code == "appraisal_no_data"
    assert known["as_of"] == "2020-03-01" and known["units"][0]["unit"] == BEST


def test_departments_without_registers_have_no_data_and_say_so(duckdb_url: str) -> None:
    with open_store(duckdb_url) as store:
        load_units(store)
    result = runner.invoke(app, ["appraise", "--year", "2019", "--units", "departments", "--store", duckdb_url])
    assert result.exit_code == 2
    assert "没有可考核的部门" in result.output and "no departments" in result.output


def test_departments_are_appraised_on_their_tasks_and_projects(tmp_path: Path) -> None:
    from seimon.demo import generate_demo
    from seimon.ingest.directory import load_directory
    from seimon.tracking.projects import projects_report
    from seimon.tracking.tasks import tasks_report

    generate_demo(tmp_path / "demo", enterprises=120, years=(2018, 2020), seed=4)
    with open_store(f"duckdb:///{tmp_path / 'd.duckdb'}") as store:
        load_directory(store, tmp_path / "demo")
        result = appraise(store, 2019, units="departments", draws=500).to_dict()
        tasks = {g["key"]: g for g in tasks_report(store, dt.date(2019, 12, 31))["by_department"]}
        projects = {g["key"]: g for g in projects_report(store, dt.date(2019, 12, 31), by="department")["groups"]}
    assert result["framework"] == "hebei_sei_departments"
    units = {u["unit"]: u for u in result["units"]}
    assert set(units) == {k for k in (*tasks, *projects) if k}
    for name, unit in units.items():
        done = unit["indicators"]["tasks_done"]["value"]
        invest = unit["indicators"]["project_investment_completion"]["value"]
        assert done == (pytest.approx(100 * tasks[name]["done_rate"]) if name in tasks else None)
        assert invest == (pytest.approx(100 * projects[name]["investment_completion_rate"]) if name in projects
                          else None)  # fmt: skip
        if unit["rank"] is not None:
            assert unit["rank_low"] <= unit["rank"] <= unit["rank_high"]
    assert units["省科技厅"]["name_en"] == "Provincial Department of Science and Technology"


def test_bases_are_appraised_from_the_enterprises_they_hold(duckdb_url: str) -> None:
    bases = {BEST: "national_baoding_new_energy", WORST: "national_sjz_bio"}
    with open_store(duckdb_url) as store:
        load_units(store, bases=bases)
        result = appraise(store, 2019, units="bases", draws=100)
    ranked = result.ranked()
    assert [u.unit for u in ranked] == ["national_baoding_new_energy", "national_sjz_bio"]
    assert all(u.rank is None for u in result.units if u.unit not in bases.values())  # no data: not ranked


def test_a_framework_file_with_a_mistake_exits_2_with_its_line(tmp_path: Path, duckdb_url: str) -> None:
    bad = tmp_path / "fw.yaml"
    bad.write_text("id: x\nname_zh: 测试\nname_en: test\nunits: {cities: {source: region}}\npillars: []\n", "utf-8")
    result = runner.invoke(app, ["appraise", "--year", "2019", "--framework", str(bad), "--store", duckdb_url])
    assert result.exit_code == 2
    assert "第 5 行" in result.output and "line 5" in result.output


def test_report_appraisal_writes_the_bulletin_through_the_root_cli(tmp_path: Path, duckdb_url: str) -> None:
    from seimon.cli.app import app as root

    with open_store(duckdb_url) as store:
        load_units(store)
    out = tmp_path / "bulletin.docx"
    args = ["report", "appraisal", "--year", "2019", "--format", "docx", "--lang", "en", "-o", str(out)]
    result = runner.invoke(root, [*args, "--store", duckdb_url, "--draws", "100"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
    result = runner.invoke(root, ["report", "appraisal", "--year", "2019", "--format", "docx", "--lang", "fr", "-o",
                                  str(out), "--store", duckdb_url])  # fmt: skip
    assert result.exit_code == 2 and "--lang" in result.output


def test_without_json_a_table_for_people(duckdb_url: str) -> None:
    with open_store(duckdb_url) as store:
        load_units(store)
    result = runner.invoke(
        app, ["appraise", "--year", "2019", "--store", duckdb_url, "--draws", "100"], env={"COLUMNS": "220"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = next(line for line in lines if "定州市" in line)
    assert "1–1" in first and "130682" in first  # rank 1 with its interval
    assert any("Sobol" in line for line in lines) and "战略性新兴产业增加值占GDP比重" in result.stdout  # dropped, said


def test_a_city_is_appraised_on_its_own_broken_down_targets(tmp_path: Path) -> None:
    from seimon.assess.shares import assess_by_city
    from seimon.demo import generate_demo
    from seimon.ingest.directory import load_directory

    generate_demo(tmp_path / "demo", enterprises=120, years=(2018, 2020), seed=4)
    with open_store(f"duckdb:///{tmp_path / 'd.duckdb'}") as store:
        load_directory(store, tmp_path / "demo")
        result = appraise(store, 2019, draws=200).to_dict()
        shares = assess_by_city(store, as_of=dt.date(2019, 12, 31))
    assert shares  # the demo breaks three targets down to the 13 units
    for group in shares:
        counts = {k: v for k, v in group["status_counts"].items() if k != "insufficient_data"}
        unit = next(u for u in result["units"] if u["unit"] == group["key"])
        expected = 100 * (counts.get("on_track", 0) + counts.get("achieved", 0)) / sum(counts.values())
        assert unit["indicators"]["own_targets_on_track"]["value"] == pytest.approx(expected)


def test_reporting_quality_counts_the_enterprises_expected_to_report(tmp_path: Path) -> None:
    from seimon.appraise.data import reporting_rates
    from seimon.demo import generate_demo
    from seimon.ingest.directory import load_directory

    generate_demo(tmp_path / "demo", enterprises=120, years=(2018, 2020), seed=4)
    with open_store(f"duckdb:///{tmp_path / 'd.duckdb'}") as store:
        load_directory(store, tmp_path / "demo")
        before = reporting_rates(store, 2019, None)
        city = max((c for c in before if c.endswith("00")), key=lambda c: before[c])  # a prefecture city
        (code,) = store.fetchone(
            "SELECT min(r.credit_code) FROM reports r JOIN enterprises e ON e.credit_code = r.credit_code"
            " AND e.is_current WHERE r.period = '2019-01..12' AND e.region LIKE ?"
            " AND e.region NOT IN ('130682', '130181')",  # 定州, 辛集 are units of their own
            [city[:4] + "%"],
        )
        store.execute("DELETE FROM reports WHERE credit_code = ? AND period = '2019-01..12'", [code])
        after = reporting_rates(store, 2019, None)
    expected = round(1 / (before[city] - after[city]))  # one enterprise fewer of n expected: 1/n less
    assert after[city] == pytest.approx(before[city] - 1 / expected)
    assert {c: v for c, v in after.items() if c != city} == {c: v for c, v in before.items() if c != city}
