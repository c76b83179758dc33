"""Headers: aliases in Chinese and English, units in headers, conversion to canonical units."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from seimon.errors import SeimonError
from seimon.ingest.headers import KINDS, required_fields, resolve_header, split_header_unit
from seimon.ingest.readers import RawRow, TableInfo, open_table
from seimon.periods import Period

CODE = "9144030071526726XG"


def info(*columns: str, file: str = "r.csv", sheet: str | None = None) -> TableInfo:
    return TableInfo(file, sheet, 1, columns)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("营业收入(亿元)", ("营业收入", "亿元")),
        ("营业收入（万元）", ("营业收入", "万元")),
        ("营业收入/亿元", ("营业收入", "亿元")),
        ("营业收入 / 千元", ("营业收入", "千元")),
        ("营业收入【万元】", ("营业收入", "万元")),
        ("营业收入（单位：亿元）", ("营业收入", "亿元")),
        ("营业收入(万元)_本期", ("营业收入_本期", "万元")),
        ("从业人员(人)", ("从业人员", "人")),
        ("研发经费(内部支出)", ("研发经费(内部支出)", None)),
        ("投入/产出", ("投入/产出", None)),
        ("营业收入", ("营业收入", None)),
    ],
)
def test_split_header_unit(header: str, expected: tuple[str, str | None]) -> None:
    assert split_header_unit(header) == expected


def test_aliases_zh_and_en() -> None:
    zh = resolve_header("reports", info("统一社会信用代码", "时期", "营业收入", "工业增加值", "上年同期工业增加值"))
    en = resolve_header("reports", info("Credit Code", "period", "revenue", "Value Added", "value_added_prior"))
    two_row = resolve_header(
        "reports",
        info("信用代码", "报告期", "营业收入_本期", "营业收入_上年同期", "工业增加值_本期", "工业增加值_上年同期"),
    )
    for hm in (zh, en):
        assert [c.spec.name for c in hm.columns] == [
            "credit_code",
            "period",
            "revenue",
            "value_added",
            "value_added_prior",
        ]
    assert [c.spec.name for c in two_row.columns] == [
        "credit_code",
        "period",
        "revenue",
        "revenue_prior",
        "value_added",
        "value_added_prior",
    ]


def test_units_convert_to_wanyuan() -> None:
    hm = resolve_header(
        "reports",
        info(
            "统一社会信用代码",
            "时期",
            "营业收入(亿元)",
            "工业增加值（千元）",
            "上年同期工业增加值/元",
            "从业人员(万人)",
        ),
    )
    raw = RawRow(
        5,
        {
            "统一社会信用代码": CODE.lower(),
            "时期": "2020年1-9月",
            "营业收入(亿元)": "1.5",
            "工业增加值（千元）": "１２，０００",
            "上年同期工业增加值/元": 50_000_000,
            "从业人员(万人)": "0.12",
        },
    )
    rec = hm.convert(raw)
    assert rec.problems == []
    assert rec.values["credit_code"] == CODE
    assert rec.values["period"] == Period.of_ytd(2020, 9)
    assert rec.values["revenue"] == pytest.approx(15000.0)
    assert rec.values["value_added"] == pytest.approx(1200.0)
    assert rec.values["value_added_prior"] == pytest.approx(5000.0)
    assert rec.values["employees"] == pytest.approx(1200.0)
    assert rec.values["profit"] is None  # optional fields not in the file are present as None


def test_magnitude_in_cell_of_a_yi_column() -> None:
    hm = resolve_header(
        "reports", info("统一社会信用代码", "时期", "营业收入(亿元)", "工业增加值", "上年同期工业增加值")
    )
    rec = hm.convert(RawRow(2, {"营业收入(亿元)": "3000万", "工业增加值": "1.2亿", "上年同期工业增加值": None}))
    assert rec.values["revenue"] == pytest.approx(3000.0)  # 3000万 (元) = 3000 万元, whatever the header says
    assert rec.values["value_added"] == pytest.approx(12000.0)


def test_extras_kept_and_unknown_units_refused() -> None:
    hm = resolve_header("enterprises", info("统一社会信用代码", "企业名称", "地区代码", "行业代码", "联系人", "电话"))
    assert hm.extras == ("联系人", "电话")
    rec = hm.convert(RawRow(2, {"统一社会信用代码": CODE, "联系人": "王五", "电话": None, "column_9": "x"}))
    assert rec.extras == {"联系人": "王五", "电话": None, "column_9": "x"}
    with pytest.raises(SeimonError) as err:
        resolve_header(
            "reports", info("统一社会信用代码", "时期", "营业收入(美元)", "工业增加值", "上年同期工业增加值")
        )
    assert "美元" in err.value.message_zh and "cannot be converted" in err.value.message_en
    assert err.value.location.field == "revenue"


def test_missing_required_columns_name_file_and_fields() -> None:
    with pytest.raises(SeimonError) as err:
        resolve_header("reports", info("统一社会信用代码", "营业收入", file="城市上报.xlsx", sheet="报表"))
    e = err.value
    text = str(e)
    assert (
        "文件 城市上报.xlsx" in text and "工作表 报表" in text and "file 城市上报.xlsx" in text and "sheet 报表" in text
    )
    assert "时期" in e.message_zh and "工业增加值" in e.message_zh and "上年同期工业增加值" in e.message_zh
    assert "period" in e.message_en and "value_added_prior" in e.message_en
    assert e.code == "missing_columns"


def test_two_columns_for_one_field() -> None:
    with pytest.raises(SeimonError) as err:
        resolve_header("enterprises", info("统一社会信用代码", "企业名称", "name", "地区代码", "行业代码"))
    assert "企业名称" in err.value.message_zh and "name" in err.value.message_en


def test_unreadable_cells_become_problems_with_column_names() -> None:
    hm = resolve_header("observations", info("指标", "地区", "时期", "数值", "单位", "可靠性", "发布日期"))
    rec = hm.convert(
        RawRow(
            9,
            {
                "指标": "sei_va_share",
                "地区": "１３０１００",
                "时期": "2020年13月",
                "数值": "约12",
                "单位": "%",
                "可靠性": "D",
                "发布日期": "2021年2月30日",
            },
        )
    )
    assert rec.values["region"] == "130100"
    assert {p.field for p in rec.problems} == {"period", "value", "reliability", "published"}
    value_problem = next(p for p in rec.problems if p.field == "value")
    assert value_problem.value == "约12" and "数值" in value_problem.message_zh and "'数值'" in value_problem.message_en


def test_header_unit_fills_missing_unit_cell() -> None:
    hm = resolve_header("regional", info("地区代码", "时期", "指标", "数值(亿元)", "单位"))
    rec = hm.convert(RawRow(2, {"地区代码": 130100, "时期": "2020", "指标": "gdp", "数值(亿元)": 1.5, "单位": None}))
    assert rec.values["unit"] == "亿元" and rec.values["region"] == "130100" and rec.values["value"] == 1.5


def test_every_kind_has_its_required_fields() -> None:
    assert required_fields("enterprises") == ["credit_code", "name", "region", "industry"]
    assert required_fields("reports") == ["credit_code", "period", "revenue", "value_added", "value_added_prior"]
    assert set(required_fields("regional")) == {"region", "period", "indicator", "value", "unit"}
    assert "price_index" in required_fields("deflators")
    assert required_fields("service-reports") == ["credit_code", "period", "revenue"]
    assert required_fields("talent-demand") == ["credit_code", "occupation", "demand", "period"]
    assert set(KINDS) == {"enterprises", "reports", "service-reports", "deflators", "regional", "observations"} | {
        "talent-demand",
        "projects",
        "project-progress",
        "responsibilities",
        "tasks",
        "task-reports",
        "bases",
    }


def test_from_workbook_to_records(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "企业"
    ws.append(["重点企业名录"])
    ws.append(["统一社会信用代码", "企业名称", "地区代码", "行业代码", "成立日期", "备用"])
    ws.append([CODE, "石家庄某某生物科技有限公司", 130100, "2710", "2015/3/1", None])
    ws.append(["91330100716105852F", "保定某某新能源有限公司", "130600", 3841, 42064, "x"])
    path = tmp_path / "enterprises.xlsx"
    wb.save(path)
    with open_table(path) as table:
        hm = resolve_header("enterprises", table.info)
        records = list(hm.records(table.rows()))
    assert [r.row_number for r in records] == [3, 4]
    assert records[0].values["region"] == "130100" and records[1].values["industry"] == "3841"
    assert str(records[0].values["established"]) == "2015-03-01" == str(records[1].values["established"])
