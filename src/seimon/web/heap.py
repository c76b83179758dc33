"""Keep the server's resident memory flat: fixed glibc thresholds, and the heap's free memory given back.

A soak of 32 clients showed the server's resident memory growing by about 20 MB a minute for as long as it ran,
while Python's own allocations (tracemalloc: 20–30 MB) and DuckDB's buffer pool (``duckdb_memory()``: ~20 MB)
stayed flat. glibc's ``mallinfo2`` told why: the bytes in use by ``malloc`` stayed near 110 MB, but the bytes
*freed and kept* in its arenas grew from 25 to 260 MB. Requests run on up to 40 worker threads, so glibc keeps up
to 16 arenas; after one large block is freed (a JSON answer, a DataFrame) glibc raises its mmap threshold to that
size and its trim threshold to twice it (up to 64 MB), and from then on each thread's arena keeps that much free
at its top — which ``malloc_trim`` cannot give back for a thread's arena. That is retention, not a leak, but
unbounded retention looks the same from outside. So the server (:func:`start_heap_trimmer`) fixes the thresholds
(:func:`tune_malloc`: large blocks are mmap-ed and returned when freed) and every ``heap_trim_seconds`` calls
``malloc_trim(0)`` when more than :data:`TRIM_ABOVE_MB` lie free. Nothing happens where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

TRIM_ABOVE_MB = 32.0
"""Trim only when at least this much freed memory is kept (a trim walks every arena under its lock)."""


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # mallopt parameters of glibc's <malloc.h>

MMAP_THRESHOLD = 256 * 1024
"""Blocks from this size up are mmap-ed by glibc, and given back to the system the moment they are freed."""

TRIM_THRESHOLD = 1024 * 1024
"""Free memory above this at the top of a heap is given back when a block is freed."""

TRIMS = {"count": 0, "released_mb": 0.0}
"""How often this process trimmed and how much resident memory that gave back (the memory trace shows it)."""


def resident_mb() -> float:
    """This process's resident memory in MB (Linux ``/proc``; NaN elsewhere).

    >>> resident_mb() > 0
    True
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"
        )
    ]  # fmt: skip


@cache
def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        return libc
    except (OSError, AttributeError):
        return None


def malloc_mb() -> dict[str, float] | None:
    """glibc's heap: bytes in use by ``malloc`` (``in_use``), freed but kept (``free``), and ``mmap``-ed.

    ``in_use`` growing is memory somebody holds (a leak or a cache, Python's or a C library's); ``free`` growing
    is retention, which ``malloc_trim`` gives back. None where this is not glibc.

    >>> sorted(malloc_mb() or {"free": 0, "in_use": 0, "mmap": 0})
    ['free', 'in_use', 'mmap']
    """
    libc = _glibc()
    if libc is None:
        return None
    info = libc.mallinfo2()
    return {
        "in_use": round(info.uordblks / 2**20, 1),
        "free": round(info.fordblks / 2**20, 1),
        "mmap": round(info.hblkhd / 2**20, 1),
    }


def trim_heap(above_mb: float = TRIM_ABOVE_MB) -> float:
    """Return the heap's free memory to the system when more than ``above_mb`` is kept; the MB that were free.

    >>> trim_heap(above_mb=1e9)
    0.0
    """
    libc, before = _glibc(), malloc_mb()
    if libc is None or before is None or before["free"] < above_mb:
        return 0.0
    rss = resident_mb()
    libc.malloc_trim(0)
    released = rss - resident_mb()
    TRIMS["count"] += 1
    TRIMS["released_mb"] += released
    logger.debug("heap trimmed: %.1f MB were free, %.1f MB resident released", before["free"], released)
    return before["free"]


def tune_malloc(arenas: int = 1) -> bool:
    """Set glibc's arena count (``arenas``; 0 keeps glibc's 8 per core) and fix its mmap and trim thresholds.

    Must run before threads other than the main one allocate (``create_app`` calls it before the store is
    opened): glibc fixes its arena limit when a thread first needs an arena of its own. False if not glibc.

    With one arena per thread (up to 16 on two cores) each thread's heap keeps the holes that its requests'
    short-lived blocks leave between long-lived ones, and the holes add up without bound; one shared arena reuses
    them (the GIL serialises most allocation anyway). Fixed thresholds stop glibc raising its mmap threshold to the
    largest block freed (up to 32 MB) and its trim threshold to twice that: large blocks are mmap-ed and returned
    when freed, and free memory above 1 MB at the top of a heap is given back.
    """
    libc = _glibc()
    if libc is None:
        return False
    done = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
    if arenas > 0:
        done = done and libc.mallopt(M_ARENA_MAX, arenas) == 1
    logger.info(
        "glibc malloc: %s arena(s), mmap threshold %d, trim threshold %d (%s)",
        arenas or "default",
        MMAP_THRESHOLD,
        TRIM_THRESHOLD,
        "set" if done else "not set",
    )
    return done


def start_heap_trimmer(every: float) -> threading.Event | None:
    """Trim every ``every`` seconds in a daemon thread (0: never); the event it returns stops it."""
    if every <= 0 or _glibc() is None:
        return None
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(every):
            try:
                trim_heap()
            except Exception:  # a diagnostic nicety must never take the server down
                logger.exception("trimming the heap failed")

    threading.Thread(target=run, name="seimon-heap-trim", daemon=True).start()
    return stop
