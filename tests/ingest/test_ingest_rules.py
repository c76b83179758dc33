"""Validation rules: the rule file, every rule type, missing-value strategies and located errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from seimon.errors import SeimonError
from seimon.ingest.headers import Record, resolve_header
from seimon.ingest.readers import RawRow, TableInfo, open_table
from seimon.ingest.rules import (
    RowError,
    RuleFile,
    ValidationContext,
    load_rules,
    rules_json_schema,
    validate_rows,
)
from seimon.periods import parse_period

A, B = "9144030071526726XG", "91330100716105852F"
REPORT_COLS = ("统一社会信用代码", "时期", "营业收入", "工业增加值", "上年同期工业增加值", "研发经费支出", "从业人员")


def reports(*rows: tuple[object, ...], file: str = "r.csv") -> list[Record]:
    hm = resolve_header("reports", TableInfo(file, "报表", 1, REPORT_COLS))
    return [hm.convert(RawRow(i + 2, dict(zip(REPORT_COLS, row, strict=False)))) for i, row in enumerate(rows)]


def ctx(**kw: object) -> ValidationContext:
    kw.setdefault("as_of", dt.date(2021, 3, 1))
    return ValidationContext("r.csv", "报表", **kw)  # type: ignore[arg-type]


def by_rule(errors: list[RowError]) -> dict[str, list[RowError]]:
    out: dict[str, list[RowError]] = {}
    for e in errors:
        out.setdefault(e.rule, []).append(e)
    return out


def rules_of(text: str, tmp_path: Path) -> RuleFile:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path)


# --- the default rules and a clean file -------------------------------------------------------
def test_default_rules_load_and_export_schema(tmp_path: Path) -> None:
    rules = load_rules()
    kinds = {k for r in rules.rules for k in r.kind}
    assert kinds == {"enterprises", "reports", "service-reports", "deflators", "regional", "observations"} | {
        "talent-demand",
        "projects",
        "project-progress",
        "responsibilities",
        "tasks",
        "task-reports",
        "bases",
    }
    types = {r.type for r in rules.rules}
    assert types == {
        "required",
        "code_valid",
        "credit_code",
        "range",
        "comparison",
        "no_future_period",
        "ytd_convention",
        "ytd_non_decreasing",
        "duplicate",
    }
    schema = rules_json_schema()
    (tmp_path / "s.json").write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    assert "rules" in schema["properties"]
    assert {"ComparisonRule", "DuplicateRule", "YtdNonDecreasingRule"} <= set(schema["$defs"])


def test_clean_rows_pass() -> None:
    rows = reports(
        (A, "2020年1-2月", "100", "30", "28", "5", "120"),
        (A, "2020年1-3月", "160", "45", "40", "7", "121"),
        (B, "2020年1-3月", "1,000", "300", "290", "", ""),
    )
    valid, errors = validate_rows("reports", rows, ctx())
    assert errors == []
    assert [r.row_number for r in valid] == [2, 3, 4]


# --- each rule type ---------------------------------------------------------------------------
def test_comparison_va_le_revenue_and_error_location() -> None:
    valid, errors = validate_rows("reports", reports((A, "2020年1-9月", "100", "120", "90")), ctx())
    assert valid == []
    (err,) = errors
    assert (err.file, err.sheet, err.row, err.field, err.rule, err.value, err.severity) == (
        "r.csv",
        "报表",
        2,
        "value_added",
        "va_le_revenue",
        120.0,
        "error",
    )
    assert err.message_zh.startswith("工业增加值不能大于营业收入") and "revenue=100" in err.message_en
    text = str(err)
    assert "文件 r.csv" in text and "工作表 报表" in text and "第 2 行数据" in text and "字段 value_added" in text
    assert "file r.csv" in text and "sheet 报表" in text and "row 2" in text and "field value_added" in text
    assert err.to_dict()["row"] == 2


def test_warning_does_not_reject() -> None:
    valid, errors = validate_rows("reports", reports((A, "2020年1-9月", "1000", "400", "100")), ctx())
    assert [r.row_number for r in valid] == [2]
    assert [(e.rule, e.severity) for e in errors] == [("va_growth_plausible", "warning")]


def test_required_and_type_errors_are_reported_once() -> None:
    valid, errors = validate_rows("reports", reports((A, "2020年1-9月", "abc", "", "10")), ctx())
    assert valid == []
    got = sorted((e.field, e.rule) for e in errors)
    assert got == [("revenue", "type"), ("value_added", "report_required")]
    type_err = next(e for e in errors if e.rule == "type")
    assert type_err.value == "abc" and "不是数字" in type_err.message_zh and "营业收入" in type_err.message_zh


def test_credit_code_rule() -> None:
    bad = A[:-1] + "H"
    valid, errors = validate_rows("reports", reports((bad, "2020年1-9月", "100", "30", "28")), ctx())
    assert valid == []
    (err,) = errors
    assert err.rule == "report_credit_code" and err.field == "credit_code" and err.value == bad
    assert "expected G" in err.message_en and "应为 G" in err.message_zh


def test_ytd_convention_rule() -> None:
    rows = reports(
        (A, "2020年1月", "100", "30", "28"),
        (A, "2020-02", "100", "30", "28"),
        (A, "2020Q3", "100", "30", "28"),
        (A, "2020年1-2月", "100", "30", "28"),
    )
    valid, errors = validate_rows("reports", rows, ctx())
    assert [r.row_number for r in valid] == [5]
    assert [(e.row, e.rule) for e in errors] == [(2, "report_ytd_convention"), (3, "report_ytd_convention"),
                                                  (4, "report_ytd_convention")]  # fmt: skip
    assert "1-2月" in errors[0].message_zh and "2020年1-2月" in errors[1].message_zh


def test_no_future_period_rule() -> None:
    rows = reports((A, "2021年1-2月", "100", "30", "28"), (A, "2021年1-3月", "150", "40", "38"))
    valid, errors = validate_rows("reports", rows, ctx(as_of=dt.date(2021, 3, 15)))
    assert [r.row_number for r in valid] == [2]
    (err,) = errors
    assert err.rule == "report_no_future_period" and err.row == 3 and "2021-03-15" in err.message_en


def test_range_rule() -> None:
    valid, errors = validate_rows("reports", reports((A, "2020年1-9月", "100", "30", "28", "-1", "-5")), ctx())
    assert valid == []
    assert sorted(e.rule for e in errors) == ["employees_nonnegative", "rd_nonnegative"]


def test_duplicate_rule_names_the_first_row() -> None:
    rows = reports(
        (A, "2020年1-9月", "100", "30", "28"),
        (B, "2020年1-9月", "100", "30", "28"),
        (A, "2020年1－9月", "101", "30", "28"),
    )
    valid, errors = validate_rows("reports", rows, ctx())
    assert [r.row_number for r in valid] == [2, 3]
    (err,) = errors
    assert err.rule == "report_duplicate" and err.row == 4 and "第 2 行" in err.message_zh and "row 2" in err.message_en


def test_ytd_non_decreasing_group_rule() -> None:
    rows = reports(
        (A, "2020年1-6月", "600", "200", "190"),
        (A, "2020年1-2月", "200", "60", "58"),
        (A, "2020年1-9月", "550", "250", "240"),  # revenue fell below 1-6月
        (B, "2020年1-9月", "10", "3", "3"),
        (A, "2021年1-2月", "100", "30", "60"),  # a new year starts again from zero
    )
    valid, errors = validate_rows("reports", rows, ctx(as_of=dt.date(2021, 6, 1)))
    assert len(valid) == 5  # a warning by default
    (err,) = errors
    assert (err.rule, err.row, err.field, err.severity) == ("ytd_non_decreasing", 4, "revenue", "warning")
    assert "1-6月" in err.message_zh and "row 2" in err.message_en


def test_code_valid_rule_with_pluggable_lookup(reference_dir: Path) -> None:
    import csv

    with (reference_dir / "hebei_regions_top.csv").open(encoding="utf-8") as fh:
        regions = {row["code"] for row in csv.DictReader(fh)}
    cols = ("统一社会信用代码", "企业名称", "地区代码", "行业代码")
    hm = resolve_header("enterprises", TableInfo("e.csv", None, 1, cols))
    rows = [
        hm.convert(RawRow(2, dict(zip(cols, (A, "甲", "130100", "2710"), strict=True)))),
        hm.convert(RawRow(3, dict(zip(cols, (B, "乙", "999999", "27"), strict=True)))),
    ]
    context = ValidationContext(
        "e.csv", lookups={"region": regions.__contains__, "industry": lambda code: len(code) == 4 and code.isdigit()}
    )
    valid, errors = validate_rows("enterprises", rows, context)
    assert [r.row_number for r in valid] == [2]
    assert [(e.row, e.field, e.rule) for e in errors] == [
        (3, "industry", "enterprise_industry_code"),
        (3, "region", "enterprise_region_code"),
    ]
    # without lookups, the code rules are skipped (and logged), not failed
    valid, errors = validate_rows("enterprises", rows, ValidationContext("e.csv"))
    assert len(valid) == 2 and errors == []


# --- missing-value strategies -----------------------------------------------------------------
STRATEGY_RULES = """
version: 1
rules:
  - id: profit_le_revenue
    kind: reports
    type: comparison
    left: rd_expenditure
    operator: "<="
    right: revenue
    missing: {strategy}
    message_zh: 研发经费不能大于营业收入
    message_en: R&D cannot exceed revenue
"""


@pytest.mark.parametrize(
    ("strategy", "rd", "revenue", "fails"),
    [
        ("skip_if_any_missing", "5", "", False),
        ("skip_if_any_missing", "", "", False),
        ("skip_if_all_missing", "5", "", True),  # revenue missing counts as 0: 5 <= 0 fails
        ("skip_if_all_missing", "", "", False),
        ("never_skip", "", "", False),  # 0 <= 0
        ("never_skip", "5", "", True),
        ("never_skip", "5", "10", False),
    ],
)
def test_missing_strategies(tmp_path: Path, strategy: str, rd: str, revenue: str, fails: bool) -> None:
    rules = rules_of(STRATEGY_RULES.format(strategy=strategy), tmp_path)
    rows = reports((A, "2020年1-9月", revenue, "1", "1", rd))
    _, errors = validate_rows("reports", rows, ctx(rules=rules))
    assert bool(errors) is fails


def test_constant_right_side_and_factor(tmp_path: Path) -> None:
    rules = rules_of(
        """
rules:
  - {id: big, kind: [reports], type: comparison, left: revenue, operator: "<", right: 1000, factor: 2,
     severity: warning, message_zh: 营业收入异常大, message_en: revenue unusually large}
""",
        tmp_path,
    )
    _, errors = validate_rows("reports", reports((A, "2020", "2000", "1", "1"), (A, "2019", "1999", "1", "1")),
                              ctx(rules=rules))  # fmt: skip
    assert [(e.row, e.severity) for e in errors] == [(2, "warning")]


# --- malformed rule files ---------------------------------------------------------------------
def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    with pytest.raises(SeimonError) as err:
        rules_of("rules:\n  - id: x\n    kind: [reports\n    type: required\n", tmp_path)
    e = err.value
    assert e.location.file and e.location.file.endswith("rules.yaml") and e.location.line is not None
    assert "YAML" in e.message_zh and "YAML" in e.message_en


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        # bad operator on line 10
        ("  - id: a\n    kind: reports\n    type: comparison\n    left: value_added\n    right: revenue\n"
         "    message_zh: 甲\n    message_en: a\n    operator: '=<'\n", 10, "rules[0].operator"),
        # a field that the kind does not have
        ("  - id: b\n    kind: reports\n    type: range\n    field: turnover\n    min: 0\n"
         "    message_zh: 乙\n    message_en: b\n", 3, "rules[0]"),
        # unknown kind
        ("  - id: c\n    kind: companies\n    type: required\n    fields: [name]\n"
         "    message_zh: 丙\n    message_en: c\n", 4, "rules[0].kind"),
        # unknown rule type
        ("  - id: d\n    kind: reports\n    type: magic\n    message_zh: 丁\n    message_en: d\n", 5, "rules[0].type"),
        # a typo in a key
        ("  - id: e\n    kind: reports\n    type: required\n    fields: [revenue]\n    mesage_zh: 戊\n"
         "    message_zh: 戊\n    message_en: e\n", 7, "rules[0].mesage_zh"),
    ],
)  # fmt: skip
def test_malformed_rules_have_file_line_field(tmp_path: Path, body: str, line: int, field: str) -> None:
    with pytest.raises(SeimonError) as err:
        rules_of("version: 1\nrules:\n" + body, tmp_path)
    e = err.value
    assert e.location.file is not None and e.location.file.endswith("rules.yaml")
    assert e.location.line == line, str(e)
    assert e.location.field == field
    assert "规则文件有误" in e.message_zh and "invalid rules file" in e.message_en


def test_duplicate_rule_ids_refused(tmp_path: Path) -> None:
    rule = "  - {id: a, kind: reports, type: required, fields: [revenue], message_zh: 甲, message_en: a}\n"
    with pytest.raises(SeimonError) as err:
        rules_of("rules:\n" + rule + rule, tmp_path)
    assert "duplicate rule id a" in err.value.message_en


# --- end to end from a file -------------------------------------------------------------------
def test_pipeline_from_gbk_csv(tmp_path: Path) -> None:
    lines = [
        "统一社会信用代码,时期,营业收入(亿元),工业增加值,上年同期工业增加值",
        f"{A},2020年1-9月,1.5,3000,2800",
        f"{B},2020年1-9月,０．２,3000,2800",
        f"{A[:-1]}H,2020年13月,x,1,1",
        "注：金额单位见表头",
    ]
    path = tmp_path / "city.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    with open_table(path) as table:
        header = resolve_header("reports", table.info)
        context = ValidationContext(str(path), table.info.sheet, as_of=dt.date(2021, 3, 1))
        valid, errors = validate_rows("reports", header.records(table.rows()), context)
    assert [r.row_number for r in valid] == [2]
    assert valid[0].values["revenue"] == pytest.approx(15000.0)
    assert valid[0].values["period"] == parse_period("2020年1-9月")
    assert [(e.row, e.field, e.rule) for e in errors] == [
        (3, "value_added", "va_le_revenue"),  # 0.2亿元 = 2000万元 < 3000万元
        (4, "credit_code", "report_credit_code"),
        (4, "period", "type"),
        (4, "revenue", "type"),
    ]
    assert all(e.file == str(path) and e.sheet is None for e in errors)
    assert f"文件 {path}，第 4 行数据，字段 period" in str(errors[2])
