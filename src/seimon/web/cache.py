"""Results kept between requests until the data change.

Reading the plan's assessment or an indicator cut takes tens to hundreds of milliseconds; the data change
only when an import lands. Every entry is keyed by the store's data version, so a write through the server
(or, on PostgreSQL, another process's import noticed by :meth:`DataVersion.current`) retires all of them.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response

from seimon.store import Store

logger = logging.getLogger(__name__)

T = TypeVar("T")

POLL_SECONDS = 2.0


class DataVersion:
    """A number that changes whenever the stored data do.

    Writes through this server call :meth:`bump`. On a shared PostgreSQL store another process may import
    too, so the latest batch id and submission activity are read at most every ``POLL_SECONDS``.
    """

    def __init__(self, probe: Callable[[], Hashable], clock: Callable[[], float] = time.monotonic) -> None:
        self._probe, self._clock = probe, clock
        self._lock = threading.Lock()
        self._local = 0
        self._seen: Hashable = None
        self._checked = -1e18

    def bump(self) -> None:
        with self._lock:
            self._local += 1

    def current(self) -> tuple[int, Hashable]:
        now = self._clock()
        with self._lock:
            if now - self._checked >= POLL_SECONDS:
                self._checked = now
                self._seen = self._probe()
            return self._local, self._seen


def json_bytes(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON, the way the API answers (NaN becomes null, dates ISO 8601).

    >>> json_bytes({"a": float("nan"), "d": __import__("datetime").date(2020, 1, 2), "名": 1})
    b'{"a":null,"d":"2020-01-02","\xe5\x90\x8d":1}'
    """
    return json.dumps(
        _clean(jsonable_encoder(value)), ensure_ascii=False, allow_nan=False, separators=(",", ":")
    ).encode("utf-8")


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def store_probe(store: Store) -> Hashable:
    """The newest batch, the number of batches and of releases (of data, of disclosure-protected tables, of
    appraisals): any import or release changes one of them."""
    row = store.fetchone(
        "SELECT max(batch_id), count(*), (SELECT count(*) FROM period_releases),"
        " (SELECT count(*) FROM disclosure_releases), (SELECT count(*) FROM appraisal_releases) FROM batches"
    )
    return tuple(row) if row else None


class ResultCache:
    """A small thread-safe LRU of computed results, keyed by (name, arguments, data version).

    >>> cache = ResultCache(DataVersion(lambda: 0), size=2)
    >>> calls = []
    >>> cache.get(("x", 1), lambda: calls.append(1) or "value"), cache.get(("x", 1), lambda: "other"), len(calls)
    ('value', 'value', 1)

    Results of an older data version can never be asked for again (the version is part of every key): they are
    dropped when the version changes, so memory does not grow with every import until the LRU bound.

    >>> cache.version.bump(); _ = cache.get(("y", 1), lambda: 2); len(cache)
    1
    """

    def __init__(self, version: DataVersion, size: int = 512) -> None:
        self.version, self.size = version, size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}
        self._version: Hashable = None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value, or ``compute()`` once (concurrent callers for one key wait for the first)."""
        if self.size == 0:
            return compute()
        version = self.version.current()
        full = (key, version)
        with self._lock:
            if version != self._version:  # the data changed: nothing cached before can be asked for again
                self._items.clear()
                self._version = version
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
            gate = self._building.setdefault(full, threading.Lock())
        with gate:
            with self._lock:
                if full in self._items:
                    return self._items[full]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._building.pop(full, None)
            with self._lock:
                if version != self._version:  # the data changed while computing: keep nothing stale
                    return value
                self._items[full] = value
                self._items.move_to_end(full)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def json(self, key: Hashable, compute: Callable[[], Any]) -> Response:
        """A JSON response whose encoded body is cached: a repeated request costs no serialisation."""
        body = self.get(("json", key), lambda: json_bytes(compute()))
        return Response(body, media_type="application/json")
