"""The web platform under test: a small demo store, one account per role, an in-process client, a live server.

Everything is real: the demo data go through the import pipeline into a DuckDB file, the app is the one
``seimon serve`` runs, and the live server (for the browser tests) is uvicorn on a free local port.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from seimon.access.demo_accounts import DemoAccount, seed_demo_accounts
from seimon.demo import generate_demo
from seimon.indicators.cube import compute_cube
from seimon.ingest.directory import load_directory
from seimon.store import open_store
from seimon.web import Settings, create_app

ROLES = ("admin", "analyst", "city", "enterprise", "department", "evaluator")
OTHER_CITY = "130200"  # 唐山市: outside the demo city account's scope


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 demo enterprises, 2018–2020, imported and the cube computed; closed, to be copied per app."""
    root = tmp_path_factory.mktemp("web_store")
    generate_demo(root / "demo", enterprises=300, years=(2018, 2020), seed=1)
    path = root / "demo.duckdb"
    with open_store(f"duckdb://{path}") as store:
        load_directory(store, root / "demo")
        compute_cube(store)
        seed_demo_accounts(store)
    return path


@pytest.fixture(scope="session")
def demo_data_dir(demo_store_file: Path) -> Path:
    """The generated demo files (CSV/XLSX in the import formats) behind :func:`demo_store_file`."""
    return demo_store_file.parent / "demo"


def copy_store(source: Path, folder: Path) -> str:
    target = folder / "store.duckdb"
    shutil.copy(source, target)
    return f"duckdb://{target}"


@pytest.fixture(scope="session")
def accounts(demo_store_file: Path) -> dict[str, DemoAccount]:
    """The demo accounts by role (admin, analyst, city, enterprise, department, evaluator)."""
    with open_store(f"duckdb://{demo_store_file}") as store:
        found = seed_demo_accounts(store)
    return {a.role: a for a in found}


@pytest.fixture(scope="session")
def app_client(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app over a copy of the demo store for the read-mostly tests of the session (no cookies kept)."""
    url = copy_store(demo_store_file, tmp_path_factory.mktemp("app"))
    app = create_app(Settings(store=url, cache_entries=512))
    with TestClient(app) as client:
        yield client


def login(client: TestClient | httpx.Client, account: DemoAccount) -> dict[str, str]:
    """Log in; returns the bearer header for scripts."""
    r = client.post("/api/v1/auth/login", json={"username": account.username, "password": account.password})
    assert r.status_code == 200, r.text
    client.cookies.clear()
    return {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.fixture(scope="session")
def headers(app_client: TestClient, accounts: dict[str, DemoAccount]) -> dict[str, dict[str, str]]:
    """Bearer headers by role; ``public`` and ``anonymous`` are no header at all."""
    found = {role: login(app_client, accounts[role]) for role in ROLES}
    found["anonymous"] = {}
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app in a background thread, as ``seimon serve`` does."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("live server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(demo_store_file: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A live server over a fresh copy of the demo store (tests may write: uploads, approvals)."""
    url = copy_store(demo_store_file, tmp_path)
    with LiveServer(Settings(store=url)) as server:
        yield server
