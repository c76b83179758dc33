"""Benchmark: the web platform's API under 32 concurrent clients, against a no-op endpoint in the same run.

Starts ``seimon serve`` as its own process on a copy of the demo store (``demo.duckdb`` from ``make demo`` when
present, else a demo store generated here with ``--enterprises`` enterprises), logs in as the demo analyst, and
for each endpoint runs ``--clients`` concurrent clients for ``--seconds`` seconds, recording every request's
latency. The no-op endpoint (``/api/v1/ping``: routing, middleware and JSON, no work) is measured first and again
last; its baseline is the mean of the two, so a machine that slows down mid-run does not flatter the ratio.
Prints p50/p95/throughput per endpoint. The last line is a JSON object with ``p95_ms`` (p95 over all requests to
the main endpoints), ``noop_p95_ms``, ``ratio`` (``p95_ms / noop_p95_ms``; goal ≤ 3), ``rps`` (main endpoints'
requests per second) and per-endpoint figures.

    .venv/bin/python benchmarks/api_load.py                       # demo.duckdb if present
    .venv/bin/python benchmarks/api_load.py --enterprises 2000 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
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
SEIMON = str(Path(sys.executable).with_name("seimon"))

NOOP = "/api/v1/ping"
MAIN_ENDPOINTS = (
    "/api/v1/targets",
    "/api/v1/targets/sei_va_share_above_scale_industry",
    "/api/v1/indicators/sei_va_share_above_scale?period=2020&by=region",
    "/api/v1/indicators/sei_va_real_growth?period=2020&by=plan_industry",
    "/api/v1/warnings",
    "/api/v1/plan/bases",
    "/api/v1/regions",
    "/api/v1/enterprises?region=130100&limit=50",
)


def build_store(folder: Path, enterprises: int) -> Path:
    """A demo store as ``make demo`` builds it (smaller), with the demo accounts."""
    from seimon.access.demo_accounts import seed_demo_accounts
    from seimon.demo import generate_demo
    from seimon.indicators.cube import compute_cube
    from seimon.ingest.directory import load_directory
    from seimon.store import open_store

    generate_demo(folder / "demo", enterprises=enterprises, years=(2015, 2020), seed=1)
    path = folder / "demo.duckdb"
    with open_store(f"duckdb://{path}") as store:
        load_directory(store, folder / "demo")
        compute_cube(store)
        seed_demo_accounts(store)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    subprocess.run([SEIMON, "demo", "accounts", "--store", str(store), "--json"], check=True, capture_output=True)
    proc = subprocess.Popen(
        [SEIMON, "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


async def load(base: str, path: str, headers: dict[str, str], clients: int, seconds: float) -> list[float]:
    """Latencies (seconds) of every request ``clients`` concurrent clients complete in ``seconds``."""
    latencies: list[float] = []
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=120) as client:

        async def one_client() -> None:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                r = await client.get(path)
                if r.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {r.status_code} {r.text[:200]}")
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies


def summary(latencies: list[float], seconds: float) -> dict[str, float]:
    arr = np.array(latencies) * 1000
    return {
        "n": len(arr),
        "p50_ms": round(float(np.percentile(arr, 50)), 2),
        "p95_ms": round(float(np.percentile(arr, 95)), 2),
        "rps": round(len(arr) / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=REPO / "demo.duckdb", help="demo store (copied, not changed)")
    parser.add_argument("--enterprises", type=int, default=2000, help="size of the generated store if none exists")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=8.0, help="per endpoint")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.store.exists():
            store = folder / "store.duckdb"
            shutil.copy(args.store, store)
        else:
            print(f"no {args.store}: generating a demo store of {args.enterprises} enterprises", flush=True)
            store = build_store(folder, args.enterprises)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(store, port)
        try:
            token = httpx.post(
                base + "/api/v1/auth/login", json={"username": "analyst", "password": "demo-analyst-2020"}
            ).json()["token"]
            headers = {"Authorization": f"Bearer {token}"}
            for path in MAIN_ENDPOINTS:  # warm: first computation of each result, outside the timing
                started = time.perf_counter()
                httpx.get(base + path, headers=headers, timeout=600).raise_for_status()
                print(f"warm {path}: {time.perf_counter() - started:.2f} s", flush=True)
            results: dict[str, dict[str, float]] = {}
            noop_runs = [asyncio.run(load(base, NOOP, headers, args.clients, args.seconds))]
            main_all: list[float] = []
            for path in MAIN_ENDPOINTS:
                lat = asyncio.run(load(base, path, headers, args.clients, args.seconds))
                results[path] = summary(lat, args.seconds)
                main_all.extend(lat)
                print(f"{path}: {results[path]}", flush=True)
            noop_runs.append(asyncio.run(load(base, NOOP, headers, args.clients, args.seconds)))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    noop = [summary(run, args.seconds) for run in noop_runs]
    noop_p95 = sum(n["p95_ms"] for n in noop) / len(noop)
    main = summary(main_all, args.seconds * len(MAIN_ENDPOINTS))
    print(f"no-op {NOOP}: before {noop[0]}, after {noop[1]}")
    ratio = main["p95_ms"] / noop_p95
    print(f"main endpoints p95 {main['p95_ms']} ms vs no-op p95 {noop_p95:.2f} ms: ratio {ratio:.2f} (goal ≤ 3)")
    print(
        json.dumps(
            {
                "p95_ms": main["p95_ms"],
                "noop_p95_ms": round(noop_p95, 2),
                "ratio": round(ratio, 3),
                "rps": main["rps"],
                "noop_rps": round(sum(n["rps"] for n in noop) / len(noop), 1),
                "clients": args.clients,
                "cpus": os.cpu_count(),
                "endpoints": results,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
