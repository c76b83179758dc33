"""Normalisation: put indicators with different units on one 0–100 scale where higher is always better.

Why several methods: each is defensible and none is provable, so the framework names one and the Monte Carlo
(:mod:`seimon.appraise.montecarlo`) tries the others. All work column-wise on a units × indicators matrix with
``NaN`` for a missing value (kept missing: missing data are treated elsewhere, never as zero).

* ``minmax`` — 100·(x − min)/(max − min) on the direction-adjusted values (best unit 100, worst 0);
* ``zscore`` — the T-score 50 + 10·z (z with the sample standard deviation), positive for any |z| < 5;
* ``rank`` — the percentile rank 100·(r − 1)/(n − 1), ties sharing their average rank;
* ``distance_to_target`` — 100·(1 − shortfall/|target|) clipped to [0, 100] (100 = target met or beaten);
* ``goalposts`` — 100·(x − low)/(high − low) clipped to [0, 100] (fixed bounds, comparable across years).

A column whose values are all equal cannot discriminate: ``minmax``, ``zscore`` and ``rank`` give every unit 50.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

logger = logging.getLogger(__name__)

NEUTRAL = 50.0


def oriented(values: np.ndarray, directions: Sequence[str]) -> np.ndarray:
    """The values with "lower is better" columns negated, so that higher is better everywhere.

    >>> oriented(np.array([[1.0, 2.0]]), ["higher", "lower"]).tolist()
    [[1.0, -2.0]]
    """
    sign = np.array([1.0 if d == "higher" else -1.0 for d in directions])
    return values * sign


def minmax(values: np.ndarray, directions: Sequence[str]) -> np.ndarray:
    """Min-max to [0, 100].

    >>> minmax(np.array([[1.0], [3.0], [2.0]]), ["lower"]).ravel().tolist()
    [100.0, 0.0, 50.0]
    """
    y = oriented(values, directions)
    low, high = np.nanmin(y, axis=0), np.nanmax(y, axis=0)
    span = high - low
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 100.0 * (y - low) / span
    return np.where(span > 0, out, np.where(np.isnan(y), np.nan, NEUTRAL))


def zscore(values: np.ndarray, directions: Sequence[str]) -> np.ndarray:
    """T-score 50 + 10·z.

    >>> zscore(np.array([[1.0], [2.0], [3.0]]), ["higher"]).ravel().tolist()
    [40.0, 50.0, 60.0]
    """
    y = oriented(values, directions)
    mean = np.nanmean(y, axis=0)
    n = np.sum(~np.isnan(y), axis=0)
    sd = np.sqrt(np.nansum((y - mean) ** 2, axis=0) / np.maximum(n - 1, 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = NEUTRAL + 10.0 * (y - mean) / sd
    return np.where(sd > 0, out, np.where(np.isnan(y), np.nan, NEUTRAL))


def rank(values: np.ndarray, directions: Sequence[str]) -> np.ndarray:
    """Percentile rank 100·(r − 1)/(n − 1), ties averaged.

    >>> rank(np.array([[10.0], [30.0], [20.0], [20.0]]), ["higher"]).ravel().tolist()
    [0.0, 100.0, 50.0, 50.0]
    """
    y = oriented(values, directions)
    out = np.full(y.shape, np.nan)
    for j in range(y.shape[1]):
        present = ~np.isnan(y[:, j])
        col = y[present, j]
        n = col.size
        if n == 0:
            continue
        less = (col[:, None] > col[None, :]).sum(axis=1)
        ties = (col[:, None] == col[None, :]).sum(axis=1)
        average_rank = less + (ties + 1) / 2.0  # 1-based, ascending
        out[present, j] = 100.0 * (average_rank - 1) / (n - 1) if n > 1 else NEUTRAL
    return out


def distance_to_target(values: np.ndarray, directions: Sequence[str], targets: Sequence[float | None]) -> np.ndarray:
    """100·(1 − shortfall/|target|) clipped to [0, 100]; beating the target scores 100, not more.

    >>> distance_to_target(np.array([[15.0, 8.0], [30.0, 12.0]]), ["higher", "lower"], [20.0, 10.0]).tolist()
    [[75.0, 100.0], [100.0, 80.0]]
    """
    t = np.array([np.nan if v is None else v for v in targets], dtype=float)
    sign = np.array([1.0 if d == "higher" else -1.0 for d in directions])
    shortfall = sign * (t - values)
    return 100.0 * np.clip(1.0 - shortfall / np.abs(t), 0.0, 1.0)


def goalposts(values: np.ndarray, directions: Sequence[str], posts: Sequence[tuple[float, float] | None]) -> np.ndarray:
    """100·(x − low)/(high − low) clipped to [0, 100] (reversed for "lower is better").

    >>> goalposts(np.array([[5.0, 5.0], [12.0, 0.0]]), ["higher", "lower"], [(0.0, 10.0), (0.0, 20.0)]).tolist()
    [[50.0, 75.0], [100.0, 100.0]]
    """
    low = np.array([np.nan if p is None else p[0] for p in posts], dtype=float)
    high = np.array([np.nan if p is None else p[1] for p in posts], dtype=float)
    share = (values - low) / (high - low)
    share = np.where(np.array([d == "higher" for d in directions]), share, 1.0 - share)
    return 100.0 * np.clip(share, 0.0, 1.0)


def normalise(
    values: np.ndarray,
    method: str,
    directions: Sequence[str],
    targets: Sequence[float | None] | None = None,
    posts: Sequence[tuple[float, float] | None] | None = None,
) -> np.ndarray:
    """Normalise a units × indicators matrix by ``method`` (one of the five above).

    >>> normalise(np.array([[0.0], [np.nan], [4.0]]), "minmax", ["higher"]).ravel().tolist()
    [0.0, nan, 100.0]
    """
    if method == "minmax":
        return minmax(values, directions)
    if method == "zscore":
        return zscore(values, directions)
    if method == "rank":
        return rank(values, directions)
    if method == "distance_to_target":
        return distance_to_target(values, directions, targets or [None] * values.shape[1])
    if method == "goalposts":
        return goalposts(values, directions, posts or [None] * values.shape[1])
    raise ValueError(f"unknown normalisation {method}")
