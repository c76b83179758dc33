"""Review passages that no heading announces: a paragraph opening "去年，…", a document titled "…工作回顾".

Why apart from :mod:`seimon.plan.achieved`: a government work report or a conference speech reviews the past year in
running text ("过去一年…", "去年，福建…新增…41家", "预计2022年全年…增长3.6%", "“十四五”以来，全市新增…651家") and
its sentences carry no past-tense marker ("创建45个国家级先进制造业集群"). What makes them figures already reached
is the passage they stand in: every later sentence of the paragraph inherits the opening's time, until a sentence
turns to what is ahead ("今年…", "到2025年…"). An excerpt's document title may say the same for all of it
("全国工业和信息化工作会议（2022年工作回顾）", "…新闻发布会（规划实施情况）").
"""

from __future__ import annotations

import logging
import re

from seimon.plan.achieved import REVIEW_TITLE
from seimon.plan.deadlines import period_end_year
from seimon.plan.text_layout import SPACES, is_heading

logger = logging.getLogger(__name__)


# A clause opening on a past time: "过去一年", "过去五年", "去年", "上年", "近年来", "五年来", "两年多来",
# "“十四五”以来", "2021年以来", "预计2022年全年", "预计全年", "规划纲要实施以来", "《方案》印发以来"; after a short
# lead-in ("李克强介绍，过去一年…") at a clause start.
REVIEW_OPENING = re.compile(
    r"(?:^|(?<=[。；;！？!?\n，,：:]))[\s\u3000]*"
    r"(?:(?:刚刚|刚)?过去(?:的)?[一二三四五六七八九十几两]年|去年|上年|前年|近[一二三四五几两]?年来|[一二三四五六七八九十两]年多?来"
    r"|[“\"]?十[一二三四五]五[”\"]?以来|(?:19|20)\d{2}年以来|预计(?:(?:19|20)\d{2}年)?全年"
    r"|[^，,。；;！？!?\n]{0,12}?(?:规划|纲要|方案|计划)[^，,。；;！？!?\n]{0,4}?(?:实施|印发|出台)以来"
    r"|[^，,。；;！？!?\n]{0,16}?(?:全会|会议|大会)(?:召开)?以来|截至(?:今年|本年)\s*\d{1,2}\s*月)"
)


# A paragraph opening on a year before the document's, "2024年，我省坚持…" in the 2025 plan: what follows is that
# year's outcome ("全年地区生产总值增长4.8%"), until a sentence turns ahead.
_PAST_YEAR_OPENING = re.compile(r"(?:^|(?<=[。；;！？!?\n]))[\s\u3000]*(?P<year>(?:19|20)\d{2})\s*年\s*[，,]")


# A sentence estimating a year before the document's, after a short lead-in (round 8): "经初步预计,五莲县2012年全年实现
# 生产总值163亿元" in the 2013 report is that year's outcome; not "预计2026年全年增长5%" in a plan of 2026.
_ESTIMATED_PAST = re.compile(
    r"(?:^|(?<=[。；;！？!?\n]))[^，,。；;！？!?\n]{0,6}?预计[，,]?[^，,。；;！？!?\n]{0,10}?(?P<year>(?:19|20)\d{2})\s*年"
)


# A clause opening on a named five-year period, "“十三五”时期，…" / "“十三五”期间，…": a review when the period had
# ended by the document's year (a 14th-period proposal of 2020 looking back), a goal when it lies ahead
# ("“十二五”期间，全省工业增加值年均增长15%左右" in a plan of 2011).
_PERIOD_OPENING = re.compile(
    r"(?:^|(?<=[。；;！？!?\n]))[\s\u3000]*[“\"]?十(?P<plan>[一二三四五])五[”\"]?(?:时期|期间)\s*[，,]"
)


# A sentence turning to what is ahead, which ends a review passage: "今年，…", "2023年，…要…", "到2025年，…",
# "今后五年…", "下一步…", "明年…"; the time words at its start, after at most a short lead-in.
_AHEAD_OPENING = re.compile(
    r"^[^，,。；;]{0,8}?(?:今年|明年|今后|未来|下一步|新的一年|到\s*(?:19|20)\d{2}\s*年|力争|预期目标|主要目标)"
)


# Words of a title that announce goals as well as a review: "…计划执行情况与2023年…计划（草案）的报告".
_GOAL_IN_TITLE = re.compile(r"目标|草案|安排|任务|打算|要点|计划（|规划纲要")


# A title naming an evaluation of how a plan was carried out: "《…纲要》实施中期评估报告", "…规划终期评估"; the
# plan's name inside 《》 may name goals (“…远景目标纲要”) without the document stating any.
_EVALUATION_TITLE = re.compile(r"(?:中期|实施|终期|总结|执行情况)评估")


# A document's name quoted in a title: "《…2035年远景目标纲要》".
_BOOK_TITLE = re.compile(r"《[^》]*》")


# Sentence ends inside a paragraph.
_SENTENCE_END = re.compile(r"[。！？!?]")


# A clause turning to this year or what is ahead inside a review sentence (round 8): "去年鄞州引进…112个的成绩单还墨迹
# 未干,今年已然火力全开:计划全年招引…100个" -> the review ends at the comma; not "今年以来" / "今年1-6月" (still past).
_CLAUSE_END = re.compile(r"[，,：:]")
_AHEAD_CLAUSE = re.compile(r"^(?:今年|明年|新的一年|今后|下一步)(?!以来|上半年|前|\s*\d{1,2}\s*[-—至~～月])")


def is_review_document(title: str | None) -> bool:
    """Whether a document's title says it is a review only: "全国工业和信息化工作会议（2022年工作回顾）" -> True.

    A title naming goals too ("…执行情况与2023年…计划（草案）的报告") is not; nor is a heading line.

    >>> is_review_document("聊城市新闻发布会（规划实施情况）"), is_review_document("福建省2021年政府工作报告")
    (True, False)
    >>> is_review_document("《…第十四个五年规划和2035年远景目标纲要》实施中期评估报告")
    True
    """
    if not title or is_heading(title):
        return False
    own_words = _BOOK_TITLE.sub("", title)
    reviewed = REVIEW_TITLE.search(title) or _EVALUATION_TITLE.search(own_words)
    return bool(reviewed) and not _GOAL_IN_TITLE.search(own_words)


def _review_opening(paragraph: str, document_year: int | None) -> re.Match[str] | None:
    """The first review opening of ``paragraph``: a past time, or a five-year period over by ``document_year``."""
    found = [REVIEW_OPENING.search(paragraph)]
    if document_year is not None:
        found += [m for m in _PERIOD_OPENING.finditer(paragraph) if period_end_year(m.group("plan")) <= document_year]
        found += [m for m in _PAST_YEAR_OPENING.finditer(paragraph) if int(m.group("year")) < document_year]
        found += [m for m in _ESTIMATED_PAST.finditer(paragraph) if int(m.group("year")) < document_year]
    matches = [m for m in found if m is not None]
    return min(matches, key=lambda m: m.start()) if matches else None


def review_passage_spans(folded: str, document_year: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``folded`` from a review opening to the end of its paragraph or the first sentence looking ahead.

    ``document_year`` makes a paragraph opening on a five-year period over by then ("“十三五”时期，…" in 2020) a review.

    >>> text = "去年，新增企业41家。集中开工997个项目。今年，新增企业50家。"
    >>> [text[a:b] for a, b in review_passage_spans(text)]
    ['去年，新增企业41家。集中开工997个项目。']
    >>> text = "“十三五”时期，营业收入突破万亿元。"
    >>> len(review_passage_spans(text, 2020)), len(review_passage_spans(text, 2016))
    (1, 0)
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in folded.split("\n"):
        opening = _review_opening(paragraph, document_year)
        if opening is not None:
            start = opening.start()
            end = len(paragraph)
            end = _review_end(paragraph, opening.end())
            spans.append((offset + start, offset + end))
        offset += len(paragraph) + 1
    return spans


def _review_end(paragraph: str, start: int) -> int:
    """Where a review opened before ``start`` ends: at a sentence looking ahead, or a clause turning to 今年/明年."""
    ends = sorted(
        [(m.end(), False) for m in _SENTENCE_END.finditer(paragraph, start)]
        + [(m.end(), True) for m in _CLAUSE_END.finditer(paragraph, start)]
    )
    for end, clause in ends:
        following = paragraph[end:].lstrip(SPACES)
        if (_AHEAD_CLAUSE if clause else _AHEAD_OPENING).match(following):
            return end
    return len(paragraph)
