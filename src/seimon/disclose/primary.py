"""Primary suppression: withhold a cell that rests on fewer than three enterprises."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from seimon.indicators.registry import Registry

logger = logging.getLogger(__name__)

MIN_ENTERPRISES = 3
"""Fewer enterprises than this in a cell and its value is withheld (the usual threshold of official statistics)."""


def rests_on_enterprises(registry: Registry, indicator_id: str) -> bool:
    """Whether any part of the indicator is summed from enterprise reports (and so needs disclosure control).

    >>> from seimon.indicators.registry import load_registry
    >>> r = load_registry()
    >>> rests_on_enterprises(r, "sei_va_share_above_scale"), rests_on_enterprises(r, "pv_capacity")
    (True, False)
    """
    return any(registry[i].is_report_base for i in registry.closure([indicator_id]))


def suppress_small_cells(
    rows: Iterable[Mapping[str, Any]],
    counts: Mapping[Hashable, float | None],
    key: Callable[[Mapping[str, Any]], Hashable],
) -> list[dict[str, Any]]:
    """Rows with ``value`` set to None and ``suppressed`` True where the cell's enterprise count is below the limit.

    ``counts`` maps a cell key to its number of enterprises; a cell without a count is withheld too (nothing
    shows it is safe).

    >>> rows = [{"region": "130100", "value": 5.0}, {"region": "130200", "value": 7.0}]
    >>> [r["value"] for r in suppress_small_cells(rows, {"130100": 12, "130200": 2}, lambda r: r["region"])]
    [5.0, None]
    """
    kept: list[dict[str, Any]] = []
    for row in rows:
        out = dict(row)
        count = counts.get(key(row))
        out["suppressed"] = count is None or count < MIN_ENTERPRISES
        if out["suppressed"]:
            out["value"] = None
        kept.append(out)
    return kept
