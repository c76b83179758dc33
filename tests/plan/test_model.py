"""The plan model on its own: validation rules that protect later stages from silent defaults."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from seimon.plan.model import Industry, Plan, SourceRef, Target, unwrap_box_text


def _target(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "pv_capacity",
        "name_zh": "光伏发电装机容量",
        "name_en": "PV capacity",
        "value": 1500,
        "value_text": "1500",
        "unit": "万千瓦",
        "comparator": "≥",
        "kind": "level",
        "nature": "unspecified",
        "deadline": 2020,
        "scope": {"type": "province", "id": "130000"},
        "direction": "higher",
        "source": {"section": "二(五)1 专栏9", "quote": "光伏发电装机容量达到1500万千瓦以上"},
    }
    data.update(overrides)
    return data


def _plan(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "metadata": {
            "id": "demo",
            "title_zh": "示例",
            "title_en": "demo",
            "issuer_zh": "某市",
            "issuer_en": "a city",
            "date": "2021-01-01",
            "period_start": 2021,
            "period_end": 2025,
            "base_year": 2020,
            "source_text": "demo.txt",
            "source": {"section": "标题", "quote": "示例"},
        },
        "industries": [
            {
                "id": "new_energy",
                "number": 1,
                "name_zh": "新能源",
                "name_en": "New energy",
                "sei_codes": ["6"],
                "source": {"section": "二", "quote": "新能源"},
            }
        ],
        "targets": [_target()],
    }
    data.update(overrides)
    return data


def test_unwrap_box_text_removes_cell_borders_and_padding() -> None:
    wrapped = (
        "培育1至2家国内领先并具有一定国际影响力的新│\u3000\u3000│\u3000\u3000\u3000\u3000\u3000\u3000\u3000│能源汽车"
    )
    assert unwrap_box_text(wrapped) == "培育1至2家国内领先并具有一定国际影响力的新能源汽车"
    assert unwrap_box_text("太阳\u3000\u3000│\u3000\u3000│\u3000\u3000\u3000│能热发电") == "太阳能热发电"
    assert unwrap_box_text("no borders") == "no borders"


def test_source_text_is_the_unwrapped_quote() -> None:
    ref = SourceRef(section="x", quote="竞│\u3000\u3000│\u3000│争力")
    assert ref.text == "竞争力"
    assert ref.model_dump()["text"] == "竞争力"


def test_target_direction_is_required_never_defaulted() -> None:
    data = _target()
    del data["direction"]
    with pytest.raises(ValidationError) as info:
        Target.model_validate(data)
    assert info.value.errors()[0]["loc"] == ("direction",)


@pytest.mark.parametrize(
    ("field", "bad"),
    [("comparator", "at least"), ("kind", "stock"), ("nature", "binding-ish"), ("direction", "up")],
)
def test_target_closed_vocabularies(field: str, bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        Target.model_validate(_target(**{field: bad}))
    assert info.value.errors()[0]["type"] == "literal_error"


def test_target_range_must_be_ordered() -> None:
    Target.model_validate(_target(value=1, value_max=2, value_text="1至2", unit="家"))
    with pytest.raises(ValidationError, match="value_max"):
        Target.model_validate(_target(value=3, value_max=2))


def test_target_id_must_be_snake_case_ascii() -> None:
    with pytest.raises(ValidationError) as info:
        Target.model_validate(_target(id="光伏"))
    assert info.value.errors()[0]["type"] == "string_pattern_mismatch"


def test_unknown_keys_are_errors_not_dropped() -> None:
    with pytest.raises(ValidationError) as info:
        Target.model_validate(_target(valeu=3))
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_industry_sei_codes_must_be_field_or_item_codes() -> None:
    base = _plan()["industries"][0]
    Industry.model_validate({**base, "sei_codes": ["6", "6.3"]})
    for bad in (["06"], ["6.3.1"], ["x"], ["10"]):
        with pytest.raises(ValidationError, match="sei_code"):
            Industry.model_validate({**base, "sei_codes": bad})
    with pytest.raises(ValidationError):
        Industry.model_validate({**base, "sei_codes": []})


def test_integrity_finds_duplicate_ids_across_sections() -> None:
    data = _plan()
    data["set_aside"] = [
        {
            "id": "pv_capacity",
            "number_text": "500千伏",
            "reason_zh": "电压等级",
            "reason_en": "voltage class",
            "source": {"section": "x", "quote": "500千伏"},
        }
    ]
    problems = Plan.model_validate(data).integrity_problems()
    assert [(p[0], "pv_capacity" in p[1]) for p in problems] == [(("set_aside", 0, "id"), True)]


def test_integrity_finds_dangling_references() -> None:
    data = _plan()
    data["targets"] = [_target(scope={"type": "industry", "id": "no_such_industry"}, box="box_99")]
    problems = Plan.model_validate(data).integrity_problems()
    assert [p[0] for p in problems] == [("targets", 0, "scope", "id"), ("targets", 0, "box")]
    assert "no_such_industry" in problems[0][2]


def test_a_clean_plan_has_no_integrity_problems() -> None:
    assert Plan.model_validate(copy.deepcopy(_plan())).integrity_problems() == []


def test_period_must_be_ordered() -> None:
    data = _plan()
    data["metadata"]["period_end"] = 2019
    with pytest.raises(ValidationError, match="period_end"):
        Plan.model_validate(data)


def test_schema_names_every_section_and_requires_direction() -> None:
    schema = Plan.model_json_schema()
    assert {"metadata", "industries", "targets", "set_aside", "bases", "roadmap_boxes"} <= set(schema["properties"])
    assert "direction" in schema["$defs"]["Target"]["required"]
    assert set(schema["$defs"]["Target"]["properties"]["comparator"]["enum"]) == {"≥", ">", "≈", "=", "≤", "<"}
