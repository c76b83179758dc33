"""The pages in a real browser (Chromium through Playwright) against a live server over the demo store.

Two journeys: an analyst looks at the overview, opens a target, and switches the map's indicator; a city user
uploads a file with errors and sees them listed, uploads a good file and submits it, and an analyst approves it
so that it lands as a batch. Every request the browser makes is routed through a guard that refuses any host
but the test server's, and any console error or uncaught exception fails the test. Screenshots of each step go
to ``test-artifacts/screenshots/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route, expect, sync_playwright

from seimon.access.demo_accounts import DemoAccount
from seimon.reference.credit_code import make_check_digit, make_org_check

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 60_000  # the first assessment of a fresh server takes a few seconds on a shared machine

expect.set_options(timeout=TIMEOUT_MS)

ENTERPRISE_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "地区代码",
    "行业代码",
    "主要产品",
    "所属基地",
    "企业规模",
    "成立日期",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module (the system's, nothing downloaded)."""
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@dataclass
class Watch:
    """What went wrong in the browser: requests to other hosts, console errors, uncaught exceptions."""

    host: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: int = 0

    def route(self, route: Route, request: Request) -> None:
        self.requests += 1
        if urlsplit(request.url).hostname != self.host:
            self.foreign.append(request.url)
            route.abort()
        else:
            route.continue_()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} @ {message.location}")

    def page_error(self, error: Any) -> None:
        self.errors.append(f"page error: {error}")

    def check(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], "\n".join(self.errors)
        assert self.requests > 0


@pytest.fixture
def session(browser: Browser, live_server: Any) -> Iterator[tuple[Page, Watch, str]]:
    """A fresh browser context on the live server, every request and console message watched."""
    watch = Watch(host="127.0.0.1")
    context: BrowserContext = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", watch.console)
    page.on("pageerror", watch.page_error)
    yield page, watch, live_server.url
    context.close()
    watch.check()


def log_in(page: Page, base: str, account: DemoAccount, next_path: str = "/") -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.fill("#username", account.username)
    page.fill("#password", account.password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base + next_path.split("?", maxsplit=1)[0]) + r"(\?.*)?$"))


def log_out(page: Page, base: str) -> None:
    page.click("[data-logout]")
    page.wait_for_url(re.compile(re.escape(base) + r"/login"))


def chart_option(page: Page, node_id: str) -> dict[str, Any]:
    return page.evaluate(
        "id => { const c = echarts.getInstanceByDom(document.getElementById(id)); return c ? c.getOption() : null; }",
        node_id,
    )


def test_analyst_sees_the_overview_opens_a_target_and_switches_the_map(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount], shots: Path
) -> None:
    page, watch, base = session
    page.goto(base + "/targets")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Ftargets$"))
    log_in(page, base, accounts["analyst"])

    # Overview: the headline figures of the latest period and the status of every target.
    va = page.locator('#headline [data-indicator="sei_va"]')
    expect(va).to_have_attribute("data-value", re.compile(r"^\d"))
    expect(va).to_have_attribute("data-period", "2020")
    expect(page.locator("#headline-period")).to_contain_text("2020年")
    for indicator in ("sei_va_real_growth", "sei_growth_gap", "sei_va_share_above_scale"):
        card = page.locator(f'#headline [data-indicator="{indicator}"]')
        expect(card).to_have_attribute("data-value", re.compile(r"^-?\d"))
        assert card.locator(".value").inner_text() != "—"
    cells = page.locator("#target-grid a.cell")
    expect(cells).to_have_count(35)
    counts = page.locator("#status-counts li .count").all_inner_texts()
    assert sum(int(c) for c in counts) == 35
    expect(page.locator(".site-nav a[aria-current=page]")).to_have_text("总览")
    page.screenshot(path=shots / "01-analyst-overview.png", full_page=True)

    # A target: trend with the target line and the forecast interval, method, observations, plan sentence.
    page.click('#target-grid a.cell[data-target="pv_capacity"]')
    page.wait_for_url(base + "/targets/pv_capacity")
    expect(page.locator("#plan-sentence")).to_contain_text("1500万千瓦")
    expect(page.locator("#observations-used tbody tr[data-period]").first).to_be_visible()
    expect(page.locator("#formulas li").first).to_contain_text("=")
    # mid-2020: three figures known (2015 year end, mid-2018, 2019 published February 2020), the 2020 one not yet
    page.fill("#as_of", "2020-06-30")
    page.click("form.controls button[type=submit]")
    page.wait_for_url(re.compile(r"/targets/pv_capacity\?as_of=2020-06-30"))
    expect(page.locator("#candidates tbody tr[data-method]")).to_have_count(3)
    expect(page.locator("#observations-set-aside tbody tr[data-period]").first).to_be_visible()
    expect(page.locator("#trend-chart canvas").first).to_be_attached()
    option = chart_option(page, "trend-chart")
    names = [s["name"] for s in option["series"]]
    assert "观测值" in names and "预测" in names and any("预测区间" in n for n in names), names
    assert option["series"][0]["markLine"]["data"][0]["yAxis"] == 1500
    page.screenshot(path=shots / "02-analyst-target-pv-capacity.png", full_page=True)

    # Regions: the map coloured by one indicator, then another; the ranking of the 13 reporting units follows.
    page.click('.site-nav a[href="/regions"]')
    page.wait_for_url(base + "/regions")
    rows = page.locator("#ranking tbody tr[data-region]")
    expect(rows).to_have_count(13)
    expect(page.locator("#region-map")).to_have_attribute("data-indicator", "sei_va")
    before = chart_option(page, "region-map")
    assert before["series"][0]["map"] == "河北" and before["series"][0]["name"] == "河北"
    assert len(before["series"][0]["data"]) == 11
    ranking_before = rows.evaluate_all("rs => rs.map(r => [r.dataset.region, r.dataset.value])")
    assert {"130682", "130181"} <= {code for code, _ in ranking_before}
    page.screenshot(path=shots / "03-analyst-regions-value-added.png", full_page=True)

    page.select_option("#indicator", "sei_va_real_growth")
    expect(page.locator("#region-map")).to_have_attribute("data-indicator", "sei_va_real_growth")
    expect(page).to_have_url(re.compile(r"indicator=sei_va_real_growth"))
    after = chart_option(page, "region-map")
    ranking_after = rows.evaluate_all("rs => rs.map(r => [r.dataset.region, r.dataset.value])")
    assert ranking_after != ranking_before
    assert (after["visualMap"][0]["min"], after["visualMap"][0]["max"]) != (
        before["visualMap"][0]["min"],
        before["visualMap"][0]["max"],
    )
    assert after["visualMap"][0]["max"] < 100 < before["visualMap"][0]["max"]  # percent vs 亿元
    assert [d["value"] for d in after["series"][0]["data"]] != [d["value"] for d in before["series"][0]["data"]]
    page.screenshot(path=shots / "04-analyst-regions-growth.png", full_page=True)

    # The English switch keeps the page and the indicator.
    page.click('.langs a[lang="en"]')
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".brand-name")).to_have_text("SEI Monitor")
    expect(page.locator("#region-map")).to_have_attribute("data-indicator", "sei_va_real_growth")
    expect(rows).to_have_count(13)
    page.screenshot(path=shots / "05-analyst-regions-english.png", full_page=True)
    watch.check()


def credit_code(region: str, body: str) -> str:
    """A valid unified social credit code (GB 32100) for an enterprise in ``region``."""
    first17 = "91" + region + body + make_org_check(body)
    return first17 + make_check_digit(first17)


def enterprise_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ENTERPRISE_HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def upload(page: Page, base: str, path: Path) -> str:
    """Upload a file on /submissions; returns the new submission's id from the page it lands on."""
    page.goto(base + "/submissions")
    page.select_option("#kind", "enterprises")
    page.set_input_files("#file", str(path))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + r"/submissions/\d+$"))
    return page.url.rsplit("/", 1)[1]


def test_city_uploads_submits_and_the_analyst_approves_it(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount], shots: Path, tmp_path: Path
) -> None:
    page, watch, base = session
    good_code = credit_code("130102", "5T3K8A2M")
    bad = tmp_path / "企业名录_有错误.csv"
    bad.write_bytes(
        enterprise_csv(
            [
                ["BADCODE123", "石家庄坏代码科技有限公司", "130102", "3841", "锂离子电池", "", "小型", "2019-03-01"],
                [
                    good_code[:-1] + ("0" if good_code[-1] != "0" else "1"),
                    "石家庄校验码错误有限公司",
                    "130102",
                    "3841",
                    "锂离子电池",
                    "",
                    "小型",
                    "2019-03-01",
                ],
            ]
        )
    )
    good = tmp_path / "企业名录.csv"
    good.write_bytes(
        enterprise_csv(
            [[good_code, "石家庄新测试锂电科技有限公司", "130102", "3841", "锂离子电池", "", "小型", "2019-03-01"]]
        )
    )

    # The city user uploads a file with errors: every problem is listed with row, field, rule and messages.
    log_in(page, base, accounts["city"], "/submissions")
    expect(page.locator("#upload-form")).to_be_visible()
    bad_id = upload(page, base, bad)
    problems = page.locator("#problems tbody tr[data-rule]")
    expect(problems).to_have_count(2)
    expect(page.locator('#problems tbody tr[data-row="2"][data-field="credit_code"]')).to_contain_text("长度应为 18 位")
    expect(page.locator('#problems tbody tr[data-row="3"]')).to_contain_text("check character")
    expect(page.locator("#submission-facts")).to_have_attribute("data-status", "validated")
    expect(page.locator("#report-xlsx")).to_have_attribute("href", f"/api/v1/submissions/{bad_id}/report.xlsx")
    expect(page.locator("#approve-button")).to_be_hidden()
    expect(page.locator("#return-form")).to_be_hidden()
    expect(page.locator("#submit-button")).to_be_visible()  # rows with errors would be quarantined; may submit
    page.screenshot(path=shots / "06-city-upload-with-errors.png", full_page=True)

    # A good file: no problems; the city submits it.
    good_id = upload(page, base, good)
    assert good_id != bad_id
    expect(page.locator("#problems tbody")).to_contain_text("没有发现问题")
    expect(page.locator('#report-counts li[data-count="rows_valid"] .count')).to_have_text("1")
    page.screenshot(path=shots / "07-city-upload-valid.png", full_page=True)
    page.click("#submit-button")
    expect(page.locator("#submission-facts")).to_have_attribute("data-status", "submitted")
    expect(page.locator("#submit-button")).to_be_hidden()
    expect(page.locator("#approve-button")).to_be_hidden()  # a city user cannot approve
    page.screenshot(path=shots / "08-city-submitted.png", full_page=True)
    page.goto(base + "/submissions")
    expect(page.locator("#submissions-table tbody tr[data-submission]")).to_have_count(2)
    expect(page.locator(f'#submissions-table tr[data-submission="{good_id}"]')).to_have_attribute(
        "data-status", "submitted"
    )
    log_out(page, base)

    # The analyst sees it among all submissions, approves it, and it lands as a batch.
    log_in(page, base, accounts["analyst"], "/submissions")
    expect(page.locator(f'#submissions-table tr[data-submission="{good_id}"]')).to_be_visible()
    page.locator(f'#submissions-table tr[data-submission="{good_id}"] td a').first.click()
    page.wait_for_url(f"{base}/submissions/{good_id}")
    expect(page.locator("#approve-button")).to_be_visible()
    expect(page.locator("#return-form")).to_be_visible()
    page.screenshot(path=shots / "09-analyst-before-approval.png", full_page=True)
    page.click("#approve-button")
    facts = page.locator("#submission-facts")
    expect(facts).to_have_attribute("data-status", "approved")
    expect(facts).to_have_attribute("data-batch-id", re.compile(r"^\d+$"))
    expect(page.locator("#approve-button")).to_be_hidden()
    batch_id = facts.get_attribute("data-batch-id")
    expect(page.locator("#batch-link")).to_have_text(f"#{batch_id}")
    page.screenshot(path=shots / "10-analyst-approved.png", full_page=True)

    # The batch records where the data came from.
    page.click("#batch-link")
    page.wait_for_url(f"{base}/batches/{batch_id}")
    expect(page.locator("#batch-facts")).to_contain_text(good.name)
    expect(page.locator("#batch-facts")).to_contain_text("sjz")
    page.screenshot(path=shots / "11-analyst-batch.png", full_page=True)
    watch.check()


def test_every_page_of_the_administrator_loads_its_data_without_errors(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount], shots: Path
) -> None:
    """The pages the journeys above do not visit: each fills in its data, and the admin adds a user."""
    page, watch, base = session
    log_in(page, base, accounts["admin"], "/targets")
    expect(page.locator("#targets-table tbody tr[data-target]")).to_have_count(35)
    expect(page.locator("#targets-table td.spark canvas").first).to_be_attached()
    page.screenshot(path=shots / "12-admin-targets.png", full_page=True)

    loaded = {
        "/industries": ("#industries-table tbody tr[data-industry]", 8),
        "/bases": ("#national-bases article[data-base]", 5),
        "/projects": ("#projects article[data-project]", 8),
        "/batches": ("#batches-table tbody tr[data-batch]", None),
        "/reports": ("#bulletin-period option[value='2020']", 1),
        "/audit": ("#audit-table tbody tr[data-action='login']", None),
        "/warnings": ("#warnings-table tbody tr[data-severity]", None),
    }
    for number, (path, (selector, count)) in enumerate(loaded.items(), start=13):
        page.goto(base + path)
        found = page.locator(selector)
        if count is None:
            expect(found.first).to_be_attached()
        else:
            expect(found).to_have_count(count)
        page.screenshot(path=shots / f"{number}-admin-{path.strip('/')}.png", full_page=True)
    expect(page.locator("#provincial-bases tbody tr[data-base]")).to_have_count(0)  # left the bases page
    page.goto(base + "/bases")
    expect(page.locator("#provincial-bases tbody tr[data-base]")).to_have_count(30)
    expect(
        page.locator('#national-bases article[data-base="national_sjz_bio"] [data-indicator="sei_va"]')
    ).to_be_visible()
    page.goto(base + "/industries")
    expect(page.locator('#industries-table tr[data-industry="biology"] td[data-value]')).to_have_count(3)
    expect(page.locator("#industries-chart canvas").first).to_be_attached()

    # Users: the accounts, and a new city account added through the form (the API checks the region).
    page.goto(base + "/users")
    rows = page.locator("#users-table tbody tr[data-user]")
    expect(rows).to_have_count(len(accounts))
    page.fill("#new-username", "handan")
    page.fill("#new-password", "handan-city-2020")
    page.select_option("#new-role", "city")
    page.fill("#new-region", "130400")
    page.fill("#new-display-name", "邯郸市 / Handan")
    page.click("#add-user-form button[type=submit]")
    expect(page.locator("#add-user-ok")).to_contain_text("handan")
    expect(rows).to_have_count(len(accounts) + 1)
    expect(page.locator('#users-table tr[data-user="handan"]')).to_contain_text("130400")
    page.screenshot(path=shots / "20-admin-users.png", full_page=True)
    watch.check()


def test_a_user_changes_their_password_in_the_browser(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount]
) -> None:
    page, _, base = session
    city = accounts["city"]
    log_in(page, base, city, "/account/password")
    page.fill("#current_password", city.password)
    page.fill("#new_password", "browser-new-pw-1")
    page.fill("#repeat_password", "something-else")
    page.click("#password-form button[type=submit]")
    expect(page.locator("#password-mismatch")).to_be_visible()
    page.fill("#repeat_password", "browser-new-pw-1")
    page.click("#password-form button[type=submit]")
    expect(page.locator("#password-done")).to_be_visible()
    page.goto(base + "/submissions")  # still logged in: the fresh session cookie replaced the ended one
    expect(page.locator("[data-logout]")).to_be_visible()
    log_out(page, base)
    log_in(page, base, DemoAccount(city.username, "browser-new-pw-1", city.role, region=city.region), "/submissions")
