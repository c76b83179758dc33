"""Chinese, Arabic and mixed numerals as plans and spreadsheets write them."""

from __future__ import annotations

import pytest

from seimon.numerals import multiplier_of, parse_arabic_number, parse_chinese_number, to_halfwidth

CASES = [
    ("〇", 0),
    ("零", 0),
    ("一", 1),
    ("两", 2),
    ("十", 10),
    ("十三", 13),
    ("二十", 20),
    ("二十五", 25),
    ("一百", 100),
    ("百", 100),
    ("千", 1000),
    ("一百零五", 105),
    ("一百五十", 150),
    ("两百五", 250),
    ("三千五百", 3500),
    ("三千五", 3500),
    ("一千零十", 1010),
    ("一千二百", 1200),
    ("万", 10_000),
    ("两万", 20_000),
    ("一万五", 15_000),
    ("五十万", 500_000),
    ("百万", 1_000_000),
    ("三亿五千万", 350_000_000),
    ("一万亿", 1_000_000_000_000),
    ("二〇二〇", 2020),
    ("一点五", 1.5),
    ("三点一四", 3.14),
    ("1500", 1500),
    ("1.7", 1.7),
    ("1.7万", 17_000),
    ("1.7万亿", 1_700_000_000_000),
    ("5千万", 50_000_000),
    ("12,000", 12_000),
    ("１２，０００", 12_000),
    ("１．５万", 15_000),
]


@pytest.mark.parametrize(("written", "expected"), CASES)
def test_parse_chinese_number(written: str, expected: float) -> None:
    assert parse_chinese_number(written) == pytest.approx(expected)


@pytest.mark.parametrize("garbage", ["", "万众", "十十", "三千百", "一二三十", "abc", "1.2.3", "12,34", "一点", "第三"])
def test_parse_chinese_number_rejects_garbage(garbage: str) -> None:
    with pytest.raises(ValueError, match="not a Chinese number"):
        parse_chinese_number(garbage)


def test_parse_arabic_number_handles_fullwidth_and_separators() -> None:
    assert parse_arabic_number("１２，３４５．５") == 12345.5
    assert parse_arabic_number("1,234,567") == 1234567
    with pytest.raises(ValueError):
        parse_arabic_number("1,2345")


def test_multiplier_and_halfwidth() -> None:
    assert multiplier_of("千万") == 1e7
    assert multiplier_of("") == 1
    with pytest.raises(ValueError):
        multiplier_of("元")
    assert to_halfwidth("５Ｇ\u3000９５％") == "5G 95%"
