"""Finding the quantitative commitments in a Chinese plan text.

A plan states its targets in prose: "到2020年，光伏发电装机容量达到1500万千瓦以上". Turning that into a
target record needs the number (1500), its unit as written (万千瓦), the base quantity (1.5e7 千瓦), the
comparator (达到…以上 = ≥), the deadline (到2020年) and the clause, with offsets so that a reviewer can see
where each value came from. Plans also contain many numbers that are *not* targets: years, dates, list
markers, box numbers, period names ("十三五"), congress names (党的二十大), model names (小鹰500), idioms
(一批, 万众创新), vague amounts (数十家) and class words (500千伏, 8.5代, 百万千瓦级, 3岁以下婴幼儿).
:func:`scan_numbers` finds every numeral in a text and says what it is, so a linter can prove that no number
was silently dropped; :func:`extract_commitments` turns each quantity into a :class:`Commitment`.

The rules are lexical and local (the sentence around the number), because plans of every province, the
State Council and city work reports share one register; nothing here is tuned to one document.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import asdict, dataclass

from seimon.numerals import CHINESE_NUMERAL_CHARS, LARGE_UNITS, parse_chinese_number, to_halfwidth
from seimon.units import LARGE_PREFIXES, UnitInfo, denominator_info, normalize_quantity, unit_info, unit_table

logger = logging.getLogger(__name__)

CATEGORIES = ("quantity", "year", "date", "list_marker", "box_number", "period_name", "identifier", "idiom")

_CN = "零〇一二两三四五六七八九十百千万亿"
_CN_SMALL = "零〇一二三四五六七八九十"
_BOX_CHARS = "".join(chr(c) for c in range(0x2500, 0x2580))
_SENTENCE_DELIMS = frozenset("。；;！？!?\n\r" + _BOX_CHARS)
_CLAUSE_DELIMS = _SENTENCE_DELIMS | frozenset("，,：:")
_SPACES = " \t\u3000\xa0"
_PARAGRAPH_DELIMS = frozenset("\n\r" + _BOX_CHARS)

# Words that contain numeral characters but are not numbers ("一批" = a number of, "万众创新" = mass
# innovation). Matched before any numeral parsing. Example: "形成一批龙头企业" -> 一批 is an idiom.
IDIOMS: tuple[str, ...] = (
    "大众创业万众创新", "万众创新", "一带一路", "一体化", "于一体", "一体", "新一代", "第三方", "一流", "一批",
    "一大批", "进一步", "统一", "一定", "一致", "一些", "之一", "一起", "唯一", "一般", "同一", "一系列",
    "一站式", "一线", "一道", "一并", "一律", "一切", "逐一", "一把手", "一次性", "一揽子", "一网通办", "一门式",
    "一窗受理", "一张图", "一张网", "一盘棋", "一方面", "一类", "一级", "二级", "三级", "一次能源", "一条龙",
    "万物互联", "千家万户", "千方百计", "百花齐放", "十分", "三农", "两化融合", "两化", "两用", "两岸", "两翼",
    "两方面", "两院", "两个一百年", "四化同步", "五位一体", "四个全面", "三去一降一补", "三严三实", "一号文件",
    "一对一", "一事一议", "一企一策", "一县一业", "一村一品", "一区多园", "新三板", "三板", "百强",
    "一手", "一时", "一旦", "一直", "一样", "一同", "一项项", "一个个", "一举", "万一", "一半",
    "十足", "百姓", "千万不", "一带", "一路", "一户一", "一网", "一键", "一码", "一卡通", "一图", "一核",
    "多元一体", "一二三产", "一二三产业", "第一产业", "第二产业", "第三产业", "一产", "二产", "三产",
    "下一代", "零部件", "零件", "零散", "零售", "零星", "零距离", "零容忍", "零碎", "零配件",
    "新一轮",  # "新一轮科技革命", "实施新一轮技改": a new round, not a count
    "长三角", "珠三角",  # regions: "推进数字长三角合作" names a place, not three of anything
    "一场",  # the article, as in "一场深刻变革", "打好一场攻坚战"; a number of events is written 5场, 十场
)  # fmt: skip

# Numbers inside short quotations are names of programmes or slogans: “8358”计划, “百人计划”, “两区三园”.
_QUOTED = re.compile(r"[“\"「『]([^”\"」』\n]{1,30})[”\"」』]")
# Fractions written in words are shares: "三分之一" -> 33.3%; not 百分之/千分之 (see _CN_PERCENT).
_CN_FRACTION = re.compile(r"(?<![百千万])([一二三四五六七八九十]{1,2})分之([一二三四五六七八九十]{1,2})")
# A level that qualifies a noun: "成熟度达2级及以上的企业" (2级 is a threshold, not a target).
_LEVEL_THRESHOLD = re.compile(r"(\d{1,2}|[一二三四五六七八九十])级(?=及?以[上下])")
# A count introducing the list that follows it: "两个产业分别为：…", "4个行动：A、B", "五个行业，即A、B".
_FORWARD_LIST = re.compile(r"^[^，,。；;：:]{0,16}?(?:[，,]\s*即|分别为|分别是|包括|[：:])")
# A count of what exists already: "在全力推进14大新兴产业集群发展的基础上".
_EXISTING_TAIL = re.compile(r"^[^，,。；;]{0,20}?的基础上")
# HTML entities left in scraped texts: "唐山&8226;中国动车城".
_HTML_ENTITY = re.compile(r"&#?\d+;")
# Period names: "十三五", "第十三个五年规划".
_PERIOD = re.compile(r"第?十[一二三四五六七八九]个五年(?:规划|计划)?|十[一二三四五六七八九]五")
# Dates: "2016年9月12日", "9月12日", "1-2月", "二〇一六年九月十二日".
_DATE = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"
    r"|(?<!\d)\d{1,2}月\d{1,2}日"
    r"|(?<![\d.])\d{1,2}\s*[-—–~～至]\s*\d{1,2}月"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?"
    r"|(?<![\d.个])\d{1,2}月(?=份|底|末|初|中旬|上旬|下旬)"
)
# Years: "2020年", the first year of "2016—2020年", "二〇二〇年".
_YEAR = re.compile(
    r"(?<![\d.])(?:1[89]|20)\d{2}(?=\s*(?:年|[-—–~～至到]\s*(?:1[89]|20)\d{2}\s*年))|[〇零一二三四五六七八九]{4}(?=年)"
)
# Box, table and figure numbers: "专栏1", "表 3", "附件二".
_BOX = re.compile(r"(?:专栏|附表|附件|图表|表|图)\s*(\d+|[一二三四五六七八九十]+)")
# List markers: "（一）", "(3)", and at a paragraph start "一、", "1.", "2、"; enumerators "一是".
_LIST_MARKERS = (
    re.compile(r"[（(]([0-9一二三四五六七八九十]{1,3})[）)]"),
    re.compile(r"(?m)^[ \t\u3000]*([一二三四五六七八九十]{1,3}、)"),
    re.compile(r"(?m)^[ \t\u3000]*(\d{1,2}[.、](?!\d))"),
    re.compile(r"(?:^|(?<=[。；;：:，\n]))[ \t\u3000]*([一二三四五六七八九十])是"),
)
# Codes and model names with Latin letters: "PM2.5", "IPv6", "4G", "3D", "B2B"; "L一羟脯氨酸".
_LATIN_ID = re.compile(
    r"[A-Za-z][A-Za-z\-]*\d+(?:\.\d+)?[A-Za-z]*|\d+(?:\.\d+)?[A-Za-z]+|(?<=[A-Za-z])[一二三四五六七八九十]"
)
# Congresses and plenums are event names: "党的二十大", "十九大以来", "十九届五中全会"; "实施十大工程" is a count.
_EVENT_NAME = re.compile(
    r"(?<=党的)(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大"
    r"|(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大(?=精神|以来|报告|代表|胜利召开|召开|提出|部署|作出|确定)"
    r"|(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)届[一二三四五六七八九]中全会"
)
# Vague amounts, not figures: "引进数十家", "数百亿元", "几十个", "十几项"; but in "企业总数十万家" 数 ends a noun.
_VAGUE_AMOUNT = re.compile(
    r"(?:(?<=^数)|(?<=[^总人户家个指系次件项台辆位名数]数)|(?<=几))[十百千万亿]+|[一二三四五六七八九]?[十百千](?=几)"
)
# Chinese percent: "百分之十五", "千分之三".
_CN_PERCENT = re.compile(r"(百分之|千分之)((?:\d+(?:\.\d+)?)|[零〇一二两三四五六七八九十百点]+)")
# Doubling: "翻一番", "翻两番", "翻番".
_DOUBLING = re.compile(r"翻([一二两三四])?番")
# Ordinals: "第六代", "第3批", "第一".
_ORDINAL = re.compile(r"第(\d+|[零〇一二两三四五六七八九十百千]+)")
# An Arabic number: "1500", "1,200", "12.5" (after to_halfwidth, so "１２，０００" is "12,000").
_ARABIC_NUMBER = re.compile(r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?")
# A run of Chinese numeral characters: "一百五十", "百万千".
_CN_RUN = re.compile(f"[{_CN}]+")
# Range separators between two numbers: "1至2家", "8万亿至10万亿元", "10%—15%".
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|～|-|—|－|–|——)\s*")
# Money thresholds qualifying a noun: "超百亿元企业", "亿元以上重点项目", "超千亿元的龙头企业".
_THRESHOLD_TAIL = re.compile(
    r"(?:以上|以下)?的?[\u4e00-\u9fff]{0,6}?(?:企业|项目|园区|集群|基地|产业|工程|城市|县|园|供应商|平台)"
)
_COUNTED_DIMENSIONS = frozenset({"share", "percentage_point", "count"})
# The size of a thing being set up, not a threshold: "设立总规模1000亿元的产业基金", "总投资50亿元的项目".
_SIZE_OF_NEW = re.compile(r"(?:总规模|规模|总额|总投资|资金)(?:达|为|约)?\s*$")
# A bound right after the unit: "1亿元以上的项目" (then the amount is a threshold after all).
_BOUND_AFTER = re.compile(r"^\s*(?:及)?以[上下]")
# An open bound qualifying a noun: "1000M及以上速率的光纤接入用户"; not for shares and counts, where the bound
# is the target's ("宽带网络覆盖90%以上的贫困村", "建设10个以上的产业基地").
_OPEN_BOUND_OF_NOUN = re.compile(r"^(?:及)?以[上下][\u4e00-\u9fff]{0,4}的[\u4e00-\u9fff]")
# An age followed by the people it delimits: "3岁以下婴幼儿", "65岁及以上的老年人", "0-6岁儿童"; not "80岁左右".
_AGE_GROUP_TAIL = re.compile(r"^(?:及?以[上下]|以内)?的?(?![左上以])[\u4e00-\u9fff]")
_ASCII_UNITS = frozenset(name for name in unit_table() if name.isascii() and name.isalpha())

_REASONS: dict[str, tuple[str, str]] = {
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
_DESCRIPTOR_REASONS: dict[str, tuple[str, str]] = {
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
    "structure": ("文件结构的计数（11项核心指标），非目标", "count of the document's own parts (11项核心指标), not a target"),
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


@dataclass(frozen=True)
class Commitment:
    """A quantity found in a plan, with its comparator, deadline, relation, clause and what it is.

    ``role``: ``commitment`` (a target), ``qualifier`` (a threshold or base qualifying a noun: "投资1亿元以上的
    项目", "万元增加值能耗"), ``baseline`` (the starting level: "从2020年的9.89亿提高到12亿"), ``status`` (a
    figure already reached: "截至2020年底…达到50.16万辆") or ``descriptor`` (a class or size word: 500千伏).
    ``kind`` says how a target is measured (see :data:`TARGET_KINDS`); ``subject`` is what is measured, as a
    phrase of the plan ("战略性新兴产业增加值占GDP比重", "院士工作站").
    """

    value: float
    value_max: float | None
    unit: str
    value_normalized: float | None
    unit_normalized: str
    comparator: str
    aspirational: bool
    year: int | None
    deadline_text: str | None
    relation: str | None
    base_year: int | None
    role: str
    value_start: int
    value_end: int
    start: int
    end: int
    text: str
    number_text: str
    reason_zh: str = ""
    reason_en: str = ""
    kind: str = "stock"
    subject: str = ""

    def to_dict(self) -> dict[str, object]:
        """The commitment as the JSON object ``seimon plan extract --json`` prints."""
        return asdict(self)


# --------------------------------------------------------------------------- scanning


def _token(text: str, start: int, end: int, category: str, reason: str, value: float | None = None) -> NumberToken:  # noqa: PLR0917
    zh, en = _REASONS[reason]
    return NumberToken(text[start:end], start, end, value, category, zh, en)


def _has_numeral(segment: str) -> bool:
    return any(ch.isdigit() or ch in CHINESE_NUMERAL_CHARS for ch in segment)


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
        if candidate in _ASCII_UNITS and pos + length < len(folded) and _is_latin_letter(folded[pos + length]):
            continue  # "5GWx" is not 5 GW; but "20GW以上" is (a Chinese character is not part of a Latin unit)
        if candidate == "大" and not (pos + 1 < len(folded) and "\u4e00" <= folded[pos + 1] <= "\u9fff"):
            continue
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
    raw = match.group().replace(",", "").replace("，", "")
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


def _scan_quantity(text: str, folded: str, pos: int) -> NumberToken:
    """A quantity token at ``pos`` (with a range "1至2家" merged), or a bare number or unlisted word."""
    found = _quantity_at(folded, pos)
    if found is None:
        # Unparseable run of numeral characters ("万众" outside the idiom list): keep it with a reason.
        match = _CN_RUN.match(folded, pos)
        end = match.end() if match else pos + 1
        return _token(text, pos, end, "idiom", "unlisted")
    number, qualifier, unit = found
    unit_start = number.end + len(qualifier)
    if unit is None:
        # "3至5个": the first number of a range carries no unit of its own.
        sep = _RANGE_SEP.match(folded, number.end)
        if sep and sep.end() < len(folded) and (folded[sep.end()].isdigit() or folded[sep.end()] in _CN_SMALL):
            second = _quantity_at(folded, sep.end())
            if second is not None and second[2] is not None and second[0].chinese == number.chinese:
                end = second[0].end + len(second[1]) + len(second[2].name)
                zh, en = _REASONS["quantity"]
                return NumberToken(
                    text[pos:end], pos, end, number.value, "quantity", zh, en,
                    unit=second[2].name, value_max=second[0].value, qualifier=second[1],
                )  # fmt: skip
        if number.chinese:
            return _token(text, pos, number.end, "idiom", "unlisted")
        if _is_unitless_ratio(folded, pos, number.end):
            zh, en = _REASONS["ratio"]
            return NumberToken(text[pos : number.end], pos, number.end, number.value, "quantity", zh, en)
        return _token(text, pos, number.end, "identifier", "bare", number.value)
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
    reason_zh, reason_en = _REASONS["quantity"]
    return NumberToken(
        text[pos:end], pos, end, number.value, "quantity", reason_zh, reason_en,
        unit=unit.name, value_max=value_max, qualifier=qualifier,
    )  # fmt: skip


# What may follow a unitless ratio: a bound suffix, then the end of the clause. "降到1.25以下。", "不高于1.3，".
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
    before = folded[max(0, start - 4) : start].rstrip(_SPACES)
    if re.match(r"[:：]\d", folded[end : end + 2]):
        return False  # "轻重工业比达到25:75": a proportion, not a bound
    if _UNITLESS_BASELINE_BEFORE.search(folded[max(0, start - 12) : start]) and _CHANGE_TO.match(folded, end):
        return True  # "数字中国发展指数从2020年的85提高到95": the index's starting level
    bound = any(before.endswith(word) for word in _PREFIX_COMPARATORS) or before.endswith("达")
    return bound and bool(_RATIO_TAIL.match(folded, end))


def _idiom_pattern() -> re.Pattern[str]:
    words = sorted(IDIOMS, key=len, reverse=True)
    # "一批" but not inside the ordinal "第一批": Example "形成一批" -> idiom, "第一批" -> ordinal.
    return re.compile(
        "|".join(f"(?<!第){re.escape(w)}" if w[0] in CHINESE_NUMERAL_CHARS else re.escape(w) for w in words)
    )


_IDIOM_RE = _idiom_pattern()
# Unit names that begin with a numeral character; alone (no number before) they are not numbers: "每千瓦时".
_UNITS_STARTING_WITH_NUMERAL = ("亿千瓦时", "万千瓦", "千瓦时", "百分点", "千瓦", "千伏", "千克", "千米")


class _Scanner:
    """Claims numeral spans pass by pass, most specific first, so each character lands in one token."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = to_halfwidth(text)
        if len(self.folded) != len(text):  # pragma: no cover - to_halfwidth maps one character to one
            raise ValueError("to_halfwidth changed the text length")
        self.tokens: list[NumberToken] = []
        self.claimed = bytearray(len(text))

    def claim(self, token: NumberToken) -> None:
        if any(self.claimed[token.start : token.end]):
            return
        self.tokens.append(token)
        for i in range(token.start, token.end):
            self.claimed[i] = 1

    def claim_span(self, start: int, end: int, category: str, reason: str) -> None:
        value: float | None = None
        if category in ("year", "list_marker", "box_number"):
            digits = re.sub(r"[^0-9〇零一二两三四五六七八九十]", "", self.folded[start:end])
            try:
                value = parse_chinese_number(digits) if digits else None
            except ValueError:
                value = None
        self.claim(_token(self.text, start, end, category, reason, value))

    def claim_quantity(self, start: int, end: int, value: float, unit: str, *, descriptor: str = "") -> None:
        zh, en = _DESCRIPTOR_REASONS[descriptor] if descriptor else _REASONS["quantity"]
        token = NumberToken(
            self.text[start:end], start, end, value, "quantity", zh, en,
            unit=unit, descriptor=bool(descriptor), descriptor_kind=descriptor,
        )  # fmt: skip
        self.claim(token)

    def structural(self) -> None:
        """HTML entities, period names, dates, years, box numbers and list markers."""
        for match in _HTML_ENTITY.finditer(self.folded):
            digits = re.search(r"\d+", match.group())
            if digits:
                self.claim_span(match.start() + digits.start(), match.start() + digits.end(), "identifier", "html")
        for pattern, category in ((_PERIOD, "period_name"), (_DATE, "date"), (_YEAR, "year")):
            for match in pattern.finditer(self.folded):
                self.claim_span(match.start(), match.end(), category, category)
        for match in _BOX.finditer(self.folded):
            self.claim_span(match.start(1), match.end(1), "box_number", "box_number")
        for pattern in _LIST_MARKERS:
            for match in pattern.finditer(self.folded):
                self.claim_span(match.start(1), match.end(1), "list_marker", "list_marker")

    def names(self) -> None:
        """Fractions in words, Latin-letter codes, quoted programme names and idioms."""
        for match in _CN_FRACTION.finditer(self.folded):
            # Before the idioms, which would take "之一": "三分之一" is one third, 33.3%.
            denominator = parse_chinese_number(match.group(1))
            numerator = parse_chinese_number(match.group(2))
            if 0 < numerator < denominator:
                self.claim_quantity(match.start(), match.end(), numerator / denominator * 100, "%")
        for match in _LATIN_ID.finditer(self.folded):
            trailing = re.search(r"[A-Za-z]+$", match.group())
            if not match.group()[0].isalpha() and trailing and trailing.group() in _ASCII_UNITS:
                continue  # "100Mbps", "5GW": a quantity with an ASCII unit
            self.claim_span(match.start(), match.end(), "identifier", "latin")
        for match in _QUOTED.finditer(self.folded):
            inner = match.group(1)
            if _has_numeral(inner):
                for run in re.finditer(r"[0-9.]+|[" + _CN + "]+", inner):
                    start = match.start(1) + run.start()
                    self.claim_span(start, start + len(run.group()), "identifier", "quoted")
        for match in _EVENT_NAME.finditer(self.folded):
            self.claim_span(match.start(), match.end(), "identifier", "event")
        for match in _VAGUE_AMOUNT.finditer(self.folded):
            self.claim_span(match.start(), match.end(), "idiom", "vague")
        reading = _Reading(self.folded)
        for match in _IDIOM_RE.finditer(reading.text):
            # Matched on the reading text, so "一批" wrapped across a box line ("形成一│　│　│批") is found.
            self.claim_span(reading.index[match.start()], reading.index[match.end() - 1] + 1, "idiom", "idiom")

    def special_quantities(self) -> None:
        """百分之十五, 翻一番, ordinals (第六代 is a descriptor) and unit names with no number before them."""
        for match in _CN_PERCENT.finditer(self.folded):
            try:
                value = parse_chinese_number(match.group(2))
            except ValueError:
                continue
            self.claim_quantity(match.start(), match.end(), value, "%" if match.group(1) == "百分之" else "‰")
        for match in _LEVEL_THRESHOLD.finditer(self.folded):
            value = parse_chinese_number(match.group(1))
            self.claim_quantity(match.start(), match.end(), value, "级", descriptor="threshold")
        for match in _DOUBLING.finditer(self.folded):
            value = parse_chinese_number(match.group(1)) if match.group(1) else 1.0
            self.claim_quantity(match.start(), match.end(), value, "番")
        for match in _ORDINAL.finditer(self.folded):
            if self.folded.startswith("代", match.end()):
                value = parse_chinese_number(match.group(1))
                self.claim_quantity(match.start(), match.end() + 1, value, "代", descriptor="generation")
            else:
                self.claim_span(match.start(), match.end(), "identifier", "ordinal")
        for unit_name in _UNITS_STARTING_WITH_NUMERAL:
            for match in re.finditer(re.escape(unit_name), self.folded):
                before = self.folded[max(0, match.start() - 2) : match.start()]
                if before[-1:] == "个":
                    before = before[:-1]  # "5个百分点"
                if before and (before[-1].isdigit() or before[-1] in CHINESE_NUMERAL_CHARS or before[-1] in "多余/"):
                    continue
                self.claim_span(match.start(), match.end(), "idiom", "unit_name")

    def quantities(self) -> None:
        """Every remaining numeral: a quantity with its unit, or a bare number / unlisted word."""
        folded, pos = self.folded, 0
        while pos < len(folded):
            ch = folded[pos]
            if self.claimed[pos] or not (ch.isdigit() or ch in CHINESE_NUMERAL_CHARS):
                pos += 1
                continue
            token = _scan_quantity(self.text, folded, pos)
            # A token may run into an already claimed span ("3至2020年"); cut it back to its own part.
            stop = next((i for i in range(token.start, token.end) if self.claimed[i]), token.end)
            if stop < token.end:
                cut = max(stop, token.start + 1)
                if folded[token.start].isdigit():
                    token = _token(self.text, token.start, cut, "identifier", "bare", token.value)
                else:
                    token = _token(self.text, token.start, cut, "idiom", "unlisted")
            self.claim(token)
            pos = max(token.end, pos + 1)


def scan_numbers(text: str) -> list[NumberToken]:
    """Find every numeral occurrence (Arabic digits and Chinese numerals) in ``text`` and categorise it.

    Categories: quantity, year, date, list_marker, box_number, period_name, identifier, idiom. Quantities
    that are class or size words carry ``descriptor=True`` and a reason. Every Arabic digit and every
    Chinese numeral character of the text lies inside exactly one token, so nothing is dropped silently.

    >>> [(t.text, t.category) for t in scan_numbers("到2020年，培育1至2家企业，形成一批“十三五”成果")]
    [('2020', 'year'), ('1至2家', 'quantity'), ('一批', 'idiom'), ('十三五', 'period_name')]
    >>> [(t.text, t.descriptor) for t in scan_numbers("建设500千伏主网架")]
    [('500千伏', True)]
    """
    scanner = _Scanner(text)
    scanner.structural()
    scanner.names()
    scanner.special_quantities()
    scanner.quantities()
    scanner.tokens.sort(key=lambda t: t.start)
    return [_mark_descriptor(scanner.folded, token) for token in scanner.tokens]


def _clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)``: between 。；！？, newlines, box bars, commas and colons, trimmed."""
    left = start
    while left > 0 and not _is_clause_delim(folded, left - 1):
        left -= 1
    right = end
    while right < len(folded) and not _is_clause_delim(folded, right):
        right += 1
    while left < right and folded[left] in _SPACES:
        left += 1
    while right > left and folded[right - 1] in _SPACES:
        right -= 1
    return left, right


def _is_clause_delim(folded: str, i: int) -> bool:
    ch = folded[i]
    if ch not in _CLAUSE_DELIMS:
        return False
    if ch in ",，" and 0 < i < len(folded) - 3 and folded[i - 1].isdigit():
        # Thousands separator, not a clause break: "1,200亿元", "１２，０００个".
        tail = folded[i + 1 : i + 5]
        if tail[:3].isdigit() and not (len(tail) > 3 and tail[3].isdigit()):
            return False
    return True


def _enumeration_count(window: str) -> int | None:
    """How many items a list just before a number names: "A、B和C" -> 3; None if it is not a list."""
    body = window.rstrip(_SPACES)
    if body.endswith("等"):
        body = body[:-1]
    parts = body.split("、")
    if len(parts) < 2 and "和" not in body:
        return None
    if any(not part.strip(_SPACES) or _has_numeral(_IDIOM_RE.sub("", part)) for part in parts):
        return None
    return len(parts) + parts[-1].count("和")


def _class_kind(token: NumberToken, info: UnitInfo | None, after: str) -> str | None:
    """Descriptors told by the unit or the word right after it: classes, sizes, durations, age groups."""
    if after.lstrip(_SPACES).startswith("级"):
        return "size_class"  # "5兆瓦级", "百万千瓦级", "千亿级"
    if token.unit in ("吋", "英寸", "纳米", "微米"):
        return "size"  # "8吋", "12英寸"
    dim = info.dimension if info is not None else ""
    if dim == "bandwidth" and not any(ch.isdigit() for ch in token.text):
        return "size_class"  # "千兆光纤宽带网络", "万兆": a speed class, not a target
    if dim in ("voltage", "generation", "rank"):
        return dim  # "500千伏", "8.5代", "世界500强"
    if dim == "duration_years" and token.unit == "年":
        return "duration"  # "用三年时间", "通过5年努力"
    if dim == "age" and _AGE_GROUP_TAIL.match(after):
        return "age_group"  # "3岁以下婴幼儿", "60岁以上老年人"; not "预期寿命提高1岁"
    return None


def _context_kind(folded: str, token: NumberToken, info: UnitInfo | None, after: str) -> str | None:
    """Descriptors told by the words around the number: size names, per-unit bases, thresholds, list counts."""
    before = folded[max(0, token.start - 3) : token.start]
    before_clause = folded[max(0, token.start - 6) : token.start]
    if (
        info is not None
        and info.dimension not in ("count", "share", "percentage_point")
        and not any(ch.isdigit() for ch in token.text)
        and after[:1] >= "\u4e00"
        and after[:1] not in "以左上的"
    ):
        return "size_name"  # "张承千万千瓦和沿海百万千瓦风电基地": a round Chinese amount naming a size
    if before.endswith("每"):
        return "per_unit"  # "每万人口", "每千人口"
    if token.text[:1] in LARGE_UNITS and after[:1].isalpha() and after[:1] not in "以左上的":
        return "per_unit"  # "万元工业增加值用水量", "万元GDP能耗": 万元 without a number is a base
    if info is not None and info.dimension in ("money", "money_usd", "number") and _THRESHOLD_TAIL.match(after):
        if not (_SIZE_OF_NEW.search(before_clause) and not _BOUND_AFTER.match(after)):
            return "threshold"  # "超百亿元企业", "亿元以上项目"; not "设立总规模1000亿元的基金"
    if info is not None and info.dimension not in _COUNTED_DIMENSIONS and _OPEN_BOUND_OF_NOUN.match(after):
        return "threshold"  # "1000M及以上速率的光纤接入用户", "年产值1亿元以上的企业"
    if info is not None and info.dimension == "count" and token.value is not None:
        return _count_kind(folded, token)
    return None


def _count_kind(folded: str, token: NumberToken) -> str | None:
    """Counts that are structure, not targets: ranks, lists just given or about to be given, what exists."""
    left, _ = _clause_bounds(folded, token.start, token.end)
    if folded[max(0, token.start - 1) : token.start] == "前":
        return "rank"  # "软件业务收入前100家企业": a ranking, not a target
    count = _enumeration_count(folded[left : token.start])
    if count is not None and count == token.value and token.value_max is None:
        return "enumeration"  # "光伏、风电、智能电网三大产业链"
    ahead = folded[token.end : token.end + 60]
    listed = _FORWARD_LIST.match(ahead)
    if listed and "、" in ahead[listed.end() : listed.end() + 40]:
        return "enumeration"  # "4个行动：A、B、C", "两个支柱产业分别为：…", "五个行业，即电子、汽车和石化"
    if _EXISTING_TAIL.match(ahead) and "在" in folded[left : token.start]:
        return "existing"  # "在全力推进14大新兴产业集群发展的基础上"
    if _STRUCTURE_NOUN.match(ahead):
        return "structure"  # "明确了…的11项核心指标，其中包括…": the document's own structure
    if _LEVERAGED.search(folded[left : token.start]) and _LATER_DEADLINE.match(folded, token.end):
        return "existing"  # "推动4个国家级集群…发展，力争到2025年，形成…": what the plan builds on
    if token.unit == "大" and not _CREATION_VERB.search(folded[left : token.start]):
        return "set_name"  # "三大先导产业总规模达1.8万亿元"; not "重点实施十大工程"
    return None


# Counts of the document's own parts: "11项核心指标", "五个方面", "三项原则"; not "实施100项工程".
_STRUCTURE_NOUN = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?:指标|原则|方面|特点|特征)(?![\u4e00-\u9fff]{0,2}(?:达|超|提高))")
# Verbs taking existing things as their object: "依托3个国家级基地", "推动4个国家级集群…发展".
_LEVERAGED = re.compile(r"(?:依托|围绕|立足|借助|依靠|推动|推进)\s*$")
# A deadline later in the same sentence: "…发展，力争到2025年，形成…".
_LATER_DEADLINE = re.compile(r"[^。；;！？!?\n]*?[，,]\s*(?:力争|争取|努力)?\s*(?:到|至)\s*(?:1[89]|20)\d{2}\s*年")
# Verbs that make "N大…" a count to achieve: "实施十大工程", "培育五大产业集群".
_CREATION_VERB = re.compile(r"培育|打造|形成|建设|建成|实施|组建|发展壮大|壮大|推进|启动")


def _mark_descriptor(folded: str, token: NumberToken) -> NumberToken:
    """Mark quantities that are class or size words, not commitments, with the reason."""
    if token.category != "quantity" or token.descriptor:
        return token
    info = unit_info(token.unit) if token.unit not in ("番", "") else None
    after = folded[token.end : token.end + 12]
    kind = _class_kind(token, info, after) or _context_kind(folded, token, info, after)
    if kind is None:
        return token
    zh, en = _DESCRIPTOR_REASONS[kind]
    return NumberToken(
        token.text, token.start, token.end, token.value, token.category, zh, en,
        unit=token.unit, value_max=token.value_max, descriptor=True, qualifier=token.qualifier, descriptor_kind=kind,
    )  # fmt: skip


# --------------------------------------------------------------------------- context: deadline, comparator


# A box row wrapped inside its cell: "“十三五”时│　　│　　　　　　　│期累计推广" reads "“十三五”时期累计推广".
_BOX_WRAP = re.compile(r"[ \u3000]*│[ \u3000]*│[ \u3000]*│")


class _Reading:
    """The text with box-cell line wraps removed, and the map back to source offsets."""

    def __init__(self, folded: str) -> None:
        pieces: list[str] = []
        index: list[int] = []
        cursor = 0
        for match in _BOX_WRAP.finditer(folded):
            pieces.append(folded[cursor : match.start()])
            index.extend(range(cursor, match.start()))
            cursor = match.end()
        pieces.append(folded[cursor:])
        index.extend(range(cursor, len(folded)))
        self.text = "".join(pieces)
        self.index = index

    def to_reading(self, source_pos: int) -> int:
        return bisect.bisect_left(self.index, source_pos)

    def paragraph_before(self, source_pos: int) -> tuple[str, int]:
        """The paragraph text (to the line start or a table cell border) up to ``source_pos``, and its length.

        A deadline governs the later clauses and sentences of its paragraph: "到2020年，A；B。C" gives B and C
        the year too.
        """
        end = self.to_reading(source_pos)
        start = end
        while start > 0 and self.text[start - 1] not in _PARAGRAPH_DELIMS:
            start -= 1
        return self.text[start:end], end - start

    def sentence_before(self, source_pos: int) -> str:
        """The sentence text from its start up to ``source_pos``, read across wrapped box lines."""
        end = self.to_reading(source_pos)
        start = end
        while start > 0 and self.text[start - 1] not in _SENTENCE_DELIMS:
            start -= 1
        return self.text[start:end]


_PERIOD_END_YEAR = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030}
# A year in Arabic or Chinese digits: "2025", "二〇二五", "二零三零".
_YEAR_DIGITS = r"(?:(?:1[89]|20)\d{2}|[一二][〇零九][〇零一二三四五六七八九]{2})"
# Deadlines: "到2020年", "2020年底", "2016—2020年", "到“十三五”末", "“十三五”时期", "到年底", "今年", "到二〇二五年".
_DEADLINE = re.compile(
    r"(?P<pre>到|至|截至|截止到|截止|在|于)?\s*(?:(?:1[89]|20)\d{2}\s*[-—–~～至到]\s*)?(?P<year>"
    + _YEAR_DIGITS
    + r")\s*年"
    r"(?P<post>底|末|前|以前|之前|间|内|度)?"
    r"|(?P<ppre>到|至)?[“\"]?十(?P<plan>[一二三四五])五[”\"]?(?P<ppost>时期|期间|期末|末|内|时)?"
    r"|(?P<rel>到年底|年底前|年内|今年|本年度|本年|全年|明年)"
)
_BASE_BEFORE = ("比", "较", "与", "同", "对比", "从", "由")
# A year that is a base, not a deadline: "2015年相比", "2020年基础上", "2020年水平", "2020年为基数", a year
# right before the number it qualifies ("达到2020年的" + number) and a multiple of a year ("2020年的2.5倍，…").
_BASE_AFTER = re.compile(
    r"^\s*[末底]?\s*(?:相比|比|基础上|水平|的基础|同期|为基[数期准]|的\s*$|的\s*(?:[\d.]+|[一二两三四五六七八九十点]+)\s*倍)"
)
# Base years: "比2015年", "较2015年末", "与2015年相比", "比“十二五”末", "在2020年基础上", "以2020年为基数".
_BASE_YEAR = re.compile(
    r"(?:比|较|与|同|从|由)\s*(?:(?P<year>" + _YEAR_DIGITS + r")\s*年|[“\"]?十(?P<plan>[一二三四五])五[”\"]?末)"
    r"|(?:在|以)\s*(?P<year2>" + _YEAR_DIGITS + r")\s*年[末底]?\s*(?:的?基础上|为基[数期准])"
)
# A multiple of a year's level, just before the number: "达到2020年的2倍" -> multiply, base year 2020.
_MULTIPLE_OF_YEAR = re.compile(r"(?P<year>" + _YEAR_DIGITS + r")\s*年[末底]?\s*的\s*$")
# Full dates give the document's year: "2016年9月12日".
_DOC_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})年\d{1,2}月\d{1,2}日")

_PREFIX_COMPARATORS: dict[str, str] = {
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "提高到": "≥", "提高至": "≥", "提升到": "≥",
    "提升至": "≥", "增加到": "≥", "增加至": "≥", "增长到": "≥", "增长至": "≥", "扩大到": "≥", "扩大至": "≥",
    "达到": "≥", "超过": ">", "突破": ">", "高于": ">", "多于": ">", "大于": ">", "大约": "≈", "接近": "≈",
    "将近": "≈", "不超过": "≤", "不高于": "≤", "不多于": "≤", "不大于": "≤", "控制在": "≤", "控制到": "≤",
    "降至": "≤", "降到": "≤", "降低到": "≤", "降低至": "≤", "下降到": "≤", "下降至": "≤", "减少到": "≤",
    "减少至": "≤", "压减到": "≤", "压减至": "≤", "压缩到": "≤", "压缩至": "≤", "缩短到": "≤", "缩短至": "≤",
    "低于": "<", "少于": "<", "小于": "<",
    # A level reached: "孵化器增至15家", "比重上升至30%", "迈上3万亿元台阶" (a threshold crossed), "跃上新台阶".
    "增至": "≥", "增到": "≥", "升至": "≥", "升到": "≥", "上升到": "≥", "上升至": "≥", "迈上": "≥", "跃上": "≥",
}  # fmt: skip
# Single characters that only count right before the number: "达3万", "超百亿", "过千亿", "约3万", "近百亿", "逾千".
_TIGHT_COMPARATORS: dict[str, str] = {"达": "≥", "超": ">", "过": ">", "逾": ">", "约": "≈", "近": "≈"}
_PREFIX_RE = re.compile("|".join(sorted(map(re.escape, _PREFIX_COMPARATORS), key=len, reverse=True)))
# Suffixes after the unit: "1500万千瓦以上", "200名左右", "4.5%以内".
_SUFFIX_RE = re.compile(r"^\s*(及以上|以上|及以下|以下|以内|之内|左右|上下)")
_SUFFIX_COMPARATORS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤"}
_SUFFIX_COMPARATORS |= {"左右": "≈", "上下": "≈"}
# Relations before the number: "年均增长15%", "比2015年下降18%", "提高2个百分点"; not "增加值", not "提高到".
_RELATION_RE = re.compile(
    r"(?P<cagr>年均(?:增长|增速|递增|提高|增幅|增加)|年平均增长|复合增长率)"
    r"|(?P<inc>增长(?!率)|增加(?!值)|提高|提升|上升|扩大|增幅|增速|涨幅|上涨)"  # "价格涨幅3%左右" -> increase_by
    r"|(?P<dec>下降|降低|减少|削减|压减|缩减)"
)
_ASPIRATION_RE = re.compile(r"力争|争取|努力")
_ENUM_SEPARATORS = frozenset({"、", "和", "及", "与", "或", "、和", "，"})


@dataclass
class _Deadline:
    year: int | None
    text: str


def _find_deadline(segment: str, document_year: int | None) -> _Deadline | None:
    """The nearest deadline expression in ``segment`` (text before the number), skipping base years."""
    best: _Deadline | None = None
    for match in _DEADLINE.finditer(segment):
        best = _deadline_of(match, segment, document_year) or best
    return best


# A plan period used as a time, not as the plan's name: "“十二五”新材料产品综合保障能力提高到70%",
# "“十三五”科技创新的总体目标是"; not "“十三五”规划纲要", "“十三五”以来".
_PERIOD_NAMING = re.compile(r"^[^，,。；;：:]{0,25}?(?:规划|计划|纲要|方案|建议|体系)|^\s*(?:以来|开局|中期|前期|初)")


def _deadline_of(match: re.Match[str], segment: str, document_year: int | None) -> _Deadline | None:
    """The deadline a match of :data:`_DEADLINE` states in its ``segment``, or None when it is not one."""
    head = segment[: match.start()]
    tail = segment[match.end() :]
    if head.rstrip().endswith(_BASE_BEFORE) or _BASE_AFTER.match(tail):
        return None
    bare_year = match.group("year") and not match.group("pre") and not match.group("post")
    if bare_year and (head.rstrip().endswith(("为", "按", "以")) or re.match(r"^\s*(?:价格|不变价|可比价)", tail)):
        return None  # "为2030年碳达峰奠定基础", "(按2005年价格计算)": the year names something else
    if bare_year and re.match(r"^\s*(?:起|以来|开始)", tail):
        return None  # "2021年起，…比例不低于80%": a start, not a deadline
    if match.group("year"):
        if re.match(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月", tail):
            return None  # a date, "2016年9月12日", "二〇一六年九月"
        year: int | None = _year_value(match.group("year"))
    elif match.group("plan"):
        if not (match.group("ppre") or match.group("ppost")):
            clause_start = (
                not head.strip(_SPACES) or head.rstrip(_SPACES)[-1] in "，,。；;：:\n" or head.endswith("同时")
            )
            if not clause_start or _PERIOD_NAMING.match(tail):
                return None  # "“十三五”规划" names the plan, not a deadline
        year = _PERIOD_END_YEAR[match.group("plan")]
    else:
        rel = match.group("rel")
        year = None if document_year is None else document_year + (1 if rel == "明年" else 0)
    return _Deadline(year, re.sub(r"[“”\"\s]", "", match.group()))


# A colon paragraph announcing a period's goals: "《规划》提出了“十四五”工业经济高质量发展的五大重点目标：".
_PERIOD_GOALS = re.compile(r"十(?P<plan>[一二三四五])五[”\"]?[^，,。；;]{0,24}?目标")


def _comparator(window: str, after: str, qualifier: str, *, pp: bool) -> str:
    """The comparator from the words just before the number and just after the unit."""
    prefix: str | None = None
    for match in _PREFIX_RE.finditer(window):
        word = match.group()
        if pp and word in ("高于", "低于"):
            continue  # "高于全省2个百分点" is a difference, not a bound
        if len(window) - match.end() <= 8:
            prefix = _PREFIX_COMPARATORS[word]
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


def _relation(window: str, unit: str) -> str | None:
    """The relation of the number to a base: increase_by, decrease_by, cagr, pp_change, multiply."""
    if unit == "番":
        return "multiply"
    found: str | None = None
    for match in _RELATION_RE.finditer(window):
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


def _year_value(written: str) -> int:
    """A year written in Arabic or Chinese digits: "2025" -> 2025, "二〇三〇" -> 2030."""
    return int(parse_chinese_number(written))


def _base_year(clause_head: str) -> int | None:
    match = None
    for match in _BASE_YEAR.finditer(clause_head):  # noqa: B007 - keep the last one
        pass
    if match is None:
        return None
    if match.group("year") or match.group("year2"):
        return _year_value(match.group("year") or match.group("year2"))
    return _PERIOD_END_YEAR[match.group("plan")]


_HEADING = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])")
# How far into a paragraph its opening deadline may stand: "到2025年，", "《规划》提出，到2025年，", "其中，到2025年的".
_OPENING_DEADLINE_CHARS = 16


def _paragraph_context(folded: str, document_year: int | None) -> list[tuple[int, int, _Deadline | None, bool]]:
    """Deadlines and 力争 carried from one paragraph to the paragraphs under it.

    Two ways a deadline governs later paragraphs: a paragraph ending with a colon ("到2020年，力争实现以下
    目标：") and a goal paragraph opening with its deadline ("到2025年，全市…。" followed by "在产业创新水平
    上，…"). Either carries until a blank line, a heading or a table row, or until a paragraph states a deadline
    of its own somewhere other than at its start.
    """
    spans: list[tuple[int, int, _Deadline | None, bool]] = []
    carry: tuple[_Deadline | None, bool] | None = None
    offset = 0
    for line in folded.split("\n"):
        stripped = line.strip(_SPACES)
        if not stripped or _HEADING.match(line) or any(ch in _BOX_CHARS for ch in line):
            carry = None
        elif carry is not None:
            spans.append((offset, offset + len(line), carry[0], carry[1]))
        if stripped and not any(ch in _BOX_CHARS for ch in line):
            if stripped.endswith(("：", ":")):
                last = re.split(r"[。；;！？!?]", stripped.rstrip("：:"))[-1]
                found = _find_deadline(last, document_year)
                goals = _PERIOD_GOALS.search(last) if found is None else None
                if goals is not None:
                    found = _Deadline(_PERIOD_END_YEAR[goals.group("plan")], goals.group())
                carry = (found, bool(_ASPIRATION_RE.search(last))) if found or carry is None else carry
            else:
                carry = _goal_carry(stripped, document_year, carry)
        offset += len(line) + 1
    return spans


def _goal_carry(
    paragraph: str, document_year: int | None, carry: tuple[_Deadline | None, bool] | None
) -> tuple[_Deadline | None, bool] | None:
    """The carry after ``paragraph``: its own deadline if it opens with one, the old one if it has none."""
    first = next((m for m in _DEADLINE.finditer(paragraph) if _deadline_of(m, paragraph, document_year)), None)
    if first is None:
        return carry  # "产业规模迈上新台阶。…" under "到2025年，…": the goal section continues
    opening = paragraph[: _OPENING_DEADLINE_CHARS + len(first.group())]
    if first.start() <= _OPENING_DEADLINE_CHARS and "。" not in paragraph[: first.start()]:
        return _find_deadline(paragraph, document_year), bool(_ASPIRATION_RE.search(opening))
    return None


# A starting level, not a target: "从2020年的9.89亿提高到12亿", "比2010年的1.034吨标准煤下降16%".
_BASELINE_BEFORE = re.compile(
    r"(?:(?:从|由)\s*(?P<year>" + _YEAR_DIGITS + r")\s*年[末底]?\s*的?"
    r"|(?:比|较)\s*(?P<year2>" + _YEAR_DIGITS + r")\s*年[末底]?\s*的)\s*$"
)
# Units of a rate: a share, a change in points, a multiple.
_RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "番", "倍"})
# A target counted per year: "平均每年带动新增就业100万人", "每年实施100项".
_ANNUAL_RE = re.compile(r"每年|年均|平均每年")
# A target counted as what is added over the period: "新建500家", "累计推广30万辆", "新增100个", "引进200名".
_FLOW_RE = re.compile(
    r"新建|新增|新培育|新认定|新引进|引进|培养|累计|净增|节约|推广|安排|投入|供应(?!商)|减负|制修订|制定|完成|实施"
)
# Flow verbs that only count things: "完成200项标准制修订" is a flow, "完成总产值6700亿元" a level.
_COUNT_ONLY_FLOW = frozenset({"完成", "实施"})
#: How a target is measured: a level at the deadline, what is added over the period (since the base year), a
#: yearly amount, a rate (share, growth, change in points, multiple) or a range.
TARGET_KINDS = ("stock", "flow", "annual_flow", "rate", "range")
# Words before the number that say how, not what: "到2025年，力争达到", "分别超过", "其中，".
_SUBJECT_NOISE = re.compile(
    r"^(?:其中|同时|此外|另外|力争|争取|努力|确保|全力|进一步|预计|目标|提出|要求|明确)+"
    r"|(?:力争|争取|努力|确保|实现|将|要|预计|分别|保持在|保持|稳定在|均|达|为|在)+$"
)
# Verbs that take the counted thing as their object: "新建500家院士工作站", "培育1至2家整车企业".
_OBJECT_VERB = re.compile(
    r"(?:新建|新增|建设|建成|培育|形成|打造|引进|培养|创建|推广|实施|完成|认定|组建|设立|布局|支持|推动|累计)+$"
)
# What may follow the unit before the object: "以上的", "左右", "各类".
_OBJECT_LEAD = re.compile(r"^(?:以上|以下|左右|上下|以内|多|余)?(?:的)?")


def _kind(role: str, token: NumberToken, relation: str | None, clause_head: str) -> str:
    """How a target is measured (:data:`TARGET_KINDS`), or the role for qualifiers and baselines."""
    if role in ("qualifier", "baseline"):
        return role
    if token.value_max is not None:
        return "range"
    if token.unit in _RATE_UNITS or relation in ("cagr", "pp_change", "multiply"):
        return "rate"
    if any(not re.search(r"\d", clause_head[m.end() :]) for m in _ANNUAL_RE.finditer(clause_head)):
        return "annual_flow"  # "平均每年带动新增就业100万人"; not "年均增长25%、2025年规模3万亿元"
    return "flow" if _is_flow(token, relation, clause_head) else "stock"


def _is_flow(token: NumberToken, relation: str | None, clause_head: str) -> bool:
    """Whether a count or amount is what is added over the period: a flow verb governs it, or 增加/减少 N."""
    info = unit_info(token.unit) if token.unit else None
    for match in _FLOW_RE.finditer(clause_head):
        if "的" in clause_head[match.end() :]:
            continue  # "实施数字化转型的企业数量达到5万家": the verb is in a relative clause
        if match.group() in _COUNT_ONLY_FLOW and (info is None or info.dimension != "count"):
            continue
        return True
    return relation in ("increase_by", "decrease_by")


def _subject(folded: str, left: int, right: int, token: NumberToken) -> str:
    """What a target measures, as the plan words it: the text before the number, or the object after it."""
    head = folded[left : token.start]
    for match in _DEADLINE.finditer(head):
        head = head.replace(match.group(), "")
    head = _PREFIX_RE.sub("", head)
    head = _RELATION_RE.sub("", head)
    head = re.sub(r"[“”\"（）()]", "", head).strip(_SPACES + "、和及与")
    head = _SUBJECT_NOISE.sub("", head).strip(_SPACES)
    bare_verb = _OBJECT_VERB.search(head)
    if not head or (bare_verb and bare_verb.start() <= 2) or len(head) < 2:
        tail = folded[token.end : right]
        tail = tail[_OBJECT_LEAD.match(tail).end() :]  # type: ignore[union-attr]
        return re.split(r"[，,。；;、]", tail)[0].strip(_SPACES)[:30] or head
    return head[-30:]


def _normalized(value: float, unit: str) -> tuple[float | None, str]:
    """The value in its base unit; an unknown unit must not stop the extraction (a level, 2级, has none)."""
    if unit == "级":
        return value, unit
    try:
        return normalize_quantity(value, unit)
    except Exception:
        logger.warning("cannot normalise %s %s", value, unit)
        return None, unit


def _clause_base_year(folded: str, left: int, clause_head: str) -> int | None:
    """The base year of the clause; a clause opening with 分别 takes it from the clause before.

    "在2022年的基础上实现“双倍增”，分别超过90家和870家": 90家 and 870家 are counted from 2022.
    """
    base_year = _base_year(clause_head)
    if base_year is None and clause_head.lstrip(_SPACES).startswith("分别") and left > 0:
        prev_left, _ = _clause_bounds(folded, left - 1, left - 1)
        base_year = _base_year(folded[prev_left:left])
    return base_year


def _role(
    token: NumberToken, clause_head: str, deadline: _Deadline | None, document_year: int | None, base_year: int | None
) -> tuple[str, int | None]:
    """The quantity's role (commitment, qualifier, baseline, status, descriptor) and its base year."""
    if token.descriptor:
        return ("qualifier" if token.descriptor_kind in QUALIFIER_KINDS else "descriptor"), base_year
    baseline = _BASELINE_BEFORE.search(clause_head)
    if baseline is not None:
        return "baseline", _year_value(baseline.group("year") or baseline.group("year2"))
    if _is_status(deadline, document_year):
        return "status", base_year  # "截至2020年底，全省电动汽车保有量达到50.16万辆" in a 2023 plan
    return "commitment", base_year


def _is_status(deadline: _Deadline | None, document_year: int | None) -> bool:
    """Whether a figure was already reached when the document was written: its year is past ("“十二五”期间"
    in a 2016 plan) or an "as of" date not after the document's year ("截至2020年底" in a 2023 plan).
    Without the document's year nothing is a status: "截至2025年底，累计推广30万辆" may be a target.
    """
    if deadline is None or deadline.year is None or document_year is None:
        return False
    return deadline.year < document_year or (
        deadline.text.startswith(("截至", "截止")) and deadline.year <= document_year
    )


def extract_commitments(text: str, document_year: int | None = None) -> list[Commitment]:
    """Every quantity in ``text`` as a :class:`Commitment`, in text order.

    Targets have ``role="commitment"`` and a ``kind``; thresholds and bases qualifying a noun are
    ``qualifier``s, starting levels ``baseline``s, figures already reached ("截至2020年底") ``status``; class
    and size words (500千伏, 5兆瓦级, 8.5代 …) are ``descriptor``s. Nothing is silently dropped. A deadline
    governs the rest of its paragraph (and the paragraphs of a goal section it opens). ``document_year``
    resolves 到年底/今年; when not given it is taken from the first full date in the text ("2016年9月12日").

    >>> [c.to_dict()["value"] for c in extract_commitments("到2020年，光伏装机达到1500万千瓦以上。")]
    [1500.0]
    >>> c = extract_commitments("到2020年，光伏装机达到1500万千瓦以上。")[0]
    >>> c.unit, c.value_normalized, c.unit_normalized, c.comparator, c.year, c.text, c.kind, c.subject
    ('万千瓦', 15000000.0, '千瓦', '≥', 2020, '光伏装机达到1500万千瓦以上', 'stock', '光伏装机')
    >>> [(c.value, c.year, c.kind) for c in extract_commitments("到2020年，新建500家院士工作站；比重达到15%。")]
    [(500.0, 2020, 'flow'), (15.0, 2020, 'rate')]
    >>> [(c.number_text, c.role) for c in extract_commitments("投资1亿元以上的重点项目760项")]
    [('1亿元', 'qualifier'), ('760项', 'commitment')]
    """
    folded = to_halfwidth(text)
    if document_year is None:
        dated = _DOC_DATE.search(folded)
        document_year = int(dated.group("year")) if dated else None
    reading = _Reading(folded)
    carried = _paragraph_context(folded, document_year)
    carried_starts = [span[0] for span in carried]
    tokens = [t for t in scan_numbers(text) if t.category == "quantity"]
    results: list[Commitment] = []
    previous: tuple[NumberToken, Commitment] | None = None
    for token in tokens:
        left, right = _clause_bounds(folded, token.start, token.end)
        window_start = left
        if previous is not None and previous[0].end > left and not previous[0].descriptor:
            window_start = previous[0].end
        window = folded[window_start : token.start]
        clause_head = folded[left : token.start]
        after = folded[token.end : right]
        unit = token.unit
        pp = unit in ("个百分点", "百分点")
        comparator = _comparator(window, after, token.qualifier, pp=pp)
        relation = _relation(window, unit)
        shares_words = (
            previous is not None and window.strip(_SPACES + "分别") in _ENUM_SEPARATORS and previous[0].end > left
        )
        if shares_words and comparator == "=" and previous is not None:
            # "分别增长12%和15%", "减少10%、8%": the second value shares the first one's words.
            comparator = previous[1].comparator if relation is None else comparator
            relation = relation or previous[1].relation
        paragraph, _ = reading.paragraph_before(token.start)
        deadline = _find_deadline(paragraph, document_year)
        aspirational = bool(_ASPIRATION_RE.search(reading.sentence_before(token.start)))
        index = bisect.bisect_right(carried_starts, token.start) - 1
        if index >= 0 and carried[index][0] <= token.start < carried[index][1]:
            deadline = deadline or carried[index][2]
            aspirational = aspirational or carried[index][3]
        base_year = _clause_base_year(folded, left, clause_head)
        multiple_of = _MULTIPLE_OF_YEAR.search(window) if unit == "倍" else None
        if multiple_of is not None:
            # "达到2020年的2倍": a multiple of the base year's level; 到2025年 stays the deadline.
            relation = relation or "multiply"
            base_year = _year_value(multiple_of.group("year"))
        role, base_year = _role(token, clause_head, deadline, document_year, base_year)
        kind = _kind(role, token, relation, clause_head)
        if shares_words and previous is not None and previous[1].kind in ("flow", "annual_flow") and kind == "stock":
            kind = previous[1].kind  # "累计培育A 1000家、B 300家"
        value = token.value if token.value is not None else 0.0
        normalized, unit_normalized = _normalized(value, unit)
        commitment = Commitment(
            value=value,
            value_max=token.value_max,
            unit=unit,
            value_normalized=normalized,
            unit_normalized=unit_normalized,
            comparator=comparator,
            aspirational=aspirational,
            year=deadline.year if deadline else None,
            deadline_text=deadline.text if deadline else None,
            relation=relation,
            base_year=base_year,
            role=role,
            value_start=token.start,
            value_end=token.end,
            start=left,
            end=right,
            text=text[left:right],
            number_text=token.text,
            reason_zh=token.reason_zh,
            reason_en=token.reason_en,
            kind=kind,
            subject=_subject(folded, left, right, token),
        )
        results.append(commitment)
        previous = (token, commitment)
    return results


def deadline_at(text: str, position: int, document_year: int | None = None) -> int | None:
    """The deadline year governing ``position`` in ``text``, by the rules :func:`extract_commitments` uses.

    For statements without a number ("…体系基本建立") that still carry the plan's deadline.

    >>> deadline_at("到2020年，信息消费规模达到6万亿元。\\n信息产业生态体系基本建立。", 25)
    2020
    """
    folded = to_halfwidth(text)
    reading = _Reading(folded)
    paragraph, _ = reading.paragraph_before(position)
    deadline = _find_deadline(paragraph, document_year)
    if deadline is None:
        for start, end, carried, _aspirational in _paragraph_context(folded, document_year):
            if start <= position < end:
                deadline = carried
                break
    return deadline.year if deadline else None
