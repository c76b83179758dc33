"""Periods: every written form, canonical codes, time arithmetic, ordering and the 1–2月 convention."""

from __future__ import annotations

import datetime as dt

import pytest

from seimon.errors import Location, SeimonError
from seimon.periods import Period, is_valid_ytd_report, parse_period, time_to_date, ytd_key, ytd_report_problem


@pytest.mark.parametrize(
    ("text", "kind", "code", "start", "end"),
    [
        ("2020", "year", "2020", 1, 12),
        ("2020年", "year", "2020", 1, 12),
        ("２０２０年", "year", "2020", 1, 12),
        ("2020Q3", "quarter", "2020Q3", 7, 9),
        ("2020q1", "quarter", "2020Q1", 1, 3),
        ("2020年三季度", "quarter", "2020Q3", 7, 9),
        ("2020年第三季度", "quarter", "2020Q3", 7, 9),
        ("2020年第4季度", "quarter", "2020Q4", 10, 12),
        ("2020H1", "half", "2020H1", 1, 6),
        ("2020H2", "half", "2020H2", 7, 12),
        ("2020年上半年", "half", "2020H1", 1, 6),
        ("2020年下半年", "half", "2020H2", 7, 12),
        ("2020-09", "month", "2020-09", 9, 9),
        ("2020年9月", "month", "2020-09", 9, 9),
        ("2020.09", "month", "2020-09", 9, 9),
        ("2020/9", "month", "2020-09", 9, 9),
        ("２０２０年９月", "month", "2020-09", 9, 9),
        ("2020年1-9月", "ytd", "2020-01..09", 1, 9),
        ("2020年1—2月", "ytd", "2020-01..02", 1, 2),
        ("2020年1～2月", "ytd", "2020-01..02", 1, 2),
        ("2020年1-2月", "ytd", "2020-01..02", 1, 2),
        ("2020年１－９月", "ytd", "2020-01..09", 1, 9),
        ("2020年1-12月", "ytd", "2020-01..12", 1, 12),
        ("2020-01..09", "ytd", "2020-01..09", 1, 9),
        ("2020年7-9月", "quarter", "2020Q3", 7, 9),
        ("2016年10月末", "point", "2016-10-31", 10, 10),
        ("2016年末", "point", "2016-12-31", 12, 12),
        ("2016-10-31", "point", "2016-10-31", 10, 10),
        ("2016/10/31", "point", "2016-10-31", 10, 10),
        ("2016年10月31日", "point", "2016-10-31", 10, 10),
        (" ２０１６／１０／３１ ", "point", "2016-10-31", 10, 10),
    ],
)
def test_parse_every_form(text: str, kind: str, code: str, start: int, end: int) -> None:
    period = parse_period(text)
    assert (period.kind, period.code, period.start_month, period.end_month) == (kind, code, start, end)
    assert parse_period(period.code) == period, "the canonical code must read back to the same period"


def test_parse_cells_from_spreadsheets() -> None:
    assert parse_period(2020) == Period.of_year(2020)
    assert parse_period(2020.0) == Period.of_year(2020)
    assert parse_period(dt.datetime(2016, 10, 31, 0, 0)).code == "2016-10-31"
    assert parse_period(dt.date(2016, 10, 31)).kind == "point"


@pytest.mark.parametrize(
    ("text", "fragment_en"),
    [
        ("2020年13月", "month 13"),
        ("2020Q5", "quarter 5"),
        ("2020H3", "H3"),
        ("2020年1-13月", "month 13"),
        ("2020年9-3月", "start month 9"),
        ("2020年2-5月", "from January"),
        ("2016-02-30", "no day 30"),
        ("next year", "expected a form"),
        ("", "empty"),
        ("3020", "out of range"),
    ],
)
def test_rejects_with_bilingual_located_error(text: str, fragment_en: str) -> None:
    loc = Location(file="r.xlsx", row=7, field="period")
    with pytest.raises(SeimonError) as info:
        parse_period(text, location=loc)
    err = info.value
    assert fragment_en in err.message_en
    assert "无法识别的时期" in err.message_zh
    assert "文件 r.xlsx" in str(err) and "row 7" in str(err) and "field period" in str(err)


def test_end_dates_and_fractional_years() -> None:
    assert Period.of_ytd(2020, 2).end_date() == dt.date(2020, 2, 29)  # leap year
    assert Period.of_ytd(2019, 2).end_date() == dt.date(2019, 2, 28)
    assert Period.of_quarter(2020, 3).end_date() == dt.date(2020, 9, 30)
    assert Period.of_year(2020).time() == 2021.0
    assert Period.of_year(2015).time() == 2016.0
    point = parse_period("2016年10月末")
    assert point.time() == 2016 + 10 / 12  # a month end sits on the twelfths of the year
    assert round(point.time(), 2) == 2016.83
    # the span between two ends is the time between them, in years
    assert Period.of_year(2020).time() - Period.of_year(2015).time() == 5.0
    assert Period.of_half(2020, 1).time() == 2020.5
    assert Period.of_ytd(2020, 9).time() == 2020.75
    # a point inside a month keeps its day fraction; time_to_date goes back to the day
    mid = parse_period("2016-10-15")
    assert mid.time() == pytest.approx(2016 + 289 / 366)
    assert time_to_date(point.time()) == dt.date(2016, 10, 31)
    assert time_to_date(Period.of_year(2020).time()) == dt.date(2020, 12, 31)


def test_ytd_key_reads_a_month_as_year_to_date() -> None:
    """``2020-09`` is the month of September to parse_period, and 1–9月 to ytd_key (year-to-date data)."""
    assert parse_period("2020-09").kind == "month"
    assert ytd_key("2020-09") == ytd_key("2020年1-9月") == ytd_key(Period.of_ytd(2020, 9)) == (2020, 9)
    assert ytd_key("2020") == ytd_key("2020年") == (2020, 12)
    assert ytd_key("2020H1") == (2020, 6)
    with pytest.raises(SeimonError) as info:
        ytd_key("2020Q3")
    assert info.value.code == "bad_period"


def test_flow_and_stock() -> None:
    assert Period.of_ytd(2020, 9).is_flow()
    assert Period.of_year(2020).is_flow()
    point = Period.of_point(dt.date(2020, 9, 30))
    assert point.is_stock() and not point.is_flow()
    assert point.months == 0
    assert Period.of_ytd(2020, 9).months == 9
    assert Period.of_half(2020, 1).is_cumulative() and not Period.of_quarter(2020, 3).is_cumulative()


def test_prior_year() -> None:
    assert Period.of_ytd(2020, 9).prior_year() == Period.of_ytd(2019, 9)
    assert Period.of_quarter(2020, 3).prior_year().code == "2019Q3"
    assert Period.of_point(dt.date(2020, 2, 29)).prior_year().code == "2019-02-28"
    assert Period.of_point(dt.date(2020, 10, 31)).prior_year().code == "2019-10-31"


def test_ordering() -> None:
    periods = [
        parse_period(t) for t in ["2020", "2020Q3", "2020年1-9月", "2020-09", "2020-09-30", "2019", "2020H1", "2020-02"]
    ]
    ordered = [p.code for p in sorted(periods)]
    assert ordered == ["2019", "2020-02", "2020H1", "2020-01..09", "2020Q3", "2020-09", "2020-09-30", "2020"]
    assert Period.of_month(2020, 1) < Period.of_ytd(2020, 2)
    assert len({Period.of_year(2020), parse_period("2020年")}) == 1  # hashable and equal


def test_inconsistent_parts_are_rejected() -> None:
    with pytest.raises(SeimonError):
        Period("quarter", 2020, 2, 4)
    with pytest.raises(SeimonError):
        Period("ytd", 2020, 3, 9)
    with pytest.raises(SeimonError):
        Period("point", 2020, 9, 9)  # a point needs its date


def test_ytd_convention() -> None:
    assert is_valid_ytd_report(parse_period("2020年1-2月"))
    assert is_valid_ytd_report(parse_period("2020年1-9月"))
    assert is_valid_ytd_report(parse_period("2020"))
    assert is_valid_ytd_report(parse_period("2020H1"))
    assert is_valid_ytd_report(parse_period("2020Q1"))
    # January alone, written either way, is never a report
    for text in ("2020年1月", "2020年1-1月", "2020-01"):
        reason = ytd_report_problem(parse_period(text))
        assert reason is not None and "1-2月" in reason[0] and "January" in reason[1]
    # a single month is fine as a month, but not as a cumulative report
    feb = parse_period("2020-02")
    assert feb.kind == "month"
    reason = ytd_report_problem(feb)
    assert reason is not None and "2020年1-2月" in reason[0]
    assert not is_valid_ytd_report(parse_period("2020Q3"))
    assert not is_valid_ytd_report(parse_period("2020-09-30"))
