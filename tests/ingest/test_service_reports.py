"""`seimon import service-reports`: the services form through the ordinary import path.

A register of services enterprises in unambiguous SEI classes (6520, 7722, 6339: unstarred, one item each) imports
cleanly; year-to-date revenue lands under YYYY-01..MM; bad rows are quarantined with file, row and field; a report
of an unregistered enterprise is refused; a corrected row is a new vintage; `seimon query` equals an independent sum.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.ingest.pipeline import import_file
from seimon.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _store(tmp_path: Path) -> str:
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    with open_store(url, create=True) as store:
        summary = import_file(store, "enterprises", EXAMPLES / "service-enterprises.csv")
        assert summary.status == "loaded"
    return url


def test_register_and_form_import_cleanly_and_query_equals_the_sum(tmp_path: Path) -> None:
    url = _store(tmp_path)
    with open_store(url) as store:
        classes = store.fetchall("SELECT credit_code, sei_code, status FROM enterprise_classifications")
        assert {status for _, _, status in classes} == {"assigned"}  # unambiguous classes: no review needed
        summary = import_file(store, "service-reports", EXAMPLES / "service-reports.csv")
        assert (summary.status, summary.rows_quarantined) == ("loaded", 0)
        periods = {r[0] for r in store.fetchall("SELECT period FROM service_reports WHERE is_current")}
        assert periods == {"2019-01..03", "2019-01..06", "2019-01..09", "2019-01..12"}  # 2019年 is 1-12月 too
    with (EXAMPLES / "service-reports.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["时期"] in ("2019年1-12月", "2019年")]
    expected = sum(float(r["营业收入"]) for r in rows)
    result = CliRunner().invoke(app, ["query", "sei_services_revenue", "--period", "2019", "--json", "--store", url])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert len(got) == 1 and math.isclose(got[0]["value"], expected, rel_tol=1e-12)
    same = [r for r in rows if r["上年同期营业收入"]]
    by_hand = (sum(float(r["营业收入"]) for r in same) / sum(float(r["上年同期营业收入"]) for r in same) - 1) * 100
    result = CliRunner().invoke(
        app, ["query", "sei_services_revenue_growth", "--period", "2019", "--json", "--store", url]
    )
    assert math.isclose(json.loads(result.stdout)[0]["value"], by_hand, rel_tol=1e-12)


def test_bad_rows_are_quarantined_with_file_row_and_field(tmp_path: Path) -> None:
    url = _store(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "统一社会信用代码,时期,营业收入,上年同期营业收入\n"
        "911310024JURQ28303,2019年1-12月,5600,4800\n"
        "911310024JURQ28303,2019年1-13月,100,90\n"  # no such month
        "91131002FQEFLCR612,2019年1-12月,-5,3000\n"  # negative revenue
        "911310023F0WTCDK30,2019年1-12月,,100\n"  # revenue missing
        "91130100MA0000001X,2019年1-12月,3000,2800\n",  # not in the register (and not a valid code)
        encoding="utf-8",
    )
    with open_store(url) as store:
        summary = import_file(store, "service-reports", bad)
        assert (summary.status, summary.rows_loaded, summary.rows_quarantined) == ("partial", 1, 4)
        found = {(r["row"], r["field"]) for r in summary.errors if r["severity"] == "error"}
        assert {(3, "period"), (4, "revenue"), (5, "revenue"), (6, "credit_code")} <= found
        assert all(r["message_zh"] and r["message_en"] for r in summary.errors)


def test_a_corrected_row_is_a_new_vintage(tmp_path: Path) -> None:
    url = _store(tmp_path)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("统一社会信用代码,时期,营业收入\n911310024JURQ28303,2019年1-12月,5600\n", encoding="utf-8")
    second.write_text("统一社会信用代码,时期,营业收入\n911310024JURQ28303,2019年,5700\n", encoding="utf-8")
    with open_store(url) as store:
        import_file(store, "service-reports", first)
        summary = import_file(store, "service-reports", second)
        assert summary.rows_superseded == 1
        rows = store.fetchall("SELECT revenue, is_current, vintage FROM service_reports ORDER BY vintage, revenue")
        assert [(r[0], r[1]) for r in rows] == [(5600.0, False), (5700.0, True)]
        assert str(rows[0][2]).startswith("2020-01-27")  # the release calendar dates the first publication
