"""What a plan number is (role) and how a target is measured (kind), and what it measures (subject).

Roles: commitment, qualifier, baseline, status, descriptor. Kinds: stock (a level at the deadline), flow (what is
added over the period: 新建, 新增, 累计…), annual_flow (每年), rate (%, 个百分点, 倍) and range (1至2家); the
assessment reads each by its own rule (:mod:`seimon.assess.semantics`).
"""

from __future__ import annotations

import logging
import re

from seimon.plan.comparators import PREFIX_RE, RELATION_RE
from seimon.plan.deadlines import DEADLINE, YEAR_DIGITS, Deadline, is_status, year_value
from seimon.plan.number_token import QUALIFIER_KINDS, NumberToken
from seimon.plan.quantity_scan import PER_ONE
from seimon.plan.text_layout import SPACES
from seimon.units import unit_info

logger = logging.getLogger(__name__)


# A starting level, not a target: "从2020年的9.89亿提高到12亿", "比2010年的1.034吨标准煤下降16%",
# "从目前的14.4万元增加到20万元" (a start now, with no year).
_BASELINE_BEFORE = re.compile(
    r"(?:(?:从|由)\s*(?P<year>" + YEAR_DIGITS + r")\s*年[末底]?\s*的?"
    r"|(?:比|较)\s*(?P<year2>" + YEAR_DIGITS + r")\s*年[末底]?\s*的"
    r"|(?:从|由)\s*(?:目前|当前|现在|现有|现阶段)(?:的)?(?:水平)?)\s*$"
)


# A bare start right before the number, with the change to the target after it: "高新企业数量从107家增加到500家",
# "由10%提高到15%"; not "从严控制在5%以内".
_START_BEFORE = re.compile(r"(?:从|由)\s*$")
_CHANGE_TO_AFTER = re.compile(
    r"^\s*(?:以上|左右|多)?\s*(?:增加|提高|提升|增长|上升|扩大|下降|降低|减少|压减|发展|跃升)?\s*(?:到|至)"
)


# Units of a rate: a share, a change in points, a multiple.
_RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "番", "倍"})


# A target counted per year: "平均每年带动新增就业100万人", "每年实施100项".
_ANNUAL_RE = re.compile(r"每年|年均|平均每年")


# A target counted as what is added over the period: "新建500家", "累计推广30万辆", "新增100个", "引进200名",
# "引入首店100家", "举办促销活动500场", "淘汰1000家企业落后产能", "整治10000家企业", "孵化科技型中小微企业3500家",
# "拟发行超长期特别国债1.3万亿元", "带动项目直接投资约2500亿元", "选树1000家标杆企业", "立项7项以上",
# "获得省科技进步奖2项以上" (awards, selections and approved projects are counted as they happen; not "获奖企业达到
# 100家", a level); not "培育45家…企业" (the count reached, by the labels). Round 6: "开工新型储能装机1000万千瓦",
# "建成投产600万千瓦", "完成沙化土地治理140万亩" (what starts, comes on line or is treated in the year),
# "政府引导基金撬动规模超300亿元" (like 带动…投资), "投资科创项目超100个" (投资 opening its clause, a verb; not
# "固定资产投资增长").
_FLOW_RE = re.compile(
    r"开工|投产|治理|新建|新增|新培育|新认定|新引进|引进|引入|培养|累计|净增|节约|推广|安排|投入|供应(?!商)|减负|制修订|制定|完成|实施"
    r"|举办|淘汰|整治|建设里程|新建里程|孵化|发行|带动[^，,；;。]{0,6}投资|撬动|^投资|选树|立项|获得[^，,；;。]{0,10}?奖"
    r"|(?:计划|规划)投资|扩建|产生|招引"
)
# (Round 8: "计划全年招引落地亿元以上项目100个" — 招引 is 引进 of investment projects, a flow.)
# (Round 7: "规划投资1000亿元以上", "当年计划投资59.7亿元" — planned spending, a flow; "扩建渔港15座"; "产生3项重大科学
# 发现" — results counted as they come, like awards.)


# A flow verb after the count in its clause: "实现600万农业转移人口…落户城镇" (people who settle over the period).
# Round 6: "2727万千瓦新能源项目全部投产" (capacity coming on line in the year).
# Round 7: "…等57个重大项目开工建设" (projects starting in the year).
_FLOW_AFTER = re.compile(r"^[^，,；;。]*?(?:落户|转移就业|投产|开工)")


# A flow verb used as the noun that a level verb then measures: "研发投入达到300亿元" is a level of spending, not
# what is added; "投入资金300亿元" stays a flow.
_FLOW_NOUN = re.compile(r"(?:投入|供应)[^，,；;。]*?(?:达到|达|超过|突破|保持|为)")


# Flow verbs that only count things: "完成200项标准制修订" is a flow, "完成总产值6700亿元" a level; round 6:
# "投资科创项目超100个" is a flow, "投资强度达到300万元" a level.
_COUNT_ONLY_FLOW = frozenset({"完成", "实施", "投资"})


# Flow verbs that only measure an area treated: "完成沙化土地治理140万亩" is a flow, "建成智慧治理平台10个" a stock
# (round 6).
_AREA_ONLY_FLOW = frozenset({"治理"})


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


def target_kind_of(role: str, token: NumberToken, relation: str | None, clause_head: str, after: str = "") -> str:
    """How a target is measured (:data:`TARGET_KINDS`), or the role for qualifiers and baselines.

    ``after`` is the rest of the clause after the number ("…落户城镇").
    """
    if role in ("qualifier", "baseline"):
        return role
    if token.value_max is not None:
        return "range"
    if relation == "cagr" and token.unit and token.unit not in _RATE_UNITS:
        return "annual_flow"  # "全员劳动生产率年均增长1万元": an amount added every year, not a growth rate
    # "收入比缩小至2.3∶1": a ratio to one is a rate (round 7); an index ("指数达到95") stays a level.
    per_one = not token.unit and PER_ONE.match(after) is not None
    if token.unit in _RATE_UNITS or relation in ("cagr", "pp_change", "multiply") or per_one:
        return "rate"
    if any(not re.search(r"\d", clause_head[m.end() :]) for m in _ANNUAL_RE.finditer(clause_head)):
        return "annual_flow"  # "平均每年带动新增就业100万人"; not "年均增长25%、2025年规模3万亿元"
    return "flow" if _is_flow(token, relation, clause_head) or _FLOW_AFTER.match(after) else "stock"


def _is_flow(token: NumberToken, relation: str | None, clause_head: str) -> bool:
    """Whether a count or amount is what is added over the period: a flow verb governs it, or 增加/减少 N."""
    info = unit_info(token.unit) if token.unit else None
    for match in _FLOW_RE.finditer(clause_head):
        if "的" in clause_head[match.end() :]:
            continue  # "实施数字化转型的企业数量达到5万家": the verb is in a relative clause
        if match.group() in _COUNT_ONLY_FLOW and (info is None or info.dimension != "count"):
            continue
        if match.group() in _AREA_ONLY_FLOW and (info is None or info.dimension != "area"):
            continue
        if _FLOW_NOUN.match(clause_head, match.start()):
            continue
        return True
    return relation in ("increase_by", "decrease_by")


def subject_of(folded: str, left: int, right: int, token: NumberToken) -> str:
    """What a target measures, as the plan words it: the text before the number, or the object after it."""
    head = folded[left : token.start]
    for match in DEADLINE.finditer(head):
        head = head.replace(match.group(), "")
    head = PREFIX_RE.sub("", head)
    head = RELATION_RE.sub("", head)
    head = re.sub(r"[“”\"（）()]", "", head).strip(SPACES + "、和及与")
    head = _SUBJECT_NOISE.sub("", head).strip(SPACES)
    bare_verb = _OBJECT_VERB.search(head)
    if not head or (bare_verb and bare_verb.start() <= 2) or len(head) < 2:
        tail = folded[token.end : right]
        tail = tail[_OBJECT_LEAD.match(tail).end() :]  # type: ignore[union-attr]
        return re.split(r"[，,。；;、]", tail)[0].strip(SPACES)[:30] or head
    return head[-30:]


def role_of(
    token: NumberToken,
    clause_head: str,
    deadline: Deadline | None,
    document_year: int | None,
    base_year: int | None,
    *,
    achieved: bool = False,
    after: str = "",
) -> tuple[str, int | None]:
    """The quantity's role (commitment, qualifier, baseline, status, descriptor) and its base year.

    ``achieved``: the figure stands in a review chapter or a clause in the achievement form
    (:mod:`seimon.plan.achieved`); it is a status, and so is the starting level of a change already made
    ("2020年，产值由2015年的4000亿元增加至7600亿元" in a 2021 plan), and a threshold in a review ("出口首破5000亿元
    大关"). ``after`` is the rest of the clause: a bare start "从107家增加到500家" is a baseline.
    """
    past = achieved or is_status(deadline, document_year)
    if token.descriptor:
        if token.descriptor_kind not in QUALIFIER_KINDS:
            return "descriptor", base_year
        return ("status" if past else "qualifier"), base_year
    if past:
        return "status", base_year
    baseline = _BASELINE_BEFORE.search(clause_head)
    if baseline is not None:
        year = baseline.group("year") or baseline.group("year2")
        return "baseline", (year_value(year) if year else None)
    if _START_BEFORE.search(clause_head) and _CHANGE_TO_AFTER.match(after):
        return "baseline", None
    return "commitment", base_year
