"""Column names and units: from what a submission's header says to our canonical fields.

A city bureau writes ``统一社会信用代码``, an enterprise ``信用代码``, a script ``credit_code``; one
sheet says ``营业收入(亿元)``, another ``营业收入（万元）`` or ``营业收入/亿元``. This module maps each
header to a canonical field of an import kind, reads the unit written in the header, and converts
every value to the canonical unit (万元 for money, 人 for headcounts), so later stages never see a
unit mismatch. Columns we do not know are kept as extras.

Entry point: :func:`resolve_header` → :class:`HeaderMap`, whose :meth:`HeaderMap.convert` turns a
:class:`~seimon.ingest.readers.RawRow` into a typed :class:`Record`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from seimon.errors import Location, SeimonError
from seimon.ingest.cells import is_missing, parse_date, parse_number
from seimon.ingest.readers import CellValue, RawRow, TableInfo
from seimon.numerals import to_halfwidth
from seimon.periods import parse_period
from seimon.reference import credit_code as uscc
from seimon.units import convert, is_unit, unit_info

logger = logging.getLogger(__name__)

FieldType = Literal["text", "code", "region", "credit_code", "number", "money", "count", "date", "period", "grade"]

MONEY_UNIT = "万元"
"""Canonical unit of every money field (enterprise statistics are kept in 万元)."""

#: Canonical unit of each convertible field type; conversion itself is :func:`seimon.units.convert`.
CANONICAL_UNITS: dict[str, str] = {"money": MONEY_UNIT, "count": "人"}


@dataclass(frozen=True)
class ColumnSpec:
    """A canonical field of an import kind: its type, whether it is required, and the names people use."""

    name: str
    label_zh: str
    type: FieldType
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``营业收入 / revenue``."""
        return f"{self.label_zh} / {self.name}"


def _c(name: str, zh: str, kind: FieldType, required: bool = False, *aliases: str) -> ColumnSpec:
    return ColumnSpec(name, zh, kind, required, (name, zh, *aliases))


_CREDIT = _c("credit_code", "统一社会信用代码", "credit_code", True, "社会信用代码", "信用代码", "uscc", "credit code")
_PERIOD = _c("period", "时期", "period", True, "报告期", "统计时期", "期别", "时间", "period code")
_PUBLISHED = _c("published", "发布日期", "date", False, "发布时间", "published date", "release date")
_REGION = _c("region", "地区代码", "region", True, "地区", "区划代码", "行政区划代码", "region code", "region_code")

KINDS: dict[str, tuple[ColumnSpec, ...]] = {
    "enterprises": (
        _CREDIT,
        _c("name", "企业名称", "text", True, "单位名称", "企业", "名称", "enterprise", "enterprise name"),
        _REGION,
        _c("industry", "行业代码", "code", True, "国民经济行业代码", "行业", "industry code", "industry_code"),
        _c("products", "主要产品", "text", False, "产品", "main products"),
        _c("base", "所属基地", "text", False, "基地", "产业基地", "industrial base"),
        _c("size", "企业规模", "text", False, "规模", "enterprise size"),
        _c("established", "成立日期", "date", False, "成立时间", "注册日期", "established date", "founded"),
        _c("exited", "退出日期", "date", False, "注销日期", "关闭日期", "停产日期", "exit date", "closed"),
    ),
    "reports": (
        _CREDIT,
        _PERIOD,
        _c("revenue", "营业收入", "money", True, "主营业务收入", "营业收入合计", "operating revenue"),
        _c("value_added", "工业增加值", "money", True, "增加值", "va", "value added"),
        _c("value_added_prior", "上年同期工业增加值", "money", True, "工业增加值上年同期", "value added prior"),
        _c("revenue_prior", "上年同期营业收入", "money", False, "营业收入上年同期", "revenue prior"),
        _c("profit", "利润总额", "money", False, "利润", "total profit"),
        _c("profit_prior", "上年同期利润总额", "money", False, "利润总额上年同期", "profit prior"),
        _c("rd_expenditure", "研发经费支出", "money", False, "研发经费", "R&D经费支出", "r&d expenditure", "rd"),
        _c("employees", "从业人员", "count", False, "从业人员平均人数", "从业人数", "职工人数", "employees"),
        _c("name", "企业名称", "text", False, "单位名称", "enterprise name"),
    ),
    # 规模以上服务业企业财务状况 (NBS services form): year to date, monthly or quarterly; see docs/scope.md
    "service-reports": (
        _CREDIT,
        _PERIOD,
        _c("revenue", "营业收入", "money", True, "营业收入合计", "本年累计营业收入", "operating revenue"),
        _c("revenue_prior", "上年同期营业收入", "money", False, "营业收入上年同期", "revenue prior"),
        _c("operating_cost", "营业成本", "money", False, "营业成本合计", "operating cost"),
        _c("operating_profit", "营业利润", "money", False, "operating profit"),
        _c("payroll", "应付职工薪酬", "money", False, "应付职工薪酬本年贷方累计发生额", "职工薪酬", "payroll"),
        _c("taxes", "税金及附加", "money", False, "营业税金及附加", "taxes and surcharges", "taxes"),
        _c("vat", "应交增值税", "money", False, "本年应交增值税", "vat payable", "vat"),
        _c("depreciation", "本年折旧", "money", False, "固定资产折旧", "折旧", "depreciation"),
        _c("employees", "从业人员期末人数", "count", False, "期末从业人员", "从业人员", "employees"),
        _c("name", "企业名称", "text", False, "单位名称", "enterprise name"),
    ),
    # 人才需求 (issue 18, plan 四(八) 紧缺人才目录): an enterprise's stated demand for an occupation in a year or month
    "talent-demand": (
        _CREDIT,
        _c("occupation", "职业/岗位", "text", True, "职业", "岗位", "职业名称", "岗位名称", "职业代码", "occupation"),
        _c("demand", "需求人数", "count", True, "需求数量", "招聘人数", "缺口人数", "demand", "headcount demand"),
        _PERIOD,
        _c("education", "学历要求", "text", False, "学历", "最低学历", "education"),
        _PUBLISHED,
        _c("name", "企业名称", "text", False, "单位名称", "enterprise name"),
    ),
    "deflators": (
        _c("industry", "行业代码", "code", True, "行业大类代码", "行业大类", "行业", "industry division", "division"),
        _PERIOD,
        _c(
            "price_index",
            "价格指数",
            "number",
            True,
            "出厂价格指数",
            "工业生产者出厂价格指数",
            "平减指数",
            "deflator",
            "ppi",
        ),
        _c("base", "基期", "text", False, "对比基期", "base period"),
    ),
    "regional": (
        _REGION,
        _PERIOD,
        _c("indicator", "指标", "text", True, "指标名称", "指标代码", "indicator code"),
        _c("value", "数值", "number", True, "值", "数据"),
        _c("unit", "单位", "text", True, "计量单位"),
        _c("source", "来源", "text", False, "数据来源", "资料来源"),
        _c("note", "备注", "text", False, "说明", "notes"),
        _PUBLISHED,
    ),
    "observations": (
        _c("indicator", "指标", "text", True, "指标名称", "指标代码", "indicator code"),
        _c("region", "地区", "region", True, "地区代码", "区划代码", "region code", "region_code"),
        _PERIOD,
        _c("value", "数值", "number", True, "值", "数据"),
        _c("unit", "单位", "text", True, "计量单位"),
        _c("source", "来源", "text", False, "数据来源", "资料来源"),
        _c("reliability", "可靠性", "grade", False, "可靠性等级", "可信度", "grade"),
        _c("note", "备注", "text", False, "说明", "notes"),
        _PUBLISHED,
    ),
    # --- tracking registers (seimon.tracking): who is responsible for what --------------------------
    "projects": (
        _c("project_id", "项目编号", "code", True, "项目代码", "编号", "project id", "project code"),
        _c("name", "项目名称", "text", True, "项目", "project name"),
        _c("industry", "所属产业", "text", True, "产业", "产业领域", "所属领域", "industry"),
        _REGION,
        _c("base", "所属基地", "text", False, "基地", "产业基地", "industrial base"),
        _c(
            "unit_code",
            "项目单位",
            "credit_code",
            False,
            "项目单位信用代码",
            "项目单位统一社会信用代码",
            "project owner",
            "owner credit code",
        ),
        _c("department", "责任单位", "text", True, "责任部门", "牵头单位", "responsible unit"),
        _c("total_investment", "总投资", "money", True, "计划总投资", "项目总投资", "total investment"),
        _c("annual_investment", "年度计划投资", "money", False, "年度投资计划", "本年计划投资", "annual plan"),
        _c("planned_start", "计划开工", "date", True, "计划开工日期", "计划开工时间", "planned start"),
        _c("planned_finish", "计划竣工", "date", True, "计划竣工日期", "计划竣工时间", "planned finish"),
    ),
    "project-progress": (
        _c("project_id", "项目编号", "code", True, "项目代码", "编号", "project id", "project code"),
        _PERIOD,
        _c(
            "completed_investment",
            "累计完成投资",
            "money",
            True,
            "累计完成投资额",
            "开工以来累计完成投资",
            "completed investment",
        ),
        _c("status", "状态", "text", True, "项目状态", "建设状态", "status"),
        _c("note", "形象进度", "text", False, "说明", "形象进度/说明", "形象进度说明", "progress note"),
        _c("published", "报送日期", "date", False, "报送时间", "填报日期", "上报日期", "reported", "reported on"),
    ),
    "responsibilities": (
        _c("target", "目标", "text", True, "指标", "目标代码", "指标名称", "目标名称", "target"),
        _c("region", "地区代码", "code", False, "地区", "区划代码", "region code", "region_code"),
        _c("year", "年度", "number", False, "年份", "节点年份", "milestone year"),
        _c("value", "分解目标", "number", False, "目标值", "分解目标值", "里程碑", "value"),
        _c("unit", "单位", "text", False, "计量单位"),
        _c("lead", "牵头单位", "text", False, "牵头部门", "lead department"),
        _c("partners", "配合单位", "text", False, "配合部门", "partner departments"),
        _c("note", "备注", "text", False, "说明", "notes"),
    ),
    "tasks": (
        _c("task_id", "任务编号", "text", True, "任务代码", "编号", "task id"),
        _c("department", "责任单位", "text", True, "牵头单位", "责任部门", "responsible unit"),
        _c("partners", "配合单位", "text", False, "配合部门", "partner departments"),
        _c("deadline", "完成时限", "date", True, "完成时间", "截止日期", "时限", "deadline"),
        _c("note", "备注", "text", False, "说明", "notes"),
    ),
    "task-reports": (
        _c("task_id", "任务编号", "text", True, "任务代码", "编号", "task id"),
        _c("published", "报送日期", "date", True, "报送时间", "填报日期", "上报日期", "reported", "reported on"),
        _c("status", "状态", "text", True, "进展状态", "任务状态", "status"),
        _c("progress", "进展情况", "text", True, "进展", "工作进展", "完成情况", "progress"),
        _c("attachment", "附件", "text", False, "佐证材料", "证明材料", "attachment", "evidence"),
    ),
    "bases": (
        _c("base_id", "基地编号", "text", True, "基地代码", "编号", "base id"),
        _c("name", "基地名称", "text", True, "名称", "base name"),
        _c("level", "级别", "text", False, "基地级别", "level"),
        _c("zone", "功能区", "text", False, "所属功能区", "zone"),
        _c("regions", "地区代码", "text", False, "地区", "区划代码", "region codes"),
        _c("industries", "主导产业", "text", False, "重点领域", "产业", "industries"),
        _c("recognised", "认定日期", "date", False, "认定时间", "批准日期", "recognised on"),
        _c("note", "备注", "text", False, "说明", "notes"),
    ),
}
"""Canonical columns of each import kind, in the order they are documented."""

# 上年同期工业增加值 / 工业增加值_上年同期 / 去年同期... — the "same period last year" qualifier
_PRIOR = re.compile(r"^(?:上年同期|去年同期|上年)|(?:上年同期|去年同期|上年同期数|上年)$")
# 营业收入_本期 / 本年累计营业收入 / 营业收入本年 — qualifiers that mean "the current period"
_CURRENT = re.compile(
    r"^(?:本期|本年累计|本年|本月累计|当期|1-本月)|(?:本期|本年累计|本年|本月累计|累计|当期|合计|本期数)$"
)
# (亿元) [万元] 【万元】 — a bracketed part of a header (parentheses are half-width after folding)
_BRACKET = re.compile(r"[(\[【]\s*(?:单位\s*[:：]\s*)?([^()\[\]【】]*?)\s*[)\]】]")
# 营业收入/亿元 — a unit after a slash at the end
_SLASH_UNIT = re.compile(r"^(.*?)\s*/\s*([^/]+)$")


def _key(text: str) -> str:
    """Comparison key of a header: half-width, lower case, no spaces, underscores, dashes or dots."""
    return re.sub(r"[\s_\-·.．]+", "", to_halfwidth(text)).lower()


def split_header_unit(header: str) -> tuple[str, str | None]:
    """Split the unit out of a header: ``营业收入(亿元)`` → ``('营业收入', '亿元')``.

    Recognised forms: ``名称(单位)``, ``名称（单位）``, ``名称[单位]``, ``名称（单位：万元）``,
    ``名称/单位``, also inside flattened two-row names (``营业收入(万元)_本期``). Bracketed text that is
    not a unit stays part of the name.

    >>> split_header_unit("营业收入（万元）"), split_header_unit("营业收入/亿元")
    (('营业收入', '万元'), ('营业收入', '亿元'))
    >>> split_header_unit("营业收入(亿元)_本期"), split_header_unit("R&D经费(内部)")
    (('营业收入_本期', '亿元'), ('R&D经费(内部)', None))
    """
    text = to_halfwidth(header).strip()
    unit: str | None = None
    for m in _BRACKET.finditer(text):
        if is_unit(m[1]):
            unit = m[1]
            text = (text[: m.start()] + text[m.end() :]).strip()
            break
    if unit is None and (m := _SLASH_UNIT.match(text)) and is_unit(m[2].strip()):
        text, unit = m[1].strip(), m[2].strip()
    return text, unit


@dataclass(frozen=True)
class ResolvedColumn:
    """One source column mapped to a canonical field, with the unit its header gave."""

    source: str
    spec: ColumnSpec
    unit: str | None
    magnitude: float = 1.0
    factor: float = 1.0  # multiply a value in the header's unit by this to get the canonical unit


@dataclass
class Problem:
    """A value that could not be read: the field, the cell, and why (both languages)."""

    field: str
    value: Any
    message_zh: str
    message_en: str
    rule: str = "type"


@dataclass
class Record:
    """A row with canonical, typed values; extras keep unknown columns; problems list unreadable cells."""

    row_number: int
    values: dict[str, Any]
    extras: dict[str, CellValue] = field(default_factory=dict)
    raw: dict[str, CellValue] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class HeaderMap:
    """How a table's columns map to an import kind's fields."""

    kind: str
    info: TableInfo
    columns: tuple[ResolvedColumn, ...]
    extras: tuple[str, ...]

    def column_for(self, field_name: str) -> ResolvedColumn | None:
        """The source column of a canonical field, if the table has it."""
        return next((c for c in self.columns if c.spec.name == field_name), None)

    def convert(self, row: RawRow) -> Record:
        """Type and unit-convert one row. Unreadable cells become :class:`Problem` entries, never guesses.

        >>> cols = ("统一社会信用代码", "时期", "营业收入(亿元)", "工业增加值", "上年同期工业增加值")
        >>> info = TableInfo("r.csv", None, 1, cols)
        >>> hm = resolve_header("reports", info)
        >>> rec = hm.convert(RawRow(2, {"统一社会信用代码": "9144030071526726XG", "时期": "2020年1-9月",
        ...     "营业收入(亿元)": "1.5", "工业增加值": "3,000", "上年同期工业增加值": "2800"}))
        >>> rec.values["revenue"], rec.values["value_added"], rec.values["period"].code
        (15000.0, 3000.0, '2020-01..09')
        """
        record = Record(row.row_number, {})
        for col in self.columns:
            cell = row.values.get(col.source)
            record.raw[col.spec.name] = cell
            loc = self.info.location(row=row.row_number, field=col.spec.name)
            try:
                record.values[col.spec.name] = _convert_cell(cell, col, loc)
            except SeimonError as exc:
                record.values[col.spec.name] = None
                where_zh = f"（列“{col.source}”）"
                where_en = f" (column '{col.source}')"
                record.problems.append(
                    Problem(col.spec.name, cell, exc.message_zh + where_zh, exc.message_en + where_en, "type")
                )
        for name in self.extras:
            record.extras[name] = row.values.get(name)
        for name, value in row.values.items():  # cells beyond the header (column_N) are extras too
            if name not in record.extras and all(name != c.source for c in self.columns):
                record.extras[name] = value
        specs = {s.name for s in KINDS[self.kind]}
        for name in specs - record.values.keys():
            record.values[name] = None
        unit_col = self.column_for("value")
        if "unit" in specs and record.values.get("unit") is None and unit_col is not None and unit_col.unit:
            record.values["unit"] = unit_col.unit  # 数值(亿元) with no 单位 cell: the header's unit applies
        return record

    def records(self, rows: Iterable[RawRow]) -> Iterator[Record]:
        """Convert a stream of rows lazily."""
        for row in rows:
            yield self.convert(row)


def _text(cell: CellValue) -> str | None:
    if is_missing(cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _to_number(cell: CellValue, col: ResolvedColumn, loc: Location) -> float | None:
    if col.spec.type == "number":
        return parse_number(cell, allow_percent=True, location=loc)
    value = parse_number(cell, column_magnitude=col.magnitude, location=loc)  # money, count
    return None if value is None else value * col.factor


def _to_grade(text: str, loc: Location) -> str:
    grade = to_halfwidth(text).strip().upper()
    if grade not in {"A", "B", "C"}:
        raise SeimonError(
            f"可靠性等级应为 A、B 或 C，实为“{text}”", f"reliability must be A, B or C, got '{text}'", loc
        )
    return grade


def _to_code(text: str, _loc: Location) -> str:
    """A code as written, blanks removed and half-width: " １３０１００ " → "130100"."""
    return re.sub(r"\s+", "", to_halfwidth(text)).upper()


def _to_region(text: str, loc: Location) -> str:
    """A region code, or the exact name of one region in the register: "张家口市" → "130700"."""
    from seimon.reference import load_regions

    code = _to_code(text, loc)
    return load_regions().code_of(code) or code


_TEXT_READERS: dict[str, Callable[[str, Location], Any]] = {
    "credit_code": lambda text, _loc: uscc.normalize(text),
    "code": _to_code,
    "region": _to_region,
    "grade": _to_grade,
    "text": lambda text, _loc: text,
}


def _convert_cell(cell: CellValue, col: ResolvedColumn, loc: Location) -> Any:
    """Read one cell according to its field type; raise SeimonError when it cannot be read."""
    ftype = col.spec.type
    if ftype in ("money", "count", "number"):
        return _to_number(cell, col, loc)
    if ftype == "period":
        return None if is_missing(cell) else parse_period(cell, location=loc)
    if ftype == "date":
        return parse_date(cell, location=loc)
    text = _text(cell)
    return None if text is None else _TEXT_READERS[ftype](text, loc)


def _match(kind: str, header: str) -> tuple[ColumnSpec | None, str | None]:
    """The spec a header names, with the unit written in it."""
    base, unit = split_header_unit(header)
    specs = KINDS[kind]
    index = {_key(alias): spec for spec in specs for alias in spec.aliases}
    key = _key(base)
    if key in index:
        return index[key], unit
    if m := _PRIOR.search(key):  # 工业增加值_上年同期 → value_added_prior
        stem = key[: m.start()] + key[m.end() :]
        current = index.get(stem) or index.get(_CURRENT.sub("", stem))
        if current is not None:
            prior = next((s for s in specs if s.name == f"{current.name}_prior"), None)
            return prior, unit
        return None, unit
    stem = _CURRENT.sub("", key)  # 营业收入_本期 → revenue
    if stem != key and stem in index:
        return index[stem], unit
    return None, unit


def resolve_header(kind: str, info: TableInfo) -> HeaderMap:
    """Map a table's columns to the fields of import ``kind``; check units and required fields.

    Raises :class:`SeimonError` naming the file (and sheet) when a required field is missing, when two
    columns claim the same field, or when a money column carries a unit we cannot convert.

    >>> info = TableInfo("e.csv", None, 1, ("统一社会信用代码", "企业名称", "地区代码", "行业代码", "联系人"))
    >>> hm = resolve_header("enterprises", info)
    >>> [c.spec.name for c in hm.columns], hm.extras
    (['credit_code', 'name', 'region', 'industry'], ('联系人',))
    """
    if kind not in KINDS:
        raise SeimonError(
            f"未知的导入类型“{kind}”（可选：{'、'.join(KINDS)}）",
            f"unknown import kind '{kind}' (choose from {', '.join(KINDS)})",
            Location(file=info.file, sheet=info.sheet),
        )
    resolved: list[ResolvedColumn] = []
    extras: list[str] = []
    claimed: dict[str, str] = {}
    for header in info.columns:
        spec, unit = _match(kind, header)
        if spec is None:
            extras.append(header)
            continue
        if spec.name in claimed:
            raise SeimonError(
                f"列“{claimed[spec.name]}”和“{header}”都对应字段 {spec.label}，请删去其一",
                f"columns '{claimed[spec.name]}' and '{header}' both map to field {spec.name}; keep one",
                Location(file=info.file, sheet=info.sheet, line=info.header_row or None, field=spec.name),
                "duplicate_column",
            )
        claimed[spec.name] = header
        resolved.append(_with_unit(spec, header, unit, info))
    missing = [s for s in KINDS[kind] if s.required and s.name not in claimed]
    if missing:
        raise SeimonError(
            f"缺少必需的列：{'、'.join(s.label_zh for s in missing)}",
            f"missing required columns: {', '.join(s.name for s in missing)}",
            Location(file=info.file, sheet=info.sheet, field=",".join(s.name for s in missing)),
            "missing_columns",
        )
    return HeaderMap(kind, info, tuple(resolved), tuple(extras))


def _with_unit(spec: ColumnSpec, header: str, unit: str | None, info: TableInfo) -> ResolvedColumn:
    """Attach the header's unit and the factor to the canonical unit (money in 万元, headcounts in 人)."""
    canonical = CANONICAL_UNITS.get(spec.type)
    if canonical is None:
        return ResolvedColumn(header, spec, unit)
    unit = unit or canonical  # money without a unit in the header is in 万元, as the report forms prescribe
    try:
        factor = convert(1.0, unit, canonical)
    except SeimonError:
        raise SeimonError(
            f"列“{header}”的单位“{unit}”无法换算为{canonical}",
            f"column '{header}': unit '{unit}' cannot be converted to {canonical}",
            Location(file=info.file, sheet=info.sheet, field=spec.name),
            "unit",
        ) from None
    return ResolvedColumn(header, spec, unit, unit_info(unit).factor, factor)


def required_fields(kind: str) -> list[str]:
    """Canonical names of the required fields of ``kind``.

    >>> required_fields("observations")
    ['indicator', 'region', 'period', 'value', 'unit']
    """
    return [s.name for s in KINDS[kind] if s.required]


__all__ = [
    "KINDS",
    "MONEY_UNIT",
    "ColumnSpec",
    "HeaderMap",
    "Problem",
    "Record",
    "ResolvedColumn",
    "required_fields",
    "resolve_header",
    "split_header_unit",
]
