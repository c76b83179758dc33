"""Public releases: what was published for a period, frozen in the store with its suppression pattern and audit.

Why: two public answers computed at different times (or for different questions) could be differenced if
each chose its own pattern. Once a period is released, public answers for it come from the release
(:mod:`seimon.disclose.public`); a revision is a new release protected jointly with the earlier ones — the
cells they withheld stay withheld, and the cells they published count as known in the new audit.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from seimon.disclose.audit import audit
from seimon.disclose.cells import CellId, build_table
from seimon.disclose.protect import (
    Neighbour,
    Protection,
    anchor_of,
    primary_cells,
    protect,
    protect_jointly,
    protect_table,
    tables_for,
)
from seimon.disclose.rules import Rules, load_rules
from seimon.errors import Location, SeimonError
from seimon.indicators.contributions import contributions
from seimon.indicators.query import period_code, ytd_key_for
from seimon.indicators.registry import Registry, load_registry
from seimon.store import Store

logger = logging.getLogger(__name__)

DEFAULT_INDICATORS: tuple[str, ...] = ("sei_va", "above_scale_va", "sei_revenue", "sei_profit", "sei_rd_expenditure")
"""The summed indicators a release protects unless told otherwise (the bulletin's magnitudes)."""


def key_text(key: tuple[str, ...]) -> str:
    """``("130100", "5")`` → ``"130100|5"``."""
    return "|".join(key)


@dataclass
class ReleasedCell:
    """One cell of a release: its value (None when withheld), status and audit."""

    indicator: str
    table: str
    key: tuple[str, ...]
    value: float | None
    status: str
    lower: float | None = None
    upper: float | None = None
    protection: float | None = None
    protected: bool | None = None

    @property
    def withheld(self) -> bool:
        return self.status != "published"

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "table": self.table,
            "key": list(self.key),
            "value": self.value,
            "status": self.status,
            "suppressed": self.withheld,
            "lower": self.lower,
            "upper": self.upper,
            "protection": self.protection,
            "protected": self.protected,
        }


@dataclass
class Release:
    """A recorded public release of one period."""

    id: int
    period: str
    year: int
    end_month: int
    released_on: dt.date
    created_at: dt.datetime
    revision_of: int | None
    indicators: list[str]
    rules: dict[str, Any]
    audit_ok: bool
    cells: dict[tuple[str, CellId], ReleasedCell] = field(default_factory=dict)
    seconds: float | None = None

    def summary(self) -> dict[str, Any]:
        withheld = [c for c in self.cells.values() if c.withheld]
        return {
            "id": self.id,
            "period": self.period,
            "released_on": self.released_on.isoformat(),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "revision_of": self.revision_of,
            "indicators": self.indicators,
            "rules": self.rules,
            "cells": len(self.cells),
            "withheld": len(withheld),
            "audit_ok": self.audit_ok,
            "seconds": self.seconds,
        }

    def to_dict(self) -> dict[str, Any]:
        """The release with every cell and the audit of its withheld cells (for the admin)."""
        return {**self.summary(), "cell_list": [c.to_dict() for c in self.cells.values()]}


def _releases_of(store: Store, year: int, end_month: int) -> list[int]:
    rows = store.fetchall(
        "SELECT id FROM disclosure_releases WHERE year = ? AND end_month = ? ORDER BY id", [year, end_month]
    )
    return [int(r[0]) for r in rows]


def load_release(store: Store, release_id: int) -> Release:
    """A release with its cells (the error names the id when there is none)."""
    row = store.fetchone(
        "SELECT id, period, year, end_month, released_on, created_at, revision_of, indicators, rules, audit_ok, seconds"
        " FROM disclosure_releases WHERE id = ?",
        [release_id],
    )
    if row is None:
        raise SeimonError(
            f"没有编号为 {release_id} 的发布", f"no release {release_id}", Location(field="release"), code="not_found"
        )
    rel = Release(
        int(row[0]),
        row[1],
        int(row[2]),
        int(row[3]),
        row[4] if isinstance(row[4], dt.date) else dt.date.fromisoformat(str(row[4])),
        row[5],
        None if row[6] is None else int(row[6]),
        json.loads(row[7]),
        json.loads(row[8]),
        bool(row[9]),
        seconds=row[10],
    )
    for r in store.fetchall(
        "SELECT indicator, table_name, cell_key, value, status, lower_bound, upper_bound, protection, protected"
        " FROM disclosure_cells WHERE release_id = ?",
        [release_id],
    ):
        key = tuple(str(r[2]).split("|"))
        rel.cells[(r[0], (r[1], key))] = ReleasedCell(r[0], r[1], key, r[3], r[4], r[5], r[6], r[7], r[8])
    return rel


def latest_release(store: Store, period: tuple[int, int]) -> Release | None:
    """The newest release of ``period`` (year, end month), or None when it was never released."""
    ids = _releases_of(store, *period)
    return load_release(store, ids[-1]) if ids else None


def list_releases(store: Store) -> list[dict[str, Any]]:
    """Every release, newest first, as summaries."""
    ids = [int(r[0]) for r in store.fetchall("SELECT id FROM disclosure_releases ORDER BY id DESC")]
    return [load_release(store, i).summary() for i in ids]


def earlier_pattern(store: Store, period: tuple[int, int], indicator: str) -> tuple[set[CellId], set[CellId]]:
    """(withheld, published) cells of ``indicator`` over every earlier release of ``period``: a revision keeps
    the former withheld and counts the latter as known."""
    withheld: set[CellId] = set()
    published: set[CellId] = set()
    for rid in _releases_of(store, *period):
        for (ind, cid), cell in load_release(store, rid).cells.items():
            if ind == indicator:
                (withheld if cell.withheld else published).add(cid)
    return withheld, published - withheld


def neighbour_patterns(store: Store, period: tuple[int, int], indicator: str) -> dict[int, Neighbour]:
    """The patterns of ``indicator`` in the nearest released end months of the same year before and after
    ``period`` (each from its latest release): what a cumulative release is protected jointly with
    (:mod:`seimon.disclose.cumulative`)."""
    year, month = period
    rows = store.fetchall(
        "SELECT DISTINCT end_month FROM disclosure_releases WHERE year = ? AND end_month <> ?", [year, month]
    )
    months = sorted(int(r[0]) for r in rows)
    chosen = [m for m in (max((m for m in months if m < month), default=None),
                          min((m for m in months if m > month), default=None)) if m is not None]  # fmt: skip
    out: dict[int, Neighbour] = {}
    for m in chosen:
        rel = latest_release(store, (year, m))
        if rel is None or indicator not in rel.indicators:
            continue
        withheld, published, sensitive = set(), set(), set()
        for (ind, cid), cell in rel.cells.items():
            if ind == indicator:
                (withheld if cell.withheld else published).add(cid)
                if cell.status in ("threshold", "dominance"):
                    sensitive.add(cid)
        out[m] = (withheld, published, sensitive)
    return out


def as_of(vintage: str | None) -> dt.datetime | None:
    """The end of the vintage day (everything published up to then), as the query layer reads it.

    >>> as_of("2020-03-31")
    datetime.datetime(2020, 3, 31, 23, 59, 59, 999999)
    """
    return None if vintage is None else dt.datetime.combine(dt.date.fromisoformat(vintage), dt.time.max)


_CACHE: dict[tuple[Any, ...], Protection] = {}
_CACHE_SIZE = 64


def data_stamp(store: Store) -> tuple[Any, ...]:
    """What changes whenever a pattern could: the current reports (counts, batches, sums of the measures), the
    register, the classifications and the releases. Two equal stamps give the same protection."""
    parts = (
        "SELECT count(*), max(batch_id), sum(value_added), sum(value_added_prior), sum(revenue), sum(profit),"
        " sum(rd_expenditure) FROM reports WHERE is_current",
        "SELECT count(*), max(batch_id) FROM enterprises WHERE is_current",
        "SELECT count(*), max(classified_at) FROM enterprise_classifications",
        "SELECT count(*), max(id) FROM disclosure_releases",
    )
    return tuple(store.fetchone(sql) for sql in parts)


def protect_period(
    store: Store,
    indicator: str,
    period: tuple[int, int],
    *,
    rules: Rules | None = None,
    registry: Registry | None = None,
    vintage: str | None = None,
) -> Protection:
    """Protection of ``indicator`` for ``period``, jointly with the period's earlier releases (with ``vintage``
    — the data as published up to that date, YYYY-MM-DD — on that data, without releases).

    Kept in memory per store, rules and :func:`data_stamp` (a pattern costs seconds; every outlet asks for it).
    """
    rules = rules or load_rules()
    key = (str(store.url), indicator, period, rules.model_dump_json(), data_stamp(store), vintage)
    if key not in _CACHE:
        forced, known = earlier_pattern(store, period, indicator) if vintage is None else (set(), set())
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        neighbours = neighbour_patterns(store, period, indicator) if vintage is None else {}
        _CACHE[key] = protect(
            store,
            indicator,
            period,
            rules=rules,
            registry=registry,
            vintage=as_of(vintage),
            forced=forced,
            known=known,
            neighbours=neighbours,
        )
    return _CACHE[key]


def follow(store: Store, indicator: str, period: tuple[int, int], rules: Rules, registry: Registry) -> Protection:
    """``indicator``'s cells under its population's pattern (:func:`seimon.disclose.protect.anchor_of`), audited
    on its own values: a cell the pattern does not cover (no value added behind it) is withheld.

    When the audit on its own values fails (profit or R&D spread otherwise than value added: a city × industry
    cell whose profit the published cells give away), more cells are withheld for this indicator by the same
    secondary suppression, the population's pattern forced — so no sensitive cell of any released indicator is
    left under-protected. Cached like :func:`protect_period`.
    """
    anchor = anchor_of(registry, indicator)
    pattern = protect_period(store, anchor, period, rules=rules, registry=registry)
    if anchor == indicator:
        return pattern
    key = ("follow", str(store.url), indicator, period, rules.model_dump_json(), data_stamp(store))
    if key in _CACHE:
        return _CACHE[key]
    started = time.perf_counter()
    spec = registry[indicator]
    tables = tables_for(rules, spec.dimensions)
    table = build_table(contributions(store, indicator, period, registry=registry), rules, tables)
    status = {cid: pattern.status.get(cid, "secondary") for cid in table.cells}
    own = primary_cells(table, rules)
    status.update({cid: own[cid] for cid in own})
    forced, known = earlier_pattern(store, period, indicator)
    status.update({cid: "secondary" for cid in forced if status.get(cid) == "published"})
    withheld = [cid for cid, s in status.items() if s != "published"]
    neighbours = neighbour_patterns(store, period, indicator)
    if neighbours:  # a cumulative release beside this one: protected jointly, the population's pattern forced
        more, intervals = protect_jointly(
            store, indicator, period, table, neighbours=neighbours, rules=rules, tables=tables, forced=withheld,
            known=known, also={}, vintage=None, registry=registry,
        )  # fmt: skip
        status = {cid: s if s != "published" else more[cid] for cid, s in status.items()}
    else:
        intervals = audit(table, withheld, rules.protection_percent, known, sensitive=set(own) - set(known))
    if not all(i.protected for i in intervals) and not neighbours:
        logger.info("%s: the population's pattern leaves cells under-protected; withholding more", indicator)
        more, intervals = protect_table(table, rules, forced=withheld, known=known)
        status = {cid: s if s != "published" else more[cid] for cid, s in status.items()}
    out = Protection(indicator, period, table, status, intervals, time.perf_counter() - started, tables)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = out
    return out


def publish(
    store: Store,
    period: str,
    *,
    on: dt.date | None = None,
    indicators: Iterable[str] | None = None,
    rules: Rules | None = None,
    registry: Registry | None = None,
    by: str | None = None,
) -> Release:
    """Protect the period's tables, record the release (tables, cells, pattern, date, audit) and return it.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     publish(s, "2019", on=dt.date(2020, 3, 1)).summary()["cells"]
    0
    """
    started = time.perf_counter()
    rules = rules or load_rules()
    registry = registry or load_registry()
    names = list(indicators or DEFAULT_INDICATORS)
    for name in names:
        spec = registry[name]
        if spec.aggregation != "sum" or not spec.is_report_base:
            raise SeimonError(
                f"只能发布企业数据之和的指标：{name}",
                f"a release protects summed enterprise indicators only: {name}",
                Location(field="--indicators"),
                code="bad_option",
            )
    for name in list(names):  # the population patterns the indicators follow are released with them
        if anchor_of(registry, name) not in names:
            names.insert(0, anchor_of(registry, name))
    key = ytd_key_for(period, registry[names[0]])
    earlier = _releases_of(store, *key)
    protections = [follow(store, name, key, rules, registry) for name in names]
    audit_ok = all(p.audit_ok for p in protections)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    on = on or now.date()
    rows = []
    for p in protections:
        audited = {i.cell: i for i in p.intervals}
        for cid, status in p.status.items():
            interval = audited.get(cid)
            value = None if status != "published" else p.table.cells[cid].value
            rows.append(
                [
                    p.indicator,
                    cid[0],
                    key_text(cid[1]),
                    value,
                    status,
                    interval.lower if interval else None,
                    interval.upper if interval and interval.upper != float("inf") else None,
                    interval.protection if interval else None,
                    interval.protected if interval else None,
                ]
            )
    with store.transaction():
        rid = int(store.fetchone("SELECT nextval('disclosure_release_id_seq')")[0])  # type: ignore[index]
        store.execute(
            "INSERT INTO disclosure_releases (id, period, year, end_month, released_on, created_at, created_by,"
            " revision_of, indicators, rules, cells, withheld, audit_ok, seconds)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                rid,
                period_code(*key, registry[names[0]]),
                key[0],
                key[1],
                on,
                now,
                by,
                earlier[-1] if earlier else None,
                json.dumps(names),
                rules.model_dump_json(),
                len(rows),
                sum(r[4] != "published" for r in rows),
                audit_ok,
                round(time.perf_counter() - started, 3),
            ],
        )
        store.bulk_insert(
            "disclosure_cells",
            ["release_id", "indicator", "table_name", "cell_key", "value", "status", "lower_bound", "upper_bound",
             "protection", "protected"],
            [[rid, *r] for r in rows],
        )  # fmt: skip
    logger.info("release %d of %s: %d cells, audit %s", rid, period, len(rows), "ok" if audit_ok else "FAILED")
    return load_release(store, rid)
