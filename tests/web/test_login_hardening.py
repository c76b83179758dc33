"""Login under attack: concurrent guesses cannot overshoot the limit, an attacker cannot lock the real user out,
forwarded headers count only from configured proxies, and the session cookie is Secure over HTTPS."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from tests.web.conftest import copy_store, free_port

from seimon.access.demo_accounts import DemoAccount
from seimon.store import open_store
from seimon.web import Settings, create_app
from seimon.web.server import uvicorn_options

API = "/api/v1"


class Served:
    """The app under uvicorn with the options ``seimon serve`` uses (proxy headers included)."""

    def __init__(self, settings: Settings) -> None:
        settings = settings.model_copy(update={"port": free_port()})
        self.settings = settings
        self.url = f"http://127.0.0.1:{settings.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), **uvicorn_options(settings)))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + API + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def client_from(address: str) -> httpx.Client:
    """An HTTP client whose connections come from ``address`` (any 127.x.y.z is this machine)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def attempt(client: httpx.Client, url: str, account: DemoAccount, password: str, **headers: str) -> httpx.Response:
    return client.post(
        url + API + "/auth/login", json={"username": account.username, "password": password}, headers=headers
    )


@pytest.fixture
def served(demo_store_file: Path, tmp_path: Path) -> Iterator[Served]:
    with Served(Settings(store=copy_store(demo_store_file, tmp_path), login_max_failures=5)) as server:
        yield server


def test_concurrent_wrong_passwords_get_exactly_the_limit_checked(
    served: Served, accounts: dict[str, DemoAccount]
) -> None:
    account = accounts["analyst"]
    with client_from("127.0.0.1") as client, ThreadPoolExecutor(30) as pool:
        answers = list(pool.map(lambda _: attempt(client, served.url, account, "guess").status_code, range(30)))
    assert answers.count(401) == 5, answers
    assert answers.count(429) == 25


def test_a_locked_account_still_logs_in_from_an_address_that_has_not_failed(
    served: Served, accounts: dict[str, DemoAccount]
) -> None:
    admin = accounts["admin"]
    with client_from("127.0.0.1") as attacker:
        for _ in range(5):
            assert attempt(attacker, served.url, admin, "guess").status_code == 401
        assert attempt(attacker, served.url, admin, admin.password).status_code == 429, "the guessing address"
    with client_from("127.0.0.3") as third:  # a fresh address gets one try at the locked account, not a run
        assert attempt(third, served.url, admin, "guess").status_code == 401
        assert attempt(third, served.url, admin, admin.password).status_code == 429
    with client_from("127.0.0.2") as owner:
        answer = attempt(owner, served.url, admin, admin.password)
        assert answer.status_code == 200, answer.text


def failed_login_addresses(url: str) -> list[Any]:
    with open_store(url) as store:
        return [r[0] for r in store.fetchall("SELECT ip FROM audit_log WHERE action = 'login_failed' ORDER BY 1")]


def test_forwarded_for_is_ignored_unless_the_proxy_is_configured(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    account = accounts["analyst"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    url = copy_store(demo_store_file, tmp_path / "a")
    with Served(Settings(store=url, login_max_failures=3)) as server, client_from("127.0.0.1") as client:
        for i in range(3):
            forged = {"X-Forwarded-For": f"203.0.113.{i}"}
            assert attempt(client, server.url, account, "guess", **forged).status_code == 401
        fresh = {"X-Forwarded-For": "203.0.113.99"}
        assert attempt(client, server.url, accounts["city"], "guess", **fresh).status_code == 429
    assert failed_login_addresses(url) == ["127.0.0.1"] * 3, "the audit log records the real address"

    url = copy_store(demo_store_file, tmp_path / "b")
    trusted = Settings(store=url, login_max_failures=3, forwarded_allow_ips="127.0.0.1")
    with Served(trusted) as server, client_from("127.0.0.1") as client:
        for i in range(3):
            proxied = {"X-Forwarded-For": f"203.0.113.{i}"}
            assert attempt(client, server.url, accounts["city"], "guess", **proxied).status_code == 401
    assert failed_login_addresses(url) == ["203.0.113.0", "203.0.113.1", "203.0.113.2"]


def test_the_session_cookie_is_secure_whenever_the_login_came_over_https(
    app_client: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    account = accounts["evaluator"]
    body = {"username": account.username, "password": account.password}
    over_https = TestClient(app_client.app, base_url="https://testserver").post(API + "/auth/login", json=body)
    assert over_https.status_code == 200 and "secure" in over_https.headers["set-cookie"].lower()
    over_http = TestClient(app_client.app).post(API + "/auth/login", json=body)
    assert over_http.status_code == 200 and "secure" not in over_http.headers["set-cookie"].lower()
