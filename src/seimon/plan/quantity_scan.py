"""Reading a number with its unit at a position: "1500万千瓦", "三千五百家", "1至2家", "200余家", "降到1.25以下".

Why apart from the scanner: the split between a Chinese numeral and its unit ("百万千瓦" = 百 + 万千瓦) and the
merging of ranges are the one place where a number's value and unit are decided.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from seimon.numerals import LARGE_UNITS, parse_chinese_number
from seimon.plan.comparators import PREFIX_COMPARATORS
from seimon.plan.number_token import REASONS, NumberToken, make_token
from seimon.plan.text_layout import SPACES
from seimon.units import LARGE_PREFIXES, UnitInfo, denominator_info, unit_info, unit_table

logger = logging.getLogger(__name__)


NUMERAL_RUN_CHARS = "零〇一二两三四五六七八九十百千万亿"


_CN_SMALL = "零〇一二三四五六七八九十"


# An Arabic number: "1500", "1,200", "12.5" (after to_halfwidth, so "１２，０００" is "12,000"), "6 . 5" (a page that
# spaces the decimal point: 6.5).
_ARABIC_NUMBER = re.compile(r"\d+(?:[,，]\d{3}(?!\d))*(?:[ \u3000]?\.[ \u3000]?\d+)?")


# A run of Chinese numeral characters: "一百五十", "百万千".
_CN_RUN = re.compile(f"[{NUMERAL_RUN_CHARS}]+")


# Spaces a web page puts between a number and its unit: "5000 亿元", "增长 5%".
_UNIT_GAP = re.compile(r"[ \u3000\xa0]{1,2}")


# Range separators between two numbers: "1至2家", "8万亿至10万亿元", "10%—15%".
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|～|-|—|－|–|——)\s*")


# What follows 本 when it means "this" and not a counter of books: "本省", "本市", "本地", "本届".
_AFTER_DETERMINER_BEN = frozenset("省市区县地国届级部")


ASCII_UNITS = frozenset(name for name in unit_table() if name.isascii() and name.isalpha())


def _match_unit(folded: str, pos: int, *, chinese: bool) -> UnitInfo | None:
    """The longest unit written at ``pos``, with an optional ``/unit`` rate ("吨/日").

    After a Chinese numeral only 万/亿 prefixes are allowed: in "三千五百家" the 百 belongs to the number.
    """
    table = unit_table()
    best: UnitInfo | None = None
    for length in range(min(8, len(folded) - pos), 0, -1):
        candidate = folded[pos : pos + length]
        info = table.get(candidate)
        if info is None:
            continue
        if chinese and info.prefix and info.prefix not in LARGE_PREFIXES:
            continue
        if candidate in ASCII_UNITS and pos + length < len(folded) and _is_latin_letter(folded[pos + length]):
            continue  # "5GWx" is not 5 GW; but "20GW以上" is (a Chinese character is not part of a Latin unit)
        if candidate == "大" and not (pos + 1 < len(folded) and "\u4e00" <= folded[pos + 1] <= "\u9fff"):
            continue
        if candidate.endswith("项") and folded.startswith("目", pos + length):
            continue  # "百亿项目5个": 项 begins the noun 项目, the unit is 亿
        if candidate.endswith("本") and folded[pos + length : pos + length + 1] in _AFTER_DETERMINER_BEN:
            continue  # "600万本省…人口": 本 is "this (province)", the unit is 万
        best = info
        break
    if best is None:
        return None
    after = pos + len(best.name)
    if after < len(folded) and folded[after] == "/":
        # A rate kept whole: "吨/日", "万吨/年", "吨标准煤/万元", "千瓦时/百公里" (百 scales the denominator).
        for length in range(min(8, len(folded) - after - 1), 0, -1):
            den = denominator_info(folded[after + 1 : after + 1 + length])
            if den is not None and den.dimension != "number":
                return unit_info(f"{best.name}/{den.name}")
    return best


def _is_latin_letter(ch: str) -> bool:
    """Whether ``ch`` is an ASCII letter ("W" in "5GWh"); Chinese characters are ``isalpha()`` too."""
    return ch.isascii() and ch.isalpha()


@dataclass
class _Number:
    start: int
    end: int
    value: float
    chinese: bool


def _arabic_at(folded: str, pos: int) -> _Number | None:
    match = _ARABIC_NUMBER.match(folded, pos)
    if not match:
        return None
    raw = re.sub(r"[,， \u3000]", "", match.group())
    return _Number(match.start(), match.end(), float(raw), chinese=False)


def _chinese_at(folded: str, pos: int) -> tuple[_Number, UnitInfo | None] | None:
    """A Chinese numeral at ``pos`` and the unit after it, choosing where the numeral ends.

    The run of numeral characters may swallow the start of a unit ("百万千瓦": 百 + 万千瓦). Try every split,
    longest unit first; a run of only 万/亿 before a unit ("亿元以上", "每万人") counts as one.
    """
    match = _CN_RUN.match(folded, pos)
    if not match:
        return None
    run = match.group()
    if all(ch in LARGE_UNITS for ch in run):
        # "亿元以上项目", "每万人口": the multiplier alone stands for one (一亿元, 一万人).
        unit = _match_unit(folded, pos, chinese=True)
        if unit is not None and unit.name.startswith(run) and unit.name != run:
            return _Number(pos, pos, 1.0, chinese=True), unit
        if len(run) > 1 and unit is not None and unit.name == run:
            return _Number(pos, pos, 1.0, chinese=True), unit  # "万亿城市": one 万亿, not 10000 亿
    fallback: tuple[_Number, UnitInfo | None] | None = None
    for cut in range(1, len(run) + 1):
        numeral = run[:cut]
        try:
            value = parse_chinese_number(numeral)
        except ValueError:
            continue
        unit = _match_unit(folded, pos + cut, chinese=True)
        if unit is not None:
            return _Number(pos, pos + cut, value, chinese=True), unit
        if cut == len(run):
            fallback = (_Number(pos, pos + cut, value, chinese=True), None)
    return fallback


def _quantity_at(folded: str, pos: int) -> tuple[_Number, str, UnitInfo | None] | None:
    """Number (Arabic or Chinese), an optional 多/余 qualifier and the unit at ``pos``."""
    if folded[pos].isdigit():
        number = _arabic_at(folded, pos)
        if number is None:
            return None
        qualifier = ""
        cursor = number.end
        if cursor < len(folded) and folded[cursor] in "多余":
            qualifier, cursor = folded[cursor], cursor + 1
        unit = _match_unit(folded, cursor, chinese=False)
        if unit is None and qualifier:
            qualifier, cursor = "", number.end
        if unit is None and not qualifier:
            gap = _UNIT_GAP.match(folded, cursor)
            spaced = _match_unit(folded, gap.end(), chinese=False) if gap and gap.end() > cursor else None
            if spaced is not None and spaced.name[:1] >= "\u4e00":
                # "出口首破 5000 亿元": a space between the number and a Chinese unit (not "5 G").
                return _Number(number.start, gap.end(), number.value, chinese=False), "", spaced
        return number, qualifier, unit
    parsed = _chinese_at(folded, pos)
    if parsed is None:
        return None
    number, unit = parsed
    if unit is None:
        cursor = number.end
        if cursor < len(folded) and folded[cursor] in "多余":
            unit = _match_unit(folded, cursor + 1, chinese=True)
            if unit is not None:
                return number, folded[cursor], unit
    return number, "", unit


def scan_quantity(text: str, folded: str, pos: int) -> NumberToken:
    """A quantity token at ``pos`` (with a range "1至2家" merged), or a bare number or unlisted word."""
    found = _quantity_at(folded, pos)
    if found is None:
        # Unparseable run of numeral characters ("万众" outside the idiom list): keep it with a reason.
        match = _CN_RUN.match(folded, pos)
        end = match.end() if match else pos + 1
        return make_token(text, pos, end, "idiom", "unlisted")
    number, qualifier, unit = found
    unit_start = number.end + len(qualifier)
    if unit is None:
        # "3至5个": the first number of a range carries no unit of its own.
        sep = _RANGE_SEP.match(folded, number.end)
        if sep and sep.end() < len(folded) and (folded[sep.end()].isdigit() or folded[sep.end()] in _CN_SMALL):
            second = _quantity_at(folded, sep.end())
            if second is not None and second[2] is not None and second[0].chinese == number.chinese:
                end = second[0].end + len(second[1]) + len(second[2].name)
                zh, en = REASONS["quantity"]
                return NumberToken(
                    text[pos:end], pos, end, number.value, "quantity", zh, en,
                    unit=second[2].name, value_max=second[0].value, qualifier=second[1],
                )  # fmt: skip
        if number.chinese:
            return make_token(text, pos, number.end, "idiom", "unlisted")
        if _is_unitless_ratio(folded, pos, number.end):
            zh, en = REASONS["ratio"]
            return NumberToken(text[pos : number.end], pos, number.end, number.value, "quantity", zh, en)
        return make_token(text, pos, number.end, "identifier", "bare", number.value)
    end = unit_start + len(unit.name)
    value_max: float | None = None
    first_unit = unit
    # Range: "1至2家", "15至20家", "8万亿至10万亿元", "10%—15%".
    sep = _RANGE_SEP.match(folded, end)
    if sep and sep.end() < len(folded) and (folded[sep.end()].isdigit() or folded[sep.end()] in _CN_SMALL):
        second = _quantity_at(folded, sep.end())
        if second is not None and second[2] is not None:
            second_number, second_qualifier, second_unit = second
            if second_unit.name.startswith(first_unit.name) or second_unit.name == first_unit.name:
                value_max = second_number.value
                unit = second_unit
                qualifier = qualifier or second_qualifier
                end = second_number.end + len(second_qualifier) + len(second_unit.name)
    reason_zh, reason_en = REASONS["quantity"]
    return NumberToken(
        text[pos:end], pos, end, number.value, "quantity", reason_zh, reason_en,
        unit=unit.name, value_max=value_max, qualifier=qualifier,
    )  # fmt: skip


# What may follow a unitless ratio: a bound suffix, then the end of the clause. "降到1.25以下。", "不高于1.3，".
# A ratio written against one: "2.3∶1", "2.5:1" (then the first term is the ratio).
PER_ONE = re.compile(r"[:：∶]\s*1(?![\d.])")


_RATIO_TAIL = re.compile(r"[ \t\u3000]*(?:及?以[上下]|以内|之内|左右|上下)?[ \t\u3000]*(?:[。；;，,：:！？!?\n\r]|$)")


# The starting level of a change: "从2020年的85提高到95" -> 85 is the index in 2020.
_UNITLESS_BASELINE_BEFORE = re.compile(r"(?:从|由)\s*(?:1[89]|20)\d{2}\s*年[末底]?\s*的?\s*$")


_CHANGE_TO = re.compile(r"\s*(?:提高|提升|增长|增加|上升|扩大|下降|降低|减少)(?:到|至)")


def _is_unitless_ratio(folded: str, start: int, end: int) -> bool:
    """Whether a bare Arabic number is a unitless ratio bound by a comparator word (PUE, 基尼系数, 容积率).

    A ratio has no unit to recognise it by; what marks it as a commitment is the comparator right before it
    and nothing but a bound suffix after it: "电能利用效率降到1.25以下" or "基尼系数控制在0.4以内", while
    "小鹰500飞机" (a model name) has neither.
    """
    before = folded[max(0, start - 4) : start].rstrip(SPACES)
    per_one = PER_ONE.match(folded, end)
    if per_one is not None:
        end = per_one.end()  # "收入比缩小至2.3∶1": a ratio to one, read as its first term (round 7)
    elif re.match(r"[:：∶]\d", folded[end : end + 2]):
        return False  # "轻重工业比达到25:75": a proportion, not a bound
    if _UNITLESS_BASELINE_BEFORE.search(folded[max(0, start - 12) : start]) and _CHANGE_TO.match(folded, end):
        return True  # "数字中国发展指数从2020年的85提高到95": the index's starting level
    bound = any(before.endswith(word) for word in PREFIX_COMPARATORS) or before.endswith("达")
    return bound and bool(_RATIO_TAIL.match(folded, end))
