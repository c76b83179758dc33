"""Targets broken down to the 13 reporting units and to departments, assessed per city and per department."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from seimon.assess.shares import assess_by_city, assess_by_department
from seimon.cli.app import app
from seimon.ingest.pipeline import import_file
from seimon.store import Store, open_store
from seimon.tracking.responsibilities import consistency, departments, duties, read_breakdown

runner = CliRunner()

# 11 cities, 定州 and 辛集: 600 enterprise technology centres in all
SHARES = {
    "130100": 80, "130200": 60, "130300": 30, "130400": 50, "130500": 40, "130600": 70, "130700": 30,
    "130800": 25, "130900": 60, "131000": 70, "131100": 35, "130682": 10, "130181": 40,
}  # fmt: skip
BREAKDOWN = (
    "目标,地区代码,年度,分解目标,单位,牵头单位,配合单位\n"
    "省级以上企业技术中心,,,600,家,省发展改革委,省工业和信息化厅、省科技厅\n"
    + "".join(f"enterprise_tech_centres,{code},2020,{value},家,,\n" for code, value in SHARES.items())
    + "enterprise_tech_centres,130100,2018,60,家,,\n"
    "enterprise_tech_centres,130200,2018,50,家,,\n"
    "hitech_enterprises,130000,2020,4000,家,省科技厅,省财政厅\n"
    "enterprise_tech_centres,130000,2018,550,家,,\n"
)
OBSERVATIONS = """指标,地区,时期,数值,单位,发布日期
enterprise_tech_centres,130000,2015,500,家,2016-03-01
enterprise_tech_centres,130000,2018,560,家,2019-03-01
enterprise_tech_centres,130100,2015,50,家,2016-03-01
enterprise_tech_centres,130100,2018,70,家,2019-03-01
enterprise_tech_centres,130200,2015,40,家,2016-03-01
enterprise_tech_centres,130200,2018,38,家,2019-03-01
enterprise_tech_centres,130682,2015,5,家,2016-03-01
enterprise_tech_centres,130682,2018,12,家,2019-03-01
"""
AS_OF = dt.date(2019, 6, 30)


def load(store: Store, tmp_path: Path, breakdown: str = BREAKDOWN) -> str:
    (tmp_path / "resp.csv").write_text(breakdown, encoding="utf-8")
    (tmp_path / "obs.csv").write_text(OBSERVATIONS, encoding="utf-8")
    assert import_file(store, "observations", tmp_path / "obs.csv").status == "loaded"
    return import_file(store, "responsibilities", tmp_path / "resp.csv").status


def test_breakdown_register_and_consistency(store: Store, tmp_path: Path) -> None:
    assert load(store, tmp_path) == "loaded"
    rows = read_breakdown(store)
    assert len(rows) == 18
    province = next(r for r in rows if r.target == "enterprise_tech_centres" and r.region == "130000" and r.year > 2018)
    assert (province.year, province.value, province.lead) == (
        2020,
        600.0,
        "省发展改革委",
    )  # defaults: province, deadline
    assert duties(rows)["enterprise_tech_centres"].partners == ["省工业和信息化厅", "省科技厅"]
    assert departments(rows)["省科技厅"] == {"lead": ["hitech_enterprises"], "partner": ["enterprise_tech_centres"]}
    checks = {(c.target, c.year): c for c in consistency(rows)}
    final = checks[("enterprise_tech_centres", 2020)]
    assert (final.parts, final.parts_sum, final.consistent, final.missing_units) == (13, 600.0, True, [])
    milestone = checks[("enterprise_tech_centres", 2018)]  # two units' 2018 milestones against the province's
    assert (milestone.parts_sum, milestone.consistent, len(milestone.missing_units)) == (110.0, False, 11)
    off = dict(SHARES, **{"130100": 120})
    changed = "目标,地区代码,年度,分解目标\n" + "".join(
        f"enterprise_tech_centres,{code},2020,{value}\n" for code, value in off.items()
    )
    (tmp_path / "fix.csv").write_text(changed, encoding="utf-8")
    import_file(store, "responsibilities", tmp_path / "fix.csv")
    final = next(c for c in consistency(read_breakdown(store)) if c.year == 2020)
    assert (final.consistent, final.gap) == (False, 40.0)


def test_bad_breakdown_rows_are_quarantined(store: Store, tmp_path: Path) -> None:
    bad = (
        "目标,地区代码,年度,分解目标,单位\n不存在的目标,130100,2020,1,家\n"
        "pv_capacity,130100,2030,1,万千瓦\npv_capacity,139999,2020,1,万千瓦\n"
    )
    assert load(store, tmp_path, bad) == "partial"
    rules = {r[0] for r in store.fetchall("SELECT rule FROM quarantine")}
    assert {"unknown_target", "responsibility_year", "responsibility_region_code"} <= rules


def test_assessed_per_city_and_per_department(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    cities = {g["key"]: g for g in assess_by_city(store, as_of=AS_OF)}
    assert set(cities) == set(SHARES)
    status = {k: g["targets"][0]["status"] for k, g in cities.items()}
    assert status["130682"] == "achieved"  # 12 of 10
    assert status["130200"] == "deteriorating"  # 40 → 38 with 60 to reach
    assert status["130100"] == "on_track"  # 50 → 70 towards 80: faster than required
    assert status["130300"] == "insufficient_data"  # no figures for 秦皇岛
    sjz = cities["130100"]["targets"][0]
    assert (sjz["target_value"], sjz["latest_value"], cities["130100"]["name"]) == (80.0, 70.0, "石家庄市")
    assert sjz["milestones"] == [{"year": 2018, "value": 60.0, "observed": 70.0, "met": True}]
    assert cities["130200"]["targets"][0]["milestones"][0]["met"] is False
    earlier = {g["key"]: g["targets"][0] for g in assess_by_city(store, as_of=dt.date(2018, 12, 31))}
    assert earlier["130682"]["status"] == "insufficient_data"  # the 2018 figures were published in 2019
    depts = {g["key"]: g for g in assess_by_department(store, as_of=AS_OF)}
    assert set(depts) == {"省发展改革委", "省工业和信息化厅", "省科技厅", "省财政厅"}
    lead = depts["省发展改革委"]["targets"]
    assert [(t["target_id"], t["role"], t["latest_value"]) for t in lead] == [
        ("enterprise_tech_centres", "lead", 560.0)
    ]
    assert lead[0]["milestones"] == [{"year": 2018, "value": 550.0, "observed": 560.0, "met": True}]  # province
    assert [(t["target_id"], t["role"]) for t in depts["省科技厅"]["targets"]] == [
        ("hitech_enterprises", "lead"),
        ("enterprise_tech_centres", "partner"),
    ]


def test_cli_assess_by(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 's.duckdb'}"
    with open_store(url) as store:
        load(store, tmp_path)
    result = runner.invoke(app, ["assess", "--by", "city", "--as-of", "2019-06-30", "--store", url, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["by"] == "city" and len(doc["groups"]) == 13
    assert any(c["consistent"] for c in doc["consistency"])
    result = runner.invoke(app, ["assess", "--by", "department", "--as-of", "2019-06-30", "--store", url, "--json"])
    assert result.exit_code == 0, result.output
    assert {g["key"] for g in json.loads(result.stdout)["groups"]} >= {"省发展改革委", "省科技厅"}
    assert runner.invoke(app, ["assess", "--by", "county", "--store", url]).exit_code == 2
    listed = runner.invoke(app, ["responsibilities", "--store", url, "--json"])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)["rows"]) == 18


def test_a_later_edit_of_the_breakdown_leaves_an_earlier_judgement_as_it_was(store: Store, tmp_path: Path) -> None:
    assert load(store, tmp_path) == "loaded"
    before = assess_by_city(store, as_of=AS_OF)
    (tmp_path / "edit.csv").write_text(
        "目标,地区代码,年度,分解目标,单位,牵头单位,配合单位\nenterprise_tech_centres,130100,2020,95,家,,\n",
        encoding="utf-8",
    )
    assert import_file(store, "responsibilities", tmp_path / "edit.csv").status == "loaded"

    def figures(day: dt.date) -> dict[tuple[str, int], float | None]:
        rows = read_breakdown(store, day)
        return {(r.region, r.year): r.value for r in rows if r.target == "enterprise_tech_centres"}

    edited, then = figures(dt.date.today()), figures(AS_OF)
    assert (edited[("130100", 2020)], then[("130100", 2020)]) == (95.0, 80.0)
    assert {k: v for k, v in edited.items() if k != ("130100", 2020)} == {
        k: v for k, v in then.items() if k != ("130100", 2020)
    }
    assert assess_by_city(store, as_of=AS_OF) == before
