"""The projects-and-tasks page in a real browser over the demo store: filters, one project's history, the board."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.web.test_browser import Watch, browser, log_in, session, shots  # noqa: F401 - fixtures of the browser tests

from seimon.access.demo_accounts import DemoAccount
from seimon.store import open_store
from seimon.tracking.projects import project_states
from seimon.tracking.tasks import task_states


def test_city_user_filters_projects_opens_a_history_and_sees_the_tasks_board(
    session: tuple[Page, Watch, str],  # noqa: F811 - the fixture imported above
    accounts: dict[str, DemoAccount],
    demo_store_file: Path,
) -> None:
    page, _, base = session
    day = "2020-12-31"
    with open_store(f"duckdb://{demo_store_file}", read_only=True) as store:  # the copy the server serves
        states = project_states(store, dt.date(2020, 12, 31))
        tasks = task_states(store, dt.date(2020, 12, 31))
    overdue = [s for s in states if s.overdue]
    assert states and overdue
    log_in(page, base, accounts["city"], f"/tracking?as_of={day}")
    rows = page.locator("#projects-table tbody tr[data-project]")
    expect(rows).to_have_count(len(states))
    expect(page.locator("#overdue-count")).to_have_text(str(len(overdue)))
    page.check("#overdue-only")
    expect(rows).to_have_count(len(overdue))
    first = overdue[0]
    page.click(f"a[data-open='{first.id}']")
    history = page.locator("#history-table tbody tr")
    expect(page.locator("#history-title")).to_contain_text(first.id)
    assert history.count() >= 1
    expect(history.last).to_contain_text(re.compile(r"\d"))
    page.uncheck("#overdue-only")
    page.select_option("#city", "130682")
    expect(rows).to_have_count(sum(1 for s in states if s.city == "130682"))
    board = page.locator("#tasks-board li[data-task]")
    expect(board).to_have_count(len(tasks))
    expect(page.locator("#tasks-board li[data-overdue='true']")).to_have_count(sum(t.overdue for t in tasks))
