"""The appraisal page in a real browser: a city user sees the rank-interval chart, the ranking and its own profile."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from tests.web.test_browser import Watch, browser, chart_option, log_in, session, shots

from seimon.access.demo_accounts import DemoAccount

__all__ = ["browser", "session", "shots"]  # the fixtures of the browser journeys, shared

CITY = "130100"


def test_city_sees_the_rank_intervals_the_ranking_and_its_own_profile(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount], shots: Path
) -> None:
    page, _watch, base = session
    log_in(page, base, accounts["city"], "/appraisals?year=2019")
    rows = page.locator("#appraisal-table tbody tr[data-unit]")
    expect(rows).to_have_count(13)
    expect(page.locator(f'#appraisal-table tr[data-unit="{CITY}"][data-own="true"]')).to_have_count(1)
    expect(page.locator("#profile")).to_be_visible()
    expect(page.locator("#profile-table tbody tr[data-indicator]").first).to_be_attached()
    expect(page.locator("#profile-title")).to_contain_text("石家庄市")
    expect(page.locator("#rank-chart canvas").first).to_be_attached()
    option = chart_option(page, "rank-chart")
    assert option is not None and len(option["series"]) == 3
    names = option["yAxis"][0]["data"]
    assert len(names) == 13
    intervals = option["series"][1]["data"]
    assert all(width >= 1 for width in intervals)  # every unit has an interval of at least its own rank
    expect(page.locator("#sensitivity")).to_contain_text("权重")
    page.screenshot(path=shots / "30-city-appraisals.png", full_page=True)
    page.goto(base + "/appraisals?year=2019&lang=en")
    expect(page.locator("#appraisal-table tbody tr[data-unit]")).to_have_count(13)
    expect(page.locator("#sensitivity")).to_contain_text("weights")
    page.screenshot(path=shots / "31-city-appraisals-en.png", full_page=True)
