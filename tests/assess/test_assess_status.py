"""Thresholds file validation, status bands and comparator semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from seimon.assess.status import STATUS_LABELS, Thresholds, load_thresholds, meets, status_from_ratio
from seimon.errors import SeimonError


def test_packaged_thresholds_match_the_published_defaults() -> None:
    th = load_thresholds()
    assert th.source and "Open SDG" in th.source
    assert (th.opensdg.on_track, th.opensdg.acceleration_needed, th.opensdg.limited) == (0.95, 0.60, 0.0)
    assert (th.extrapolation.on_track, th.extrapolation.partial) == (0.95, 0.10)
    assert th.opensdg.min_years == 1.0
    assert th.forecast.interval_level == 0.80
    assert th.model_dump(exclude={"source"}) == Thresholds().model_dump(exclude={"source"})


@pytest.mark.parametrize(
    ("value", "method", "status"),
    [
        (0.95, "opensdg", "on_track"),
        (0.9499, "opensdg", "acceleration_needed"),
        (0.60, "opensdg", "acceleration_needed"),
        (0.5999, "opensdg", "limited"),
        (0.0, "opensdg", "limited"),
        (-0.0001, "opensdg", "deteriorating"),
        (0.10, "extrapolation", "acceleration_needed"),
        (0.0999, "extrapolation", "limited"),
        (-0.5, "extrapolation", "deteriorating"),
        (1.2, "linear", "on_track"),
    ],
)
def test_band_edges(value: float, method: str, status: str) -> None:
    assert status_from_ratio(value, method) == status
    assert status in STATUS_LABELS


def test_bad_thresholds_file_gives_located_bilingual_error(tmp_path: Path) -> None:
    bad = tmp_path / "th.yaml"
    bad.write_text("opensdg:\n  on_track: 0.5\n  acceleration_needed: 0.7\n", encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        load_thresholds(bad)
    assert info.value.location.file == str(bad)
    assert info.value.location.field == "opensdg"
    assert "阈值文件无效" in info.value.message_zh
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("opensdg:\n  ontrack: 0.9\n", encoding="utf-8")
    with pytest.raises(SeimonError) as info2:
        load_thresholds(unknown)
    assert info2.value.location.field == "opensdg.ontrack"


def test_custom_thresholds_file(tmp_path: Path) -> None:
    good = tmp_path / "th.yaml"
    good.write_text("linear:\n  on_track: 1.0\n  acceleration_needed: 0.8\n", encoding="utf-8")
    th = load_thresholds(good)
    assert status_from_ratio(0.97, "linear", th) == "acceleration_needed"
    assert status_from_ratio(0.97, "linear") == "on_track"


def test_comparators() -> None:
    assert meets(1500, 1500, "≥", "higher")
    assert not meets(1500, 1500, ">", "higher")
    assert meets(0.82, 0.82, "≤", "lower")
    assert not meets(0.82, 0.82, "<", "lower")
    assert meets(96, 100, "≈", "higher") and not meets(94, 100, "≈", "higher")
    assert meets(104, 100, "≈", "lower") and not meets(106, 100, "≈", "lower")
    assert meets(101, 100, "=", "higher") and not meets(99, 100, "=", "higher")
    wide = Thresholds(comparison={"approx_tolerance": 0.1})
    assert meets(91, 100, "≈", "higher", wide)
