"""Drafting a plan file from another plan's text (``seimon plan new``), for a planner to review.

Why: encoding a plan by hand took days for the Hebei plan; most of it is mechanical. The draft reads the text as
the extractor does (:mod:`seimon.plan.extract`) and the plan's numbering: metadata from the heading and the
signature date, section paths from 一、/（一）/1./专栏N, industries from the SEI fields the text names, roadmap
boxes, projects and safeguard measures from their headings, every target with its clause, semantics and deadline,
qualitative commitments of the goal sections ("…基本建立", "…全覆盖") with their text, and every other number set
aside with the reason it is not a target — so that ``seimon plan lint`` proves nothing was dropped. What it
cannot know (English names, region codes, the planner's judgement) is marked for review in notes.

>>> text = "某市新兴产业发展规划\\n某市人民政府\\n2021年3月1日\\n一、发展目标\\n"
>>> data = draft_plan(text + "到2025年，新建50家新能源企业，全面实现数字化。", source_text="plan.txt")
>>> [(t["value"], t["semantics"], t["deadline"]) for t in data["targets"]]
[(50.0, 'flow', 2025)]
>>> [q["source"]["quote"] for q in data["qualitative_targets"]]
['全面实现数字化']
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from seimon.plan.achieved import REVIEW_TITLE
from seimon.plan.deadlines import DOCUMENT_DATE, period_end_year
from seimon.plan.extract import Commitment, NumberToken, deadline_at, extract_commitments, scan_numbers
from seimon.plan.text_layout import CHAPTER_HEADING, ITEM_HEADING, SECTION_HEADING, clause_bounds
from seimon.units import normalize_quantity, unit_info

logger = logging.getLogger(__name__)

# The SEI fields of the NBS classification (2018) and the words a plan names them by.
SEI_FIELDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("1", "新一代信息技术产业", "Next-generation information technology",
     ("新一代信息技术", "集成电路", "大数据", "云计算", "人工智能", "物联网", "软件", "互联网", "电子信息")),
    ("2", "高端装备制造产业", "High-end equipment", ("高端装备", "智能制造", "航空航天", "轨道交通", "海洋工程")),
    ("3", "新材料产业", "New materials", ("新材料",)),
    ("4", "生物产业", "Biotechnology", ("生物医药", "生物产业", "生物技术", "生物基因")),
    ("5", "新能源汽车产业", "New-energy vehicles", ("新能源汽车", "智能网联汽车")),
    ("6", "新能源产业", "New energy", ("新能源", "光伏", "风电", "氢能")),
    ("7", "节能环保产业", "Energy saving and environmental protection", ("节能环保",)),
    ("8", "数字创意产业", "Digital creativity", ("数字创意",)),
    ("9", "相关服务业", "Related services", ("科技服务", "检验检测")),
)  # fmt: skip

# A box heading: "专栏12新能源汽车产业发展路线图".
_BOX = re.compile(r"专栏\s*(\d{1,2})\s*([^│\s\u3000]{2,40})")
# A plan's title on its own line: "“十三五”国家信息化规划", "某省战略性新兴产业发展“十四五”规划（2021—2025年）".
_TITLE_LINE = re.compile(r"^[\s\u3000]*(\S{4,60}?(?:规划|计划|方案|纲要|意见))(?:[（(][^）)]*[）)])?[\s\u3000]*$")
# The period a title names: "“十三五”国家信息化规划" -> 三.
_PERIOD_NUMERAL = re.compile(r"十([一二三四五六七八九])五")
_NOTICE = re.compile(r"^[\s\u3000]*(\S+?)关于印发(.+?)的通知")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年")
# What makes a statement a commitment without a number.
_QUALITATIVE = re.compile(
    r"基本形成|基本建成|基本建立|基本实现|全面实现|全面建成|全覆盖|覆盖全球|覆盖城乡|初步形成|跻身|"
    r"显著提升|显著增强|明显提高|明显增强|大幅提升|大幅跃升|取得突破|率先取得|达到[^，。；]{0,12}水平"
)
# A figure that is not a year: "50万辆", "98%"; not "到2020年".
_FIGURE = re.compile(r"\d(?![\d.]*\s*年)")
_GOAL_HEADING = re.compile(r"目标")
_MEASURE_HEADING = re.compile(r"保障措施|保障体系|政策措施|组织实施")
_PROJECT_HEADING = re.compile(r"重大工程|重点工程|专项工程|重大项目")
_MONITORING = re.compile(r"监测|评估|考核|统计")
_ROLE_REASONS: dict[str, tuple[str, str]] = {
    "qualifier": ("限定条件（门槛或基数），非目标", "a qualifier (threshold or base of a noun), not a target"),
    "baseline": ("基期数值（起点），非目标", "a baseline (starting level), not a target"),
    "status": ("现状数据（已达到的数值），非目标", "a figure already reached, not a target"),
}


@dataclass(frozen=True)
class _Heading:
    start: int
    level: int  # 1 chapter, 2 section, 3 item
    number: str
    title: str
    line: str


class _Outline:
    """The plan's numbering: which section path each offset lies in, and the headings in order."""

    def __init__(self, text: str) -> None:
        self.headings: list[_Heading] = []
        offset = 0
        for line in text.split("\n"):
            for level, pattern in ((1, CHAPTER_HEADING), (2, SECTION_HEADING), (3, ITEM_HEADING)):
                match = pattern.match(line)
                if match:
                    # "（七）新能源汽车产业。加快…": the heading is the words before the first full stop.
                    title = re.split(r"[。．]", match.group(2), maxsplit=1)[0][:30]
                    self.headings.append(_Heading(offset, level, match.group(1), title, line.strip(" \u3000")))
                    break
            offset += len(line) + 1
        self.starts = [h.start for h in self.headings]

    def path_at(self, position: int) -> list[_Heading]:
        """The chapter, section and item headings above ``position``."""
        index = bisect.bisect_right(self.starts, position) - 1
        path: list[_Heading] = []
        for heading in reversed(self.headings[: index + 1]):
            if not path or heading.level < path[0].level:
                path.insert(0, heading)
            if heading.level == 1:
                break
        return path

    def section_at(self, text: str, position: int) -> str:
        """A section path as the plan model writes it: "二(三)1", with " 专栏N" inside a box."""
        label = ""
        for heading in self.path_at(position):
            label += heading.number if heading.level != 2 else f"({heading.number})"
        line_start = text.rfind("\n", 0, position) + 1
        boxes = list(_BOX.finditer(text, max(0, line_start - 4000), position))
        if boxes and "└" not in text[boxes[-1].end() : position]:
            label = f"{label} 专栏{boxes[-1].group(1)}".strip()
        return label or "正文"

    def in_section(self, position: int, pattern: re.Pattern[str]) -> bool:
        return any(pattern.search(h.title) for h in self.path_at(position))


def _occurrence(text: str, quote: str, start: int) -> int | None:
    """The ``occurrence`` a SourceRef needs for the match at ``start`` (None when the quote is unique)."""
    hits = [m.start() for m in re.finditer(f"(?={re.escape(quote)})", text)]
    return None if len(hits) <= 1 else hits.index(start)


def _source(text: str, outline: _Outline, start: int, end: int) -> dict[str, Any]:
    quote = text[start:end]
    ref: dict[str, Any] = {"section": outline.section_at(text, start), "quote": quote}
    occurrence = _occurrence(text, quote, start)
    if occurrence is not None:
        ref["occurrence"] = occurrence
    return ref


def _metadata(text: str, plan_id: str | None, source_text: str) -> dict[str, Any]:
    lines = [line.strip(" \u3000") for line in text.split("\n")[:40]]
    notice = next((m for m in map(_NOTICE.match, lines) if m), None)
    title_line = next(
        (m.group(0).strip(" \u3000") for m in map(_TITLE_LINE.match, lines) if m and "通知" not in m.group(0)), None
    )
    title = title_line or (notice.group(2).strip("《》") if notice else lines[0])
    dated = DOCUMENT_DATE.search(text)
    when = (
        date(int(dated.group("year")), int(dated.group("month")), int(dated.group("day")))
        if dated
        else date(2000, 1, 1)
    )
    issuer = notice.group(1) if notice else ""
    if not issuer and dated:
        before = [line for line in text[: dated.start()].split("\n") if line.strip(" \u3000")]
        issuer = before[-1].strip(" \u3000") if before else ""
    period = _PERIOD_NUMERAL.search(title)
    span = _SPAN.search(title) or _SPAN.search(text[:2000])
    if period:
        end = period_end_year(period.group(1))
        start = end - 4
    elif span:
        start, end = int(span.group(1)), int(span.group(2))
    else:
        start, end = when.year + 1, when.year + 5
    quote = title_line or (notice.group(0) if notice else lines[0])
    at = next((m.start() for m in re.finditer(re.escape(quote), text) if text[m.end() : m.end() + 1] in ("\n", "")), 0)
    source: dict[str, Any] = {"section": "标题", "quote": quote}
    occurrence = _occurrence(text, quote, at)
    if occurrence is not None:
        source["occurrence"] = occurrence
    return {
        "id": plan_id or f"plan_{start}_{end}",
        "title_zh": title,
        "title_en": f"{title} (English title to be written)",
        "issuer_zh": issuer or "（发布机关待填）",
        "issuer_en": "(issuer to be written)",
        "date": when.isoformat(),
        "period_start": start,
        "period_end": end,
        "base_year": start - 1,
        "source_text": source_text,
        "source_note_zh": "由 seimon plan new 起草，须人工核对。",
        "source_note_en": "Drafted by seimon plan new; to be reviewed.",
        "source": source,
    }


def _industries(text: str) -> list[dict[str, Any]]:
    found = []
    for code, name_zh, name_en, words in SEI_FIELDS:
        hits = [(text.find(word), word) for word in words if word in text]
        if not hits:
            continue
        at, word = min(hits)
        source: dict[str, Any] = {"section": "正文", "quote": word}
        if text.count(word) > 1:
            source["occurrence"] = 0
        found.append(
            {
                "id": f"sei_field_{code}",
                "number": len(found) + 1,
                "name_zh": name_zh,
                "name_en": name_en,
                "sei_codes": [code],
                "note_zh": f"起草时按原文词语“{word}”推定，请核对范围。",
                "note_en": f"Inferred from the word “{word}” in the text; check the scope.",
                "source": source,
            }
        )
        logger.debug("industry %s from %s at %d", code, word, at)
    return found


def _field_of(title: str, industries: list[dict[str, Any]]) -> str:
    for industry in industries:
        code = industry["sei_codes"][0]
        words = next(w for c, _zh, _en, w in SEI_FIELDS if c == code)
        if any(word in title for word in words):
            return str(industry["id"])
    return str(industries[0]["id"])


def _boxes(text: str, outline: _Outline, industries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    boxes = []
    seen: set[str] = set()
    for match in _BOX.finditer(text):
        number = match.group(1)
        if number in seen:
            continue
        seen.add(number)
        title = re.sub(r"[│\s\u3000].*$", "", match.group(2))
        goal_at = text.find("发展目标", match.end(), match.end() + 400)
        goal_start = goal_at + 4 if goal_at != -1 else match.start()
        goal_start += len(text[goal_start:]) - len(text[goal_start:].lstrip(" \u3000│"))
        goal_end = goal_start
        while goal_end < len(text) and text[goal_end] not in "。\n" and not text.startswith("│\u3000\u3000├", goal_end):
            goal_end += 1
        boxes.append(
            {
                "id": f"box_{int(number):02d}",
                "number": int(number),
                "title_zh": f"专栏{number}{title}",
                "title_en": f"Box {number} (English title to be written)",
                "industry": _field_of(title, industries),
                "goal": _source(text, outline, goal_start, max(goal_end, goal_start + 1)),
                "source": _source(text, outline, match.start(), match.end()),
            }
        )
    return boxes


def _headed_items(text: str, outline: _Outline, chapter: re.Pattern[str], kind: str) -> list[dict[str, Any]]:
    """Sections (（一）…) under a chapter whose title matches: safeguard measures or major projects."""
    items = []
    for heading in outline.headings:
        if heading.level != 2 or not outline.in_section(heading.start, chapter):
            continue
        name = heading.title.strip(" \u3000")
        start = text.find(heading.line, heading.start)
        number = len(items) + 1
        item: dict[str, Any] = {
            "id": f"{kind}_{number:02d}",
            "number": number,
            "name_zh": name,
            "name_en": f"{kind.title()} {number} (English name to be written)",
            "source": _source(text, outline, start, start + len(heading.line)),
        }
        if kind == "measure":
            item["monitoring"] = bool(_MONITORING.search(name))
        else:
            item["content_zh"] = heading.title
            item["content_en"] = "(content to be written)"
        items.append(item)
    return items


def _value_text(commitment: Commitment) -> str:
    text = commitment.number_text
    return text[: -len(commitment.unit)] if commitment.unit and text.endswith(commitment.unit) else text


def _data_kind(commitment: Commitment) -> str:
    """The kind of data the assessment reads for a target of these semantics."""
    if commitment.kind == "rate":
        return "share"
    if commitment.kind == "flow":
        return "cumulative"
    if commitment.kind == "annual_flow":
        return "annual_flow"
    info = unit_info(commitment.unit) if commitment.unit else None
    return "count" if info is not None and info.dimension == "count" else "level"


def _is_target(commitment: Commitment, text: str, outline: _Outline) -> str | None:
    """None when the commitment can be encoded as a target, else why it is set aside."""
    if outline.in_section(commitment.value_start, REVIEW_TITLE):
        return "status"
    if not commitment.unit:
        return "unitless"
    try:
        normalize_quantity(commitment.value, commitment.unit)
    except Exception:
        return "unit"
    if _value_text(commitment) not in text[commitment.start : commitment.end]:
        return "value_text"
    return None


_SKIP_REASONS: dict[str, tuple[str, str]] = {
    "status": ("现状章节中的数值（已达到），非目标", "a figure in a review chapter (already reached), not a target"),
    "unitless": ("无单位的指数目标：起草时未编码，请人工核对", "a unitless index target, not drafted: review it"),
    "unit": ("单位无法换算：起草时未编码，请人工核对", "a unit the platform cannot convert, not drafted: review it"),
    "value_text": (
        "数值写法无法定位：起草时未编码，请人工核对",
        "the number could not be located, not drafted: review it",
    ),
}


def _targets(
    text: str, outline: _Outline, commitments: list[Commitment], meta: dict[str, Any], region: str
) -> tuple[list[dict[str, Any]], dict[int, str], list[tuple[int, int, float, float | None]]]:
    targets = []
    skipped: dict[int, str] = {}
    spans: list[tuple[int, int, float, float | None]] = []
    for commitment in commitments:
        if commitment.role != "commitment":
            continue
        reason = _is_target(commitment, text, outline)
        if reason is not None:
            skipped[commitment.value_start] = reason
            continue
        number = len(targets) + 1
        target: dict[str, Any] = {
            "id": f"target_{number:02d}",
            "name_zh": commitment.subject or commitment.text,
            "name_en": f"Target {number} (English name to be written)",
            "value": commitment.value,
            "value_text": _value_text(commitment),
            "unit": commitment.unit,
            "comparator": commitment.comparator,
            "aspirational": commitment.aspirational,
            "kind": _data_kind(commitment),
            "semantics": commitment.kind,
            "nature": "unspecified",
            "deadline": commitment.year or meta["period_end"],
            "scope": {"type": "province", "id": region},
            "direction": "lower" if commitment.relation == "decrease_by" or commitment.comparator in "≤<" else "higher",
            "source": _source(text, outline, commitment.start, commitment.end),
        }
        spans.append((commitment.start, commitment.end, commitment.value, commitment.value_max))
        if commitment.value_max is not None:
            target["value_max"] = commitment.value_max
        if commitment.base_year is not None:
            target["base_year"] = commitment.base_year
        if commitment.year is None:
            target["note_zh"] = "原文未写期限，取规划期末。"
            target["note_en"] = "No deadline in the text: the end of the plan period."
        targets.append(target)
    return targets, skipped, spans


def _statements(text: str) -> list[re.Match[str]]:
    """Sentences stating a commitment without figures; in a sentence with figures, such clauses of it.

    "累计推广新能源汽车30万辆，各市公共交通新能源汽车实现全覆盖": the first clause is the extractor's, the
    second is a qualitative commitment.
    """
    found: list[re.Match[str]] = []
    for match in re.finditer(r"[^。；;\n├┤┼┬┴└┌┐┘]+", text):
        if not _QUALITATIVE.search(match.group()):
            continue
        if not _FIGURE.search(match.group()):
            found.append(match)
            continue
        for clause in re.finditer(r"[^，,：:]+", match.group()):
            if _QUALITATIVE.search(clause.group()) and not _FIGURE.search(clause.group()):
                found.append(re.compile(re.escape(clause.group())).match(text, match.start() + clause.start()))  # type: ignore[arg-type]
    return found


def _qualitative(text: str, outline: _Outline, meta: dict[str, Any], region: str, year: int) -> list[dict[str, Any]]:
    found = []
    for match in _statements(text):
        sentence = match.group()
        line_start = text.rfind("\n", 0, match.start()) + 1
        in_box_goal = "发展目标" in text[line_start : match.end()]  # a roadmap box's goal row and after
        if not (outline.in_section(match.start(), _GOAL_HEADING) or in_box_goal):
            continue
        label = sentence.rfind("发展目标")
        lead = (
            sentence.find("│", label) + 1 if label != -1 else 0
        )  # "│发展目标　│到2020年，…": the cell after the label
        start = match.start() + lead
        start += len(text[start : match.end()]) - len(text[start : match.end()].lstrip(" \u3000，,│"))
        deadline = deadline_at(text, start, year) or meta["period_end"]
        number = len(found) + 1
        found.append(
            {
                "id": f"qualitative_{number:02d}",
                "name_zh": text[start : match.end()][:40],
                "name_en": f"Qualitative target {number} (English name to be written)",
                "deadline": deadline,
                "scope": {"type": "province", "id": region},
                "source": _source(text, outline, start, match.end()),
            }
        )
    return found


def _set_aside(
    text: str,
    outline: _Outline,
    tokens: list[NumberToken],
    spans: list[tuple[int, int, float, float | None]],
    roles: dict[int, Any],
) -> list[dict[str, Any]]:
    found = []
    for token in tokens:
        if token.category != "quantity":
            continue
        left, right = clause_bounds(text, token.start, token.end)
        if any(s <= token.start and token.end <= e and token.value in (v, vmax) for s, e, v, vmax in spans):
            continue  # the lint counts it as the target's number
        role = roles.get(token.start)
        zh, en = _ROLE_REASONS.get(role, _SKIP_REASONS.get(role, (token.reason_zh, token.reason_en)))
        number = len(found) + 1
        found.append(
            {
                "id": f"set_aside_{number:03d}",
                "number_text": token.text,
                "reason_zh": zh,
                "reason_en": en,
                "source": _source(text, outline, left, right),
            }
        )
    return found


def draft_plan(text: str, *, source_text: str, plan_id: str | None = None, region: str = "000000") -> dict[str, Any]:
    """A complete plan file (as data for YAML) drafted from a plan's ``text``.

    ``source_text`` is the text file's path relative to where the YAML will be written; ``region`` the region
    code targets are scoped to (the draft cannot know it). The result validates against
    :class:`seimon.plan.model.Plan` and lints with every number covered.
    """
    outline = _Outline(text)
    meta = _metadata(text, plan_id, source_text)
    year = int(meta["date"][:4])
    commitments = extract_commitments(text, document_year=year)
    industries = _industries(text) or [
        {
            "id": "sei_all",
            "number": 1,
            "name_zh": "战略性新兴产业",
            "name_en": "Strategic emerging industries",
            "sei_codes": [code for code, *_ in SEI_FIELDS],
            "note_zh": "原文未点名具体领域，暂按全部领域，请核对。",
            "note_en": "The text names no field: all fields for now; review.",
            "source": dict(meta["source"]),
        }
    ]
    targets, skipped, spans = _targets(text, outline, commitments, meta, region)
    roles: dict[int, Any] = {c.value_start: c.role for c in commitments if c.role != "commitment"}
    roles.update(skipped)
    return {
        "metadata": meta,
        "industries": industries,
        "roadmap_boxes": _boxes(text, outline, industries),
        "projects": _headed_items(text, outline, _PROJECT_HEADING, "project"),
        "measures": _headed_items(text, outline, _MEASURE_HEADING, "measure"),
        "targets": targets,
        "qualitative_targets": _qualitative(text, outline, meta, region, year),
        "set_aside": _set_aside(text, outline, scan_numbers(text), spans, roles),
    }
