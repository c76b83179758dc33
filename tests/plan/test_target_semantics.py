"""Target semantics and qualitative targets in the plan model (issue 20)."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError
from tests.plan.test_model import _plan, _target

from seimon.plan import load_plan
from seimon.plan.lint import lint_plan
from seimon.plan.model import Plan, Target


def test_semantics_are_derived_from_kind_when_absent() -> None:
    assert Target.model_validate(_target()).semantics == "stock"
    assert Target.model_validate(_target(kind="share", unit="%")).semantics == "rate"
    assert Target.model_validate(_target(kind="cumulative")).semantics == "flow"
    assert Target.model_validate(_target(value=1, value_max=2, value_text="1至2", unit="家")).semantics == "range"


def test_range_and_counted_from_rules() -> None:
    with pytest.raises(ValidationError, match="range"):
        Target.model_validate(_target(semantics="range"))
    with pytest.raises(ValidationError, match="range"):
        Target.model_validate(_target(value=1, value_max=2, value_text="1至2", semantics="stock"))
    with pytest.raises(ValidationError, match="counted_from"):
        Target.model_validate(_target(counted_from=2015))


def test_flows_count_from_the_plan_base_year_unless_told() -> None:
    plan = Plan.model_validate(
        _plan(targets=[_target(semantics="flow"), _target(id="b", semantics="flow", base_year=2018)])
    )
    assert [t.counted_from for t in plan.targets] == [2020, 2018]


def test_qualitative_targets_are_checked_for_dangling_references() -> None:
    qualitative = {
        "id": "full_coverage",
        "name_zh": "全覆盖",
        "name_en": "full coverage",
        "deadline": 2025,
        "scope": {"type": "industry", "id": "no_such_industry"},
        "source": {"section": "二", "quote": "示例"},
    }
    plan = Plan.model_validate(_plan(qualitative_targets=[qualitative]))
    problems = plan.integrity_problems()
    assert problems and problems[0][0] == ("qualitative_targets", 0, "scope", "id")


def test_builtin_plan_models_what_the_three_issue_targets_say() -> None:
    plan = load_plan()
    targets = {t.id: t for t in plan.targets}
    workstations = targets["academician_workstations"]
    assert (workstations.semantics, workstations.counted_from, workstations.value) == ("flow", 2015, 500)
    makers = targets["nev_leading_makers"]
    assert (makers.semantics, makers.value, makers.value_max) == ("range", 1, 2)
    qualitative = {q.id: q for q in plan.qualitative_targets}
    coverage = qualitative["nev_public_transport_full_coverage"]
    assert coverage.statement == "各市（含定州、辛集市）和主要县域公共交通新能源汽车实现全覆盖"
    assert plan.text[coverage.source.start : coverage.source.end] == coverage.source.quote
    assert coverage.box == "box_12" and coverage.deadline == 2020
    assert any("基本形成" in q.statement for q in plan.qualitative_targets)


def test_lint_reports_coverage_semantics_and_warns_when_a_flow_is_encoded_as_a_stock() -> None:
    plan = load_plan()
    report = lint_plan(plan)
    assert report.ok and report.coverage == 1.0
    assert report.by_semantics["flow"] >= 2 and report.qualitative >= 3
    assert not [f for f in report.findings if f.code == "target_semantics_differs"]
    changed = copy.deepcopy(plan)  # load_plan() is cached: never change the shared plan
    workstations = next(t for t in changed.targets if t.id == "academician_workstations")
    workstations.semantics, workstations.counted_from = "stock", None
    findings = [f for f in lint_plan(changed).findings if f.code == "target_semantics_differs"]
    assert [f.item_id for f in findings] == ["academician_workstations"]
    assert "flow" in findings[0].message_en
