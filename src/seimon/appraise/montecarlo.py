"""The appraisal model run many times: nominal scores, Monte Carlo rank intervals and Sobol sensitivity indices.

Why: a ranking depends on choices nobody can prove (weights, normalisation, aggregation, how gaps are filled,
whether outliers are winsorised). The
Monte Carlo draws each of them — every weight uniformly within ±25 % of its nominal value, one of the listed
alternatives of each method — and reports for every unit the median rank and the 5–95 % interval of its ranks.
The same draws, arranged as Saltelli's A, B and A_B matrices, give the first-order (Saltelli 2010) and total
(Jansen 1999) Sobol indices of the ranks to each assumption: which choice moves the ranking, alone and with others.

Speed: everything that does not depend on the weights (outlier treatment, imputation, normalisation) is computed
once per alternative; a batch of draws sharing one combination of methods is then two einsums
(:func:`seimon.appraise.aggregate.pillar_scores`). 10 000 draws for 13 units × 20 indicators take well under a
second (benchmarks/appraise.py).
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field

import numpy as np

from seimon.appraise.aggregate import index_scores, pillar_scores
from seimon.appraise.framework import Framework
from seimon.appraise.normalise import normalise
from seimon.appraise.outliers import Treated, winsorise

logger = logging.getLogger(__name__)

FACTORS: tuple[str, ...] = ("weights", "normalisation", "aggregation", "missing", "outliers")
CHOICES: int = len(FACTORS) - 1  # every factor but the weights is one column: a choice among alternatives


@dataclass
class Model:
    """The precomputed pieces of the appraisal of one set of units (see :func:`prepare`)."""

    normalisations: list[str]
    aggregations: list[str]
    missing: list[str]
    outliers: list[str]
    matrices: dict[tuple[str, str, str], np.ndarray]
    membership: np.ndarray
    indicator_weights: np.ndarray
    pillar_weights: np.ndarray
    weight_range: float
    ranked: np.ndarray
    treated: dict[int, list[Treated]] = field(default_factory=dict)
    untreatable: list[int] = field(default_factory=list)

    @property
    def dims(self) -> int:
        """Columns of the unit hypercube: one per indicator weight, per pillar weight, and one per choice."""
        return self.indicator_weights.size + self.pillar_weights.size + CHOICES

    def groups(self) -> list[np.ndarray]:
        """The hypercube columns of each factor of :data:`FACTORS` (all weights form one factor)."""
        w = self.indicator_weights.size + self.pillar_weights.size
        return [np.arange(w), *(np.array([w + k]) for k in range(CHOICES))]


def impute(values: np.ndarray, method: str) -> np.ndarray:
    """Fill gaps with the indicator's mean or median over the units that have it; ``reweight`` leaves them.

    >>> impute(np.array([[1.0], [np.nan], [5.0], [6.0]]), "median").ravel().tolist()
    [1.0, 5.0, 5.0, 6.0]
    """
    if method == "reweight":
        return values
    fill = np.nanmean(values, axis=0) if method == "mean" else np.nanmedian(values, axis=0)
    return np.where(np.isnan(values), fill, values)


def prepare(values: np.ndarray, framework: Framework, indicator_ids: list[str]) -> Model:
    """Treat outliers, then impute and normalise once for every alternative the framework allows."""
    by_id = {i.id: i for i in framework.indicators()}
    indicators = [by_id[i] for i in indicator_ids]
    pillars = [p for p in framework.pillars if any(i.id in indicator_ids for i in p.indicators)]
    pillar_of = {i.id: n for n, p in enumerate(pillars) for i in p.indicators}
    membership = np.zeros((len(indicators), len(pillars)))
    for row, indicator in enumerate(indicators):
        membership[row, pillar_of[indicator.id]] = 1.0
    coverage = (~np.isnan(values)).mean(axis=1)
    ranked = coverage >= framework.min_coverage
    treated_values = values.copy()
    treated: dict[int, list[Treated]] = {}
    untreatable: list[int] = []
    u = framework.uncertainty
    treatments = list(dict.fromkeys(["winsorise" if framework.outliers.treat else "none", *u.outliers]))
    if "winsorise" in treatments:
        o = framework.outliers
        for col in range(values.shape[1]):
            out, points, still = winsorise(values[:, col], o.skew, o.kurtosis, o.winmax)
            treated_values[:, col] = out
            if points:
                treated[col] = points
            if still:
                untreatable.append(col)
    norms = list(dict.fromkeys([framework.normalisation, *u.normalisations]))
    aggs = list(dict.fromkeys([framework.aggregation, *u.aggregations]))
    miss = list(dict.fromkeys([framework.missing, *u.missing]))
    directions = [i.direction for i in indicators]
    targets = [i.target for i in indicators]
    posts = [i.goalposts for i in indicators]
    matrices = {}
    for t in treatments:
        for m in miss:
            filled = impute(treated_values if t == "winsorise" else values, m)
            for n in norms:
                scores = normalise(filled, n, directions, targets, posts)
                scores[~ranked] = np.nan  # units not ranked take no part
                matrices[(n, m, t)] = scores
    return Model(
        normalisations=norms,
        aggregations=aggs,
        missing=miss,
        outliers=treatments,
        matrices=matrices,
        membership=membership,
        indicator_weights=np.array([i.weight for i in indicators], dtype=float),
        pillar_weights=np.array([p.weight for p in pillars], dtype=float),
        weight_range=u.weight_range,
        ranked=ranked,
        treated=treated,
        untreatable=untreatable,
    )


def _choice(column: np.ndarray, options: int) -> np.ndarray:
    return np.minimum((column * options).astype(int), options - 1)


def evaluate(model: Model, design: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index scores (draws, units) and pillar scores (draws, units, pillars) for rows of the unit hypercube."""
    n_i = model.indicator_weights.size
    n_p = model.pillar_weights.size
    r = model.weight_range
    w_ind = model.indicator_weights * (1.0 + r * (2.0 * design[:, :n_i] - 1.0))
    w_pil = model.pillar_weights * (1.0 + r * (2.0 * design[:, n_i : n_i + n_p] - 1.0))
    norm = _choice(design[:, n_i + n_p], len(model.normalisations))
    agg = _choice(design[:, n_i + n_p + 1], len(model.aggregations))
    miss = _choice(design[:, n_i + n_p + 2], len(model.missing))
    treat = _choice(design[:, n_i + n_p + 3], len(model.outliers))
    n_units = model.ranked.size
    scores = np.full((design.shape[0], n_units), np.nan)
    pillars = np.full((design.shape[0], n_units, n_p), np.nan)
    combos = itertools.product(
        enumerate(model.aggregations),
        enumerate(model.normalisations),
        enumerate(model.missing),
        enumerate(model.outliers),
    )
    for (a, agg_name), (b, norm_name), (c, miss_name), (d, treat_name) in combos:
        rows = np.flatnonzero((agg == a) & (norm == b) & (miss == c) & (treat == d))
        if rows.size == 0:
            continue
        matrix = model.matrices[(norm_name, miss_name, treat_name)]
        p = pillar_scores(matrix, w_ind[rows], model.membership, agg_name)
        pillars[rows] = p
        scores[rows] = index_scores(p, w_pil[rows], agg_name)
    return scores, pillars


def nominal_design(model: Model) -> np.ndarray:
    """The one hypercube row of the framework's own choices: nominal weights, the first option of each list."""
    row = np.full(model.dims, 0.5)
    row[-CHOICES:] = 0.0
    return row[None, :]


def ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks per row (1 = best; ties share the better rank; NaN scores get NaN).

    >>> ranks(np.array([[3.0, 9.0, 3.0, np.nan]])).tolist()
    [[2.0, 1.0, 2.0, nan]]
    """
    valid = ~np.isnan(scores)
    filled = np.where(valid, scores, -np.inf)
    better = (filled[:, None, :] > filled[:, :, None]).sum(axis=2)
    return np.where(valid, 1.0 + better, np.nan)


@dataclass
class Uncertainty:
    """Median rank and rank interval per unit, Sobol indices of the ranks per factor, and the draws made."""

    median: np.ndarray
    low: np.ndarray
    high: np.ndarray
    first_order: dict[str, float]
    total: dict[str, float]
    first_order_by_unit: dict[str, list[float | None]]
    total_by_unit: dict[str, list[float | None]]
    draws: int
    evaluations: int


def sobol(f_a: np.ndarray, f_b: np.ndarray, f_ab: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen) indices per output column, and the output variances.

    S_i = mean(f_B·(f_ABi − f_A)) / V;  ST_i = mean((f_A − f_ABi)²) / 2V;  V = var([f_A; f_B]).

    >>> rng = np.random.default_rng(1); a, b = rng.random((40000, 2)), rng.random((40000, 2))
    >>> f = lambda x: (x[:, 0] * 4 + x[:, 1])[:, None]
    >>> ab = [np.where(np.arange(2) == i, b, a) for i in range(2)]
    >>> s1, st, _ = sobol(f(a), f(b), [f(m) for m in ab])
    >>> exact = [16 / 17, 1 / 17]
    >>> bool(np.allclose(s1.ravel(), exact, atol=0.05) and np.allclose(st.ravel(), exact, atol=0.05))
    True
    """
    var = np.var(np.concatenate([f_a, f_b]), axis=0)
    first = np.array([np.mean(f_b * (m - f_a), axis=0) for m in f_ab])
    total = np.array([0.5 * np.mean((f_a - m) ** 2, axis=0) for m in f_ab])
    with np.errstate(invalid="ignore", divide="ignore"):
        return first / var, total / var, var


def run(model: Model, draws: int, interval: tuple[float, float], seed: int) -> Uncertainty:
    """Monte Carlo over every factor (``draws`` evaluations of A and B) plus the A_B matrices for Sobol."""
    rng = np.random.default_rng(seed)
    n = max(draws // 2, 2)
    a = rng.random((n, model.dims))
    b = rng.random((n, model.dims))
    f_a = ranks(evaluate(model, a)[0])
    f_b = ranks(evaluate(model, b)[0])
    f_ab = []
    for cols in model.groups():
        mixed = a.copy()
        mixed[:, cols] = b[:, cols]
        f_ab.append(ranks(evaluate(model, mixed)[0]))
    all_ranks = np.concatenate([f_a, f_b])
    valid = model.ranked
    median = np.full(valid.size, np.nan)
    low = np.full(valid.size, np.nan)
    high = np.full(valid.size, np.nan)
    if valid.any():
        r = all_ranks[:, valid]
        median[valid] = np.median(r, axis=0)
        low[valid] = np.percentile(r, interval[0], axis=0, method="lower")
        high[valid] = np.percentile(r, interval[1], axis=0, method="higher")
    s1, st, var = sobol(f_a[:, valid], f_b[:, valid], [m[:, valid] for m in f_ab])
    pooled = var.sum()
    first_pooled, total_pooled = {}, {}
    first_unit: dict[str, list[float | None]] = {}
    total_unit: dict[str, list[float | None]] = {}
    for k, name in enumerate(FACTORS):
        if pooled > 0:
            # a unit whose rank never moves (variance 0) has undefined indices: it adds nothing to the pool
            first_pooled[name] = float(np.nansum(np.where(var > 0, s1[k], 0.0) * var) / pooled)
            total_pooled[name] = float(np.nansum(np.where(var > 0, st[k], 0.0) * var) / pooled)
        else:
            first_pooled[name] = total_pooled[name] = 0.0
        full_first: list[float | None] = [None] * valid.size
        full_total: list[float | None] = [None] * valid.size
        for j, unit in enumerate(np.flatnonzero(valid)):
            full_first[unit] = float(s1[k][j]) if var[j] > 0 else 0.0
            full_total[unit] = float(st[k][j]) if var[j] > 0 else 0.0
        first_unit[name], total_unit[name] = full_first, full_total
    return Uncertainty(
        median=median,
        low=low,
        high=high,
        first_order=first_pooled,
        total=total_pooled,
        first_order_by_unit=first_unit,
        total_by_unit=total_unit,
        draws=2 * n,
        evaluations=n * (len(FACTORS) + 2),
    )
