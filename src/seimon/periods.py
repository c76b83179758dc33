"""Statistical periods: the shared vocabulary of ingest, indicators and assessment.

Chinese statistics speak of periods in many ways: a year (2020年), a half (上半年), a quarter (三季度), a
month (9月), a cumulative year-to-date span (1-9月, with January and February always together as 1-2月),
and a point in time for stocks (10月末). A :class:`Period` holds one of these exactly, so that a flow
reported for 1-9月 is never confused with a September month or a stock at the end of September.

Conventions (documented here because indicators and assessment rely on them):

* ``code`` is canonical and round-trips through :func:`parse_period`: ``2020``, ``2020H1``, ``2020Q3``,
  ``2020-09`` (one month), ``2020-01..09`` (year-to-date January to September), ``2020-10-31`` (a point).
* Time is measured in **fractional years at the end of the period** (:meth:`Period.time`, the one
  conversion, used by assessment): the end of month ``m`` of year ``Y`` is ``Y + m/12`` exactly, so ``2020``
  ends at 2021.0, ``2020-01..09`` at 2020.75 and ``2016-10-31`` at 2016 + 10/12; a point inside a month keeps
  its day fraction. So the time between two periods is the distance between their ends, and a full year is
  exactly 1.0 long. :func:`time_to_date` goes back.
* For year-to-date data a period is asked for by its :data:`YtdKey` ``(year, end_month)``: :func:`ytd_key`
  reads ``2020-09`` there as 1–9月 (where :func:`parse_period` reads it as the month of September alone).
* Ordering is by end, then by start (a longer span first), then by kind.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

from seimon.errors import Location, SeimonError
from seimon.numerals import to_halfwidth

PeriodKind = Literal["year", "half", "quarter", "month", "ytd", "point"]
KINDS: tuple[str, ...] = ("year", "half", "quarter", "month", "ytd", "point")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

MIN_YEAR = 1900
MAX_YEAR = 2100

YtdKey = tuple[int, int]
"""A year-to-date span as ``(year, end_month)``: ``(2019, 9)`` is 2019年1-9月, ``(2019, 12)`` the whole year."""

T_EPS = 1e-6
"""Two times (fractional years) closer than this (about 30 seconds) are the same period end."""


@total_ordering
@dataclass(frozen=True, eq=True)
class Period:
    """One statistical period.

    ``start_month``/``end_month`` give the months the period covers (1..12); for a point, both are the
    month of ``date``. Build periods with the ``of_*`` constructors or :func:`parse_period`; the
    constructor checks that the parts agree.

    >>> p = Period.of_ytd(2020, 9)
    >>> p.code, p.start_month, p.end_month, p.end_date()
    ('2020-01..09', 1, 9, datetime.date(2020, 9, 30))
    >>> Period.of_quarter(2020, 3) < Period.of_year(2020)
    True
    """

    kind: PeriodKind
    year: int
    start_month: int
    end_month: int
    date: dt.date | None = None

    def __post_init__(self) -> None:
        problem = _shape_problem(self)
        if problem:
            raise SeimonError(f"时期无效：{problem[0]}", f"invalid period: {problem[1]}", code="period")

    # --- constructors -------------------------------------------------------------------------
    @classmethod
    def of_year(cls, year: int) -> Period:
        """The calendar year. ``Period.of_year(2020).code == '2020'``."""
        return cls("year", year, 1, 12)

    @classmethod
    def of_half(cls, year: int, half: int) -> Period:
        """First (1) or second (2) half year. ``Period.of_half(2020, 1).code == '2020H1'``."""
        return cls("half", year, 1 + 6 * (half - 1), 6 * half)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        """A quarter, 1..4. ``Period.of_quarter(2020, 3).code == '2020Q3'``."""
        return cls("quarter", year, 3 * quarter - 2, 3 * quarter)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        """One month on its own. ``Period.of_month(2020, 9).code == '2020-09'``."""
        return cls("month", year, month, month)

    @classmethod
    def of_ytd(cls, year: int, end_month: int) -> Period:
        """Cumulative January to ``end_month``. ``Period.of_ytd(2020, 2).code == '2020-01..02'``."""
        return cls("ytd", year, 1, end_month)

    @classmethod
    def of_point(cls, date: dt.date) -> Period:
        """A point in time, for stocks. ``Period.of_point(dt.date(2016, 10, 31)).code == '2016-10-31'``."""
        return cls("point", date.year, date.month, date.month, date)

    # --- views --------------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """Canonical string, accepted back by :func:`parse_period`."""
        if self.kind == "year":
            return f"{self.year}"
        if self.kind == "half":
            return f"{self.year}H{1 if self.end_month == 6 else 2}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.end_month // 3}"
        if self.kind == "month":
            return f"{self.year}-{self.end_month:02d}"
        if self.kind == "ytd":
            return f"{self.year}-01..{self.end_month:02d}"
        assert self.date is not None
        return self.date.isoformat()

    @property
    def label_zh(self) -> str:
        """How a Chinese release writes the period, e.g. ``2020年1-9月``."""
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.end_month == 6 else '下'}半年"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.end_month // 3 - 1]}季度"
        if self.kind == "month":
            return f"{self.year}年{self.end_month}月"
        if self.kind == "ytd":
            return f"{self.year}年1-{self.end_month}月"
        assert self.date is not None
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def months(self) -> int:
        """Number of months a flow period covers (0 for a point)."""
        return 0 if self.kind == "point" else self.end_month - self.start_month + 1

    def start_date(self) -> dt.date:
        """First day covered (the date itself for a point)."""
        if self.date is not None:
            return self.date
        return dt.date(self.year, self.start_month, 1)

    def end_date(self) -> dt.date:
        """Last day covered, e.g. 2020-09-30 for ``2020-01..09``; the date itself for a point.

        >>> Period.of_half(2020, 1).end_date()
        datetime.date(2020, 6, 30)
        """
        if self.date is not None:
            return self.date
        return dt.date(self.year, self.end_month, calendar.monthrange(self.year, self.end_month)[1])

    def time(self) -> float:
        """The end of the period in fractional years: the one conversion of a period to the time axis.

        Month ends sit at ``Y + m/12`` exactly (a year ends at ``Y + 1.0``, so a full year is 1.0 long); a point
        inside a month keeps its day fraction. Differences are the time between two periods, as growth-rate
        and progress calculations need (CAGR exponents, "时间过半").

        >>> Period.of_year(2020).time(), Period.of_ytd(2017, 4).time() == month_end(2017, 4)
        (2021.0, True)
        >>> [round(Period.of_point(dt.date(2016, 10, day)).time(), 4) for day in (31, 15)]
        [2016.8333, 2016.7896]
        """
        end = self.end_date()
        if end.day == calendar.monthrange(end.year, end.month)[1]:
            return month_end(end.year, end.month)
        days_in_year = 366 if calendar.isleap(end.year) else 365
        return end.year + end.timetuple().tm_yday / days_in_year

    def is_flow(self) -> bool:
        """True when the period is a span over which a flow (revenue, value added) accumulates.

        A point (``10月末``) only makes sense for stocks (enterprise counts, installed capacity).

        >>> Period.of_ytd(2020, 9).is_flow(), Period.of_point(dt.date(2020, 9, 30)).is_flow()
        (True, False)
        """
        return self.kind != "point"

    def is_stock(self) -> bool:
        """True for a point in time, where only stocks (levels) are meaningful."""
        return not self.is_flow()

    def is_cumulative(self) -> bool:
        """True when the span starts in January (year, H1, Q1, year-to-date): comparable to 1-N月 data."""
        return self.is_flow() and self.start_month == 1

    def prior_year(self) -> Period:
        """The same period a year earlier (上年同期); 29 February falls back to 28 February.

        >>> Period.of_ytd(2020, 9).prior_year().code
        '2019-01..09'
        >>> Period.of_point(dt.date(2020, 2, 29)).prior_year().code
        '2019-02-28'
        """
        if self.date is not None:
            year = self.date.year - 1
            day = min(self.date.day, calendar.monthrange(year, self.date.month)[1])
            return Period.of_point(dt.date(year, self.date.month, day))
        return Period(self.kind, self.year - 1, self.start_month, self.end_month)

    def sort_key(self) -> tuple[dt.date, dt.date, int]:
        """Order by end, then longer span first, then kind."""
        return (self.end_date(), self.start_date(), _KIND_RANK[self.kind])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.code


def year_end(year: int) -> float:
    """Fractional-year time of the end of ``year`` (where an annual value of that year sits).

    >>> year_end(2015)
    2016.0
    """
    return float(year) + 1.0


def month_end(year: int, month: int) -> float:
    """Fractional-year time of the end of ``month`` of ``year`` (a stock as of that month, a 1–N月 figure).

    >>> round(month_end(2016, 10), 4)
    2016.8333
    >>> month_end(2017, 12) == year_end(2017)
    True
    """
    if not 1 <= month <= 12:
        raise SeimonError(f"月份必须在1到12之间：{month}", f"month must be 1..12: {month}", Location(field="month"))
    return float(year) + month / 12.0


def time_to_date(t: float) -> dt.date:
    """Calendar date of a fractional-year time, so that ``as_published`` dates can be compared with an as-of ``t``.

    Month ends map to the last day of that month (``2016 + 10/12`` → 2016-10-31, ``2021.0`` → 2020-12-31);
    other fractions are placed proportionally within the year.

    >>> time_to_date(2016 + 10 / 12)
    datetime.date(2016, 10, 31)
    >>> time_to_date(2021.0)
    datetime.date(2020, 12, 31)
    """
    year = math.floor(t + T_EPS)
    frac = t - year
    months = frac * 12.0
    if abs(months - round(months)) < 1e-4:
        m = round(months)
        if m == 0:
            return dt.date(year - 1, 12, 31)
        return dt.date(year, m, calendar.monthrange(year, m)[1])
    days_in_year = 366 if calendar.isleap(year) else 365
    return dt.date(year, 1, 1) + dt.timedelta(days=frac * days_in_year - 1)


def _shape_problem(p: Period) -> tuple[str, str] | None:
    """Why the parts of a period disagree, or None."""
    if p.kind not in _KIND_RANK:
        return (f"未知类型 {p.kind}", f"unknown kind {p.kind}")
    if not MIN_YEAR <= p.year <= MAX_YEAR:
        return (f"年份 {p.year} 超出 {MIN_YEAR}–{MAX_YEAR}", f"year {p.year} outside {MIN_YEAR}–{MAX_YEAR}")
    if not (1 <= p.start_month <= p.end_month <= 12):
        return (
            f"月份 {p.start_month}–{p.end_month} 不在 1–12 内",
            f"months {p.start_month}–{p.end_month} not within 1–12",
        )
    expected: dict[str, bool] = {
        "year": (p.start_month, p.end_month) == (1, 12),
        "half": (p.start_month, p.end_month) in ((1, 6), (7, 12)),
        "quarter": p.end_month % 3 == 0 and p.start_month == p.end_month - 2,
        "month": p.start_month == p.end_month,
        "ytd": p.start_month == 1,
        "point": p.date is not None and (p.date.year, p.date.month) == (p.year, p.start_month) == (p.year, p.end_month),
    }
    if not expected[p.kind]:
        return (f"{p.kind} 的起止月份不符", f"start/end months do not fit kind {p.kind}")
    if p.kind != "point" and p.date is not None:
        return ("只有时点才有日期", "only a point period has a date")
    return None


# --- parsing ----------------------------------------------------------------------------------
_DASH = r"[-—–~～至到]"  # 1-9月, 1—2月, 1～2月, 1至9月

# Each pattern: (regex, builder name). Text is folded to half-width and stripped of spaces first.
_YEAR = re.compile(r"^(\d{4})(?:年|年度|年全年)?$")  # 2020, 2020年, 2020年度
_QUARTER = re.compile(r"^(\d{4})[-\s]?[Qq](\d)$")  # 2020Q3, 2020-Q3
_QUARTER_ZH = re.compile(r"^(\d{4})年?第?([一二三四五六七八九\d])季度?$")  # 2020年三季度, 2020年第三季度
_HALF = re.compile(r"^(\d{4})[-\s]?[Hh](\d)$")  # 2020H1
_HALF_ZH = re.compile(r"^(\d{4})年?(上|下)半年$")  # 2020年上半年
_YTD_CODE = re.compile(r"^(\d{4})-(\d{1,2})\.\.(\d{1,2})$")  # 2020-01..09 (canonical code)
_RANGE_ZH = re.compile(rf"^(\d{{4}})年?(\d{{1,2}}){_DASH}+(\d{{1,2}})月(?:份|累计)?$")  # 2020年1-9月, 2020年1—2月
_MONTH = re.compile(r"^(\d{4})[-./](\d{1,2})$")  # 2020-09, 2020.09, 2020/9
_MONTH_ZH = re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$")  # 2020年9月, 2020年9月份
_MONTH_END_ZH = re.compile(r"^(\d{4})年(\d{1,2})月(?:末|底)$")  # 2016年10月末, 2016年10月底
_YEAR_END_ZH = re.compile(r"^(\d{4})年(?:末|底)$")  # 2016年末
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")  # 2016-10-31, 2016/10/31, 2016.10.31
_DATE_ZH = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")  # 2016年10月31日

_ZH_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _bad(text: str, zh: str, en: str, location: Location | None) -> SeimonError:
    return SeimonError(
        f"无法识别的时期“{text}”：{zh}",
        f"unrecognised period '{text}': {en}",
        location or Location(),
        code="period",
    )


def _month(text: str, value: int, location: Location | None) -> int:
    if not 1 <= value <= 12:
        raise _bad(text, f"月份 {value} 不在 1–12 之间", f"month {value} is not within 1–12", location)
    return value


def _year(text: str, value: int, location: Location | None) -> int:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise _bad(text, f"年份 {value} 不在合理范围内", f"year {value} is out of range", location)
    return value


def _point(text: str, year: int, month: int, day: int | None, location: Location | None) -> Period:
    year = _year(text, year, location)
    month = _month(text, month, location)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last
    if not 1 <= day <= last:
        raise _bad(text, f"{year}年{month}月没有 {day} 日", f"{year}-{month:02d} has no day {day}", location)
    return Period.of_point(dt.date(year, month, day))


def _from_year(text: str, m: re.Match[str], loc: Location | None) -> Period:
    return Period.of_year(_year(text, int(m[1]), loc))


def _from_quarter(text: str, m: re.Match[str], loc: Location | None) -> Period:
    q = _ZH_NUM.get(m[2]) or int(m[2])
    if not 1 <= q <= 4:
        raise _bad(text, f"季度 {q} 不在 1–4 之间", f"quarter {q} is not within 1–4", loc)
    return Period.of_quarter(_year(text, int(m[1]), loc), q)


def _from_half(text: str, m: re.Match[str], loc: Location | None) -> Period:
    h = {"上": 1, "下": 2}.get(m[2]) or int(m[2])
    if h not in (1, 2):
        raise _bad(text, f"半年 H{h} 只能是 H1 或 H2", f"half H{h} must be H1 or H2", loc)
    return Period.of_half(_year(text, int(m[1]), loc), h)


def _from_range(text: str, m: re.Match[str], loc: Location | None) -> Period:
    year = _year(text, int(m[1]), loc)
    start, end = _month(text, int(m[2]), loc), _month(text, int(m[3]), loc)
    if start > end:
        raise _bad(text, f"起始月 {start} 晚于截止月 {end}", f"start month {start} after end month {end}", loc)
    if start == 1:
        return Period.of_ytd(year, end)
    if end % 3 == 0 and start == end - 2:
        return Period.of_quarter(year, end // 3)
    raise _bad(
        text,
        "跨月时期应从1月起累计（如 1-9月）或为整季度",
        "a span of months must run from January (year to date) or be a whole quarter",
        loc,
    )


def _from_month(text: str, m: re.Match[str], loc: Location | None) -> Period:
    return Period.of_month(_year(text, int(m[1]), loc), _month(text, int(m[2]), loc))


def _from_month_end(text: str, m: re.Match[str], loc: Location | None) -> Period:
    return _point(text, int(m[1]), int(m[2]), None, loc)


def _from_year_end(text: str, m: re.Match[str], loc: Location | None) -> Period:
    return _point(text, int(m[1]), 12, None, loc)


def _from_date(text: str, m: re.Match[str], loc: Location | None) -> Period:
    return _point(text, int(m[1]), int(m[2]), int(m[3]), loc)


_RULES: tuple[tuple[re.Pattern[str], Callable[[str, re.Match[str], Location | None], Period]], ...] = (
    (_YEAR, _from_year),
    (_QUARTER, _from_quarter),
    (_QUARTER_ZH, _from_quarter),
    (_HALF, _from_half),
    (_HALF_ZH, _from_half),
    (_YTD_CODE, _from_range),
    (_RANGE_ZH, _from_range),
    (_MONTH, _from_month),
    (_MONTH_ZH, _from_month),
    (_MONTH_END_ZH, _from_month_end),
    (_YEAR_END_ZH, _from_year_end),
    (_DATE, _from_date),
    (_DATE_ZH, _from_date),
)


def parse_period(text: object, *, location: Location | None = None) -> Period:
    """Read a period as Chinese releases, spreadsheets and our own codes write it.

    Accepts years (``2020``, ``2020年``), halves (``2020H1``, ``2020年上半年``), quarters (``2020Q3``,
    ``2020年三季度``, ``2020年第三季度``), months (``2020-09``, ``2020.09``, ``2020年9月``), year-to-date
    spans (``2020年1-9月``, ``2020年1—2月``, ``2020年1～2月``, ``2020-01..09``), points (``2016年10月末``,
    ``2016-10-31``, ``2016/10/31``, ``2016年10月31日``), in full- or half-width digits. A span that does
    not start in January is accepted only when it is a whole quarter (``7-9月`` → ``Q3``).

    Note that ``2020.1`` is read as January, as written; a spreadsheet that stores October as the
    number 2020.1 must be fixed at the source.

    >>> parse_period("２０２０年１-９月").code
    '2020-01..09'
    >>> parse_period("2016年10月末").code
    '2016-10-31'
    >>> parse_period("2020年第三季度") == parse_period("2020Q3")
    True
    >>> parse_period("2020Q5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seimon.errors.SeimonError: 无法识别的时期“2020Q5”：季度 5 不在 1–4 之间 | unrecognised ...
    """
    if isinstance(text, Period):
        return text
    if isinstance(text, dt.datetime):
        return Period.of_point(text.date())
    if isinstance(text, dt.date):
        return Period.of_point(text)
    if isinstance(text, float) and text.is_integer():
        text = int(text)  # Excel stores 2020 as 2020.0
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise _bad(str(text), "不是文本", "not text", location)
    original = str(text).strip()
    s = re.sub(r"\s+", "", to_halfwidth(original))
    if not s:
        raise _bad(original, "为空", "empty", location)
    for pattern, build in _RULES:
        if m := pattern.match(s):
            return build(original, m, location)
    raise _bad(
        original,
        "应为 2020、2020Q3、2020H1、2020-09、2020年1-9月 或 2016-10-31 等形式",
        "expected a form such as 2020, 2020Q3, 2020H1, 2020-09, 2020年1-9月 or 2016-10-31",
        location,
    )


# --- the 1–2月 convention ---------------------------------------------------------------------
def ytd_report_problem(period: Period) -> tuple[str, str] | None:
    """Why ``period`` is not a valid period for a cumulative (year-to-date) enterprise report, or None.

    Above-scale industry reports monthly, cumulative from January, and January is never reported on
    its own: the first report of a year is 1-2月. So a report period must start in January and end in
    February or later (1-2月 … 1-12月, or the equivalent year, H1, Q1). A single month such as ``2020-02``
    is fine for other kinds of data (a price index, an observation) but not here: it is not cumulative,
    and taking it as 1-2月 would be a guess.

    >>> ytd_report_problem(Period.of_ytd(2020, 9)) is None
    True
    >>> ytd_report_problem(Period.of_ytd(2020, 1))[1]
    'January is not reported on its own: the first cumulative report of a year is January–February (1-2月)'
    >>> ytd_report_problem(Period.of_month(2020, 2))[1][:40]
    'a single month is not a year-to-date rep'
    """
    if period.kind == "point":
        return (
            "时点数据不能作为累计报表时期，应为 1-N月",
            "a point in time is not a reporting period for cumulative data; expected January–N",
        )
    if period.end_month == 1:
        return (
            "1月不单独报告：每年第一期累计报表为 1-2月",
            "January is not reported on its own: the first cumulative report of a year is January–February (1-2月)",
        )
    if period.kind == "month":
        return (
            f"单月 {period.code} 不是累计时期，请写成 {period.year}年1-{period.end_month}月",
            f"a single month is not a year-to-date report period; write {period.year}年1-{period.end_month}月",
        )
    if period.start_month != 1:
        return (
            f"{period.label_zh} 不是从1月起的累计时期，规上工业报表应为 1-N月累计",
            f"{period.code} is not cumulative from January; above-scale industry reports are year-to-date",
        )
    return None


def is_valid_ytd_report(period: Period) -> bool:
    """True when ``period`` may label an above-scale industry cumulative report (see :func:`ytd_report_problem`).

    >>> is_valid_ytd_report(parse_period("2020年1-2月")), is_valid_ytd_report(parse_period("2020年1月"))
    (True, False)
    """
    return ytd_report_problem(period) is None


def ytd_key(text: object, *, location: Location | None = None) -> YtdKey:
    """The year-to-date span a period asks for: a year is 1–12月, and a month *means 1–N月* here.

    Year-to-date data (累计) have one value per (year, end month), so ``2019-09`` — one month to
    :func:`parse_period` — is read as 1–9月; a quarter or half that does not start in January has no value.

    >>> ytd_key("2019"), ytd_key("2019-09"), ytd_key("2019年1-9月"), ytd_key("2019年10月末"), ytd_key("2019H1")
    ((2019, 12), (2019, 9), (2019, 9), (2019, 10), (2019, 6))
    """
    p = parse_period(text, location=location)
    if p.kind in ("quarter", "half") and p.start_month != 1:
        raise SeimonError(
            f"累计数据没有 {p.label_zh} 单独的值；请用 1-{p.end_month}月",
            f"year-to-date data have no separate value for {p.code}; ask for 1-{p.end_month}",
            location,
            code="bad_period",
        )
    return (p.year, p.end_month)
