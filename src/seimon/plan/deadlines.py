"""The deadline and base year that govern a number in a plan text.

A deadline is stated once and governs later clauses, sentences and paragraphs: "到2020年，A；B。C" gives A, B and C
the year, and a goal paragraph opening with "到2025年，" or ending with a colon carries it to the paragraphs under
it. Years that are bases ("比2015年"), starts ("2021年起") or names ("为2030年碳达峰奠定基础") are not deadlines.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from seimon.numerals import parse_chinese_number, to_halfwidth
from seimon.plan.comparators import ASPIRATION_RE
from seimon.plan.text_layout import BOX_CHARS, SPACES, Reading, clause_bounds, is_heading

logger = logging.getLogger(__name__)


def period_end_year(numeral: str) -> int:
    """The last year of the five-year period 十<numeral>五: "三" (十三五) -> 2020, "一" (十一五) -> 2010.

    >>> period_end_year("四")
    2025
    """
    return 1955 + 5 * int(parse_chinese_number("十" + numeral))


# A year in Arabic or Chinese digits: "2025", "二〇二五", "二零三零".
# Round 6: "二○二五" (a white circle, U+25CB, for 〇, as a Taipei paper writes it).
YEAR_DIGITS = r"(?:(?:1[89]|20)\d{2}|[一二][〇○零九][〇○零一二三四五六七八九]{2})"


# Deadlines: "到2020年", "2020年底", "2016—2020年", "到“十三五”末", "“十三五”时期", "到年底", "今年", "到二〇二五年",
# "未来五年" / "今后五年" (the document's year + 5, :data:`NEXT_FIVE_YEARS`).
DEADLINE = re.compile(
    r"(?P<pre>到|至|截至|截止到|截止|在|于)?\s*(?:(?:1[89]|20)\d{2}\s*[-—–~～至到]\s*)?(?P<year>"
    + YEAR_DIGITS
    + r")\s*年"
    r"(?P<post>底|末|前|以前|之前|间|内|度)?"
    r"|(?P<ppre>到|至)?[“\"]?十(?P<plan>[一二三四五])五[”\"]?(?P<ppost>时期|期间|期末|末|内|时)?"
    r"|(?P<rel>到年底|年底前|(?<![\d一二三四五六七八九十两几])年内|今年|本年度|本年|全年|明年|未来五年|今后五年"
    r"|(?<![\d〇○零一二三四五六七八九十两几])年底(?=将|要)|当年(?=计划))"
)
# (Round 7: "年底将建成111万千瓦" in a 2011 report is for 2011, the document's year; so is "当年计划投资59.7亿元" in a
# report of projects started, the year's planned spending.)
# ("三年内" is not "年内", this year: "研究提出2025-2027年…目标，预计三年内新增…" keeps 2027.)


#: The relative deadlines spanning the next five years: "未来五年主要目标任务" in a 2022 document ends in 2027. A
#: plan period named before them ("“十四五”主要目标\n今后五年的主要任务") is more precise and is kept.
NEXT_FIVE_YEARS = frozenset({"未来五年", "今后五年"})


_BASE_BEFORE = ("比", "较", "与", "同", "对比", "从", "由", "基于")  # round 7: "基于2020年…规模的1.3倍"


# A year that is a base, not a deadline: "2015年相比", "2020年基础上", "2020年水平", "2020年为基数", a year right
# before the number it qualifies ("达到2020年的" + number) and a multiple of a year ("2020年的2.5倍，…"); not
# "到2020年比重达到15%" (比重, 比例, 比率 are nouns).
_BASE_AFTER = re.compile(
    r"^\s*[末底]?\s*(?:相比|比(?![重例率])|基础上|水平|的基础|同期|为基[数期准]|的\s*$|的\s*(?:[\d.]+|[一二两三四五六七八九十点]+)\s*倍)"
)


# Base years: "比2015年", "较2015年末", "与2015年相比", "比“十二五”末", "在2020年基础上", "以2020年为基数".
_BASE_YEAR = re.compile(
    r"(?:比|较|与|同|从|由|基于)\s*(?:(?P<year>" + YEAR_DIGITS + r")\s*年|[“\"]?十(?P<plan>[一二三四五])五[”\"]?末)"
    r"|(?:在|以)\s*(?P<year2>" + YEAR_DIGITS + r")\s*年[末底]?\s*(?:的?基础上|为基[数期准])"
)


# A multiple of a year's level, just before the number: "达到2020年的2倍" -> multiply, base year 2020.
MULTIPLE_OF_YEAR = re.compile(r"(?P<year>" + YEAR_DIGITS + r")\s*年[末底]?\s*的\s*$")


# Full dates give the document's year: "2016年9月12日".
DOCUMENT_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


@dataclass
class Deadline:
    year: int | None
    text: str


def find_deadline(segment: str, document_year: int | None) -> Deadline | None:
    """The nearest deadline expression in ``segment`` (text before the number), skipping base years."""
    best: Deadline | None = None
    for match in DEADLINE.finditer(segment):
        best = _deadline_of(match, segment, document_year) or best
    return best


# A plan period used as a time, not as the plan's name: "“十二五”新材料产品综合保障能力提高到70%",
# "“十三五”科技创新的总体目标是"; not "“十三五”规划纲要", "“十三五”以来".
_PERIOD_NAMING = re.compile(r"^[^，,。；;：:]{0,25}?(?:规划|计划|纲要|方案|建议|体系)|^\s*(?:以来|开局|中期|前期|初)")


def _deadline_of(match: re.Match[str], segment: str, document_year: int | None) -> Deadline | None:
    """The deadline a match of :data:`DEADLINE` states in its ``segment``, or None when it is not one."""
    head = segment[: match.start()]
    tail = segment[match.end() :]
    # "基于2020年": the 于 of 基于 is read as a deadline's 于; the word before it says the year is a base.
    based = (head + (match.group("pre") or "")).rstrip().endswith(_BASE_BEFORE)
    if head.rstrip().endswith(_BASE_BEFORE) or based or _BASE_AFTER.match(tail):
        return None
    bare_year = match.group("year") and not match.group("pre") and not match.group("post")
    if bare_year and _bare_year_names_other(match, head, tail, document_year):
        return None
    if match.group("year"):
        if re.match(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月", tail):
            return None  # a date, "2016年9月12日", "二〇一六年九月"
        year: int | None = year_value(match.group("year"))
    elif match.group("plan"):
        if not (match.group("ppre") or match.group("ppost")):
            clause_start = not head.strip(SPACES) or head.rstrip(SPACES)[-1] in "，,。；;：:\n" or head.endswith("同时")
            if not clause_start or _PERIOD_NAMING.match(tail):
                return None  # "“十三五”规划" names the plan, not a deadline
        year = period_end_year(match.group("plan"))
    else:
        rel = match.group("rel")
        step = 5 if rel in NEXT_FIVE_YEARS else (1 if rel == "明年" else 0)
        year = None if document_year is None else document_year + step
    return Deadline(year, re.sub(r"[“”\"\s]", "", match.group()))


def _bare_year_names_other(match: re.Match[str], head: str, tail: str, document_year: int | None) -> bool:
    """Whether a bare year ("2030年", no 到/底) names something other than a deadline."""
    if head.rstrip().endswith(("为", "按", "以")) or re.match(r"^\s*(?:价格|不变价|可比价)", tail):
        return True  # "为2030年碳达峰奠定基础", "(按2005年价格计算)": the year names something else
    if _is_past_year_attribute(match, head, tail, document_year):
        return True  # "…工程,2024年2727万千瓦新能源项目全部投产" in a 2025 plan: the projects of 2024, not a time
    return bool(re.match(r"^\s*(?:起|以来|开始)", tail))  # "2021年起，…比例不低于80%": a start, not a deadline


def _is_past_year_attribute(match: re.Match[str], head: str, tail: str, document_year: int | None) -> bool:
    """Whether a bare past year inside a sentence names what a figure right after it counts, not a time.

    "深入实施…工程,2024年2727万千瓦新能源项目全部投产,新建…1500万千瓦" in a 2025 plan: the projects of 2024 come on
    line in 2025, and the clauses after are the plan's own; a year opening its sentence ("2024年,全市…") stays a time.
    """
    if document_year is None or year_value(match.group("year")) >= document_year:
        return False
    sentence_head = re.split(r"[。！？!?\n]", head)[-1].strip(SPACES)
    return bool(sentence_head) and bool(re.match(r"^(?:\d|$)", tail))  # the segment may end right before the figure


# A colon paragraph announcing a period's goals: "《规划》提出了“十四五”工业经济高质量发展的五大重点目标：".
_PERIOD_GOALS = re.compile(r"十(?P<plan>[一二三四五])五[”\"]?[^，,。；;]{0,24}?目标")


def year_value(written: str) -> int:
    """A year written in Arabic or Chinese digits: "2025" -> 2025, "二〇三〇" -> 2030."""
    return int(parse_chinese_number(written.replace("○", "〇")))


def _base_year(clause_head: str) -> int | None:
    match = None
    for match in _BASE_YEAR.finditer(clause_head):  # noqa: B007 - keep the last one
        pass
    if match is None:
        return None
    if match.group("year") or match.group("year2"):
        return year_value(match.group("year") or match.group("year2"))
    return period_end_year(match.group("plan"))


# How far into a paragraph its opening deadline may stand: "到2025年，", "《规划》提出，到2025年，", "其中，到2025年的".
_OPENING_DEADLINE_CHARS = 16


# A deadline opening the goals a report quotes, however long the lead-in: "福建省政府日前批准《…专项规划》,提出,“十二五”
# 期间,全省工业增加值年均增长15%左右" (the paragraphs after it, "产业结构方面,…", state more goals of the period).
_GOAL_LEAD = re.compile(r"(?:提出|明确|要求|指出|确定|部署|目标(?:是|为)?)了?\s*[，,:：]\s*(?:力争|争取)?\s*$")


# A deadline later in the sentence naming what comes before it as the goals of that year: "确定了力争…年均增长15%以上,
# 到2020年…比重达到15%左右的主要发展目标", "…迈上5万亿元台阶已被苏州市设为2026年经济社会发展的主要预期目标之一".
_GOAL_NAMED_AFTER = re.compile(r"[^。；;！？!?\n]*?的[^。；;！？!?\n，,]{0,12}?目标")


def goal_deadline_after(rest: str, document_year: int | None) -> Deadline | None:
    """The deadline of ``rest`` (the sentence after a number) that names the figures before it as its goals.

    >>> goal_deadline_after("以上,到2020年比重达到15%左右的主要发展目标。", None)
    Deadline(year=2020, text='到2020年')
    >>> goal_deadline_after("台阶已被苏州市设为2026年经济社会发展的主要预期目标之一。", None)
    Deadline(year=2026, text='2026年')
    >>> goal_deadline_after("以上,2030年目标为50%。", None) is None
    True
    """
    sentence = re.split(r"[。；;！？!?\n]", rest, maxsplit=1)[0]
    for match in DEADLINE.finditer(sentence):
        if not _GOAL_NAMED_AFTER.match(sentence, match.end()):
            continue
        found = _deadline_of(match, sentence, document_year)
        if found is None and match.group("year") and sentence[: match.start()].rstrip(SPACES).endswith("为"):
            # "设为2026年…的主要预期目标": here 为 makes the year the goals' year, not a name ("为2030年碳达峰…").
            found = Deadline(year_value(match.group("year")), match.group().strip(SPACES))
        if found is not None:
            return found
    return None


def paragraph_context(folded: str, document_year: int | None) -> list[tuple[int, int, Deadline | None, bool]]:
    """Deadlines and 力争 carried from one paragraph to the paragraphs under it.

    Two ways a deadline governs later paragraphs: a paragraph ending with a colon ("到2020年，力争实现以下
    目标：") and a goal paragraph opening with its deadline ("到2025年，全市…。" followed by "在产业创新水平
    上，…"). Either carries until a blank line, a heading or a table row, or until a paragraph states a deadline
    of its own somewhere other than at its start.
    """
    spans: list[tuple[int, int, Deadline | None, bool]] = []
    carry: tuple[Deadline | None, bool] | None = None
    last_ahead: Deadline | None = None
    offset = 0
    for line in folded.split("\n"):
        stripped = line.strip(SPACES)
        if not stripped or is_heading(line) or any(ch in BOX_CHARS for ch in line):
            carry = None
        elif carry is not None:
            spans.append((offset, offset + len(line), carry[0], carry[1]))
        elif last_ahead is not None and _CONTINUES.match(stripped):
            spans.append((offset, offset + len(line), last_ahead, False))
        last_ahead = _last_ahead(stripped, document_year)
        if stripped and not any(ch in BOX_CHARS for ch in line):
            if stripped.endswith(("：", ":")):
                last = re.split(r"[。；;！？!?]", stripped.rstrip("：:"))[-1]
                found = find_deadline(last, document_year)
                goals = _PERIOD_GOALS.search(last) if found is None else None
                if goals is not None:
                    found = Deadline(period_end_year(goals.group("plan")), goals.group())
                if found is None:
                    found = _announcing_deadline(stripped, document_year)
                carry = (found, bool(ASPIRATION_RE.search(last))) if found or carry is None else carry
            else:
                carry = _goal_carry(stripped, document_year, carry)
        offset += len(line) + 1
    return spans


def _announcing_deadline(paragraph: str, document_year: int | None) -> Deadline | None:
    """The deadline of a colon-ended paragraph stated before its last sentence, if it is ahead, not a review.

    Round 8: "《行动计划》提出，到2025年，初步建成…先进制造业强省。主要体现在：" announces the goals of 2025 listed
    under it ("产业能级高。…力争达到40%"); not "2020年，全市取得以下成绩：" (a year before the document's: a review).
    """
    found = find_deadline(paragraph.rstrip("：:"), document_year)
    if found is None or found.year is None or is_status(found, document_year):
        return None
    return found


# A paragraph going on from the one before: "此外，结构调整迈出新步伐。…" (round 7: the goals of a three-year plan,
# listed 首先…此外…, keep the last year ahead the paragraph before named, "…2025年如期实现“十四五”目标").
_CONTINUES = re.compile(r"^(?:此外|另外|同时|其次|再次|再者|最后)[，,]")


def _last_ahead(paragraph: str, document_year: int | None) -> Deadline | None:
    """The last deadline of ``paragraph`` if it is not before ``document_year`` (None without the year)."""
    found = find_deadline(paragraph, document_year) if document_year is not None else None
    return found if found is not None and found.year is not None and found.year >= document_year else None


def _goal_carry(
    paragraph: str, document_year: int | None, carry: tuple[Deadline | None, bool] | None
) -> tuple[Deadline | None, bool] | None:
    """The carry after ``paragraph``: its own deadline if it opens with one, the old one if it has none."""
    first = next(
        (
            m
            for m in DEADLINE.finditer(paragraph)
            if _deadline_of(m, paragraph, document_year) and not _in_book_title(paragraph, m.start())
        ),
        None,
    )
    if first is None:
        presented = _PLAN_PRESENTED.search(paragraph)
        if presented is not None:
            numeral = presented.group("plan") or presented.group("plan2")
            return Deadline(period_end_year(numeral), presented.group("name")), False
        issued = issued_plan_deadline(paragraph)
        # "产业规模迈上新台阶。…" under "到2025年，…": the goal section continues.
        return (issued, False) if issued is not None else carry
    if first.group("rel") in NEXT_FIVE_YEARS and carry is not None and carry[0] is not None:
        return carry  # "“十四五”主要目标\n今后五年的主要任务": the named period is the more precise
    opening = paragraph[: _OPENING_DEADLINE_CHARS + len(first.group())]
    lead = paragraph[: first.start()]
    if is_heading(paragraph) and "。" in lead and len(lead.split("。", 1)[0]) <= _OPENING_DEADLINE_CHARS:
        # Round 8: a heading titling the goals, then their deadline: "（二）发展目标。到2025年，初步建成…强市。"
        lead = lead.split("。", 1)[1]
    if (first.start() <= _OPENING_DEADLINE_CHARS or _GOAL_LEAD.search(lead)) and "。" not in lead:
        return find_deadline(paragraph, document_year), bool(ASPIRATION_RE.search(opening))
    return None


# A paragraph presenting a five-year plan (a draft laid before a congress) and its main goals: "国务院编制了
# 《…第十五个五年规划纲要(草案)》,提交大会审查。这里就主要目标指标…作简要报告" -> the goals under it are for 2030, not
# for the year of the work report that presents them; not "“十四五”规划实施以来，主要目标进展顺利" (no draft presented).
_PLAN_PRESENTED = re.compile(
    r"(?P<name>第十(?P<plan>[一二三四五])个五年|十(?P<plan2>[一二三四五])五[”\"]?)(?:规划|计划)[^\n]{0,40}?"
    r"(?:草案|提交|提请|审查|审议)[^\n]{0,60}?主要目标"
)


# A paragraph reporting a plan issued, its title naming a period or its years, and what the plan sets out:
# "安徽省发展和改革委员会印发《安徽省“十四五”新材料产业发展规划》,提出要把安徽打造成为…" -> the goals under it with
# no deadline of their own ("力争产业规模破万亿") are for 2025 (round 6); not "《方案》印发以来" (no period named),
# nor a paragraph with a deadline of its own (it is read first).
_PLAN_ISSUED = re.compile(
    r"(?:印发|发布|出台|公布)(?:了)?(?P<name>《[^》]*?(?:十(?P<plan>[一二三四五])五|(?:19|20)\d{2}\s*[-—–~～至]\s*"
    r"(?P<end>(?:19|20)\d{2})\s*年)[^》]*》)[^\n。]{0,12}?(?:提出|明确)"
)


def issued_plan_deadline(text: str) -> Deadline | None:
    """The end of the period or years of a plan ``text`` reports issued, with what it sets out (:data:`_PLAN_ISSUED`).

    >>> issued_plan_deadline("4月7日,安徽省发改委印发《安徽省“十四五”新材料产业发展规划》,提出要把安徽打造成为…")
    Deadline(year=2025, text='《安徽省“十四五”新材料产业发展规划》')
    >>> issued_plan_deadline("《方案》印发以来,新增企业100家") is None
    True
    """
    issued = _PLAN_ISSUED.search(text)
    if issued is None:
        return None
    year = period_end_year(issued.group("plan")) if issued.group("plan") else int(issued.group("end"))
    return Deadline(year, issued.group("name"))


def _in_book_title(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a document title: "《…行动方案（2024—2027年）》确定，到2027年，…" -> the first
    year names the plan; the deadline that opens the goals is the one after it."""
    head = text[:position]
    return head.count("《") > head.count("》")


def clause_base_year(folded: str, left: int, clause_head: str) -> int | None:
    """The base year of the clause; a clause opening with 分别 takes it from the clause before.

    "在2022年的基础上实现“双倍增”，分别超过90家和870家": 90家 and 870家 are counted from 2022.
    """
    base_year = _base_year(clause_head)
    if base_year is None and left > 0:
        prev_left, _ = clause_bounds(folded, left - 1, left - 1)
        before = folded[prev_left:left]
        base = _BASE_YEAR.search(before)
        # Round 8: a clause stating the base and no figure of its own governs the figure after the comma: "在 2015 年的
        # 基础上实现倍增,突破 1000 亿元" -> 1000亿元 counted from 2015.
        if clause_head.lstrip(SPACES).startswith("分别") or (
            folded[left - 1] in "，,"
            and base is not None
            and base.group("year2")
            and not re.search(r"\d", before[base.end() :])
        ):
            base_year = _base_year(before)
    return base_year


def is_status(deadline: Deadline | None, document_year: int | None) -> bool:
    """Whether a figure was already reached when the document was written: its year is past ("“十二五”期间"
    in a 2016 plan) or an "as of" date not after the document's year ("截至2020年底" in a 2023 plan).
    Without the document's year nothing is a status: "截至2025年底，累计推广30万辆" may be a target.
    """
    if deadline is None or deadline.year is None or document_year is None:
        return False
    return deadline.year < document_year or (
        deadline.text.startswith(("截至", "截止")) and deadline.year <= document_year
    )


def deadline_at(text: str, position: int, document_year: int | None = None) -> int | None:
    """The deadline year governing ``position`` in ``text``, by the rules :func:`extract_commitments` uses.

    For statements without a number ("…体系基本建立") that still carry the plan's deadline.

    >>> deadline_at("到2020年，信息消费规模达到6万亿元。\\n信息产业生态体系基本建立。", 25)
    2020
    """
    folded = to_halfwidth(text)
    reading = Reading(folded)
    paragraph, _ = reading.paragraph_before(position)
    deadline = find_deadline(paragraph, document_year)
    if deadline is None:
        for start, end, carried, _aspirational in paragraph_context(folded, document_year):
            if start <= position < end:
                deadline = carried
                break
    return deadline.year if deadline else None
