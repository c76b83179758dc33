"""Whether a store holds any data for a report's period, so that nobody renders a bulletin of nothing.

A bulletin for 2099 found no data and still took 25–75 s to render, uncached, for any role that asked:
a cheap way to keep the server busy. Reports are refused (``no_data``) for a period the store knows nothing of.
"""

from __future__ import annotations

import logging

from seimon.errors import Location, SeimonError
from seimon.indicators.query import ytd_key_for
from seimon.store import Store

logger = logging.getLogger(__name__)

_TABLES = ("reports", "service_reports", "regional", "observations")


def period_has_data(store: Store, period: str) -> bool:
    """Whether any current enterprise report, regional aggregate or published figure is for ``period``'s year-to-date.

    >>> from seimon.store import open_store
    >>> period_has_data(open_store("duckdb:///:memory:"), "2020-09")
    False
    """
    year, end_month = ytd_key_for(period)
    for table in _TABLES:
        sql = f"SELECT 1 FROM {table} WHERE year = ? AND end_month = ? AND is_current LIMIT 1"
        if store.fetchone(sql, (year, end_month)):
            return True
    return False


def require_data(store: Store, period: str) -> None:
    """Refuse (``no_data``, a bilingual error naming the period) a report for a period without data."""
    if not period_has_data(store, period):
        raise SeimonError(
            f"数据库中没有 {period} 的数据，无法生成该期报告",
            f"the store holds no data for {period}: there is no report to make for it",
            Location(field="period"),
            code="no_data",
        )


__all__ = ["period_has_data", "require_data"]
