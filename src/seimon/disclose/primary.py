"""Primary suppression: which cells are sensitive by themselves (threshold and dominance rules).

A cell is *sensitive* when it rests on fewer than ``min_contributors`` enterprises (a respondent's own
figure, or two respondents who could subtract each other's), or when one or two enterprises dominate it
(the p % or (n,k) rule of :class:`seimon.disclose.rules.Dominance`). Cells with no contributor at all are
not sensitive: there is nothing to disclose, and an empty cell is published as absent.
"""

from __future__ import annotations

import logging

from seimon.disclose.cells import Cell
from seimon.disclose.rules import Reason, Rules
from seimon.indicators.registry import Registry

logger = logging.getLogger(__name__)

MIN_ENTERPRISES = 3
"""The default threshold (``min_contributors`` of the packaged rules): fewer enterprises and a cell is withheld."""


def rests_on_enterprises(registry: Registry, indicator_id: str) -> bool:
    """Whether any part of the indicator is summed from enterprise reports (and so needs disclosure control).

    >>> from seimon.indicators.registry import load_registry
    >>> r = load_registry()
    >>> rests_on_enterprises(r, "sei_va_share_above_scale"), rests_on_enterprises(r, "pv_capacity")
    (True, False)
    """
    return any(registry[i].is_report_base for i in registry.closure([indicator_id]))


def sensitivity(cell: Cell, rules: Rules) -> Reason | None:
    """Why ``cell`` may not be published by itself: ``"threshold"``, ``"dominance"``, or None.

    >>> from seimon.disclose.rules import Rules
    >>> two, dominated = Cell(("t", ("a",))), Cell(("t", ("b",)))
    >>> for v in (5.0, 7.0):
    ...     two.add(v)
    >>> for v in (900.0, 20.0, 20.0, 20.0, 20.0, 20.0):
    ...     dominated.add(v)
    >>> sensitivity(two, Rules()), sensitivity(dominated, Rules())
    ('threshold', 'dominance')
    """
    if cell.contributors == 0:
        return None
    if cell.contributors < rules.min_contributors:
        return "threshold"
    if rules.dominance.dominated(cell.value, cell.top):
        return "dominance"
    return None
