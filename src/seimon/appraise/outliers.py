"""Outlier treatment as COINr's ``qTreat``: winsorise an indicator whose skew and kurtosis are both too high.

Why: with 13 units one extreme value (a contribution rate of 400 % where the whole industry barely grew) would
compress every other unit into a corner of the min-max scale and decide the ranking alone. COINr's rule: an
indicator fails when |skewness| > 2 *and* excess kurtosis > 3.5; then its most extreme value on the side of the
skew is set to the next most extreme, one point at a time, until it passes or ``winmax`` points are treated.
Skewness and kurtosis are the bias-corrected sample statistics (as Excel's SKEW and KURT). Every treated point
is recorded and reported; if winsorisation does not bring the indicator within limits it is kept winsorised
and a warning says so (COINr would then try a log transform; a log of a growth rate that can be negative is not
defined, so this project does not).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)


def skewness(x: np.ndarray) -> float:
    """Bias-corrected sample skewness (NaN for fewer than 3 values or no spread).

    >>> round(skewness(np.array([1.0, 2.0, 3.0, 10.0])), 4)
    1.7636
    """
    n = x.size
    if n < 3:
        return float("nan")
    d = x - x.mean()
    m2, m3 = (d**2).mean(), (d**3).mean()
    if m2 == 0:
        return float("nan")
    return float(np.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5)


def kurtosis(x: np.ndarray) -> float:
    """Bias-corrected sample excess kurtosis (NaN for fewer than 4 values or no spread).

    >>> round(kurtosis(np.array([1.0, 2.0, 3.0, 10.0])), 4)
    3.228
    """
    n = x.size
    if n < 4:
        return float("nan")
    d = x - x.mean()
    m2, m4 = (d**2).mean(), (d**4).mean()
    if m2 == 0:
        return float("nan")
    g2 = m4 / m2**2 - 3.0
    return float(((n + 1) * g2 + 6.0) * (n - 1) / ((n - 2) * (n - 3)))


@dataclass(frozen=True)
class Treated:
    """One winsorised point: which unit (row), its value before and after."""

    row: int
    before: float
    after: float


def fails(x: np.ndarray, skew_limit: float, kurt_limit: float) -> bool:
    """COINr's ``check_SkewKurt``: both |skew| and kurtosis beyond their limits."""
    s, k = skewness(x), kurtosis(x)
    return bool(np.isfinite(s) and np.isfinite(k) and abs(s) > skew_limit and k > kurt_limit)


def winsorise(
    column: np.ndarray, skew_limit: float = 2.0, kurt_limit: float = 3.5, winmax: int = 5
) -> tuple[np.ndarray, list[Treated], bool]:
    """The column winsorised (NaN kept), the points treated, and whether it still fails the test.

    >>> x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
    >>> out, treated, still = winsorise(x)
    >>> [(t.row, t.before, t.after) for t in treated], still
    ([(11, 100.0, 30.0)], False)
    """
    out = column.copy()
    present = np.flatnonzero(~np.isnan(out))
    treated: list[Treated] = []
    for _ in range(winmax):
        values = out[present]
        if not fails(values, skew_limit, kurt_limit):
            return out, treated, False
        order = np.argsort(values, kind="stable")
        if skewness(values) > 0:
            top, nxt = present[order[-1]], values[order[-2]]
        else:
            top, nxt = present[order[0]], values[order[1]]
        treated.append(Treated(int(top), float(out[top]), float(nxt)))
        out[top] = nxt
    return out, treated, fails(out[present], skew_limit, kurt_limit)
