"""Statistical coherence of a framework on this year's data: does each pillar measure one thing, as declared?

Why: a composite indicator is only as meaningful as its structure (JRC Handbook §4; the JRC COIN audits). On the
nominal normalised scores this computes correlations within and across pillars, Cronbach's alpha per pillar and
the eigenvalues of each pillar's correlation matrix (PCA), and turns what an auditor would flag into warnings:

* an indicator negatively correlated with its own pillar (a direction set the wrong way, or a trade-off);
* an indicator more correlated with another pillar than with its own (it may belong there);
* two indicators correlated above 0.92 (the same thing counted twice);
* a pillar with Cronbach's alpha below 0.7, or with more than one eigenvalue above 1 (more than one dimension);
* an indicator with no spread this year (it cannot discriminate).

With 13 units these statistics are themselves uncertain; they are warnings for the people who own the
framework, not reasons to change a ranking automatically.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

logger = logging.getLogger(__name__)

ALPHA_MIN = 0.7
COLLINEAR = 0.92


def pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson correlation on the pairs where both are present; None with fewer than 3 pairs or no spread.

    >>> pearson(np.array([1.0, 2, 3, np.nan]), np.array([2.0, 4, 7, 1]))
    0.9933992677987828
    """
    keep = ~(np.isnan(x) | np.isnan(y))
    if keep.sum() < 3:
        return None
    a, b = x[keep], y[keep]
    if a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def cronbach_alpha(items: np.ndarray) -> float | None:
    """Cronbach's alpha of the columns of ``items`` (units × k), on the complete rows; None for k < 2.

    alpha = k/(k − 1)·(1 − Σ var(item) / var(Σ items)).

    >>> round(cronbach_alpha(np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0]])), 4)
    0.9474
    """
    rows = items[~np.isnan(items).any(axis=1)]
    k = rows.shape[1]
    if k < 2 or rows.shape[0] < 3:
        return None
    total = rows.sum(axis=1).var(ddof=1)
    if total == 0:
        return None
    return float(k / (k - 1) * (1 - rows.var(axis=0, ddof=1).sum() / total))


def eigenvalues(items: np.ndarray) -> list[float]:
    """Eigenvalues (descending) of the correlation matrix of the columns with spread, complete rows only.

    >>> [round(v, 3) for v in eigenvalues(np.array([[1.0, 2.0], [2.0, 4.1], [3.0, 5.9]]))]
    [1.999, 0.001]
    """
    rows = items[~np.isnan(items).any(axis=1)]
    rows = rows[:, rows.std(axis=0) > 0] if rows.size else rows
    if rows.shape[0] < 3 or rows.shape[1] < 2:
        return []
    return [float(v) for v in sorted(np.linalg.eigvalsh(np.corrcoef(rows, rowvar=False)), reverse=True)]


@dataclass
class Coherence:
    """Correlations, alphas and eigenvalues, and the warnings they raise."""

    indicator_pillar: dict[str, dict[str, float | None]] = field(default_factory=dict)
    indicator_index: dict[str, float | None] = field(default_factory=dict)
    pillar_index: dict[str, float | None] = field(default_factory=dict)
    alpha: dict[str, float | None] = field(default_factory=dict)
    eigenvalues: dict[str, list[float]] = field(default_factory=dict)
    warnings: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator_pillar": self.indicator_pillar,
            "indicator_index": self.indicator_index,
            "pillar_index": self.pillar_index,
            "cronbach_alpha": self.alpha,
            "eigenvalues": self.eigenvalues,
            "warnings": self.warnings,
        }


def _r(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def check(  # noqa: PLR0917 - the matrices and their labels, in the order they are computed
    scores: np.ndarray,
    pillars: np.ndarray,
    index: np.ndarray,
    indicator_ids: list[str],
    pillar_of: list[int],
    pillar_ids: list[str],
) -> Coherence:
    """Coherence of nominal indicator scores (units × I), pillar scores (units × P) and index scores (units)."""
    out = Coherence()
    for i, ind in enumerate(indicator_ids):
        column = scores[:, i]
        present = column[~np.isnan(column)]
        if present.size and np.all(present == present[0]):
            out.warnings.append(
                {
                    "code": "no_spread",
                    "zh": f"指标 {ind} 各单位取值相同，不能区分优劣",
                    "en": f"indicator {ind} has the same value for every unit: it cannot discriminate",
                }
            )
        corr = {pid: pearson(column, pillars[:, p]) for p, pid in enumerate(pillar_ids)}
        out.indicator_pillar[ind] = corr
        out.indicator_index[ind] = pearson(column, index)
        own = corr[pillar_ids[pillar_of[i]]]
        if own is not None and own < 0:
            out.warnings.append(
                {
                    "code": "negative_with_pillar",
                    "zh": f"指标 {ind} 与所属维度负相关（r = {_r(own)}），请检查方向",
                    "en": f"indicator {ind} is negatively correlated with its pillar (r = {_r(own)}):"
                    " check its direction",
                }
            )
        others = [(v, pid) for pid, v in corr.items() if pid != pillar_ids[pillar_of[i]] and v is not None]
        if own is not None and others:
            best, where = max(others)
            if best > own:
                out.warnings.append(
                    {
                        "code": "closer_to_other_pillar",
                        "zh": f"指标 {ind} 与维度 {where} 的相关（{_r(best)}）高于所属维度（{_r(own)}）",
                        "en": f"indicator {ind} correlates more with pillar {where} ({_r(best)})"
                        f" than its own ({_r(own)})",
                    }
                )
        for j in range(i + 1, len(indicator_ids)):
            r = pearson(column, scores[:, j])
            if r is not None and r > COLLINEAR:
                out.warnings.append(
                    {
                        "code": "collinear",
                        "zh": f"指标 {ind} 与 {indicator_ids[j]} 高度相关（r = {_r(r)}），可能重复计算",
                        "en": f"indicators {ind} and {indicator_ids[j]} are collinear (r = {_r(r)}): double counting?",
                    }
                )
    for p, pid in enumerate(pillar_ids):
        members = [i for i in range(len(indicator_ids)) if pillar_of[i] == p]
        items = scores[:, members]
        out.pillar_index[pid] = pearson(pillars[:, p], index)
        out.alpha[pid] = cronbach_alpha(items)
        out.eigenvalues[pid] = eigenvalues(items)
        alpha = out.alpha[pid]
        if alpha is not None and alpha < ALPHA_MIN:
            out.warnings.append(
                {
                    "code": "low_alpha",
                    "zh": f"维度 {pid} 的克朗巴赫系数为 {_r(alpha)}，低于 {ALPHA_MIN}：各指标不一致",
                    "en": f"pillar {pid} has Cronbach's alpha {_r(alpha)} < {ALPHA_MIN}: its indicators disagree",
                }
            )
        if sum(v > 1 for v in out.eigenvalues[pid]) > 1:
            out.warnings.append(
                {
                    "code": "multidimensional",
                    "zh": f"维度 {pid} 有多个大于 1 的特征值，可能不止一个维度",
                    "en": f"pillar {pid} has more than one eigenvalue above 1: more than one dimension",
                }
            )
    out.eigenvalues["index"] = eigenvalues(scores)
    return out
