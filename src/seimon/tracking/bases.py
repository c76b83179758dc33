"""The 35 bases: who they are, which enterprises they hold, how they are doing, and how they rank.

The plan names the 5 national bases (with their regions) and leaves 30 provincial slots (``provincial_slot_01``
… ``_30``, each with a zone and a focus where the text gives one). ``seimon import bases FILE`` fills in names,
zones, regions and leading industries (:data:`seimon.ingest.headers.KINDS` ``bases``). Enterprises belong to a
base through the 所属基地 of the enterprise register (a base id or its name).

A base's indicators for a year-to-date period (``2019-01..12`` by default the latest one reported): the
enterprises assigned, those that reported, their revenue and value added, and revenue growth on the same
enterprises' figures for the same months of the year before (同口径). As of ``D`` only report vintages known
at ``D`` count. Bases are ranked by revenue and by growth.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from seimon.errors import SeimonError
from seimon.periods import Period, parse_period
from seimon.plan import Plan, load_plan
from seimon.store import Store
from seimon.tracking.known_rows import end_of
from seimon.tracking.responsibilities import split_list

logger = logging.getLogger(__name__)

LEVEL_ZH = {"national": "国家级", "provincial": "省级"}


@cache
def _builtin_ids() -> frozenset[str]:
    return frozenset(b.id for b in load_plan().bases)


def is_plan_base(base_id: str) -> bool:
    """True for a base id of the built-in plan.

    >>> is_plan_base("national_sjz_bio"), is_plan_base("provincial_slot_30"), is_plan_base("provincial_slot_31")
    (True, True, False)
    """
    return base_id.strip() in _builtin_ids()


@dataclass
class BaseProfile:
    """One base: the plan's facts, completed by the register."""

    id: str
    level: str
    name: str | None
    zone: str | None
    zone_name: str | None
    regions: list[str]
    industries: list[str]
    focus: list[str]
    targets: list[str]
    recognised: dt.date | None = None
    registered: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["level_zh"] = LEVEL_ZH.get(self.level, self.level)
        data["recognised"] = self.recognised.isoformat() if self.recognised else None
        return data


def _zone_of(plan: Plan, regions: list[str]) -> str | None:
    for zone in plan.zones:
        if regions and regions[0] in zone.regions:
            return zone.id
    return None


def base_profiles(store: Store, plan: Plan | None = None) -> list[BaseProfile]:
    """All bases of the plan, in plan order, with what the base register adds (names, zones, regions).

    A national base's zone is the functional zone of its first region when the plan gives none.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     bases = base_profiles(s)
    >>> len(bases), bases[0].name, bases[0].zone, sum(b.name is None for b in bases)
    (35, '石家庄国家生物产业基地', 'zone_central_south', 30)
    """
    plan = plan or load_plan()
    zones = {z.id: z for z in plan.zones}
    zone_by_name = {z.name_zh: z.id for z in plan.zones}
    registered: dict[str, dict[str, Any]] = {}
    if store.table_exists("base_register"):
        for row in store.fetch_dicts(
            "SELECT base_id, name, level, zone, regions, industries, recognised FROM base_register WHERE is_current"
        ):
            registered[str(row["base_id"])] = row
    from seimon.tracking.vocab import industry_resolver

    resolve = industry_resolver(plan)
    out = []
    for base in plan.bases:
        profile = BaseProfile(
            base.id,
            base.level,
            base.name_zh,
            base.zone or _zone_of(plan, base.regions),
            None,
            list(base.regions),
            list(base.industries),
            list(base.focus_zh),
            list(base.targets),
        )
        row = registered.get(base.id)
        if row is not None:
            profile.registered = True
            profile.name = row["name"] or profile.name
            if row["zone"]:
                profile.zone = zone_by_name.get(row["zone"], row["zone"])
            if row["regions"]:
                profile.regions = split_list(row["regions"])
            if row["industries"]:
                names = split_list(row["industries"])
                found = [ref.industry for n in names if (ref := resolve(n)) is not None]
                profile.industries = list(dict.fromkeys(found)) or profile.industries
                profile.focus = profile.focus or names
            recognised = row["recognised"]
            profile.recognised = recognised if isinstance(recognised, dt.date) else None
        zone = zones.get(profile.zone or "")
        profile.zone_name = zone.name_zh if zone is not None else None
        out.append(profile)
    return out


@dataclass
class BaseFigures:
    """A base's enterprises and figures for one period."""

    base: str
    name: str | None
    level: str
    zone: str | None
    enterprises: int = 0
    reporting: int = 0
    revenue: float = 0.0
    value_added: float = 0.0
    revenue_same_firms: float = 0.0
    revenue_prior_same_firms: float = 0.0
    rank_revenue: int | None = None
    rank_growth: int | None = None
    targets: list[str] = field(default_factory=list)

    @property
    def growth(self) -> float | None:
        """Revenue growth over the same months of the year before, on the enterprises reporting both (同口径)."""
        if not self.revenue_prior_same_firms:
            return None
        return self.revenue_same_firms / self.revenue_prior_same_firms - 1.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        growth = self.growth
        data["growth"] = None if growth is None else round(growth, 6)
        for key in ("revenue", "value_added", "revenue_same_firms", "revenue_prior_same_firms"):
            data[key] = round(data[key], 4)
        return data


def _reports_as_of(store: Store, period: str, as_of: dt.date) -> dict[str, tuple[float | None, float | None]]:
    """Per enterprise its (revenue, value added) for ``period``: the latest vintage known at ``as_of``."""
    rows = store.fetchall(
        "SELECT credit_code, revenue, value_added, vintage, batch_id FROM reports WHERE period = ? AND vintage <= ?",
        (period, end_of(as_of)),
    )
    best: dict[str, tuple[Any, Any, tuple[Any, Any]]] = {}
    for code, revenue, value_added, vintage, batch in rows:
        held = best.get(code)
        if held is None or (vintage, batch) > held[2]:
            best[code] = (revenue, value_added, (vintage, batch))
    return {code: (r, v) for code, (r, v, _) in best.items()}


def latest_period(store: Store, as_of: dt.date) -> str | None:
    """The latest year-to-date report period ended and known at ``as_of`` (``2019-01..12``), or None."""
    if not store.table_exists("reports"):
        return None
    rows = store.fetchall(
        "SELECT DISTINCT year, end_month FROM reports WHERE start_month = 1 AND period_kind = 'ytd' AND vintage <= ?",
        (end_of(as_of),),
    )
    ended = [(y, m) for y, m in rows if Period.of_ytd(int(y), int(m)).end_date() <= as_of]
    if not ended:
        return None
    year, month = max(ended)
    return Period.of_ytd(int(year), int(month)).code


def _as_ytd(period: Period) -> Period:
    """A whole year, half or quarter from January as the year-to-date span reports are stored under.

    >>> _as_ytd(parse_period("2019")).code, _as_ytd(parse_period("2019年1-9月")).code
    ('2019-01..12', '2019-01..09')
    """
    if period.kind in ("year", "half", "quarter") and period.start_month == 1:
        return Period.of_ytd(period.year, period.end_month)
    return period


def _members(store: Store, profiles: list[BaseProfile]) -> dict[str, list[str]]:
    """Per base the credit codes of the current enterprises whose 所属基地 names it (by id or name)."""
    by_key: dict[str, str] = {}
    for p in profiles:
        by_key[p.id] = p.id
        if p.name:
            by_key.setdefault(p.name, p.id)
    members: dict[str, list[str]] = {}
    if store.table_exists("enterprises"):
        for code, base in store.fetchall(
            "SELECT credit_code, base FROM enterprises WHERE is_current AND base IS NOT NULL AND base <> ''"
        ):
            found = by_key.get(str(base).strip())
            if found is not None:
                members.setdefault(found, []).append(code)
    return members


def _rank(rows: list[BaseFigures]) -> None:
    """Rank the bases that reported by revenue, and those with a same-firms growth by growth (1 = highest)."""
    ranked = sorted((r for r in rows if r.reporting), key=lambda r: -r.revenue)
    for i, r in enumerate(ranked, start=1):
        r.rank_revenue = i
    by_growth = sorted((r for r in rows if r.growth is not None), key=lambda r: -(r.growth or 0.0))
    for i, r in enumerate(by_growth, start=1):
        r.rank_growth = i


def base_figures(
    store: Store, as_of: dt.date, period: str | None = None, plan: Plan | None = None
) -> tuple[str | None, list[BaseFigures]]:
    """Every base's enterprises and figures for ``period`` (default: the latest), ranked; returns (period, rows).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     period, rows = base_figures(s, dt.date(2020, 3, 31))
    >>> period, len(rows), rows[0].enterprises
    (None, 35, 0)
    """
    plan = plan or load_plan()
    profiles = base_profiles(store, plan)
    rows = {p.id: BaseFigures(p.id, p.name, p.level, p.zone, targets=p.targets) for p in profiles}
    period = latest_period(store, as_of) if period is None else _as_ytd(parse_period(period)).code
    current = _reports_as_of(store, period, as_of) if period else {}
    prior: dict[str, tuple[float | None, float | None]] = {}
    if period:
        p = parse_period(period)
        if p.kind == "ytd":
            prior = _reports_as_of(store, Period.of_ytd(p.year - 1, p.end_month).code, as_of)
    for base_id, codes in _members(store, profiles).items():
        row = rows[base_id]
        row.enterprises = len(codes)
        for code in codes:
            figures = current.get(code)
            if figures is None:
                continue
            revenue, value_added = figures
            row.reporting += 1
            row.revenue += float(revenue or 0.0)
            row.value_added += float(value_added or 0.0)
            before = prior.get(code)
            if revenue is not None and before is not None and before[0] is not None:
                row.revenue_same_firms += float(revenue)
                row.revenue_prior_same_firms += float(before[0])
    _rank(list(rows.values()))
    return period, list(rows.values())


def _by_revenue_rank(row: dict[str, Any]) -> int:
    return int(row["rank_revenue"])


def _by_growth_rank(row: dict[str, Any]) -> int:
    return int(row["rank_growth"])


def bases_report(store: Store, as_of: dt.date, period: str | None = None) -> dict[str, Any]:
    """The document of ``seimon bases --json``: profiles, figures and rankings of the 35 bases."""
    plan = load_plan()
    profiles = {p.id: p.to_dict() for p in base_profiles(store, plan)}
    used, figures = base_figures(store, as_of, period, plan)
    bases = [profiles[f.base] | f.to_dict() for f in figures]
    return {
        "as_of": as_of.isoformat(),
        "period": used,
        "bases": bases,
        "named": sum(1 for b in bases if b["name"]),
        "ranking_revenue": [b["base"] for b in sorted((b for b in bases if b["rank_revenue"]), key=_by_revenue_rank)],
        "ranking_growth": [b["base"] for b in sorted((b for b in bases if b["rank_growth"]), key=_by_growth_rank)],
    }


def base_profile(store: Store, base_id: str, as_of: dt.date, period: str | None = None) -> dict[str, Any]:
    """One base as of ``as_of``: its profile and figures (as in :func:`bases_report`), its rank among the bases
    that reported (``ranked_revenue`` / ``ranked_growth`` bases in all), its member enterprises (credit code,
    name, region, and whether it reported for the period) and its projects' ids; a bilingual ``not_found``
    error for an id that is not one of the plan's 35 bases.

    Members and figures are microdata (arts. 9, 25 of the Statistics Law): the caller decides what to show.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     doc = base_profile(s, "national_sjz_bio", dt.date(2020, 12, 31))
    >>> doc["base"]["id"], doc["base"]["enterprises"], doc["members"], doc["ranked_revenue"]
    ('national_sjz_bio', 0, [], 0)
    """
    report = bases_report(store, as_of, period)
    found = next((b for b in report["bases"] if b["base"] == base_id), None)
    if found is None:
        raise SeimonError(f"没有这个基地：{base_id}", f"no such base: {base_id}", code="not_found")
    codes = _members(store, base_profiles(store))[base_id] if found["enterprises"] else []
    reported = _reports_as_of(store, report["period"], as_of) if report["period"] and codes else {}
    members: list[dict[str, Any]] = []
    if codes:
        marks = ", ".join("?" for _ in codes)
        for code, name, region in store.fetchall(
            f"SELECT credit_code, name, region FROM enterprises WHERE is_current AND credit_code IN ({marks})"
            " ORDER BY credit_code",
            codes,
        ):
            members.append({"credit_code": code, "name": name, "region": region, "reported": code in reported})
    return {
        "as_of": report["as_of"],
        "period": report["period"],
        "base": {"id": base_id, **found},
        "ranked_revenue": len(report["ranking_revenue"]),
        "ranked_growth": len(report["ranking_growth"]),
        "members": members,
    }


__all__ = [
    "BaseFigures",
    "BaseProfile",
    "base_figures",
    "base_profile",
    "base_profiles",
    "bases_report",
    "is_plan_base",
    "latest_period",
]
