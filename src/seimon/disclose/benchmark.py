"""Enterprise benchmarking: an enterprise's own figures against its peers — quartiles and deciles, never a
peer's figure.

Why in disclosure control: a peer statistic is a published aggregate. It is shown only for groups of at least
:data:`MIN_PEERS` other enterprises, each quartile is the midpoint of two neighbouring peers rounded to two
significant digits (an order statistic alone would be one peer's figure), and the number of peers is rounded.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Any

from seimon.indicators.contributions import Contribution, contributions_of
from seimon.indicators.registry import Registry, load_registry
from seimon.store import Store

logger = logging.getLogger(__name__)

MIN_PEERS = 10
MEASURE = "above_scale_va"  # value added of every above-scale enterprise: a non-SEI enterprise has peers too


def round_significant(value: float, digits: int = 2) -> float:
    """``value`` to ``digits`` significant digits.

    >>> round_significant(12345.6), round_significant(0.012345), round_significant(0.0)
    (12000.0, 0.012, 0.0)
    """
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def quartiles(values: Sequence[float]) -> dict[str, float] | None:
    """Rounded midpoint quartiles of ``values``, or None for fewer than :data:`MIN_PEERS`.

    >>> quartiles([float(v) for v in range(1, 13)])
    {'q1': 3.5, 'median': 6.5, 'q3': 9.5}
    >>> quartiles([1.0, 2.0]) is None
    True
    """
    if len(values) < MIN_PEERS:
        return None
    ordered = sorted(values)
    n = len(ordered)

    def at(share: float) -> float:
        k = min(max(int(share * n) - 1, 0), n - 2)  # the two neighbours k, k+1 around the share
        return round_significant((ordered[k] + ordered[k + 1]) / 2)

    return {"q1": at(0.25), "median": at(0.5), "q3": at(0.75)}


def deciles(values: Sequence[float]) -> dict[str, float] | None:
    """Rounded midpoint deciles d1…d9 of ``values`` (as :func:`quartiles`), or None for fewer than
    :data:`MIN_PEERS`.

    >>> deciles([float(v) for v in range(1, 21)])["d5"], deciles([1.0]) is None
    (10.0, True)
    """
    if len(values) < MIN_PEERS:
        return None
    ordered = sorted(values)
    n = len(ordered)
    out = {}
    for d in range(1, 10):
        k = min(max(int(d / 10 * n) - 1, 0), n - 2)
        out[f"d{d}"] = round_significant((ordered[k] + ordered[k + 1]) / 2)
    return out


def _position(own: float, values: Sequence[float]) -> int:
    """Share of peers below ``own``, in tens of per cent (a band, not a rank)."""
    return int(round(10 * sum(v < own for v in values) / len(values)) * 10)


def benchmark(
    store: Store, credit_code: str, period: tuple[int, int], *, registry: Registry | None = None
) -> dict[str, Any]:
    """The enterprise's value added and growth against the peers of its industry division and of its city.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     benchmark(s, "91130000MA0000001Y", (2019, 12))["own"]
    {'value_added': None, 'growth': None}
    """
    registry = registry or load_registry()
    year, month = period
    now = contributions_of(store, [MEASURE], period, registry=registry)[MEASURE]
    before = {
        c.credit_code: c.value
        for c in contributions_of(store, [MEASURE], (year - 1, month), registry=registry)[MEASURE]
    }
    growth = {c.credit_code: 100 * (c.value / before[c.credit_code] - 1) for c in now if before.get(c.credit_code)}
    mine: Contribution | None = next((c for c in now if c.credit_code == credit_code), None)
    out: dict[str, Any] = {
        "credit_code": credit_code,
        "period": f"{year}-{month:02d}",
        "own": {"value_added": mine.value if mine else None, "growth": growth.get(credit_code)},
        "min_peers": MIN_PEERS,
        "groups": [],
    }
    if mine is None:
        return out
    for group, key in (("division", mine.groups["division"][0]), ("region", mine.reporting)):
        peers = [
            c for c in now
            if c.credit_code != credit_code and (c.reporting if group == "region" else c.groups["division"][0]) == key
        ]  # fmt: skip
        values = [c.value for c in peers]
        rates = [growth[c.credit_code] for c in peers if c.credit_code in growth]
        enough = len(values) >= MIN_PEERS
        out["groups"].append(
            {
                "group": group,
                "key": key,
                "peers": f"≥{MIN_PEERS}" if enough else f"<{MIN_PEERS}",
                "value_added": quartiles(values),
                "growth": quartiles(rates),
                "value_added_deciles": deciles(values),
                "growth_deciles": deciles(rates),
                "position": {
                    "value_added": _position(mine.value, values) if enough else None,
                    "growth": _position(growth[credit_code], rates)
                    if len(rates) >= MIN_PEERS and credit_code in growth
                    else None,
                },
            }
        )
    return out
