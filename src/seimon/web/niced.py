"""Run a piece of work in a thread of its own at a lower CPU priority, so the event loop keeps its core.

A large upload's dry run is CPU work of DuckDB's (set-based checks of a million rows) that nobody waits on in
real time, on a machine where the server's event loop must answer ``/health`` within 200 ms. On Linux a thread's
nice value is its own (``setpriority`` with the thread's id), and with DuckDB's threads capped at one the query
runs in the calling thread: so the dry run is given a fresh thread, niced, which ends with it — the server's
pooled request threads keep their priority. Where threads cannot be niced the work simply runs at normal priority.
A separate *process* is not an option for a DuckDB store: the server's process holds the file, and DuckDB lets no
other process open it meanwhile.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

NICER_BY = 10
"""How much lower than the server's own the worker thread's priority is (nice +10, capped at 19)."""


def _lower_own_priority(by: int) -> None:
    """Raise this thread's nice value by ``by`` (Linux: a thread id names one thread for ``setpriority``)."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + by))
    except (AttributeError, OSError) as exc:  # not Linux, or not allowed: run at normal priority
        logger.debug("could not lower the priority of a worker thread: %s", exc)


def run_niced(work: Callable[[], T], *, by: int = NICER_BY, name: str = "seimon-niced") -> T:
    """``work()`` in a new thread niced ``by`` more than the server; waits for it and returns (or raises) its result.

    >>> run_niced(lambda: 6 * 7)
    42
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def body() -> None:
        _lower_own_priority(by)
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the waiting thread, which raises it
            failure.append(exc)

    thread = threading.Thread(target=body, name=name, daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


__all__ = ["NICER_BY", "run_niced"]
