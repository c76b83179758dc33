"""Every normalisation, aggregation, imputation and the outlier rule against hand computations."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats

from seimon.appraise.aggregate import index_scores, pillar_scores, weighted_mean
from seimon.appraise.montecarlo import impute
from seimon.appraise.normalise import normalise
from seimon.appraise.outliers import fails, kurtosis, skewness, winsorise

NAN = math.nan
# 4 units × 2 indicators: the first higher-is-better, the second lower-is-better; unit 3 misses the second.
X = np.array([[2.0, 10.0], [4.0, 30.0], [10.0, 20.0], [6.0, NAN]])
DIRS = ["higher", "lower"]


def close(a: np.ndarray, b: list[list[float]]) -> bool:
    return bool(np.allclose(a, np.array(b, dtype=float), equal_nan=True))


def test_minmax_by_hand() -> None:
    # (x − 2)/(10 − 2)·100; lower: (30 − x)/(30 − 10)·100
    assert close(normalise(X, "minmax", DIRS), [[0, 100], [25, 0], [100, 50], [50, NAN]])


def test_zscore_by_hand() -> None:
    # column 1: mean 5.5, sample sd sqrt(((3.5²+1.5²+4.5²+0.5²)/3)) = sqrt(35/3); column 2: mean 20, sd 10
    sd = math.sqrt(35 / 3)
    expected = [[50 + 10 * (2 - 5.5) / sd, 60], [50 + 10 * (4 - 5.5) / sd, 40], [50 + 10 * 4.5 / sd, 50],
                [50 + 10 * 0.5 / sd, NAN]]  # fmt: skip
    assert close(normalise(X, "zscore", DIRS), expected)


def test_rank_by_hand_with_ties() -> None:
    x = np.array([[5.0], [1.0], [5.0], [3.0], [9.0]])
    # ascending ranks 1: 1.0, 2: 3.0, 3.5: 5.0 twice, 5: 9.0 → 100·(r − 1)/4
    assert close(normalise(x, "rank", ["higher"]), [[62.5], [0], [62.5], [25], [100]])
    assert close(normalise(x, "rank", ["lower"]), [[37.5], [100], [37.5], [75], [0]])


def test_distance_to_target_by_hand() -> None:
    # higher, target 8: 2 → 25, 4 → 50, 10 → 100 (capped), 6 → 75; lower, target 20: 10 → 100, 30 → 50, 20 → 100
    got = normalise(X, "distance_to_target", DIRS, targets=[8.0, 20.0])
    assert close(got, [[25, 100], [50, 50], [100, 100], [75, NAN]])
    # a negative growth with a positive target scores 0, not less
    assert close(normalise(np.array([[-3.0]]), "distance_to_target", ["higher"], targets=[5.0]), [[0]])


def test_goalposts_by_hand() -> None:
    got = normalise(X, "goalposts", DIRS, posts=[(0.0, 8.0), (10.0, 50.0)])
    # higher: x/8 clipped → 25, 50, 100, 75; lower: (50 − x)/40 → 100, 50, 75
    assert close(got, [[25, 100], [50, 50], [100, 75], [75, NAN]])


def test_an_indicator_without_spread_gives_everyone_the_middle() -> None:
    x = np.array([[3.0], [3.0], [NAN]])
    for method in ("minmax", "zscore", "rank"):
        assert close(normalise(x, method, ["higher"]), [[50], [50], [NAN]]), method


def test_arithmetic_and_geometric_means_by_hand() -> None:
    s = np.array([[20.0, 80.0, NAN]])
    w = np.array([1.0, 3.0, 5.0])
    # the gap is re-weighted, not zero: (20 + 3·80)/4 = 65; geometric (20·80³)^(1/4)
    assert weighted_mean(s, w, "arithmetic").tolist() == [65.0]
    assert math.isclose(float(weighted_mean(s, w, "geometric")[0]), (20 * 80**3) ** 0.25)
    # a zero is floored at 1 point in the geometric mean
    assert math.isclose(float(weighted_mean(np.array([0.0, 100.0]), np.array([1.0, 1.0]), "geometric")), 10.0)


def test_pillars_then_index_by_hand() -> None:
    scores = np.array([[100.0, 50.0, 0.0], [NAN, 20.0, 60.0]])
    membership = np.array([[1, 0], [1, 0], [0, 1]])
    w = np.array([[1.0, 3.0, 2.0]])
    p = pillar_scores(scores, w, membership, "arithmetic")
    # unit 0: (100 + 150)/4 = 62.5, 0; unit 1: 20 (gap re-weighted), 60
    assert close(p[0], [[62.5, 0.0], [20.0, 60.0]])
    idx = index_scores(p, np.array([[1.0, 4.0]]), "arithmetic")
    assert close(idx, [[62.5 / 5, (20 + 240) / 5]])
    g = pillar_scores(scores, w, membership, "geometric")
    assert math.isclose(g[0, 0, 0], (100 * 50**3) ** 0.25) and math.isclose(g[0, 0, 1], 1.0)


def test_mean_and_median_imputation_by_hand() -> None:
    x = np.array([[1.0], [NAN], [2.0], [9.0]])
    assert impute(x, "mean").ravel().tolist() == [1.0, 4.0, 2.0, 9.0]
    assert impute(x, "median").ravel().tolist() == [1.0, 2.0, 2.0, 9.0]
    assert np.isnan(impute(x, "reweight")[1, 0])


def test_skew_and_kurtosis_are_the_bias_corrected_sample_statistics() -> None:
    x = np.array([1.0, 2.0, 2.5, 3.0, 4.0, 8.0, 20.0])
    assert math.isclose(skewness(x), scipy.stats.skew(x, bias=False))
    assert math.isclose(kurtosis(x), scipy.stats.kurtosis(x, bias=False))


def test_winsorisation_only_when_both_skew_and_kurtosis_exceed_the_limits() -> None:
    x = np.array([10.0, 11, 12, 12, 13, 13, 14, 15, 16, 120, NAN])
    assert fails(x[~np.isnan(x)], 2.0, 3.5)
    out, treated, still = winsorise(x)
    assert [(t.row, t.before, t.after) for t in treated] == [(9, 120.0, 16.0)]
    assert not still and np.isnan(out[10]) and out[9] == 16.0
    # a skewed but not heavy-tailed column is left alone
    mild = np.array([1.0, 1, 1, 2, 2, 3, 5, 8])
    assert not fails(mild, 2.0, 3.5)
    assert winsorise(mild)[1] == []


@pytest.mark.parametrize("method", ["minmax", "zscore", "rank", "distance_to_target", "goalposts"])
def test_normalised_scores_keep_the_order_of_the_oriented_values(method: str) -> None:
    x = np.array([[1.0, 9.0], [2.0, 7.0], [3.0, 4.0]])
    got = normalise(x, method, DIRS, targets=[3.0, 4.0], posts=[(0.0, 4.0), (0.0, 10.0)])
    assert np.all(np.diff(got, axis=0) >= 0)
