"""Declarative validation rules for imported rows (DHIS2 style), and the validator that applies them.

Users configure what counts as a bad row in YAML, not in code: "left operator right" comparisons with
a missing-value strategy, ranges, required fields, code lists, the credit-code checksum, the 1–2月
convention, "no future period", year-to-date series that must not decrease, and duplicates. The file
is validated by pydantic (JSON Schema via :func:`rules_json_schema`); a malformed rule file is a
:class:`~seimon.errors.SeimonError` naming the file, line and field.

Missing-value strategies follow DHIS2: ``skip_if_any_missing`` (default), ``skip_if_all_missing``,
``never_skip``; when a rule is not skipped, a missing operand counts as 0, as in DHIS2.

Code lists (regions, industries) belong to the reference stage, which is written elsewhere; the
validator takes them as callables in :class:`ValidationContext` (``lookups={"region": is_region}``).
A ``code_valid`` rule whose lookup is not supplied is skipped with a logged warning.

Entry point: :func:`validate_rows`.
"""

from __future__ import annotations

import datetime as dt
import logging
import operator as op
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from seimon.declared import load_declared
from seimon.errors import Location, SeimonError
from seimon.ingest.headers import KINDS, Record
from seimon.periods import Period, ytd_report_problem
from seimon.reference import credit_code as uscc
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

Severity = Literal["error", "warning"]
MissingStrategy = Literal["skip_if_any_missing", "skip_if_all_missing", "never_skip"]
Operator = Literal["<", "<=", "==", "!=", ">=", ">"]

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": op.lt,
    "<=": op.le,
    "==": op.eq,
    "!=": op.ne,
    ">=": op.ge,
    ">": op.gt,
}


# --- the rule file ----------------------------------------------------------------------------
class _Rule(BaseModel):
    """Fields every rule has."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Unique rule id, e.g. va_le_revenue")
    kind: list[str] = Field(description="Import kinds the rule applies to (enterprises, reports, ...)")
    severity: Severity = "error"
    message_zh: str = Field(min_length=1)
    message_en: str = Field(min_length=1)
    description: str | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("kind")
    @classmethod
    def _known_kinds(cls, value: list[str]) -> list[str]:
        unknown = [k for k in value if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown import kind(s) {unknown}; known: {sorted(KINDS)}")
        return value

    def fields_used(self) -> list[str]:
        """Canonical field names the rule reads (checked against each kind)."""
        return []

    @model_validator(mode="after")
    def _fields_exist(self) -> _Rule:
        for kind in self.kind:
            names = {s.name for s in KINDS[kind]}
            unknown = [f for f in self.fields_used() if f not in names]
            if unknown:
                raise ValueError(f"field(s) {unknown} are not fields of kind {kind}")
        return self


class RequiredRule(_Rule):
    """Each listed field must have a value."""

    type: Literal["required"]
    fields: list[str] = Field(min_length=1)

    def fields_used(self) -> list[str]:
        return self.fields


class CodeValidRule(_Rule):
    """The field's value must be accepted by the lookup named ``lookup`` in the validation context."""

    type: Literal["code_valid"]
    field: str
    lookup: str = Field(description="Name of a callable in ValidationContext.lookups, e.g. region")

    def fields_used(self) -> list[str]:
        return [self.field]


class CreditCodeRule(_Rule):
    """The field must be a unified social credit code with valid check characters (GB 32100, GB 11714)."""

    type: Literal["credit_code"]
    field: str = "credit_code"
    check_org_code: bool = True

    def fields_used(self) -> list[str]:
        return [self.field]


class RangeRule(_Rule):
    """``min <= field <= max`` (either bound optional)."""

    type: Literal["range"]
    field: str
    min: float | None = None
    max: float | None = None
    missing: MissingStrategy = "skip_if_any_missing"

    def fields_used(self) -> list[str]:
        return [self.field]

    @model_validator(mode="after")
    def _has_bound(self) -> RangeRule:
        if self.min is None and self.max is None:
            raise ValueError("a range rule needs min, max or both")
        return self


class ComparisonRule(_Rule):
    """``left operator factor × right``, where ``right`` is a field name or a number."""

    type: Literal["comparison"]
    left: str
    operator: Operator
    right: str | float
    factor: float = 1.0
    missing: MissingStrategy = "skip_if_any_missing"

    def fields_used(self) -> list[str]:
        return [self.left] + ([self.right] if isinstance(self.right, str) else [])


class NoFuturePeriodRule(_Rule):
    """The period must have ended on or before the as-of date (today unless the context says otherwise)."""

    type: Literal["no_future_period"]
    field: str = "period"

    def fields_used(self) -> list[str]:
        return [self.field]


class YtdConventionRule(_Rule):
    """The period must be a valid cumulative report period: 1-N月 with N ≥ 2 (no separate January)."""

    type: Literal["ytd_convention"]
    field: str = "period"

    def fields_used(self) -> list[str]:
        return [self.field]


class YtdNonDecreasingRule(_Rule):
    """Within one year and group (one enterprise), cumulative flows must not fall from 1-N to 1-(N+k)月."""

    type: Literal["ytd_non_decreasing"]
    group_by: list[str] = Field(min_length=1)
    period_field: str = "period"
    fields: list[str] = Field(min_length=1)

    def fields_used(self) -> list[str]:
        return [*self.group_by, self.period_field, *self.fields]


class DuplicateRule(_Rule):
    """No two rows of one file may share the key; the later rows are flagged."""

    type: Literal["duplicate"]
    key: list[str] = Field(min_length=1)

    def fields_used(self) -> list[str]:
        return self.key


Rule = Annotated[
    RequiredRule
    | CodeValidRule
    | CreditCodeRule
    | RangeRule
    | ComparisonRule
    | NoFuturePeriodRule
    | YtdConventionRule
    | YtdNonDecreasingRule
    | DuplicateRule,
    Field(discriminator="type"),
]


class RuleFile(BaseModel):
    """A validation rule file: a version, where the rules come from, and the rules."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    source: str | None = Field(default=None, description="Where the rules come from (standard, notice)")
    rules: list[Rule]

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleFile:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id}")
            seen.add(rule.id)
        return self

    def for_kind(self, kind: str) -> list[Any]:
        """The rules that apply to ``kind``, in file order."""
        return [r for r in self.rules if kind in r.kind]


def rules_json_schema() -> dict[str, Any]:
    """JSON Schema of a rule file, for editors and for ``resources/schemas``.

    >>> rules_json_schema()["title"]
    'RuleFile'
    """
    return RuleFile.model_json_schema()


DEFAULT_RULES = ("rules", "default.yaml")


def load_rules(path: Path | str | None = None) -> RuleFile:
    """Load and validate a rule file (the packaged ``rules/default.yaml`` by default).

    >>> rules = load_rules()
    >>> "va_le_revenue" in [r.id for r in rules.for_kind("reports")]
    True
    """
    path = Path(path) if path is not None else resource_path(*DEFAULT_RULES)
    return load_declared(path, RuleFile, code="rules", title=("规则文件有误：", "invalid rules file: "))[0]


# --- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowError:
    """One problem with one cell of one row: where, which rule, the value, and why in both languages."""

    file: str
    sheet: str | None
    row: int
    field: str | None
    rule: str
    value: Any
    message_zh: str
    message_en: str
    severity: Severity = "error"

    @property
    def location(self) -> Location:
        return Location(file=self.file, sheet=self.sheet, row=self.row, field=self.field)

    def __str__(self) -> str:
        return str(SeimonError(self.message_zh, self.message_en, self.location, self.rule))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (periods and dates as text)."""
        value = self.value
        if isinstance(value, Period):
            value = value.code
        elif isinstance(value, dt.date):
            value = value.isoformat()
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "field": self.field,
            "rule": self.rule,
            "value": value,
            "severity": self.severity,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@dataclass
class ValidationContext:
    """What the validator needs beyond the rows: where they came from, the date, code lookups, rules."""

    file: str
    sheet: str | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    lookups: Mapping[str, Callable[[str], bool]] = field(default_factory=dict)
    rules: RuleFile | None = None


# --- evaluation -------------------------------------------------------------------------------
def _missing(value: Any) -> bool:
    return value is None


def _skip(values: Sequence[Any], strategy: str) -> bool:
    missing = [_missing(v) for v in values]
    if strategy == "skip_if_any_missing":
        return any(missing)
    if strategy == "skip_if_all_missing":
        return all(missing)
    return False


def _num(value: Any) -> float:
    return 0.0 if value is None else float(value)


def _shown(value: Any) -> str:
    if isinstance(value, Period):
        return value.code
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "空" if value is None else str(value)


class _Checker:
    """Applies row rules to one record at a time and keeps the state group rules need."""

    def __init__(self, kind: str, context: ValidationContext) -> None:
        self.kind = kind
        self.context = context
        rules = context.rules or load_rules()
        self.rules = rules.for_kind(kind)
        self._warned_lookups: set[str] = set()
        self.first_seen: dict[tuple[str, tuple[Any, ...]], int] = {}
        self.series: dict[tuple[str, tuple[Any, ...]], list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)

    def error(self, record: Record, rule: Any, fld: str | None, value: Any, *, zh: str = "", en: str = "") -> RowError:
        return RowError(
            self.context.file,
            self.context.sheet,
            record.row_number,
            fld,
            rule.id,
            value,
            rule.message_zh + zh,
            rule.message_en + en,
            rule.severity,
        )

    def check(self, record: Record) -> list[RowError]:
        errors = [
            RowError(
                self.context.file,
                self.context.sheet,
                record.row_number,
                p.field,
                p.rule,
                p.value,
                p.message_zh,
                p.message_en,
            )
            for p in record.problems
        ]
        bad = {p.field for p in record.problems}
        for rule in self.rules:
            if isinstance(rule, RequiredRule):
                fields = [f for f in rule.fields if f not in bad]  # an unreadable cell is not also "missing"
                errors.extend(self.error(record, rule, f, None) for f in fields if _missing(record.values.get(f)))
            elif not bad.intersection(rule.fields_used()):  # else the cell's own error says it all
                errors.extend(getattr(self, f"_{rule.type}")(record, rule))
        return errors

    # row rules ---------------------------------------------------------------------------
    def _code_valid(self, record: Record, rule: CodeValidRule) -> list[RowError]:
        value = record.values.get(rule.field)
        lookup = self.context.lookups.get(rule.lookup)
        if lookup is None:
            if rule.lookup not in self._warned_lookups:
                logger.warning("rule %s skipped: no lookup %r in the validation context", rule.id, rule.lookup)
                self._warned_lookups.add(rule.lookup)
            return []
        if value is None or lookup(value):
            return []
        return [self.error(record, rule, rule.field, value, zh=f"：“{value}”", en=f": '{value}'")]

    def _credit_code(self, record: Record, rule: CreditCodeRule) -> list[RowError]:
        value = record.values.get(rule.field)
        if value is None:
            return []
        reason = uscc.validate(str(value), check_org_code=rule.check_org_code)
        if reason is None:
            return []
        return [self.error(record, rule, rule.field, value, zh=f"：{value} {reason[0]}", en=f": {value} {reason[1]}")]

    def _range(self, record: Record, rule: RangeRule) -> list[RowError]:
        value = record.values.get(rule.field)
        if _skip([value], rule.missing):
            return []
        number = _num(value)
        if (rule.min is not None and number < rule.min) or (rule.max is not None and number > rule.max):
            low = _shown(rule.min) if rule.min is not None else "-∞"
            high = _shown(rule.max) if rule.max is not None else "∞"
            bounds = f"[{low}, {high}]"
            return [
                self.error(
                    record,
                    rule,
                    rule.field,
                    value,
                    zh=f"（{_shown(value)} 不在 {bounds}）",
                    en=f" ({_shown(value)} not in {bounds})",
                )
            ]
        return []

    def _comparison(self, record: Record, rule: ComparisonRule) -> list[RowError]:
        left = record.values.get(rule.left)
        right = record.values.get(rule.right) if isinstance(rule.right, str) else rule.right
        if _skip([left, right], rule.missing):
            return []
        if _OPERATORS[rule.operator](_num(left), rule.factor * _num(right)):
            return []
        rname = rule.right if isinstance(rule.right, str) else "常数"
        detail_zh = f"（{rule.left}={_shown(left)}，{rname}={_shown(right)}）"
        detail_en = f" ({rule.left}={_shown(left)}, {rule.right}={_shown(right)})"
        return [self.error(record, rule, rule.left, left, zh=detail_zh, en=detail_en)]

    def _no_future_period(self, record: Record, rule: NoFuturePeriodRule) -> list[RowError]:
        period = record.values.get(rule.field)
        if not isinstance(period, Period) or period.end_date() <= self.context.as_of:
            return []
        as_of = self.context.as_of.isoformat()
        return [
            self.error(
                record,
                rule,
                rule.field,
                period,
                zh=f"（{period.code} 晚于 {as_of}）",
                en=f" ({period.code} ends after {as_of})",
            )
        ]

    def _ytd_convention(self, record: Record, rule: YtdConventionRule) -> list[RowError]:
        period = record.values.get(rule.field)
        if not isinstance(period, Period):
            return []
        reason = ytd_report_problem(period)
        if reason is None:
            return []
        return [self.error(record, rule, rule.field, period, zh=f"：{reason[0]}", en=f": {reason[1]}")]

    # group rules: collect now, judge in finish() ----------------------------------------------
    def _duplicate(self, record: Record, rule: DuplicateRule) -> list[RowError]:
        key = tuple(record.values.get(k) for k in rule.key)
        if any(_missing(v) for v in key):
            return []
        first = self.first_seen.setdefault((rule.id, key), record.row_number)
        if first == record.row_number:
            return []
        return [
            self.error(
                record,
                rule,
                rule.key[0],
                "|".join(_shown(v) for v in key),
                zh=f"（与第 {first} 行重复）",
                en=f" (same as row {first})",
            )
        ]

    def _ytd_non_decreasing(self, record: Record, rule: YtdNonDecreasingRule) -> list[RowError]:
        period = record.values.get(rule.period_field)
        group = tuple(record.values.get(k) for k in rule.group_by)
        if not isinstance(period, Period) or not period.is_cumulative() or any(_missing(v) for v in group):
            return []
        values = {f: record.values.get(f) for f in rule.fields}
        self.series[(rule.id, (*group, period.year))].append((period.end_month, record.row_number, values))
        return []

    def finish(self, records_by_row: Mapping[int, Record]) -> list[RowError]:
        errors: list[RowError] = []
        rules = {r.id: r for r in self.rules}
        for (rule_id, _group), points in self.series.items():
            rule = rules[rule_id]
            points.sort(key=lambda p: (p[0], p[1]))
            for fld in rule.fields:
                best: tuple[int, int, float] | None = None  # (end_month, row, value) of the highest earlier month
                for end_month, row, values in points:
                    value = values.get(fld)
                    if value is None:
                        continue
                    if best is not None and end_month > best[0] and value < best[2]:
                        errors.append(
                            self.error(
                                records_by_row[row],
                                rule,
                                fld,
                                value,
                                zh=f"（1-{end_month}月 {_shown(value)} 小于 1-{best[0]}月 {_shown(best[2])}，"
                                f"第 {best[1]} 行）",
                                en=f" (Jan–{end_month}: {_shown(value)} below Jan–{best[0]}: {_shown(best[2])}, "
                                f"row {best[1]})",
                            )
                        )
                    elif best is None or end_month > best[0]:
                        best = (end_month, row, value)
        return errors


def validate_rows(kind: str, rows: Iterable[Record], context: ValidationContext) -> tuple[list[Record], list[RowError]]:
    """Apply the rules of ``kind`` to converted rows; return the rows without errors and every problem.

    Rows with only warnings are kept. Unreadable cells (``Record.problems``) are errors with rule
    ``type``; rules that need such a cell are not applied to that row, so one mistake gives one
    error. Group rules (duplicates, year-to-date series) see all rows of the file, so the valid rows
    are known only at the end: the file is held as records in memory (one submission at a time).

    >>> from seimon.ingest.headers import resolve_header
    >>> from seimon.ingest.readers import RawRow, TableInfo
    >>> cols = ("统一社会信用代码", "时期", "营业收入", "工业增加值", "上年同期工业增加值")
    >>> hm = resolve_header("reports", TableInfo("r.csv", None, 1, cols))
    >>> raw = RawRow(2, dict(zip(cols, ["9144030071526726XG", "2020年1-9月", "100", "120", "90"])))
    >>> ok, errors = validate_rows("reports", [hm.convert(raw)], ValidationContext("r.csv"))
    >>> len(ok), [e.rule for e in errors]
    (0, ['va_le_revenue'])
    """
    if kind not in KINDS:
        raise SeimonError(f"未知的导入类型“{kind}”", f"unknown import kind '{kind}'", Location(file=context.file))
    checker = _Checker(kind, context)
    kept: dict[int, Record] = {}
    errors: list[RowError] = []
    for record in rows:
        kept[record.row_number] = record
        errors.extend(checker.check(record))
    errors.extend(checker.finish(kept))
    rejected = {e.row for e in errors if e.severity == "error"}
    valid = [r for n, r in kept.items() if n not in rejected]
    errors.sort(key=lambda e: (e.row, e.field or "", e.rule))
    logger.info("%s: %d rows valid, %d rejected, %d problems", context.file, len(valid), len(rejected), len(errors))
    return valid, errors
