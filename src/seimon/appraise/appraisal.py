"""One appraisal: gather per-unit values, score and rank them nominally, then measure how much the ranks depend on
the framework's choices (Monte Carlo, Sobol) and whether the framework holds together on this year's data.

:func:`appraise` is the public entry point of the stage; the CLI (``seimon appraise``), the appraisal bulletin
and the web page call it. Its result keeps every number unrounded; presentation rounds.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from seimon.appraise.coherence import Coherence, check
from seimon.appraise.data import UNIT_NAMES_ZH, UnitData, gather
from seimon.appraise.framework import UNIT_KINDS, Framework, Pillar, load_framework
from seimon.appraise.montecarlo import FACTORS, Model, Uncertainty, evaluate, nominal_design, prepare, ranks, run
from seimon.errors import Location, SeimonError
from seimon.indicators.registry import Registry, load_registry
from seimon.store import Store

logger = logging.getLogger(__name__)


def _num(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


@dataclass
class UnitResult:
    """A unit's score, nominal rank, Monte Carlo rank interval and profile (pillar and indicator scores)."""

    unit: str
    name_zh: str
    name_en: str
    score: float | None
    rank: int | None
    rank_median: float | None
    rank_low: int | None
    rank_high: int | None
    pillars: dict[str, float | None]
    indicators: dict[str, dict[str, Any]]
    coverage: float
    interval_widened: bool = False
    sensitivity: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "unit": self.unit,
            "name": self.name_zh if lang == "zh" else self.name_en,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "score": self.score,
            "rank": self.rank,
            "rank_median": self.rank_median,
            "rank_low": self.rank_low,
            "rank_high": self.rank_high,
            "pillars": self.pillars,
            "indicators": self.indicators,
            "coverage": self.coverage,
            "interval_widened": self.interval_widened,
            "sensitivity": self.sensitivity,
        }


@dataclass
class Appraisal:
    """The result of :func:`appraise` (see :meth:`to_dict` for the JSON the CLI and API print)."""

    framework: Framework
    kind: str
    year: int
    as_of: dt.date | None
    units: list[UnitResult]
    pillars: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    sensitivity: dict[str, dict[str, float]]
    coherence: Coherence
    draws: int
    evaluations: int
    averages: dict[str, float | None] = field(default_factory=dict)
    warnings: list[dict[str, str]] = field(default_factory=list)
    winsorised: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def ranked(self) -> list[UnitResult]:
        """The ranked units, best first."""
        return [u for u in self.units if u.rank is not None]

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """``{"units": [...], ...}``: every unit with unit, name, score, rank, rank_low, rank_high, pillars."""
        return {
            "framework": self.framework.id,
            "kind": self.kind,
            "year": self.year,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "units": [u.to_dict(lang) for u in self.units],
            "pillars": self.pillars,
            "indicators": self.indicators,
            "averages": self.averages,
            "methods": {
                "normalisation": self.framework.normalisation,
                "aggregation": self.framework.aggregation,
                "missing": self.framework.missing,
                "outliers": "winsorise" if self.framework.outliers.treat else "none",
                "weight_range": self.framework.uncertainty.weight_range,
                "interval": list(self.framework.uncertainty.interval),
                "draws": self.draws,
                "evaluations": self.evaluations,
            },
            "sensitivity": self.sensitivity,
            "coherence": self.coherence.to_dict(),
            "winsorised": self.winsorised,
            "dropped": self.dropped,
            "warnings": self.warnings,
        }


def _check_kind(kind: str) -> None:
    if kind not in UNIT_KINDS:
        raise SeimonError(
            f"--units 应为 {'、'.join(UNIT_KINDS)} 之一：{kind}",
            f"--units must be one of {', '.join(UNIT_KINDS)}: {kind}",
            Location(field="--units"),
            code="bad_option",
        )


def _unit_results(  # noqa: PLR0917 - the nominal run's arrays, passed as they are
    data: UnitData,
    model: Model,
    mc: Uncertainty,
    score: np.ndarray,
    rank: np.ndarray,
    nominal_pillars: np.ndarray,
    nominal_matrix: np.ndarray,
    pillar_ids: list[str],
) -> tuple[list[UnitResult], list[str], list[dict[str, str]]]:
    """One result per unit in the data's order; the names of units whose Monte Carlo interval was widened to hold
    the nominal rank; and a warning for each unit with too little data to be ranked."""
    ids = [i.id for i in data.indicators]
    present = ~np.isnan(data.values)
    results: list[UnitResult] = []
    widened: list[str] = []
    warnings: list[dict[str, str]] = []
    for row, unit in enumerate(data.units):
        ranked = bool(model.ranked[row])
        r = int(rank[row]) if ranked and not math.isnan(rank[row]) else None
        low = int(mc.low[row]) if ranked else None
        high = int(mc.high[row]) if ranked else None
        outside = False
        if r is not None and low is not None and high is not None and not low <= r <= high:
            outside = True
            widened.append(unit.name_zh)
            low, high = min(low, r), max(high, r)
        results.append(
            UnitResult(
                unit=unit.code,
                name_zh=unit.name_zh,
                name_en=unit.name_en,
                score=_num(score[row]) if ranked else None,
                rank=r,
                rank_median=_num(mc.median[row]) if ranked else None,
                rank_low=low,
                rank_high=high,
                pillars={pid: _num(nominal_pillars[0, row, p]) if ranked else None for p, pid in enumerate(pillar_ids)},
                indicators={
                    ind: {
                        "value": _num(data.values[row, i]),
                        "score": _num(nominal_matrix[row, i]),
                        "missing": not bool(present[row, i]),
                    }
                    for i, ind in enumerate(ids)
                },
                coverage=float(present[row].mean()),
                interval_widened=outside,
                sensitivity={
                    name: {"first_order": mc.first_order_by_unit[name][row], "total": mc.total_by_unit[name][row]}
                    for name in FACTORS
                }
                if ranked
                else {},
            )
        )
        if not ranked:
            warnings.append(
                {
                    "code": "unit_not_ranked",
                    "zh": f"{unit.name_zh} 仅有 {present[row].sum()}/{len(ids)} 项指标有数据，低于框架要求，不参与排名",
                    "en": f"{unit.name_en} has data for {present[row].sum()} of {len(ids)} indicators, below the"
                    " framework's minimum coverage: not ranked",
                }
            )
    return results, widened, warnings


def _treatment_warnings(
    model: Model, ids: list[str], data: UnitData, fw: Framework
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The values the nominal run winsorised, and a warning for each indicator treated or still skewed."""
    winsorised = []
    warnings = []
    nominal_treatment = model.outliers[0]
    for col, points in model.treated.items() if nominal_treatment == "winsorise" else ():
        for t in points:
            winsorised.append(
                {"indicator": ids[col], "unit": data.units[t.row].code, "before": t.before, "after": t.after}
            )
        warnings.append(
            {
                "code": "winsorised",
                "zh": f"指标 {ids[col]} 偏度与峰度超限，已缩尾处理 {len(points)} 个值",
                "en": f"indicator {ids[col]} exceeded the skew and kurtosis limits: {len(points)} value(s) winsorised",
            }
        )
    for col in model.untreatable if nominal_treatment == "winsorise" else ():
        warnings.append(
            {
                "code": "outliers_remain",
                "zh": f"指标 {ids[col]} 缩尾 {fw.outliers.winmax} 次后偏度与峰度仍超限",
                "en": f"indicator {ids[col]} still exceeds the skew and kurtosis limits after {fw.outliers.winmax}"
                " winsorised values",
            }
        )
    return winsorised, warnings


def _indicator_rows(
    fw: Framework, registry: Registry, ids: list[str], pillar_list: list[Pillar]
) -> list[dict[str, Any]]:
    """The indicators appraised, each with its pillar, names, direction, unit (the registry's when the framework
    names none and the source is a plain indicator), weight and source."""
    by_id = {i.id: i for i in fw.indicators()}
    return [
        {
            "id": i,
            "pillar": next(p.id for p in pillar_list if any(x.id == i for x in p.indicators)),
            "name_zh": by_id[i].name_zh,
            "name_en": by_id[i].name_en,
            "direction": by_id[i].direction,
            "unit": by_id[i].unit
            or (
                registry[by_id[i].source.indicator].unit
                if by_id[i].source.indicator and not by_id[i].source.denominator
                else ""
            ),
            "unit_en": by_id[i].unit_en,
            "weight": by_id[i].weight,
            "source": by_id[i].source.model_dump(),
        }
        for i in ids
    ]


def appraise(
    store: Store,
    year: int,
    *,
    units: str = "cities",
    framework: Framework | Path | str | None = None,
    as_of: dt.date | None = None,
    draws: int | None = None,
    registry: Registry | None = None,
) -> Appraisal:
    """Appraise the ``units`` of a framework (default: the packaged one) for ``year``, as known at ``as_of``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     try:
    ...         appraise(s, 2019, units="departments")
    ...     except SeimonError as err:
    ...         print(err.code, "|", err.message_en[:40])
    appraisal_no_data | no departments: the task and project reg
    """
    _check_kind(units)
    if not 1949 <= year <= 2100:
        raise SeimonError(
            f"考核年份应在 1949—2100 之间：{year}",
            f"the appraisal year must lie in 1949–2100: {year}",
            Location(field="--year"),
            code="bad_option",
        )
    fw = framework if isinstance(framework, Framework) else load_framework(framework, units)
    registry = registry or load_registry()
    fw.check_sources(registry.specs)
    data = gather(store, fw, units, year, as_of, registry)
    ids = [i.id for i in data.indicators]
    model = prepare(data.values, fw, ids)
    nominal_scores, nominal_pillars = evaluate(model, nominal_design(model))
    score = nominal_scores[0]
    rank = ranks(nominal_scores)[0]
    pillar_list = [p for p in fw.pillars if any(i.id in ids for i in p.indicators)]
    pillar_ids = [p.id for p in pillar_list]
    mc = run(model, draws or fw.uncertainty.draws, fw.uncertainty.interval, fw.uncertainty.seed)
    nominal_matrix = model.matrices[(fw.normalisation, fw.missing, model.outliers[0])]
    warnings = list(data.warnings)
    results, widened, unranked = _unit_results(
        data, model, mc, score, rank, nominal_pillars, nominal_matrix, pillar_ids
    )
    warnings.extend(unranked)
    if widened:
        warnings.append(
            {
                "code": "nominal_outside_interval",
                "zh": f"{'、'.join(widened)} 的名义名次落在蒙特卡洛 5–95% 区间之外，区间已扩展至包含名义名次",
                "en": f"the nominal rank of {len(widened)} unit(s) lies outside the Monte Carlo interval;"
                " the interval was widened to include it",
            }
        )
    winsorised, treated = _treatment_warnings(model, ids, data, fw)
    warnings.extend(treated)
    ranked_rows = model.ranked
    coherence = check(
        nominal_matrix[ranked_rows],
        nominal_pillars[0][ranked_rows],
        score[ranked_rows],
        ids,
        [pillar_ids.index(p.id) for p in pillar_list for i in p.indicators if i.id in ids],
        pillar_ids,
    )
    warnings.extend(coherence.warnings)
    averages: dict[str, float | None] = {
        pid: _num(float(np.nanmean(nominal_pillars[0, ranked_rows, p]))) if ranked_rows.any() else None
        for p, pid in enumerate(pillar_ids)
    }
    averages["index"] = _num(float(np.nanmean(score[ranked_rows]))) if ranked_rows.any() else None
    order = sorted(range(len(results)), key=lambda k: (results[k].rank is None, results[k].rank or 0, results[k].unit))
    logger.info("appraised %d %s for %d with %d draws", len(results), units, year, mc.draws)
    return Appraisal(
        framework=fw,
        kind=units,
        year=year,
        as_of=as_of,
        units=[results[k] for k in order],
        pillars=[{"id": p.id, "name_zh": p.name_zh, "name_en": p.name_en, "weight": p.weight} for p in pillar_list],
        indicators=_indicator_rows(fw, registry, ids, pillar_list),
        sensitivity={"first_order": mc.first_order, "total": mc.total},
        coherence=coherence,
        draws=mc.draws,
        evaluations=mc.evaluations,
        averages=averages,
        warnings=warnings,
        winsorised=winsorised,
        dropped=data.dropped,
    )


__all__ = ["UNIT_NAMES_ZH", "Appraisal", "UnitResult", "appraise"]
