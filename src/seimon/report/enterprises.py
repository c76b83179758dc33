"""Enterprise-level facts the indicator API does not offer: loss-makers (an aggregate count, public) and the
key-enterprise list (names and credit codes, internal edition only).

These read the store directly with the same rules the indicator compiler uses (current rows, SEI membership =
an ``assigned`` classification), because no indicator counts loss-makers or lists enterprises.
"""

from __future__ import annotations

from dataclasses import dataclass

from seimon.store import Store

ASSIGNED = "assigned"  # seimon.reference.classify.Status.ASSIGNED, as in seimon.indicators.compile

_SEI_REPORTS = (
    "FROM reports r JOIN enterprises e ON e.credit_code = r.credit_code AND e.is_current "
    "WHERE r.is_current AND r.year = ? AND r.start_month = 1 AND r.end_month = ? "
    "AND r.credit_code IN (SELECT credit_code FROM enterprise_classifications WHERE status = ?)"
)


@dataclass(frozen=True)
class KeyEnterprise:
    """One of the largest SEI enterprises by value added in the period (confidential)."""

    credit_code: str
    name: str
    region: str
    value_added: float
    value_added_prior: float | None


def loss_makers(store: Store, year: int, end_month: int) -> int:
    """How many SEI enterprises reported a negative total profit for 1–``end_month``月 of ``year``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     loss_makers(s, 2020, 9)
    0
    """
    row = store.fetchall(f"SELECT COUNT(DISTINCT r.credit_code) {_SEI_REPORTS} AND r.profit < 0",
                         [year, end_month, ASSIGNED])  # fmt: skip
    return int(row[0][0]) if row else 0


def key_enterprises(store: Store, year: int, end_month: int, limit: int = 10) -> list[KeyEnterprise]:
    """The ``limit`` SEI enterprises with the largest value added in the period, largest first.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     key_enterprises(s, 2020, 9)
    []
    """
    rows = store.fetchall(
        "SELECT r.credit_code, e.name, e.region, r.value_added, r.value_added_prior "
        f"{_SEI_REPORTS} AND r.value_added IS NOT NULL ORDER BY r.value_added DESC, r.credit_code LIMIT ?",
        [year, end_month, ASSIGNED, limit],
    )
    return [KeyEnterprise(str(c), str(n), str(g), float(v), None if p is None else float(p)) for c, n, g, v, p in rows]
