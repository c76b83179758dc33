"""Cells: numbers and dates as people type them, and clear errors for what is not one."""

from __future__ import annotations

import datetime as dt

import pytest

from seimon.errors import Location, SeimonError
from seimon.ingest.cells import is_missing, parse_date, parse_number, parse_percent, read_number


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1234.5", 1234.5),
        ("１２３４．５", 1234.5),
        ("1,234.5", 1234.5),
        ("1，234", 1234.0),
        ("１，２３４，５６７", 1234567.0),
        ("12,345,678.25", 12345678.25),
        ("(12)", -12.0),
        ("（1,200.5）", -1200.5),
        ("+3", 3.0),
        ("-3.5", -3.5),
        (" 42 ", 42.0),
        ("1.5e3", 1500.0),
        (7, 7.0),
        (7.25, 7.25),
        ("0", 0.0),
    ],
)
def test_numbers(cell: object, expected: float) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", [None, "", "  ", "—", "——", "-", "--", "…", "...", "空", "N/A", float("nan")])
def test_missing(cell: object) -> None:
    assert is_missing(cell)
    assert parse_number(cell) is None
    assert parse_date(cell) is None


def test_magnitude_words_land_in_the_column_unit() -> None:
    assert parse_number("1.2亿") == pytest.approx(1.2e8)
    assert parse_number("1.2亿", column_magnitude=1e4) == pytest.approx(12000.0)  # 万元 column
    assert parse_number("1.2亿元", column_magnitude=1e4) == pytest.approx(12000.0)
    assert parse_number("3万", column_magnitude=1e4) == pytest.approx(3.0)
    assert parse_number("2万亿", column_magnitude=1e8) == pytest.approx(20000.0)  # 亿元 column
    assert parse_number("5", column_magnitude=1e4) == 5.0  # a plain number is already in the column unit
    assert read_number("1.2亿") is not None and read_number("1.2亿").magnitude == 1e8


def test_percent() -> None:
    assert parse_percent("12.5%") == 12.5
    assert parse_percent("１２．５％") == 12.5
    assert parse_percent("12.5") == 12.5
    assert parse_number("12.5%", allow_percent=True) == 12.5
    reading = read_number("-3%")
    assert reading is not None and reading.percent and reading.value == -3.0
    with pytest.raises(SeimonError) as info:
        parse_number("12.5%")
    assert "百分数" in info.value.message_zh and "percentage" in info.value.message_en


@pytest.mark.parametrize("cell", ["abc", "12a", "一百", "1,23", "12,3456", "1.2.3", "5元", "10%亿", True, "1-2"])
def test_text_in_number_column_is_a_located_error(cell: object) -> None:
    loc = Location(file="reports.csv", row=12, field="revenue")
    with pytest.raises(SeimonError) as info:
        parse_number(cell, location=loc)
    text = str(info.value)
    assert "不是数字" in text and "not a number" in text
    assert "文件 reports.csv" in text and "第 12 行数据" in text and "字段 revenue" in text
    assert "file reports.csv" in text and "row 12" in text and "field revenue" in text


@pytest.mark.parametrize(
    "cell",
    [
        "2015-03-01",
        "2015/3/1",
        "2015.3.1",
        "2015年3月1日",
        "２０１５年３月１日",
        "20150301",
        "2015-03-01 00:00:00",
        dt.datetime(2015, 3, 1, 0, 0),
        dt.date(2015, 3, 1),
        42064,
        42064.0,
        "42064",
    ],
)
def test_dates(cell: object) -> None:
    assert parse_date(cell) == dt.date(2015, 3, 1)


@pytest.mark.parametrize("cell", ["2015-02-30", "2015年3月", "soon", 2015, -5, 1e9])
def test_bad_dates(cell: object) -> None:
    with pytest.raises(SeimonError) as info:
        parse_date(cell, location=Location(file="e.xlsx", row=4, field="established"))
    assert "不是日期" in info.value.message_zh and "not a date" in info.value.message_en
    assert info.value.location.field == "established"
