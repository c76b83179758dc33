"""Benchmark: does ``/api/v1/health`` answer within 200 ms while a 1M-row upload is validated?

Starts ``seimon serve`` as its own process on a generated demo store (``--enterprises`` enterprises, one year of
data), writes a CSV of ``--rows`` year-to-date reports (1,000,000 by default, the upload row limit) of the store's
registered enterprises for years it holds no data for, and then:

1. **baseline**: asks ``/health`` every ``--interval`` seconds for ``--baseline`` seconds with the server idle;
2. **during**: sends the file (``wait=false``) and asks ``/health`` at the same pace until the validation ends,
   following the upload's progress (rows read, then validated) on the way.

Prints both latency distributions, the progress seen, and as its last line a JSON object: ``baseline`` and
``during`` (n, p50/p95/p99/max ms, share within 200 ms), ``ratio_p95`` and ``ratio_max`` (during / baseline),
``within_200ms`` (every health answer during the upload came within 200 ms), ``slow_idle`` / ``slow_during``
(when, in seconds from the start of each series, answers took longer than 200 ms, and how long), the upload's
``seconds``, rows and final state. The client runs in this process and the server in another, on the same machine.

    .venv/bin/python benchmarks/upload_health.py                      # 1M rows
    .venv/bin/python benchmarks/upload_health.py --rows 200000 --baseline 10
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak import build_store, free_port, start_server  # a sibling script, not a package

logger = logging.getLogger(__name__)

LIMIT_MS = 200.0
HEADER = "credit_code,period,revenue,value_added,value_added_prior\n"  # the required columns: 1M rows fit in 50 MB


def report_file(store: Path, rows: int, target: Path) -> int:
    """``rows`` reports of registered enterprises, periods 1–2月 … 1–12月 of years without data; the rows written."""
    from seimon.store import open_store

    with open_store(f"duckdb://{store}") as opened:
        codes = [str(r[0]) for r in opened.fetchall("SELECT credit_code FROM enterprises WHERE is_current")]
    years = [*range(2019, 2020), *range(2021, 2026), *range(2018, 1899, -1)]
    written = 0
    with target.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for year in years:
            for month in range(2, 13):
                for code in codes:
                    if written == rows:
                        return written
                    fh.write(f"{code},{year}年1-{month}月,{1000 + month * 10},{200 + month},{190 + month}\n")
                    written += 1
    return written


def health_series(
    base: str, interval: float, stop: threading.Event, until: float | None = None, slow: list | None = None
) -> list[float]:
    """Latencies (ms) of ``/health`` asked every ``interval`` s until ``stop`` is set (or ``until`` passes).

    Answers slower than 200 ms are also put in ``slow`` as (seconds since the series began, ms).
    """
    seen: list[float] = []
    began = time.perf_counter()
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set() and (until is None or time.monotonic() < until):
            started = time.perf_counter()
            answer = client.get("/api/v1/health")
            seen.append((time.perf_counter() - started) * 1000)
            if slow is not None and seen[-1] > LIMIT_MS:
                slow.append((round(started - began, 1), round(seen[-1])))
            if answer.status_code != 200:
                raise RuntimeError(f"health answered {answer.status_code}: {answer.text[:200]}")
            stop.wait(max(0.0, interval - (time.perf_counter() - started)))
    return seen


def send_and_follow(
    base: str, auth: dict[str, str], upload: Path, started: float
) -> tuple[dict[str, Any], list[tuple[float, str, int, int, int | None]]]:
    """Send the file without waiting (``wait=false``) and follow its progress each second until it ends."""
    with upload.open("rb") as fh:
        accepted = httpx.post(
            base + "/api/v1/submissions",
            headers=auth,
            data={"kind": "reports", "wait": "false"},
            files={"file": (upload.name, fh)},
            timeout=600,
        )
    accepted.raise_for_status()
    seen: list[tuple[float, str, int, int, int | None]] = []
    while True:
        p = httpx.get(base + accepted.json()["progress_url"], headers=auth, timeout=60).json()
        seen.append(
            (round(time.monotonic() - started, 1), p["state"], p["rows_read"], p["rows_validated"], p["rows_total"])
        )
        if p["state"] in ("done", "failed"):
            return p, seen
        time.sleep(1.0)


def figures(values: list[float]) -> dict[str, Any]:
    arr = np.array(values)
    return {
        "n": len(arr),
        "p50_ms": round(float(np.percentile(arr, 50)), 1),
        "p95_ms": round(float(np.percentile(arr, 95)), 1),
        "p99_ms": round(float(np.percentile(arr, 99)), 1),
        "max_ms": round(float(arr.max()), 1),
        "within_200ms": round(float((arr <= LIMIT_MS).mean()), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--enterprises", type=int, default=3000)
    parser.add_argument("--baseline", type=float, default=30.0, help="seconds of health checks with the server idle")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between health checks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"generating a demo store of {args.enterprises} enterprises", flush=True)
        store = build_store(folder, args.enterprises, years=(2020, 2020))
        upload = folder / "reports-1m.csv"
        rows = report_file(store, args.rows, upload)
        size_mb = upload.stat().st_size / 2**20
        print(f"upload: {rows:,} rows, {size_mb:.1f} MB", flush=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        os.environ.update({"SEIMON_MAX_UPLOAD_MB": str(int(size_mb) + 10), "SEIMON_MAX_UPLOAD_SECONDS": "900"})
        proc = start_server(store, port, folder / "serve.log")
        try:
            token = httpx.post(
                base + "/api/v1/auth/login", json={"username": "analyst", "password": "demo-analyst-2020"}, timeout=60
            ).json()["token"]
            auth = {"Authorization": f"Bearer {token}"}
            time.sleep(5)  # let the start-up warming settle before the baseline
            slow_idle: list[tuple[float, int]] = []
            baseline = health_series(
                base, args.interval, threading.Event(), time.monotonic() + args.baseline, slow_idle
            )
            stop = threading.Event()
            during: list[float] = []
            slow: list[tuple[float, int]] = []
            checker = threading.Thread(
                target=lambda: during.extend(health_series(base, args.interval, stop, slow=slow))
            )
            checker.start()
            started = time.monotonic()
            p, progress_seen = send_and_follow(base, auth, upload, started)
            seconds = time.monotonic() - started
            stop.set()
            checker.join()
        finally:
            proc.terminate()
            proc.wait(timeout=120)
    base_f, during_f = figures(baseline), figures(during)
    print(f"baseline  {base_f}")
    print(f"during    {during_f}")
    for t, state, read, validated, total in progress_seen:
        print(f"  {t:7.1f} s  {state:10} read {read:>9,}  validated {validated:>9,} / {total or 0:,}")
    result = {
        "rows": rows,
        "file_mb": round(size_mb, 1),
        "upload_state": p["state"],
        "upload_error": p.get("error"),
        "upload_seconds": round(seconds, 1),
        "baseline": base_f,
        "during": during_f,
        "ratio_p95": round(during_f["p95_ms"] / base_f["p95_ms"], 2),
        "ratio_max": round(during_f["max_ms"] / base_f["max_ms"], 2),
        "within_200ms": during_f["max_ms"] <= LIMIT_MS,
        "slow_idle": slow_idle,
        "slow_during": slow,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
