"""The set-based CSV path and the row-by-row path give the same stored rows and the same problems."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import open_store

AS_OF = dt.date(2021, 6, 30)
CODES = list(generate_codes("130100", 8, seed=5))


def _corpus(folder: Path) -> tuple[Path, Path]:
    """A report file mixing plain rows with every kind of odd or wrong row."""
    register = folder / "e.csv"
    register.write_text(
        "统一社会信用代码,企业名称,地区代码,行业代码\n"
        + "".join(f"{c},企业{i},130100,3841\n" for i, c in enumerate(CODES)),
        encoding="utf-8",
    )
    bad_check = CODES[1][:17] + ("0" if CODES[1][17] != "0" else "1")
    unknown = next(iter(generate_codes("130300", 1, seed=77)))
    lines = ["统一社会信用代码,时期,营业收入(亿元),工业增加值,上年同期工业增加值,研发经费支出,企业名称,联系人"]
    for i, code in enumerate(CODES[:6]):
        for m in (2, 5, 8):
            lines.append(f"{code},2020-01..{m:02d},{0.1 * m + i},{100 * m},{95 * m},{m},企业{i},张{i}")
    lines += [
        f'{CODES[6]},2020年1-3月,"1,234",300,290,,企业6,',  # grouped digits: odd but valid
        f"{CODES[6].lower()},2020年1-6月,0.5,400,390,1,企业6,李",  # lower-case code: odd but valid
        f"{CODES[7]},2020年第一季度,0.2,100,95,1,企业7,王",  # a quarter: odd period form
        f"{bad_check},2020年1-3月,0.1,100,90,1,错,赵",
        f"{unknown},2020年1-3月,0.1,100,90,1,外,钱",
        f"{CODES[0]},2020-01..02,0.1,100,95,1,重复,孙",  # duplicate of row 2
        f"{CODES[2]},2020-01..09,abc,100,95,1,文本,周",
        f"{CODES[3]},2020-01..09,0.001,100,95,1,增加值大于收入,吴",
        f"{CODES[4]},2020-01..09,0.1,100,95,1,累计减少,郑",  # falls below 1-8月 (warning)
        f"{CODES[5]},2030-01..03,9,100,95,1,未来,冯",
        f"{CODES[5]},2020-01..01,9,100,95,1,一月,陈",
        f"{CODES[5]},2020-01..10,9,100,10,1,增速异常,褚",  # va_growth_plausible warning
        f"{CODES[5]},2020-01..11,—,100,95,1,缺失,卫",
        ",,,,,,,",
        "注：单位为亿元,,,,,,,",
    ]
    reports = folder / "r.csv"
    reports.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return register, reports


def _snapshot(url: str, register: Path, reports: Path, fast: bool) -> tuple[object, ...]:
    with open_store(url) as store:
        import_file(store, "enterprises", register, as_of=AS_OF)
        summary = import_file(store, "reports", reports, as_of=AS_OF, fast=fast)
        assert summary.fast_path is fast
        stored = store.fetchall(
            "SELECT credit_code, period, period_kind, year, start_month, end_month, revenue, value_added,"
            " value_added_prior, rd_expenditure, extra_json, row_number, is_current FROM reports ORDER BY row_number"
        )
        stored = [(*r[:10], json.loads(r[10]) if r[10] else None, *r[11:]) for r in stored]
        problems = store.fetchall(
            "SELECT row_number, field, rule, value, severity, message_zh, message_en, raw_json, row_key"
            " FROM quarantine WHERE batch_id = ? ORDER BY row_number, field, rule",
            (summary.batch_id,),
        )
        counts = (summary.rows_read, summary.rows_loaded, summary.rows_quarantined, summary.rows_warned)
        return counts, stored, problems


def test_fast_and_row_paths_agree(tmp_path: Path) -> None:
    register, reports = _corpus(tmp_path)
    slow = _snapshot(f"duckdb://{tmp_path / 'slow.duckdb'}", register, reports, fast=False)
    quick = _snapshot(f"duckdb://{tmp_path / 'fast.duckdb'}", register, reports, fast=True)
    assert slow[0] == quick[0]
    assert slow[1] == quick[1]
    assert slow[2] == quick[2]
    counts, stored, problems = quick
    assert counts[0] == 31  # the blank line and the footnote are not data
    rules = {(p[0], p[2]) for p in problems}
    assert {
        (23, "report_credit_code"),
        (24, "unknown_enterprise"),
        (25, "report_duplicate"),
        (26, "type"),
        (27, "va_le_revenue"),
        (28, "ytd_non_decreasing"),
        (29, "report_no_future_period"),
        (30, "report_ytd_convention"),
        (31, "va_growth_plausible"),
    } <= rules
    assert stored[0][6] == 2000.0  # 0.2 亿元 → 2000 万元


def test_fast_path_falls_back_when_rows_would_shift(tmp_path: Path) -> None:
    register, reports = _corpus(tmp_path)
    text = reports.read_text(encoding="utf-8-sig").replace("张0\n", "张0\n\n", 1)  # a blank line shifts row numbers
    shifted = tmp_path / "shifted.csv"
    shifted.write_text(text, encoding="utf-8")
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        import_file(store, "enterprises", register, as_of=AS_OF)
        summary = import_file(store, "reports", shifted, as_of=AS_OF, fast=True)
        assert not summary.fast_path
        assert store.fetchall("SELECT min(row_number), max(row_number) FROM reports") == [(2, 32)]
