"""Reading one spreadsheet cell as a number or a date.

Submissions from city bureaus and enterprises write numbers the way people type them: full-width
digits (``１２３``), thousands separators (``1,234.5``, ``1，234``), dashes and "空" for nothing,
accounting negatives (``(12)``), a magnitude in the cell (``1.2亿``) and percent signs. A value we
cannot read is never guessed: it raises a located, bilingual :class:`~seimon.errors.SeimonError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from seimon.errors import Location, SeimonError
from seimon.numerals import to_halfwidth

#: Cell texts that mean "no value" (after folding to half-width and stripping spaces).
MISSING_TOKENS: frozenset[str] = frozenset(
    {"", "-", "--", "---", "—", "——", "–", "…", "……", "...", "空", "NA", "N/A", "n/a", "na", "null", "NULL", "None"}
)

#: Magnitude words that may follow a number in a cell, longest first so that 万亿 wins over 万.
MAGNITUDES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("千万", 1e7),
    ("百万", 1e6),
    ("亿", 1e8),
    ("万", 1e4),
)

# 12,345.6 / 1,234 — groups of exactly three digits after the first comma
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# 12345.6 / .5 / 12. / 1e5 — a plain decimal, optionally in scientific notation as Excel exports it
_PLAIN = re.compile(r"^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
# (12) — accounting negative; (1,234.5) too
_PARENS = re.compile(r"^\((.+)\)$")


@dataclass(frozen=True)
class NumberReading:
    """What a numeric cell said: the number as written, its magnitude word and whether it had ``%``.

    ``value`` already includes the sign; ``magnitude`` is 1 when the cell had no 万/亿 word.
    """

    value: float
    magnitude: float = 1.0
    percent: bool = False

    def in_unit_of(self, column_magnitude: float) -> float:
        """The value expressed in a column whose unit is ``column_magnitude`` (1e4 for 万元).

        A plain number is taken to be in the column's unit already; a number with a magnitude word
        is converted, so ``1.2亿`` in a 万元 column is 12000.

        >>> NumberReading(1.2, 1e8).in_unit_of(1e4)
        12000.0
        >>> NumberReading(5.0).in_unit_of(1e4)
        5.0
        """
        if self.magnitude == 1.0:
            return self.value
        return self.value * self.magnitude / column_magnitude


def _not_number(cell: object, location: Location | None, zh: str = "", en: str = "") -> SeimonError:
    extra_zh = f"（{zh}）" if zh else ""
    extra_en = f" ({en})" if en else ""
    return SeimonError(
        f"不是数字：“{cell}”{extra_zh}",
        f"not a number: '{cell}'{extra_en}",
        location or Location(),
        code="not_a_number",
    )


def is_missing(cell: object) -> bool:
    """True when a cell holds no value: None, NaN, blank, a dash, "…" or "空".

    >>> [is_missing(c) for c in (None, "", " — ", "空", "0", 0.0)]
    [True, True, True, True, False, False]
    """
    if cell is None:
        return True
    if isinstance(cell, float):
        return math.isnan(cell)
    if isinstance(cell, str):
        return re.sub(r"\s+", "", to_halfwidth(cell)) in MISSING_TOKENS
    return False


def read_number(cell: object, *, location: Location | None = None) -> NumberReading | None:
    """Read a numeric cell into a :class:`NumberReading`, or None when it is missing.

    >>> read_number("１，２３４．５")
    NumberReading(value=1234.5, magnitude=1.0, percent=False)
    >>> read_number("(12)").value, read_number("+3").value, read_number("12.5%").percent
    (-12.0, 3.0, True)
    >>> read_number("1.2亿")
    NumberReading(value=1.2, magnitude=100000000.0, percent=False)
    >>> read_number("—") is None
    True
    """
    if is_missing(cell):
        return None
    if isinstance(cell, bool):
        raise _not_number(cell, location, "逻辑值", "a boolean")
    if isinstance(cell, int | float):
        if math.isinf(cell):
            raise _not_number(cell, location, "无穷大", "infinite")
        return NumberReading(float(cell))
    if not isinstance(cell, str):
        raise _not_number(cell, location)
    return _read_text_number(cell, location)


def _strip_magnitude(s: str, cell: str, location: Location | None) -> tuple[str, float]:
    """Split ``1.2亿元`` into ``1.2`` and 1e8."""
    if s.endswith("元"):  # 1.2亿元: the currency word is allowed only after a magnitude word
        s = s[:-1]
        if not any(s.endswith(word) for word, _ in MAGNITUDES):
            raise _not_number(cell, location, "金额单位请写在表头，如 营业收入(万元)", "put money units in the header")
    for word, factor in MAGNITUDES:
        if s.endswith(word):  # 1.2亿 → 1.2 × 1e8
            return s[: -len(word)], factor
    return s, 1.0


def _read_text_number(cell: str, location: Location | None) -> NumberReading:
    s = re.sub(r"\s+", "", to_halfwidth(cell))
    negative = False
    if m := _PARENS.match(s):  # (12) → -12
        negative, s = True, m[1]
    if s[:1] in "+-":  # -12, +3
        negative, s = negative != (s[0] == "-"), s[1:]
    percent = s.endswith("%")  # 12.5%
    if percent:
        s = s[:-1]
    s, magnitude = _strip_magnitude(s, cell, location)
    if percent and magnitude != 1.0:
        raise _not_number(cell, location, "百分号与万/亿不能同时使用", "percent and 万/亿 together")
    if _GROUPED.match(s):
        s = s.replace(",", "")
    elif "," in s:
        raise _not_number(cell, location, "千分位分隔符位置不对", "misplaced thousands separator")
    if not _PLAIN.match(s):
        raise _not_number(cell, location)
    value = float(s)
    return NumberReading(-value if negative else value, magnitude, percent)


def parse_number(
    cell: object, *, column_magnitude: float = 1.0, allow_percent: bool = False, location: Location | None = None
) -> float | None:
    """Read a numeric cell as a float in the column's unit, or None when the cell is empty.

    ``column_magnitude`` is the power of ten of the column's unit (1e4 for 万元, 1e8 for 亿元) so that
    a cell written ``1.2亿`` lands in the right unit. A ``%`` sign is an error unless
    ``allow_percent`` is set (use :func:`parse_percent` for rate columns).

    >>> parse_number("1,234.5"), parse_number("1，234"), parse_number("(12)"), parse_number("")
    (1234.5, 1234.0, -12.0, None)
    >>> parse_number("1.2亿", column_magnitude=1e4)
    12000.0
    >>> parse_number("abc")
    Traceback (most recent call last):
    ...
    seimon.errors.SeimonError: 不是数字：“abc” | not a number: 'abc'
    """
    reading = read_number(cell, location=location)
    if reading is None:
        return None
    if reading.percent and not allow_percent:
        raise _not_number(cell, location, "此列不接受百分数", "this column does not take a percentage")
    return reading.in_unit_of(column_magnitude)


def parse_percent(cell: object, *, location: Location | None = None) -> float | None:
    """Read a rate in percent: ``12.5%`` and ``12.5`` both give 12.5 (percentage points, not 0.125).

    >>> parse_percent("12.5%"), parse_percent("-3"), parse_percent("空")
    (12.5, -3.0, None)
    """
    reading = read_number(cell, location=location)
    if reading is None:
        return None
    if reading.magnitude != 1.0:
        raise _not_number(cell, location, "百分比不能带万/亿", "a percentage cannot carry 万/亿")
    return reading.value


# --- dates ------------------------------------------------------------------------------------
MIN_YEAR_LIKE = 1900  # a bare 1900..2100 number in a date column is a year, not a serial
MAX_YEAR_LIKE = 2100
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 in Excel's 1900 system (with its leap bug)
_MAX_SERIAL = 2958465  # 9999-12-31
_DATE_SEP = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")  # 2015-3-1
_DATE_ZH = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$")  # 2015年3月1日
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20150301


def _bad_date(cell: object, location: Location | None, zh: str, en: str) -> SeimonError:
    return SeimonError(
        f"不是日期：“{cell}”（{zh}）", f"not a date: '{cell}' ({en})", location or Location(), code="date"
    )


def parse_date(cell: object, *, location: Location | None = None) -> dt.date | None:
    """Read a date cell (成立日期, 发布日期), or None when it is empty.

    Accepts ``2015-03-01``, ``2015/3/1``, ``2015.3.1``, ``2015年3月1日``, ``20150301``, Excel date cells
    (``datetime``) and Excel serial numbers (42064 → 2015-03-01). A bare number that looks like a year
    (1900–2100) is refused rather than read as a serial day in 1905.

    >>> parse_date("2015年3月1日"), parse_date("2015/3/1"), parse_date(42064)
    (datetime.date(2015, 3, 1), datetime.date(2015, 3, 1), datetime.date(2015, 3, 1))
    """
    if is_missing(cell):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        raise _bad_date(cell, location, "逻辑值", "a boolean")
    if isinstance(cell, int | float):
        if float(cell).is_integer() and MIN_YEAR_LIKE <= cell <= MAX_YEAR_LIKE:
            raise _bad_date(cell, location, "只有年份，请写完整日期", "only a year; write the full date")
        if not 1 <= cell <= _MAX_SERIAL:
            raise _bad_date(cell, location, "Excel 日期序号超出范围", "Excel serial number out of range")
        return _EXCEL_EPOCH + dt.timedelta(days=int(cell))
    if not isinstance(cell, str):
        raise _bad_date(cell, location, "类型不支持", "unsupported type")
    s = re.sub(r"\s+", " ", to_halfwidth(cell)).strip()
    m = _DATE_SEP.match(s) or _DATE_ZH.match(s.replace(" ", "")) or _DATE_COMPACT.match(s)
    if m is None:
        if re.fullmatch(r"\d+(?:\.\d+)?", s):  # "42064" typed as text
            return parse_date(float(s), location=location)
        raise _bad_date(cell, location, "应为 2015-03-01 或 2015年3月1日", "expected 2015-03-01 or 2015年3月1日")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise _bad_date(cell, location, "日期不存在", f"no such date: {exc}") from None
