"""`seimon plan` from the command line: JSON shapes, lint exit codes, located errors with exit code 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.plan import Plan

FIXTURES = Path(__file__).resolve().parents[1] / "plan" / "fixtures"
runner = CliRunner()


def _seimon(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point (``python -m seimon``), which maps located errors to exit code 2."""
    return subprocess.run(
        [sys.executable, "-m", "seimon", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_json_counts_and_target_fields(shared_plan_text: str) -> None:
    data = json.loads(_invoke("plan", "show", "--json"))
    assert len(data["industries"]) == 8
    assert len(data["roadmap_boxes"]) == 12
    assert [b["level"] for b in data["bases"]].count("national") == 5
    assert [b["level"] for b in data["bases"]].count("provincial") == 30
    assert len(data["projects"]) == 8
    assert len(data["measures"]) == 8
    assert len(data["targets"]) >= 35
    assert data["set_aside"] and data["metadata"]["id"] == "hebei_sei_13fyp"
    required = {"id", "name_zh", "name_en", "value", "unit", "value_normalized", "unit_normalized"}
    required |= {"comparator", "kind", "deadline", "scope", "direction", "source"}
    for target in data["targets"]:
        assert required <= set(target), target["id"]
        source = target["source"]
        clause = shared_plan_text[source["start"] : source["end"]]
        assert clause == source["quote"]
        assert target["value_text"] in clause, target["id"]
        assert target["value_normalized"] is not None


def test_show_item_json_has_its_sentence() -> None:
    data = json.loads(_invoke("plan", "show", "zjk_annual_generation", "--json"))
    assert data["value"] == 400 and data["unit"] == "亿千瓦时"
    assert data["sentence"] == (
        "到2020年，力争基地主营业务收入达到1000亿元，"
        "可再生能源发电装机规模达到2000万千瓦，年发电量达到400亿千瓦时以上。"
    )
    box = json.loads(_invoke("plan", "show", "box_10", "--json"))
    assert box["kind_of_item"] == "roadmap_boxes" and box["goal"]["start"] < box["goal"]["end"]


def test_show_item_panel() -> None:
    out = _invoke("plan", "show", "pv_capacity")
    assert "原文" in out and "1500万千瓦以上" in out


def test_summary_and_targets() -> None:
    out = _invoke("plan", "summary")
    assert "目标" in out and "pv_capacity" in out and "35" in out
    targets = json.loads(_invoke("plan", "targets", "--json"))
    assert {t["id"] for t in targets} >= {"pv_capacity", "wind_capacity", "nev_promoted_cumulative"}


def test_schema_to_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.schema.json"
    _invoke("plan", "schema", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == Plan.model_json_schema(mode="validation")
    assert json.loads(_invoke("plan", "schema"))["title"].startswith("SEI Monitor plan")


def test_lint_builtin_plan_exits_zero_and_covers_everything() -> None:
    result = _seimon("plan", "lint")
    assert result.returncode == 0, result.stdout + result.stderr
    covered = next(line for line in result.stdout.splitlines() if line.startswith("covered "))
    n, m = covered.removeprefix("covered ").split("/")
    assert n == m and int(m) > 100


def test_lint_json_report() -> None:
    data = json.loads(_invoke("plan", "lint", "--json"))
    assert data["ok"] is True and data["covered"] == data["total"]


def test_second_plan_loads_and_lints_with_plan_option() -> None:
    path = str(FIXTURES / "city_plan.yaml")
    data = json.loads(_invoke("plan", "show", "--plan", path, "--json"))
    assert data["metadata"]["id"] == "linhe_sei_14fyp" and len(data["targets"]) == 5
    result = runner.invoke(app, ["plan", "lint", "--plan", path])
    assert result.exit_code == 0, result.output
    assert "covered" in result.stdout


def test_lint_fails_on_an_uncovered_number(tmp_path: Path) -> None:
    for name in ("city_plan.yaml", "city_plan.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    yaml_path = tmp_path / "city_plan.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text[: text.index("  - id: sa_project_capacity")], encoding="utf-8")
    result = runner.invoke(app, ["plan", "lint", "--plan", str(yaml_path)])
    assert result.exit_code == 1
    assert "5万吨" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    comparator: ≥\n", "    comparator: 至少\n", "targets[0].comparator"),
        ("- id: pv_stations", "- id: pv_capacity", "targets[3].id"),
        ("quote: 建设2个百兆瓦级光伏电站}", "quote: 建设3个百兆瓦级光伏电站}", "targets[3].source.quote"),
    ],
)
def test_malformed_plan_exits_2_with_a_located_bilingual_error(tmp_path: Path, old: str, new: str, field: str) -> None:
    for name in ("city_plan.yaml", "city_plan.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    yaml_path = tmp_path / "city_plan.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    assert old in text
    yaml_path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i + 1 for i, row in enumerate(yaml_path.read_text(encoding="utf-8").splitlines()) if new.strip() in row)
    if field.endswith(".id"):  # the duplicate is the second occurrence
        line = [i + 1 for i, row in enumerate(yaml_path.read_text(encoding="utf-8").splitlines()) if new in row][1]
    for command in (("plan", "show"), ("plan", "lint")):
        result = _seimon(*command, "--plan", str(yaml_path))
        assert result.returncode == 2, result.stderr
        assert "错误" in result.stderr and "Error" in result.stderr
        assert f"第 {line} 行" in result.stderr and f"line {line}" in result.stderr
        assert f"字段 {field}" in result.stderr and f"field {field}" in result.stderr
        assert str(yaml_path.name) in result.stderr


def test_unknown_item_exits_2() -> None:
    result = _seimon("plan", "show", "no_such_target")
    assert result.returncode == 2
    assert "no_such_target" in result.stderr and "没有" in result.stderr
