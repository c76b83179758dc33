"""Each enterprise's contribution to a summed indicator in one period, with every grouping it falls in.

Why: disclosure control (:mod:`seimon.disclose`) needs, per published cell, the number of contributors and
the largest two contributions (threshold and dominance rules), and it must know which cells share which
enterprises to protect linked tables jointly (a city in the reporting and the geographic view, an industry
and its field). The indicator frame only gives cell totals, so this module reads the same fact rows the
compiler sums (:meth:`seimon.indicators.compile._Compiler.fact`: same register, classifications, vintage
and population) one row per enterprise, leaving the frame and the cube untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass

from seimon.errors import Location, SeimonError
from seimon.indicators.compile import SEI_COLUMNS, _Compiler
from seimon.indicators.engines import default_engine, open_engine
from seimon.indicators.registry import Registry, load_registry
from seimon.reference.regions import load_regions
from seimon.store import Store

logger = logging.getLogger(__name__)

CONTRIBUTION_DIMENSIONS: tuple[str, ...] = ("plan_industry", "sei_field", "sei_item", "division", "base", "size")
"""Groupings a contribution names (an enterprise may be in several SEI items, fields, plan industries)."""


@dataclass(frozen=True)
class Contribution:
    """One enterprise's value in one period, and where it is counted.

    ``reporting``/``geographic`` are the city-level units of the two views (定州 130682 is itself in the
    reporting view and in 保定 130600 in the geographic one); ``groups`` maps an industry dimension to the
    values the enterprise counts under (a tuple: SEI items are many-to-many).
    """

    credit_code: str
    value: float
    reporting: str
    geographic: str
    groups: dict[str, tuple[str, ...]]


def contributions(
    store: Store,
    indicator: str,
    period: tuple[int, int],
    *,
    vintage: dt.datetime | None = None,
    engine: str | None = None,
    registry: Registry | None = None,
) -> list[Contribution]:
    """Contributions of the enterprises to the summed indicator ``indicator`` in ``period`` (year, end month).

    Only ``aggregation: sum`` indicators have contributions; enterprises without a value are left out.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     contributions(s, "sei_va", (2019, 12))
    []
    """
    found = contributions_of(store, [indicator], period, vintage=vintage, engine=engine, registry=registry)
    return found[indicator]


def contributions_of(
    store: Store,
    indicators: list[str],
    period: tuple[int, int],
    *,
    vintage: dt.datetime | None = None,
    engine: str | None = None,
    registry: Registry | None = None,
) -> dict[str, list[Contribution]]:
    """:func:`contributions` of several summed indicators, read in one pass over the reports."""
    registry = registry or load_registry()
    specs = [registry[i] for i in indicators]
    for spec in specs:
        if spec.aggregation != "sum" or not spec.measure:
            raise SeimonError(
                f"指标 {spec.id} 不是企业数据之和，没有企业贡献",
                f"indicator {spec.id} is not a sum of enterprise values: it has no contributions",
                Location(field="indicator"),
                code="indicator_dimension",
            )
    with open_engine(engine or default_engine(store), store) as eng:
        compiler = _Compiler(registry, eng.table, [period], vintage)
        f = compiler.fact(specs)
        measures = {s.id: f[s.measure or ""] for s in specs}
        frame = eng.execute(f.select("credit_code", "code", "division", "base", "size", "is_sei", **measures))
        c = compiler.classifications()
        cls = eng.execute(c.select("credit_code", *SEI_COLUMNS.values()))
    memberships: dict[str, dict[str, set[str]]] = {}
    for rec in cls.to_dict("records"):
        groups = memberships.setdefault(str(rec["credit_code"]), {d: set() for d in SEI_COLUMNS})
        for dim, column in SEI_COLUMNS.items():
            if rec[column] is not None and rec[column] == rec[column]:  # not None / NaN
                groups[dim].add(str(rec[column]))
    regions = load_regions()
    city: dict[tuple[str, str], str] = {}

    def unit(code: str, view: str) -> str:
        if (code, view) not in city:
            city[(code, view)] = regions.ancestor_at(code, "city", view) if code in regions else code
        return city[(code, view)]

    out: dict[str, list[Contribution]] = {s.id: [] for s in specs}
    for rec in frame.to_dict("records"):
        code = str(rec["code"])
        member = memberships.get(str(rec["credit_code"]), {})
        groups = {d: tuple(sorted(member.get(d, ()))) for d in SEI_COLUMNS}
        for dim in ("division", "base", "size"):
            groups[dim] = (str(rec[dim]),)
        reporting, geographic = unit(code, "reporting"), unit(code, "geographic")
        for spec in specs:
            value = rec[spec.id]
            if value is None or math.isnan(value) or (spec.population == "sei" and not rec["is_sei"]):
                continue
            out[spec.id].append(Contribution(str(rec["credit_code"]), float(value), reporting, geographic, groups))
    logger.debug("%s %s: %s contributions", indicators, period, {k: len(v) for k, v in out.items()})
    return out
