"""The project register through the ordinary import pipeline, and `seimon projects` as of a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.ingest.pipeline import import_file
from seimon.store import Store, open_store
from seimon.tracking.projects import project_states, projects_report
from seimon.tracking.schedule import behind_schedule

runner = CliRunner()

REGISTER = """项目编号,项目名称,所属产业,地区代码,所属基地,项目单位,责任单位,总投资(亿元),年度计划投资,计划开工,计划竣工
XM-001,保定光伏组件扩产项目,新能源,130602,national_baoding_new_energy,,省发展改革委,10,30000,2017-03-01,2019-03-31
XM-002,石家庄生物药产业化项目,3.1,130102,national_sjz_bio,,省工业和信息化厅,5,,2017-06-01,2019-06-30
XM-003,定州新能源汽车零部件项目,新能源汽车,130682,,,省科技厅,20,,2019-01-01,2021-06-30
"""
PROGRESS = """项目编号,时期,累计完成投资(万元),状态,形象进度/说明,报送日期
XM-001,2018年12月,60000,在建,主体施工,2019-01-10
XM-001,2019年3月,100000,竣工,已投产,2019-04-10
XM-002,2019年12月,35000,在建,设备安装,2020-01-10
XM-003,2019年12月,50000,在建,厂房封顶,2020-01-12
XM-003,2020年2月,80000,在建,设备进场,2020-03-10
XM-003,2020年3月,120000,在建,设备安装,2020-04-10
"""
AS_OF = dt.date(2020, 3, 31)


def load(store: Store, tmp_path: Path, register: str = REGISTER, progress: str = PROGRESS) -> tuple[str, str]:
    (tmp_path / "projects.csv").write_text(register, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(progress, encoding="utf-8")
    a = import_file(store, "projects", tmp_path / "projects.csv")
    b = import_file(store, "project-progress", tmp_path / "progress.csv")
    return a.status, b.status


def test_three_projects_as_of_a_date(store: Store, tmp_path: Path) -> None:
    assert load(store, tmp_path) == ("loaded", "loaded")
    states = {s.id: s for s in project_states(store, AS_OF)}
    assert {k: round(s.completion_rate or 0, 6) for k, s in states.items()} == {
        "XM-001": 1.0,
        "XM-002": 0.7,
        "XM-003": 0.4,  # the 2020年3月 report (60 %) was made on 2020-04-10: not known at 2020-03-31
    }
    assert [s.id for s in states.values() if s.overdue] == ["XM-002"]
    assert states["XM-002"].days_overdue == (AS_OF - dt.date(2019, 6, 30)).days
    assert states["XM-001"].status == "竣工" and states["XM-003"].period == "2020-02"
    assert states["XM-002"].industry == "biology" and states["XM-002"].subfield is not None
    assert states["XM-003"].city == "130682" and states["XM-001"].city == "130600"
    later = {s.id: s.completion_rate for s in project_states(store, dt.date(2020, 4, 30))}
    assert later["XM-003"] == 0.6
    earlier = {s.id: s for s in project_states(store, dt.date(2019, 3, 31))}
    assert earlier["XM-001"].status == "在建" and earlier["XM-001"].completion_rate == 0.6  # 竣工 reported 04-10
    assert not earlier["XM-002"].overdue and earlier["XM-002"].status == "未开工"


def test_roll_ups_and_groups(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    doc = projects_report(store, AS_OF, by="department")
    totals = doc["totals"]
    assert totals["projects"] == 3 and totals["overdue"] == 1
    assert totals["planned_investment"] == 350000.0
    assert totals["investment_completion_rate"] == round((100000 + 35000 + 80000) / 350000, 6)
    assert totals["start_rate"] == 1.0  # all three were due to start and have started
    assert totals["finish_rate"] == 0.5  # two due to finish, one finished
    groups = {g["key"]: g for g in doc["groups"]}
    assert set(groups) == {"省发展改革委", "省工业和信息化厅", "省科技厅"}
    assert groups["省工业和信息化厅"]["overdue"] == 1 and groups["省科技厅"]["finish_rate"] is None
    by_city = {g["key"]: g["name"] for g in projects_report(store, AS_OF, by="city")["groups"]}
    assert by_city == {"130600": "保定市", "130100": "石家庄市", "130682": "定州市"}


def test_behind_schedule_warnings(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    found = behind_schedule(store, AS_OF)
    assert [(w.numbers["project"], w.reason_code, w.severity) for w in found] == [
        ("XM-002", "project_overdue", "critical")
    ]
    assert "逾期" in found[0].message_zh and "overdue" in found[0].message_en
    # 2021-03-31: XM-003 has 80 % of its time gone but 40 % of its investment made (as known then)
    lagging = behind_schedule(store, dt.date(2021, 3, 31))
    assert ("XM-003", "project_investment_lag") in [(w.numbers["project"], w.reason_code) for w in lagging]


def test_bad_rows_are_quarantined(store: Store, tmp_path: Path) -> None:
    register = REGISTER + (
        "XM-004,坏产业项目,纺织,130102,,,省发展改革委,1,,2018-01-01,2019-01-01\n"
        "XM-005,日期颠倒项目,生物,130102,,,省发展改革委,1,,2019-01-01,2018-01-01\n"
    )
    progress = PROGRESS + "XM-009,2019年12月,10,在建,,2020-01-10\nXM-001,2019年12月,10,施工中,,2020-01-10\n"
    assert load(store, tmp_path, register, progress) == ("partial", "partial")
    rules = {r[0] for r in store.fetchall("SELECT rule FROM quarantine")}
    assert {"unknown_plan_industry", "project_dates_order", "progress_known_project", "progress_status"} <= rules
    assert store.fetchone("SELECT count(*) FROM projects WHERE is_current")[0] == 3


def test_a_corrected_register_row_is_a_new_vintage_known_from_its_import(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    (tmp_path / "fix.csv").write_text(
        REGISTER.splitlines()[0]
        + "\nXM-002,石家庄生物药产业化项目,3.1,130102,,,省工业和信息化厅,5,,2017-06-01,2020-06-30\n",
        encoding="utf-8",
    )
    summary = import_file(store, "projects", tmp_path / "fix.csv")
    assert (summary.rows_loaded, summary.rows_superseded) == (1, 1)
    # the correction is known from its import: as of today it counts, as of an earlier date the row known then
    states = {s.id: s for s in project_states(store, dt.date.today())}
    assert states["XM-002"].planned_finish == dt.date(2020, 6, 30)
    before = {s.id: s for s in project_states(store, AS_OF)}
    assert before["XM-002"].overdue and before["XM-002"].planned_finish == dt.date(2019, 6, 30)
    assert store.fetchone("SELECT count(*) FROM projects WHERE project_id = 'XM-002'")[0] == 2


def test_cli_projects_json(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 's.duckdb'}"
    with open_store(url) as store:
        load(store, tmp_path)
    result = runner.invoke(app, ["projects", "--as-of", "2020-03-31", "--by", "city", "--store", url, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    rows = {p["id"]: p for p in doc["projects"]}
    assert [rows[k]["completion_rate"] for k in ("XM-001", "XM-002", "XM-003")] == [1.0, 0.7, 0.4]
    assert [k for k, p in rows.items() if p["overdue"]] == ["XM-002"]
    assert {"id", "name", "planned_investment", "completed_investment", "status"} <= set(rows["XM-001"])
    assert doc["totals"]["overdue"] == 1 and len(doc["groups"]) == 3
    assert [w["reason_code"] for w in doc["warnings"]] == ["project_overdue"]
    bad = runner.invoke(app, ["projects", "--by", "planet", "--store", url])
    assert bad.exit_code == 2


def test_projects_behind_schedule_are_early_warnings(store: Store, tmp_path: Path) -> None:
    from seimon.assess.warnings import load_rules, run_warnings
    from seimon.assess.warnings.rules import RuleSet

    load(store, tmp_path)
    rules = RuleSet.model_validate(
        {"rules": [r.model_dump() for r in load_rules().rules if r.type == "project_schedule"]}
    )
    found = run_warnings(store, as_of=AS_OF, rules=rules)
    assert [(w.rule_id, w.numbers["project"], w.reason_code, w.severity) for w in found] == [
        ("project_schedule", "XM-002", "project_overdue", "critical")
    ]
