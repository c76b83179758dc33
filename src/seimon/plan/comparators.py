"""The comparator (≥, >, ≈, ≤, <, =) and the relation to a base (增长, 下降, 年均, 个百分点, 翻番) of a number.

Read from the words just before the number and just after its unit: "达到1500万千瓦以上" is ≥, "比2015年下降18%" a
decrease by 18%, "年均增长15%" a growth rate.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)


PREFIX_COMPARATORS: dict[str, str] = {
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "提高到": "≥", "提高至": "≥", "提升到": "≥",
    "提升至": "≥", "增加到": "≥", "增加至": "≥", "增长到": "≥", "增长至": "≥", "扩大到": "≥", "扩大至": "≥",
    "达到": "≥", "超过": ">", "突破": ">", "高于": ">", "多于": ">", "大于": ">", "大约": "≈", "接近": "≈",
    "将近": "≈", "不超过": "≤", "不高于": "≤", "不多于": "≤", "不大于": "≤", "控制在": "≤", "控制到": "≤",
    "降至": "≤", "降到": "≤", "降低到": "≤", "降低至": "≤", "下降到": "≤", "下降至": "≤", "减少到": "≤",
    "减少至": "≤", "压减到": "≤", "压减至": "≤", "压缩到": "≤", "压缩至": "≤", "缩短到": "≤", "缩短至": "≤",
    "低于": "<", "少于": "<", "小于": "<",
    "缩小到": "≤", "缩小至": "≤",  # round 7: "收入比缩小至2.3∶1", a gap narrowed to a bound
    # A level reached: "孵化器增至15家", "比重上升至30%", "迈上3万亿元台阶" (a threshold crossed), "跃上新台阶".
    "增至": "≥", "增到": "≥", "升至": "≥", "升到": "≥", "上升到": "≥", "上升至": "≥", "迈上": "≥", "跃上": "≥",
}  # fmt: skip


# Single characters that only count right before the number: "达3万", "超百亿", "过千亿", "约3万", "近百亿", "逾千".
_TIGHT_COMPARATORS: dict[str, str] = {"达": "≥", "超": ">", "过": ">", "逾": ">", "约": "≈", "近": "≈"}


PREFIX_RE = re.compile("|".join(sorted(map(re.escape, PREFIX_COMPARATORS), key=len, reverse=True)))


# Suffixes after the unit: "1500万千瓦以上", "200名左右", "4.5%以内".
_SUFFIX_RE = re.compile(r"^\s*(及以上|以上|及以下|以下|以内|之内|左右|上下)")


_SUFFIX_COMPARATORS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤"}


_SUFFIX_COMPARATORS |= {"左右": "≈", "上下": "≈"}


# Relations before the number: "年均增长15%", "比2015年下降18%", "提高2个百分点"; not "增加值", not "提高到".
RELATION_RE = re.compile(
    r"(?P<cagr>年均(?:增长|增速|递增|提高|增幅|增加)|年平均增长|复合增长率)"
    r"|(?P<inc>增长(?!率)|增加(?!值)|提高|提升|上升|扩大|增幅|增速|涨幅|上涨)"  # "价格涨幅3%左右" -> increase_by
    r"|(?P<dec>下降|降低|减少|削减|压减|缩减)"
)


ASPIRATION_RE = re.compile(r"力争|争取|努力")


def find_comparator(window: str, after: str, qualifier: str, *, pp: bool) -> str:
    """The comparator from the words just before the number and just after the unit."""
    prefix: str | None = None
    for match in PREFIX_RE.finditer(window):
        word = match.group()
        if pp and word in ("高于", "低于"):
            continue  # "高于全省2个百分点" is a difference, not a bound
        if len(window) - match.end() <= 8:
            prefix = PREFIX_COMPARATORS[word]
    if window and window[-1] in _TIGHT_COMPARATORS and prefix is None and window[-2:] not in ("通过", "经过", "度过"):
        prefix = _TIGHT_COMPARATORS[window[-1]]
    if window.endswith("达到"):
        prefix = "≥"
    suffix_match = _SUFFIX_RE.match(after)
    suffix = _SUFFIX_COMPARATORS[suffix_match.group(1)] if suffix_match else None
    if suffix is not None:
        return suffix  # a suffix wins: "突破100项以上" -> ≥, "低于5%以下" -> ≤, "达到…左右" -> ≈
    if prefix:
        return prefix
    if qualifier:
        return ">"  # "200余家", "100多个"
    return "="


def find_relation(window: str, unit: str) -> str | None:
    """The relation of the number to a base: increase_by, decrease_by, cagr, pp_change, multiply."""
    if unit == "番":
        return "multiply"
    found: str | None = None
    for match in RELATION_RE.finditer(window):
        if len(window) - match.end() > 8:
            continue
        if re.match(r"^(?:到|至|为)", window[match.end() :]):
            found = None  # "提高到65%": a level, not a change
            continue
        found = match.lastgroup
    if unit in ("个百分点", "百分点"):
        if found or re.search(r"高于|低于|比|较", window):
            return "pp_change"
        return None
    return {"cagr": "cagr", "inc": "increase_by", "dec": "decrease_by"}.get(found or "")
