"""Outlier flags for imported numbers: z-score, modified z-score (MAD), and jumps in a series.

An outlier is a question for the person who submitted the number, not proof that it is wrong: a
factory can really double its output. So every flag here is a *warning* that keeps the row; the
import stage turns flags into :class:`~seimon.ingest.rules.RowError` warnings with
:func:`outlier_warnings`. The functions themselves are pure, over plain sequences of numbers
(None = missing, skipped), as DHIS2's data-quality checks are.

Thresholds follow common practice: |z| > 3.0 (standard score), |M| > 3.5 for the modified z-score
of Iglewicz and Hoaglin (1993), M = 0.6745 (x − median) / MAD.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Method = Literal["zscore", "modified_z", "jump"]

Z_THRESHOLD = 3.0
MODIFIED_Z_THRESHOLD = 3.5
_MAD_SCALE = 0.6745  # = Φ⁻¹(0.75): makes MAD comparable to a standard deviation for normal data
_MEAN_AD_SCALE = 0.7979  # = √(2/π): same role for the mean absolute deviation when MAD is 0


@dataclass(frozen=True)
class Outlier:
    """One flagged value: its position, the value, its score and the method, with a bilingual note."""

    index: int
    value: float
    score: float
    method: Method
    message_zh: str
    message_en: str
    severity: Literal["warning"] = "warning"


def _present(values: Sequence[float | None]) -> list[tuple[int, float]]:
    return [(i, float(v)) for i, v in enumerate(values) if v is not None and not math.isnan(v)]


def zscore_outliers(values: Sequence[float | None], threshold: float = Z_THRESHOLD) -> list[Outlier]:
    """Values more than ``threshold`` sample standard deviations from the mean.

    With n values no |z| can exceed (n−1)/√n, so fewer than 11 values never give |z| > 3: use
    :func:`modified_z_outliers` for short lists.

    >>> data = [10.0] * 10 + [11.0] * 10 + [100.0]
    >>> [(o.index, round(o.score, 1)) for o in zscore_outliers(data)]
    [(20, 4.4)]
    """
    points = _present(values)
    if len(points) < 3:
        return []
    numbers = [v for _, v in points]
    mean = statistics.fmean(numbers)
    sd = statistics.stdev(numbers)
    if sd == 0:
        return []
    flags = []
    for i, v in points:
        z = (v - mean) / sd
        if abs(z) > threshold:
            flags.append(
                Outlier(
                    i,
                    v,
                    z,
                    "zscore",
                    f"数值 {v:g} 偏离均值 {abs(z):.1f} 个标准差（阈值 {threshold:g}），请核实",
                    f"value {v:g} is {abs(z):.1f} standard deviations from the mean (threshold {threshold:g}); check",
                )
            )
    return flags


def modified_z_scores(values: Sequence[float | None]) -> list[float | None]:
    """Modified z-scores M = 0.6745 (x − median) / MAD; None where the value is missing.

    When MAD is 0 (more than half the values equal), the mean absolute deviation is used instead
    (M = (x − median) / (1.253314 · MeanAD)); when both are 0, every score is 0.

    >>> modified_z_scores([1.0, 2.0, 3.0, None, 100.0])
    [-1.0117, -0.3372, 0.3372, None, 65.7638]
    """
    points = _present(values)
    scores: list[float | None] = [None] * len(values)
    if not points:
        return scores
    numbers = [v for _, v in points]
    median = statistics.median(numbers)
    deviations = [abs(v - median) for v in numbers]
    mad = statistics.median(deviations)
    if mad > 0:
        scale = _MAD_SCALE / mad
    else:
        mean_ad = statistics.fmean(deviations)
        scale = _MEAN_AD_SCALE / mean_ad if mean_ad > 0 else 0.0
    for i, v in points:
        scores[i] = round((v - median) * scale, 4)
    return scores


def modified_z_outliers(values: Sequence[float | None], threshold: float = MODIFIED_Z_THRESHOLD) -> list[Outlier]:
    """Values whose modified z-score exceeds ``threshold`` in absolute value (robust to the outliers themselves).

    >>> [(o.index, o.value) for o in modified_z_outliers([12.0, 13.0, 12.5, 11.8, 95.0])]
    [(4, 95.0)]
    """
    flags = []
    for i, score in enumerate(modified_z_scores(values)):
        if score is not None and abs(score) > threshold:
            v = float(values[i])  # type: ignore[arg-type]
            flags.append(
                Outlier(
                    i,
                    v,
                    score,
                    "modified_z",
                    f"数值 {v:g} 的稳健 z 值为 {score:.1f}（阈值 {threshold:g}），请核实",
                    f"value {v:g} has a modified z-score of {score:.1f} (threshold {threshold:g}); check",
                )
            )
    return flags


def jump_outliers(
    series: Sequence[float | None],
    *,
    threshold: float = MODIFIED_Z_THRESHOLD,
    min_history: int = 3,
    min_relative_change: float = 0.2,
) -> list[Outlier]:
    """Points whose move from the previous value is extreme against the series' own earlier moves.

    A move is the size of the relative change |x_t / x_(t−1) − 1| (sizes, not signed changes, so a
    series that normally swings up and down is judged by how large its swings are). For each point
    with at least ``min_history`` earlier moves, its move is scored against them with the modified
    z-score. A flag needs both a score above ``threshold`` and a move of at least
    ``min_relative_change`` (20%), so that a flat series with a tiny wobble is not flagged. Missing
    points (and a previous value of 0) break the chain instead of inventing a change.

    >>> revenue = [100.0, 104.0, 109.0, 113.0, 118.0, 240.0, 246.0]
    >>> [(o.index, o.value) for o in jump_outliers(revenue)]
    [(5, 240.0)]
    """
    flags: list[Outlier] = []
    moves: list[float] = []
    for t in range(1, len(series)):
        prev, cur = series[t - 1], series[t]
        if prev is None or cur is None or math.isnan(prev) or math.isnan(cur) or prev == 0:
            continue
        move = abs(float(cur) / float(prev) - 1.0)
        if len(moves) >= min_history:
            score = _score_against(move, moves)
            if score > threshold and move >= min_relative_change:
                flags.append(
                    Outlier(
                        t,
                        float(cur),
                        score,
                        "jump",
                        f"数值由 {prev:g} 变为 {cur:g}（变动 {move:.0%}），"
                        f"远超该序列以往的变动（稳健 z 值 {score:.1f}），请核实",
                        f"value moved from {prev:g} to {cur:g} ({move:.0%}), far beyond the series' past moves "
                        f"(modified z {score:.1f}); check",
                    )
                )
        moves.append(move)
    return flags


def _score_against(x: float, history: Sequence[float]) -> float:
    """Modified z-score of ``x`` relative to ``history`` (not including ``x``)."""
    median = statistics.median(history)
    deviations = [abs(h - median) for h in history]
    mad = statistics.median(deviations)
    if mad > 0:
        return _MAD_SCALE * (x - median) / mad
    mean_ad = statistics.fmean(deviations)
    if mean_ad > 0:
        return _MEAN_AD_SCALE * (x - median) / mean_ad
    return 0.0 if x == median else math.copysign(math.inf, x - median)


def outlier_warnings(
    values: Sequence[float | None],
    rows: Sequence[int],
    *,
    file: str,
    field: str,
    sheet: str | None = None,
    method: Method = "modified_z",
) -> list[object]:
    """Flags of ``method`` over a column, as :class:`~seimon.ingest.rules.RowError` warnings.

    ``rows`` gives the row number of each value, so the warning points at the cell.

    >>> w = outlier_warnings([12.0, 13.0, 12.5, 11.8, 95.0], [2, 3, 4, 5, 6], file="r.csv", field="revenue")
    >>> [(e.row, e.severity, e.rule) for e in w]
    [(6, 'warning', 'outlier_modified_z')]
    """
    from seimon.ingest.rules import RowError

    finder = {"zscore": zscore_outliers, "modified_z": modified_z_outliers, "jump": jump_outliers}[method]
    return [
        RowError(file, sheet, rows[o.index], field, f"outlier_{method}", o.value, o.message_zh, o.message_en, "warning")
        for o in finder(values)
    ]
