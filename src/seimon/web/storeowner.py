"""One server process owns the store; its threads read through clones and write one at a time.

DuckDB lets a single process open a database file for writing, so ``seimon serve`` opens it once and
every request thread takes a clone of that connection (:meth:`seimon.store.Store.clone`). Writes (imports,
approvals, users, sessions, audit) go through :meth:`StoreOwner.writer`, which serialises them — the
"one writer" of datasette — and tells the result cache that the data changed. A marker file beside a DuckDB
store names the serving process, so a CLI import that finds the file locked can say where to go instead.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from seimon.store import Store, open_store
from seimon.web.cache import DataVersion, store_probe

logger = logging.getLogger(__name__)


def serve_marker(store: Store) -> Path | None:
    """``<file>.serve.json`` beside a DuckDB store file; None for PostgreSQL or an in-memory store."""
    path = store.url.path if store.dialect == "duckdb" else None
    if not path or path == ":memory:":
        return None
    return Path(path + ".serve.json")


class StoreOwner:
    """The server's hold on the store: per-thread readers, one writer at a time, a data version.

    >>> owner = StoreOwner("duckdb:///:memory:")
    >>> with owner.writer() as store:
    ...     store.execute("CREATE TABLE t (x INTEGER)")
    >>> owner.reader().fetchall("SELECT count(*) FROM t")
    [(0,)]
    >>> owner.close()
    """

    def __init__(self, url: str | None) -> None:
        self.root = open_store(url)
        self._local = threading.local()
        self._clones: list[Store] = []
        self._clones_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self.version = DataVersion(lambda: store_probe(self.reader()))
        self._marker: Path | None = None
        self.local_admin_token: str | None = None

    def reader(self) -> Store:
        """This thread's connection to the store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self.root.clone()
            self._local.store = store
            with self._clones_lock:
                self._clones.append(store)
        return store

    def clone_count(self) -> int:
        """How many per-thread connections are open (one per thread that has read the store)."""
        with self._clones_lock:
            return len(self._clones)

    @contextmanager
    def writer(self, *, changes_data: bool = True) -> Iterator[Store]:
        """Exclusive write access; cached results are retired afterwards.

        No transaction is opened here: the library functions called inside open their own (a dry run must
        be able to roll its own back). ``changes_data=False`` (audit entries, sessions) keeps the cache.
        """
        with self._write_lock:
            try:
                yield self.reader()
            finally:
                if changes_data:
                    self.version.bump()

    def announce(self, address: str) -> None:
        """Write the marker naming this process and address (DuckDB files only)."""
        marker = serve_marker(self.root)
        if marker is None:
            return
        self.local_admin_token = secrets.token_urlsafe(32)
        content = json.dumps({"pid": os.getpid(), "address": address, "admin_token": self.local_admin_token})
        marker.unlink(missing_ok=True)  # a stale marker may belong to someone else: start a file of our own
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        self._marker = marker

    def close(self) -> None:
        if self._marker is not None:
            self._marker.unlink(missing_ok=True)
        with self._clones_lock:
            for store in self._clones:
                try:
                    store.close()
                except Exception:
                    logger.debug("closing a store clone failed", exc_info=True)
            self._clones.clear()
        self.root.close()
