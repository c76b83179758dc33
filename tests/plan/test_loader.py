"""Loading plan files: any plan of the schema loads; malformed files give located bilingual errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from seimon.errors import SeimonError
from seimon.plan import load_plan
from seimon.plan.loader import locate_quote, node_line
from seimon.plan.model import SourceRef

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """A writable copy of the fictional city plan (YAML and its text)."""
    for name in ("city_plan.yaml", "city_plan.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path / "city_plan.yaml"


def _line_of(path: Path, needle: str, nth: int = 0) -> int:
    lines = [i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if needle in line]
    return lines[nth]


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_city_plan_loads_with_offsets_and_normalised_values() -> None:
    plan = load_plan(FIXTURES / "city_plan.yaml")
    assert plan.metadata.id == "linhe_sei_14fyp"
    for target in plan.targets:
        assert plan.text[target.source.start : target.source.end] == target.source.quote
        assert target.value_text in target.source.quote
    pv = next(t for t in plan.targets if t.id == "pv_capacity")
    assert (pv.value, pv.unit, pv.value_normalized, pv.unit_normalized) == (80, "万千瓦", 800000, "千瓦")


def _assert_located(err: SeimonError, file: Path, line: int, field: str) -> None:
    assert err.location.file == str(file)
    assert err.location.line == line
    assert err.location.field == field
    text = str(err)
    assert f"第 {line} 行" in text and f"line {line}" in text
    assert f"字段 {field}" in text and f"field {field}" in text


def test_missing_field(city: Path) -> None:
    _edit(city, "    kind: level\n", "")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    # the first target missing `kind` is hitech_firms (targets[1]); its mapping starts at "- id: hitech_firms"
    _assert_located(info.value, city, _line_of(city, "- id: hitech_firms"), "targets[1].kind")
    assert "缺少必填字段" in info.value.message_zh
    assert "Field required" in info.value.message_en


def test_wrong_type(city: Path) -> None:
    _edit(city, "    value: 300\n", "    value: 三百家\n")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    _assert_located(info.value, city, _line_of(city, "value: 三百家"), "targets[1].value")
    assert "应为数字" in info.value.message_zh and "三百家" in info.value.message_zh


def test_unknown_comparator(city: Path) -> None:
    _edit(city, "    comparator: ≥\n", "    comparator: 至少\n")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    _assert_located(info.value, city, _line_of(city, "comparator: 至少"), "targets[0].comparator")
    assert "取值无效" in info.value.message_zh and "≥" in info.value.message_zh


def test_quote_not_in_text(city: Path) -> None:
    _edit(city, "quote: 光伏发电装机容量达到80万千瓦}", "quote: 光伏发电装机容量达到90万千瓦}")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    _assert_located(info.value, city, _line_of(city, "90万千瓦"), "targets[2].source.quote")
    assert info.value.code == "quote_not_found"
    assert "找不到" in info.value.message_zh and "not found" in info.value.message_en


def test_ambiguous_quote_and_occurrence(city: Path) -> None:
    _edit(city, "quote: 光伏发电装机容量达到80万千瓦}", "quote: 到2025年}")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    assert info.value.code == "quote_ambiguous"
    _assert_located(info.value, city, _line_of(city, "quote: 到2025年"), "targets[2].source.quote")
    _edit(city, "quote: 到2025年}", "quote: 到2025年, occurrence: 1}")
    plan = load_plan(city)
    source = plan.targets[2].source
    assert source.start == plan.text.find("到2025年", plan.text.find("到2025年") + 1)
    _edit(city, "occurrence: 1}", "occurrence: 2}")
    with pytest.raises(SeimonError, match="occurrence=2"):
        load_plan(city)


def test_duplicate_ids(city: Path) -> None:
    _edit(city, "- id: pv_stations", "- id: pv_capacity")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    _assert_located(info.value, city, _line_of(city, "- id: pv_capacity", 1), "targets[3].id")
    assert "重复" in info.value.message_zh and "duplicate" in info.value.message_en


def test_dangling_scope_reference(city: Path) -> None:
    _edit(city, "scope: {type: industry, id: new_materials}", "scope: {type: industry, id: biotech}")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    assert info.value.location.field == "targets[4].scope.id"
    assert "biotech" in info.value.message_zh


def test_yaml_syntax_error_has_a_line(city: Path) -> None:
    _edit(city, "  - id: new_energy\n", "  - id: [new_energy\n")
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    assert info.value.location.file == str(city)
    assert info.value.location.line is not None
    assert "YAML" in info.value.message_zh


def test_missing_source_text(city: Path) -> None:
    (city.parent / "city_plan.txt").unlink()
    with pytest.raises(SeimonError) as info:
        load_plan(city)
    _assert_located(info.value, city, _line_of(city, "source_text:"), "metadata.source_text")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(SeimonError, match="映射"):
        load_plan(path)


def test_node_line_follows_paths_and_falls_back_to_parent() -> None:
    root = yaml.compose("a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n")
    assert node_line(root, ("a", "b")) == 2
    assert node_line(root, ("a", "c", 1, "d")) == 5
    assert node_line(root, ("a", "missing")) == 1
    assert node_line(root, ("a", "c", 7)) == 3


def test_locate_quote_sets_offsets() -> None:
    ref = SourceRef(section="s", quote="B")
    with pytest.raises(SeimonError):
        locate_quote(ref, "ABAB", lambda: None)
    ref = SourceRef(section="s", quote="B", occurrence=1)
    locate_quote(ref, "ABAB", lambda: None)
    assert (ref.start, ref.end) == (3, 4)
