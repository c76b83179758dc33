"""Framework files: the default loads; mistakes come back with file, line and field in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from seimon.appraise.framework import load_framework
from seimon.errors import SeimonError
from seimon.resources import resource_path

DEFAULT = resource_path("appraisal", "hebei_sei_cities.yaml")


def test_the_default_framework_uses_only_indicators_of_the_indicator_system_or_the_registers() -> None:
    from seimon.appraise.framework import IndicatorSource
    from seimon.indicators.registry import load_registry

    fw = load_framework()
    registry = load_registry()
    registers = [i.id for i in fw.indicators() if not isinstance(i.source, IndicatorSource)]
    assert registers == [
        "own_targets_on_track", "project_investment_completion", "project_start_rate", "reporting_rate"
    ]  # fmt: skip
    for indicator in fw.indicators():
        if indicator.id in registers:
            continue
        assert indicator.source.indicator in registry
        assert indicator.source.denominator is None or indicator.source.denominator in registry
    assert set(fw.units) == {"cities", "departments", "bases"}
    assert fw.units["cities"].view == "reporting"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "fw.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_bad_direction_is_located_at_its_line(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        "direction: higher\n        weight: 2\n        rationale",
        "direction: up\n        weight: 2\n        rationale",
    )
    with pytest.raises(SeimonError) as err:
        load_framework(path)
    assert err.value.location.file == str(path)
    assert err.value.location.line == line_of(path, "direction: up")
    assert err.value.location.field == "pillars[0].indicators[0].direction"
    assert "应为" in err.value.message_zh and "higher" in err.value.message_en


def test_an_unknown_key_and_a_negative_weight_are_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, "    weight: 1\n    indicators:", "    wieght: 1\n    indicators:")
    with pytest.raises(SeimonError) as err:
        load_framework(path)
    assert err.value.location.line == line_of(path, "wieght")
    path = edited(tmp_path, "weight: 2\n        rationale", "weight: -2\n        rationale")
    with pytest.raises(SeimonError) as err:
        load_framework(path)
    assert err.value.location.line == line_of(path, "weight: -2")


def test_distance_to_target_needs_a_target_for_every_indicator(tmp_path: Path) -> None:
    path = edited(tmp_path, "normalisation: minmax", "normalisation: distance_to_target")
    with pytest.raises(SeimonError) as err:
        load_framework(path)
    assert "target" in err.value.message_en and err.value.code == "appraisal_schema"


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\npillars: [\n", encoding="utf-8")
    with pytest.raises(SeimonError) as err:
        load_framework(path)
    assert err.value.location.line is not None and "YAML" in err.value.message_en


def test_an_indicator_the_indicator_system_lacks_is_located_when_appraising(tmp_path: Path, duckdb_url: str) -> None:
    from seimon.appraise import appraise
    from seimon.store import open_store

    path = edited(tmp_path, "source: {indicator: sei_va_real_growth}", "source: {indicator: sei_va_real_grwth}")
    with open_store(duckdb_url) as store, pytest.raises(SeimonError) as err:
        appraise(store, 2019, framework=path)
    assert err.value.location.file == str(path)
    assert err.value.location.line == line_of(path, "sei_va_real_grwth")
    assert "sei_va_real_grwth" in err.value.message_zh and "not in the indicator system" in err.value.message_en
