"""Enterprise-level facts the indicator API does not offer: loss-makers (an aggregate count, public) and the
key-enterprise list (names and credit codes, internal edition only).

These read the store directly with the same rules the indicator compiler uses (current rows, SEI membership =
an ``assigned`` classification), because no indicator counts loss-makers or lists enterprises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from seimon.store import Store

ASSIGNED = "assigned"  # seimon.reference.classify.Status.ASSIGNED, as in seimon.indicators.compile

_SEI_REPORTS = (
    "FROM {reports} r JOIN enterprises e ON e.credit_code = r.credit_code AND e.is_current "
    "WHERE r.year = ? AND r.start_month = 1 AND r.end_month = ? "
    "AND r.credit_code IN (SELECT credit_code FROM enterprise_classifications WHERE status = ?)"
)


def _sei_reports(year: int, end_month: int, as_of: dt.date | None) -> tuple[str, list[Any]]:
    """The FROM … WHERE of SEI enterprises' reports for the period: current rows, or the rows known at ``as_of``."""
    if as_of is None:
        return _SEI_REPORTS.format(reports="(SELECT * FROM reports WHERE is_current)"), [year, end_month, ASSIGNED]
    known = (
        "(SELECT * FROM (SELECT k.*, row_number() OVER (PARTITION BY credit_code, period"
        " ORDER BY vintage DESC, batch_id DESC, row_number DESC) AS rn FROM reports k WHERE vintage <= ?) x"
        " WHERE rn = 1)"
    )
    cutoff = dt.datetime.combine(as_of, dt.time.max)
    return _SEI_REPORTS.format(reports=known), [cutoff, year, end_month, ASSIGNED]


@dataclass(frozen=True)
class KeyEnterprise:
    """One of the largest SEI enterprises by value added in the period (confidential)."""

    credit_code: str
    name: str
    region: str
    value_added: float
    value_added_prior: float | None


def loss_makers(store: Store, year: int, end_month: int, as_of: dt.date | None = None) -> int:
    """How many SEI enterprises reported a negative total profit for 1–``end_month``月 of ``year`` (as known at
    ``as_of``, by default now).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     loss_makers(s, 2020, 9)
    0
    """
    sql, params = _sei_reports(year, end_month, as_of)
    row = store.fetchall(f"SELECT COUNT(DISTINCT r.credit_code) {sql} AND r.profit < 0", params)
    return int(row[0][0]) if row else 0


def key_enterprises(
    store: Store, year: int, end_month: int, limit: int = 10, as_of: dt.date | None = None
) -> list[KeyEnterprise]:
    """The ``limit`` SEI enterprises with the largest value added in the period, largest first (as known at
    ``as_of``, by default now).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     key_enterprises(s, 2020, 9)
    []
    """
    sql, params = _sei_reports(year, end_month, as_of)
    rows = store.fetchall(
        "SELECT r.credit_code, e.name, e.region, r.value_added, r.value_added_prior "
        f"{sql} AND r.value_added IS NOT NULL ORDER BY r.value_added DESC, r.credit_code LIMIT ?",
        [*params, limit],
    )
    return [KeyEnterprise(str(c), str(n), str(g), float(v), None if p is None else float(p)) for c, n, g, v, p in rows]
