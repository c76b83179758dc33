"""Which appraisals have been released to the public (考核结果公开), by whom and when.

Why a record: an appraisal is computed on demand from the data, but publishing it is a decision. The public sees
an appraisal of a year only after the admin has released it; the record says who released it and when.
"""

from __future__ import annotations

import datetime as dt
import logging

from seimon.store import Store

logger = logging.getLogger(__name__)


def release(store: Store, year: int, units: str, by: str, at: dt.datetime | None = None) -> dt.datetime:
    """Mark the appraisal of ``units`` for ``year`` as released (again: the first release is kept).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     _ = release(s, 2019, "cities", "admin", dt.datetime(2020, 4, 1))
    ...     released(s, 2019, "cities"), released(s, 2019, "bases")
    ((datetime.datetime(2020, 4, 1, 0, 0), 'admin'), None)
    """
    found = released(store, year, units)
    if found is not None:
        return found[0]
    when = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO appraisal_releases (year, units, released_at, released_by) VALUES (?, ?, ?, ?)",
            (year, units, when, by),
        )
    logger.info("appraisal %s %d released by %s", units, year, by)
    return when


def released(store: Store, year: int, units: str) -> tuple[dt.datetime, str] | None:
    """When and by whom the appraisal was released, or None."""
    row = store.fetchone(
        "SELECT released_at, released_by FROM appraisal_releases WHERE year = ? AND units = ?", (year, units)
    )
    return (row[0], str(row[1])) if row else None
