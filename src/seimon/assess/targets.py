"""Plan targets as the assessment sees them: a :class:`~seimon.assess.series.TargetSpec` and where its data live.

The plan model says what a planner wrote (1500 万千瓦, "到2020年", 力争); the assessment needs numbers on one
time axis and in the unit the store keeps (observations are stored in the target's *normalised* unit, 千瓦 for a
target written in 万千瓦 — see :func:`seimon.ingest.loaders.plan_resolver`). This module is that adapter, and it
also decides, once, where a target's values come from: published observations, or the indicator system when an
indicator computed from enterprise reports measures the target (the SEI share of above-scale industry; a base's
revenue).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal

from seimon.assess.series import Relation, TargetSpec
from seimon.periods import year_end
from seimon.plan import Plan, Target
from seimon.reference.regions import PROVINCE_CODE

logger = logging.getLogger(__name__)

SourceKind = Literal["observations", "indicator"]

# "比2015年下降18%" — a decrease relative to a base year; group 1 is the year.
_DECREASE = re.compile(r"比\s*(\d{4})\s*年?(?:下降|降低|减少)")
# "比2015年增长20%" / "比2015年提高20%" — an increase relative to a base year.
_INCREASE = re.compile(r"比\s*(\d{4})\s*年?(?:增长|提高|增加)")
# "年均增长15%" — an average annual growth rate (CAGR).
_CAGR = re.compile(r"年均(?:增长|增速)")
# "翻一番" / "翻两番" — a multiple of the base-year value.
_DOUBLING = re.compile(r"翻[一两二三四]?番")


@dataclass(frozen=True)
class ValueSource:
    """Where a target's values come from.

    ``indicator``/``by``/``member`` name a query of the indicator system (e.g. an indicator cut by ``base`` for
    one base); ``unit`` is the unit those values come in. ``kind="observations"``
    reads the observations table (indicator = the target id) in the target's stored unit.
    """

    kind: SourceKind
    unit: str
    indicator: str | None = None
    by: str | None = None
    member: str | None = None
    region: str = PROVINCE_CODE

    def describe(self) -> tuple[str, str]:
        """(Chinese, English) description for reasons and ``--explain``."""
        if self.kind == "observations":
            return (f"公开发布观测值（地区 {self.region}）", f"published observations (region {self.region})")
        cut = f"，{self.by}={self.member}" if self.by else ""
        cut_en = f", {self.by}={self.member}" if self.by else ""
        return (
            f"指标体系 {self.indicator}（地区 {self.region}{cut}）",
            f"indicator system {self.indicator} (region {self.region}{cut_en})",
        )


def stored_unit(target: Target) -> str:
    """The unit observations of ``target`` are stored (and compared) in: the normalised unit.

    >>> from seimon.plan import load_plan
    >>> pv = next(t for t in load_plan().targets if t.id == "pv_capacity")
    >>> stored_unit(pv), stored_value(pv)
    ('千瓦', 15000000.0)
    """
    return target.unit_normalized or target.unit


def stored_value(target: Target) -> float:
    """The target value in :func:`stored_unit` (the lower end of a range such as 1至2家)."""
    return float(target.value_normalized if target.value_normalized is not None else target.value)


def display_factor(target: Target) -> float:
    """Multiply a value in the stored unit by this to show it in the unit as written (千瓦 → 万千瓦: 1e-4).

    >>> from seimon.plan import load_plan
    >>> pv = next(t for t in load_plan().targets if t.id == "pv_capacity")
    >>> display_factor(pv)
    0.0001
    """
    normalised = stored_value(target)
    if normalised == 0 or target.value == 0:
        return 1.0
    return target.value / normalised


def relation_of(target: Target) -> tuple[Relation | None, float]:
    """A relative target read from its clause: (relation, value for :class:`TargetSpec`), or (None, value).

    The plan model keeps relative targets as written (比2015年下降18%, 翻一番, 年均增长15%); the assessment must
    apply them to the base-year value. Only targets with a ``base_year`` are read as relative, so an ordinary
    "增长到" level is never mistaken for one.

    >>> from seimon.plan import load_plan
    >>> relation_of(next(t for t in load_plan().targets if t.id == "pv_capacity"))
    (None, 15000000.0)
    """
    value = stored_value(target)
    if target.base_year is None:
        return None, value
    text = target.source.quote + (target.note_zh or "")
    if target.unit_normalized == "倍" or _DOUBLING.search(text):
        return "multiply", value
    if _CAGR.search(text):
        return "cagr", float(target.value)
    if _DECREASE.search(text):
        return "decrease_by", float(target.value)
    if _INCREASE.search(text):
        return "increase_by", float(target.value)
    return None, value


def target_spec(target: Target, plan: Plan) -> TargetSpec:
    """The :class:`TargetSpec` of a plan target: stored-unit value, plan start and the deadline on the time axis.

    The plan period starts at the end of the plan's base year (2015 → ``2016.0``) and "到2020年" ends at
    ``2021.0``. A target that names its own base year starts there.

    >>> from seimon.plan import load_plan
    >>> plan = load_plan()
    >>> spec = target_spec(next(t for t in plan.targets if t.id == "nev_promoted_cumulative"), plan)
    >>> spec.kind, spec.value, spec.start, spec.deadline_t
    ('cumulative', 300000.0, 2016.0, 2021.0)
    """
    relation, value = relation_of(target)
    base_year = target.base_year if target.base_year is not None else plan.metadata.base_year
    return TargetSpec(
        id=target.id,
        value=value,
        comparator=target.comparator,
        direction=target.direction,
        kind=target.kind,
        start=year_end(base_year),
        deadline_t=year_end(target.deadline),
        relation=relation,
        base_year=base_year if target.base_year is not None else None,
    )


def scope_regions(plan: Plan, target: Target) -> list[str]:
    """Region codes whose observations speak for the target: the province, or a base's regions then the province.

    A base's figure is published under the base's (first) city in the demo releases and under the province in
    some bulletins; both are read, the base's city first.

    >>> from seimon.plan import load_plan
    >>> plan = load_plan()
    >>> scope_regions(plan, next(t for t in plan.targets if t.id == "baoding_base_revenue"))
    ['130600', '130000']
    """
    if target.scope.type == "base":
        base = next((b for b in plan.bases if b.id == target.scope.id), None)
        if base is not None and base.regions:
            return [base.regions[0], PROVINCE_CODE]
    return [PROVINCE_CODE]


def value_source(target: Target, registry: object | None = None) -> ValueSource:
    """Where the target's values come from: an indicator computed from enterprise reports, else observations.

    An indicator of the registry that declares the target in its ``targets`` and is computed (not merely a
    published observation read back) measures it. A base's revenue target (基地主营业务收入) is measured by
    published observations: the base's revenue covers every enterprise in the base, while the enterprise
    reports hold only above-scale SEI enterprises, so ``sei_revenue`` by base would understate it. Without a
    registry (the indicator system unavailable) everything comes from observations.

    >>> from seimon.plan import load_plan
    >>> from seimon.indicators import load_registry
    >>> plan, reg = load_plan(), load_registry()
    >>> value_source(next(t for t in plan.targets if t.id == "sei_va_share_above_scale_industry"), reg).indicator
    'sei_va_share_above_scale'
    >>> value_source(next(t for t in plan.targets if t.id == "pv_capacity"), reg).kind
    'observations'
    >>> value_source(next(t for t in plan.targets if t.id == "baoding_base_revenue"), reg).kind
    'observations'
    """
    observed = ValueSource("observations", stored_unit(target))
    if registry is None:
        return observed
    for spec in registry:  # type: ignore[attr-defined]
        if target.id in spec.targets and spec.aggregation not in ("observation", "regional"):
            return ValueSource("indicator", spec.unit, indicator=spec.id)
    return observed
