"""Bounded memory for an import on DuckDB: cap the engine's memory and let it spill to disk.

An import stages the whole file in TEMP tables (raw cells, typed rows) inside its transaction, so
that it is all-or-nothing and the group rules can run set-based. DuckDB's default memory limit is
80 % of the machine's RAM: left alone, a five-million-row file would be held in RAM whole. With a
cap, DuckDB spills the TEMP tables and large sorts and joins to its ``temp_directory`` instead, so
memory stays bounded whatever the file size. The cap is set for the import only and the
connection's own settings are restored afterwards.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from seimon.store import Store

logger = logging.getLogger(__name__)

IMPORT_MEMORY_LIMIT = "1GB"
"""DuckDB memory cap while importing (``SEIMON_IMPORT_MEMORY_LIMIT`` overrides it, e.g. ``4GB``)."""

_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS |= {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
# a DuckDB size setting: "18.8 GiB", "1GB", "953.6 MiB"
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$")


def size_bytes(text: str) -> int | None:
    """Bytes of a DuckDB size setting, or None when it is not a size.

    >>> size_bytes("1GB"), size_bytes("953.6 MiB"), size_bytes("-1")
    (1000000000, 999922073, None)
    """
    match = _SIZE.match(text or "")
    if not match or match.group(2).lower() not in _UNITS:
        return None
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


@contextmanager
def bounded_memory(store: Store, limit: str | None = None) -> Iterator[str | None]:
    """Within the block, DuckDB uses at most ``limit`` of memory (a lower limit already set is kept).

    Yields the limit in force (None on PostgreSQL, whose server manages its own memory). A
    ``temp_directory`` is set too when the connection has none, so that spilling is possible.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as store, bounded_memory(store, "512MB") as limit:
    ...     limit
    '512MB'
    """
    if store.dialect != "duckdb":
        yield None
        return
    wanted = limit or os.environ.get("SEIMON_IMPORT_MEMORY_LIMIT") or IMPORT_MEMORY_LIMIT
    row = store.fetchone("SELECT current_setting('memory_limit'), current_setting('temp_directory')")
    before, temp_dir = (str(row[0]), str(row[1] or "")) if row else ("", "")
    current, cap = size_bytes(before), size_bytes(wanted)
    lower = cap is not None and (current is None or cap < current)
    if lower:
        store.execute(f"SET memory_limit = '{wanted}'")
    if not temp_dir:
        store.execute(f"SET temp_directory = '{tempfile.gettempdir()}'")
    logger.debug("import memory limit %s (was %s), temp directory %s", wanted, before, temp_dir or "(temp)")
    try:
        yield wanted if lower else before
    finally:
        if lower:  # the default exactly when it was the default, else the setting as DuckDB printed it
            store.execute("RESET memory_limit")
            now = store.fetchone("SELECT current_setting('memory_limit')")
            if not now or str(now[0]) != before:
                store.execute(f"SET memory_limit = '{before}'")
        if not temp_dir:
            store.execute("RESET temp_directory")


_paused_lock = threading.Lock()
_pause = {"blocks": 0, "was_enabled": True}  # blocks open now; whether the collector ran before the first


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Within the block, Python's cyclic garbage collector does not run (in any thread of the process).

    Building a million-row structure in Python (a large upload's jump series) makes the collector's full passes
    fire again and again as the heap grows, each walking every object while holding the GIL: 100–300 ms in which
    no other thread — the server's event loop included — runs. The objects such a block builds hold no cycles and
    are freed by reference counting when it ends, so nothing is lost by not collecting. Nested and concurrent
    blocks count: the collector runs again when the last one ends, and only if it was running before the first.

    >>> with no_gc_pauses():
    ...     gc.isenabled()
    False
    """
    with _paused_lock:
        _pause["blocks"] += 1
        if _pause["blocks"] == 1:
            _pause["was_enabled"] = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _pause["blocks"] -= 1
            if _pause["blocks"] == 0 and _pause["was_enabled"]:
                gc.enable()


__all__ = ["IMPORT_MEMORY_LIMIT", "bounded_memory", "no_gc_pauses", "size_bytes"]
