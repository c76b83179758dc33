"""One current report per enterprise and (year, end month), however a file spells the period.

Reports are year-to-date flows: ``2020``, ``2020年`` and ``2020年1-12月`` are one figure, as are ``2020H1``,
``2020年上半年`` and ``2020年1-6月``. Both import paths store them as ``YYYY-01..MM`` (kind ``ytd``), so a
second spelling is a new vintage of the same key (or unchanged), never a second current row.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import Store, open_store

AS_OF = dt.date(2021, 6, 30)
CODES = list(generate_codes("130100", 4, seed=23))
HEADER = "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值,研发经费支出"
# two current rows for one enterprise and (year, end month): must never come back
DOUBLE_CURRENT = (
    "SELECT credit_code, year, end_month, count(*) FROM reports"
    " WHERE is_current AND start_month = 1 GROUP BY credit_code, year, end_month HAVING count(*) > 1"
)


def _write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _register(store: Store, folder: Path) -> None:
    lines = [f"{c},企业{i},130100,3841" for i, c in enumerate(CODES)]
    path = _write(folder / "register.csv", lines, "统一社会信用代码,企业名称,地区代码,行业代码")
    assert import_file(store, "enterprises", path, as_of=AS_OF).status == "loaded"


def _stored(store: Store, code: str) -> list[tuple[object, ...]]:
    return store.fetchall(
        "SELECT period, period_kind, year, start_month, end_month, revenue, is_current, batch_id FROM reports"
        " WHERE credit_code = ? ORDER BY batch_id, row_number",
        (code,),
    )


@pytest.mark.parametrize(
    ("first", "second", "code"),
    [
        ("2020年1-12月", "2020", "2020-01..12"),
        ("2020", "2020年1-12月", "2020-01..12"),
        ("2020年", "2020-01..12", "2020-01..12"),
        ("2020年上半年", "2020年1-6月", "2020-01..06"),
        ("2020年1-6月", "2020H1", "2020-01..06"),
        ("2020Q1", "2020年1-3月", "2020-01..03"),
    ],
)
def test_second_spelling_is_a_new_vintage(store: Store, tmp_path: Path, first: str, second: str, code: str) -> None:
    _register(store, tmp_path)
    s1 = import_file(store, "reports", _write(tmp_path / "a.csv", [f"{CODES[0]},{first},1000,200,180,"]), as_of=AS_OF)
    s2 = import_file(store, "reports", _write(tmp_path / "b.csv", [f"{CODES[0]},{second},1100,210,180,"]), as_of=AS_OF)
    assert (s1.status, s2.status) == ("loaded", "loaded")
    assert (s2.rows_loaded, s2.rows_unchanged, s2.rows_superseded) == (1, 0, 1)
    end = int(code[-2:])
    assert _stored(store, CODES[0]) == [
        (code, "ytd", 2020, 1, end, 1000.0, False, s1.batch_id),
        (code, "ytd", 2020, 1, end, 1100.0, True, s2.batch_id),
    ]
    assert store.fetchall(DOUBLE_CURRENT) == []


@pytest.mark.parametrize(("first", "second"), [("2020年1-12月", "2020"), ("2020年上半年", "2020年1-6月")])
def test_same_figure_spelled_again_is_unchanged(store: Store, tmp_path: Path, first: str, second: str) -> None:
    _register(store, tmp_path)
    s1 = import_file(store, "reports", _write(tmp_path / "a.csv", [f"{CODES[0]},{first},1000,200,180,"]), as_of=AS_OF)
    s2 = import_file(store, "reports", _write(tmp_path / "b.csv", [f"{CODES[0]},{second},1000,200,180,"]), as_of=AS_OF)
    assert (s2.status, s2.rows_loaded, s2.rows_unchanged, s2.rows_superseded) == ("loaded", 0, 1, 0)
    rows = _stored(store, CODES[0])
    assert len(rows) == 1 and rows[0][6] is True and rows[0][7] == s1.batch_id


def test_two_spellings_in_one_file_are_a_duplicate(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    path = _write(tmp_path / "r.csv", [f"{CODES[0]},2020年1-12月,1000,200,180,", f"{CODES[0]},2020年,1000,200,180,"])
    summary = import_file(store, "reports", path, as_of=AS_OF)
    assert (summary.status, summary.rows_loaded, summary.rows_quarantined) == ("partial", 1, 1)
    error = summary.errors[0]
    assert (error["row"], error["rule"], error["value"]) == (3, "report_duplicate", f"{CODES[0]}|2020-01..12")
    assert "第 2 行" in error["message_zh"] and "row 2" in error["message_en"]


def test_raw_row_keeps_the_period_as_written(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    # R&D above revenue: a warning, so the row loads and its raw row is kept in the quarantine
    path = _write(tmp_path / "r.csv", [f"{CODES[1]},2020年上半年,1000,200,180,5000"])
    summary = import_file(store, "reports", path, as_of=AS_OF)
    assert (summary.status, summary.rows_loaded, summary.rows_warned) == ("loaded", 1, 1)
    raw, key = store.fetchone("SELECT raw_json, row_key FROM quarantine WHERE batch_id = ?", (summary.batch_id,))
    assert json.loads(raw)["时期"] == "2020年上半年"
    assert key == f"{CODES[1]}|2020-01..06"
    assert _stored(store, CODES[1])[0][:2] == ("2020-01..06", "ytd")


def test_other_periods_are_judged_as_before(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    lines = [f"{CODES[1]},2020Q3,1000,200,180,", f"{CODES[2]},2020年7-9月,1000,200,180,", f"{CODES[3]},2020H2,1,1,1,"]
    summary = import_file(store, "reports", _write(tmp_path / "r.csv", lines), as_of=AS_OF)
    assert (summary.rows_loaded, summary.rows_quarantined) == (0, 3)
    assert {(e["row"], e["rule"]) for e in summary.errors} == {
        (2, "report_ytd_convention"),
        (3, "report_ytd_convention"),
        (4, "report_ytd_convention"),
    }


def test_fast_and_row_paths_store_the_same_codes(tmp_path: Path) -> None:
    register = _write(
        tmp_path / "register.csv",
        [f"{c},企业{i},130100,3841" for i, c in enumerate(CODES)],
        "统一社会信用代码,企业名称,地区代码,行业代码",
    )
    spellings = ["2020年1-2月", "2020-01..03", "2020H1", "2020年1-9月", "2020年", "2019", "2019年上半年", "2019Q1"]
    lines = [f"{c},{p},{1000 + 10 * i},{200 + i},180," for c in CODES for i, p in enumerate(spellings)]
    reports = _write(tmp_path / "r.csv", lines)
    stored = {}
    for fast in (True, False):
        with open_store(f"duckdb://{tmp_path / f'fast_{fast}.duckdb'}") as store:
            import_file(store, "enterprises", register, as_of=AS_OF)
            summary = import_file(store, "reports", reports, as_of=AS_OF, fast=fast)
            assert (summary.fast_path, summary.rows_loaded) == (fast, len(lines))
            stored[fast] = store.fetchall(
                "SELECT credit_code, period, period_kind, year, start_month, end_month, revenue, row_number"
                " FROM reports ORDER BY row_number"
            )
    assert stored[True] == stored[False]
    assert {r[1] for r in stored[True]} == {
        "2020-01..02",
        "2020-01..03",
        "2020-01..06",
        "2020-01..09",
        "2020-01..12",
        "2019-01..12",
        "2019-01..06",
        "2019-01..03",
    }
    assert {r[2] for r in stored[True]} == {"ytd"}


def test_no_double_current_after_a_mix_of_imports(store: Store, tmp_path: Path) -> None:
    _register(store, tmp_path)
    files = [
        [f"{CODES[0]},2020年1-12月,1000,200,180,", f"{CODES[1]},2020年上半年,500,100,90,"],
        [f"{CODES[0]},2020,1000,200,180,", f"{CODES[1]},2020H1,550,100,90,", f"{CODES[2]},2020Q1,300,50,40,"],
        [f"{CODES[0]},2020年,1200,220,180,", f"{CODES[2]},2020年1-3月,300,50,40,", f"{CODES[1]},2020-01..06,560,1,1,"],
        [f"{CODES[2]},2020-01..03,310,50,40,", f"{CODES[3]},2020年1-12月,10,1,1,", f"{CODES[3]},2020,10,1,1,"],
    ]
    for i, rows in enumerate(files):
        import_file(store, "reports", _write(tmp_path / f"r{i}.csv", rows), as_of=AS_OF)
    assert store.fetchall(DOUBLE_CURRENT) == []
    current = store.fetchall(
        "SELECT credit_code, period, revenue FROM reports WHERE is_current ORDER BY credit_code, period"
    )
    assert sorted(current) == sorted(
        [
            (CODES[0], "2020-01..12", 1200.0),
            (CODES[1], "2020-01..06", 560.0),
            (CODES[2], "2020-01..03", 310.0),
            (CODES[3], "2020-01..12", 10.0),
        ]
    )
    assert store.fetchone("SELECT count(*) FROM reports WHERE period_kind <> 'ytd'") == (0,)
