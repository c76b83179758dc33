"""Outliers: z-score, modified z (MAD) and jumps against a series' own history; warnings only."""

from __future__ import annotations

import statistics

import pytest

from seimon.ingest.outliers import (
    jump_outliers,
    modified_z_outliers,
    modified_z_scores,
    outlier_warnings,
    zscore_outliers,
)


def test_zscore_matches_hand_computation() -> None:
    data = [10.0, 11.0, 9.0, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 10.0, 10.3, 9.7, 30.0]
    mean, sd = statistics.fmean(data), statistics.stdev(data)
    expected = [i for i, v in enumerate(data) if abs((v - mean) / sd) > 3.0]
    flags = zscore_outliers(data)
    assert [o.index for o in flags] == expected == [12]
    assert flags[0].score == pytest.approx((30.0 - mean) / sd)
    assert flags[0].severity == "warning" and "标准差" in flags[0].message_zh


def test_zscore_cannot_flag_short_lists() -> None:
    # with n values |z| <= (n-1)/sqrt(n): ten values can never pass 3.0, however extreme
    assert zscore_outliers([1.0] * 9 + [1e9]) == []
    assert modified_z_outliers([1.0, 1.1, 0.9, 1.05, 0.95, 1.0, 1.02, 0.98, 1.01, 1e9])[0].index == 9


def test_modified_z_is_robust_and_skips_missing() -> None:
    values = [12.0, None, 13.0, 12.5, 11.8, 95.0, 12.2]
    scores = modified_z_scores(values)
    present = [v for v in values if v is not None]
    med = statistics.median(present)
    mad = statistics.median([abs(v - med) for v in present])
    assert scores[1] is None
    assert scores[5] == pytest.approx(0.6745 * (95.0 - med) / mad, abs=1e-4)
    assert [o.index for o in modified_z_outliers(values)] == [5]


def test_modified_z_when_mad_is_zero() -> None:
    values = [5.0, 5.0, 5.0, 5.0, 5.0, 6.0, 50.0]
    assert [o.index for o in modified_z_outliers(values)] == [6]
    assert modified_z_outliers([3.0] * 6) == []


def test_jump_against_own_history() -> None:
    steady = [100.0, 104.0, 109.0, 113.0, 118.0, 240.0, 246.0, 251.0]
    flags = jump_outliers(steady)
    assert [(o.index, o.value) for o in flags] == [(5, 240.0)]
    assert "118" in flags[0].message_zh and "240" in flags[0].message_en
    # a volatile series' big moves are its normal, and small relative moves are never flagged
    assert jump_outliers([100.0, 150.0, 100.0, 150.0, 100.0, 150.0, 100.0]) == []
    assert jump_outliers([1000.0, 1000.0, 1000.0, 1000.0, 1001.0]) == []
    # not enough history yet
    assert jump_outliers([100.0, 101.0, 300.0]) == []
    # a missing value breaks the chain instead of inventing a change
    assert jump_outliers([100.0, 102.0, 104.0, 106.0, None, 500.0]) == []


def test_outlier_warnings_point_at_rows() -> None:
    warnings = outlier_warnings(
        [12.0, 13.0, 12.5, 11.8, 95.0], [5, 6, 7, 8, 9], file="city.xlsx", sheet="报表", field="revenue"
    )
    (w,) = warnings
    assert (w.file, w.sheet, w.row, w.field, w.severity, w.value) == (
        "city.xlsx",
        "报表",
        9,
        "revenue",
        "warning",
        95.0,
    )
    assert "第 9 行数据" in str(w) and "row 9" in str(w)
