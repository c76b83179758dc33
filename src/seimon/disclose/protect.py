"""The disclosure stage: protect one summed indicator's linked tables for one period.

Steps: cells and atoms from the enterprises' contributions (:mod:`seimon.disclose.cells`); sensitive cells
by the threshold and dominance rules (:mod:`seimon.disclose.primary`); secondary suppression by MIP
(:mod:`seimon.disclose.secondary`); the audit by LP (:mod:`seimon.disclose.audit`) of every withheld
cell's feasible interval, each sensitive (or formerly withheld) cell's covering its protection level — also
against *insiders*: the enterprises alone in a cell, who know their own figures
(:func:`seimon.disclose.audit.insider_atoms`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from seimon.disclose.audit import Interval, audit
from seimon.disclose.cells import CellId, Table, build_table
from seimon.disclose.cumulative import at, layered_table, untag
from seimon.disclose.primary import sensitivity
from seimon.disclose.rules import CROSS_PREFIX, Dominance, Rules, load_rules
from seimon.disclose.secondary import suppress
from seimon.indicators.contributions import contributions_of
from seimon.indicators.registry import Registry, load_registry
from seimon.store import Store

logger = logging.getLogger(__name__)


@dataclass
class Protection:
    """The decision for every cell of one indicator's tables in one period.

    ``status`` maps a cell to ``published``, ``threshold``, ``dominance`` (primary) or ``secondary``;
    ``intervals`` is the audit of the withheld cells.
    """

    indicator: str
    period: tuple[int, int]
    table: Table
    status: dict[CellId, str]
    intervals: list[Interval] = field(default_factory=list)
    seconds: float = 0.0
    tables: list[str] = field(default_factory=list)

    def withheld(self, cell: CellId) -> bool:
        """Whether ``cell`` is withheld. A cell no enterprise contributes to is published (as absent) only in
        a protected table: a cell of any other table (city × GB/T division when only city × plan industry is
        protected) is withheld, since nothing checked that it is safe."""
        if cell in self.status:
            return self.status[cell] != "published"
        return cell[0] not in self.tables

    @property
    def audit_ok(self) -> bool:
        return all(i.protected for i in self.intervals)

    def summary(self) -> dict[str, object]:
        counts: dict[str, int] = {}
        for s in self.status.values():
            counts[s] = counts.get(s, 0) + 1
        return {
            "indicator": self.indicator,
            "period": f"{self.period[0]}-{self.period[1]:02d}",
            "cells": len(self.status),
            "status": counts,
            "audit_ok": self.audit_ok,
            "seconds": round(self.seconds, 3),
        }


def tables_for(rules: Rules, dimensions: Collection[str]) -> list[str]:
    """The tables of the rules an indicator can be cut into (region tables always; others by dimension).

    >>> tables_for(load_rules(), ["region", "base", "division"])
    ['total', 'region:reporting', 'region:geographic', 'division', 'base']
    """
    out = []
    for t in rules.tables:
        dim = t.removeprefix(CROSS_PREFIX)
        if t == "total" or (t.startswith("region:") and not t.startswith(CROSS_PREFIX)) or dim in dimensions:
            out.append(t)
    return out


def primary_cells(table: Table, rules: Rules) -> dict[CellId, str]:
    """The sensitive cells of a table and why (``threshold`` or ``dominance``)."""
    return {cid: r for cid, cell in table.cells.items() if (r := sensitivity(cell, rules)) is not None}


def protect_table(
    table: Table,
    rules: Rules,
    *,
    forced: Collection[CellId] = (),
    known: Collection[CellId] = (),
    also_sensitive: Mapping[CellId, str] | None = None,
) -> tuple[dict[CellId, str], list[Interval]]:
    """Status of every cell and the audit of the withheld ones; ``also_sensitive``: cells sensitive in a
    companion indicator (:func:`companions`), protected here too."""
    primary = {**(also_sensitive or {}), **primary_cells(table, rules)}
    primary = {cid: r for cid, r in primary.items() if cid in table.cells}
    sensitive = set(primary) - set(known)
    forced = set(forced) | (set(primary) & set(known))  # published before, sensitive now: the revision is withheld
    withheld = suppress(
        table,
        sensitive,
        rules.protection_percent,
        forced=forced,
        known=known,
        time_limit=rules.time_limit_seconds,
        method=rules.secondary_method,
    )
    intervals = audit(table, withheld, rules.protection_percent, known, sensitive=sensitive)
    status = dict.fromkeys(table.cells, "published")
    for cid in withheld:
        status[cid] = primary.get(cid, "secondary")
    if not all(i.protected for i in intervals):
        logger.warning("the audit finds %d withheld cells under-protected", sum(not i.protected for i in intervals))
    return status, intervals


ANCHORS: dict[str, str] = {"sei": "sei_va", "all": "above_scale_va"}
"""Whose values a population's one pattern is computed on (the value added of SEI, of all industry)."""


def anchor_of(registry: Registry, indicator: str) -> str:
    """The indicator whose pattern decides a summed indicator's cells: its population's value added.

    >>> anchor_of(load_registry(), "sei_revenue"), anchor_of(load_registry(), "above_scale_va")
    ('sei_va', 'above_scale_va')
    """
    anchor = ANCHORS.get(registry[indicator].population or "", indicator)
    return anchor if anchor in registry else indicator


def companions(registry: Registry, indicator: str) -> list[str]:
    """The other summed enterprise indicators of ``indicator``'s population, whose sensitive cells its pattern
    also withholds: one pattern per population serves every figure of it (value added at current and
    comparable prices, revenue, profit, R&D), so no figure of a withheld cell is published through another.

    >>> companions(load_registry(), "sei_va")[:3]
    ['sei_industry_revenue', 'sei_profit', 'sei_rd_expenditure']
    """
    spec = registry[indicator]
    return sorted(
        s.id
        for s in registry
        if s.id != indicator and s.aggregation == "sum" and s.is_report_base and s.population == spec.population
    )


Neighbour = tuple[set[CellId], set[CellId], set[CellId]]
"""A released neighbouring period's (withheld, published, sensitive) cells."""


def protect_jointly(
    store: Store,
    indicator: str,
    period: tuple[int, int],
    table: Table,
    *,
    neighbours: Mapping[int, Neighbour],
    rules: Rules,
    tables: list[str],
    forced: Collection[CellId],
    known: Collection[CellId],
    also: Mapping[CellId, str],
    vintage: dt.datetime | None,
    registry: Registry,
) -> tuple[dict[CellId, str], list[Interval]]:
    """The period's status and audit, protected jointly with the released end months ``neighbours`` of its year:
    their withheld cells stay withheld (and their sensitive ones protected), their published ones are known,
    and every increment between consecutive months is a withheld cell, protected when sensitive."""
    year, month = period
    by_month = {month: contributions_of(store, [indicator], period, vintage=vintage, registry=registry)[indicator]}
    for m in neighbours:
        by_month[m] = contributions_of(store, [indicator], (year, m), vintage=vintage, registry=registry)[indicator]
    joint = layered_table(by_month, tables)
    sensitive = {at(c, month): r for c, r in also.items()}
    j_forced = {at(c, month) for c in forced}
    j_known = {at(c, month) for c in known}
    for m, (withheld, published, sens) in neighbours.items():
        j_forced |= {at(c, m) for c in withheld}
        j_known |= {at(c, m) for c in published}
        sensitive.update({at(c, m): "secondary" for c in sens})
    j_forced |= {cid for cid in joint.cells if ".." in cid[0]}  # a month between releases is never published
    j_forced &= set(joint.cells)
    j_known &= set(joint.cells)
    status, intervals = protect_table(joint, rules, forced=j_forced, known=j_known, also_sensitive=sensitive)
    mine = {untag(cid)[0]: s for cid, s in status.items() if untag(cid)[1] == str(month)}
    intervals = [
        dataclasses.replace(i, cell=untag(i.cell)[0]) if untag(i.cell)[1] == str(month) else i for i in intervals
    ]
    out = {cid: mine.get(cid, "secondary") for cid in table.cells}
    logger.info(
        "%s %d-%02d protected jointly with months %s: %d withheld",
        indicator, year, month, sorted(neighbours), sum(s != "published" for s in out.values()),
    )  # fmt: skip
    return out, intervals


def protect(
    store: Store,
    indicator: str,
    period: tuple[int, int],
    *,
    rules: Rules | None = None,
    registry: Registry | None = None,
    vintage: dt.datetime | None = None,
    forced: Collection[CellId] = (),
    known: Collection[CellId] = (),
    neighbours: Mapping[int, Neighbour] | None = None,
) -> Protection:
    """Protect the tables of the summed indicator ``indicator`` in ``period`` (year, end month).

    ``neighbours``: the patterns of other released end months of the same year (withheld, published, sensitive
    cells): the periods are then protected jointly over layered atoms, the months between them included
    (:mod:`seimon.disclose.cumulative`).

    ``forced`` cells are withheld whatever (an earlier release withheld them); ``known`` ones were published
    before and count as known to an attacker. Cells sensitive for a :func:`companions` indicator are sensitive
    here too; the suppression and the audit are computed on ``indicator``'s values.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     protect(s, "sei_va", (2019, 12)).summary()["cells"]
    0
    """
    started = time.perf_counter()
    rules = rules or load_rules()
    registry = registry or load_registry()
    spec = registry[indicator]
    others = companions(registry, indicator)
    found = contributions_of(store, [indicator, *others], period, vintage=vintage, registry=registry)
    tables = tables_for(rules, spec.dimensions)
    table = build_table(found[indicator], rules, tables)
    also: dict[CellId, str] = {}
    for name in others:
        # a signed measure (profit) takes only the threshold rule: the dominance rules are for magnitudes
        signed = any(c.value < 0 for c in found[name])
        companion = rules.model_copy(update={"dominance": Dominance(n=1, k=100)}) if signed else rules
        also.update(primary_cells(build_table(found[name], rules, tables), companion))
    forced = [c for c in forced if c in table.cells]
    known = [c for c in known if c in table.cells]
    if neighbours:
        status, intervals = protect_jointly(
            store, indicator, period, table, neighbours=neighbours, rules=rules, tables=tables, forced=forced,
            known=known, also=also, vintage=vintage, registry=registry,
        )  # fmt: skip
    else:
        status, intervals = protect_table(table, rules, forced=forced, known=known, also_sensitive=also)
    out = Protection(indicator, period, table, status, intervals, time.perf_counter() - started, tables)
    logger.info("disclosure control %s", out.summary())
    return out
