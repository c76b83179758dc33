"""Benchmark: a soak of the web platform — 32 clients for 10 minutes of mixed reads, uploads and approvals.

Starts ``seimon serve`` as its own process on a copy of a demo store (``--store``, else one generated here with
``--enterprises`` enterprises), logs in the demo accounts, and runs ``--clients`` concurrent clients for
``--seconds`` seconds (600 by default). Each client repeatedly picks an action: mostly reads (targets, an
indicator cut, warnings, enterprises, batches, submissions), the no-op ``/api/v1/ping`` as the baseline measured
under the same load, an upload by the city user of a small report file for its own enterprise (then submitted),
or an approval by the analyst of a waiting submission (which imports it and refreshes the cube). Every
``--sample`` seconds the server's resident memory is read from /proc. Errors are 5xx answers, failed
connections and any refusal other than a lost approval race (409).

Prints per-kind latencies, then the memory series, and as its last line a JSON object: ``errors``, ``requests``,
per kind ``p50/p95/p99`` in ms, the no-op's, ``ratio_p95`` (main reads' p95 / no-op p95), ``uploads`` and
``approvals`` done, and memory ``rss_mb`` (start, end, max) with ``rss_growth_mb`` (mean of the last third of the
run minus mean of the middle third), ``rss_slope_mb_per_min_last_half`` (least-squares slope of RSS over the second
half: the first minutes are excluded because caches and DuckDB's buffer pool fill then) and ``flat`` (that slope
below :data:`FLAT_MB_PER_MIN`). ``--trace-memory FILE`` lets the server write tracemalloc / glibc / DuckDB memory
samples (:mod:`seimon.web.memory_trace`) to find where memory goes.

    .venv/bin/python benchmarks/soak.py                           # 10 minutes on a generated store
    .venv/bin/python benchmarks/soak.py --seconds 120 --store demo.duckdb
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
NOOP = "/api/v1/ping"
READS = (
    "/api/v1/targets",
    "/api/v1/indicators/sei_va_real_growth?period=2020&by=region",
    "/api/v1/warnings",
    "/api/v1/enterprises?limit=50",
    "/api/v1/batches?limit=20",
    "/api/v1/submissions",
    "/api/v1/health",
)
FLAT_MB_PER_MIN = 1.0
"""Memory counts as flat when RSS grows less than this over the second half of the run (the unfixed server grew
about 20 MB per minute)."""
HEADER = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"


def build_store(folder: Path, enterprises: int, years: tuple[int, int] = (2018, 2020)) -> Path:
    """A demo store of ``enterprises`` enterprises over ``years``, the cube computed, the demo accounts seeded."""
    from seimon.access.demo_accounts import seed_demo_accounts
    from seimon.demo import generate_demo
    from seimon.indicators.cube import compute_cube
    from seimon.ingest.directory import load_directory
    from seimon.store import open_store

    generate_demo(folder / "demo", enterprises=enterprises, years=years, seed=1)
    path = folder / "demo.duckdb"
    with open_store(f"duckdb://{path}", create=True) as store:
        load_directory(store, folder / "demo")
        compute_cube(store)
        seed_demo_accounts(store)
    return path


def own_enterprise(store: Path) -> str:
    from seimon.access.demo_accounts import demo_enterprise, seed_demo_accounts
    from seimon.store import open_store

    with open_store(f"duckdb://{store}") as opened:
        seed_demo_accounts(opened)
        code = demo_enterprise(opened)
    assert code, "the demo store has no enterprise of the demo city"
    return code


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    store: Path, port: int, log: Path, trace: Path | None = None, python: bool = True
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    if trace is not None:  # seimon.web.memory_trace: memory samples written by the server
        env |= {
            "SEIMON_MEMORY_TRACE": str(trace),
            "SEIMON_MEMORY_TRACE_SECONDS": "30",
            "SEIMON_MEMORY_TRACE_PYTHON": "1" if python else "0",
        }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "seimon", "serve", "--store", f"duckdb://{store}", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start: " + log.read_text(errors="replace"))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Soak:
    """Shared state of the clients: latencies by kind, errors, the queue of submissions waiting for approval."""

    def __init__(self, base: str, code: str, tokens: dict[str, str]) -> None:
        self.base, self.code, self.tokens = base, code, tokens
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.waiting: list[int] = []
        self.uploads = self.approvals = 0
        self.counter = itertools.count(1)

    def record(self, kind: str, started: float, response: httpx.Response | None, ok: tuple[int, ...] = (200,)) -> None:
        self.latencies.setdefault(kind, []).append(time.perf_counter() - started)
        if response is None:
            self.errors.append(f"{kind}: no answer")
        elif response.status_code not in ok:
            self.errors.append(f"{kind}: HTTP {response.status_code} {response.text[:160]}")

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    async def request(self, client: httpx.AsyncClient, kind: str, method: str, url: str, role: str, **kw: object):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, headers=self.auth(role), **kw)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            self.latencies.setdefault(kind, []).append(time.perf_counter() - started)
            self.errors.append(f"{kind}: {type(exc).__name__}")
            return None
        return started, response

    async def upload(self, client: httpx.AsyncClient) -> None:
        n = next(self.counter)
        month = 2 + n % 11
        rows = HEADER + f"{self.code},2021年1-{month}月,{1000 + n}.5,{300 + n % 97}.5,250,10,1,{50 + n % 7}\n"
        done = await self.request(
            client, "upload", "POST", "/api/v1/submissions", "city",
            data={"kind": "reports"}, files={"file": (f"soak{n}.csv", rows.encode())},
        )  # fmt: skip
        if done is None:
            return
        started, response = done
        self.record("upload", started, response)
        if response.status_code != 200:
            return
        sid = response.json()["id"]
        done = await self.request(client, "submit", "POST", f"/api/v1/submissions/{sid}/submit", "city")
        if done is not None:
            self.record("submit", *done)
            if done[1].status_code == 200:
                self.waiting.append(sid)
                self.uploads += 1

    async def approve(self, client: httpx.AsyncClient) -> None:
        if not self.waiting:
            return
        sid = self.waiting.pop(0)
        done = await self.request(client, "approve", "POST", f"/api/v1/submissions/{sid}/approve", "analyst")
        if done is not None:
            self.record("approve", *done, ok=(200, 409))
            self.approvals += done[1].status_code == 200

    async def client(self, stop: float, seed: int) -> None:
        rng = random.Random(seed)
        limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
        async with httpx.AsyncClient(base_url=self.base, limits=limits, timeout=300) as client:
            while time.perf_counter() < stop:
                pick = rng.random()
                if pick < 0.02:
                    await self.upload(client)
                elif pick < 0.03:
                    await self.approve(client)
                elif pick < 0.25:
                    done = await self.request(client, "noop", "GET", NOOP, "evaluator")
                    if done is not None:
                        self.record("noop", *done)
                else:
                    url = rng.choice(READS)
                    role = "analyst" if "enterprises" in url or "submissions" in url else "evaluator"
                    done = await self.request(client, "read", "GET", url, role)
                    if done is not None:
                        self.record("read", *done)


def percentiles(values: list[float]) -> dict[str, float]:
    arr = np.array(values) * 1000
    return {
        "n": len(arr),
        "p50_ms": round(float(np.percentile(arr, 50)), 1),
        "p95_ms": round(float(np.percentile(arr, 95)), 1),
        "p99_ms": round(float(np.percentile(arr, 99)), 1),
    }


async def run(soak: Soak, clients: int, seconds: float, pid: int, sample: float) -> list[tuple[float, float]]:
    start = time.perf_counter()
    stop = start + seconds
    memory: list[tuple[float, float]] = []

    async def sampler() -> None:
        while time.perf_counter() < stop:
            memory.append((round(time.perf_counter() - start, 1), round(rss_mb(pid), 1)))
            await asyncio.sleep(sample)

    await asyncio.gather(sampler(), *(soak.client(stop, seed) for seed in range(clients)))
    memory.append((round(time.perf_counter() - start, 1), round(rss_mb(pid), 1)))
    return memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="demo store to copy (default: generate one)")
    parser.add_argument("--enterprises", type=int, default=300, help="size of the generated store")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=600.0, help="length of the soak (default 10 minutes)")
    parser.add_argument("--sample", type=float, default=5.0, help="seconds between memory samples")
    parser.add_argument(
        "--trace-memory",
        type=Path,
        default=None,
        help="let the server write memory samples (RSS, glibc heap, DuckDB, Python) to this JSON-lines file",
    )
    parser.add_argument(
        "--trace-python", action="store_true", help="with --trace-memory, also tracemalloc (several times slower)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.store is not None:
            store = folder / "store.duckdb"
            shutil.copy(args.store, store)
        else:
            print(f"generating a demo store of {args.enterprises} enterprises", flush=True)
            store = build_store(folder, args.enterprises)
        code = own_enterprise(store)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(store, port, folder / "serve.log", args.trace_memory, args.trace_python)
        try:
            passwords = {"analyst": "demo-analyst-2020", "city": "demo-city-2020", "evaluator": "demo-evaluator-2020"}
            users = {"analyst": "analyst", "city": "sjz", "evaluator": "evaluator"}
            tokens = {}
            for role, name in users.items():
                answer = httpx.post(
                    base + "/api/v1/auth/login", json={"username": name, "password": passwords[role]}, timeout=60
                )
                answer.raise_for_status()
                tokens[role] = answer.json()["token"]
            for url in READS:  # first computations happen before the clock starts
                httpx.get(base + url, headers={"Authorization": f"Bearer {tokens['analyst']}"}, timeout=600)
            soak = Soak(base, code, tokens)
            print(f"soak: {args.clients} clients for {args.seconds:g} s against {base}", flush=True)
            memory = asyncio.run(run(soak, args.clients, args.seconds, proc.pid, args.sample))
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    kinds = {kind: percentiles(values) for kind, values in sorted(soak.latencies.items())}
    for kind, figures in kinds.items():
        print(f"{kind:8} n={figures['n']:6}  p50 {figures['p50_ms']:8.1f}  p95 {figures['p95_ms']:8.1f}"
              f"  p99 {figures['p99_ms']:8.1f} ms")  # fmt: skip
    print("memory (s, MB): " + " ".join(f"{t:g}:{m:g}" for t, m in memory))
    for error in soak.errors[:20]:
        print("error:", error)
    values = [m for _, m in memory]
    third = max(1, len(values) // 3)
    growth = float(np.mean(values[-third:]) - np.mean(values[third : 2 * third] or values[:third]))
    # flat memory: the least-squares slope of RSS over the second half of the run, in MB per minute
    half = memory[len(memory) // 2 :]
    slope = float(np.polyfit([t for t, _ in half], [m for _, m in half], 1)[0] * 60) if len(half) >= 3 else None
    result = {
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": sum(f["n"] for f in kinds.values()),
        "errors": len(soak.errors),
        "uploads": soak.uploads,
        "approvals": soak.approvals,
        "kinds": kinds,
        "noop_p95_ms": kinds.get("noop", {}).get("p95_ms"),
        "ratio_p95": round(kinds["read"]["p95_ms"] / kinds["noop"]["p95_ms"], 2) if "noop" in kinds else None,
        "rss_mb": {"start": values[0], "end": values[-1], "max": max(values)},
        "rss_growth_mb": round(growth, 1),
        "rss_slope_mb_per_min_last_half": None if slope is None else round(slope, 2),
        "flat": slope is not None and slope < FLAT_MB_PER_MIN,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
