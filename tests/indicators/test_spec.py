"""The indicator system loads, its JSON Schema is shipped, and bad specs fail with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from seimon.errors import SeimonError
from seimon.indicators import load_registry
from seimon.indicators.spec import json_schema
from seimon.plan import load_plan
from seimon.resources import resource_path

GOOD = """\
indicators:
  - id: my_va
    name_zh: 我的增加值
    name_en: My VA
    unit: 万元
    definition: 测试
    aggregation: sum
    measure: value_added
    population: sei
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> SeimonError:
    path = _write(tmp_path, text)
    with pytest.raises(SeimonError) as info:
        load_registry([path])
    assert info.value.location.file == str(path)
    return info.value


def test_builtin_system_covers_the_plan() -> None:
    registry = load_registry()
    required = {
        "sei_va",
        "sei_va_real_growth",
        "sei_va_share_above_scale",
        "sei_va_share_gdp",
        "sei_growth_gap",
        "sei_contribution_rate",
        "sei_pull",
        "sei_revenue",
        "sei_profit",
        "sei_profit_margin",
        "sei_rd_intensity",
        "sei_enterprises",
        "sei_entries",
        "sei_exits",
        "enterprise_tech_centres",
        "maker_spaces",
        "hitech_enterprises",
        "pv_capacity",
        "wind_capacity",
        "nev_production_capacity",
    }
    assert required <= set(registry.specs)
    targets = {t.id for t in load_plan().targets}
    measured = {t for spec in registry for t in spec.targets}
    assert (
        {
            "sei_va_share_gdp",
            "sei_va_share_above_scale_industry",
            "enterprise_tech_centres",
            "maker_spaces",
            "hitech_enterprises",
            "pv_capacity",
            "wind_capacity",
        }
        <= measured
        <= targets
    )


def test_json_schema_file_is_current() -> None:
    shipped = resource_path("schemas", "indicator.schema.json").read_text(encoding="utf-8")
    assert shipped == json_schema()


def test_user_file_adds_indicators(tmp_path: Path) -> None:
    registry = load_registry([_write(tmp_path, GOOD)])
    assert registry["my_va"].population == "sei"
    assert registry.location("my_va").line == 2


@pytest.mark.parametrize(
    ("change", "code", "line", "field"),
    [
        (("measure: value_added", "measure: value_addd"), "indicator_measure", 8, "measure"),
        (("aggregation: sum", "aggregation: median"), "indicator_schema", 7, "aggregation"),
        (("unit: 万元", "unit: 家"), "indicator_unit", 5, "unit"),
        (
            ("    population: sei\n", "    population: all\n    dimensions: [region, sei_field]\n"),
            "indicator_dimension",
            10,
            "dimensions",
        ),
        (
            ("    population: sei\n", "    population: sei\n    targets: [no_such_target]\n"),
            "indicator_target",
            10,
            "targets",
        ),
    ],
)
def test_bad_specs_are_located(tmp_path: Path, change: tuple[str, str], code: str, line: int, field: str) -> None:
    err = _error(tmp_path, GOOD.replace(*change))
    assert (err.code, err.location.line, err.location.field) == (code, line, field)
    assert err.message_zh and err.message_en


def test_cycle_is_rejected(tmp_path: Path) -> None:
    text = (
        GOOD
        + """\
  - id: a_ratio
    name_zh: 甲
    name_en: A
    unit: "%"
    definition: 循环
    aggregation: share
    numerator: b_ratio
    denominator: my_va
  - id: b_ratio
    name_zh: 乙
    name_en: B
    unit: "%"
    definition: 循环
    aggregation: share
    numerator: a_ratio
    denominator: my_va
"""
    )
    err = _error(tmp_path, text)
    assert err.code == "indicator_cycle"
    assert "a_ratio" in err.message_en and "b_ratio" in err.message_en


def test_gdp_cannot_be_cut_by_sei_field(tmp_path: Path) -> None:
    text = """\
indicators:
  - id: my_gdp
    name_zh: 生产总值
    name_en: GDP
    unit: 亿元
    definition: 测试
    aggregation: regional
    sources: [GDP]
    dimensions: [region, sei_field]
"""
    err = _error(tmp_path, text)
    assert (err.code, err.location.line) == ("indicator_dimension", 9)


def test_share_of_unlike_units_and_mixed_prices_rejected(tmp_path: Path) -> None:
    base = (
        GOOD
        + """\
  - id: my_count
    name_zh: 数
    name_en: N
    unit: 家
    definition: 计数
    aggregation: count_distinct
    population: sei
    price: none
  - id: my_share
    name_zh: 比
    name_en: S
    unit: "%"
    definition: 比重
    aggregation: share
    numerator: my_va
    denominator: my_count
"""
    )
    err = _error(tmp_path, base)
    assert err.code == "indicator_unit"
    mixed = base.replace("denominator: my_count", "denominator: sei_va_comparable")
    assert _error(tmp_path, mixed).code == "indicator_price"


def test_composite_cut_needs_broadcast(tmp_path: Path) -> None:
    text = (
        GOOD
        + """\
    dimensions: [region, plan_industry]
  - id: my_share
    name_zh: 比
    name_en: S
    unit: "%"
    definition: 比重
    aggregation: share
    numerator: my_va
    denominator: above_scale_va
    dimensions: [region, plan_industry]
"""
    )
    err = _error(tmp_path, text)
    assert err.code == "indicator_dimension" and "broadcast" in err.message_en
    assert load_registry([_write(tmp_path, text + "    broadcast: true\n")])["my_share"].broadcast
