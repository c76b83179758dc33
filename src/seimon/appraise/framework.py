"""Appraisal frameworks (考核评价框架) as data: units, a pillar/indicator tree and every methodological choice.

Why declarative: the choices that decide a ranking (which indicators, their direction and weight, how values are
put on one scale and combined, what to do with a gap or an outlier) are political as much as statistical. They
must be readable by the people who answer for them, changed without touching code, and the uncertainty analysis
must know which alternatives are defensible. A framework is a YAML file validated by pydantic; errors name the
file, line and field in Chinese and English (:mod:`seimon.declared` reads and locates it).

An indicator's ``source`` says where its per-unit values come from. Today the only kind is ``indicator`` (a
value of the indicator system, :func:`seimon.indicators.query.query`, optionally divided by a ``denominator``
indicator); another kind (per-city targets' progress, reporting quality) can be added beside it without changing
the framework's other fields.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from seimon.declared import load_declared, node_line
from seimon.errors import Location, SeimonError
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

DEFAULT_FRAMEWORK = ("appraisal", "hebei_sei_cities.yaml")
DEFAULT_FRAMEWORKS: dict[str, tuple[str, str]] = {"departments": ("appraisal", "hebei_sei_departments.yaml")}
"""Unit kinds with a packaged framework of their own (departments are judged on their tasks and projects)."""

Normalisation = Literal["minmax", "zscore", "distance_to_target", "rank", "goalposts"]
Aggregation = Literal["arithmetic", "geometric"]
MissingTreatment = Literal["reweight", "mean", "median"]
Direction = Literal["higher", "lower"]
UnitKind = Literal["cities", "departments", "bases"]
UNIT_KINDS: tuple[str, ...] = ("cities", "departments", "bases")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorSource(_Strict):
    """Where the per-unit values come from: an indicator of the indicator system (``kind: indicator``).

    ``denominator`` divides the value by another indicator's value of the same unit and period (× ``scale``),
    so that a count or total does not reward size: 定州 and 辛集 are county-level cities beside prefecture cities.
    """

    kind: Literal["indicator"] = "indicator"
    indicator: str
    denominator: str | None = None
    scale: float = 1.0


class _RegisterSource(_Strict):
    """A source read from a register, not from the indicator system: no indicator or denominator stands behind it,
    and its rate (0–1) is shown in percent (× ``scale``)."""

    scale: float = 100.0

    @property
    def indicator(self) -> None:
        return None

    @property
    def denominator(self) -> None:
        return None


class ProjectSource(_RegisterSource):
    """Per-unit values from the project register (``kind: projects``): a rate of the unit's projects at the end of
    the year, as known then — ``investment_completion_rate`` (完成投资/总投资), ``start_rate`` (开工率) or
    ``finish_rate`` (竣工率), in percent (× ``scale``). A rate, so a small unit is not punished for its size.
    """

    kind: Literal["projects"]
    measure: Literal["investment_completion_rate", "start_rate", "finish_rate"]


class TaskSource(_RegisterSource):
    """Per-department values from the task register (``kind: tasks``): the share of a department's roadmap
    actions and safeguard measures done (``done_rate``) or overdue (``overdue_rate``) at the end of the year, as
    known then, in percent (× ``scale``)."""

    kind: Literal["tasks"]
    measure: Literal["done_rate", "overdue_rate"]


class TargetShareSource(_RegisterSource):
    """Per-unit values from the target breakdown (``kind: targets``): the share of a city's own broken-down
    targets (or of the targets a department leads) that are on track or achieved at the end of the year, among
    those with a status, in percent (× ``scale``). Each share is assessed with the same methods as the province's
    targets (``seimon assess --by city|department``)."""

    kind: Literal["targets"]
    measure: Literal["on_track_share"] = "on_track_share"


class ReportingSource(_RegisterSource):
    """Per-city reporting quality (``kind: reporting``): the share of the city's enterprises expected to report
    (in an active spell, docs/assessment.md) that reported for the whole year (1–12月) by the as-of date, in
    percent (× ``scale``) — the completeness the statistical system owes the appraisal's other figures."""

    kind: Literal["reporting"]
    measure: Literal["reporting_rate"] = "reporting_rate"


class AppraisalIndicator(_Strict):
    """One indicator of a pillar: what, which way is better, how much it weighs, its target and goalposts."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")  # sei_growth, rd_intensity
    name_zh: str
    name_en: str
    source: IndicatorSource | ProjectSource | TaskSource | TargetShareSource | ReportingSource
    direction: Direction
    weight: float = Field(default=1.0, gt=0)
    unit: str | None = None  # shown beside values; default: the source indicator's unit (needed with a denominator)
    unit_en: str | None = None  # the unit in the English edition, where ``unit`` has no standard English form
    target: float | None = None
    goalposts: tuple[float, float] | None = None
    rationale: str | None = None

    @model_validator(mode="after")
    def _goalposts_ordered(self) -> AppraisalIndicator:
        if self.goalposts is not None and not self.goalposts[0] < self.goalposts[1]:
            raise ValueError("goalposts must be [low, high] with low < high")
        if self.target is not None and self.target == 0:
            raise ValueError("target must not be 0 (distance to target divides by it)")
        return self


class Pillar(_Strict):
    """A pillar (一级指标): a weighted group of indicators aggregated into one pillar score."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")  # growth
    name_zh: str
    name_en: str
    weight: float = Field(default=1.0, gt=0)
    indicators: list[AppraisalIndicator] = Field(min_length=1)


class UnitSet(_Strict):
    """Which units are appraised: ``region`` = the units directly below ``region`` in ``view`` (the reporting view
    lists 定州 and 辛集 beside the 11 cities, without double counting); ``base`` = the plan's industrial bases;
    ``registers`` = the departments the task and project registers name (their values come from those registers);
    ``listed`` = the ``members`` given here."""

    source: Literal["region", "base", "registers", "listed"]
    region: str = "130000"
    view: Literal["reporting", "geographic"] = "reporting"
    members: list[dict[str, str]] = Field(default_factory=list)


class Outliers(_Strict):
    """Winsorisation as COINr's ``qTreat``: an indicator with |skew| > ``skew`` *and* kurtosis > ``kurtosis`` has
    its most extreme value (on the side of the skew) set to the next one, at most ``winmax`` times."""

    treat: bool = True
    skew: float = 2.0
    kurtosis: float = 3.5
    winmax: int = Field(default=5, ge=0)


class Uncertainty(_Strict):
    """The Monte Carlo: weights drawn uniformly within ±``weight_range`` of their nominal value, and one of each
    list of alternatives (normalisation, aggregation, treatment of gaps, outlier treatment: ``winsorise`` or
    ``none``); ``draws`` evaluations give the rank intervals, Saltelli's design the Sobol indices."""

    draws: int = Field(default=2000, ge=10)
    weight_range: float = Field(default=0.25, ge=0, lt=1)
    normalisations: list[Normalisation] = Field(default_factory=lambda: ["minmax", "zscore", "rank"], min_length=1)
    aggregations: list[Aggregation] = Field(default_factory=lambda: ["arithmetic", "geometric"], min_length=1)
    missing: list[MissingTreatment] = Field(default_factory=lambda: ["reweight", "mean"], min_length=1)
    outliers: list[Literal["winsorise", "none"]] = Field(default_factory=lambda: ["winsorise", "none"], min_length=1)
    interval: tuple[float, float] = (5.0, 95.0)
    seed: int = 2016


class Framework(_Strict):
    """A whole appraisal framework (see ``resources/appraisal/hebei_sei_cities.yaml`` and docs/appraisal.md)."""

    id: str
    name_zh: str
    name_en: str
    units: dict[UnitKind, UnitSet]
    normalisation: Normalisation = "minmax"
    aggregation: Aggregation = "arithmetic"
    missing: MissingTreatment = "reweight"
    min_coverage: float = Field(default=0.5, gt=0, le=1)
    outliers: Outliers = Outliers()
    uncertainty: Uncertainty = Uncertainty()
    pillars: list[Pillar] = Field(min_length=1)
    _source_lines: dict[str, Location] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        ids = [i.id for p in self.pillars for i in p.indicators]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate indicator ids: {', '.join(dupes)}")
        pillar_ids = [p.id for p in self.pillars]
        if len(set(pillar_ids)) != len(pillar_ids):
            raise ValueError("duplicate pillar ids")
        methods = {self.normalisation, *self.uncertainty.normalisations}
        for indicator in self.indicators():
            if "distance_to_target" in methods and indicator.target is None:
                raise ValueError(f"indicator {indicator.id} needs a target for distance_to_target")
            if "goalposts" in methods and indicator.goalposts is None:
                raise ValueError(f"indicator {indicator.id} needs goalposts for the goalposts normalisation")
        return self

    def indicators(self) -> list[AppraisalIndicator]:
        """Every indicator in pillar order (the column order of every matrix)."""
        return [i for p in self.pillars for i in p.indicators]

    def check_sources(self, known: Collection[str]) -> None:
        """Refuse, located at its line, an indicator source that the indicator system does not define."""
        for indicator in self.indicators():
            for key, name in (("indicator", indicator.source.indicator), ("denominator", indicator.source.denominator)):
                if name is not None and name not in known:
                    where = self._source_lines.get(f"{indicator.id}.{key}", Location(field=f"{indicator.id}.source"))
                    raise SeimonError(
                        f"考核指标 {indicator.id} 引用了不存在的指标 {name}（可用 seimon indicators 查看）",
                        f"appraisal indicator {indicator.id} refers to {name}, which is not in the indicator system"
                        " (see `seimon indicators`)",
                        where,
                        code="appraisal_schema",
                    )

    def pillar_index(self) -> list[int]:
        """For each indicator (in :meth:`indicators` order), the position of its pillar."""
        return [n for n, p in enumerate(self.pillars) for _ in p.indicators]


def load_framework(path: Path | str | None = None, units: str | None = None) -> Framework:
    """Read and check a framework file; without a path, the packaged default for ``units`` (cached).

    >>> fw = load_framework()
    >>> fw.id, fw.normalisation, len(fw.pillars) >= 3
    ('hebei_sei_cities', 'minmax', True)
    >>> load_framework(units="departments").id
    'hebei_sei_departments'
    """
    if path is None:
        return _default_framework(units if units in DEFAULT_FRAMEWORKS else None)
    return _load(Path(path))


@lru_cache(maxsize=4)
def _default_framework(units: str | None = None) -> Framework:
    return _load(resource_path(*DEFAULT_FRAMEWORKS.get(units or "", DEFAULT_FRAMEWORK)))


def _load(file: Path) -> Framework:
    title = ("考核框架有误：", "invalid appraisal framework: ")
    framework, doc = load_declared(file, Framework, code="appraisal_schema", title=title)
    root, shown = doc.root, doc.file
    for p, pillar in enumerate(framework.pillars):
        for i, indicator in enumerate(pillar.indicators):
            for key in ("indicator", "denominator"):
                path = ("pillars", p, "indicators", i, "source", key)
                framework._source_lines[f"{indicator.id}.{key}"] = Location(
                    file=shown, line=node_line(root, path), field=".".join(map(str, path))
                )
    logger.debug("loaded appraisal framework %s from %s", framework.id, shown)
    return framework
