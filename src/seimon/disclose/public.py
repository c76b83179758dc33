"""The public edition of indicator rows: the one code path every outlet (CLI, API, pages, reports) calls.

A row of ``seimon query`` is a cell of one of the release's tables (the province total, a city in either view,
an industry, a city × industry). It is withheld — ``value`` None, ``suppressed`` True — when the pattern of any
summed indicator it is computed from withholds that cell (sei_va_real_growth of 承德 is withheld when 承德's
value added is), or when it is no cell of the protected tables (a county: nothing checks it is safe). For a
released period the pattern and the published values come from the release (:mod:`seimon.disclose.releases`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from seimon.disclose.cells import CellId
from seimon.disclose.primary import rests_on_enterprises
from seimon.disclose.protect import Protection, anchor_of
from seimon.disclose.releases import Release, follow, latest_release, protect_period
from seimon.disclose.rules import CROSS_PREFIX, Rules, load_rules
from seimon.indicators.dimensions import child_regions
from seimon.indicators.query import ytd_key_for
from seimon.indicators.registry import Registry, load_registry
from seimon.reference.regions import PROVINCE_CODE
from seimon.store import Store

logger = logging.getLogger(__name__)

T = TypeVar("T")


def protected_indicators(registry: Registry, indicator: str) -> list[str]:
    """The patterns that decide ``indicator``'s cells: its population's (by the anchor indicator) and those of
    the summed indicators it is computed from, which may withhold more (:func:`seimon.disclose.releases.follow`).

    >>> protected_indicators(load_registry(), "sei_va_share_above_scale")
    ['above_scale_va', 'sei_va']
    >>> protected_indicators(load_registry(), "sei_profit_margin")
    ['sei_industry_revenue', 'sei_profit', 'sei_va']
    >>> protected_indicators(load_registry(), "sei_enterprises")  # counts of enterprises are published
    []
    """
    found: set[str] = set()
    for name in registry.closure([indicator]):
        spec = registry[name]
        if spec.is_report_base and spec.aggregation == "sum":
            found.update({anchor_of(registry, name), name})  # its own pattern may withhold more (follow)
    return sorted(found)


def row_cell(  # noqa: PLR0911 - one return per kind of cell
    row: Mapping[str, Any], *, region: str, by: str | None, view: str
) -> CellId | None:
    """The release cell a query row is, or None when the protected tables do not hold it.

    >>> row_cell({"region": "130800"}, region="130000", by="region", view="geographic")
    ('region:geographic', ('130800',))
    >>> row_cell({"region": "130100", "sei_field": "5"}, region="130100", by="sei_field", view="reporting")
    ('region:reporting×sei_field', ('130100', '5'))
    >>> row_cell({"region": "130102"}, region="130100", by="region", view="reporting") is None
    True
    """
    if region == PROVINCE_CODE:
        if by is None:
            return ("total", (PROVINCE_CODE,))
        if by == "region":
            return (f"region:{view}", (str(row["region"]),))
        return (by, (str(row[by]),))
    if region not in child_regions(PROVINCE_CODE, view):
        return None
    if by is None:
        return (f"region:{view}", (region,))
    if by != "region" and view == "reporting":
        return (f"{CROSS_PREFIX}{by}", (region, str(row[by])))
    return None


class Decisions:
    """Patterns of the summed indicators by period, from the period's release or computed (once each)."""

    def __init__(self, store: Store, registry: Registry, rules: Rules, vintage: str | None = None) -> None:
        self.store, self.registry, self.rules, self.vintage = store, registry, rules, vintage
        self._releases: dict[tuple[int, int], Release | None] = {}
        self._computed: dict[tuple[str, tuple[int, int]], Protection] = {}

    def release(self, period: tuple[int, int]) -> Release | None:
        """The period's latest release (none when reading an earlier vintage: the pattern follows that data)."""
        if self.vintage is not None:
            return None
        if period not in self._releases:
            self._releases[period] = latest_release(self.store, period)
        return self._releases[period]

    def withheld(self, indicator: str, period: tuple[int, int], cell: CellId) -> bool:
        rel = self.release(period)
        if rel is not None and indicator in rel.indicators:
            found = rel.cells.get((indicator, cell))
            if found is None:  # no enterprise behind it (absent), or a table the release did not protect
                return cell[0] not in rel.rules.get("tables", [])
            return found.withheld
        if (indicator, period) not in self._computed:
            if self.vintage is None and anchor_of(self.registry, indicator) != indicator:
                found = follow(self.store, indicator, period, self.rules, self.registry)
            else:
                found = protect_period(
                    self.store, indicator, period, rules=self.rules, registry=self.registry, vintage=self.vintage
                )
            self._computed[(indicator, period)] = found
        return self._computed[(indicator, period)].withheld(cell)


def public_rows(
    store: Store,
    rows: Iterable[Mapping[str, Any]],
    indicator: str,
    *,
    region: str = PROVINCE_CODE,
    by: str | None = None,
    view: str = "reporting",
    registry: Registry | None = None,
    rules: Rules | None = None,
    decisions: Decisions | None = None,
    vintage: str | None = None,
    single_month: bool = False,
) -> list[dict[str, Any]]:
    """``rows`` of :func:`seimon.indicators.query.query` as the public may see them: each with ``suppressed``,
    and ``value`` None where withheld; a released cell's value is the release's. ``vintage``: the rows read the
    data as published then, and so does the pattern. ``single_month``: a month is this cumulative value minus
    the previous one, so it is withheld when either cell is.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     county = [{"region": "130102", "period": "2019", "value": 5.0}]
    ...     public_rows(s, county, "sei_va", region="130100", by="region")
    [{'region': '130102', 'period': '2019', 'value': None, 'suppressed': True}]
    """
    registry = registry or load_registry()
    spec = registry[indicator]
    if not rests_on_enterprises(registry, indicator):
        return [{**r, "suppressed": False} for r in rows]
    decisions = decisions or Decisions(store, registry, rules or load_rules(), vintage)
    deciding = protected_indicators(registry, indicator)
    out = []
    for row in rows:
        cell = row_cell(row, region=region, by=by, view=view)
        period = ytd_key_for(str(row["period"]), spec)
        periods = [period, (period[0], period[1] - 1)] if single_month and period[1] > 2 else [period]
        rel = decisions.release(period)
        released = rel.cells.get((indicator, cell)) if rel is not None and cell is not None else None
        if released is not None and not single_month:
            hidden, value = released.withheld, released.value
        else:
            hidden = cell is None or any(decisions.withheld(name, p, cell) for name in deciding for p in periods)
            value = row["value"]
        out.append({**row, "value": None if hidden else value, "suppressed": hidden})
    return out


def split_ranking(
    items: Sequence[T], withheld: Callable[[T], bool], name: Callable[[T], str]
) -> tuple[list[T], list[T]]:
    """(ranked, apart): the published items in their order, and the withheld ones alphabetically by name —
    a withheld unit left at its rank would tell the range of its value.

    >>> split_ranking([("廊坊", 8.8), ("辛集", None), ("张家口", 8.5)], lambda x: x[1] is None, lambda x: x[0])
    ([('廊坊', 8.8), ('张家口', 8.5)], [('辛集', None)])
    """
    ranked = [i for i in items if not withheld(i)]
    apart = sorted((i for i in items if withheld(i)), key=name)
    return ranked, apart
