"""Targets broken down to cities and departments (分解落实): what the register says and whether it adds up.

``seimon import responsibilities FILE`` stores one row per (target, region, year): the target's figure for a
region (130000, the default, is the province) and a year (the target's deadline year, the default, is the
final figure; earlier years are annual milestones), in the target's unit, with its lead department
(牵头单位) and partner departments (配合单位, separated by 、，, ; or /).

Where the measure adds up (counts, capacities, revenues — not shares, rates or relative changes), the
figures of the 13 reporting units (11 cities, 定州, 辛集) should sum to the province's figure for the same
year; :func:`consistency` says where they do not.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from seimon.plan import Plan, Target, load_plan
from seimon.reference.regions import PROVINCE_CODE, load_regions
from seimon.store import Store
from seimon.tracking.known_rows import rows_known_at

logger = logging.getLogger(__name__)

ADDITIVE_KINDS = frozenset({"level", "count", "cumulative", "annual_flow"})
"""Target kinds whose figures add up over regions (a share or a rate does not)."""

NON_ADDITIVE_UNITS = frozenset({"%", "‰", "倍"})

TOLERANCE = 0.005
"""Relative gap (0.5 %) between the sum of the parts and the province's figure still taken as consistent."""

# "省科技厅、省财政厅" / "省科技厅，省财政厅" / "省科技厅;省财政厅" — a list of departments
_LIST_SEP = re.compile(r"[、，,;；/]+")


@dataclass
class Breakdown:
    """One row of the register: a target's figure for one region and year, and who answers for it."""

    target: str
    region: str
    year: int
    value: float | None
    unit: str | None
    lead: str | None
    partners: list[str] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def split_list(text: str | None) -> list[str]:
    """The items of a list cell: the departments of 配合单位, the regions or industries of a base.

    >>> split_list("省科技厅、省财政厅；省商务厅")
    ['省科技厅', '省财政厅', '省商务厅']
    """
    if not text:
        return []
    return [part.strip() for part in _LIST_SEP.split(text) if part.strip()]


def read_breakdown(store: Store, as_of: dt.date | None = None) -> list[Breakdown]:
    """The rows of the register by target, region and year: as known at ``as_of`` (``None``: the current rows).

    A judgement as of a date reads the breakdown as it stood then, so an edit made later does not change it.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     read_breakdown(s, dt.date(2020, 3, 31))
    []
    """
    rows = rows_known_at(
        store,
        "responsibilities",
        ("target", "region", "year", "value", "unit", "lead", "partners", "note"),
        ("target", "region", "year"),
        as_of,
    )
    return [
        Breakdown(
            str(r["target"]),
            str(r["region"]),
            int(r["year"]),
            None if r["value"] is None else float(r["value"]),
            r["unit"],
            r["lead"],
            split_list(r["partners"]),
            r["note"],
        )
        for r in sorted(rows, key=lambda r: (str(r["target"]), str(r["region"]), int(r["year"])))
    ]


@dataclass
class Duties:
    """Who answers for one target: the lead department and the partner departments (from the province's rows,
    else from any row of the target)."""

    target: str
    lead: str | None
    partners: list[str]


def duties(rows: list[Breakdown]) -> dict[str, Duties]:
    """Per target its lead and partner departments.

    >>> d = duties([Breakdown("pv_capacity", "130000", 2020, 1.5e7, "千瓦", "省发展改革委", ["省能源局"])])
    >>> d["pv_capacity"].lead, d["pv_capacity"].partners
    ('省发展改革委', ['省能源局'])
    """
    found: dict[str, Duties] = {}
    ordered = sorted(rows, key=lambda r: (r.region != PROVINCE_CODE, -r.year))
    for row in ordered:
        held = found.setdefault(row.target, Duties(row.target, None, []))
        if held.lead is None and row.lead:
            held.lead = row.lead
        if not held.partners and row.partners:
            held.partners = list(row.partners)
    return found


def departments(rows: list[Breakdown]) -> dict[str, dict[str, list[str]]]:
    """Per department the targets it leads and those it supports.

    >>> departments([Breakdown("a", "130000", 2020, 1.0, "家", "省科技厅", ["省财政厅"])])
    {'省科技厅': {'lead': ['a'], 'partner': []}, '省财政厅': {'lead': [], 'partner': ['a']}}
    """
    out: dict[str, dict[str, list[str]]] = {}
    for duty in duties(rows).values():
        if duty.lead:
            out.setdefault(duty.lead, {"lead": [], "partner": []})["lead"].append(duty.target)
        for partner in duty.partners:
            out.setdefault(partner, {"lead": [], "partner": []})["partner"].append(duty.target)
    return out


def is_additive(target: Target) -> bool:
    """Whether a target's figures add up over regions (absolute counts and amounts, no relative target).

    >>> targets = {t.id: t for t in load_plan().targets}
    >>> is_additive(targets["pv_capacity"]), is_additive(targets["sei_va_share_gdp"])
    (True, False)
    """
    unit = target.unit_normalized or target.unit
    return target.kind in ADDITIVE_KINDS and unit not in NON_ADDITIVE_UNITS and target.base_year is None


@dataclass
class Consistency:
    """The parts of one target and year against the province's figure."""

    target: str
    year: int
    additive: bool
    province: float | None
    parts_sum: float
    parts: int
    missing_units: list[str]
    gap: float | None
    consistent: bool | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def consistency(rows: list[Breakdown], plan: Plan | None = None, tolerance: float = TOLERANCE) -> list[Consistency]:
    """For each target and year broken down to the reporting units: whether the parts add up to the province.

    ``consistent`` is None where the measure does not add up or the province has no figure; the reporting
    units with no row are listed (a breakdown need not cover all 13, but a gap then is expected).

    >>> rows = [Breakdown("pv_capacity", "130000", 2020, 100.0, "千瓦", None),
    ...         Breakdown("pv_capacity", "130100", 2020, 60.0, "千瓦", None),
    ...         Breakdown("pv_capacity", "130200", 2020, 30.0, "千瓦", None)]
    >>> c = consistency(rows)[0]
    >>> c.parts_sum, c.gap, c.consistent, len(c.missing_units)
    (90.0, -10.0, False, 11)
    """
    plan = plan or load_plan()
    regions = load_regions()
    units = [r.code for r in regions.reporting_units()]
    targets = {t.id: t for t in plan.targets}
    groups: dict[tuple[str, int], list[Breakdown]] = {}
    for row in rows:
        groups.setdefault((row.target, row.year), []).append(row)
    out: list[Consistency] = []
    for (target_id, year), members in sorted(groups.items()):
        parts = [m for m in members if m.region in units and m.value is not None]
        if not parts:
            continue
        target = targets.get(target_id)
        additive = target is not None and is_additive(target)
        province = next((m.value for m in members if m.region == PROVINCE_CODE), None)
        total = sum(m.value or 0.0 for m in parts)
        gap = None if province is None else total - province
        consistent: bool | None = None
        if additive and province is not None and gap is not None:
            consistent = abs(gap) <= tolerance * max(abs(province), 1e-12)
        have = {m.region for m in parts}
        out.append(
            Consistency(
                target_id,
                year,
                additive,
                province,
                total,
                len(parts),
                [u for u in units if u not in have],
                gap,
                consistent,
            )
        )
    return out


__all__ = [
    "ADDITIVE_KINDS",
    "TOLERANCE",
    "Breakdown",
    "Consistency",
    "Duties",
    "consistency",
    "departments",
    "duties",
    "is_additive",
    "read_breakdown",
    "split_list",
]
