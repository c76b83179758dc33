"""Readers and encodings: a corpus of well-formed and malformed files generated here."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import os
import tracemalloc
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from seimon.errors import SeimonError
from seimon.ingest.encoding import detect_encoding
from seimon.ingest.readers import open_table

ROWS_ZH = [
    ["统一社会信用代码", "企业名称", "营业收入（万元）"],
    ["9144030071526726XG", "石家庄某某生物科技有限公司", "1,234.5"],
    ["91330100716105852F", "保定市新能源装备有限公司", "２３４"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # quotes "1,234.5" as Excel does
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read_all(path: Path, **kw: object) -> tuple[object, list[tuple[int, dict[str, object]]]]:
    with open_table(path, **kw) as table:  # type: ignore[arg-type]
        return table.info, [(r.row_number, r.values) for r in table.rows()]


# --- CSV encodings ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_csv_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    path = write_csv(tmp_path / f"e_{encoding}.csv", ROWS_ZH, encoding)
    assert detect_encoding(path) == expected
    info, rows = read_all(path)
    assert info.columns == ("统一社会信用代码", "企业名称", "营业收入（万元）")  # type: ignore[attr-defined]
    assert info.encoding == expected  # type: ignore[attr-defined]
    assert rows[0] == (2, {"统一社会信用代码": "9144030071526726XG", "企业名称": "石家庄某某生物科技有限公司",
                           "营业收入（万元）": "1,234.5"})  # fmt: skip
    assert rows[1][1]["企业名称"] == "保定市新能源装备有限公司"


def test_gbk_file_with_long_ascii_head_is_still_detected(tmp_path: Path) -> None:
    # 3 MB of ASCII rows before the first Chinese character: a head-only sample would say ASCII/UTF-8.
    lines = ["credit_code,name,revenue"] + [f"9144030071526726XG,company {i:06d},{i}" for i in range(80_000)]
    lines.append("91330100716105852F,石家庄某某科技有限公司,12")
    path = tmp_path / "late_gbk.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    assert path.stat().st_size > 2_500_000
    assert detect_encoding(path) == "gb18030"
    with open_table(path) as table:
        (last,) = collections.deque(table.rows(), maxlen=1)
    assert last.values["name"] == "石家庄某某科技有限公司" and last.row_number == 80_002


def test_gb18030_only_characters(tmp_path: Path) -> None:
    rows = [["code", "name"], ["A1", "𠮷野家（石家庄）餐饮有限公司"], ["A2", "䶮"]]
    path = write_csv(tmp_path / "gb18030.csv", rows, "gb18030")
    _, got = read_all(path)
    assert [r[1]["name"] for r in got] == ["𠮷野家（石家庄）餐饮有限公司", "䶮"]


def test_csv_title_rows_footnotes_blank_rows_and_extras(tmp_path: Path) -> None:
    rows = [
        ["2020年1-9月战略性新兴产业企业主要指标", "", ""],
        ["", "", ""],
        ["统一社会信用代码", "时期", "营业收入"],
        ["9144030071526726XG", "2020年1-9月", "100"],
        ["", "", ""],
        ["91330100716105852F", "2020年1-9月", "200", "多出的一列"],
        ["注：本表为快报数。", "", ""],
        ["数据来源：市统计局", "", ""],
    ]
    path = write_csv(tmp_path / "titled.csv", rows, "utf-8")
    info, got = read_all(path)
    assert info.header_row == 3  # type: ignore[attr-defined]
    assert [n for n, _ in got] == [4, 6]
    assert got[1][1]["column_4"] == "多出的一列"  # nothing beyond the header is dropped


def test_footnote_like_row_followed_by_data_is_kept(tmp_path: Path) -> None:
    rows = [["名称", "数值"], ["说明：下行为补报", ""], ["甲", "1"]]
    path = write_csv(tmp_path / "mid_note.csv", rows, "utf-8")
    _, got = read_all(path)
    assert [n for n, _ in got] == [2, 3]


def test_csv_two_row_header(tmp_path: Path) -> None:
    rows = [
        ["统一社会信用代码", "营业收入", "", "工业增加值", ""],
        ["", "本期", "上年同期", "本期", "上年同期"],
        ["9144030071526726XG", "10", "9", "3", "2.5"],
    ]
    path = write_csv(tmp_path / "two_row.csv", rows, "gbk")
    info, got = read_all(path)
    assert info.columns == (  # type: ignore[attr-defined]
        "统一社会信用代码",
        "营业收入_本期",
        "营业收入_上年同期",
        "工业增加值_本期",
        "工业增加值_上年同期",
    )
    assert info.header_rows == 2  # type: ignore[attr-defined]
    assert got == [(3, {"统一社会信用代码": "9144030071526726XG", "营业收入_本期": "10", "营业收入_上年同期": "9",
                        "工业增加值_本期": "3", "工业增加值_上年同期": "2.5"})]  # fmt: skip


def test_tab_separated_and_quoted_multiline(tmp_path: Path) -> None:
    path = tmp_path / "tabs.csv"
    path.write_text('名称\t备注\n甲\t"第一行\n第二行"\n乙\t无\n', encoding="utf-8")
    _, got = read_all(path)
    assert [(n, v["名称"]) for n, v in got] == [(2, "甲"), (4, "乙")]  # row numbers are line numbers
    assert got[0][1]["备注"] == "第一行\n第二行"


# --- XLSX -------------------------------------------------------------------------------------
def make_report_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "请按统计局要求填报，金额单位为万元。"
    ws = wb.create_sheet("报表")
    ws.append(["2020年1-9月战略性新兴产业重点企业主要经济指标"])
    ws.merge_cells("A1:F1")
    ws.append(["填报单位：石家庄市统计局", None, None, None, "单位：万元"])
    ws.merge_cells("A2:D2")
    ws.merge_cells("E2:F2")
    ws.append(["统一社会信用代码", "时期", "营业收入\n（万元）", None, "工业增加值", None])
    ws.append([None, None, "本期", "上年同期", "本期", "上年同期"])
    for ref in ("A3:A4", "B3:B4", "C3:D3", "E3:F3"):
        ws.merge_cells(ref)
    ws.append(["9144030071526726XG", "2020年1-9月", 1234.5, 1000, 300, 280])
    ws.append([])
    ws.append(["91330100716105852F", "2020年1-9月", "1,200", None, dt.datetime(2015, 3, 1), 5])
    ws.append(["注：本表数据为快报数。"])
    ws.append(["数据来源：石家庄市统计局"])
    ws.append(["单位负责人：张三", None, "填表人：李四", None, "报出日期：2020年10月15日"])
    wb.save(path)
    return path


def test_xlsx_title_rows_merged_two_row_header_footnotes(tmp_path: Path) -> None:
    path = make_report_workbook(tmp_path / "report.xlsx")
    info, got = read_all(path)
    assert info.sheet == "报表"  # type: ignore[attr-defined]  # the notes sheet is not a table and is passed over
    assert info.header_row == 3 and info.header_rows == 2  # type: ignore[attr-defined]
    assert info.columns == (  # type: ignore[attr-defined]
        "统一社会信用代码",
        "时期",
        "营业收入（万元）_本期",
        "营业收入（万元）_上年同期",
        "工业增加值_本期",
        "工业增加值_上年同期",
    )
    assert [n for n, _ in got] == [5, 7]  # as Excel shows them; the blank row 6 and footnotes are skipped
    assert got[0][1]["营业收入（万元）_本期"] == 1234.5
    assert got[1][1]["营业收入（万元）_本期"] == "1,200"
    assert got[1][1]["营业收入（万元）_上年同期"] is None
    assert got[1][1]["工业增加值_本期"] == "2015-03-01"  # a date cell, as ISO text


def test_xlsx_named_sheet_and_missing_sheet(tmp_path: Path) -> None:
    path = make_report_workbook(tmp_path / "report.xlsx")
    with pytest.raises(SeimonError) as info:
        read_all(path, sheet="填表说明")
    err = info.value
    assert err.location.file == str(path) and err.location.sheet == "填表说明"
    assert "不是数据表" in err.message_zh and "not a table" in err.message_en
    with pytest.raises(SeimonError) as info:
        read_all(path, sheet="Sheet9")
    assert "Sheet9" in info.value.message_en and "报表" in info.value.message_zh


def test_workbook_without_any_table(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "只有一段说明文字"
    wb.active["A3"] = "第二段"
    path = tmp_path / "prose.xlsx"
    wb.save(path)
    with pytest.raises(SeimonError) as info:
        read_all(path)
    assert str(path) in str(info.value) and "not a table" in info.value.message_en


def test_xlsx_gap_rows_keep_excel_numbering(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A2"], ws["B2"] = "名称", "数值"
    ws["A3"], ws["B3"] = "甲", 1
    ws["A40"], ws["B40"] = "乙", 2
    path = tmp_path / "gaps.xlsx"
    wb.save(path)
    info, got = read_all(path)
    assert info.header_row == 2  # type: ignore[attr-defined]
    assert [(n, v["名称"]) for n, v in got] == [(3, "甲"), (40, "乙")]


# --- Parquet ----------------------------------------------------------------------------------
def test_parquet(tmp_path: Path) -> None:
    table = pa.table(
        {
            "credit_code": ["9144030071526726XG", None, "91330100716105852F"],
            "revenue": [1.5, None, 2.0],
            "established": [dt.date(2015, 3, 1), None, None],
        }
    )
    path = tmp_path / "r.parquet"
    pq.write_table(table, path)
    info, got = read_all(path)
    assert info.columns == ("credit_code", "revenue", "established")  # type: ignore[attr-defined]
    assert info.format == "parquet"  # type: ignore[attr-defined]
    assert got == [
        (1, {"credit_code": "9144030071526726XG", "revenue": 1.5, "established": "2015-03-01"}),
        (3, {"credit_code": "91330100716105852F", "revenue": 2.0, "established": None}),
    ]


# --- unreadable files -------------------------------------------------------------------------
def assert_names_file(err: SeimonError, path: Path) -> None:
    text = str(err)
    assert f"文件 {path}" in text and f"file {path}" in text
    assert "无法读取文件" in err.message_zh and "cannot read the file" in err.message_en


def test_empty_file(tmp_path: Path) -> None:
    for name in ("empty.csv", "empty.xlsx", "empty.parquet"):
        path = tmp_path / name
        path.write_bytes(b"")
        with pytest.raises(SeimonError) as info:
            read_all(path)
        assert_names_file(info.value, path)
        assert "empty" in info.value.message_en


def test_blank_csv_has_no_data(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("\n,,\n\n", encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        read_all(path)
    assert_names_file(info.value, path)


def test_truncated_xlsx(tmp_path: Path) -> None:
    good = make_report_workbook(tmp_path / "good.xlsx").read_bytes()
    for cut in (len(good) // 2, len(good) - 30, 100):
        path = tmp_path / f"truncated_{cut}.xlsx"
        path.write_bytes(good[:cut])
        with pytest.raises(SeimonError) as info:
            read_all(path)
        assert_names_file(info.value, path)
        assert "damaged or truncated" in info.value.message_en


def test_binary_garbage(tmp_path: Path) -> None:
    data = os.urandom(4096)
    for name in ("garbage.csv", "garbage.xlsx", "garbage.parquet", "garbage.txt"):
        path = tmp_path / name
        path.write_bytes(b"\x13\x37" + data)
        with pytest.raises(SeimonError) as info:
            read_all(path)
        assert str(path) in str(info.value)


def test_control_characters_without_nul(tmp_path: Path) -> None:
    path = tmp_path / "ctrl.csv"
    path.write_bytes(bytes(range(1, 9)) * 300)
    with pytest.raises(SeimonError) as info:
        read_all(path)
    assert_names_file(info.value, path)


def test_legacy_xls_and_wrong_zip(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(SeimonError) as info:
        read_all(xls)
    assert ".xlsx" in info.value.message_zh and "legacy" in info.value.message_en
    import zipfile

    not_excel = tmp_path / "other.xlsx"
    with zipfile.ZipFile(not_excel, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(SeimonError) as info:
        read_all(not_excel)
    assert_names_file(info.value, not_excel)


def test_corrupt_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1" + os.urandom(200) + b"PAR1")
    with pytest.raises(SeimonError) as info:
        read_all(path)
    assert_names_file(info.value, path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SeimonError) as info:
        open_table(tmp_path / "nope.csv")
    assert "file not found" in str(info.value)


# --- streaming --------------------------------------------------------------------------------
def test_streaming_300k_rows_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="gbk", newline="") as fh:
        fh.write("统一社会信用代码,企业名称,时期,营业收入,工业增加值,上年同期工业增加值\r\n")
        for i in range(300_000):
            fh.write(f"9144030071526726XG,石家庄某某科技有限公司{i},2020年1-9月,{i}.5,{i % 997},{i % 991}\r\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = 0
        chunks = 0
        last_row = 0
        with open_table(path) as table:
            for chunk in table.chunks(2000):
                chunks += 1
                count += len(chunk)
                last_row = chunk[-1].row_number
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 300_000 and last_row == 300_001 and chunks == 150
    # The rows as Python objects would take many times the file size; streaming keeps far below it.
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte file"
