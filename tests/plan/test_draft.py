"""`seimon plan new`: a plan file drafted from a plan's text loads, lints with every number covered, and holds
what the text commits to (issue 20). Shown on a second real plan (examples/plans) and on the Hebei text."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.plan import load_plan
from seimon.plan.draft import draft_plan
from seimon.plan.lint import lint_plan

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_TEXT = REPO / "examples" / "plans" / "cn_informatization_13fyp.txt"
EXAMPLE_PLAN = REPO / "examples" / "plans" / "cn_informatization_13fyp.yaml"
runner = CliRunner()


def test_plan_new_then_lint_on_a_second_real_plan(tmp_path: Path) -> None:
    out = tmp_path / "informatization.yaml"
    args = ["plan", "new", str(EXAMPLE_TEXT), "-o", str(out), "--id", "cn_informatization_13fyp", "--json"]
    result = runner.invoke(app, [*args, "--region", "100000"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["lint_ok"] is True and summary["coverage"] == 1.0
    assert runner.invoke(app, args).exit_code != 0  # an existing file is not overwritten without --force

    plan = load_plan(out)
    assert (plan.metadata.issuer_zh, plan.metadata.date.isoformat()) == ("国务院", "2016-12-15")
    assert (plan.metadata.period_start, plan.metadata.period_end, plan.metadata.base_year) == (2016, 2020, 2015)
    found = {(t.value, t.unit, t.deadline, t.semantics) for t in plan.targets}
    assert {(6, "万亿元", 2020, "stock"), (38, "万亿元", 2020, "stock"), (98, "%", 2020, "rate")} <= found
    assert (90, "%", 2020, "rate") in found
    statements = [q.statement for q in plan.qualitative_targets]
    assert "北斗导航系统覆盖全球" in statements and all(q.deadline == 2020 for q in plan.qualitative_targets)
    reasons = {s.number_text: s.reason_zh for s in plan.set_aside}
    assert "现状" in reasons["6.88亿"] and "现状" in reasons["17.1万亿元"]  # 2015 figures in the review chapter
    assert "技术世代" in reasons["第五代"]
    report = lint_plan(plan)
    assert report.ok and report.covered == report.total > 50

    listed = runner.invoke(app, ["plan", "targets", "--plan", str(out), "--json"])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == len(plan.targets)
    lint = runner.invoke(app, ["plan", "lint", "--plan", str(out)])
    assert lint.exit_code == 0 and "covered 104/104" in lint.stdout


def test_committed_example_is_what_plan_new_drafts() -> None:
    text = EXAMPLE_TEXT.read_text(encoding="utf-8")
    drafted = draft_plan(text, source_text=EXAMPLE_TEXT.name, plan_id="cn_informatization_13fyp", region="100000")
    assert yaml.safe_load(EXAMPLE_PLAN.read_text(encoding="utf-8")) == drafted
    assert lint_plan(load_plan(EXAMPLE_PLAN)).ok


def test_draft_of_the_hebei_text_recovers_the_hand_encoded_plan(tmp_path: Path, shared_plan_text: str) -> None:
    text_path = tmp_path / "hebei.txt"
    text_path.write_text(shared_plan_text, encoding="utf-8")
    out = tmp_path / "hebei.yaml"
    result = runner.invoke(app, ["plan", "new", str(text_path), "-o", str(out), "--id", "hebei_draft", "--json"])
    assert result.exit_code == 0, result.output
    draft, builtin = load_plan(out), load_plan()
    key = lambda t: (t.value, t.unit, t.deadline, t.semantics)  # noqa: E731
    drafted = [key(t) for t in draft.targets]
    recovered = [t.id for t in builtin.targets if key(t) in drafted]
    assert len(recovered) >= 33, sorted({t.id for t in builtin.targets} - set(recovered))
    assert "academician_workstations" in recovered and "nev_leading_makers" in recovered
    assert (len(draft.roadmap_boxes), len(draft.measures), len(draft.projects)) == (12, 8, 8)
    statements = [q.statement for q in draft.qualitative_targets]
    assert "各市（含定州、辛集市）和主要县域公共交通新能源汽车实现全覆盖" in statements
    assert any("基本形成" in s for s in statements)
    assert lint_plan(draft).coverage == 1.0
