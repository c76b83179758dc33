"""Units vocabulary: normalisation, conversion, dimensions and bilingual mismatch errors."""

from __future__ import annotations

import pytest

from seimon.errors import SeimonError
from seimon.units import convert, denominator_info, dimension, is_unit, normalize_quantity, unit_info


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1500, "万千瓦", (1.5e7, "千瓦")),
        (1500, "亿元", (1.5e11, "元")),
        (1.7, "万亿元", (1.7e12, "元")),
        (15, "万名", (150_000, "名")),
        (30, "万辆", (300_000, "辆")),
        (8, "万家", (80_000, "家")),
        (12, "%", (12, "%")),
        (2, "个百分点", (2, "百分点")),
        (400, "亿千瓦时", (4e10, "千瓦时")),
        (5, "兆瓦", (5000, "千瓦")),
        (1, "千万千瓦", (1e7, "千瓦")),
        (1, "百万千瓦", (1e6, "千瓦")),
        (3, "GW", (3e6, "千瓦")),
        (100, "度", (100, "千瓦时")),
        (5, "千元", (5000, "元")),
        (15, "公顷", (150_000, "平方米")),
        (1, "番", (2, "倍")),
        (2, "番", (4, "倍")),
        (1000, "吨/日", (1000, "吨/天")),
    ],
)
def test_normalize_quantity(value: float, unit: str, expected: tuple[float, str]) -> None:
    got = normalize_quantity(value, unit)
    assert got[1] == expected[1]
    assert got[0] == pytest.approx(expected[0])


def test_convert_within_a_dimension() -> None:
    assert convert(15000, "万元", "亿元") == pytest.approx(1.5)
    assert convert(1, "万亿元", "亿元") == pytest.approx(10_000)
    assert convert(1, "吉瓦", "万千瓦") == pytest.approx(100)
    assert convert(1, "亿千瓦时", "万千瓦时") == pytest.approx(10_000)
    assert convert(3, "万家", "家") == pytest.approx(30_000)
    assert convert(15, "亩", "公顷") == pytest.approx(1)


@pytest.mark.parametrize(("a", "b"), [("万元", "千瓦"), ("亿元", "%"), ("家", "名"), ("千瓦", "千瓦时"), ("番", "倍")])
def test_convert_refuses_other_dimensions_bilingually(a: str, b: str) -> None:
    with pytest.raises(SeimonError) as info:
        convert(1, a, b)
    err = info.value
    assert err.code == "unit_mismatch"
    assert "不可换算" in err.message_zh
    assert "not convertible" in err.message_en


def test_dimensions_and_unknown_units() -> None:
    assert dimension("万千瓦") == "power"
    assert dimension("亿千瓦时") == "energy"
    assert dimension("亿元") == "money"
    assert dimension("万名") == "count"
    assert dimension("%") == "share"
    assert dimension("个百分点") == "percentage_point"
    assert dimension("千伏") == "voltage"
    assert unit_info("万人/平方公里").factor == pytest.approx(1e4 / 1e6)
    assert is_unit("万千瓦") and not is_unit("万众")
    with pytest.raises(SeimonError) as info:
        unit_info("斗")
    assert info.value.code == "unknown_unit"
    assert "未知单位" in info.value.message_zh and "unknown unit" in info.value.message_en


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (300, "EFLOPS", (300_000, "PFLOPS")),
        (40, "TFLOPS", (0.04, "PFLOPS")),
        (1800, "EB", (1.8e9, "TB")),
        (500, "PB", (500_000, "TB")),
        (12, "GWh", (1.2e7, "千瓦时")),
        (200, "场", (200, "场")),
        (3, "万场", (30_000, "场")),
        (12, "千瓦时/百公里", (12e-5, "千瓦时/米")),
        (0.5, "吨标准煤/万元", (0.5e-4, "吨标准煤/元")),
        (10, "万吨/年", (1e5, "吨/年")),
        (35, "微克/立方米", (35, "微克/立方米")),
        (1.25, "", (1.25, "")),
        (800, "万标箱", (8_000_000, "标箱")),  # "集装箱吞吐量突破800万标箱" (TEU)
        (1.2, "亿标准箱", (1.2e8, "标箱")),
    ],
)
def test_normalize_new_dimensions_and_rates(value: float, unit: str, expected: tuple[float, str]) -> None:
    got = normalize_quantity(value, unit)
    assert got[1] == expected[1]
    assert got[0] == pytest.approx(expected[0])


def test_compute_and_storage_dimensions() -> None:
    assert dimension("EFLOPS") == dimension("PFlops") == "compute"
    assert dimension("EB") == dimension("TB") == "storage"
    assert convert(2, "EFLOPS", "PFLOPS") == pytest.approx(2000)
    assert convert(3, "PB", "TB") == pytest.approx(3000)
    with pytest.raises(SeimonError):
        convert(1, "EB", "EFLOPS")
    assert dimension("场") == "count"
    assert dimension("万TEU") == dimension("标箱") == "containers_teu"
    # The empty unit of a ratio is not a unit that headers or indicators could declare.
    assert not is_unit("")


def test_denominator_multipliers() -> None:
    per_100km = denominator_info("百公里")
    assert per_100km is not None
    assert (per_100km.base, per_100km.factor, per_100km.dimension) == ("米", 1e5, "length")
    assert denominator_info("千人") is not None and denominator_info("千人").factor == 1000
    # A multiplier only scales a plain unit; "百万元" is the table's own prefixed unit, "百众" is nothing.
    assert denominator_info("百万元") == unit_info("百万元")
    assert denominator_info("百众") is None
    assert unit_info("人/千人").factor == pytest.approx(1e-3)
    # Outside a denominator 百 is part of the number ("三百公里" = 300 公里), so "百公里" is no unit of its own.
    assert not is_unit("百公里")
