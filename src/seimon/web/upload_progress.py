"""How far the validation of each upload has got: rows read and validated so far, out of how many.

A 1M-row file takes a minute or more to validate; the person who sent it should see it move rather than a bar
that only says "busy". The worker that validates an upload (:func:`seimon.web.api.submissions.keep_upload`)
updates one :class:`UploadProgress` as it goes::

    queued ─► reading (rows counted within the limits) ─► checking (scope) ─► validating (rows validated)
           ─► saving ─► done (the submission's id) | failed (the error, as the API would answer it)

Progress lives in this server process's memory only, keyed by a random upload id handed back by
``POST /api/v1/submissions`` with ``wait=false``; it is not data. The tracker is bounded (at most
:data:`MAX_TRACKED` entries, finished ones forgotten after :data:`KEEP_SECONDS`), so it cannot grow under load.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

MAX_TRACKED = 256
"""Uploads remembered at once; the oldest finished ones are forgotten first."""

KEEP_SECONDS = 3600.0
"""How long a finished upload's progress can still be asked for."""

STATES = ("queued", "reading", "checking", "validating", "saving", "done", "failed")
FINAL = frozenset({"done", "failed"})


@dataclass
class UploadProgress:
    """One upload on its way through validation (updated by its worker thread, read by progress requests).

    >>> p = UploadProgress("x", "sjz", "r.csv", "reports")
    >>> p.read(1000); p.total(2500); p.validated(2500); p.finish(submission_id=7)
    >>> {k: p.to_dict()[k] for k in ("state", "rows_total", "rows_read", "rows_validated", "submission_id")}
    {'state': 'done', 'rows_total': 2500, 'rows_read': 2500, 'rows_validated': 2500, 'submission_id': 7}
    """

    upload_id: str
    submitted_by: str
    filename: str
    kind: str
    state: str = "queued"
    rows_total: int | None = None
    rows_read: int = 0
    rows_validated: int = 0
    submission_id: int | None = None
    error: dict[str, Any] | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def read(self, rows: int) -> None:
        """Rows read so far while the file is counted within the upload limits."""
        self.state, self.rows_read = "reading", rows

    def total(self, rows: int) -> None:
        """The file holds ``rows`` data rows: reading is done, the scope check comes next."""
        self.state, self.rows_total, self.rows_read = "checking", rows, rows

    def validating(self) -> None:
        self.state = "validating"

    def validated(self, rows: int) -> None:
        """Rows converted and checked so far by the dry-run import (its progress callback)."""
        self.rows_validated = rows if self.rows_total is None else min(rows, self.rows_total)

    def saving(self) -> None:
        self.state = "saving"

    def finish(self, *, submission_id: int | None = None, error: dict[str, Any] | None = None) -> None:
        if error is None and self.rows_total is not None:
            self.rows_validated = self.rows_total
        self.state = "failed" if error is not None else "done"
        self.submission_id, self.error, self.finished = submission_id, error, time.monotonic()

    def to_dict(self) -> dict[str, Any]:
        """What ``GET /api/v1/submissions/uploads/{id}`` answers."""
        return {
            "upload_id": self.upload_id,
            "kind": self.kind,
            "filename": self.filename,
            "state": self.state,
            "rows_total": self.rows_total,
            "rows_read": self.rows_read,
            "rows_validated": self.rows_validated,
            "seconds": round((self.finished or time.monotonic()) - self.started, 1),
            "submission_id": self.submission_id,
            "error": self.error,
        }


class UploadTracker:
    """The uploads of this process, bounded in number and in time.

    >>> tracker = UploadTracker(max_tracked=2)
    >>> a = tracker.start("sjz", "a.csv", "reports"); a.finish(submission_id=1)
    >>> b = tracker.start("sjz", "b.csv", "reports"); c = tracker.start("sjz", "c.csv", "reports")
    >>> tracker.get(a.upload_id) is None, tracker.get(c.upload_id) is c, len(tracker)
    (True, True, 2)
    """

    def __init__(self, max_tracked: int = MAX_TRACKED, keep_seconds: float = KEEP_SECONDS) -> None:
        self.max_tracked, self.keep_seconds = max_tracked, keep_seconds
        self._items: OrderedDict[str, UploadProgress] = OrderedDict()
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    def run(self, work: Awaitable[None]) -> None:
        """Run ``work`` (an upload nobody waits on) on the event loop, holding on to it until it ends.

        The loop keeps only a weak reference to a task; without this one it could be collected midway.
        """
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, timeout: float = 600.0) -> None:
        """Wait (at most ``timeout`` seconds) for the uploads being validated: the store closes after them."""
        if self._tasks:
            logger.info("waiting for %d upload(s) being validated", len(self._tasks))
            await asyncio.wait(set(self._tasks), timeout=timeout)

    def start(self, submitted_by: str, filename: str, kind: str) -> UploadProgress:
        progress = UploadProgress(secrets.token_urlsafe(12), submitted_by, filename, kind)
        with self._lock:
            self._prune(room_for=1)
            self._items[progress.upload_id] = progress
        return progress

    def get(self, upload_id: str) -> UploadProgress | None:
        with self._lock:
            self._prune()
            return self._items.get(upload_id)

    def _prune(self, room_for: int = 0) -> None:
        """Forget expired finished uploads, then the oldest (finished first) to leave ``room_for`` more."""
        now = time.monotonic()
        for key in [
            k for k, p in self._items.items() if p.finished is not None and now - p.finished > self.keep_seconds
        ]:
            del self._items[key]
        while self._items and len(self._items) + room_for > self.max_tracked:
            finished = next((k for k, p in self._items.items() if p.state in FINAL), None)
            del self._items[finished if finished is not None else next(iter(self._items))]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
