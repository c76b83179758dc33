"""The set-based CSV path after the speed work: same results as the row path, raw rows only where needed.

The fast path now checks credit codes and periods once per distinct value, tests number cells as
written (no trim), judges the row rules on the staged typed columns, keeps raw JSON only for rows
that earn a problem (rebuilt from DuckDB's staged cells), finds ytd candidates through a hashed
window, and caps DuckDB's memory during an import. Each test compares with the row-by-row path or
checks the stored facts directly.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from seimon.ingest.memory import bounded_memory, size_bytes
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import open_store

AS_OF = dt.date(2021, 6, 30)
CODES = list(generate_codes("130100", 6, seed=11))
HEADER = "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值,研发经费支出"


def _register(folder: Path) -> Path:
    register = folder / "e.csv"
    register.write_text(
        "统一社会信用代码,企业名称,地区代码,行业代码\n"
        + "".join(f"{c},企业{i},130100,3841\n" for i, c in enumerate(CODES[:5])),
        encoding="utf-8",
    )
    return register


def _write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _snapshot(url: str, register: Path, reports: Path, fast: bool) -> dict[str, object]:
    with open_store(url) as store:
        import_file(store, "enterprises", register, as_of=AS_OF)
        summary = import_file(store, "reports", reports, as_of=AS_OF, fast=fast)
        assert summary.fast_path is fast
        stored = store.fetchall(
            "SELECT credit_code, period, year, end_month, revenue, value_added, value_added_prior, rd_expenditure,"
            " extra_json, row_number, is_current FROM reports ORDER BY row_number"
        )
        problems = store.fetchall(
            "SELECT row_number, field, rule, value, severity, message_zh, message_en, raw_json, row_key"
            " FROM quarantine WHERE batch_id = ? ORDER BY row_number, field, rule",
            (summary.batch_id,),
        )
        physical = [r[0] for r in store.fetchall("SELECT row_number FROM reports")]
        orphans = store.fetchone(
            "SELECT count(*) FROM reports r LEFT JOIN batches b ON b.batch_id = r.batch_id"
            " WHERE r.row_number IS NULL OR b.file_name IS NULL OR b.file_hash IS NULL"
        )
        return {
            "counts": (summary.rows_read, summary.rows_loaded, summary.rows_quarantined, summary.rows_warned),
            "stored": stored,
            "problems": problems,
            "physical": physical,
            "orphans": orphans[0] if orphans else None,
        }


def _both(tmp_path: Path, reports: Path) -> tuple[dict[str, object], dict[str, object]]:
    """Both paths' snapshots, with ``physical`` (the storage order) as a sorted list.

    The fast path writes its plain rows straight into ``reports`` in file order and appends the few
    odd rows (checked in Python) after them, so the storage order differs from the row path's as
    soon as an odd row loads; which rows are stored does not.
    """
    register = _register(tmp_path)
    slow = _snapshot(f"duckdb://{tmp_path / 'slow.duckdb'}", register, reports, fast=False)
    quick = _snapshot(f"duckdb://{tmp_path / 'fast.duckdb'}", register, reports, fast=True)
    for snapshot in (slow, quick):
        snapshot["physical"] = sorted(snapshot["physical"])  # type: ignore[call-overload]
    return slow, quick


def _series(code: str, year: int, months: range, base: float = 10.0) -> list[str]:
    return [f"{code},{year}年1-{m}月,{base * m},{m},{m},0.5" for m in months]


def test_padded_cells_and_footnotes_between_plain_rows_agree(tmp_path: Path) -> None:
    lines = _series(CODES[0], 2020, range(2, 6))
    lines += [
        f" {CODES[1]} ,2020年1-3月, 30 ,3,3,0.5",  # cells with blanks around them: odd, but valid
        f"{CODES[1]},2020年1-4月,40,4,4,",  # an empty number cell
        "注：中间的说明行,,,,,",  # a note in the middle is a row like any other
        *_series(CODES[2], 2020, range(2, 4)),
        ",,,,,",
        "注：单位为万元,,,,,",
        "  ,,,,,",
    ]
    slow, quick = _both(tmp_path, _write(tmp_path, "r.csv", lines))
    assert slow == quick
    assert quick["counts"][0] == 9  # trailing blank and note lines are not data
    assert quick["orphans"] == 0  # every stored value names its batch (file, hash) and row
    assert (8, "credit_code", "report_credit_code") in {(p[0], p[1], p[2]) for p in quick["problems"]}


def test_only_plain_rows_load_without_python_and_in_file_order(tmp_path: Path) -> None:
    lines = [row for i, code in enumerate(CODES[:5]) for row in _series(code, 2020, range(2, 13), 10.0 + i)]
    reports = _write(tmp_path, "r.csv", lines)
    slow, quick = _both(tmp_path, reports)
    assert slow == quick
    assert quick["counts"] == (55, 55, 0, 0)
    assert quick["problems"] == []
    again = _snapshot(f"duckdb://{tmp_path / 'again.duckdb'}", _register(tmp_path), reports, fast=True)
    assert again["physical"] == list(range(2, 57))  # written in file order


def test_problem_rows_of_plain_cells_get_their_raw_row(tmp_path: Path) -> None:
    """Rows that pass the cell checks but break a group or store rule get the raw JSON of their cells."""
    unknown = CODES[5]  # not in the register
    lines = [
        *_series(CODES[0], 2020, range(2, 5)),
        f"{CODES[0]},2020年1-3月,30,3,3,0.5",  # duplicate of row 3
        f"{CODES[1]},2020年1-2月,50,5,5,0.5",
        f"{CODES[1]},2020年1-3月,20,2,2,0.5",  # falls below 1-2月 (warning)
        f"{unknown},2020年1-2月,10,1,1,0.5",
    ]
    slow, quick = _both(tmp_path, _write(tmp_path, "r.csv", lines))
    assert slow == quick
    rules = {(p[0], p[2]) for p in quick["problems"]}
    assert {(5, "report_duplicate"), (7, "ytd_non_decreasing"), (8, "unknown_enterprise")} <= rules
    for row_number, *_, raw, _key in quick["problems"]:
        cells = json.loads(raw)
        assert list(cells) == HEADER.split(",")
        assert cells["统一社会信用代码"] == lines[row_number - 2].split(",")[0]


def test_same_month_twice_in_a_series_is_judged_exactly(tmp_path: Path) -> None:
    """Two year-to-date rows for one month (one in each period form) reach the exact ytd check."""
    lines = [
        *_series(CODES[3], 2020, range(2, 5)),
        f"{CODES[3]},2020-01..03,25,2.5,2.5,0.5",  # the same period as row 3, written as our code
        *_series(CODES[4], 2020, range(2, 4)),
    ]
    slow, quick = _both(tmp_path, _write(tmp_path, "r.csv", lines))
    assert slow == quick
    assert {(5, "report_duplicate")} <= {(p[0], p[2]) for p in quick["problems"]}


def test_bounded_memory_caps_duckdb_and_restores_it(store_url: str) -> None:
    with open_store(store_url) as store:
        if store.dialect != "duckdb":
            with bounded_memory(store, "256MB") as limit:
                assert limit is None  # PostgreSQL manages its own memory
            return
        before = store.fetchone("SELECT current_setting('memory_limit')")
        with bounded_memory(store, "256MB") as limit:
            inside = store.fetchone("SELECT current_setting('memory_limit')")
            assert limit == "256MB"
            assert inside is not None and size_bytes(str(inside[0])) <= 256 * 10**6
        assert store.fetchone("SELECT current_setting('memory_limit')") == before
        store.execute("SET memory_limit = '100MB'")
        with bounded_memory(store, "1GB") as limit:  # a lower limit already set is kept
            assert size_bytes(str(limit)) < 10**9


@pytest.mark.parametrize(("text", "expected"), [("2GB", 2 * 10**9), ("1.5 GiB", int(1.5 * 2**30)), ("lots", None)])
def test_size_bytes(text: str, expected: int | None) -> None:
    assert size_bytes(text) == expected


def test_jump_against_own_history_is_a_warning_on_both_stores(store_url: str, tmp_path: Path) -> None:
    """Revenue of 1-9月 jumping tenfold against six steady years is flagged; a short series is not."""
    lines = []
    for year in range(2014, 2021):
        revenue = 100 * 1.05 ** (year - 2014) if year < 2020 else 1000.0
        va = round(30 * 1.05 ** (year - 2014), 2)
        lines.append(f"{CODES[0]},{year}年1-9月,{revenue:.2f},{va},{va},0.5")
    for year in range(2017, 2021):  # four points: too short a history to judge
        lines.append(f"{CODES[1]},{year}年1-9月,{10.0 if year < 2020 else 100.0},1,1,0.5")
    reports = _write(tmp_path, "r.csv", lines)
    with open_store(store_url) as store:
        import_file(store, "enterprises", _register(tmp_path), as_of=AS_OF)
        fast = store.dialect == "duckdb"  # DuckDB: the set-based path; PostgreSQL: row by row
        summary = import_file(store, "reports", reports, as_of=AS_OF, fast=fast)
        assert summary.status == "loaded" and summary.fast_path is fast
        jumps = store.fetchall(
            "SELECT row_number, field, severity, raw_json FROM quarantine WHERE batch_id = ? AND rule = 'outlier_jump'",
            (summary.batch_id,),
        )
        assert [(r[0], r[1], r[2]) for r in jumps] == [(8, "revenue", "warning")]
        assert json.loads(jumps[0][3])["营业收入"] == "1000.00"
        assert summary.rows_loaded == len(lines)


def _history(store_url: str, register: Path, files: list[tuple[Path, bool]]) -> dict[str, object]:
    """Import ``files`` (each with its ``fast`` flag) in turn; what the store holds at the end."""
    with open_store(store_url) as store:
        import_file(store, "enterprises", register, as_of=AS_OF)
        summaries = [import_file(store, "reports", path, as_of=AS_OF, fast=fast) for path, fast in files]
        assert [s.fast_path for s in summaries] == [fast for _, fast in files]
        first = summaries[0].batch_id
        assert first is not None
        stored = store.fetchall(
            "SELECT credit_code, period, year, end_month, revenue, value_added, extra_json, row_number, is_current,"
            f" batch_id - {first} FROM reports ORDER BY batch_id, row_number"
        )
        problems = store.fetchall(
            "SELECT row_number, field, rule, value, severity, message_zh, message_en, raw_json, row_key"
            " FROM quarantine WHERE batch_id = ? ORDER BY row_number, field, rule",
            (summaries[-1].batch_id,),
        )
        last = summaries[-1]
        counts = (last.status, last.rows_read, last.rows_loaded, last.rows_unchanged, last.rows_superseded)
        counts += (last.rows_quarantined, last.rows_warned)
        batch = store.fetchone(
            "SELECT rows_loaded, rows_quarantined, rows_superseded FROM batches WHERE batch_id = ?", (last.batch_id,)
        )
    return {"counts": counts, "stored": stored, "problems": problems, "batch": batch}


@pytest.mark.parametrize("inline_limit", [64, 0])
def test_direct_rows_meet_every_store_rule_like_the_row_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inline_limit: int
) -> None:
    """Plain rows written straight into ``reports`` are judged, kept and taken back exactly as staged rows are.

    The second file holds a jump against the stored history, an unchanged row, a correction, a new
    row and its duplicate, an unknown enterprise and an odd (padded) row. ``inline_limit`` 0 makes
    the fast path join its code and period tables instead of writing them into the SQL.
    """
    from seimon.ingest import fastpath

    monkeypatch.setattr(fastpath, "INLINE_LIMIT", inline_limit)
    register = _register(tmp_path)
    history = [f"{CODES[0]},{y}年1-9月,{100 * 1.05 ** (y - 2014):.2f},30,30,0.5" for y in range(2014, 2020)]
    first = _write(
        tmp_path,
        "r1.csv",
        [*history, f"{CODES[1]},2020年1-3月,50,5,5,0.5", f"{CODES[2]},2020年1-3月,60,6,6,0.5"],
    )
    second = _write(
        tmp_path,
        "r2.csv",
        [
            f"{CODES[0]},2020年1-9月,1000.00,30,30,0.5",  # 2: a jump against six stored years (warning)
            f"{CODES[1]},2020年1-3月,50,5,5,0.5",  # 3: unchanged
            f"{CODES[2]},2020年1-3月,66,6,6,0.5",  # 4: a correction: supersedes batch 1's row
            f"{CODES[3]},2020年1-3月,70,7,7,0.5",  # 5: new
            f"{CODES[3]},2020年1-3月,71,7,7,0.5",  # 6: duplicate of row 5
            f"{CODES[5]},2020年1-3月,80,8,8,0.5",  # 7: not in the register
            f" {CODES[4]} ,2020年1-3月, 90 ,9,9,0.5",  # 8: odd (padded cells) but valid
            f"{CODES[4]},2020年1-6月,95,9.5,9,0.5",  # 9: after the odd row
        ],
    )
    slow = _history(f"duckdb://{tmp_path / 'slow.duckdb'}", register, [(first, False), (second, False)])
    quick = _history(f"duckdb://{tmp_path / 'quick.duckdb'}", register, [(first, False), (second, True)])
    assert slow == quick
    assert quick["counts"] == ("partial", 8, 5, 1, 1, 2, 1)
    assert quick["batch"] == (5, 2, 1)
    rules = {(p[0], p[2]) for p in quick["problems"]}  # type: ignore[union-attr]
    assert rules == {(2, "outlier_jump"), (6, "report_duplicate"), (7, "unknown_enterprise")}
    current = {(r[0], r[4]) for r in quick["stored"] if r[8]}  # type: ignore[union-attr]
    assert (CODES[2], 66.0) in current and (CODES[2], 60.0) not in current
    assert sum(1 for r in quick["stored"] if r[0] == CODES[1]) == 1  # type: ignore[union-attr]


def test_direct_rows_vanish_when_the_import_fails_late(tmp_path: Path) -> None:
    """Rows already written into ``reports`` by the fast path are rolled back with the rest of the batch."""
    register = _register(tmp_path)
    reports = _write(tmp_path, "r.csv", _series(CODES[0], 2020, range(2, 13)))

    def interrupt(rows: int) -> None:
        raise KeyboardInterrupt(f"stopped after {rows} rows")

    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        import_file(store, "enterprises", register, as_of=AS_OF)
        before = store.fetchall("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM batches)")
        with pytest.raises(KeyboardInterrupt):
            import_file(store, "reports", reports, as_of=AS_OF, fast=True, progress=interrupt)
        assert store.fetchall("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM batches)") == before
        again = import_file(store, "reports", reports, as_of=AS_OF, fast=True)
        assert (again.status, again.rows_loaded, again.fast_path) == ("loaded", 11, True)


def test_money_in_yi_yuan_is_converted_alike_on_both_paths(tmp_path: Path) -> None:
    """A header in 亿元 multiplies the cells by 10,000 on the fast path exactly as on the row path."""
    register = _register(tmp_path)
    path = tmp_path / "yi.csv"
    rows = [f"{CODES[0]},2020年1-{m}月,{0.01 * m:.2f},{0.002 * m:.3f},0.001,0.5" for m in range(2, 6)]
    path.write_text("\n".join([HEADER.replace("营业收入", "营业收入(亿元)"), *rows]) + "\n", encoding="utf-8")
    slow = _snapshot(f"duckdb://{tmp_path / 'slow.duckdb'}", register, path, fast=False)
    quick = _snapshot(f"duckdb://{tmp_path / 'fast.duckdb'}", register, path, fast=True)
    assert slow == quick
    assert [r[4] for r in quick["stored"]] == pytest.approx([200.0, 300.0, 400.0, 500.0])  # type: ignore[union-attr]


def test_a_jump_reaching_five_points_only_with_the_stored_years_is_found(tmp_path: Path) -> None:
    """Four years in the store and one in the file make the five points a jump needs: the grouping is not
    skipped although the file alone has a single period per month (the bound counts both sides)."""
    register = _register(tmp_path)
    history = [f"{CODES[0]},{y}年1-9月,{100 * 1.05 ** (y - 2016):.2f},30,29,0.5" for y in range(2016, 2020)]
    jump = [f"{CODES[0]},2020年1-9月,1000.00,30,29,0.5"]
    url = f"duckdb://{tmp_path / 'jump.duckdb'}"
    with open_store(url) as store:
        import_file(store, "enterprises", register, as_of=AS_OF)
        import_file(store, "reports", _write(tmp_path, "h.csv", history), as_of=AS_OF, fast=True)
        summary = import_file(store, "reports", _write(tmp_path, "j.csv", jump), as_of=AS_OF, fast=True)
        assert summary.fast_path
        found = store.fetchall(
            "SELECT row_number, field FROM quarantine WHERE batch_id = ? AND rule = 'outlier_jump'", (summary.batch_id,)
        )
    assert found == [(2, "revenue")]


def test_duplicates_outside_the_year_to_date_series_are_found_on_the_fast_path(tmp_path: Path) -> None:
    """A second-quarter row given twice is no year-to-date row (it starts in April), so no year-to-date
    series flags it: the duplicate check must still group it, as the row path does."""
    register = _register(tmp_path)
    lines = [
        f"{CODES[0]},2020年1-3月,10,3,3,0.1",
        f"{CODES[0]},2020年二季度,12,4,4,0.1",
        f"{CODES[1]},2020年1-3月,11,3,3,0.1",
        f"{CODES[0]},2020年二季度,12,4,4,0.1",
        f"{CODES[1]},2020年1-3月,11,3,3,0.1",
    ]
    reports = _write(tmp_path, "d.csv", lines)
    slow = _snapshot(f"duckdb://{tmp_path / 'slow.duckdb'}", register, reports, fast=False)
    quick = _snapshot(f"duckdb://{tmp_path / 'fast.duckdb'}", register, reports, fast=True)
    assert quick == slow
    duplicates = [(p[0], p[2]) for p in quick["problems"] if p[2] == "report_duplicate"]  # type: ignore[union-attr]
    assert duplicates == [(5, "report_duplicate"), (6, "report_duplicate")]
