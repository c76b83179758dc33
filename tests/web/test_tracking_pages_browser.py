"""The tracking pages in a real browser over the demo store: the map of projects by city, one project's history,
the tasks board of a department, a base's profile, and an edit through a form by a department user."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.web.test_browser import Watch, browser, chart_option, log_in, session, shots  # noqa: F401 - fixtures

from seimon.access.demo_accounts import DEMO_DEPARTMENT, DemoAccount
from seimon.store import open_store
from seimon.tracking.bases import base_profile
from seimon.tracking.projects import project_history, project_states
from seimon.tracking.responsibilities import duties, read_breakdown
from seimon.tracking.tasks import task_states

DAY = dt.date(2020, 12, 31)
EXTRA = {"130682", "130181"}  # 定州, 辛集: in the table, not on the city map


def read_store(path: Path) -> dict:
    with open_store(f"duckdb://{path}", read_only=True) as store:
        states = project_states(store, DAY)
        own = [s for s in states if s.department == DEMO_DEPARTMENT]
        return {
            "states": states,
            "own": own,
            "history": project_history(store, own[0].id, DAY),
            "tasks": task_states(store, DAY),
            "base": base_profile(store, "national_sjz_bio", DAY),
        }


def test_the_map_counts_projects_and_investment_by_city(
    session: tuple[Page, Watch, str],  # noqa: F811
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
) -> None:
    page, watch, base = session
    facts = read_store(demo_store_file)
    counts = Counter(s.city for s in facts["states"])
    log_in(page, base, accounts["analyst"], f"/tracking?as_of={DAY}")
    rows = page.locator("#city-table tbody tr[data-city]")
    expect(rows).to_have_count(len(counts))
    for code, n in counts.items():
        expect(page.locator(f"#city-table tr[data-city='{code}']")).to_have_attribute("data-count", str(n))
    page.wait_for_function("() => echarts.getInstanceByDom(document.getElementById('project-map'))")
    option = chart_option(page, "project-map")
    drawn = {d["name"]: d["value"] for d in option["series"][0]["data"]}
    assert len(drawn) == 11  # the 11 cities of the map
    sjz = sum(s.planned_investment for s in facts["states"] if s.city == "130100" and s.status != "取消") / 10000
    assert abs(drawn["石家庄市"] - sjz) < 1e-6
    # the department filter narrows the list and the map together
    page.select_option("#department", DEMO_DEPARTMENT)
    mine = Counter(s.city for s in facts["own"])
    expect(page.locator("#projects-table tbody tr[data-project]")).to_have_count(len(facts["own"]))
    expect(rows).to_have_count(len(mine))
    watch.check()


def test_one_projects_history_page(
    session: tuple[Page, Watch, str],  # noqa: F811
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
) -> None:
    page, watch, base = session
    facts = read_store(demo_store_file)
    history = facts["history"]
    pid = history["project"]["id"]
    log_in(page, base, accounts["evaluator"], f"/tracking/projects/{pid}?as_of={DAY}")
    expect(page.locator("#project-title")).to_contain_text(pid)
    expect(page.locator("#history-table tbody tr[data-period]")).to_have_count(len(history["reports"]))
    current = [r for r in history["reports"] if r["current"]]
    expect(page.locator("#progress-chart")).to_have_attribute("data-points", str(len(current)))
    option = chart_option(page, "progress-chart")
    assert option["series"][0]["data"] == [r["completed_investment"] for r in current]
    expect(page.locator("#progress-form")).to_have_count(0)  # the evaluator edits nothing
    watch.check()


def test_a_departments_tasks_board(
    session: tuple[Page, Watch, str],  # noqa: F811
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
) -> None:
    page, watch, base = session
    own = [t for t in read_store(demo_store_file)["tasks"] if t.department == DEMO_DEPARTMENT]
    assert own and any(t.overdue for t in own)
    log_in(page, base, accounts["department"], f"/tracking/tasks?as_of={DAY}")
    cards = page.locator("#task-board li.task-card")
    expect(cards).to_have_count(len(own))
    expect(page.locator("#task-board section.board-dept")).to_have_count(1)  # only its own
    expect(page.locator("#task-board li.task-card[data-overdue='true']")).to_have_count(sum(t.overdue for t in own))
    for status in ("未启动", "进行中", "已完成"):
        column = page.locator(f"#task-board .board-column[data-status='{status}'] li.task-card")
        expect(column).to_have_count(sum(t.status == status for t in own))
    watch.check()


def test_a_base_profile(
    session: tuple[Page, Watch, str],  # noqa: F811
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
) -> None:
    page, watch, base = session
    doc = read_store(demo_store_file)["base"]
    b = doc["base"]
    assert b["enterprises"] > 3 and b["reporting"] >= 3
    log_in(page, base, accounts["analyst"], "/bases")
    page.click("a[data-profile='national_sjz_bio']")
    expect(page.locator("#base-enterprises")).to_have_text(f"{b['enterprises']} / {b['reporting']}")
    expect(page.locator("#base-rank")).to_have_text(f"{b['rank_revenue']} / {doc['ranked_revenue']}")
    expect(page.locator("#base-members tbody tr[data-member]")).to_have_count(len(doc["members"]))
    # the evaluator sees the figures of a large enough base, but not the enterprises behind them
    page.context.clear_cookies()
    log_in(page, base, accounts["evaluator"], f"/bases/national_sjz_bio?as_of={DAY}")
    expect(page.locator("#base-rank")).to_have_text(f"{b['rank_revenue']} / {doc['ranked_revenue']}")
    expect(page.locator("#base-members tbody tr[data-member]")).to_have_count(0)
    watch.check()


def test_a_department_reports_progress_and_a_task_through_the_forms(
    session: tuple[Page, Watch, str],  # noqa: F811
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
    tmp_path: Path,
    shots: Path,  # noqa: F811
) -> None:
    page, watch, base = session
    facts = read_store(demo_store_file)
    project = facts["history"]["project"]
    log_in(page, base, accounts["department"], f"/tracking/projects/{project['id']}")
    expect(page.locator("#history-table tbody tr[data-period]").first).to_be_visible()
    page.fill("#pg-period", "2020年12月")
    page.fill("#pg-completed", str(project["planned_investment"]))
    page.select_option("#pg-status", "竣工")
    page.fill("#pg-note", "网上报送：竣工验收")
    page.click("#progress-form button[type=submit]")
    expect(page.locator("#progress-form-ok")).to_be_visible()
    made = page.locator("#history-table tbody tr[data-current='true']", has_text="网上报送：竣工验收")
    expect(made).to_have_count(1)
    expect(made).to_have_attribute("data-period", "2020-12")
    page.screenshot(path=str(shots / "project-history-edited.png"), full_page=True)
    # another department's project: the page shows the refusal, no form to send
    other = next(s for s in facts["states"] if s.department != DEMO_DEPARTMENT)
    page.goto(f"{base}/tracking/projects/{other.id}")
    expect(page.locator("#history-table tbody")).to_contain_text("不在本用户的负责范围内")
    # a task report with an evidence file on the board
    task = next(t for t in facts["tasks"] if t.department == DEMO_DEPARTMENT)
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence of the board test")
    page.goto(f"{base}/tracking/tasks")
    page.click(f"li.task-card[data-task='{task.id}'] button[data-report]")
    page.select_option("#tr-status", "已完成")
    page.fill("#tr-progress", "网上报送：任务完成")
    page.set_input_files("#tr-file", str(evidence))
    page.click("#task-report-form button[type=submit]")
    expect(page.locator("#task-report-ok")).to_be_visible()
    card = page.locator(f"li.task-card[data-task='{task.id}']")
    expect(card).to_have_attribute("data-status", "已完成")
    expect(card).to_contain_text("网上报送：任务完成")
    link = card.locator("a[data-evidence]")
    expect(link).to_have_count(1)
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == evidence.read_bytes()
    assert watch.foreign == []
    unexpected = [e for e in watch.errors if "403" not in e]  # the other department's project: refused on purpose
    assert unexpected == [], unexpected
    watch.errors[:] = unexpected  # the session's own check at teardown then passes too


def test_a_department_sets_a_breakdown_on_a_target_it_leads(
    session: tuple[Page, Watch, str],  # noqa: F811
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
) -> None:
    page, watch, base = session
    with open_store(f"duckdb://{demo_store_file}", read_only=True) as store:
        held = duties(read_breakdown(store))
    led = sorted(t for t, d in held.items() if d.lead == DEMO_DEPARTMENT)
    other = sorted(t for t, d in held.items() if d.lead != DEMO_DEPARTMENT and DEMO_DEPARTMENT not in d.partners)
    assert led and other
    log_in(page, base, accounts["department"], f"/targets/{led[0]}")
    expect(page.locator("#breakdown-duty")).to_contain_text(DEMO_DEPARTMENT)
    before = page.locator("#breakdown-table tbody tr[data-region]").count()
    page.fill("#bd-region", "130500")
    page.fill("#bd-year", "2019")
    page.fill("#bd-value", "12.5")
    page.fill("#bd-lead", DEMO_DEPARTMENT)
    page.fill("#bd-note", "网上设定：邢台2019年里程碑")
    page.click("#breakdown-form button[type=submit]")
    expect(page.locator("#breakdown-form-ok")).to_be_visible()
    row = page.locator("#breakdown-table tbody tr[data-region='130500'][data-year='2019']")
    expect(row).to_contain_text("网上设定：邢台2019年里程碑")
    assert page.locator("#breakdown-table tbody tr[data-region]").count() >= max(before, 1)
    # a target the department neither leads nor supports: the form is refused, nothing is added
    page.goto(f"{base}/targets/{other[0]}")
    page.fill("#bd-region", "130500")
    page.fill("#bd-year", "2019")
    page.fill("#bd-value", "1")
    page.click("#breakdown-form button[type=submit]")
    expect(page.locator("#breakdown-form-error")).to_be_visible()
    expect(page.locator("#breakdown-table tbody tr[data-region='130500'][data-year='2019']")).to_have_count(0)
    unexpected = [e for e in watch.errors if "403" not in e]
    assert unexpected == [], unexpected
    watch.errors[:] = unexpected
