"""Upload progress by rows: the validation worker reports rows read and validated, the API returns them, the upload
form shows "已校验 N / M 行 | N of M rows validated" on a real progress bar, and /health answers meanwhile.

The file is big enough (tens of thousands of report rows of registered enterprises) that validation takes several
chunks of :data:`seimon.ingest.readers.DEFAULT_CHUNK_SIZE` rows, so a rising count can be seen; nothing is timed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from tests.web.conftest import LiveServer, copy_store

from seimon.access.demo_accounts import DemoAccount
from seimon.store import open_store
from seimon.web import Settings

API = "/api/v1"
CHROMIUM = "/usr/bin/chromium"
HEADER = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"
YEARS = (*range(2008, 2018), *range(2021, 2026))  # years the demo store holds no reports for


def big_report_file(demo_store_file: Path) -> tuple[bytes, int]:
    """Year-to-date reports of every registered enterprise for years without data: (CSV bytes, data rows)."""
    with open_store(f"duckdb://{demo_store_file}") as store:
        codes = [str(r[0]) for r in store.fetchall("SELECT credit_code FROM enterprises WHERE is_current")]
    lines = [
        f"{code},{year}年1-{month}月,{1000 + month * 10}.5,{200 + month}.5,{190 + month}.5,10,1,50\n"
        for code in codes
        for year in YEARS
        for month in range(2, 13)
    ]
    return (HEADER + "".join(lines)).encode(), len(lines)


@pytest.fixture
def server(demo_store_file: Path, tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(Settings(store=copy_store(demo_store_file, tmp_path), warm_cache=False)) as live:
        yield live


def bearer(server: LiveServer, account: DemoAccount) -> dict[str, str]:
    answer = httpx.post(
        server.url + API + "/auth/login", json={"username": account.username, "password": account.password}
    )
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def start_upload(server: LiveServer, auth: dict[str, str], content: bytes) -> str:
    """Send ``content`` as a reports file without waiting (``wait=false``): the address of its progress."""
    accepted = httpx.post(
        server.url + API + "/submissions",
        headers=auth,
        data={"kind": "reports", "wait": "false"},
        files={"file": ("big.csv", content)},
        timeout=120,
    )
    assert accepted.status_code == 202, accepted.text
    return server.url + accepted.json()["progress_url"]


def test_progress_rises_by_rows_and_health_answers_before_validation_finishes(
    server: LiveServer, demo_store_file: Path, accounts: dict[str, DemoAccount]
) -> None:
    content, total = big_report_file(demo_store_file)
    auth = bearer(server, accounts["analyst"])
    url = start_upload(server, auth, content)
    seen: list[dict[str, Any]] = []
    health_while_validating = 0
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        progress = httpx.get(url, headers=auth, timeout=30).json()
        seen.append(progress)
        if progress["state"] in ("done", "failed"):
            break
        health = httpx.get(server.url + API + "/health", timeout=30)
        assert health.status_code == 200
        after = httpx.get(url, headers=auth, timeout=30).json()
        if after["state"] not in ("done", "failed"):  # health answered before validation finished
            health_while_validating += 1
        time.sleep(0.1)
    final = seen[-1]
    assert final["state"] == "done", final
    assert final["rows_total"] == total and final["rows_validated"] == total
    midway = [p["rows_validated"] for p in seen if p["state"] == "validating" and 0 < p["rows_validated"] < total]
    assert len(set(midway)) >= 2, f"no rising row count seen: {[(p['state'], p['rows_validated']) for p in seen]}"
    assert midway == sorted(midway)
    assert health_while_validating >= 1
    counted = [p["rows_read"] for p in seen if p["state"] == "reading"]
    assert all(0 < n <= total for n in counted)
    created = httpx.get(f"{server.url}{API}/submissions/{final['submission_id']}", headers=auth, timeout=60).json()
    assert created["rows_read"] == total


def test_a_login_and_an_audit_entry_complete_while_an_upload_is_validated(
    server: LiveServer, demo_store_file: Path, accounts: dict[str, DemoAccount]
) -> None:
    """The dry run does not hold the store's writer: a login (a session written) and a quarantine read (an audit
    entry written) are answered while the upload's progress still says "validating" (nothing is timed)."""
    content, _ = big_report_file(demo_store_file)
    auth = bearer(server, accounts["analyst"])
    url = start_upload(server, auth, content)
    progress = httpx.get(url, headers=auth, timeout=30).json()
    while progress["state"] in ("queued", "reading", "checking"):
        time.sleep(0.05)
        progress = httpx.get(url, headers=auth, timeout=30).json()
    assert progress["state"] == "validating", progress
    city = accounts["city"]
    login = httpx.post(
        server.url + API + "/auth/login", json={"username": city.username, "password": city.password}, timeout=120
    )
    assert login.status_code == 200, login.text
    audited = httpx.get(server.url + API + "/quarantine", headers=auth, timeout=120)
    assert audited.status_code == 200, audited.text
    during = httpx.get(url, headers=auth, timeout=30).json()
    assert during["state"] == "validating", during  # under the old writer lock both waited for "done"
    while during["state"] not in ("done", "failed"):
        time.sleep(0.1)
        during = httpx.get(url, headers=auth, timeout=30).json()
    assert during["state"] == "done", during
    events = server.app.state.seimon.owner.reader().fetchall("SELECT action FROM audit_log ORDER BY id")
    assert ("read_quarantine",) in events


def test_someone_elses_or_an_unknown_upload_is_not_shown(server: LiveServer, accounts: dict[str, DemoAccount]) -> None:
    city = bearer(server, accounts["city"])
    unknown = httpx.get(server.url + API + "/submissions/uploads/nosuchupload", headers=city)
    assert unknown.status_code == 403 and unknown.json()["error"]["code"] == "forbidden"
    analyst = bearer(server, accounts["analyst"])
    missing = httpx.get(server.url + API + "/submissions/uploads/nosuchupload", headers=analyst)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    refused = httpx.post(
        server.url + API + "/submissions",
        headers=city,
        data={"kind": "deflators", "wait": "false"},
        files={"file": ("d.csv", "行业代码,时期,价格指数\n38,2020年1-9月,101.2\n".encode())},
    )
    assert refused.status_code == 202  # refused by the worker (province data), reported as the upload's error
    url = server.url + refused.json()["progress_url"]
    for _ in range(300):
        progress = httpx.get(url, headers=city).json()
        if progress["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert progress["state"] == "failed" and progress["error"]["code"] == "forbidden", progress
    assert "deflators" in progress["error"]["message_en"]
    other = bearer(server, accounts["enterprise"])
    assert httpx.get(url, headers=other).status_code == 403


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


def test_the_upload_form_shows_rows_validated_rising_on_a_real_progress_bar(
    server: LiveServer, browser: Browser, demo_store_file: Path, accounts: dict[str, DemoAccount], tmp_path: Path
) -> None:
    content, total = big_report_file(demo_store_file)
    path = tmp_path / "大文件.csv"
    path.write_bytes(content)
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(120_000)
    foreign: list[str] = []
    context.route(
        "**/*",
        lambda route, request: (
            route.continue_() if request.url.startswith(server.url) else (foreign.append(request.url), route.abort())
        ),
    )
    page: Page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{server.url}/login?next=/submissions")
    page.fill("#username", accounts["analyst"].username)
    page.fill("#password", accounts["analyst"].password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(server.url + "/submissions")
    page.select_option("#kind", "reports")
    page.set_input_files("#file", str(path))
    page.click("#upload-form button[type=submit]")
    seen: list[tuple[int, int, str, float]] = []
    pattern = re.compile(r"^已校验 ([\d,]+) / ([\d,]+) 行 \| ([\d,]+) of ([\d,]+) rows validated$")
    deadline = time.monotonic() + 600
    while "/submissions/" not in page.url and time.monotonic() < deadline:
        try:
            found = page.evaluate(
                "() => { const r = document.getElementById('upload-rows');"
                " const b = document.getElementById('upload-progress');"
                " return r && r.dataset.state === 'validating' ? [r.textContent, b.value, b.max] : null; }"
            )
        except Exception:  # the page navigated away between two looks
            break
        if found:
            text, value, maximum = found
            match = pattern.match(text)
            assert match, text
            n, m = (int(match.group(i).replace(",", "")) for i in (1, 2))
            assert m == total and value == n and maximum == total
            seen.append((n, m, text, value))
        time.sleep(0.05)
    page.wait_for_url(re.compile(re.escape(server.url) + r"/submissions/\d+$"))
    counts = [n for n, *_ in seen]
    rising = sorted({n for n in counts if 0 < n < total})
    assert len(rising) >= 2, f"no rising row count on the page: {seen[:5]} … {seen[-5:]}"
    assert counts == sorted(counts)
    expect(page.locator('#report-counts li[data-count="rows_read"] .count')).to_have_text(f"{total:,}")
    context.close()
    assert errors == [] and foreign == []
