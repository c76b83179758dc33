"""Every numeral of a plan text, found and said what it is (:func:`scan_numbers`).

Years, dates, list markers, box numbers, period names ("十三五"), congress names (党的二十大), model names (小鹰500),
quoted programme names (“8358”计划), idioms (一批), vague amounts (数十家) and quantities. Passes claim spans most
specific first, so every digit and Chinese numeral character lies in exactly one token: ``seimon plan lint`` can
then prove that no number of a plan was dropped.
"""

from __future__ import annotations

import logging
import re

from seimon.numerals import CHINESE_NUMERAL_CHARS, parse_chinese_number, to_halfwidth
from seimon.plan.descriptors import mark_descriptor
from seimon.plan.number_token import DESCRIPTOR_REASONS, REASONS, NumberToken, make_token
from seimon.plan.number_words import IDIOM_RE, has_numeral
from seimon.plan.quantity_scan import ASCII_UNITS, NUMERAL_RUN_CHARS, scan_quantity
from seimon.plan.text_layout import Reading

logger = logging.getLogger(__name__)


CATEGORIES = ("quantity", "year", "date", "list_marker", "box_number", "period_name", "identifier", "idiom")


# Numbers inside short quotations are names of programmes or slogans: “8358”计划, “百人计划”, “两区三园”.
_QUOTED = re.compile(r"[“\"「『]([^”\"」』\n]{1,30})[”\"」』]")


# A quotation stating a figure to reach is no name (round 8): "“未来产业基金规模超100亿元”的设定" quotes a target; the
# figure follows a verb of reaching and a subject of at least two characters; "“双百”行动", "“1+3+1”集群" stay names.
_QUOTED_FIGURE = re.compile(r"^[^0-9]{2,}?(?:超过?|达到?|突破|不低于|不少于)\s*\d+(?:\.\d+)?\s*[万亿]*[^\d\s]")


# Fractions written in words are shares: "三分之一" -> 33.3%; not 百分之/千分之 (see _CN_PERCENT).
_CN_FRACTION = re.compile(r"(?<![百千万])([一二三四五六七八九十]{1,2})分之([一二三四五六七八九十]{1,2})")


# Tenths written 成 after a word of size or change: "增幅超7成" -> 70%, "占比近三成", "增长2.5成" (round 6); not
# "建成", "成为", "九成新", "形成3个…".
_TENTHS = re.compile(
    r"(?<=[超近逾达约占过长高降升])(\d(?:\.\d)?|[一二三四五六七八九])成(?![为功本立员果长熟就交型品绩效新都市])"
)


# A level that qualifies a noun: "成熟度达2级及以上的企业" (2级 is a threshold, not a target).
_LEVEL_THRESHOLD = re.compile(r"(\d{1,2}|[一二三四五六七八九十])级(?=及?以[上下])")


# HTML entities left in scraped texts: "唐山&8226;中国动车城".
_HTML_ENTITY = re.compile(r"&#?\d+;")


# Period names: "十三五", "第十三个五年规划".
_PERIOD = re.compile(r"第?十[一二三四五六七八九]个五年(?:规划|计划)?|十[一二三四五六七八九]五")


# Dates: "2016年9月12日", "9月12日", "1-2月", "二〇一六年九月十二日", and the day alone in a news lead before what
# happened on it: "国务院总理李强5日在政府工作报告中提出", "记者11日从河北省政府获悉"; not "压缩至5日内".
_DATE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![个第月])(?:[1-9]|[12]\d|3[01])日"
    r"(?=在|从|于|电|讯|上午|下午|晚间|晚上|表示|宣布|发布|召开|举行|公布|印发|获悉|披露|对外|透露|介绍|接受)"
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?"
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


# Congresses and plenums are event names: "党的二十大", "十九大以来", "十九届五中全会", "省十四届人大三次会议" (the
# session's number is not a count of 次); "实施十大工程" is a count.
_EVENT_NAME = re.compile(
    r"(?<=党的)(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大"
    r"|(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大(?=精神|以来|报告|代表|胜利召开|召开|提出|部署|作出|确定)"
    r"|(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)届[一二三四五六七八九]中全会"
    r"|(?:[一二三四五六七八九十]{1,3}|\d{1,2})届(?:人大|政协|人民代表大会|全国人大)?(?:常委会)?"
    r"(?:第?[一二三四五六七八九十]{1,3}|\d{1,2})次(?:全体)?会议"
)


# Vague amounts, not figures: "引进数十家", "数百亿元", "几十个", "十几项"; but in "企业总数十万家" 数 ends a noun.
_VAGUE_AMOUNT = re.compile(
    r"(?:(?<=^数)|(?<=[^总人户家个指系次件项台辆位名数]数)|(?<=几))[十百千万亿]+|[一二三四五六七八九]?[十百千](?=几)"
    # A count of digits, no figure (round 8): "年均增速保持两位数以上", "力争超过两位数".
    r"|[一两二三四五六七八九](?=位数)"
)


# Chinese percent: "百分之十五", "千分之三".
_CN_PERCENT = re.compile(r"(百分之|千分之)((?:\d+(?:\.\d+)?)|[零〇一二两三四五六七八九十百点]+)")


# Doubling: "翻一番", "翻两番", "翻番".
_DOUBLING = re.compile(r"翻([一二两三四])?番")


# Ordinals: "第六代", "第3批", "第一".
_ORDINAL = re.compile(r"第(\d+|[零〇一二两三四五六七八九十百千]+)")


# A fraction with a bound after it: "1/3以上", "2/3左右"; not a date "6/30" nor a share written "1/3" bare.
_FRACTION = re.compile(r"(?<![\d./])(?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d./])(?=\s*(?:及?以[上下]|左右))")


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
        self.claim(make_token(self.text, start, end, category, reason, value))

    def claim_quantity(self, start: int, end: int, value: float, unit: str, *, descriptor: str = "") -> None:
        zh, en = DESCRIPTOR_REASONS[descriptor] if descriptor else REASONS["quantity"]
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
            if not match.group()[0].isalpha() and trailing and trailing.group() in ASCII_UNITS:
                continue  # "100Mbps", "5GW": a quantity with an ASCII unit
            self.claim_span(match.start(), match.end(), "identifier", "latin")
        for match in _QUOTED.finditer(self.folded):
            inner = match.group(1)
            if has_numeral(inner) and not _QUOTED_FIGURE.match(inner):
                for run in re.finditer(r"[0-9.]+|[" + NUMERAL_RUN_CHARS + "]+", inner):
                    start = match.start(1) + run.start()
                    self.claim_span(start, start + len(run.group()), "identifier", "quoted")
        for match in _EVENT_NAME.finditer(self.folded):
            self.claim_span(match.start(), match.end(), "identifier", "event")
        for match in _VAGUE_AMOUNT.finditer(self.folded):
            self.claim_span(match.start(), match.end(), "idiom", "vague")
        reading = Reading(self.folded)
        for match in IDIOM_RE.finditer(reading.text):
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
        for match in _TENTHS.finditer(self.folded):
            self.claim_quantity(match.start(), match.end(), parse_chinese_number(match.group(1)) * 10, "%")
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
        self._fractions()
        self._unit_names_alone()

    def _fractions(self) -> None:
        """A fraction bound as a share, "二产占比达到1/3以上" -> 33.33 % (round 7)."""
        for match in _FRACTION.finditer(self.folded):
            numerator, denominator = int(match.group("num")), int(match.group("den"))
            if 0 < numerator < denominator:
                self.claim_quantity(match.start(), match.end("den"), numerator / denominator * 100, "%")

    def _unit_names_alone(self) -> None:
        """Unit names with no number before them ("每千瓦时") are not numbers."""
        for unit_name in _UNITS_STARTING_WITH_NUMERAL:
            for match in re.finditer(re.escape(unit_name), self.folded):
                before = self.folded[max(0, match.start() - 2) : match.start()]
                if before[-1:] == "个":
                    before = before[:-1]  # "5个百分点"
                if before == "平方" and self.folded[max(0, match.start() - 3) : match.start() - 2].isdigit():
                    continue  # "150.89平方千米": the unit 平方千米 after a number (round 7)
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
            token = scan_quantity(self.text, folded, pos)
            # A token may run into an already claimed span ("3至2020年"); cut it back to its own part.
            stop = next((i for i in range(token.start, token.end) if self.claimed[i]), token.end)
            if stop < token.end:
                cut = max(stop, token.start + 1)
                if folded[token.start].isdigit():
                    token = make_token(self.text, token.start, cut, "identifier", "bare", token.value)
                else:
                    token = make_token(self.text, token.start, cut, "idiom", "unlisted")
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
    return [mark_descriptor(scanner.folded, token) for token in scanner.tokens]
