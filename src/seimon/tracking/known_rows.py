"""The rows of a register known at a date: per key, of the rows whose vintage is on or before the date, the latest.

Registers are versioned, never overwritten: a register file's first rows are known "since always"
(:data:`seimon.ingest.known.REGISTER_ORIGIN`), a changed row — a later file, an edit in the web — is known from
its import. Reading "as of D" this way makes a judgement at D give the same answer tomorrow, whatever is edited
after D; reading without a date gives the current rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from seimon.store import Store

logger = logging.getLogger(__name__)


def end_of(day: dt.date) -> dt.datetime:
    """The last moment of a date (a vintage on day D is known at D).

    >>> end_of(dt.date(2020, 3, 31)).isoformat()
    '2020-03-31T23:59:59.999999'
    """
    return dt.datetime.combine(day, dt.time.max)


def rows_known_at(
    store: Store, table: str, columns: tuple[str, ...], key: tuple[str, ...], as_of: dt.date | None
) -> list[dict[str, Any]]:
    """Per ``key`` the row of ``table`` known at ``as_of`` (``None``: the current rows), ordered by the key.

    The latest vintage wins; among rows of one vintage the current one, then the later batch and row.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     rows_known_at(s, "responsibilities", ("target",), ("target",), dt.date(2020, 1, 1))
    []
    """
    if not store.table_exists(table):
        return []
    order = ", ".join(key)
    listed = ", ".join(dict.fromkeys((*columns, *key)))
    if as_of is None:
        return store.fetch_dicts(f"SELECT {listed} FROM {table} WHERE is_current ORDER BY {order}")
    rows = store.fetch_dicts(
        f"SELECT {listed}, vintage AS _vintage, is_current AS _current, batch_id AS _batch, row_number AS _row"
        f" FROM {table} WHERE vintage <= ? ORDER BY {order}",
        (end_of(as_of),),
    )
    best: dict[tuple[Any, ...], tuple[tuple[Any, ...], dict[str, Any]]] = {}
    for row in rows:
        rank = (row.pop("_vintage"), bool(row.pop("_current")), row.pop("_batch"), row.pop("_row") or 0)
        k = tuple(row[c] for c in key)
        held = best.get(k)
        if held is None or rank > held[0]:
            best[k] = (rank, row)
    return [best[k][1] for k in sorted(best, key=lambda k: tuple(str(v) for v in k))]
