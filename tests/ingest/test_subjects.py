"""Whom a file's rows are about, read before anything is imported."""

from __future__ import annotations

from pathlib import Path

from seimon.ingest.pipeline import import_file
from seimon.ingest.subjects import Subject, file_subjects
from seimon.reference.credit_code import generate_codes
from seimon.store import open_store


def test_enterprises_rows_carry_their_own_region_and_reports_the_registered_one(tmp_path: Path) -> None:
    sjz, ts = next(iter(generate_codes("130102", 1, seed=3))), next(iter(generate_codes("130202", 1, seed=4)))
    stranger = next(iter(generate_codes("130602", 1, seed=5)))
    register = tmp_path / "e.csv"
    register.write_text(
        f"统一社会信用代码,企业名称,地区代码,行业代码\n{sjz},甲公司,130102,3841\n{ts},乙公司,130203,3841\n",
        encoding="utf-8",
    )
    reports = tmp_path / "r.csv"
    reports.write_text(
        "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值\n"
        f"{sjz},2020年1-9月,10,3,2\n{ts.lower()},2020年1-9月,10,3,2\n{stranger},2020年1-9月,1,1,1\nbad,2020年1-9月,1,1,1\n",
        encoding="utf-8",
    )
    with open_store("duckdb:///:memory:") as store:
        assert file_subjects(store, "enterprises", register) == [
            Subject(2, sjz, "130102"),
            Subject(3, ts, "130203"),
        ]
        import_file(store, "enterprises", register)
        found = file_subjects(store, "reports", reports)
    # registered: the register's region (not the code's 130202); unregistered: the code's area; malformed: none
    assert found == [
        Subject(2, sjz, "130102", "130102"),
        Subject(3, ts, "130203", "130203"),
        Subject(4, stranger, "130602"),
        Subject(5, "BAD", None),
    ]


def test_enterprises_rows_carry_the_region_on_record_beside_the_files(tmp_path: Path) -> None:
    cd = next(iter(generate_codes("130802", 1, seed=7)))
    register = tmp_path / "e.csv"
    register.write_text(f"统一社会信用代码,企业名称,地区代码,行业代码\n{cd},承德甲,130802,3841\n", encoding="utf-8")
    takeover = tmp_path / "t.csv"
    takeover.write_text(f"统一社会信用代码,企业名称,地区代码,行业代码\n{cd},承德甲,130102,3841\n", encoding="utf-8")
    with open_store("duckdb:///:memory:") as store:
        import_file(store, "enterprises", register)
        assert file_subjects(store, "enterprises", takeover) == [Subject(2, cd, "130102", "130802")]


def test_province_level_kinds_and_unreadable_files_have_no_subjects(tmp_path: Path) -> None:
    empty = tmp_path / "x.csv"
    empty.write_text("", encoding="utf-8")
    with open_store("duckdb:///:memory:") as store:
        assert file_subjects(store, "deflators", empty) == []
        assert file_subjects(store, "reports", empty) == []
