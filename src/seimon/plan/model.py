"""The plan model: a development plan as declarative data, validated by pydantic.

Why a model and not a parser: a plan is read once by a person who understands it and then used for five
years by software that must not guess. Every item (industry, box, base, target, set-aside number) names
the clause of the plan text it comes from (:class:`SourceRef`), so any figure the platform reports can be
traced back to the sentence a planner wrote. The YAML carries the exact quote; the loader
(:mod:`seimon.plan.loader`) finds it in the text and fills ``start``/``end``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field, model_validator

from seimon.declared import dotted

Comparator = Literal["≥", ">", "≈", "=", "≤", "<"]
TargetKind = Literal["level", "cumulative", "annual_flow", "count", "share"]
#: What a target promises (issue 20): ``stock`` — a level reached by the deadline (a stock, or the deadline
#: year's total of a yearly quantity such as revenue); ``flow`` — what is added over the period since
#: ``counted_from`` ("新建500家院士工作站": 500 new ones, not a stock of 500); ``annual_flow`` — an amount every
#: year ("每年滚动实施100项"); ``rate`` — a share, growth rate, change in points or multiple; ``range`` — inside
#: [value, value_max] ("1至2家").
TargetSemantics = Literal["stock", "flow", "annual_flow", "rate", "range"]
#: The semantics a target has when its YAML does not say: from the kind of data the assessment reads.
KIND_SEMANTICS: dict[str, TargetSemantics] = {
    "level": "stock",
    "count": "stock",
    "share": "rate",
    "cumulative": "flow",
    "annual_flow": "annual_flow",
}
TargetNature = Literal["binding", "anticipatory", "unspecified"]
Direction = Literal["higher", "lower"]
ScopeType = Literal["province", "base", "industry", "project"]
BaseLevel = Literal["national", "provincial"]
ActionCategory = Literal["key_technology", "industrialisation", "innovation_capacity", "market", "infrastructure"]

#: Standard action categories of a roadmap box, by their Chinese label.
ACTION_CATEGORY_LABELS: dict[str, ActionCategory] = {
    "关键技术开发": "key_technology",
    "产业化及应用示范": "industrialisation",
    "创新能力建设": "innovation_capacity",
    "市场培育": "market",
    "配套基础设施建设": "infrastructure",
}

# A wrap run inside a box-drawing table: "竞│　　│　　　　　　　│争力" -> "竞争力" (cell borders and padding).
_BOX_WRAP = re.compile(r"[ \u3000]*│[│ \u3000]*")
# An id: snake_case ASCII, e.g. "pv_capacity", "box_09", "provincial_slot_07".
_ID_PATTERN = r"^[a-z][a-z0-9_]*$"


def unwrap_box_text(text: str) -> str:
    """Remove the cell borders and padding that box-drawing tables put inside wrapped sentences.

    Quotes must be exact substrings of the plan text, so a clause that wraps across a table row keeps
    its "│　　│　　　　　　　│" run in the YAML; readers want it without.

    >>> unwrap_box_text("形成一批具有较强竞│　　│　　　　　　　│争力的产业聚集区")
    '形成一批具有较强竞争力的产业聚集区'
    """
    return _BOX_WRAP.sub("", text).strip(" \u3000")


class PlanModel(BaseModel):
    """Base of every plan model: unknown keys are errors (a typo must not silently drop data)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class SourceRef(PlanModel):
    """Where an item comes from: a section path and the exact clause, located by the loader.

    ``section`` is a path through the plan's numbering ("一(三)", "二(五)1 专栏9", "三(一)3", "四(八)").
    ``occurrence`` (0-based) picks one match when the quote occurs more than once in the text.
    """

    section: str = Field(min_length=1, description="章节路径 / section path, e.g. 二(五)1 专栏9")
    quote: str = Field(min_length=1, description="原文（须与规划文本逐字一致）/ exact clause text")
    occurrence: int | None = Field(default=None, ge=0, description="第几次出现（从0计）/ which match, 0-based")
    start: int | None = Field(default=None, ge=0, description="起始字符偏移（装载时计算）/ start offset (computed)")
    end: int | None = Field(default=None, ge=0, description="结束字符偏移（装载时计算）/ end offset (computed)")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The quote without box-table wrap runs, for display."""
        return unwrap_box_text(self.quote)


class Bilingual(PlanModel):
    """A name in Chinese (primary) and English."""

    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)


class Metadata(PlanModel):
    """Identification of the plan document and its period."""

    id: str = Field(pattern=_ID_PATTERN)
    title_zh: str
    title_en: str
    issuer_zh: str
    issuer_en: str
    document_number: str | None = Field(default=None, description="文号 / document number, when known")
    date: date
    period_start: int = Field(ge=1949, le=2100)
    period_end: int = Field(ge=1949, le=2100)
    base_year: int = Field(ge=1949, le=2100)
    source_text: str = Field(description="规划原文文件（相对于本 YAML）/ plan text file, relative to this YAML")
    source_note_zh: str | None = None
    source_note_en: str | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _period_order(self) -> Metadata:
        if self.period_end < self.period_start:
            raise ValueError("period_end < period_start / 规划期终止年早于起始年")
        return self


class SubField(Bilingual):
    """A numbered sub-field of an industry (二(一)1 智能制造装备)."""

    id: str = Field(pattern=_ID_PATTERN)
    number: int = Field(ge=1)
    sei_codes: list[str] = Field(default_factory=list)
    note_zh: str | None = None
    note_en: str | None = None
    source: SourceRef


class Industry(Bilingual):
    """One of the plan's industries, mapped to NBS 战略性新兴产业分类（2018） codes.

    ``sei_codes`` are field codes ("1".."9") or item codes ("x.y"). The plan's industries are not the NBS
    fields; ``note_zh``/``note_en`` say what the mapping leaves out or adds.
    """

    id: str = Field(pattern=_ID_PATTERN)
    number: int = Field(ge=1)
    sei_codes: list[str] = Field(min_length=1)
    note_zh: str | None = None
    note_en: str | None = None
    subfields: list[SubField] = Field(default_factory=list)
    chain_zh: list[str] = Field(default_factory=list, description="产业链环节（无编号细分领域时）/ value chain")
    chain_source: SourceRef | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _codes_well_formed(self) -> Industry:
        for code in [*self.sei_codes, *(c for s in self.subfields for c in s.sei_codes)]:
            # "1" (field) or "2.4" (item): re.fullmatch(r"[1-9](\.[1-9])?", "2.4")
            if not re.fullmatch(r"[1-9](\.[1-9])?", code):
                raise ValueError(f"sei_code {code!r}: 须为 '1'..'9' 或 'x.y' / must be '1'..'9' or 'x.y'")
        return self


class BoxAction(PlanModel):
    """A key action of a roadmap box, with its category label as written and the standard category."""

    label: str = Field(description="原文类别 / category label as written, e.g. 技术改造及应用")
    category: ActionCategory
    source: SourceRef


class RoadmapBox(PlanModel):
    """专栏N: a roadmap box with its development goal and key actions."""

    id: str = Field(pattern=_ID_PATTERN)
    number: int = Field(ge=1)
    title_zh: str
    title_en: str
    industry: str
    subfield: str | None = None
    goal: SourceRef
    actions: list[BoxAction] = Field(default_factory=list)
    source: SourceRef


class FunctionalZone(Bilingual):
    """A provincial functional zone with its cities and the focus fields the plan lists for it."""

    id: str = Field(pattern=_ID_PATTERN)
    regions: list[str] = Field(min_length=1)
    focus_zh: list[str] = Field(default_factory=list)
    source: SourceRef


class Base(PlanModel):
    """An industrial base: a named national base, or a provincial slot the plan describes but does not name.

    Provincial slots have ``name_zh: null`` until a user fills them from the provincial list.
    """

    id: str = Field(pattern=_ID_PATTERN)
    level: BaseLevel
    name_zh: str | None = None
    name_en: str | None = None
    regions: list[str] = Field(default_factory=list, description="区划代码 / region codes")
    zone: str | None = Field(default=None, description="功能区 id / functional zone id")
    focus_zh: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    note_zh: str | None = None
    note_en: str | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _national_named(self) -> Base:
        if self.level == "national" and not self.name_zh:
            raise ValueError("national base needs name_zh / 国家级基地须有名称")
        return self


class Project(Bilingual):
    """A major project (重大专项工程) with its content and the targets it carries."""

    id: str = Field(pattern=_ID_PATTERN)
    number: int = Field(ge=1)
    content_zh: str
    content_en: str
    targets: list[str] = Field(default_factory=list)
    source: SourceRef


class Measure(Bilingual):
    """A safeguard measure (保障措施). Monitoring and appraisal measures keep their full text as the quote."""

    id: str = Field(pattern=_ID_PATTERN)
    number: int = Field(ge=1)
    monitoring: bool = Field(default=False, description="监测考核评价措施 / monitoring or appraisal measure")
    summary_en: str | None = None
    source: SourceRef


class Scope(PlanModel):
    """What a target is about: the province, a base, an industry or a project (by id)."""

    type: ScopeType
    id: str


class Target(PlanModel):
    """A quantitative commitment, exactly as written and normalised.

    ``value``/``unit`` are as written (1500, 万千瓦); ``value_text`` is the number as it appears in the text
    ("1500", "百", "8万"), which the clause must contain. ``value_normalized``/``unit_normalized`` are filled
    by the loader with :func:`seimon.units.normalize_quantity` when not given. ``direction`` is required:
    the reference progress method silently defaults to "lower is better", a trap we do not repeat.
    """

    id: str = Field(pattern=_ID_PATTERN)
    name_zh: str
    name_en: str
    value: float
    value_max: float | None = Field(default=None, description="区间上限（1至2家）/ upper end of a range")
    value_text: str = Field(min_length=1, description="原文数字 / the number as written, e.g. 百, 1500")
    unit: str = Field(min_length=1)
    value_normalized: float | None = None
    unit_normalized: str | None = None
    comparator: Comparator
    aspirational: bool = False
    kind: TargetKind = Field(description="评估读取的数据类型 / the data the assessment reads (level, count, share …)")
    semantics: TargetSemantics | None = Field(
        default=None,
        description="目标含义：存量、期间新增、每年、比率、区间（缺省由 kind 推定）/ what the target promises "
        "(stock, flow, annual_flow, rate, range; derived from kind when absent)",
    )
    counted_from: int | None = Field(
        default=None,
        ge=1949,
        le=2100,
        description="期间新增目标自哪年年末起算（缺省为基期年）/ flow targets: additions counted after this year's end",
    )
    nature: TargetNature
    deadline: int = Field(ge=1949, le=2100)
    base_year: int | None = None
    scope: Scope
    direction: Direction
    indicator: str | None = None
    box: str | None = None
    note_zh: str | None = None
    note_en: str | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _range_order(self) -> Target:
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max < value / 区间上限小于下限")
        return self

    @model_validator(mode="after")
    def _semantics_consistent(self) -> Target:
        if self.semantics is None:
            self.semantics = "range" if self.value_max is not None else KIND_SEMANTICS[self.kind]
        if (self.semantics == "range") != (self.value_max is not None):
            raise ValueError(
                "range semantics needs value_max and value_max needs range / 区间目标须有上限，有上限即为区间目标"
            )
        if self.counted_from is not None and self.semantics != "flow":
            raise ValueError("counted_from is for flow targets / 仅期间新增目标可设起算年")
        return self


class QualitativeTarget(PlanModel):
    """A commitment without a number ("公共交通新能源汽车实现全覆盖", "…的格局基本形成"), kept with its text.

    The platform cannot compute it; an evaluator judges it (achieved / partly / not) with a reason and
    evidence. ``source.quote`` is the statement as the plan writes it.
    """

    id: str = Field(pattern=_ID_PATTERN)
    name_zh: str
    name_en: str
    deadline: int = Field(ge=1949, le=2100)
    nature: TargetNature = "unspecified"
    aspirational: bool = False
    scope: Scope
    box: str | None = None
    evidence_zh: str | None = Field(default=None, description="判断所需的证据 / evidence an evaluator needs")
    evidence_en: str | None = None
    source: SourceRef

    @computed_field  # type: ignore[prop-decorator]
    @property
    def statement(self) -> str:
        """The commitment as the plan states it, without box-table wrap runs."""
        return self.source.text


class SetAside(PlanModel):
    """A number in the plan text that is not a commitment, with the reason it is set aside."""

    id: str = Field(pattern=_ID_PATTERN)
    number_text: str = Field(min_length=1, description="原文数字 / the number as written, e.g. 500千伏")
    reason_zh: str = Field(min_length=1)
    reason_en: str = Field(min_length=1)
    source: SourceRef


class Plan(PlanModel):
    """A whole plan: metadata, structure, targets and the numbers set aside."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "title": "SEI Monitor plan / 规划文件",
            "description": "规划文件格式（YAML）/ declarative plan file: structure, targets and set-aside numbers",
        },
    )

    metadata: Metadata
    industries: list[Industry] = Field(min_length=1)
    roadmap_boxes: list[RoadmapBox] = Field(default_factory=list)
    zones: list[FunctionalZone] = Field(default_factory=list)
    bases: list[Base] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    targets: list[Target] = Field(min_length=1)
    qualitative_targets: list[QualitativeTarget] = Field(default_factory=list)
    set_aside: list[SetAside] = Field(default_factory=list)

    _text: str = PrivateAttr(default="")
    _path: str | None = PrivateAttr(default=None)

    @property
    def text(self) -> str:
        """The plan's source text (set by the loader), against which every ``start``/``end`` is counted."""
        return self._text

    @property
    def path(self) -> str | None:
        """The YAML file the plan was loaded from, for messages."""
        return self._path

    def iter_items(self) -> list[tuple[tuple[str | int, ...], Any]]:
        """Every item that has an ``id``, with its path in the plan data (for error locations).

        >>> from seimon.plan import load_plan
        >>> any(item.id == "pv_capacity" for _path, item in load_plan().iter_items())
        True
        """
        found: list[tuple[tuple[str | int, ...], Any]] = []
        keys = ("industries", "roadmap_boxes", "zones", "bases", "projects", "measures", "targets")
        for key in (*keys, "qualitative_targets", "set_aside"):
            for index, item in enumerate(getattr(self, key)):
                found.append(((key, index), item))
                if isinstance(item, Industry):
                    found.extend(((key, index, "subfields", j), sub) for j, sub in enumerate(item.subfields))
        return found

    def integrity_problems(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        """Cross-item problems pydantic cannot see per item: duplicate ids and dangling references.

        Returns ``(path, message_zh, message_en)`` triples; the loader turns the first into a located error.

        >>> from seimon.plan import load_plan
        >>> load_plan().integrity_problems()
        []
        """
        problems: list[tuple[tuple[str | int, ...], str, str]] = []
        seen: dict[str, tuple[str | int, ...]] = {}
        for path, item in self.iter_items():
            if item.id in seen:
                problems.append(
                    (
                        (*path, "id"),
                        f"标识 {item.id} 重复（首次出现于 {dotted(seen[item.id])}）",
                        f"duplicate id {item.id} (first at {dotted(seen[item.id])})",
                    )
                )
            else:
                seen[item.id] = path
        kinds = {
            "industry": {i.id for i in self.industries},
            "subfield": {s.id for i in self.industries for s in i.subfields},
            "base": {b.id for b in self.bases},
            "project": {p.id for p in self.projects},
            "target": {t.id for t in self.targets} | {t.id for t in self.qualitative_targets},
            "zone": {z.id for z in self.zones},
            "box": {b.id for b in self.roadmap_boxes},
        }

        def check(path: tuple[str | int, ...], kind: str, ref: str | None) -> None:
            if ref is not None and ref not in kinds[kind]:
                problems.append((path, f"引用的{kind} {ref} 不存在", f"unknown {kind} {ref}"))

        for i, box in enumerate(self.roadmap_boxes):
            check(("roadmap_boxes", i, "industry"), "industry", box.industry)
            check(("roadmap_boxes", i, "subfield"), "subfield", box.subfield)
        for i, base in enumerate(self.bases):
            check(("bases", i, "zone"), "zone", base.zone)
            for j, ref in enumerate(base.industries):
                check(("bases", i, "industries", j), "industry", ref)
            for j, ref in enumerate(base.targets):
                check(("bases", i, "targets", j), "target", ref)
        for i, project in enumerate(self.projects):
            for j, ref in enumerate(project.targets):
                check(("projects", i, "targets", j), "target", ref)
        scope_kinds = {"base": "base", "industry": "industry", "project": "project"}
        for key in ("targets", "qualitative_targets"):
            for i, target in enumerate(getattr(self, key)):
                if target.scope.type in scope_kinds:
                    check((key, i, "scope", "id"), scope_kinds[target.scope.type], target.scope.id)
                check((key, i, "box"), "box", target.box)
        return problems

    @model_validator(mode="after")
    def _flows_counted_from_base(self) -> Plan:
        """A flow target counts additions from its base year, else from the plan's base year (2015 for 十三五)."""
        for target in self.targets:
            if target.semantics == "flow" and target.counted_from is None:
                target.counted_from = target.base_year or self.metadata.base_year
        return self
