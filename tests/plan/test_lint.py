"""The plan lint: every number of a plan text is a target, set aside with a reason, or structural."""

from __future__ import annotations

from pathlib import Path

import pytest

from seimon.plan import Plan, lint_plan, load_plan
from seimon.plan.extract import NumberToken, scan_numbers

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def city() -> Plan:
    # a fresh load (not cached): tests below change the loaded objects
    return load_plan(FIXTURES / "city_plan.yaml")


def _token(
    text: str, plan_text: str, category: str = "quantity", value: float | None = None, nth: int = 0
) -> NumberToken:
    start = -1
    for _ in range(nth + 1):
        start = plan_text.index(text, start + 1)
    return NumberToken(
        text=text,
        start=start,
        end=start + len(text),
        value=value,
        category=category,
        reason_zh="测试理由",
        reason_en="test reason",
    )


def test_builtin_hebei_plan_is_fully_covered() -> None:
    report = lint_plan(load_plan())
    assert report.errors == []
    assert report.ok
    assert report.total == len(scan_numbers(load_plan().text))
    assert report.covered == report.total
    assert report.by_target >= 35
    assert report.by_set_aside >= 20
    assert {"year", "list_marker", "box_number", "period_name"} <= set(report.by_category)
    for count in report.by_category.values():
        assert count.count > 0 and count.reason_zh and count.reason_en


def test_every_hebei_target_is_seen_by_the_extractor() -> None:
    report = lint_plan(load_plan())
    assert [f.item_id for f in report.findings if f.code == "target_not_extracted"] == []


def test_city_plan_lints_with_the_real_extractor(city: Plan) -> None:
    report = lint_plan(city)
    assert report.errors == []
    assert report.covered == report.total > 10
    assert report.by_target == 5
    assert report.by_set_aside >= 2


def test_removing_a_set_aside_leaves_its_number_uncovered(city: Plan) -> None:
    city.set_aside = [s for s in city.set_aside if s.id != "sa_project_capacity"]
    report = lint_plan(city)
    assert not report.ok
    uncovered = [f for f in report.errors if f.code == "uncovered_number"]
    assert len(uncovered) == 1
    assert "5万吨" in (uncovered[0].text or "")
    assert city.text[uncovered[0].start : uncovered[0].end] == uncovered[0].text


def test_quantity_rules_with_explicit_tokens(city: Plan) -> None:
    text = city.text
    tokens = [
        _token("80万千瓦", text, value=80),  # inside pv_capacity's clause, same value: covered by the target
        _token("300家", text, value=300),  # hitech_firms
        _token("百兆瓦级", text, value=100),  # set aside as a size class
        _token("2025年", text, category="year", value=2025),  # covered by rule
        _token("2025年", text, category="year", value=2025, nth=1),
    ]
    report = lint_plan(city, tokens)
    assert (report.total, report.covered, report.by_target, report.by_set_aside) == (5, 5, 2, 1)
    assert report.by_category["year"].count == 2
    assert report.by_category["year"].reason_zh == "测试理由"
    # the lint warns about targets it did not see and set-asides nothing matched
    warned = {f.item_id for f in report.findings if f.severity == "warning"}
    assert {"sei_va_share", "pv_stations", "materials_base", "sa_project_capacity"} <= warned
    assert report.ok


def test_a_value_mismatch_inside_a_target_clause_is_not_covered(city: Plan) -> None:
    report = lint_plan(city, [_token("80万千瓦", city.text, value=90)])
    assert not report.ok
    assert [f.code for f in report.errors] == ["uncovered_number"]


def test_a_quantity_outside_every_span_is_reported(city: Plan) -> None:
    report = lint_plan(city, [_token("5万吨", city.text, value=5), _token("15%", city.text, value=15)])
    # 5万吨 is set aside, 15% is the SEI share target
    assert report.ok and report.covered == 2
    city.set_aside = []
    report = lint_plan(city, [_token("5万吨", city.text, value=5)])
    assert not report.ok and report.errors[0].text == "5万吨"


def test_a_target_whose_clause_lacks_its_value_fails(city: Plan) -> None:
    city.targets[0].value_text = "16"
    report = lint_plan(city, [])
    codes = [(f.code, f.item_id) for f in report.errors]
    assert codes == [("target_value_not_in_source", "sei_va_share")]


def test_a_set_aside_whose_number_is_not_in_its_quote_fails(city: Plan) -> None:
    city.set_aside[0].number_text = "千兆瓦级"
    report = lint_plan(city, [])
    assert [(f.code, f.item_id) for f in report.errors] == [("set_aside_number_not_in_quote", "sa_100mw_class")]


def test_report_json_shape(city: Plan) -> None:
    data = lint_plan(city).to_dict()
    assert {"plan_id", "ok", "total", "covered", "by_category", "findings"} <= set(data)
    assert data["plan_id"] == "linhe_sei_14fyp"
