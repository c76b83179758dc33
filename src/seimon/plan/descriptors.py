"""Quantities that are not targets: class and size words, thresholds, per-unit bases, counts of structure.

"500千伏" is a voltage class, "投资1亿元以上的项目" a threshold, "每万人口" a base, "光伏、风电三大产业链" a count of
the list just given, "11项核心指标" the document's structure. Each rule looks at the unit and the words right
around the number; thresholds and bases become ``qualifier`` commitments, the rest ``descriptor``s.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from seimon.numerals import LARGE_UNITS
from seimon.plan.number_token import DESCRIPTOR_REASONS, NumberToken
from seimon.plan.number_words import IDIOM_RE, has_numeral
from seimon.plan.text_layout import SPACES, clause_bounds
from seimon.units import UnitInfo, unit_info

logger = logging.getLogger(__name__)


# A count introducing the list that follows it: "两个产业分别为：…", "4个行动：A、B", "五个行业，即A、B".
_FORWARD_LIST = re.compile(r"^[^，,。；;：:]{0,16}?(?:[，,]\s*即|分别为|分别是|包括|[：:])")


# A count of what exists already: "在全力推进14大新兴产业集群发展的基础上".
_EXISTING_TAIL = re.compile(r"^[^，,。；;]{0,20}?的基础上")


# Money thresholds qualifying a noun: "超百亿元企业", "亿元以上重点项目", "超千亿元的龙头企业".
_THRESHOLD_TAIL = re.compile(
    r"(?:以上|以下)?的?[\u4e00-\u9fff]{0,6}?(?:企业|项目|园区|集群|基地|产业|工程|城市|县|园|供应商|平台)"
)


# Dimensions whose bound after the unit is the target's own ("覆盖90%以上的贫困村", "建设10个以上的基地").
_COUNTED_DIMENSIONS = frozenset({"share", "percentage_point", "count"})


# The size of a thing being set up, not a threshold: "设立总规模1000亿元的产业基金", "总投资50亿元的项目".
# Round 7: "打造总体规模超3000亿元的…基金集群" (a creation verb right before 规模超: the size of the one thing made,
# a target); not "培育规模超千亿元的企业10家" (a count of things of that size).
_SIZE_OF_NEW = re.compile(r"(?:总规模|规模|总额|总投资|资金)(?:达|为|约)?\s*$")
_MADE_AT_SIZE = re.compile(r"(?:打造|设立|组建|建成|形成)(?:总体|总)?规模(?:超过|超)\s*$")


# A bound right after the unit: "1亿元以上的项目" (then the amount is a threshold after all).
_BOUND_AFTER = re.compile(r"^\s*(?:及)?以[上下]")


# An open bound qualifying a noun: "1000M及以上速率的光纤接入用户"; not for shares and counts, where the bound
# is the target's ("宽带网络覆盖90%以上的贫困村", "建设10个以上的产业基地").
_OPEN_BOUND_OF_NOUN = re.compile(
    r"^(?:及)?以[上下][\u4e00-\u9fff]{0,4}的[\u4e00-\u9fff]|^及以[上下](?![\u4e00-\u9fff]{0,6}?(?:达|超|提高|增长))[\u4e00-\u9fff]"
)
# (Round 7: "加快8兆瓦及以上大容量机组规模化应用" — 及以上 right before a noun names a class of things; a target's bound
# is written 以上 and ends its clause: "装机达到800万千瓦以上".)


# An age followed by the people it delimits: "3岁以下婴幼儿", "65岁及以上的老年人", "0-6岁儿童"; not "80岁左右".
_AGE_GROUP_TAIL = re.compile(r"^(?:及?以[上下]|以内)?的?(?![左上以])[\u4e00-\u9fff]")


def _enumeration_count(window: str) -> tuple[int, int, bool] | None:
    """How many items a list just before a number names, at least and at most, and whether it closes with 等:
    "A、B和C" -> (2, 3, False) (和 may join two items or stand inside one: "装备制造和油田服务3大基地");
    "A、B等" -> (2, 2, True). None if it is not a list."""
    body = window.rstrip(SPACES)
    closed = body.endswith("等")
    if closed:
        body = body[:-1]
    parts = body.split("、")
    if len(parts) < 2 and "和" not in body:
        return None
    if any(not part.strip(SPACES) or has_numeral(IDIOM_RE.sub("", part)) for part in parts):
        return None
    return len(parts), len(parts) + parts[-1].count("和"), closed


@dataclass(frozen=True)
class _Around:
    """A quantity token with what the rules read around it: the unit's entry, the words after, the clause head."""

    folded: str
    token: NumberToken
    info: UnitInfo | None
    after: str  # the 12 characters after the unit
    head: str  # the clause up to the number

    @property
    def dimension(self) -> str:
        return self.info.dimension if self.info is not None else ""

    @property
    def written_in_digits(self) -> bool:
        return any(ch.isdigit() for ch in self.token.text)


def _is_size_name(a: _Around) -> bool:
    """ "张承千万千瓦和沿海百万千瓦风电基地": a round Chinese amount before a noun names a size."""
    return (
        a.info is not None
        and a.dimension not in _COUNTED_DIMENSIONS
        and not a.written_in_digits
        and a.after[:1] >= "\u4e00"
        and a.after[:1] not in "以左上的"
        and not (_MILESTONE_TAIL.match(a.after) and _MILESTONE_VERB.search(a.head))  # "冲刺千亿元大关": a target
    )


def _is_threshold(a: _Around) -> bool:
    """ "超百亿元企业", "亿元以上项目", "1000M及以上速率的光纤接入用户"; not "设立总规模1000亿元的基金"."""
    if a.dimension in ("money", "money_usd", "number") and _THRESHOLD_TAIL.match(a.after):
        before = a.folded[max(0, a.token.start - 6) : a.token.start]
        sized = _SIZE_OF_NEW.search(before) or _MADE_AT_SIZE.search(a.head)
        return not (sized and not _BOUND_AFTER.match(a.after))
    return a.info is not None and a.dimension not in _COUNTED_DIMENSIONS and bool(_OPEN_BOUND_OF_NOUN.match(a.after))


def _is_enumeration(a: _Around) -> bool:
    """ "光伏、风电、智能电网三大产业链" (the list just given), "4个行动：A、B、C" (the list about to be given)."""
    if a.token.value_max is not None:
        return False
    count = _enumeration_count(a.head)
    if count is not None:
        fewest, most, closed = count
        value = a.token.value or 0
        if fewest <= value <= most:
            return True  # "A、B、C和D 3大基地" (和 inside an item), "A、B和C等3个产业集群"
        # "突出抓好A、B、…、K等14条产业链": 等 closes a sample of the N; but "打造A、B、C等5个…集群" (5 to build) is
        # a target.
        if closed and fewest >= 2 and value > most and not _CREATION_VERB.search(a.head):
            return True
    ahead = a.folded[a.token.end : a.token.end + 60]
    listed = _FORWARD_LIST.match(ahead)
    if not listed:
        return False
    following = ahead[listed.end() :]
    # "五个任务和目标为：一是…": the list is given item by item.
    return "、" in following[:40] or bool(_ITEM_OPENING.match(following))


# An item of a list opening right after its colon: "一是", "第一，", "（一）", "1.".
_ITEM_OPENING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、]|[（(][一二三四五六七八九十\d][）)]|1[.、．])"
)


def _is_existing(a: _Around) -> bool:
    """ "在全力推进14大新兴产业集群发展的基础上", "推动4个国家级集群…发展，力争到2025年，形成…": built on, not built."""
    ahead = a.folded[a.token.end : a.token.end + 60]
    if _EXISTING_TAIL.match(ahead) and "在" in a.head:
        return True
    return bool(_LEVERAGED.search(a.head) and _LATER_DEADLINE.match(a.folded, a.token.end))


def _is_count(a: _Around) -> bool:
    return a.dimension == "count" and a.token.value is not None


# The rules in order, first match wins: (descriptor kind, test).
_RULES: tuple[tuple[str, Callable[[_Around], bool]], ...] = (
    # "千亿万亿元级": a round amount written in words, then another before 级; not "4至5个万亿级" (a count).
    ("size_class", lambda a: bool(_ROUND_WORD.match(a.token.text)) and bool(_CHAINED_CLASS.match(a.after))),
    # "5兆瓦级", "百万千瓦级", "新增7000亿级"; not "规模双双达到7000亿级" (达到 governs a size class: a target).
    ("size_class", lambda a: a.after.lstrip(SPACES).startswith("级") and not _is_class_reached(a)),
    ("size", lambda a: a.token.unit in ("吋", "英寸", "纳米", "微米")),  # "8吋", "12英寸"
    ("size_class", lambda a: a.dimension == "bandwidth" and not a.written_in_digits),  # "千兆光纤宽带网络"
    ("voltage", lambda a: a.dimension == "voltage"),  # "500千伏"
    ("generation", lambda a: a.dimension == "generation"),  # "8.5代"
    ("rank", lambda a: a.dimension == "rank"),  # "世界500强"
    # "用三年时间"; not "受教育年限提高到11.7年" (a number of years is what 年限 measures: a target).
    ("duration", lambda a: a.dimension == "duration_years" and a.token.unit == "年" and "年限" not in a.head),
    ("duration", lambda a: a.dimension == "duration_days" and bool(_REACH_AREA.match(a.after))),  # "15分钟健身圈"
    ("age_group", lambda a: a.dimension == "age" and bool(_AGE_GROUP_TAIL.match(a.after))),  # "3岁以下婴幼儿"
    ("size_name", _is_size_name),
    ("per_unit", lambda a: a.folded[max(0, a.token.start - 3) : a.token.start].endswith("每")),  # "每万人口"
    # "万元工业增加值用水量", "万元GDP能耗": 万元 without a number is a base.
    ("per_unit", lambda a: a.token.text[:1] in LARGE_UNITS and a.after[:1].isalpha() and a.after[:1] not in "以左上的"),
    ("threshold", _is_threshold),
    # "出口首破5000亿元大关", "千亿关口"; not "总产值迈上5万亿元台阶" (a milestone to reach: a target).
    ("threshold", lambda a: bool(_MILESTONE_TAIL.match(a.after)) and not _MILESTONE_VERB.search(a.head)),
    # "其中3个营业收入超2000亿元": the amount qualifies the things the 其中 clause counts.
    ("threshold", lambda a: a.dimension in ("money", "money_usd") and bool(_SUBSET_COUNT_OVER.match(a.head))),
    ("rank", lambda a: _is_count(a) and a.folded[max(0, a.token.start - 1) : a.token.start] == "前"),  # "前100家企业"
    ("enumeration", lambda a: _is_count(a) and _is_enumeration(a)),
    ("existing", lambda a: _is_count(a) and _is_existing(a)),
    # "明确了…的11项核心指标，其中包括…": the document's own structure.
    ("structure", lambda a: _is_count(a) and bool(_STRUCTURE_NOUN.match(a.folded[a.token.end : a.token.end + 12]))),
    # "纲要提出的20项主要指标中，16项基本符合预期": a part of the plan's indicators, counted in a review of them.
    ("structure", lambda a: _is_count(a) and bool(_PART_OF_INDICATORS.search(a.folded[: a.token.start]))),
    # "《纲要》围绕重点领域战略任务提出102项重大工程项目": a count of the programmes a document sets out (its
    # structure), when no deadline stands in the clause; not "《方案》明确到2025年培育100家企业".
    ("structure", lambda a: _is_count(a) and _is_document_count(a)),
    ("structure", lambda a: _is_count(a) and bool(_BY_ASPECT.search(a.head))),  # "6个方面提出了23项具体任务"
    ("structure", lambda a: _is_count(a) and bool(_COUNTED_GOALS.match(a.folded, a.token.end))),  # "四个…的目标:"
    # "《建议》共三大板块、十二个部分、42条", "报告分为三部分": a document's parts, counted after 共/分为 (round 7).
    ("structure", lambda a: bool(_DOCUMENT_PARTS.match(a.head))),
    # "…年产300兆瓦碲化镉薄膜发电玻璃等57个重大项目": a figure naming an example of a counted list (round 7).
    ("enumeration", lambda a: not _is_count_of_sample(a) and bool(_SAMPLE_ITEM.match(a.folded, a.token.end))),
    # "十二届八次全会": the number of a session (round 7).
    ("rank", lambda a: a.token.unit == "次" and bool(_SESSION.match(a.after))),
    # "3 大创新高地和 5 个集群占新材料产值比重达 90%": the count names what the share is of, not a target.
    ("share_subject", lambda a: _is_count(a) and bool(_SHARE_OF_AFTER.match(a.folded, a.token.end))),
    # "提出了6类共23项指标": a count of groups the total that follows is split into.
    ("structure", lambda a: _is_count(a) and bool(_GROUPED_TOTAL.match(a.after))),
    # "生物产业是国家确定的一项战略性新兴产业": 一 is an article after 是…的, not a count to reach.
    ("article", lambda a: _is_count(a) and a.token.text[:1] == "一" and bool(_COPULA_BEFORE.search(a.head))),
    # "三大先导产业总规模达1.8万亿元"; not "重点实施十大工程".
    ("set_name", lambda a: _is_count(a) and a.token.unit == "大" and not _CREATION_VERB.search(a.head)),
)


# An area reached within a time, named by it: "15分钟健身圈", "半小时通勤圈", "30分钟生活服务圈".
_REACH_AREA = re.compile(r"^[\u4e00-\u9fff]{0,4}圈")


# A round figure passed as a milestone, not a level: "5000亿元大关", "万亿元台阶", "千亿关口".
_MILESTONE_TAIL = re.compile(r"^\s*(?:大关|关口|台阶|门槛)")


# A verb that makes a milestone the target to reach: "迈上5万亿元台阶", "跃上", "冲刺千亿元大关", "突破万亿元大关".
_MILESTONE_VERB = re.compile(r"(?:迈上|跨上|跨过|跨越|跃上|站上|登上|冲上|冲刺|迈入|跨入|突破)\s*$")


# 达到 governing a size class, as the level to reach: "规模双双达到7000亿级", "分别达到3000亿级".
_REACHES_CLASS = re.compile(r"(?:达到|达)\s*$")


# The size class ends the clause (then it is the level reached): "达到7000亿级，", "达3000亿级以上。"; not "产值达百亿级
# 的企业" (a class of the firms).
_CLASS_ENDS_CLAUSE = re.compile(r"^\s*级\s*(?:以上|左右)?\s*(?:$|[，,。；;、）)])")


def _is_class_reached(a: _Around) -> bool:
    """ "集群规模双双达到7000亿级": a size class in digits that 达到 governs at the end of its clause is the level to
    reach; a round amount in words stays a class ("产业规模达到万亿级", as the labels read it)."""
    return a.written_in_digits and bool(_REACHES_CLASS.search(a.head) and _CLASS_ENDS_CLAUSE.match(a.after))


# A 其中 clause counting a part, then an amount the part exceeds: "其中3个营业收入超2000亿元", "其中5家产值过百亿元".
_SUBSET_COUNT_OVER = re.compile(
    r"^\s*其中[，,]?\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|家|项|座|所|条)[\u4e00-\u9fff]{0,10}?"
    r"(?:超过|超|突破|过|达到|达)\s*$"
)


# The indicators a count is a part of, just before it: "20项主要指标中，16项", "27项主要指标中，有19项".
_PART_OF_INDICATORS = re.compile(r"指标中\s*[，,]?\s*(?:有)?\s*$")


# A document as the subject (opening its clause) that sets out the count: "《纲要》围绕…提出102项", "《行动计划》将实施…
# 等八大行动和27项", "纲要提出102项" (a news report drops the 《》); not "落实《方案》实施技改项目500项" (the document
# is an object there), nor "计划实施…500项" / "规划建设…" (计划, 规划 are verbs too).
_DOCUMENT_SETS_OUT = re.compile(
    r"^\s*(?:同时|此外|另外|其中|并)?\s*(?:该|这份|这部)?(?:《[^》]{1,40}》|纲要|方案|意见)"
    r"[^，,。；;]*?(?:提出|部署|谋划|明确|包括|涵盖|设置|实施|推出|列出)"
)


# Counts a document sets out by its aspects: "从…等6个方面提出了23项具体任务" (round 7); and goals counted by their
# name before a colon: "包括四个“高于全国”的目标:"; not "到2025年新增目标企业30家".
_BY_ASPECT = re.compile(r"(?:方面|领域)[^，,。；;\d]{0,4}?(?:提出|明确|部署|列出)了?\s*$")
_COUNTED_GOALS = re.compile(r"[^，,。；;\d]{0,12}?的?目标\s*[:：]")


# A round amount joined to another before 级: "千亿万亿元级产业集群" (both size classes).
_CHAINED_CLASS = re.compile(r"\s*(?:[、和与及至到]?\s*(?:十|百|千|万)+亿?元?)\s*级")


_ROUND_WORD = re.compile(r"^(?:十|百|千|万)+亿?元?$")


# A document's parts, counted after 共/分为 with the document as the subject: "《建议》共三大板块、十二个部分、42条",
# "报告分为三部分"; not "全省共建成5G基站10万个" (the subject is no document).
_DOCUMENT_PARTS = re.compile(
    r"^\s*(?:《[^》]{1,40}》|报告|纲要|方案|意见|建议)\s*(?:共|分为|共分为)\s*[^，,。；;：:]*$"
)


def _is_count_of_sample(a: _Around) -> bool:
    """Whether the figure is the count closing the sample, "等57个" itself, not an item before it."""
    return a.head.rstrip(SPACES).endswith("等")


# A deadline or year in a clause: "到2025年", "2027年前", "“十五五”时期".
_CLAUSE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|十[一二三四五]五|今年|明年|年底")


def _is_document_count(a: _Around) -> bool:
    """ "《纲要》…提出102项重大工程项目": a count the document's own words set out, with no deadline in its clause."""
    left, right = clause_bounds(a.folded, a.token.start, a.token.end)
    return bool(_DOCUMENT_SETS_OUT.match(a.head)) and not _CLAUSE_YEAR.search(a.folded[left:right])


# What a count is the subject of: a share after it in its clause ("5 个集群占新材料产值比重达 90%").
_SHARE_OF_AFTER = re.compile(r"[\u4e00-\u9fff\s]{0,10}?占[^，,。；;\d]{0,16}?(?:比重|比例)")


# A count of groups followed by the total: "6类共23项指标", "3个方面共12条".
_GROUPED_TOTAL = re.compile(r"^[\u4e00-\u9fff]{0,4}?共\s*(?:\d|[一二两三四五六七八九十])")


# Counts of the document's own parts: "11项核心指标", "五个方面", "三项原则", "十二个部分", "3类产业板块", "238项重点
# 项目清单" (round 7);
# not "实施100项工程".
_STRUCTURE_NOUN = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(?:指标|原则|方面|特点|特征|部分|板块|清单)(?![\u4e00-\u9fff]{0,2}(?:达|超|提高))"
)


# A figure inside an item of a sample list closed by 等 and its count, later in the clause: "雅安中建材年产300兆瓦…
# 玻璃等57个重大项目" (300兆瓦 names the project, the count 57 is the target); not the count itself.
_SAMPLE_ITEM = re.compile(r"[^，,。；;：:！？!?\n]*?等\s*(?:\d+|[一二两三四五六七八九十百]+)\s*(?:个|项|家|座|条|批)")


# The number of a party or congress session: "省委十二届八次全会", "市委六届五次全体会议", "十四届人大二次会议".
_SESSION = re.compile(r"^\s*(?:全会|全体会议|会议|常委会|代表大会)")


# Verbs taking existing things as their object: "依托3个国家级基地", "推动4个国家级集群…发展".
_LEVERAGED = re.compile(r"(?:依托|围绕|立足|借助|依靠|推动|推进)\s*$")


# A deadline later in the same sentence: "…发展，力争到2025年，形成…".
_LATER_DEADLINE = re.compile(r"[^。；;！？!?\n]*?[，,]\s*(?:力争|争取|努力)?\s*(?:到|至)\s*(?:1[89]|20)\d{2}\s*年")


# A copula before "一…" in the clause: "是国家确定的一项", "作为一个"; then 一 is an article.
_COPULA_BEFORE = re.compile(r"(?:是|作为|属于)[^，,；;。]*$")


# Verbs that make "N大…" a count to achieve: "实施十大工程", "培育五大产业集群"; round 6: "新增单项冠军、独角兽和
# 科创上市企业等10家" (10 to add, not a sample of a list).
_CREATION_VERB = re.compile(r"培育|打造|形成|建设|建成|实施|组建|发展壮大|壮大|推进|启动|新增|新建|引进")


def mark_descriptor(folded: str, token: NumberToken) -> NumberToken:
    """Mark quantities that are class or size words, not commitments, with the reason."""
    if token.category != "quantity" or token.descriptor:
        return token
    info = unit_info(token.unit) if token.unit not in ("番", "") else None
    left, _ = clause_bounds(folded, token.start, token.end)
    around = _Around(folded, token, info, folded[token.end : token.end + 12], folded[left : token.start])
    kind = next((name for name, test in _RULES if test(around)), None)
    if kind is None:
        return token
    zh, en = DESCRIPTOR_REASONS[kind]
    return NumberToken(
        token.text, token.start, token.end, token.value, token.category, zh, en,
        unit=token.unit, value_max=token.value_max, descriptor=True, qualifier=token.qualifier, descriptor_kind=kind,
    )  # fmt: skip
