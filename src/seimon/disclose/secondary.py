"""Secondary (complementary) suppression: a withheld cell must not be recoverable as the total minus the others.

When a breakdown's total is published, one withheld cell equals the total minus the published cells. So within
each group of cells that add up to a published total (one period of one breakdown), at least two cells are
withheld, and together they rest on at least :data:`~seimon.disclose.primary.MIN_ENTERPRISES` enterprises; the
published cells resting on the fewest enterprises are withheld first (they carry the least information).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from seimon.disclose.primary import MIN_ENTERPRISES

logger = logging.getLogger(__name__)


def suppress_complements(
    rows: list[dict[str, Any]],
    counts: Mapping[Hashable, float | None],
    key: Callable[[Mapping[str, Any]], Hashable],
    group: Callable[[Mapping[str, Any]], Hashable],
) -> list[dict[str, Any]]:
    """Withhold more cells (in place and returned) until no group has a recoverable withheld cell.

    ``rows`` already carry ``suppressed`` from primary suppression; ``counts`` give each cell's enterprises;
    ``group`` names the cells that sum to one published total (e.g. the period).

    >>> rows = [{"p": 1, "c": c, "value": v, "suppressed": c == "a"} for c, v in (("a", None), ("b", 9), ("c", 7))]
    >>> out = suppress_complements(rows, {"a": 1, "b": 40, "c": 5}, lambda r: r["c"], lambda r: r["p"])
    >>> [(r["c"], r["suppressed"], r["value"]) for r in out]
    [('a', True, None), ('b', False, 9), ('c', True, None)]
    """
    groups: dict[Hashable, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[group(row)].append(row)
    added = 0
    for cells in groups.values():
        hidden = [r for r in cells if r["suppressed"]]
        if not hidden:
            continue
        shown = sorted((r for r in cells if not r["suppressed"]), key=lambda r: counts.get(key(r)) or 0)
        while shown and (len(hidden) < 2 or sum(counts.get(key(r)) or 0 for r in hidden) < MIN_ENTERPRISES):
            cell = shown.pop(0)
            cell["suppressed"], cell["value"] = True, None
            hidden.append(cell)
            added += 1
    if added:
        logger.debug("complementary suppression withheld %d more cells", added)
    return rows
