"""The import pipeline on real DuckDB and PostgreSQL: batches, quarantine, vintages, rejection, atomicity."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from seimon.ingest.batches import key_history, list_batches, show_batch
from seimon.ingest.pipeline import import_file
from seimon.ingest.quarantine import list_quarantine, write_error_report
from seimon.reference.credit_code import generate_codes
from seimon.store import Store, open_store

AS_OF = dt.date(2021, 6, 30)
CODES = list(generate_codes("130100", 6, seed=11))
TABLES = ("batches", "quarantine", "enterprises", "reports", "deflators", "regional", "observations")
REPORT_HEADER = "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值,联系人"


def _write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def _register(store: Store, folder: Path, codes: list[str] = CODES) -> None:
    lines = ["统一社会信用代码,企业名称,地区代码,行业代码"] + [f"{c},企业{i},130100,3841" for i, c in enumerate(codes)]
    summary = import_file(store, "enterprises", _write(folder / "register.csv", lines), as_of=AS_OF)
    assert summary.status == "loaded", summary.errors


def _counts(store: Store) -> dict[str, int]:
    return {t: int(store.fetchall(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


def _report(  # noqa: PLR0917 - one report line
    code: str, period: str, revenue: object, va: object, prior: object = 100, extra: str = "x"
) -> str:
    return f"{code},{period},{revenue},{va},{prior},{extra}"


def test_clean_file_loads_with_provenance(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    path = _write(
        tmp_path / "r.csv",
        [REPORT_HEADER, _report(CODES[0], "2020年1-2月", 1000, 200), _report(CODES[0], "2020年1-3月", 1500, 300)],
    )
    summary = import_file(store, "reports", path, user="张三", as_of=AS_OF)
    assert (summary.status, summary.rows_read, summary.rows_loaded, summary.exit_code) == ("loaded", 2, 2, 0)
    rows = store.fetch_dicts("SELECT * FROM reports ORDER BY row_number")
    assert [r["period"] for r in rows] == ["2020-01..02", "2020-01..03"]
    assert [r["row_number"] for r in rows] == [2, 3]
    assert all(r["batch_id"] == summary.batch_id and r["is_current"] for r in rows)
    assert json.loads(rows[0]["extra_json"]) == {"联系人": "x"}
    batch = show_batch(store, summary.batch_id)
    assert (batch["file_name"], batch["user_name"], batch["status"], batch["rows_current"]) == (
        "r.csv",
        "张三",
        "loaded",
        2,
    )
    assert len(batch["file_hash"]) == 64


def test_invalid_rows_quarantined_with_reasons(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    bad_check = CODES[1][:17] + ("0" if CODES[1][17] != "0" else "1")
    unknown = next(iter(generate_codes("130200", 1, seed=99)))
    lines = [
        REPORT_HEADER,
        _report(CODES[0], "2020年1-3月", 1000, 200),  # 2 good
        _report(bad_check, "2020年1-3月", 1000, 200),  # 3 bad check digit
        _report(CODES[2], "2020年1-3月", "一千", 200),  # 4 text in a number column
        _report(CODES[3], "2020年1-3月", 100, 200),  # 5 value added above revenue
        _report(CODES[4], "2030年1-3月", 1000, 200),  # 6 future period
        _report(CODES[0], "2020年1-3月", 1000, 200),  # 7 duplicate of row 2
        _report(unknown, "2020年1-3月", 1000, 200),  # 8 not in the register
        _report(CODES[5], "2020年1月", 1000, 200),  # 9 January alone
    ]
    summary = import_file(store, "reports", _write(tmp_path / "bad.csv", lines), as_of=AS_OF)
    assert (summary.status, summary.rows_loaded, summary.rows_quarantined, summary.exit_code) == ("partial", 1, 7, 3)
    found = {(e["row"], e["field"], e["rule"]) for e in summary.errors if e["severity"] == "error"}
    assert found == {
        (3, "credit_code", "report_credit_code"),
        (4, "revenue", "type"),
        (5, "value_added", "va_le_revenue"),
        (6, "period", "report_no_future_period"),
        (7, "credit_code", "report_duplicate"),
        (8, "credit_code", "unknown_enterprise"),
        (9, "period", "report_ytd_convention"),
    }
    stored = list_quarantine(store, summary.batch_id, severity="error")
    assert len(stored) == 7
    for q in stored:
        assert q["file_name"] == "bad.csv" and q["message_zh"] and q["message_en"]
        assert json.loads(q["raw_json"])["统一社会信用代码"]
    dup = next(q for q in stored if q["rule"] == "report_duplicate")
    assert "第 2 行" in dup["message_zh"] and "row 2" in dup["message_en"]
    assert store.fetchall("SELECT row_number FROM reports") == [(2,)]


def test_warnings_load_and_are_recorded(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    lines = [
        REPORT_HEADER,
        _report(CODES[0], "2020年1-6月", 1000, 300, 280),
        _report(CODES[0], "2020年1-9月", 900, 400, 350),
    ]
    summary = import_file(store, "reports", _write(tmp_path / "w.csv", lines), as_of=AS_OF)
    assert (summary.status, summary.rows_loaded, summary.rows_warned, summary.exit_code) == ("loaded", 2, 1, 0)
    warnings = list_quarantine(store, summary.batch_id, severity="warning")
    assert [(w["row_number"], w["field"], w["rule"]) for w in warnings] == [(3, "revenue", "ytd_non_decreasing")]


def test_a_fall_is_found_across_a_missing_value_and_below_an_earlier_peak(store: Store, tmp_path: Path) -> None:
    """The store-side check flags whole series; every row below an earlier month's value is warned.

    On DuckDB both paths are checked (the fast path is DuckDB's; PostgreSQL imports row by row).
    """
    _register(store, tmp_path)
    lines = [
        REPORT_HEADER,
        _report(CODES[0], "2020年1-3月", 1000, 300),
        _report(CODES[0], "2020年1-6月", "", 400),  # revenue missing
        _report(CODES[0], "2020年1-9月", 900, 500),  # below 1–3月 across the gap
        _report(CODES[1], "2020年1-3月", 100, 10),
        _report(CODES[1], "2020年1-6月", 300, 20),
        _report(CODES[1], "2020年1-9月", 200, 30),  # below 1–6月
        _report(CODES[1], "2020年1-12月", 250, 40),  # above 1–9月, still below the 1–6月 peak
        _report(CODES[2], "2020年1-3月", 100, 10),
        _report(CODES[2], "2020年1-6月", 200, 20),
    ]
    for fast in (False, True) if store.dialect == "duckdb" else (False,):
        store.execute("DELETE FROM reports")
        path = _write(tmp_path / f"falls_{fast}.csv", [*lines, f"# {'fast' if fast else 'row by row'}"])
        summary = import_file(store, "reports", path, as_of=AS_OF, fast=fast)
        assert summary.fast_path == fast
        warnings = list_quarantine(store, summary.batch_id, severity="warning")
        falls = sorted((w["row_number"], w["field"]) for w in warnings if w["rule"] == "ytd_non_decreasing")
        assert falls == [(4, "revenue"), (7, "revenue"), (8, "revenue")], fast


def test_reimport_is_noop_and_correction_is_new_vintage(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    first = _write(
        tmp_path / "r1.csv",
        [REPORT_HEADER, _report(CODES[0], "2020年1-3月", 1000, 200), _report(CODES[1], "2020年1-3月", 800, 100)],
    )
    s1 = import_file(store, "reports", first, as_of=AS_OF)
    before = _counts(store)
    again = import_file(store, "reports", first, as_of=AS_OF)
    assert (again.status, again.batch_id, again.exit_code) == ("unchanged", s1.batch_id, 0)
    assert _counts(store) == before
    corrected = _write(
        tmp_path / "r2.csv",
        [REPORT_HEADER, _report(CODES[0], "2020年1-3月", 1000, 250), _report(CODES[1], "2020年1-3月", 800, 100)],
    )
    s2 = import_file(store, "reports", corrected, as_of=AS_OF)
    assert (s2.rows_loaded, s2.rows_unchanged, s2.rows_superseded) == (1, 1, 1)
    history = key_history(store, "reports", credit_code=CODES[0], period="2020-01..03")
    assert [(h["value_added"], h["is_current"], h["batch_id"]) for h in history] == [
        (200.0, False, s1.batch_id),
        (250.0, True, s2.batch_id),
    ]
    assert history[0]["file_name"] == "r1.csv"
    assert show_batch(store, s1.batch_id)["superseded_later"] == 1
    assert show_batch(store, s2.batch_id)["rows_superseded"] == 1


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.csv", b"", "为空"),
        ("missing.csv", "统一社会信用代码,时期,营业收入\nA,2020年1-3月,1\n".encode(), "缺少必需的列"),
        ("notatable.csv", "只有一段说明文字\n".encode(), "不是数据表"),
        ("bad.xlsx", b"PK\x03\x04 this is not really a workbook", "Excel"),
        ("binary.csv", bytes(range(32)) * 200, "编码"),
    ],
)
def test_unreadable_files_rejected_whole(
    store: Store, tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _counts(store)
    summary = import_file(store, "reports", path, as_of=AS_OF)
    assert (summary.status, summary.exit_code) == ("rejected", 2)
    assert fragment in (summary.message_zh or ""), summary.message_zh
    assert summary.message_en and name in summary.message_zh
    after = _counts(store)
    assert after["batches"] == before["batches"] + 1
    assert {k: v for k, v in after.items() if k != "batches"} == {k: v for k, v in before.items() if k != "batches"}
    assert list_batches(store)[0]["status"] == "rejected"


def test_truncated_xlsx_rejected_without_partial_batch(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.append(REPORT_HEADER.split(","))
    for i in range(3000):
        ws.append([CODES[i % 6], f"{2000 + i // 6}年1-3月", 1000, 200, 100, "x"])
    good = tmp_path / "full.xlsx"
    wb.save(good)
    data = good.read_bytes()
    with zipfile.ZipFile(good) as z:
        sheet = z.getinfo("xl/worksheets/sheet1.xml")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: sheet.header_offset + sheet.compress_size // 2] + data[-200:])
    before = _counts(store)
    summary = import_file(store, "reports", cut, as_of=AS_OF)
    assert summary.status == "rejected"
    after = _counts(store)
    assert after["reports"] == before["reports"] and after["quarantine"] == before["quarantine"]


def test_xlsx_and_gbk_csv_import(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.title = "报表"
    ws.append(["2020年企业报表"])
    ws.append(["credit_code", "period", "revenue(亿元)", "value added", "value added prior"])
    ws.append([CODES[0], "2020年1-3月", 0.5, 1000, 900])
    wb.save(tmp_path / "r.xlsx")
    s1 = import_file(store, "reports", tmp_path / "r.xlsx", sheet="报表", as_of=AS_OF)
    assert (s1.status, s1.sheet) == ("loaded", "报表")
    assert store.fetchall("SELECT revenue, row_number FROM reports") == [(5000.0, 3)]
    gbk = _write(tmp_path / "g.csv", [REPORT_HEADER, _report(CODES[1], "2020年1-3月", 10, 2)], encoding="gbk")
    assert import_file(store, "reports", gbk, as_of=AS_OF).status == "loaded"


def test_error_report_spreadsheet_and_retry(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    lines = [REPORT_HEADER, _report(CODES[0], "2020年1-3月", 1000, 200), _report(CODES[1], "2020年1-3月", 50, 200)]
    summary = import_file(store, "reports", _write(tmp_path / "r.csv", lines), as_of=AS_OF)
    report = write_error_report(store, summary.batch_id, tmp_path / "errors.xlsx")
    ws = load_workbook(report).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert values[0] == [
        *REPORT_HEADER.split(","),
        "行号/row",
        "字段/field",
        "规则/rule",
        "错误说明/message_zh",
        "message (en)",
    ]
    assert values[1][:6] == [CODES[1], "2020年1-3月", "50", "200", "100", "x"]
    assert values[1][6:9] == [3, "value_added", "va_le_revenue"]
    assert "工业增加值不能大于营业收入" in values[1][9] and "value added cannot exceed revenue" in values[1][10]
    ws.cell(row=2, column=3, value="5000")
    fixed = tmp_path / "fixed.xlsx"
    ws.parent.save(fixed)
    retry = import_file(store, "reports", fixed, retry_of=summary.batch_id, as_of=AS_OF)
    assert (retry.status, retry.rows_loaded) == ("loaded", 1)
    resolved = list_quarantine(store, summary.batch_id)
    assert [q["resolved_by_batch"] for q in resolved] == [retry.batch_id]
    extra = store.fetchall("SELECT extra_json FROM reports WHERE batch_id = ?", (retry.batch_id,))[0][0]
    assert json.loads(extra) == {"联系人": "x"}


def test_other_kinds(store: Store, tmp_path: Path) -> None:
    defl = _write(tmp_path / "d.csv", ["行业代码,时期,价格指数", "38,2020年1-9月,101.5", "99,2020年1-9月,100"])
    s = import_file(store, "deflators", defl, as_of=AS_OF)
    assert (s.rows_loaded, [e["rule"] for e in s.errors]) == (1, ["deflator_industry_code"])
    reg = _write(
        tmp_path / "g.csv",
        [
            "地区代码,时期,指标,数值,单位",
            "130100,2020,GDP,5935.1,亿元",
            "999999,2020,GDP,1,亿元",
            "130200,2020,GDP,1,亿斤斤",
        ],
    )
    s = import_file(store, "regional", reg, as_of=AS_OF)
    assert (s.rows_loaded, sorted(e["rule"] for e in s.errors)) == (1, ["regional_region_code", "unknown_unit"])
    ents = _write(
        tmp_path / "e.csv",
        ["统一社会信用代码,企业名称,地区代码,行业代码", f"{CODES[0]},甲,130100,3841", f"{CODES[1]},乙,130100,9941"],
    )
    s = import_file(store, "enterprises", ents, as_of=AS_OF)
    assert (s.rows_loaded, [e["rule"] for e in s.errors]) == (1, ["enterprise_industry_code"])
    classified = store.fetchall("SELECT DISTINCT credit_code FROM enterprise_classifications")
    assert classified == [(CODES[0],)]


def test_observation_vintages_follow_publication(store: Store, tmp_path: Path) -> None:
    from seimon.plan import load_plan

    target = next(t for t in load_plan().targets if t.unit_normalized == "千瓦")
    header = "指标,地区,时期,数值,单位,发布日期"
    first = _write(tmp_path / "o1.csv", [header, f"{target.name_zh},130000,2019,1000,万千瓦,2020-03-01"])
    later = _write(tmp_path / "o2.csv", [header, f"{target.id},130000,2019,1100,万千瓦,2020-09-01"])
    older = _write(tmp_path / "o3.csv", [header, f"{target.id},130000,2019,990,万千瓦,2020-01-15"])
    for path in (first, later, older):
        assert import_file(store, "observations", path, as_of=AS_OF).status == "loaded"
    rows = store.fetchall(
        "SELECT value, unit, value_as_written, unit_as_written, is_current FROM observations ORDER BY published"
    )
    assert rows == [
        (9900000.0, "千瓦", "990", "万千瓦", False),
        (10000000.0, "千瓦", "1000", "万千瓦", False),
        (11000000.0, "千瓦", "1100", "万千瓦", True),
    ]
    bad = _write(
        tmp_path / "o4.csv", [header, f"{target.id},130000,2019,5,亿元,2020-10-01", "没有的指标,130000,2019,5,个,"]
    )
    s = import_file(store, "observations", bad, as_of=AS_OF)
    assert sorted(e["rule"] for e in s.errors) == ["unit_not_convertible", "unknown_indicator"]


_KILL_SCRIPT = """
import sys
from seimon.store import open_store
from seimon.ingest.pipeline import import_file
with open_store(sys.argv[1]) as store:
    print("start", flush=True)
    import_file(store, "reports", sys.argv[2], fast=False, chunk_size=500,
                progress=lambda n: print("rows", n, flush=True))
"""


def test_killed_import_changes_nothing(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url) as store:
        _register(store, tmp_path)
        before = _counts(store)
    lines = [REPORT_HEADER] + [
        _report(CODES[i % 6], f"{1950 + i // 66}年1-{2 + i % 11}月", 1000 + i, 200) for i in range(40000)
    ]
    big = _write(tmp_path / "big.csv", lines)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, store_url, str(big)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    deadline = time.time() + 120
    seen = 0
    for line in proc.stdout:
        if line.startswith("rows"):
            seen = int(line.split()[1])
            if seen >= 2000:
                break
        assert time.time() < deadline
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert seen >= 2000, "the import did not get under way"
    with open_store(store_url) as store:
        assert _counts(store) == before
