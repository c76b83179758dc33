"""Per-kind facts: how a validated record becomes a row of its table, and which columns make its key.

Every import kind (enterprises, reports, service-reports, deflators, regional, observations …) goes through one pipeline
(:mod:`seimon.ingest.pipeline`); what differs between kinds lives here, declared once: the typed
staging columns, the key that decides which stored row a new row replaces (a new *vintage*), the
mapping from staging columns to the stored table of ``0003_ingest.sql``, and the checks that need
more than the rule file (code registers, the plan's indicators, unit conversion).

Staging columns are named after the canonical fields of :data:`seimon.ingest.headers.KINDS`, so that
group rules (duplicates, year-to-date series) can be evaluated over staged rows with the same
validator that checks a file row by row.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from seimon.errors import SeimonError
from seimon.ingest.headers import KINDS, Record
from seimon.ingest.rules import RowError
from seimon.periods import Period
from seimon.store import Store
from seimon.tracking.bases import is_plan_base
from seimon.tracking.projects import REGISTER_COLUMNS
from seimon.tracking.tasks import is_plan_task
from seimon.tracking.vocab import industry_resolver, is_project_status, is_task_status
from seimon.units import convert, is_unit

logger = logging.getLogger(__name__)

IndicatorResolver = Callable[[str], "tuple[str, str] | None"]
"""Maps an indicator as written (an id or an exact Chinese name) to ``(indicator id, unit)`` or None."""

_SQL_TYPES = {
    "money": "DOUBLE PRECISION",
    "count": "DOUBLE PRECISION",
    "number": "DOUBLE PRECISION",
    "date": "DATE",
}

# "3841" — a four-digit GB/T 4754 class code
_CLASS_CODE = re.compile(r"^\d{4}$")
# "38" — a two-digit GB/T 4754 division code
_DIVISION_CODE = re.compile(r"^\d{2}$")


@dataclass(frozen=True)
class KindSpec:
    """What differs between import kinds.

    ``key`` are staging columns identifying one fact (a new row for the same key is a new vintage);
    ``stored`` maps each stored column to the staging column it comes from; ``compare`` are the stored
    columns whose equality makes a row "unchanged"; ``extra_fields`` are canonical fields with no stored
    column, kept in ``extra_json``.
    """

    kind: str
    table: str
    key: tuple[str, ...]
    stored: tuple[tuple[str, str], ...]
    extra_fields: tuple[str, ...] = ()
    derived: tuple[tuple[str, str], ...] = ()
    vintage_from_data: bool = False

    @property
    def has_period(self) -> bool:
        return any(s.name == "period" for s in KINDS[self.kind])

    def staging_columns(self) -> list[tuple[str, str]]:
        """``(name, SQL type)`` of the typed staging table of this kind."""
        cols: list[tuple[str, str]] = [("row_number", "INTEGER")]
        for spec in KINDS[self.kind]:
            cols.append((spec.name, _SQL_TYPES.get(spec.type, "VARCHAR")))
            if spec.name == "period":
                cols += [("period_kind", "VARCHAR"), ("year", "INTEGER"), ("start_month", "INTEGER")]
                cols += [("end_month", "INTEGER"), ("point_date", "DATE")]
        cols += list(self.derived)
        cols += [
            ("vintage", "TIMESTAMP"),
            ("extra_json", "VARCHAR"),
            ("raw_json", "VARCHAR"),
            ("bad_fields", "VARCHAR"),
            ("error_fields", "VARCHAR"),
            ("err", "BOOLEAN"),
            ("unchanged", "BOOLEAN"),
            ("new_current", "BOOLEAN"),
        ]
        return cols

    def key_stored(self) -> list[str]:
        """The key as stored column names (``industry`` is stored as ``division`` for deflators)."""
        back = {src: dst for dst, src in self.stored}
        return [back.get(k, k) for k in self.key]

    def compare_columns(self) -> list[tuple[str, str]]:
        """(stored, staging) pairs compared to decide that a row is unchanged: all data columns."""
        return [
            (dst, src) for dst, src in self.stored if dst not in ("period_kind", "year", "start_month", "end_month")
        ]


_PERIOD_COLS = (
    ("period", "period"),
    ("period_kind", "period_kind"),
    ("year", "year"),
    ("start_month", "start_month"),
    ("end_month", "end_month"),
)

KIND_SPECS: dict[str, KindSpec] = {
    "enterprises": KindSpec(
        "enterprises",
        "enterprises",
        ("credit_code",),
        tuple((c, c) for c in ("credit_code", "name", "region", "industry", "products", "base", "size", "established")),
        extra_fields=("exited",),
    ),
    "reports": KindSpec(
        "reports",
        "reports",
        ("credit_code", "period"),
        (
            ("credit_code", "credit_code"),
            *_PERIOD_COLS,
            *((c, c) for c in ("revenue", "value_added", "value_added_prior", "profit", "rd_expenditure", "employees")),
        ),
        extra_fields=("revenue_prior", "profit_prior", "name"),
    ),
    "service-reports": KindSpec(
        "service-reports",
        "service_reports",
        ("credit_code", "period"),
        (
            ("credit_code", "credit_code"),
            *_PERIOD_COLS,
            *(
                (c, c)
                for c in (
                    "revenue",
                    "revenue_prior",
                    "operating_cost",
                    "operating_profit",
                    "payroll",
                    "taxes",
                    "vat",
                    "depreciation",
                    "employees",
                )
            ),
        ),
        extra_fields=("name",),
    ),
    "talent-demand": KindSpec(
        "talent-demand",
        "talent_demand",
        ("credit_code", "period", "occupation"),
        (
            ("credit_code", "credit_code"),
            *_PERIOD_COLS,
            ("occupation", "occupation"),
            ("occupation_code", "occupation_code"),
            ("demand", "demand"),
            ("education", "education"),
            ("published", "published"),
        ),
        extra_fields=("name",),
        derived=(("occupation_code", "VARCHAR"), ("occupation_as_written", "VARCHAR")),
        vintage_from_data=True,
    ),
    "deflators": KindSpec(
        "deflators",
        "deflators",
        ("industry", "period"),
        (("division", "industry"), *_PERIOD_COLS, ("index_value", "price_index")),
        extra_fields=("base",),
    ),
    "regional": KindSpec(
        "regional",
        "regional",
        ("region", "period", "indicator"),
        (("region", "region"), *_PERIOD_COLS, ("indicator", "indicator"), ("value", "value"), ("unit", "unit")),
        extra_fields=("source", "note"),
        vintage_from_data=True,
    ),
    "observations": KindSpec(
        "observations",
        "observations",
        ("indicator", "region", "period"),
        (
            ("indicator", "indicator"),
            ("region", "region"),
            *_PERIOD_COLS,
            ("point_date", "point_date"),
            ("value", "value_converted"),
            ("unit", "unit_converted"),
            ("value_as_written", "value_as_written"),
            ("unit_as_written", "unit"),
            ("source", "source"),
            ("reliability", "reliability"),
            ("note", "note"),
            ("published", "published"),
        ),
        derived=(
            ("value_converted", "DOUBLE PRECISION"),
            ("unit_converted", "VARCHAR"),
            ("value_as_written", "VARCHAR"),
            ("indicator_as_written", "VARCHAR"),
        ),
        vintage_from_data=True,
    ),
    # the tracking registers (seimon.tracking): a project's plan, its progress reports, the breakdown of targets
    "projects": KindSpec(
        "projects",
        "projects",
        ("project_id",),
        tuple((c, c) for c in REGISTER_COLUMNS),
        derived=(("subfield", "VARCHAR"), ("industry_as_written", "VARCHAR")),
    ),
    "project-progress": KindSpec(
        "project-progress",
        "project_progress",
        ("project_id", "period"),
        (
            ("project_id", "project_id"),
            *_PERIOD_COLS,
            *((c, c) for c in ("completed_investment", "status", "note", "published")),
        ),
        vintage_from_data=True,
    ),
    "responsibilities": KindSpec(
        "responsibilities",
        "responsibilities",
        ("target", "region", "year"),
        (
            ("target", "target"),
            ("region", "region"),
            ("year", "year"),
            ("value", "value_converted"),
            ("unit", "unit_converted"),
            ("value_as_written", "value_as_written"),
            ("unit_as_written", "unit"),
            ("lead", "lead"),
            ("partners", "partners"),
            ("note", "note"),
        ),
        derived=(
            ("value_converted", "DOUBLE PRECISION"),
            ("unit_converted", "VARCHAR"),
            ("value_as_written", "VARCHAR"),
            ("target_as_written", "VARCHAR"),
        ),
    ),
    "tasks": KindSpec(
        "tasks",
        "task_assignments",
        ("task_id",),
        tuple((c, c) for c in ("task_id", "department", "partners", "deadline", "note")),
    ),
    "task-reports": KindSpec(
        "task-reports",
        "task_reports",
        ("task_id", "published"),
        tuple((c, c) for c in ("task_id", "published", "status", "progress", "attachment")),
        vintage_from_data=True,
    ),
    "bases": KindSpec(
        "bases",
        "base_register",
        ("base_id",),
        tuple((c, c) for c in ("base_id", "name", "level", "zone", "regions", "industries", "recognised", "note")),
    ),
}
"""The import kinds: eight of data, six of the tracking registers."""

YTD_REPORT_KINDS: frozenset[str] = frozenset({"reports", "service-reports"})
"""Enterprise report kinds: year-to-date flows of a registered enterprise, stored under ``YYYY-01..MM``."""

REGISTERED_ENTERPRISE_KINDS: frozenset[str] = YTD_REPORT_KINDS | {"talent-demand"}
"""Kinds whose rows are about an enterprise the register must already hold (others are quarantined)."""

TALENT_PERIOD_KINDS: frozenset[str] = frozenset({"year", "month"})
"""Periods a talent-demand row may name: a year (``2020``) or a month (``2020年6月``)."""

# "2-02-10-09 集成电路工程技术人员" / "2-02-10-09" — a code of 《中华人民共和国职业分类大典》
# (2015 edition: 大类-中类-小类-细类), optionally followed by the occupation's name
_OCCUPATION_CODE = re.compile(r"^\s*(\d-\d{2}(?:-\d{2}){1,2})(?:\s*[\s:：、]\s*(.*?))?\s*$")


def kind_spec(kind: str) -> KindSpec:
    """The :class:`KindSpec` of ``kind``; a bilingual error for an unknown kind.

    >>> kind_spec("reports").key
    ('credit_code', 'period')
    """
    try:
        return KIND_SPECS[kind]
    except KeyError:
        raise SeimonError(
            f"未知的导入类型“{kind}”（可选：{'、'.join(KIND_SPECS)}）",
            f"unknown import kind '{kind}' (choose from {', '.join(KIND_SPECS)})",
            code="unknown_kind",
        ) from None


# --- code registers as validator lookups ------------------------------------------------------------
def code_lookups(store: Store | None) -> dict[str, Callable[[str], bool]]:
    """The ``lookups`` of :class:`~seimon.ingest.rules.ValidationContext` for imports into ``store``.

    ``region``: a code of the region register; ``industry``: a 4-digit GB/T 4754 class whose division
    exists, or, once the full class table has been imported into the store, exactly a class of that
    table; ``industry_division``: one of the 97 divisions.

    >>> look = code_lookups(None)
    >>> look["region"]("130682"), look["industry"]("3841"), look["industry"]("9941"), look["industry_division"]("38")
    (True, True, False, True)
    """
    from seimon.reference import load_regions
    from seimon.reference.industries import divisions, is_valid_division, stored_classes

    regions = load_regions()
    division_codes = {d.code for d in divisions()}
    imported = stored_classes(store) if store is not None else {}

    def industry(code: str) -> bool:
        if imported:
            return code in imported
        return bool(_CLASS_CODE.match(code)) and is_valid_division(code)

    def project(code: str) -> bool:
        nonlocal projects
        if projects is None:
            projects = _registered_projects(store)
        return code in projects

    projects: set[str] | None = None
    return {
        "region": lambda code: code in regions,
        "industry": industry,
        "industry_division": lambda code: bool(_DIVISION_CODE.match(code)) and code in division_codes,
        "project_status": is_project_status,
        "project": project,
        "plan_task": is_plan_task,
        "task_status": is_task_status,
        "plan_base": is_plan_base,
    }


def _registered_projects(store: Store | None) -> set[str]:
    """Project ids of the current project register (read once per import, when a rule first asks)."""
    if store is None or not store.table_exists("projects"):
        return set()
    return {str(r[0]) for r in store.fetchall("SELECT project_id FROM projects WHERE is_current")}


def plan_resolver(plan: Any | None = None) -> IndicatorResolver:
    """A resolver over the plan's targets: a target id or its exact Chinese name → (id, unit).

    The unit is the target's normalised unit (``千瓦`` for a target written in 万千瓦), the unit the
    assessment compares in. The indicator registry will add its ids by wrapping this resolver.

    >>> from seimon.plan import load_plan
    >>> resolve, target = plan_resolver(), load_plan().targets[0]
    >>> resolve(target.id)[0] == target.id == resolve(target.name_zh)[0], resolve("不存在的指标")
    (True, None)
    """
    from seimon.plan import load_plan

    targets = (plan or load_plan()).targets
    table: dict[str, tuple[str, str]] = {}
    for target in targets:
        unit = target.unit_normalized or target.unit
        table[target.id] = (target.id, unit)
        table.setdefault(target.name_zh.strip(), (target.id, unit))
    return table.get


# --- record → staging row ---------------------------------------------------------------------------
def _dumps(data: Mapping[str, Any]) -> str | None:
    """Compact JSON, Chinese unescaped (the same text DuckDB's ``json_object`` writes)."""
    if not data:
        return None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(obj: Any) -> Any:
    if isinstance(obj, Period):
        return obj.code
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return str(obj)


def raw_json(raw: Mapping[str, Any]) -> str | None:
    """The raw row as JSON text (cells by original column name).

    >>> raw_json({"代码": "A1", "营业收入": None})
    '{"代码":"A1","营业收入":null}'
    """
    return _dumps(raw) if raw else None


def _written(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_SPANS_FROM_JANUARY = frozenset({"year", "half", "quarter"})
"""Period kinds that, starting in January, are a year-to-date span under another name."""


def report_period(period: Period) -> Period:
    """The period an enterprise report is stored under: a flow from January as its year-to-date span.

    Reports are cumulative, so ``2020``, ``2020年1-12月`` and ``2020-01..12`` are one figure (and
    ``2020H1``, ``2020Q1`` are 1-6月, 1-3月). Storing each spelling under its own code would give one
    enterprise two current rows for one figure, which aggregates would count twice; storing them all
    as ``YYYY-01..MM`` makes a second spelling a new vintage of the same key. Other periods (a single
    month, a point, a span not from January) are returned as they are: the report rules judge them.

    >>> from seimon.periods import parse_period
    >>> [report_period(parse_period(t)).code for t in ("2020", "2020年上半年", "2020Q1", "2020年1-9月", "2020Q3")]
    ['2020-01..12', '2020-01..06', '2020-01..03', '2020-01..09', '2020Q3']
    """
    if period.kind in _SPANS_FROM_JANUARY and period.start_month == 1:
        return Period.of_ytd(period.year, period.end_month)
    return period


@dataclass
class Staged:
    """A record turned into a staging row, with the errors found while doing so."""

    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)


def stage_record(
    spec: KindSpec,
    record: Record,
    raw: Mapping[str, Any],
    *,
    file: str,
    sheet: str | None,
    resolver: IndicatorResolver | None,
    drop_extras: frozenset[str] = frozenset(),
) -> Staged:
    """Turn a converted :class:`Record` into staging values; kind checks beyond the rule file add errors.

    Observations: the indicator must resolve (rule ``unknown_indicator``) and the unit must convert to
    the indicator's unit (``unit_not_convertible``); regional data: the unit must be known
    (``unknown_unit``).
    """
    values: dict[str, Any] = {"row_number": record.row_number}
    for spec_col in KINDS[spec.kind]:
        value = record.values.get(spec_col.name)
        if spec_col.name == "period":
            period = value if isinstance(value, Period) else None
            if period is not None and spec.kind in YTD_REPORT_KINDS:
                period = report_period(period)  # one key per figure, however the file spells it
            values["period"] = period.code if period else None
            values["period_kind"] = period.kind if period else None
            values["year"] = period.year if period else None
            values["start_month"] = period.start_month if period else None
            values["end_month"] = period.end_month if period else None
            values["point_date"] = period.date if period else None
        else:
            values[spec_col.name] = value
    extras: dict[str, Any] = {k: v for k, v in record.extras.items() if k not in drop_extras}
    for name in spec.extra_fields:
        if record.values.get(name) is not None:
            extras[name] = record.values[name]
    staged = Staged(values)
    if spec.kind == "observations":
        _stage_observation(staged, record, extras, file=file, sheet=sheet, resolver=resolver)
    elif spec.kind == "regional":
        _check_unit_known(staged, record, file=file, sheet=sheet)
    elif spec.kind == "projects":
        _stage_project(staged, record, extras, file=file, sheet=sheet)
    elif spec.kind == "talent-demand":
        _stage_talent_demand(staged, record, extras, file=file, sheet=sheet)
    elif spec.kind == "responsibilities":
        _stage_responsibility(staged, record, extras, file=file, sheet=sheet, resolver=resolver)
    values["vintage"] = None  # dated when written (seimon.ingest.known), unless the row says when it was published
    if spec.vintage_from_data and isinstance(values.get("published"), dt.date):
        published: dt.date = values["published"]
        values["vintage"] = dt.datetime(published.year, published.month, published.day)
    values["extra_json"] = _dumps(extras)
    values["raw_json"] = raw_json(raw)
    return staged


def _error(  # noqa: PLR0917 - a RowError with the record's row
    record: Record, file: str, sheet: str | None, fld: str, rule: str, value: Any, zh: str, en: str
) -> RowError:
    return RowError(file, sheet, record.row_number, fld, rule, value, zh, en)


def _check_unit_known(staged: Staged, record: Record, *, file: str, sheet: str | None) -> None:
    unit = record.values.get("unit")
    if unit is not None and not is_unit(str(unit)):
        staged.errors.append(
            _error(
                record, file, sheet, "unit", "unknown_unit", unit, f"未知计量单位：“{unit}”", f"unknown unit: '{unit}'"
            )
        )


_INDUSTRY_RESOLVERS: dict[int, Callable[[str], Any]] = {}


def _stage_project(staged: Staged, record: Record, extras: dict[str, Any], *, file: str, sheet: str | None) -> None:
    """A project's 所属产业 as the plan's industry id (and sub-field); planned start not after finish."""
    values = staged.values
    written = record.values.get("industry")
    values["industry_as_written"] = written
    values["subfield"] = None
    if written is not None:
        from seimon.plan import load_plan

        plan = load_plan()
        resolve = _INDUSTRY_RESOLVERS.setdefault(id(plan), industry_resolver(plan))
        found = resolve(str(written))
        if found is None:
            values["industry"] = None
            staged.errors.append(
                _error(
                    record,
                    file,
                    sheet,
                    "industry",
                    "unknown_plan_industry",
                    written,
                    f"所属产业“{written}”不是规划的八大产业或其编号细分领域（如 先进装备制造、1.2）",
                    f"industry '{written}' is not one of the plan's 8 industries or a numbered sub-field"
                    " (e.g. 先进装备制造, 1.2)",
                )
            )
        else:
            values["industry"], values["subfield"] = found.industry, found.subfield
            if found.industry != written:
                extras["industry_as_written"] = written
    start, finish = record.values.get("planned_start"), record.values.get("planned_finish")
    if isinstance(start, dt.date) and isinstance(finish, dt.date) and start > finish:
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "planned_finish",
                "project_dates_order",
                finish.isoformat(),
                f"计划竣工（{finish}）早于计划开工（{start}）",
                f"planned finish ({finish}) is before planned start ({start})",
            )
        )


def split_occupation(text: str) -> tuple[str | None, str]:
    """An occupation as written → (code of the national classification or None, name).

    A bare code is its own name until a file names it; free text has no code.

    >>> split_occupation("2-02-10-09 集成电路工程技术人员"), split_occupation("大数据分析师")
    (('2-02-10-09', '集成电路工程技术人员'), (None, '大数据分析师'))
    >>> split_occupation("4-04-05-02")
    ('4-04-05-02', '4-04-05-02')
    """
    found = _OCCUPATION_CODE.match(text)
    if found is None:
        return None, " ".join(text.split())
    return found[1], (found[2] or found[1]).strip()


def _stage_talent_demand(
    staged: Staged, record: Record, extras: dict[str, Any], *, file: str, sheet: str | None
) -> None:
    """A talent-demand row: the occupation's classification code split off, a whole count, a year or a month."""
    values = staged.values
    written = record.values.get("occupation")
    values["occupation_as_written"] = written
    values["occupation_code"] = None
    if written is not None:
        code, name = split_occupation(str(written))
        values["occupation"], values["occupation_code"] = name, code
        if name != written:
            extras["occupation_as_written"] = written
    demand = record.values.get("demand")
    if isinstance(demand, float) and not demand.is_integer():
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "demand",
                "not_integer",
                _written(record.raw.get("demand")),
                f"需求人数须为整数：{_written(record.raw.get('demand'))}",
                f"the headcount demand must be a whole number: {_written(record.raw.get('demand'))}",
            )
        )
    kind = values.get("period_kind")
    if kind is not None and kind not in TALENT_PERIOD_KINDS:
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "period",
                "talent_period",
                values.get("period"),
                f"人才需求的时期须为年份（2020）或月份（2020年6月），而非“{values.get('period')}”",
                f"a talent-demand period must be a year (2020) or a month (2020-06), not '{values.get('period')}'",
            )
        )


def _stage_responsibility(
    staged: Staged,
    record: Record,
    extras: dict[str, Any],
    *,
    file: str,
    sheet: str | None,
    resolver: IndicatorResolver | None,
) -> None:
    """A breakdown row: the target resolved, the province when no region is given, the target's deadline
    when no year is given, and the value converted to the target's unit."""
    values = staged.values
    written = record.values.get("target")
    values["target_as_written"] = written
    values["value_as_written"] = _written(record.raw.get("value"))
    values["value_converted"] = None
    values["unit_converted"] = None
    if values.get("region") is None:
        values["region"] = "130000"
    if written is None:
        return
    from seimon.plan import load_plan

    found = (resolver or plan_resolver())(str(written).strip())
    if found is None:
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "target",
                "unknown_target",
                written,
                f"目标“{written}”不是规划目标（请写目标代码或完整中文名称）",
                f"target '{written}' is not a plan target (use its id or exact Chinese name)",
            )
        )
        return
    target_id, target_unit = found
    values["target"] = target_id
    if target_id != written:
        extras["target_as_written"] = written
    if values.get("year") is None:
        target = next((t for t in load_plan().targets if t.id == target_id), None)
        values["year"] = float(target.deadline) if target is not None else None
    value = record.values.get("value")
    if value is None:
        return
    unit = record.values.get("unit") or target_unit
    try:
        values["value_converted"] = convert(float(value), str(unit), target_unit)
        values["unit_converted"] = target_unit
    except SeimonError as exc:
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "unit",
                "unit_not_convertible",
                unit,
                f"单位“{unit}”不能换算为目标 {target_id} 的单位“{target_unit}”（{exc.message_zh}）",
                f"unit '{unit}' cannot be converted to the unit '{target_unit}' of target {target_id} "
                f"({exc.message_en})",
            )
        )


def _stage_observation(
    staged: Staged,
    record: Record,
    extras: dict[str, Any],
    *,
    file: str,
    sheet: str | None,
    resolver: IndicatorResolver | None,
) -> None:
    values = staged.values
    written = record.values.get("indicator")
    values["indicator_as_written"] = written
    values["value_as_written"] = _written(record.raw.get("value"))
    values["value_converted"] = None
    values["unit_converted"] = None
    if written is None:
        return
    found = (resolver or plan_resolver())(str(written).strip())
    if found is None:
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "indicator",
                "unknown_indicator",
                written,
                f"指标“{written}”不是规划目标或已登记指标（请写指标代码或完整中文名称）",
                f"indicator '{written}' is not a plan target or registered indicator"
                " (use its id or exact Chinese name)",
            )
        )
        return
    indicator_id, target_unit = found
    values["indicator"] = indicator_id
    if indicator_id != written:
        extras["indicator_as_written"] = written
    value, unit = record.values.get("value"), record.values.get("unit")
    if value is None or unit is None:
        return
    try:
        values["value_converted"] = convert(float(value), str(unit), target_unit)
        values["unit_converted"] = target_unit
    except SeimonError as exc:
        staged.errors.append(
            _error(
                record,
                file,
                sheet,
                "unit",
                "unit_not_convertible",
                unit,
                f"单位“{unit}”不能换算为指标 {indicator_id} 的单位“{target_unit}”（{exc.message_zh}）",
                f"unit '{unit}' cannot be converted to the unit '{target_unit}' of indicator {indicator_id} "
                f"({exc.message_en})",
            )
        )


__all__ = [
    "KIND_SPECS",
    "REGISTERED_ENTERPRISE_KINDS",
    "TALENT_PERIOD_KINDS",
    "YTD_REPORT_KINDS",
    "IndicatorResolver",
    "KindSpec",
    "Staged",
    "code_lookups",
    "kind_spec",
    "plan_resolver",
    "raw_json",
    "report_period",
    "split_occupation",
    "stage_record",
]
