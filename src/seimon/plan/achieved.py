"""Figures already reached, told from targets: review chapters and sentences in the achievement form.

Why apart from the deadlines: a plan's review chapter (发展基础, 发展现状, 面临形势, “十三五”回顾) reports what was done
in words that look like targets ("高技术制造业增加值占比达到15.1%"), and only its heading says they are past. Outside
such a chapter, a sentence says it by its form: a completed change (提高了, 已达到, 提前完成, 成功举办). Both are read
only where no deadline still ahead governs the figure, so "到2020年，…形成了20多家…企业" (a plan quoted in the past
tense by a news report) stays a target.
"""

from __future__ import annotations

import logging
import re

from seimon.plan.deadlines import period_end_year
from seimon.plan.text_layout import CHAPTER_HEADING, ITEM_HEADING, SECTION_HEADING, is_heading

logger = logging.getLogger(__name__)


# Titles of review chapters and sections: "一、发展基础", "（一）发展现状", "第一章 面临形势", "“十三五”发展回顾",
# "取得的巨大成就", "2022年国民经济和社会发展计划执行情况", "规划实施情况", "2021年主要工作和成效", "主要进展",
# "“十四五”时期重大成就", "工作成绩", "取得了显著成效", "现有基础", "主要指标完成情况", "2025年工作总结", "主要成果";
# not "巩固拓展脱贫攻坚成果", "夯实产业基础", "夯实发展基础", "提升治理
# 成效" (tasks), "发展目标", "重点任务". The one list of review headings: the extractor and ``plan new`` share it.
REVIEW_TITLE = re.compile(
    r"(?<!夯实)(?<!筑牢)(?<!巩固)(?<!厚植)(?<!打牢)(?<!强化)(?:发展|现有|已有|工作)基础(?!设施)"
    r"|发展现状|现状与|现状和|^现状|回顾|面临形势|发展形势|发展环境|取得的|取得了|成就|成绩"
    r"|(?:显著|明显|积极|主要|重要|重大|工作|发展|突出|的|和)成效|执行情况|实施情况|完成情况|工作总结"
    r"|(?:主要|发展|工作|重要|显著|重大)成果"
    r"|(?:主要|发展|工作|重要|显著|积极)进展"
)


# A heading naming the work or results of a year or period (then a review when that year is before the year the
# document is for): "2025年主要工作" or "“十四五”时期主要成果" in a 2026 work report; not "2026年主要工作".
_PERIOD_WORK_TITLE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})\s*年|十(?P<plan>[一二三四五])五)[^，。；]{0,10}?(?:工作|成果|进展)"
)


def is_review_heading(title: str, plan_year: int | None = None) -> bool:
    """Whether a heading opens a review: by its words, or by naming the work of a year before ``plan_year``.

    >>> is_review_heading("“十四五”时期重大成就"), is_review_heading("2025年主要工作", 2026)
    (True, True)
    >>> is_review_heading("2026年主要工作", 2026), is_review_heading("一、夯实产业基础")
    (False, False)
    """
    if REVIEW_TITLE.search(title):
        return True
    period = _PERIOD_WORK_TITLE.search(title)
    if period is None or plan_year is None:
        return False
    year = int(period.group("year")) if period.group("year") else period_end_year(period.group("plan"))
    return year < plan_year


# A "第一章 发展基础" chapter heading, beside the numbered headings of text_layout.
_NUMBERED_CHAPTER = re.compile(r"^[\s\u3000]*第[一二三四五六七八九十]{1,3}[章篇]\s*(.*)$")


# A change already completed, right in the clause before the number: "分别提高了3.3", "已达到", "已经超过",
# "提前完成1.5亿吨去产能目标", "成功举办四届", "已率先突破1亿千瓦" (round 6); not "形成…" alone, which plans use
# for targets.
PAST_FORM = re.compile(
    r"(?:已|已经)(?:基本|率先|全面|提前)?(?:达到|超过|突破|实现|完成|建成|形成|累计)"
    r"|(?:提高|提升|增长|增加|下降|降低|减少|达到|实现|形成|完成|突破|超过|建成|推广|培育|累计)了"
    r"|提前完成|成功举办"
)


# A sentence reporting what a review or statistics found: "报告指出，…", "报告显示，…", "报告还称，…", "评估认为，…",
# "数据显示，…", "据统计，…" (a news report on a mid-term review); then its figures are reached unless it looks ahead.
_REPORTED_OPENING = re.compile(
    r"^\s*(?:[^，,。；;！？!?]{0,12}?(?:报告|评估|数据|统计|监测|公报)[^，,。；;]{0,3}?(?:显示|表明|指出|称|认为)"
    r"|据(?:初步|不完全)?统计"
    r"|(?:近日|日前)[，,](?![^。；;]*?(?:印发|出台|发布|公布|方案|规划|意见|纲要|明确|部署|签约|签署|协议)))"
)
# (Round 7: a news item opening 近日/日前 on something done, "近日，全区春季集中开工项目共31项，…投资总额254.4亿元",
# reports it; not "近日，省政府印发《方案》，…" (a plan reported) — and not "当年计划投资59.7亿元" (looks ahead).)


# Words by which a reported sentence states goals, not results: "报告提出，2026年…主要预期目标是", "报告指出，今年要…",
# "到2027年", "将…", "力争"; not 主要/重要 (要 inside a word).
_LOOKS_AHEAD = re.compile(
    r"目标|提出|(?<![主重需必])要(?![求素])|将(?!近)|力争|争取|计划|预计|预期|今年|明年|未来|今后|到\s*(?:19|20)\d{2}"
)


# The end of a full sentence (a reported sentence goes on across ；: "报告显示，…提升至27.8%；…年均增长15.8%").
_FULL_STOP = re.compile(r"[。！？!?\n]")


def full_sentence_head(folded: str, position: int) -> str:
    """The text of ``folded`` from the start of its full sentence (after 。！？ or a line end) up to ``position``."""
    start = max((m.end() for m in _FULL_STOP.finditer(folded, 0, position)), default=0)
    return folded[start:position]


# A sentence opening on the present, "目前，…已率先突破1亿千瓦，今年底将提前完成…的目标": with a past form before the
# figure it states a level reached, whatever goal the sentence names after it; not "目前，…力争达到".
_NOW_OPENING = re.compile(r"^\s*(?:目前|当前|现阶段|截至目前|截止目前)\s*[，,]")


def is_current_level(sentence_head: str, clause_head: str) -> bool:
    """Whether a figure is a level reached by now: "目前,…装机已率先突破" -> True; "目前,力争达到" -> False.

    >>> is_current_level("目前,内蒙古新能源装机已率先突破", "内蒙古新能源装机已率先突破")
    True
    >>> is_current_level("目前,力争达到", "力争达到"), is_current_level("到2025年,已建成", "已建成")
    (False, False)
    """
    return bool(_NOW_OPENING.match(sentence_head)) and is_past_form(clause_head)


# A sentence stating a standing already held or an honour received: "拥有…国家先进制造业集群3个,打造…13个、居全国前列",
# "受上级表彰51项", "首批公布…19项…榜单,在新华社…栏目专题报道", "获评…" (round 6). With no deadline of its own and no
# word looking ahead, its figures are reached; "力争…居全国前列" and "到2025年，拥有…企业100家" stay targets, and
# "发明专利拥有量达到12件", "每千人口拥有…托位数达到4个" (a measure, not a possession) are no standing.
_STANDING = re.compile(
    r"(?<!人口)拥有(?!量|率)|(?:位|稳)?居全(?:国|省|市)|位列|跻身|(?P<honour>(?:受到|受)[^，,。；;]{0,8}?表彰|专题报道|获评)"
)


def full_sentence(folded: str, position: int) -> str:
    """The full sentence of ``folded`` around ``position`` (between 。！？ or line ends)."""
    end = _FULL_STOP.search(folded, position)
    return full_sentence_head(folded, position) + folded[position : end.end() if end else len(folded)]


def is_standing_sentence(sentence: str, *, honours_only: bool = False) -> bool:
    """Whether a sentence with no deadline states a standing held or an honour received (then a review).

    ``honours_only``: in an annual document, whose year governs undated task sentences too ("推动高新技术企业突破1000
    家、位居全省前列"), only an honour received (受…表彰, 专题报道, 获评) says the figures are past.

    >>> is_standing_sentence("全省培育万亿产业1个,拥有国家先进制造业集群3个,居全国前列。")
    True
    >>> is_standing_sentence("力争主要指标居全国前列。"), is_standing_sentence("新建企业技术中心10个。")
    (False, False)
    >>> is_standing_sentence("企业突破1000家、位居全省前列。", honours_only=True)
    False
    """
    if _LOOKS_AHEAD.search(sentence):
        return False
    return any(m.group("honour") or not honours_only for m in _STANDING.finditer(sentence))


def is_reported_review(sentence_head: str) -> bool:
    """Whether a sentence (up to a number) reports a review's findings: "报告显示，制造业增加值占GDP比重提升至" -> True.

    >>> is_reported_review("报告显示，制造业增加值占GDP比重提升至")
    True
    >>> is_reported_review("报告提出，2026年…主要预期目标是：增长")
    False
    """
    return bool(_REPORTED_OPENING.match(sentence_head)) and not _LOOKS_AHEAD.search(sentence_head)


# A level dated to a year, after the verb of a change: "由2020年的74.7%提高到2022年的82.9%" (then both figures are
# that year's, reached when the year is past); the start of such a change: "由2020年的74.7%提高到2022年". The date
# may be relative to the document: "从去年底的428家增长到今年6月底的458家" (去年/上年, or a month of 今年) is a change
# already seen, both ends at or before the document's date.
_DATE_OF_LEVEL = (
    r"(?:(?P<year>(?:19|20)\d{2})\s*年[末底]?|(?P<relative>(?:去年|上年)[末底]?|今年\s*\d{1,2}\s*月[末底份]?))"
)
_DATED_LEVEL = re.compile(r"(?:到|至)\s*" + _DATE_OF_LEVEL + r"\s*的\s*$")
_CHANGE_TO_DATED = re.compile(
    r"^[^，,。；;]{0,4}?(?:提高|提升|增长|增加|上升|扩大|下降|降低|减少)(?:到|至)\s*" + _DATE_OF_LEVEL
)


def is_past_dated_level(before: str, after: str, document_year: int | None) -> bool:
    """Whether a number is a level dated to a year before ``document_year``, or the start of a change to one.

    >>> is_past_dated_level("贡献率由2020年的74.7%提高到2022年的", "", 2023)
    True
    >>> is_past_dated_level("由2020年的", "提高到2022年的82.9%", 2023), is_past_dated_level("提高到2025年的", "", 2023)
    (True, False)
    """
    if document_year is None:
        return False
    dated = _DATED_LEVEL.search(before) or _CHANGE_TO_DATED.match(after)
    if dated is not None and dated.group("relative"):
        return True
    return dated is not None and int(dated.group("year")) < document_year


def _level(line: str) -> int:
    """The heading level of ``line``: 1 chapter (一、, 第一章), 2 section (（一）), 3 item (1.), 4 sub-item ((1))."""
    if _NUMBERED_CHAPTER.match(line) or CHAPTER_HEADING.match(line):
        return 1
    if SECTION_HEADING.match(line):
        return 2
    return 3 if ITEM_HEADING.match(line) else 4


def review_spans(folded: str, section: str | None = None, plan_year: int | None = None) -> list[tuple[int, int]]:
    """The spans of ``folded`` under a review heading, each until the next heading of the same or a higher level.

    ``section`` is the heading of the section an excerpt comes from, when the heading is not in the excerpt: an
    excerpt under "发展基础" lies wholly in a review chapter. ``plan_year`` is the year an annual document is for: a
    heading naming the work of an earlier year or period is a review too (:func:`is_review_heading`).

    >>> review_spans("一、发展基础\\n产值达到7600亿元。\\n二、发展目标\\n到2025年，产值达到1万亿元。")
    [(0, 19)]
    """
    spans: list[tuple[int, int]] = []
    open_at: tuple[int, int] | None = (0, 0) if section and is_review_heading(section, plan_year) else None
    offset = 0
    for line in folded.split("\n"):
        if is_heading(line) or _NUMBERED_CHAPTER.match(line):
            level = _level(line)
            if open_at is not None and level <= open_at[1]:
                spans.append((open_at[0], offset))
                open_at = None
            if open_at is None and is_review_heading(line[:30], plan_year):
                open_at = (offset, level)
        offset += len(line) + 1
    if open_at is not None:
        spans.append((open_at[0], len(folded)))
    return spans


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` lies in one of ``spans``."""
    return any(start <= position < end for start, end in spans)


def is_past_form(clause_head: str) -> bool:
    """Whether the clause before a number reports a completed change: "分别提高了3.3" -> True.

    >>> is_past_form("分别提高了"), is_past_form("力争达到")
    (True, False)
    """
    return bool(PAST_FORM.search(clause_head))
