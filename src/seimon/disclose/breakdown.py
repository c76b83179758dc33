"""Disclosure control of a one-level breakdown with its total: cells that sum to a published total.

Why its own module: the talent-shortage catalogue (紧缺人才目录) publishes, per plan industry, the demand for
each occupation and the industry's total. That is a table the linked-table model of a release
(:mod:`seimon.disclose.secondary`, over the indicator cube) does not hold — its cells are headcounts stated
by enterprises, not an indicator — yet it leaks the same way: a total minus the published cells gives back
a withheld one. The primary rules are the stage's own (:func:`seimon.disclose.primary.sensitivity`, threshold
and dominance from ``resources/disclose/rules.yaml``); secondary suppression here is exact for one level:

With the total published, the withheld cells' sum ``S`` is known, and every other withheld cell can be
anything from 0 to ``S``; so a withheld cell ``x`` can be pinned to the interval ``[0, S]``, which covers the
protection level (``x·(1 + p/100)``) exactly when the *other* withheld cells hold at least ``p %`` of ``x``.
Until every withheld cell is so protected the smallest published cell is withheld as a complement (least
information lost); when no cell is left to withhold, the total is not published.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from seimon.disclose.cells import Cell
from seimon.disclose.primary import sensitivity
from seimon.disclose.rules import Rules

logger = logging.getLogger(__name__)

WithheldReason = Literal["threshold", "dominance", "complement"]


@dataclass(frozen=True)
class BreakdownDecision:
    """Which cells of a breakdown are withheld and why, and whether its total may be published."""

    withheld: dict[str, WithheldReason] = field(default_factory=dict)
    total_published: bool = True
    total_reason: WithheldReason | None = None

    def interval(self, cells: Mapping[str, Cell], key: str, total: float) -> tuple[float, float]:
        """The feasible interval of withheld cell ``key`` from what is published (the audit of one level).

        >>> cells = {k: Cell(("t", (k,)), v, 3, [v]) for k, v in {"a": 10.0, "b": 9.0, "c": 50.0}.items()}
        >>> BreakdownDecision({"a": "threshold", "b": "complement"}).interval(cells, "a", 69.0)
        (0.0, 19.0)
        """
        if not self.total_published:
            return 0.0, float("inf")
        published = sum(c.value for k, c in cells.items() if k not in self.withheld)
        return 0.0, total - published


def protect_breakdown(cells: Mapping[str, Cell], total: Cell, rules: Rules) -> BreakdownDecision:
    """Withheld cells (primary, then complements) and whether the total is published.

    >>> from seimon.disclose.rules import Rules
    >>> def cell(key, *values):
    ...     c = Cell(("t", (key,)))
    ...     for v in values:
    ...         c.add(v)
    ...     return c
    >>> cells = {"a": cell("a", 5.0, 4.0), "b": cell("b", 3.0, 3.0, 3.0), "c": cell("c", 9.0, 8.0, 9.0)}
    >>> total = cell("total", 5.0, 4.0, 3.0, 3.0, 3.0, 9.0, 8.0, 9.0)
    >>> d = protect_breakdown(cells, total, Rules())
    >>> d.withheld, d.total_published
    ({'a': 'threshold', 'b': 'complement'}, True)
    """
    withheld: dict[str, WithheldReason] = {}
    for key, cell in cells.items():
        reason = sensitivity(cell, rules)
        if reason is not None:
            withheld[key] = reason
    total_reason = sensitivity(total, rules)
    if total_reason is not None:  # the total is sensitive itself: nothing links the cells, primary suppression suffices
        return BreakdownDecision(withheld, False, total_reason)
    share = rules.protection_percent / 100
    while withheld:
        hidden = sum(cells[k].value for k in withheld)
        exposed = [k for k in withheld if hidden - cells[k].value < share * cells[k].value]
        if not exposed:
            break
        candidates = sorted((c.value, k) for k, c in cells.items() if k not in withheld and c.value > 0)
        if not candidates:
            logger.debug("no complement left for %s: the total is not published", exposed)
            return BreakdownDecision(withheld, False, "complement")
        withheld[candidates[0][1]] = "complement"
    return BreakdownDecision(withheld, True, None)


__all__ = ["BreakdownDecision", "WithheldReason", "protect_breakdown"]
