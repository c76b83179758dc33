"""A numeral occurrence in a plan text (:class:`NumberToken`) and the reasons given for what it is.

Why apart: the scanner makes tokens, the descriptor rules re-mark them and the extractor reads them; the reasons
(Chinese and English) are what ``seimon plan lint`` shows for every number that is not a target.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)


REASONS: dict[str, tuple[str, str]] = {
    "quantity": ("带单位的数量", "number with a unit or counter"),
    "year": ("年份（时间或期限）", "year (a time or deadline)"),
    "date": ("日期", "date"),
    "list_marker": ("条目编号", "list or heading marker"),
    "box_number": ("专栏或表格编号", "box, table or figure number"),
    "period_name": ("规划期名称", "name of a plan period"),
    "html": ("网页字符实体", "HTML character entity"),
    "latin": ("型号、代码或技术名称", "model, code or technology name with Latin letters"),
    "quoted": ("引号内的名称（计划、工程或口号）", "name in quotation marks (programme, project or slogan)"),
    "ordinal": ("序数", "ordinal"),
    "bare": ("无单位的数字（型号或编号）", "number without a unit (model or serial number)"),
    "idiom": ("含数字字的固定词语", "set phrase containing a numeral character"),
    "unlisted": ("未登记的含数字字词语", "unlisted word containing a numeral character"),
    "unit_name": ("单位名称（前面无数字）", "name of a unit with no number before it"),
    "ratio": ("无量纲比值（如PUE），带比较词", "unitless ratio (such as PUE) bound by a comparator"),
    "event": ("会议名称（党的二十大、十九届五中全会）", "name of a congress or plenum (党的二十大)"),
    "vague": ("约数（数十、几百、十几），非确数", "vague amount (数十, 几百, 十几), not a figure"),
}


DESCRIPTOR_REASONS: dict[str, tuple[str, str]] = {
    "size_class": ("规模等级（…级），非目标", "size class (…级), not a target"),
    "size_name": ("以整数量级命名的规模，非目标", "round amount naming a size (百万千瓦 base), not a target"),
    "voltage": ("电压等级，非目标", "voltage class, not a target"),
    "generation": ("技术世代，非目标", "technology generation, not a target"),
    "size": ("尺寸规格，非目标", "size specification, not a target"),
    "rank": ("排名名称，非目标", "ranking name, not a target"),
    "duration": ("期限，非目标", "duration, not a target"),
    "per_unit": ("比率的基数（每…），非目标", "base of a rate (每…), not a target"),
    "threshold": ("限定名词的规模门槛，非目标", "size threshold qualifying a noun, not a target"),
    "enumeration": ("对前文列举项的计数，非目标", "count of the items just listed, not a target"),
    "age_group": ("年龄段（限定人群），非目标", "age group qualifying a noun (3岁以下婴幼儿), not a target"),
    "existing": ("已有数量（…的基础上），非目标", "count of what exists already (…的基础上), not a target"),
    "set_name": ("集合名称（三大先导产业），非目标", "name of a set (三大先导产业), not a target"),
    "article": ("“是…的一项…”中的“一”，非数量", "“one” as an article (是…的一项…), not a count"),
    "share_subject": (
        "比重所属对象的计数（5个集群占…比重），非目标",
        "count naming what a share is of (5个集群占…比重), not a target",
    ),
    "structure": (
        "文件结构的计数（11项核心指标），非目标",
        "count of the document's own parts (11项核心指标), not a target",
    ),
}


#: Descriptor kinds that qualify the noun a target counts (role ``qualifier``): "投资1亿元以上的项目",
#: "万元增加值能耗", "每万人口", "千亿产业集群". The other descriptors are classes, sizes and structure.
QUALIFIER_KINDS = frozenset({"threshold", "per_unit", "size_name"})


@dataclass(frozen=True)
class NumberToken:
    """One numeral occurrence in a text and what it is.

    ``start``/``end`` cover the mention (number and unit for a quantity). ``descriptor`` marks a quantity
    that is a class or size word (500千伏, 5兆瓦级) rather than a commitment; the reason says which.
    """

    text: str
    start: int
    end: int
    value: float | None
    category: str
    reason_zh: str
    reason_en: str
    unit: str = ""
    value_max: float | None = None
    descriptor: bool = False
    qualifier: str = ""
    descriptor_kind: str = ""


def make_token(text: str, start: int, end: int, category: str, reason: str, value: float | None = None) -> NumberToken:  # noqa: PLR0917
    zh, en = REASONS[reason]
    return NumberToken(text[start:end], start, end, value, category, zh, en)
