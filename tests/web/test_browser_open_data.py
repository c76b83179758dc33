"""The open data pages (anonymous, public access on) and the enterprise's "where you stand" page, in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.web.conftest import LiveServer, copy_store
from tests.web.test_browser import Watch, browser, chart_option, log_in, session, shots

from seimon.access.demo_accounts import DemoAccount
from seimon.disclose.releases import publish
from seimon.store import open_store
from seimon.web import Settings

__all__ = ["browser", "session", "shots"]


@pytest.fixture
def open_server(demo_store_file: Path, tmp_path: Path) -> Iterator[tuple[LiveServer, int]]:
    """Public access on, over a copy of the demo store with the 2019 release of sei_va recorded."""
    url = copy_store(demo_store_file, tmp_path)
    with open_store(url) as store:
        release = publish(store, "2019", on=dt.date(2020, 3, 1), indicators=["sei_va"])
    with LiveServer(Settings(store=url, public_enabled=True)) as server:
        yield server, release.id


def test_an_anonymous_visitor_browses_the_releases_and_downloads_one(
    browser: Browser, open_server: tuple[LiveServer, int], shots: Path
) -> None:
    server, rid = open_server
    watch = Watch(host="127.0.0.1")
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("pageerror", watch.page_error)
    response = page.goto(server.url + "/open")
    assert response is not None and response.status == 200
    assert response.headers["cache-control"].startswith("public") and response.headers.get("etag")
    expect(page.locator("#open-releases tbody tr")).to_have_count(1)
    expect(page.locator("#open-releases")).to_contain_text("2019")
    page.click(f'#open-releases a[href="/open/releases/{rid}"]')
    expect(page.locator("#open-release-title")).to_contain_text("2020-03-01")
    expect(page.locator("dl.open-meta")).to_contain_text("万元")
    cells = page.locator("#open-cells tbody tr")
    assert cells.count() > 10
    withheld = page.locator("#open-cells tbody tr.suppressed")
    assert withheld.count() > 0  # the demo store has cities on few enterprises
    expect(withheld.first).to_contain_text("不予公布 / withheld")
    # filter: the cities of the reporting view only
    page.select_option("#table", "region:reporting")
    page.click("#open-filter button[type=submit]")
    page.wait_for_url(re.compile(r".*table=region%3Areporting.*"))
    assert 1 <= page.locator("#open-cells tbody tr").count() <= 13
    expect(page.locator("#open-cells")).to_contain_text("石家庄市")
    page.screenshot(path=shots / "60-open-release.png", full_page=True)
    with page.expect_download() as info:
        page.click('a.download[href$="format=csv"]')
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("indicator,name_zh,name_en,unit,period,table,key,value,suppressed")
    meta = page.request.get(f"{server.url}/api/v1/open/releases/{rid}?format=json").json()["metadata"]
    assert meta["released_on"] == "2020-03-01" and meta["indicators"][0]["definition"]
    # nothing of a withheld cell in the download: no value, no interval, no count of enterprises
    body = json.dumps(page.request.get(f"{server.url}/api/v1/open/releases/{rid}?format=json").json())
    assert '"lower"' not in body and '"contributors"' not in body
    context.close()
    watch.check()


def test_an_enterprise_sees_where_it_stands_against_ten_or_more_peers_only(
    session: tuple[Page, Watch, str], accounts: dict[str, DemoAccount], shots: Path
) -> None:
    page, _watch, base = session
    log_in(page, base, accounts["enterprise"], "/benchmark?period=2019")
    rows = page.locator("#benchmark-table tbody tr[data-group]")
    expect(rows).to_have_count(4)
    expect(page.locator("#benchmark-own")).to_contain_text("2019")
    result = page.request.get(base + "/api/v1/benchmark?period=2019").json()
    for group in result["groups"]:
        row = page.locator(f'#benchmark-table tr[data-group="{group["group"]}"][data-measure="value_added"]')
        if group["value_added"] is None:  # fewer than 10 peers: no distribution at all
            expect(row).to_contain_text("不足 10 家")
        else:
            expect(row).to_contain_text(f"{group['value_added']['median']:,.1f}".rstrip("0").rstrip("."))
    if any(g["value_added_deciles"] for g in result["groups"]):
        page.wait_for_selector("#benchmark-chart[data-ready='1']")
        option = chart_option(page, "benchmark-chart")
        deciles = [s for s in option["series"] if s["name"].startswith("D")]
        assert len(deciles) == 18  # nine per panel: value added, growth
        own = next(s for s in option["series"] if s["name"] == "本企业 / you")
        assert own["data"][0][0] == result["own"]["value_added"]
        peers = {p[0] for s in deciles for p in s["data"]}  # midpoints rounded to two significant digits
        assert all(float(f"{v:.2g}") == v for v in peers)
    else:
        expect(page.locator("#benchmark-chart")).to_contain_text("不足 10 家")
    page.screenshot(path=shots / "61-enterprise-benchmark.png", full_page=True)
