"""Each city's and each department's share of the plan, assessed with the same methods as the province's targets.

The breakdown register (:mod:`seimon.tracking.responsibilities`) gives a target's figure for a city; that city's
share is assessed exactly like a province target — :func:`~seimon.assess.report.assess_one` with the city's
figure as the target value and the city's own published observations (``observations`` rows of the target
for the city's region code) as the series. Annual milestones of the breakdown are checked against the city's
full-year figures with :func:`~seimon.assess.status.meets`.

A department answers for the province targets it leads (牵头) or supports (配合): its assessment is the
province assessment of those targets, grouped, with the statuses counted.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from seimon.assess.inputs import SourcedObservation, TargetInputs, read_observations
from seimon.assess.report import assess_one, assess_plan, check_method
from seimon.assess.status import Thresholds, load_thresholds, meets
from seimon.assess.targets import ValueSource, display_factor, stored_unit
from seimon.errors import SeimonError
from seimon.periods import T_EPS, year_end
from seimon.plan import Plan, Target, load_plan
from seimon.reference.regions import PROVINCE_CODE, load_regions
from seimon.store import Store
from seimon.tracking.responsibilities import Breakdown, consistency, departments, read_breakdown

logger = logging.getLogger(__name__)

SHARE_GROUPINGS: tuple[str, ...] = ("city", "department")


def share_target(target: Target, value: float) -> Target:
    """The target with a region's figure (in the target's stored unit) in place of the province's.

    >>> pv = next(t for t in load_plan().targets if t.id == "pv_capacity")
    >>> city = share_target(pv, 2_000_000.0)
    >>> city.value_normalized, city.value, city.unit
    (2000000.0, 200.0, '万千瓦')
    """
    if target.unit_normalized is not None and target.value_normalized is not None:
        return target.model_copy(
            update={"value_normalized": value, "value": value * display_factor(target), "value_max": None}
        )
    return target.model_copy(update={"value": value, "value_max": None})


@dataclass
class Milestone:
    """A year's figure of the breakdown against the region's full-year observation of that year."""

    year: int
    value: float
    observed: float | None
    met: bool | None


@dataclass
class ShareAssessment:
    """One region's share of one target, assessed."""

    region: str
    target_id: str
    assessment: dict[str, Any]
    milestones: list[Milestone] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            **self.assessment,
            "milestones": [m.__dict__ for m in self.milestones],
        }


def check_milestones(
    target: Target,
    items: list[SourcedObservation],
    milestones: list[Breakdown],
    *,
    as_of: dt.date,
    thresholds: Thresholds | None = None,
) -> list[Milestone]:
    """Each milestone against the full-year (or year-end) figure of its year published by ``as_of``.

    ``met`` is None while that year's figure is not published; the comparison is the target's own
    (:func:`~seimon.assess.status.meets`).
    """
    th = thresholds or load_thresholds()
    full_years: dict[int, tuple[dt.date, float]] = {}
    for item in items:
        obs, published = item.obs, item.published
        year = int(obs.period_code[:4])
        year_figure = obs.full_year or (obs.period_kind == "point" and abs(obs.t - year_end(year)) < T_EPS)
        if not year_figure or (published is not None and published > as_of):
            continue
        held = full_years.get(year)
        if held is None or (published or dt.date.min) >= held[0]:
            full_years[year] = (published or dt.date.min, obs.value)
    checked = []
    for m in sorted(milestones, key=lambda b: b.year):
        if m.value is None:
            continue
        seen = full_years.get(m.year)
        observed = seen[1] if seen else None
        met = None if observed is None else meets(observed, m.value, target.comparator, target.direction, th)
        checked.append(Milestone(m.year, m.value, observed, met))
    return checked


def assess_share(
    store: Store,
    plan: Plan,
    target: Target,
    region: str,
    *,
    final: Breakdown,
    milestones: list[Breakdown],
    as_of: dt.date,
    method: str = "opensdg",
    thresholds: Thresholds | None = None,
) -> ShareAssessment:
    """Assess ``region``'s share of ``target`` (its final figure ``final``) and check its annual milestones."""
    assert final.value is not None
    th = thresholds or load_thresholds()
    shared = share_target(target, final.value)
    items, notes = read_observations(store, shared, [region])
    source = ValueSource("observations", stored_unit(shared), region=region)
    inputs = TargetInputs(shared, source, items, notes)
    result = assess_one(store, plan, shared, as_of=as_of, method=check_method(method), thresholds=th, inputs=inputs)
    checked = check_milestones(target, items, milestones, as_of=as_of, thresholds=th)
    return ShareAssessment(region, target.id, result.to_dict(), checked)


def _status_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


def assess_by_city(
    store: Store,
    plan: Plan | None = None,
    *,
    as_of: dt.date,
    method: str = "opensdg",
    target_ids: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Per region of the breakdown (a city, 定州, 辛集, or a county) its shares of the targets, assessed.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     assess_by_city(s, as_of=dt.date(2020, 3, 31))
    []
    """
    plan = plan or load_plan()
    regions = load_regions()
    targets = {t.id: t for t in plan.targets}
    th = load_thresholds()
    rows = [r for r in read_breakdown(store, as_of) if r.region != PROVINCE_CODE and r.target in targets]
    if target_ids:
        rows = [r for r in rows if r.target in target_ids]
    by_key: dict[tuple[str, str], list[Breakdown]] = {}
    for row in rows:
        by_key.setdefault((row.region, row.target), []).append(row)
    groups: dict[str, list[dict[str, Any]]] = {}
    for (region, target_id), members in sorted(by_key.items()):
        target = targets[target_id]
        final = next((m for m in members if m.year == target.deadline and m.value is not None), None)
        if final is None:
            logger.info("%s %s: no figure for the deadline year %s", region, target_id, target.deadline)
            continue
        share = assess_share(
            store,
            plan,
            target,
            region,
            final=final,
            milestones=[m for m in members if m is not final],
            as_of=as_of,
            method=method,
            thresholds=th,
        )
        groups.setdefault(region, []).append(share.to_dict())
    out = []
    for region, assessed in groups.items():
        name = regions.get(region).name_zh if region in regions else region
        out.append({"key": region, "name": name, "status_counts": _status_counts(assessed), "targets": assessed})
    return out


def assess_by_department(
    store: Store,
    plan: Plan | None = None,
    *,
    as_of: dt.date,
    method: str = "opensdg",
    target_ids: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Per department the province targets it leads and supports, assessed (each target once).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     assess_by_department(s, as_of=dt.date(2020, 3, 31))
    []
    """
    plan = plan or load_plan()
    known = {t.id for t in plan.targets}
    rows = read_breakdown(store, as_of)
    duties = departments(rows)
    wanted = sorted({t for d in duties.values() for role in d.values() for t in role if t in known})
    if target_ids:
        wanted = [t for t in wanted if t in target_ids]
    if not wanted:
        return []
    assessed = {}
    for a in assess_plan(store, plan, as_of=as_of, method=method, target_ids=wanted, use_indicators=True):
        province = [r for r in rows if r.target == a.target.id and r.region == PROVINCE_CODE]
        marks = [r for r in province if r.year != a.target.deadline]
        checked = check_milestones(a.target, a.inputs.items, marks, as_of=as_of) if marks else []
        assessed[a.target.id] = a.to_dict() | {"milestones": [m.__dict__ for m in checked]}
    out = []
    for department, roles in sorted(duties.items()):
        lead = [assessed[t] | {"role": "lead"} for t in roles["lead"] if t in assessed]
        partner = [assessed[t] | {"role": "partner"} for t in roles["partner"] if t in assessed]
        if lead or partner:
            out.append(
                {
                    "key": department,
                    "name": department,
                    "status_counts": _status_counts(lead),
                    "targets": lead + partner,
                }
            )
    return out


def assess_shares(
    store: Store,
    plan: Plan | None = None,
    *,
    by: str,
    as_of: dt.date,
    method: str = "opensdg",
    target_ids: list[str] | None = None,
) -> dict[str, Any]:
    """The document of ``seimon assess --by city|department --json``: the groups, and for cities the check that
    the parts add up to the province (:func:`~seimon.tracking.responsibilities.consistency`)."""
    if by not in SHARE_GROUPINGS:
        raise SeimonError(
            f"未知的分组“{by}”（可选：{'、'.join(SHARE_GROUPINGS)}）",
            f"unknown --by '{by}' (choose from {', '.join(SHARE_GROUPINGS)})",
            code="bad_option",
        )
    plan = plan or load_plan()
    doc: dict[str, Any] = {"as_of": as_of.isoformat(), "by": by, "method": method}
    if by == "city":
        doc["groups"] = assess_by_city(store, plan, as_of=as_of, method=method, target_ids=target_ids)
        doc["consistency"] = [c.to_dict() for c in consistency(read_breakdown(store, as_of), plan)]
    else:
        doc["groups"] = assess_by_department(store, plan, as_of=as_of, method=method, target_ids=target_ids)
    return doc


__all__ = [
    "SHARE_GROUPINGS",
    "Milestone",
    "ShareAssessment",
    "assess_by_city",
    "assess_by_department",
    "assess_share",
    "assess_shares",
    "check_milestones",
    "share_target",
]
