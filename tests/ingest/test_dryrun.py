"""The dry run on real DuckDB and PostgreSQL: every problem of the real import, and nothing left behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest
from openpyxl import Workbook

from seimon.errors import SeimonError
from seimon.ingest.batches import SUMMARY_ERROR_LIMIT
from seimon.ingest.dryrun import PROBLEM_KEYS, ValidationReport, all_problems, validate_file
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import Store, open_store

AS_OF = dt.date(2021, 6, 30)
CODES = list(generate_codes("130100", 6, seed=11))
TABLES = (
    "batches",
    "quarantine",
    "enterprises",
    "reports",
    "deflators",
    "regional",
    "observations",
    "enterprise_classifications",
)
REPORT_HEADER = "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值,联系人"


def _write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def _register(store: Store, folder: Path) -> None:
    lines = ["统一社会信用代码,企业名称,地区代码,行业代码"] + [f"{c},企业{i},130100,3841" for i, c in enumerate(CODES)]
    summary = import_file(store, "enterprises", _write(folder / "register.csv", lines), as_of=AS_OF)
    assert summary.status == "loaded", summary.errors


def _state(store: Store) -> dict[str, Any]:
    """Everything a dry run could leave behind: rows of every table, leftover TEMP tables, DuckDB settings."""
    state: dict[str, Any] = {t: int(store.fetchall(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}
    state["temp_tables"] = sorted(
        r[0]
        for r in store.fetchall("SELECT table_name FROM information_schema.tables")
        if str(r[0]).startswith("seimon_import")
    )
    state["max_batch"] = store.fetchone("SELECT max(batch_id) FROM batches")
    if store.dialect == "duckdb":
        state["settings"] = store.fetchone("SELECT current_setting('memory_limit'), current_setting('temp_directory')")
    return state


def _stored_problems(store: Store, batch_id: int) -> list[dict[str, Any]]:
    return all_problems(store, batch_id)


def _bad_reports(folder: Path) -> Path:
    bad_check = CODES[1][:17] + ("0" if CODES[1][17] != "0" else "1")
    unknown = next(iter(generate_codes("130200", 1, seed=99)))
    return _write(
        folder / "bad.csv",
        [
            REPORT_HEADER,
            f"{CODES[0]},2020年1-3月,1000,200,100,x",  # 2 good
            f"{bad_check},2020年1-3月,1000,200,100,x",  # 3 bad check digit
            f"{CODES[2]},2020年1-3月,一千,200,100,x",  # 4 text in a number column
            f"{CODES[3]},2020年1-3月,100,200,100,x",  # 5 value added above revenue
            f"{CODES[4]},2030年1-3月,1000,200,100,x",  # 6 future period
            f"{CODES[0]},2020年1-3月,1000,200,100,x",  # 7 duplicate of row 2
            f"{unknown},2020年1-3月,1000,200,100,x",  # 8 not in the register
            f"{CODES[5]},2020年1-6月,1000,300,280,x",  # 9 good
            f"{CODES[5]},2020年1-9月,900,400,350,x",  # 10 revenue falls: a warning, loads
        ],
    )


def test_dry_run_lists_every_problem_of_the_real_import_and_keeps_nothing(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    path = _bad_reports(tmp_path)
    before = _state(store)
    report = validate_file(store, "reports", path, as_of=AS_OF)
    assert _state(store) == before
    assert (report.kind, report.file, report.status) == ("reports", "bad.csv", "partial")
    assert (report.rows_read, report.rows_valid, report.rows_quarantined, report.rows_warned) == (9, 3, 6, 1)
    assert {(p["row"], p["field"], p["rule"], p["severity"]) for p in report.problems} == {
        (3, "credit_code", "report_credit_code", "error"),
        (4, "revenue", "type", "error"),
        (5, "value_added", "va_le_revenue", "error"),
        (6, "period", "report_no_future_period", "error"),
        (7, "credit_code", "report_duplicate", "error"),
        (8, "credit_code", "unknown_enterprise", "error"),
        (10, "revenue", "ytd_non_decreasing", "warning"),
    }
    assert all(set(p) == set(PROBLEM_KEYS) and p["message_zh"] and p["message_en"] for p in report.problems)
    assert next(p for p in report.problems if p["rule"] == "type")["value"] == "一千"
    assert [p["severity"] for p in report.problems][-1] == "warning"  # errors first
    assert "6 行有错误" in report.message_zh and "6 with errors" in report.message_en
    assert "1 行有警告" in report.message_zh
    # the real import finds exactly the same problems, in the same order, and does store them
    summary = import_file(store, "reports", path, as_of=AS_OF)
    assert _stored_problems(store, summary.batch_id) == report.problems
    assert (summary.rows_loaded, summary.rows_quarantined) == (report.rows_valid, report.rows_quarantined)
    assert _state(store) != before


def test_store_rules_judge_against_the_stored_history(store: Store, tmp_path: Path) -> None:
    """A jump against the enterprise's own stored years is found by the dry run, as by the import."""
    _register(store, tmp_path)
    history = [REPORT_HEADER] + [
        f"{CODES[0]},{y}年1-9月,{100 * 1.05 ** (y - 2014):.2f},{30 * 1.05 ** (y - 2014):.2f},1,x"
        for y in range(2014, 2020)
    ]
    assert import_file(store, "reports", _write(tmp_path / "h.csv", history), as_of=AS_OF).status == "loaded"
    jump = _write(tmp_path / "j.csv", [REPORT_HEADER, f"{CODES[0]},2020年1-9月,1000,40,38,x"])
    before = _state(store)
    report = validate_file(store, "reports", jump, as_of=AS_OF)
    assert _state(store) == before
    assert [(p["row"], p["field"], p["rule"], p["severity"]) for p in report.problems] == [
        (2, "revenue", "outlier_jump", "warning")
    ]
    assert (report.status, report.rows_valid, report.rows_warned) == ("loaded", 1, 1)
    assert "校验通过" in report.message_zh and report.message_en.startswith("valid")


def test_every_problem_not_only_the_summary_limit(store: Store, tmp_path: Path) -> None:
    lines = ["行业代码,时期,价格指数", "38,2020年1-9月,101.5"]
    lines += [f"99,{1900 + i // 10}年1-{2 + i % 10}月,100" for i in range(SUMMARY_ERROR_LIMIT + 100)]
    path = _write(tmp_path / "d.csv", lines)
    before = _state(store)
    report = validate_file(store, "deflators", path, as_of=AS_OF)
    assert _state(store) == before
    wrong_code = [p for p in report.problems if p["rule"] == "deflator_industry_code"]
    assert len(wrong_code) == SUMMARY_ERROR_LIMIT + 100
    assert (report.rows_read, report.rows_valid) == (SUMMARY_ERROR_LIMIT + 101, 1)
    summary = import_file(store, "deflators", path, as_of=AS_OF)
    assert len(summary.errors) == SUMMARY_ERROR_LIMIT < len(report.problems) == summary.errors_total


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("notatable.csv", "只有一段说明文字\n".encode(), "不是数据表"),
        ("missing.csv", "统一社会信用代码,时期,营业收入\nA,2020年1-3月,1\n".encode(), "缺少必需的列"),
        ("bad.xlsx", b"PK\x03\x04 this is not really a workbook", "Excel"),
        ("empty.csv", b"", "为空"),
    ],
)
def test_file_rejected_whole_leaves_no_batch(
    store: Store, tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _state(store)
    report = validate_file(store, "reports", path, as_of=AS_OF)
    assert _state(store) == before  # the real import records a rejected batch; the dry run does not
    assert (report.status, report.submittable, report.rows_read, report.rows_valid) == ("rejected", False, 0, 0)
    assert fragment in report.message_zh and "cannot be submitted" in report.message_en
    assert len(report.problems) == 1 and set(report.problems[0]) == set(PROBLEM_KEYS)
    assert report.problems[0]["severity"] == "error" and fragment in report.problems[0]["message_zh"]
    assert import_file(store, "reports", path, as_of=AS_OF).status == "rejected"
    assert _state(store)["batches"] == before["batches"] + 1


def test_file_already_imported_is_unchanged_yet_fully_checked(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    path = _write(
        tmp_path / "r.csv",
        [REPORT_HEADER, f"{CODES[0]},2020年1-3月,1000,200,100,x", f"{CODES[1]},2020年1-3月,10,200,100,x"],
    )
    first = import_file(store, "reports", path, as_of=AS_OF)
    assert import_file(store, "reports", path, as_of=AS_OF).status == "unchanged"  # the import's shortcut
    before = _state(store)
    report = validate_file(store, "reports", path, as_of=AS_OF)
    assert _state(store) == before
    assert (report.status, report.same_batch_id, report.submittable) == ("unchanged", first.batch_id, True)
    assert report.problems == _stored_problems(store, first.batch_id)
    assert [p["rule"] for p in report.problems] == ["va_le_revenue"]
    assert (report.rows_read, report.rows_valid, report.rows_unchanged) == (2, 1, 1)
    assert f"批次 {first.batch_id}" in report.message_zh and "change nothing" in report.message_en


def test_enterprise_register_is_not_classified_by_a_dry_run(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "e.csv",
        ["统一社会信用代码,企业名称,地区代码,行业代码", f"{CODES[0]},甲,130100,3841", f"{CODES[1]},乙,130100,9941"],
    )
    before = _state(store)
    report = validate_file(store, "enterprises", path, as_of=AS_OF)
    assert _state(store) == before
    assert [(p["row"], p["rule"]) for p in report.problems] == [(3, "enterprise_industry_code")]
    import_file(store, "enterprises", path, as_of=AS_OF)
    after = _state(store)
    assert after["enterprise_classifications"] > before["enterprise_classifications"]


def test_xlsx_and_gbk_csv(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.title = "报表"
    ws.append(["2020年企业报表"])
    ws.append(["credit_code", "period", "revenue(亿元)", "value added", "value added prior"])
    ws.append([CODES[0], "2020年1-3月", 0.5, 1000, 900])
    ws.append([CODES[1], "2020年1-3月", 0.001, 1000, 900])  # 10 万元 of revenue, 1000 of value added
    wb.save(tmp_path / "r.xlsx")
    gbk = _write(tmp_path / "g.csv", [REPORT_HEADER, f"{CODES[2]},2020年1-3月,10,2,1,张三"], encoding="gbk")
    before = _state(store)
    xlsx = validate_file(store, "reports", tmp_path / "r.xlsx", sheet="报表", as_of=AS_OF)
    csv = validate_file(store, "reports", gbk, as_of=AS_OF)
    assert _state(store) == before
    assert (xlsx.status, xlsx.sheet, xlsx.rows_read, xlsx.rows_valid) == ("partial", "报表", 2, 1)
    assert [(p["row"], p["rule"]) for p in xlsx.problems] == [(4, "va_le_revenue")]
    assert (csv.status, csv.rows_read, csv.rows_valid, csv.problems) == ("loaded", 1, 1, [])


def test_errors_before_anything_runs(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SeimonError) as err:
        validate_file(store, "nonsense", tmp_path / "x.csv")
    assert err.value.code == "unknown_kind"
    with pytest.raises(SeimonError) as err:
        validate_file(store, "reports", tmp_path / "absent.csv")
    assert err.value.code == "not_found" and "absent.csv" in str(err.value)


def test_refuses_to_run_inside_an_open_transaction(store: Store, tmp_path: Path) -> None:
    """Inside a caller's transaction the dry run's rollback would be none: it refuses instead."""
    path = _write(tmp_path / "d.csv", ["行业代码,时期,价格指数", "38,2020年1-9月,101.5"])
    before = _state(store)
    with store.transaction(), pytest.raises(SeimonError) as err:
        validate_file(store, "deflators", path, as_of=AS_OF)
    assert err.value.code == "nested_transaction" and err.value.message_zh and err.value.message_en
    assert _state(store) == before


def test_report_round_trips_through_json_dict() -> None:
    report = ValidationReport(
        "reports",
        "r.csv",
        "partial",
        rows_read=2,
        rows_valid=1,
        rows_quarantined=1,
        problems=[dict.fromkeys(PROBLEM_KEYS, "x")],
    )
    again = ValidationReport.from_dict({**report.to_dict(), "from_a_newer_version": 1})
    assert again == report and again.submittable


def _broken_quote_file(folder: Path) -> Path:
    """A report CSV that DuckDB's strict CSV reader refuses (the fast path gives up on it mid-transaction)."""
    return _write(
        folder / "q.csv",
        [
            REPORT_HEADER,
            f"{CODES[0]},2020年1-3月,1000,200,100,x",
            f'{CODES[1]},"2020年1-3月"x,1000,200,100,x',
            f"{CODES[2]},2020年1-3月,100,200,100,x",
        ],
    )


def test_fast_path_giving_up_inside_the_dry_run(duckdb_url: str, tmp_path: Path) -> None:
    """On DuckDB the failed fast read aborts the transaction: the dry run runs again row by row."""
    path = _broken_quote_file(tmp_path)
    with open_store(duckdb_url) as store:
        _register(store, tmp_path)
        before = _state(store)  # the connection's own memory settings included
        report = validate_file(store, "reports", path, as_of=AS_OF, fast=True)
        assert _state(store) == before
        plain = _write(tmp_path / "p.csv", [REPORT_HEADER, f"{CODES[3]},2020年1-3月,100,200,100,x"])
        fast = validate_file(store, "reports", plain, as_of=AS_OF, fast=True)
        assert _state(store) == before
        summary = import_file(store, "reports", path, as_of=AS_OF, fast=False)
    assert report.status == "partial" and report.problems == _problems_of(duckdb_url, summary.batch_id)
    assert {(p["row"], p["severity"]) for p in report.problems} == {(3, "error"), (4, "error")}
    assert [(p["row"], p["rule"]) for p in fast.problems] == [(2, "va_le_revenue")]
    # why validate_file must take care: nested in a transaction, the import's own fallback cannot run,
    # and the import's memory cap, set inside the transaction, cannot be reset once it is aborted
    with open_store(f"duckdb://{tmp_path / 'plain.duckdb'}") as other:
        _register(other, tmp_path)
        pristine = _state(other)
        with pytest.raises(duckdb.Error), other.transaction():
            import_file(other, "reports", path, as_of=AS_OF, fast=True)
        assert _state(other)["settings"] != pristine["settings"]


def _problems_of(url: str, batch_id: int | None) -> list[dict[str, Any]]:
    with open_store(url) as store:
        return all_problems(store, batch_id)


def test_lower_memory_limit_of_the_connection_is_kept(duckdb_url: str, tmp_path: Path) -> None:
    with open_store(duckdb_url) as store:
        store.execute("SET memory_limit = '300MB'")
        _register(store, tmp_path)
        before = _state(store)
        validate_file(store, "reports", _bad_reports(tmp_path), as_of=AS_OF)
        assert _state(store) == before
        default = open_store(f"duckdb://{tmp_path / 'other.duckdb'}")
        try:
            plain = default.fetchone("SELECT current_setting('memory_limit')")
            validate_file(default, "reports", _bad_reports(tmp_path), as_of=AS_OF)
            assert default.fetchone("SELECT current_setting('memory_limit')") == plain
        finally:
            default.close()
