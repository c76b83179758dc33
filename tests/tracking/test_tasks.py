"""Roadmap actions and safeguard measures as tasks: assignments, dated status reports, overdue flags, roll-ups."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.ingest.pipeline import import_file
from seimon.store import Store, open_store
from seimon.tracking.tasks import plan_tasks, task_states, tasks_report

runner = CliRunner()

ASSIGN = """任务编号,责任单位,配合单位,完成时限
box_01_1,省科技厅,省工业和信息化厅,2018-12-31
box_01_2,省工业和信息化厅,,2019-12-31
box_12_4,省发展改革委,省住房城乡建设厅、省电力公司,2020-06-30
measure_finance,省财政厅,省地方金融监管局,2019-06-30
"""
REPORTS = """任务编号,报送日期,状态,进展情况,附件
box_01_1,2018-06-30,进行中,伺服电机研发立项12项,box_01_1_2018H1.pdf
box_01_1,2018-12-20,已完成,机器人关键零部件专项验收,box_01_1_验收报告.pdf
box_01_2,2019-06-30,进行中,智能工厂示范5家,
measure_finance,2019-03-31,进行中,设立新兴产业创投基金,https://example.gov.cn/fund.html
"""


def load(store: Store, tmp_path: Path, assign: str = ASSIGN, reports: str = REPORTS) -> tuple[str, str]:
    (tmp_path / "tasks.csv").write_text(assign, encoding="utf-8")
    (tmp_path / "reports.csv").write_text(reports, encoding="utf-8")
    return (
        import_file(store, "tasks", tmp_path / "tasks.csv").status,
        import_file(store, "task-reports", tmp_path / "reports.csv").status,
    )


def test_every_box_action_and_measure_is_a_task() -> None:
    tasks = plan_tasks()
    boxes = {t.box for t in tasks if t.kind == "action"}
    assert boxes == {f"box_{n:02d}" for n in range(1, 13)}
    assert sum(t.kind == "measure" for t in tasks) == 8
    assert all(t.text and "│" not in t.text for t in tasks)


def test_tasks_as_of_a_date(store: Store, tmp_path: Path) -> None:
    assert load(store, tmp_path) == ("loaded", "loaded")
    states = {s.id: s for s in task_states(store, dt.date(2020, 3, 31))}
    assert len(states) == len(plan_tasks())
    done = states["box_01_1"]
    assert (done.status, done.overdue, done.reports) == ("已完成", False, 2)
    assert done.attachments == ["box_01_1_2018H1.pdf", "box_01_1_验收报告.pdf"]
    assert done.partners == ["省工业和信息化厅"]
    assert states["box_01_2"].overdue and states["box_01_2"].days_overdue == 91
    assert states["measure_finance"].overdue and states["measure_finance"].progress == "设立新兴产业创投基金"
    assert not states["box_12_4"].overdue  # due 2020-06-30
    assert states["box_02_1"].department is None and not states["box_02_1"].overdue  # due at the end of 2020
    overdue = sorted(s.id for s in states.values() if s.overdue)
    assert overdue == ["box_01_2", "measure_finance"]
    earlier = {s.id: s for s in task_states(store, dt.date(2018, 12, 31))}
    assert earlier["box_01_1"].status == "已完成" and earlier["box_01_1"].reports == 2
    assert task_states(store, dt.date(2018, 12, 1))[0].status == "进行中"  # the 12-20 report not yet made


def test_roll_ups_per_box_and_department(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path)
    doc = tasks_report(store, dt.date(2020, 3, 31))
    boxes = {g["key"]: g for g in doc["by_box"]}
    assert boxes["box_01"] == {
        "key": "box_01",
        "name": "专栏1智能制造装备发展路线图",
        "tasks": 3,
        "done": 1,
        "overdue": 1,
        "done_rate": round(1 / 3, 6),
    }
    assert boxes["measures"]["tasks"] == 8 and boxes["measures"]["overdue"] == 1
    depts = {g["key"]: g for g in doc["by_department"]}
    assert depts["省科技厅"]["done"] == 1 and depts["省财政厅"]["overdue"] == 1
    assert depts[""]["tasks"] == len(plan_tasks()) - 4  # not yet assigned
    assert doc["totals"] == {"tasks": 45, "done": 1, "overdue": 2, "done_rate": round(1 / 45, 6)}
    only = tasks_report(store, dt.date(2020, 3, 31), overdue_only=True)
    assert [t["id"] for t in only["tasks"]] == ["box_01_2", "measure_finance"]


def test_bad_task_rows_are_quarantined(store: Store, tmp_path: Path) -> None:
    assign = ASSIGN + "box_13_1,省科技厅,,2019-01-01\n"
    reports = REPORTS + "box_01_2,2019-09-30,差不多了,进展,\n"
    assert load(store, tmp_path, assign, reports) == ("partial", "partial")
    rules = {r[0] for r in store.fetchall("SELECT rule FROM quarantine")}
    assert {"task_known", "task_report_status"} <= rules


def test_cli_tasks(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 's.duckdb'}"
    with open_store(url) as store:
        load(store, tmp_path)
    result = runner.invoke(app, ["tasks", "--overdue", "--as-of", "2020-03-31", "--store", url, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [t["id"] for t in doc["tasks"]] == ["box_01_2", "measure_finance"]
    assert runner.invoke(app, ["tasks", "--as-of", "31/03/2020", "--store", url]).exit_code == 2
