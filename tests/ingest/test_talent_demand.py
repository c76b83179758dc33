"""`seimon import talent-demand`: enterprises' demand for occupations through the ordinary import path.

The example file imports cleanly (a 职业分类大典 code split from the name, a year and a month); bad rows are
quarantined with file, row and field in both languages; a row of an unregistered enterprise is refused; a
corrected figure is a new vintage and the old one stays readable as of its date.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.ingest.pipeline import import_file
from seimon.ingest.subjects import file_subjects
from seimon.reference.credit_code import generate_codes
from seimon.report.talent import demand_statements
from seimon.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIRM = "911310024JURQ28303"  # 廊坊澈源集成电路设计有限公司 of examples/service-enterprises.csv


def _store(tmp_path: Path, url: str | None = None) -> str:
    url = url or f"duckdb://{tmp_path / 'store.duckdb'}"
    with open_store(url, create=True) as store:
        assert import_file(store, "enterprises", EXAMPLES / "service-enterprises.csv").status == "loaded"
    return url


def test_the_example_file_imports_cleanly_through_the_cli(tmp_path: Path) -> None:
    url = _store(tmp_path)
    result = CliRunner().invoke(
        app, ["import", "talent-demand", str(EXAMPLES / "talent-demand.csv"), "--store", url, "--json"]
    )
    assert result.exit_code == 0, result.output
    with (EXAMPLES / "talent-demand.csv").open(encoding="utf-8") as f:
        written = list(csv.DictReader(f))
    with open_store(url) as store:
        rows = store.fetchall(
            "SELECT credit_code, period, period_kind, occupation, occupation_code, demand FROM talent_demand"
            " WHERE is_current ORDER BY row_number"
        )
        assert len(rows) == len(written)
        assert [float(r[5]) for r in rows] == [float(w["需求人数"]) for w in written]
        coded = [r for r in rows if r[4] is not None]
        assert [(r[3], r[4]) for r in coded] == [("集成电路工程技术人员", "2-02-10-09")]
        assert {(r[1], r[2]) for r in rows} == {("2019", "year"), ("2020-06", "month")}
        # a row's 发布日期 is its vintage; without one, the release calendar (a year: 1 March after it)
        vintages = dict(
            store.fetchall("SELECT occupation, vintage FROM talent_demand WHERE credit_code = '911310023F0WTCDK30'")
        )
        assert vintages["卫星导航算法工程师"] == dt.datetime(2020, 3, 1)


def test_bad_rows_are_quarantined_with_file_row_and_field(tmp_path: Path) -> None:
    url = _store(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "统一社会信用代码,职业/岗位,需求人数,时期\n"
        f"{FIRM},大数据分析师,5,2019\n"
        f"{FIRM},集成电路设计工程师,2.5,2019\n"  # half a person
        f"{FIRM},新能源汽车电控工程师,-3,2019\n"  # negative
        f"{FIRM},生物医药研发人员,4,2019年1-6月\n"  # a span, not a year or a month
        f"{FIRM},,4,2019\n"  # no occupation
        "91130100MA0000001X,大数据分析师,3,2019\n"  # not a valid code, not registered
        f"{FIRM},大数据分析师,6,2019\n",  # the same enterprise, period and occupation again
        encoding="utf-8",
    )
    with open_store(url) as store:
        summary = import_file(store, "talent-demand", bad)
        assert summary.status == "partial"
        found = {(r["row"], r["field"]) for r in summary.errors if r["severity"] == "error"}
        expected = {(3, "demand"), (4, "demand"), (5, "period"), (6, "occupation"), (7, "credit_code")}
        assert expected <= found, found
        assert any(r["row"] in (2, 8) and r["rule"] == "talent_duplicate" for r in summary.errors)
        assert all(r["message_zh"] and r["message_en"] for r in summary.errors)
        kept = store.fetchall("SELECT DISTINCT row_number, field FROM quarantine WHERE file_name = 'bad.csv'")
        assert {(3, "demand"), (5, "period")} <= {(int(r), str(f)) for r, f in kept}


def test_a_registered_enterprise_is_required(tmp_path: Path) -> None:
    url = _store(tmp_path)
    other = tmp_path / "other.csv"
    stranger = next(generate_codes("130100", 1, seed=18))  # valid, but not in the register
    other.write_text(f"统一社会信用代码,职业/岗位,需求人数,时期\n{stranger},大数据分析师,3,2019\n", encoding="utf-8")
    with open_store(url) as store:
        summary = import_file(store, "talent-demand", other)
        assert summary.rows_loaded == 0
        assert [(r["row"], r["field"], r["rule"]) for r in summary.errors] == [(2, "credit_code", "unknown_enterprise")]


def test_a_corrected_figure_is_a_new_vintage_and_the_old_one_is_kept_as_of_its_date(
    tmp_path: Path, store_url: str
) -> None:
    url = _store(tmp_path, store_url)  # DuckDB and PostgreSQL
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    head = "统一社会信用代码,职业/岗位,需求人数,时期,发布日期\n"
    first.write_text(head + f"{FIRM},大数据分析师,5,2019,2019-12-20\n", encoding="utf-8")
    second.write_text(head + f"{FIRM},大数据分析师,9,2019,2020-04-01\n", encoding="utf-8")
    with open_store(url) as store:
        assert import_file(store, "talent-demand", first).rows_loaded == 1
        assert import_file(store, "talent-demand", second).rows_loaded == 1
        stored = store.fetchall("SELECT demand, is_current FROM talent_demand ORDER BY vintage")
        assert [(float(d), bool(c)) for d, c in stored] == [(5.0, False), (9.0, True)]
        assert demand_statements(store, 2019) == {(FIRM, "大数据分析师"): 9.0}
        assert demand_statements(store, 2019, dt.date(2020, 1, 31)) == {(FIRM, "大数据分析师"): 5.0}
        assert demand_statements(store, 2019, dt.date(2019, 12, 1)) == {}


def test_a_talent_demand_file_names_its_enterprises_for_the_submission_scope(tmp_path: Path) -> None:
    url = _store(tmp_path)
    with open_store(url) as store:
        subjects = file_subjects(store, "talent-demand", EXAMPLES / "talent-demand.csv")
    assert [s.row for s in subjects] == list(range(2, 9))
    assert {(s.credit_code, s.region, s.recorded_region) for s in subjects if s.credit_code == FIRM} == {
        (FIRM, "131002", "131002")  # the region the register holds: a city may submit only its own enterprises
    }
