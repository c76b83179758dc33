"""A lock across processes on one store: several ``seimon serve`` processes may share a PostgreSQL store.

Within one server, :class:`~seimon.web.storeowner.StoreOwner` lets one thread write at a time. Two servers on one
PostgreSQL store each have their own writer, and two approvals landing at once raced in DDL the import and the
cube computation run (``CREATE TABLE IF NOT EXISTS`` from two sessions collides in PostgreSQL's catalogue). A
session-level advisory lock makes such work one at a time across processes; DuckDB has one writing process
by construction, so there it is nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from seimon.store.connection import Store

logger = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for an advisory lock called ``name``.

    >>> lock_key("approve") == lock_key("approve") != lock_key("compute")
    True
    """
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def exclusive(store: Store, name: str) -> Iterator[None]:
    """Hold the store-wide lock ``name`` (PostgreSQL advisory lock; nothing on DuckDB) for the block.

    >>> from seimon.store import open_store
    >>> with exclusive(open_store("duckdb:///:memory:"), "approve"):
    ...     pass
    """
    if store.dialect != "postgres":
        yield
        return
    key = lock_key(name)
    store.execute("SELECT pg_advisory_lock(?)", (key,))
    try:
        yield
    finally:
        store.execute("SELECT pg_advisory_unlock(?)", (key,))


__all__ = ["exclusive", "lock_key"]
