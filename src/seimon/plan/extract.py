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

The reading is split by job: :mod:`seimon.plan.number_scan` finds and classifies every numeral,
:mod:`seimon.plan.quantity_scan` reads a number with its unit and range, :mod:`seimon.plan.descriptors` tells class,
size and structure words from targets, :mod:`seimon.plan.deadlines` finds the deadline and base year governing a
number, :mod:`seimon.plan.comparators` the comparator and relation, :mod:`seimon.plan.target_kind` the role, kind
and subject; this module puts them together."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import asdict, dataclass, replace

from seimon.numerals import to_halfwidth
from seimon.plan.achieved import (
    full_sentence,
    full_sentence_head,
    in_spans,
    is_current_level,
    is_past_dated_level,
    is_past_form,
    is_reported_review,
    is_standing_sentence,
    review_spans,
)
from seimon.plan.annual_plan import annual_plan_year, title_lines
from seimon.plan.comparators import ASPIRATION_RE, find_comparator, find_relation
from seimon.plan.deadlines import (
    DOCUMENT_DATE,
    MULTIPLE_OF_YEAR,
    Deadline,
    clause_base_year,
    deadline_at,
    find_deadline,
    goal_deadline_after,
    issued_plan_deadline,
    paragraph_context,
    year_value,
)
from seimon.plan.number_scan import CATEGORIES, scan_numbers
from seimon.plan.number_token import QUALIFIER_KINDS, NumberToken
from seimon.plan.number_words import IDIOMS
from seimon.plan.review_passages import is_review_document, review_passage_spans
from seimon.plan.target_kind import TARGET_KINDS, role_of, subject_of, target_kind_of
from seimon.plan.text_layout import SPACES, Reading, clause_bounds
from seimon.units import is_unit, normalize_quantity, unit_info

logger = logging.getLogger(__name__)

__all__ = [
    "CATEGORIES",
    "IDIOMS",
    "QUALIFIER_KINDS",
    "TARGET_KINDS",
    "Commitment",
    "NumberToken",
    "deadline_at",
    "extract_commitments",
    "scan_numbers",
]


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


_ENUM_SEPARATORS = frozenset({"、", "和", "及", "与", "或", "、和", "，"})


def _normalized(value: float, unit: str) -> tuple[float | None, str]:
    """The value in its base unit; an unknown unit must not stop the extraction (a level, 2级, has none)."""
    if unit == "级":
        return value, unit
    try:
        return normalize_quantity(value, unit)
    except Exception:
        logger.warning("cannot normalise %s %s", value, unit)
        return None, unit


def _deadline_for(
    position: int, reading: Reading, carried: list[tuple[int, int, Deadline | None, bool]], document_year: int | None
) -> tuple[Deadline | None, bool]:
    """The deadline governing ``position`` (its paragraph's, else one carried from a goal paragraph) and 力争."""
    paragraph, _ = reading.paragraph_before(position)
    deadline = find_deadline(paragraph, document_year)
    sentence = reading.sentence_before(position)
    if find_deadline(sentence, document_year) is None:
        # "力争…年均增长15%以上,到2020年…的主要发展目标": the sentence names its goals' year after them.
        named = goal_deadline_after(reading.text[reading.to_reading(position) :], document_year)
        if named is not None:
            return named, bool(ASPIRATION_RE.search(sentence))
    aspirational = bool(ASPIRATION_RE.search(sentence))
    if deadline is None:
        # "…印发《安徽省“十四五”新材料产业发展规划》,提出要…。力争产业规模破万亿": the issued plan's period (round 6).
        deadline = issued_plan_deadline(paragraph[: len(paragraph) - len(sentence)])
    index = bisect.bisect_right([span[0] for span in carried], position) - 1
    if index >= 0 and carried[index][0] <= position < carried[index][1]:
        deadline = deadline or carried[index][2]
        aspirational = aspirational or carried[index][3]
    return deadline, aspirational


# A clause naming a part of what the clause before counts: "其中百亿项目5个以上", "其中，新建…".
_SUBSET_OPENING = re.compile(r"^\s*其中")


def _sentence_flow_kind(results: list[Commitment], folded: str, position: int) -> str | None:
    """The flow kind of the last target earlier in the same sentence, which a "其中" clause counts a part of."""
    for earlier in reversed(results):
        if any(ch in "。；;！？!?\n" for ch in folded[earlier.value_end : position]):
            return None
        if earlier.role == "commitment":
            return earlier.kind if earlier.kind in ("flow", "annual_flow") else None
    return None


# An amount whose clause goes on "的" + a count: "年营业收入超1000亿元的2个，超500亿元的5个" (round 6).
_THRESHOLD_OF_COUNT = re.compile(
    r"^\s*(?:以上|以下|左右)?的\s*(?:\d+|[一二两三四五六七八九十]+)\s*[个家项条座所]"
    # Round 7: the first of counts listed with their thresholds, sharing the noun after the last one: "培育5家销售收入
    # 超100亿元、10家销售收入超50亿元的企业集团" (100亿元 qualifies the 5, as 50亿元 the 10).
    r"|^\s*(?:以上)?、\s*(?:\d+|[一二两三四五六七八九十]+)\s*[个家项条座所][^，,。；;、]{0,10}?(?:超过|超|过)\s*[\d.]+\s*[万亿]*元(?:以上)?的"
)


def _is_restatement(folded: str, previous: NumberToken, token: NumberToken) -> bool:
    """Whether ``token`` stands alone in brackets right after ``previous``: "600万千瓦(6GW)" (round 6)."""
    between = folded[previous.end : token.start].strip(SPACES)
    return between in ("(", "（") and folded[token.end : token.end + 1] in (")", "）")


def _reads_achieved(
    folded: str,
    position: int,
    clause_head: str,
    after: str,
    document_year: int | None,
    *,
    ahead: bool,
    own_ahead: bool,
    undated: str,
) -> bool:
    """Whether a figure outside a review span reads as reached: by its verb, a reported review, a past date, now, or
    a standing held ("拥有…3个、居全国前列") in a sentence with no deadline."""
    sentence_head = full_sentence_head(folded, position)
    # ``undated``: "none" (no deadline governs), "annual" (only an annual document's year) or "dated".
    if undated != "dated" and is_standing_sentence(full_sentence(folded, position), honours_only=undated == "annual"):
        return True
    return (
        (is_past_form(clause_head) and not ahead)
        or (is_reported_review(sentence_head) and not own_ahead)
        or is_past_dated_level(clause_head, after, document_year)
        or is_current_level(sentence_head, clause_head)
    )


# The length of a text: "长达2.1万余字的…规划建议" (a news lead, round 6).
_TEXT_LENGTH = re.compile(r"^\s*余?字")


# Counts of what a plan focuses on, not targets to reach: "聚焦16个先进制造业集群和50条重点产业链建设" (the count
# after 聚焦, with no verb of building between), "将…有潜力的15类新材料作为发展重点" (round 6); not
# "聚焦…培育10个集群".
_FOCUS_BEFORE = re.compile(
    r"聚焦于?(?![^，,；;。]*?(?:培育|打造|建设|建成|新增|引进|实施|形成|达到|突破))[^，,；;。]*$"
)
_FOCUS_AFTER = re.compile(r"^[^，,；;。]*?作为[^，,；;。]{0,6}?重点")


def _round6_role(
    role: str, folded: str, token: NumberToken, previous: NumberToken | None, *, clause_head: str, after: str
) -> str:
    """The role once thresholds of a count, restatements, text lengths and focus counts are told from targets."""
    if role != "commitment":
        return role
    if _THRESHOLD_OF_COUNT.match(after):
        return "qualifier"  # "年营业收入超1000亿元的2个": the threshold of the count after it
    if previous is not None and _is_restatement(folded, previous, token):
        return "descriptor"  # "建成投产600万千瓦(6GW)": the same amount in another unit
    if _TEXT_LENGTH.match(after) or _FOCUS_BEFORE.search(clause_head) or _FOCUS_AFTER.match(after):
        return "descriptor"
    return _round8_role(role, folded, token, previous, clause_head=clause_head, after=after)


def _round8_role(
    role: str, folded: str, token: NumberToken, previous: NumberToken | None, *, clause_head: str, after: str
) -> str:
    """The role once attributes after 作为 and counts restating a list just named are told from targets."""
    if _AS_ATTRIBUTE.match(clause_head) and "的" in after:
        return "status"  # "作为GDP突破3200亿元、…的宁波都市圈极核": what the subject is, not a goal
    if previous is not None and _is_size_of_each_counted(folded, previous, token, after):
        return "qualifier"  # "建材2个产值过1000亿元、…的…产业集群": the size of each of the 2
    left = token.start - len(clause_head)
    after_figure = previous is not None and previous.end > left and not previous.descriptor
    since = folded[previous.end : token.start] if previous is not None and after_figure else clause_head
    if _counts_the_list_before(since, token) and not _AT_LEAST_AFTER.match(after):
        return "descriptor"
    return role


# A clause opening 作为 on what the subject is (round 8): "作为GDP突破3200亿元、占据…前列的宁波都市圈极核,鄞州区该如何
# 作答?" — the figure, inside the relative clause before the noun, describes; not "作为重点,力争突破500亿元" (no 作为 at
# the clause start before the figure's noun phrase ends in 的).
_AS_ATTRIBUTE = re.compile(r"^\s*作为[^，,；;。的]*$")


# A measure and 过/超 between a count and an amount (round 8): "建材2个产值过1000亿元、医药化工1个产值过500亿元…的“212”
# 产业集群", "培育1-2家营业收入过千亿、3-4家营业收入过百亿的龙头企业" — the amount is the size each counted item passes.
_EACH_PASSES = re.compile(r"^\s*[\u4e00-\u9fff]{1,6}?(?:过|超过?)\s*$")
_LIST_GOES_ON = re.compile(r"^\s*(?:以上)?\s*(?:、|的)")


def _is_size_of_each_counted(folded: str, previous: NumberToken, token: NumberToken, after: str) -> bool:
    """Whether ``token`` is the threshold each of the items ``previous`` counts passes, in a list of sized items."""
    if not _is_count_unit(previous.unit) or not _LIST_GOES_ON.match(after):
        return False
    return bool(_EACH_PASSES.match(folded[previous.end : token.start]))


def _is_count_unit(unit: str) -> bool:
    """Whether ``unit`` is a known counter (个, 家, 大, 万户); unknown units ("级") are not."""
    return bool(unit) and is_unit(unit) and unit_info(unit).dimension == "count"


# A bound after a count makes it a number to reach, not a restatement of the list before: "技术中心、设计中心2家以上".
_AT_LEAST_AFTER = re.compile(r"^\s*(?:及?以上|左右|多)")


# Items named one after another: "农产品加工、建材", "生物医药、电子信息和智能装备".
_ITEM_SEPARATOR = re.compile(r"、|和")  # not 及/与, inside words: 惠及, 涉及, 参与


def _counts_the_list_before(clause_head: str, token: NumberToken) -> bool:
    """Whether a count only restates how many items the clause (since the figure before) has just named (round 8).

    "打造200亿级生物医药、300亿级电子信息和500亿级智能装备的三大战略性新兴产业", "农产品加工、建材2个产值过1000亿元"
    (three named, 三大; two named, 2个) say what the items are, not a number to reach; not "建成A、B等5个" (等: more
    than named) nor "新增2个" (nothing listed).
    """
    if token.value is None or token.value < 2 or token.value != int(token.value) or token.value_max is not None:
        return False
    if not _is_count_unit(token.unit):
        return False  # "化学需氧量、氨氮排放量分别下降2%和3%": shares of the items, not their count
    head = clause_head.strip(SPACES + "、和")  # after the figure before: "…500亿元、装备和光电子信息2个"
    head = head[:-1] if head.endswith("的") else head
    if not head or head.endswith(("等", "等等")) or not _ITEM_SEPARATOR.search(head):
        return False
    return len(_ITEM_SEPARATOR.split(head)) == int(token.value)


# Words by which a clause states its own measure (it does not go on the list of the clause before): "达到", "超过".
_OWN_VERB = re.compile(
    r"达到|达|超过|突破|增长|提高|提升|增加|下降|降低|减少|保持|控制|新增|新建|培育|建成|建设|形成|打造|实现|力争|引进|为|占"
)


def _inherited_kind(
    results: list[Commitment], folded: str, position: int, clause_head: str, *, shares_words: bool
) -> str:
    """The kind of a stock-looking figure that continues a flow: a list the flow verb governs, or a 其中 part.

    "累计培育A 1000家、B 300家" (the words shared); round 6: "累计培育A 300家和B 1500家,C 10000家以上,D 50000家
    以上" (a clause of a noun and its figure, with no verb of its own, goes on the list of the clause before);
    "实施项目2200个，其中百亿项目5个" (a part of the flow).
    """
    earlier = results[-1] if results else None
    between = folded[earlier.value_end : position] if earlier is not None else "。"
    if earlier is not None and not re.search(r"[。；;！？!?\n]", between) and earlier.kind in ("flow", "annual_flow"):
        verbless = not _OWN_VERB.search(clause_head) and len(re.findall(r"[，,]", between)) <= 1
        if shares_words or (verbless and "累计" in full_sentence_head(folded, position)):
            return earlier.kind
    if _SUBSET_OPENING.match(clause_head):
        return _sentence_flow_kind(results, folded, position) or "stock"
    return "stock"


def _review(
    folded: str, section: str | None, title: str | None, plan_year: int | None, document_year: int | None
) -> list[tuple[int, int]]:
    """The spans of figures already reached: review chapters, review passages, or all of a review document."""
    if is_review_document(to_halfwidth(title) if title is not None else title_lines(folded, 1)):
        return [(0, len(folded))]
    return review_spans(folded, section, plan_year) + review_passage_spans(folded, document_year)


def extract_commitments(
    text: str,
    document_year: int | None = None,
    *,
    plan_year: int | None = None,
    section: str | None = None,
    title: str | None = None,
) -> list[Commitment]:
    """Every quantity in ``text`` as a :class:`Commitment`, in text order.

    Targets have ``role="commitment"`` and a ``kind``; thresholds and bases qualifying a noun are
    ``qualifier``s, starting levels ``baseline``s, figures already reached ("截至2020年底") ``status``; class
    and size words (500千伏, 5兆瓦级, 8.5代 …) are ``descriptor``s. Nothing is silently dropped. A deadline
    governs the rest of its paragraph (and the paragraphs of a goal section it opens). ``document_year``
    resolves 到年底/今年; when not given it is taken from the first full date in the text ("2016年9月12日").
    ``plan_year`` is the year an annual document (a government work report, an annual plan) is for: its targets
    with no deadline of their own get it; when not given it is read from the text's title ("合肥市2024年政府工作
    报告", :func:`seimon.plan.annual_plan.annual_plan_year`). ``section`` is the heading an excerpt stands under
    when the excerpt does not include it; figures of a review chapter (发展基础, 面临形势 …, by that heading or the
    text's own) and clauses in the achievement form (提高了, 已达到) with no deadline ahead are ``status``, as are
    the sentences of a paragraph opening on a past time ("去年，…", "“十四五”以来，…",
    :mod:`seimon.plan.review_passages`) and all of a document whose ``title`` names a review only
    ("…（2022年工作回顾）"; when not given, the text's first line if it is not a heading).

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
        dated = DOCUMENT_DATE.search(folded)
        document_year = int(dated.group("year")) if dated else None
    if plan_year is None:
        plan_year = annual_plan_year(title if title is not None else title_lines(folded))
    annual = Deadline(plan_year, "年度计划") if plan_year is not None else None
    review = _review(folded, section, title, plan_year, document_year)
    reading = Reading(folded)
    carried = paragraph_context(folded, document_year)
    tokens = [t for t in scan_numbers(text) if t.category == "quantity"]
    results: list[Commitment] = []
    previous: tuple[NumberToken, Commitment] | None = None
    for token in tokens:
        left, right = clause_bounds(folded, token.start, token.end)
        window_start = left
        if previous is not None and previous[0].end > left and not previous[0].descriptor:
            window_start = previous[0].end
        window = folded[window_start : token.start]
        clause_head = folded[left : token.start]
        after = folded[token.end : right]
        unit = token.unit
        pp = unit in ("个百分点", "百分点")
        comparator = find_comparator(window, after, token.qualifier, pp=pp)
        relation = find_relation(window, unit)
        shares_words = (
            previous is not None and window.strip(SPACES + "分别") in _ENUM_SEPARATORS and previous[0].end > left
        )
        if shares_words and comparator == "=" and previous is not None:
            # "分别增长12%和15%", "减少10%、8%": the second value shares the first one's words.
            comparator = previous[1].comparator if relation is None else comparator
            relation = relation or previous[1].relation
        deadline, aspirational = _deadline_for(token.start, reading, carried, document_year)
        own_ahead = deadline is not None and deadline.year is not None and deadline.year >= (document_year or 0)
        undated = "dated" if deadline is not None else ("annual" if annual is not None else "none")
        deadline = deadline or annual
        base_year = clause_base_year(folded, left, clause_head)
        multiple_of = MULTIPLE_OF_YEAR.search(window) if unit == "倍" else None
        if multiple_of is not None:
            # "达到2020年的2倍": a multiple of the base year's level; 到2025年 stays the deadline.
            relation = relation or "multiply"
            base_year = year_value(multiple_of.group("year"))
        ahead = deadline is not None and deadline.year is not None and deadline.year >= (document_year or 0)
        achieved = in_spans(token.start, review) or _reads_achieved(
            folded, token.start, clause_head, after, document_year, ahead=ahead, own_ahead=own_ahead, undated=undated
        )
        role, base_year = role_of(
            token, clause_head, deadline, document_year, base_year, achieved=achieved, after=after
        )
        role = _round6_role(
            role, folded, token, previous[0] if previous else None, clause_head=clause_head, after=after
        )
        kind = target_kind_of(role, token, relation, clause_head, after)
        if kind == "stock":
            kind = _inherited_kind(results, folded, token.start, clause_head, shares_words=shares_words)
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
            subject=subject_of(folded, left, right, token),
        )
        results.append(commitment)
        previous = (token, commitment)
    return _year_by_year(results, folded)


# A span of years and one figure for each year, in order: "2017-2020年,分别达到 2480 亿元、2950 亿元、3500 亿元、
# 4000 亿元" -> 2017, 2018, 2019, 2020 (round 8; before, all four read as 2020).
_YEAR_SPAN_EACH = re.compile(
    r"(?P<start>(?:19|20)\d{2})\s*[-—–~～至]\s*(?P<end>(?:19|20)\d{2})\s*年[^。；;\n]{0,20}?分别"
)


def _year_by_year(results: list[Commitment], folded: str) -> list[Commitment]:
    """Give each figure of a "2017-2020年…分别达到A、B、C、D" list its own year, when the counts match."""
    for match in _YEAR_SPAN_EACH.finditer(folded):
        start, end = int(match.group("start")), int(match.group("end"))
        listed = [i for i, c in enumerate(results) if c.value_start >= match.end()]
        run: list[int] = []
        cursor = match.end()
        for i in listed:
            gap = folded[cursor : results[i].value_start]
            if run and (gap.strip(SPACES) not in _ENUM_SEPARATORS or results[i].unit != results[run[0]].unit):
                break
            if not run and re.search(r"[，,。；;]", gap):
                break
            run.append(i)
            cursor = results[i].value_end
        if len(run) != end - start + 1 or end <= start:
            continue
        for year, i in zip(range(start, end + 1), run, strict=True):
            results[i] = replace(results[i], year=year)
    return results
