"""One server process owns the store; its threads read through clones and write one at a time.

DuckDB lets a single process open a database file for writing, so ``seimon serve`` opens it once and
every request thread takes a clone of that connection (:meth:`seimon.store.Store.clone`). Writes (imports,
approvals, users, sessions, audit) go through :meth:`StoreOwner.writer`, which serialises them — the
"one writer" of datasette — and tells the result cache that the data changed.

The dry run of an upload (:meth:`StoreOwner.validating`) writes too, but only inside a transaction of its own that
it rolls back, so it does not hold the writer — a login or an audit entry need not wait half a minute for a
large file's validation. It only excludes the writes that change data (imports, approvals, register edits):
those update the same current rows a dry run updates, and DuckDB would abort the second transaction to touch
them ("Conflict on update"). Lock order, always: data lock, then write lock. A marker file beside a DuckDB
store names the serving process, so a CLI import that finds the file locked can say where to go instead.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
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


def validation_threads(cores: int | None = None) -> int:
    """DuckDB threads for a dry run: every core but one, at least one.

    >>> validation_threads(2), validation_threads(8), validation_threads(1)
    (1, 7, 1)
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores - 1)


@contextmanager
def spare_core(store: Store) -> Iterator[None]:
    """Cap DuckDB's threads at :func:`validation_threads` for the block, then restore the setting.

    DuckDB's ``threads`` is a setting of the database, not of one connection: while the cap holds, the server's
    other queries get the same threads (the block runs under the data lock, so no two caps overlap). PostgreSQL
    runs its queries in its own processes: nothing to do there.
    """
    if store.dialect != "duckdb":
        yield
        return
    row = store.fetchone("SELECT current_setting('threads')")
    before = int(row[0]) if row else None
    wanted = validation_threads()
    if before is None or before <= wanted:
        yield
        return
    store.execute(f"SET threads = {wanted}")
    try:
        yield
    finally:
        store.execute(f"SET threads = {before}")


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
        self._clones: dict[threading.Thread, Store] = {}
        self._clones_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._data_lock = threading.RLock()
        self.version = DataVersion(lambda: store_probe(self.reader()))
        self._marker: Path | None = None
        self.local_admin_token: str | None = None

    def reader(self) -> Store:
        """This thread's connection to the store.

        The request threads come and go (the thread pool ends a worker idle for 10 s and starts another when
        needed): a new thread's first read also closes the connections of threads that have ended, so their
        number follows the live threads instead of growing with every thread the server ever had.
        """
        store = getattr(self._local, "store", None)
        if store is None:
            store = self.root.clone()
            self._local.store = store
            with self._clones_lock:
                self._close_ended()
                self._clones[threading.current_thread()] = store
        return store

    def _close_ended(self) -> None:
        """Close the connections of threads that have ended (the caller holds ``_clones_lock``)."""
        for thread in [t for t in self._clones if not t.is_alive()]:
            try:
                self._clones.pop(thread).close()
            except Exception:
                logger.debug("closing the store clone of an ended thread failed", exc_info=True)

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
        with self._data_lock if changes_data else nullcontext(), self._write_lock:
            try:
                yield self.reader()
            finally:
                if changes_data:
                    self.version.bump()

    @contextmanager
    def validating(self) -> Iterator[Store]:
        """This thread's connection for a dry run: excludes data-changing writes, not the writer itself.

        On DuckDB the database's threads are capped at one fewer than the machine's cores for the duration
        (:func:`spare_core`), so a large file's set-based checks leave a core to the event loop.
        """
        with self._data_lock:
            store = self.reader()
            with spare_core(store):
                yield store

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
            for store in self._clones.values():
                try:
                    store.close()
                except Exception:
                    logger.debug("closing a store clone failed", exc_info=True)
            self._clones.clear()
        self.root.close()
