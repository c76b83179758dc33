"""Reading the enterprise register back: a page of enterprises, or one enterprise with its reports.

The callers (the API's microdata endpoints) decide who may see what; these functions take the already-decided
scope as a SQL condition so that filtering happens in the database, not after rows have left it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.store import Store

logger = logging.getLogger(__name__)

ENTERPRISE_COLUMNS = ("credit_code", "name", "region", "industry", "products", "base", "size", "established")
REPORT_COLUMNS = (
    "period",
    "period_kind",
    "year",
    "end_month",
    "revenue",
    "value_added",
    "value_added_prior",
    "profit",
    "rd_expenditure",
    "employees",
    "batch_id",
    "vintage",
)
MAX_PAGE = 1000


def list_enterprises(
    store: Store,
    *,
    scope_sql: str = "(TRUE)",
    scope_params: Sequence[Any] = (),
    regions: Sequence[str] | None = None,
    industry: str | None = None,
    search: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, rows)``: current register entries within the scope, filtered, ordered by credit code.

    ``regions`` keeps enterprises located in any of the codes; ``industry`` is a GB/T 4754 code prefix
    (``38`` or ``3812``); ``search`` matches part of the name or credit code.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     list_enterprises(s, regions=["130100"])
    (0, [])
    """
    where, params = ["is_current", scope_sql], list(scope_params)
    if regions is not None:
        if not regions:
            return 0, []
        where.append(f"region IN ({', '.join('?' * len(regions))})")
        params.extend(regions)
    if industry:
        where.append("industry LIKE ?")
        params.append(industry.strip() + "%")
    if search:
        where.append("(name LIKE ? OR credit_code LIKE ?)")
        params.extend([f"%{search.strip()}%", f"%{search.strip().upper()}%"])
    clause = " AND ".join(where)
    total_row = store.fetchone(f"SELECT count(*) FROM enterprises WHERE {clause}", params)
    page = max(1, min(int(limit), MAX_PAGE))
    rows = store.fetch_dicts(
        f"SELECT {', '.join(ENTERPRISE_COLUMNS)} FROM enterprises WHERE {clause}"
        f" ORDER BY credit_code LIMIT {page} OFFSET {max(0, int(offset))}",
        params,
    )
    return int(total_row[0]) if total_row else 0, rows


def enterprise_record(store: Store, credit_code: str) -> dict[str, Any]:
    """One enterprise's current register entry, its SEI classification and its current periodic reports.

    >>> from seimon.store import open_store
    >>> from seimon.errors import SeimonError
    >>> with open_store("duckdb:///:memory:") as s:
    ...     try:
    ...         enterprise_record(s, "91130100MA0CXXXX0X")
    ...     except SeimonError as err:
    ...         err.code
    'not_found'
    """
    code = credit_code.strip().upper()
    found = store.fetch_dicts(
        f"SELECT {', '.join(ENTERPRISE_COLUMNS)} FROM enterprises WHERE is_current AND credit_code = ?", (code,)
    )
    if not found:
        raise SeimonError(
            f"没有这家企业：{code}", f"no such enterprise: {code}", Location(field="credit_code"), code="not_found"
        )
    record = found[0]
    record["classification"] = store.fetch_dicts(
        "SELECT sei_code, field_code, plan_industry, status, method FROM enterprise_classifications"
        " WHERE credit_code = ? ORDER BY sei_code",
        (code,),
    )
    record["reports"] = store.fetch_dicts(
        f"SELECT {', '.join(REPORT_COLUMNS)} FROM reports WHERE is_current AND credit_code = ?"
        " ORDER BY year, end_month",
        (code,),
    )
    return record
