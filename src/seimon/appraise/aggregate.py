"""Aggregation: weighted arithmetic or geometric means, indicators → pillars → index, with re-weighting of gaps.

Why both: the arithmetic mean lets a strong indicator make up for a weak one (full compensability, as 考核 scores
are usually read); the geometric mean rewards balanced profiles (JRC Handbook §6). A missing score (``NaN``)
is left out and the weights of the present ones are renormalised: a gap is never counted as zero. Geometric means
floor scores at 1 point (of 100): the geometric mean of anything with a zero is zero, which would let the worst
unit on one indicator lose everything whatever its other indicators say.

The functions take a leading "draw" axis so that thousands of Monte Carlo weight draws run as one array product.
"""

from __future__ import annotations

import numpy as np

GEOMETRIC_FLOOR = 1.0


def weighted_mean(scores: np.ndarray, weights: np.ndarray, method: str) -> np.ndarray:
    """Weighted mean over the last axis of ``scores`` (…, k) with ``weights`` broadcastable to it; NaN re-weighted.

    >>> weighted_mean(np.array([[50.0, 100.0, np.nan]]), np.array([1.0, 3.0, 4.0]), "arithmetic").tolist()
    [87.5]
    >>> round(float(weighted_mean(np.array([25.0, 100.0]), np.array([1.0, 1.0]), "geometric")), 6)
    50.0
    """
    present = ~np.isnan(scores)
    w = np.where(present, weights, 0.0)
    total = w.sum(axis=-1)
    filled = np.where(present, scores, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "arithmetic":
            return np.where(total > 0, (w * filled).sum(axis=-1) / total, np.nan)
        logs = np.log(np.maximum(np.where(present, scores, 1.0), GEOMETRIC_FLOOR))
        return np.where(total > 0, np.exp((w * logs).sum(axis=-1) / total), np.nan)


def pillar_scores(scores: np.ndarray, weights: np.ndarray, membership: np.ndarray, method: str) -> np.ndarray:
    """Pillar scores (draws, units, pillars) from indicator scores (units, indicators) and weights (draws, indicators).

    ``membership`` is the indicators × pillars one-hot matrix. One einsum per numerator and denominator.

    >>> s = np.array([[100.0, 0.0, 40.0]])
    >>> pillar_scores(s, np.array([[1.0, 1.0, 1.0]]), np.array([[1, 0], [1, 0], [0, 1]]), "arithmetic").tolist()
    [[[50.0, 40.0]]]
    """
    present = (~np.isnan(scores)).astype(float)
    if method == "arithmetic":
        values = np.where(np.isnan(scores), 0.0, scores)
    else:
        values = np.log(np.maximum(np.where(np.isnan(scores), 1.0, scores), GEOMETRIC_FLOOR))
    num = np.einsum("di,ui,ip->dup", weights, values, membership, optimize=True)
    den = np.einsum("di,ui,ip->dup", weights, present, membership, optimize=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(den > 0, num / den, np.nan)
    return mean if method == "arithmetic" else np.exp(mean)


def index_scores(pillars: np.ndarray, weights: np.ndarray, method: str) -> np.ndarray:
    """Index scores (draws, units) from pillar scores (draws, units, pillars) and pillar weights (draws, pillars).

    >>> index_scores(np.array([[[50.0, 40.0]]]), np.array([[1.0, 4.0]]), "arithmetic").tolist()
    [[42.0]]
    """
    return weighted_mean(pillars, weights[:, None, :], method)
