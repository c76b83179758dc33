"""Warnings as the public may see them: a warning on a withheld cell names the cell, never its value.

Why: a warning's text and numbers quote the figure that fired it (an outlier on 承德 2018-12 "为 2484.1"), and
that cell may rest on one enterprise. For a caller without microdata, a warning whose region and period fall
on a cell the public edition withholds (:mod:`seimon.disclose.public`) keeps its rule, severity, region and
period, loses its numbers, and gets a message that says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from seimon.disclose.public import Decisions, protected_indicators, row_cell
from seimon.disclose.rules import Rules, load_rules
from seimon.errors import SeimonError
from seimon.indicators.dimensions import child_regions
from seimon.indicators.query import ytd_key_for
from seimon.indicators.registry import Registry, load_registry
from seimon.reference.regions import PROVINCE_CODE
from seimon.store import Store

logger = logging.getLogger(__name__)

DEFAULT_INDICATOR = "sei_va"
"""Whose pattern decides a warning that names no indicator (the monitoring's headline magnitude)."""


def _withheld(decisions: Decisions, registry: Registry, warning: Mapping[str, Any]) -> bool:
    """Whether the cell a warning is about is withheld in the public edition (a region below the cities, or a
    period that cannot be read, counts as withheld: nothing shows it is safe)."""
    region, period = warning.get("region"), warning.get("period")
    if not region or not period:
        return False  # a warning on a plan target or the whole system: no cell of enterprise data
    indicator = (warning.get("numbers") or {}).get("indicator") or DEFAULT_INDICATOR
    deciding = protected_indicators(registry, indicator if indicator in registry else DEFAULT_INDICATOR)
    if not deciding:
        return False
    if region == PROVINCE_CODE:
        cell = row_cell({"region": region}, region=PROVINCE_CODE, by=None, view="reporting")
    elif region in child_regions(PROVINCE_CODE, "reporting"):
        cell = row_cell({"region": region}, region=PROVINCE_CODE, by="region", view="reporting")
    else:
        return True
    try:
        key = ytd_key_for(str(period))
    except SeimonError:
        return True
    assert cell is not None
    return any(decisions.withheld(name, key, cell) for name in deciding)


def redact_warnings(
    store: Store,
    warnings: Iterable[Mapping[str, Any]],
    *,
    registry: Registry | None = None,
    rules: Rules | None = None,
) -> list[dict[str, Any]]:
    """``warnings`` (``EarlyWarning.to_dict()``) with the value of every withheld cell taken out.

    >>> from seimon.store import open_store
    >>> w = {"region": "130821", "period": "2019", "numbers": {"indicator": "sei_va", "value": 2484.1},
    ...      "message_zh": "承德县2019年为 2484.1", "message_en": "… 2484.1", "region_name": "承德县"}
    >>> with open_store("duckdb:///:memory:") as s:
    ...     redact_warnings(s, [w])[0]["numbers"]
    {}
    """
    registry = registry or load_registry()
    decisions = Decisions(store, registry, rules or load_rules())
    out = []
    for w in warnings:
        row = dict(w)
        if _withheld(decisions, registry, w):
            name = w.get("region_name") or w.get("region")
            period = w.get("period")
            row["numbers"] = {}
            row["suppressed"] = True
            row["message_zh"] = f"{name} {period}：该单元格触发预警，其数值依法不予公布（统计法第九条、第二十五条）"
            row["message_en"] = (
                f"{w.get('region')} {period}: this cell raised a warning; its value is withheld by law "
                "(Statistics Law arts. 9, 25)"
            )
        else:
            row["suppressed"] = False
        out.append(row)
    return out
