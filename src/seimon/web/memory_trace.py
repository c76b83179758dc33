"""A diagnostic for the soak benchmark: where the server's memory goes, written to a file over time.

Resident memory that keeps growing under load is a leak or a cache without bound; DuckDB's buffer pool filling
up to its limit in the first minutes is neither. To tell them apart the server, when ``SEIMON_MEMORY_TRACE`` names
a file, starts :mod:`tracemalloc` and every ``SEIMON_MEMORY_TRACE_SECONDS`` (30 by default) appends one JSON line:
resident memory, what Python has allocated, what DuckDB holds (``duckdb_memory()``), the number of threads and
store connections, the result cache's size, and the source lines whose Python allocations grew most since the
first sample. Off by default; ``benchmarks/soak.py --trace-memory`` turns it on. tracemalloc slows the server
several times over (a traced soak serves a sixth of the requests), so ``SEIMON_MEMORY_TRACE_PYTHON=0`` leaves it
off and samples only the cheap figures.

    SEIMON_MEMORY_TRACE=/tmp/mem.jsonl seimon serve --store demo.duckdb
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

from seimon.web.context import WebContext
from seimon.web.heap import TRIMS, malloc_mb, resident_mb

logger = logging.getLogger(__name__)

TOP_LINES = 15
"""How many source lines of growth each sample lists."""


def resident_parts_mb() -> dict[str, float]:
    """Resident memory split as Linux counts it: anonymous (heaps, mmap-ed buffers) and file-backed (code)."""
    parts = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key = line.split(":", 1)[0]
            if key in ("RssAnon", "RssFile", "RssShmem"):
                parts[key] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return parts


def arrow_mb() -> float | None:
    """What Arrow's memory pool (mimalloc or jemalloc, not glibc) holds, when pyarrow has been loaded."""
    arrow = sys.modules.get("pyarrow")
    return None if arrow is None else round(arrow.total_allocated_bytes() / 2**20, 1)


def duckdb_mb(ctx: WebContext) -> float | None:
    """What DuckDB's buffer manager holds now, in MB (None on PostgreSQL)."""
    store = ctx.owner.reader()
    if store.dialect != "duckdb":
        return None
    row = store.fetchone("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")
    return round(int(row[0] or 0) / 2**20, 1) if row else None


GROWING_TABLES = ("audit_log", "sessions", "batches", "submissions", "quarantine", "reports")
"""Tables a running server adds rows to (an audit entry per microdata read, a batch per approval …)."""


def store_growth(ctx: WebContext) -> dict[str, Any]:
    """How big the store has grown: rows of :data:`GROWING_TABLES`; on DuckDB also its used blocks and WAL.

    A server whose heap grows with these is holding data, not leaking: DuckDB keeps the metadata of every row group
    and the versions of rows changed since the last checkpoint in the C library's heap, outside its buffer pool.
    """
    store = ctx.owner.reader()
    rows = {}
    for table in GROWING_TABLES:
        found = store.fetchone(f"SELECT count(*) FROM {table}")
        rows[table] = int(found[0]) if found else None
    grown: dict[str, Any] = {"rows": rows}
    if store.dialect == "duckdb":
        # e.g. ('store', '12.5 MiB', 262144, 50, 48, 2, '1.2 MiB', '3.0 MiB', '18.8 GiB')
        size = store.fetchone(
            "SELECT used_blocks, wal_size FROM pragma_database_size() WHERE database_name = current_database()"
        )
        if size is not None:
            grown["used_blocks"], grown["wal"] = int(size[0]), str(size[1])
    return grown


def sample(ctx: WebContext, first: tracemalloc.Snapshot | None, started: float) -> tuple[dict[str, Any], Any]:
    """One line of the trace and the snapshot it was taken from (None when Python is not traced)."""
    snapshot = None
    if tracemalloc.is_tracing():
        snapshot = tracemalloc.take_snapshot().filter_traces(
            (
                tracemalloc.Filter(False, tracemalloc.__file__),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
            )
        )
    current, peak = tracemalloc.get_traced_memory()
    growth = []
    if first is not None and snapshot is not None:
        for stat in snapshot.compare_to(first, "lineno")[:TOP_LINES]:
            frame = stat.traceback[0]
            growth.append(
                {"where": f"{frame.filename}:{frame.lineno}", "kb": round(stat.size_diff / 1024), "n": stat.count_diff}
            )
    line = {
        "t": round(time.monotonic() - started, 1),
        "rss_mb": round(resident_mb(), 1),
        "python_mb": round(current / 2**20, 1),
        "python_peak_mb": round(peak / 2**20, 1),
        "duckdb_mb": duckdb_mb(ctx),
        "malloc_mb": malloc_mb(),
        "rss_parts_mb": resident_parts_mb(),
        "arrow_mb": arrow_mb(),
        "trims": dict(TRIMS),
        "threads": threading.active_count(),
        "store_clones": ctx.owner.clone_count(),
        "cache_entries": len(ctx.cache),
        "store": store_growth(ctx),
        "growth": growth,
    }
    return line, snapshot


def trace_memory(ctx: WebContext, path: Path, every: float, stop: threading.Event) -> None:
    """Append a sample to ``path`` every ``every`` seconds until ``stop`` is set (runs in its own thread)."""
    if os.environ.get("SEIMON_MEMORY_TRACE_PYTHON", "1") != "0":
        tracemalloc.start(1)
    started = time.monotonic()
    first = None
    taken = False
    while not stop.wait(every if taken else 0):
        try:
            line, snapshot = sample(ctx, first, started)
        except Exception:
            logger.exception("memory trace sample failed")
            taken = True
            continue
        first, taken = first or snapshot, True
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    tracemalloc.stop()


def start_trace(ctx: WebContext) -> threading.Event | None:
    """Start the trace thread when ``SEIMON_MEMORY_TRACE`` is set; the event it returns stops it."""
    target = os.environ.get("SEIMON_MEMORY_TRACE")
    if not target:
        return None
    every = float(os.environ.get("SEIMON_MEMORY_TRACE_SECONDS") or 30)
    stop = threading.Event()
    threading.Thread(
        target=trace_memory, args=(ctx, Path(target), every, stop), name="seimon-memory-trace", daemon=True
    ).start()
    logger.warning("tracing memory into %s every %g s (slower: tracemalloc is on)", target, every)
    return stop
