"""Two `seimon serve` processes on one PostgreSQL store, live: uploads and approvals on both, racing approvals of
the same submissions from both, and afterwards no batch lost and none doubled."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests.web.conftest import free_port

from seimon.access.demo_accounts import demo_enterprise, seed_demo_accounts
from seimon.demo import generate_demo
from seimon.ingest.directory import load_directory
from seimon.store import open_store

pytestmark = pytest.mark.postgres
API = "/api/v1"
HEADER = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"
UPLOADS_PER_SERVER = 4


def serve(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
        "SEIMON_SECRET_KEY": "one-key-for-both-servers",
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "seimon", "serve", "--store", url, "--port", str(port), "--no-warm"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )


def wait_up(address: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            if httpx.get(address + API + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("server did not start: " + log.read_text(errors="replace"))


@pytest.fixture
def two_servers(pg_url: str, tmp_path: Path) -> Iterator[tuple[str, list[str], str]]:
    generate_demo(tmp_path / "demo", enterprises=60, years=(2020, 2020), seed=5)
    with open_store(pg_url) as store:
        load_directory(store, tmp_path / "demo")
        seed_demo_accounts(store)
        code = demo_enterprise(store)
    assert code
    ports = [free_port(), free_port()]
    processes = [serve(pg_url, port, tmp_path / f"serve{port}.log") for port in ports]
    addresses = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for address, process, port in zip(addresses, processes, ports, strict=True):
            wait_up(address, process, tmp_path / f"serve{port}.log")
        yield pg_url, addresses, code
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def token(address: str, username: str, password: str) -> dict[str, str]:
    answer = httpx.post(address + API + "/auth/login", json={"username": username, "password": password}, timeout=60)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_uploads_and_approvals_on_two_servers_lose_and_double_nothing(two_servers: tuple[str, list[str], str]) -> None:
    url, addresses, code = two_servers
    with open_store(url) as store:
        batches_before = store.fetchone("SELECT count(*) FROM batches")[0]  # type: ignore[index]
    city = {a: token(a, "sjz", "demo-city-2020") for a in addresses}
    analyst = {a: token(a, "analyst", "demo-analyst-2020") for a in addresses}

    def upload(job: tuple[int, str]) -> int:
        n, address = job
        rows = HEADER + f"{code},2021年1-{n + 2}月,{1000 + n}.5,{300 + n}.5,250,10,1,50\n"
        answer = httpx.post(
            address + API + "/submissions",
            headers=city[address],
            data={"kind": "reports"},
            files={"file": (f"r{n}.csv", rows.encode())},
            timeout=120,
        )
        assert answer.status_code == 200, answer.text
        sid = int(answer.json()["id"])
        submitted = httpx.post(f"{address}{API}/submissions/{sid}/submit", headers=city[address], timeout=60)
        assert submitted.status_code == 200, submitted.text
        return sid

    jobs = [(n, addresses[n % 2]) for n in range(2 * UPLOADS_PER_SERVER)]
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(upload, jobs))
    assert len(set(ids)) == len(ids), "every upload on either server got its own submission id"

    def approve(job: tuple[int, str]) -> tuple[int, int]:
        sid, address = job
        answer = httpx.post(f"{address}{API}/submissions/{sid}/approve", headers=analyst[address], timeout=300)
        return sid, answer.status_code

    # every submission is approved from both servers at once: exactly one of the two may win
    races = [(sid, address) for sid in ids for address in addresses]
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(approve, races))
    for sid in ids:
        codes = sorted(status for s, status in outcomes if s == sid)
        assert codes == [200, 409], f"submission {sid}: {codes}"

    with open_store(url) as store:
        rows = store.fetchall(
            f"SELECT id, status, batch_id FROM submissions WHERE id IN ({', '.join('?' * len(ids))})", ids
        )
        assert {r[1] for r in rows} == {"approved"} and all(r[2] is not None for r in rows)
        assert len({r[2] for r in rows}) == len(ids), "one batch per approved submission, none shared"
        batches_after = store.fetchone("SELECT count(*) FROM batches")[0]  # type: ignore[index]
        assert batches_after - batches_before == len(ids), "no batch lost and none doubled"
        landed = store.fetchone(
            "SELECT count(*) FROM reports WHERE credit_code = ? AND year = 2021 AND is_current", (code,)
        )[0]  # type: ignore[index]
        assert landed == len(ids)
    for address in addresses:  # each server sees the other's approvals (its cache follows the shared store)
        listed = httpx.get(address + API + "/submissions?status=approved", headers=analyst[address], timeout=60)
        assert {s["id"] for s in listed.json()} >= set(ids)
