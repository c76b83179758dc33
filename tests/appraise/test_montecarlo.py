"""The Monte Carlo and Sobol indices on matrices built here (no store): dominance, intervals, which factor matters."""

from __future__ import annotations

import numpy as np

from seimon.appraise.framework import Framework
from seimon.appraise.montecarlo import evaluate, prepare, ranks, run


def framework(**uncertainty: object) -> Framework:
    """Two pillars of two indicators, every normalisation and aggregation in the Monte Carlo."""
    ind = [
        {"id": f"i{k}", "name_zh": "指标", "name_en": "ind", "source": {"indicator": "sei_va"},
         "direction": "lower" if k == 3 else "higher", "weight": 1 + k, "target": 50.0, "goalposts": [0.0, 100.0]}
        for k in range(4)
    ]  # fmt: skip
    return Framework.model_validate(
        {
            "id": "t", "name_zh": "测试", "name_en": "test", "units": {"cities": {"source": "region"}},
            "outliers": {"treat": False},
            "uncertainty": {
                "normalisations": ["minmax", "zscore", "rank", "distance_to_target", "goalposts"],
                "aggregations": ["arithmetic", "geometric"], "missing": ["reweight", "mean", "median"],
                **uncertainty,
            },
            "pillars": [
                {"id": "a", "name_zh": "甲", "name_en": "A", "indicators": ind[:2]},
                {"id": "b", "name_zh": "乙", "name_en": "B", "weight": 2, "indicators": ind[2:]},
            ],
        }
    )  # fmt: skip


def test_a_unit_better_on_every_indicator_is_first_in_every_draw() -> None:
    rng = np.random.default_rng(3)
    values = rng.uniform(10, 90, size=(13, 4))
    values[4, 2] = np.nan  # a gap elsewhere, filled or re-weighted depending on the draw
    best = values.copy()
    best[:, :3] = np.nanmax(values[:, :3], axis=0) + 1
    best[:, 3] = np.nanmin(values[:, 3]) - 1
    values[7] = best[0]
    fw = framework()
    model = prepare(values, fw, ["i0", "i1", "i2", "i3"])
    design = np.random.default_rng(5).random((5000, model.dims))
    scores, _ = evaluate(model, design)
    r = ranks(scores)
    assert np.all(r[:, 7] == 1)
    result = run(model, 400, (5, 95), seed=1)
    assert result.low[7] == result.high[7] == result.median[7] == 1


def test_rank_intervals_contain_the_median_and_sobol_points_at_the_factor_that_varies() -> None:
    rng = np.random.default_rng(11)
    values = rng.uniform(10, 90, size=(13, 4))
    # only the weights vary: one normalisation, one aggregation, one treatment of gaps
    fw = framework(normalisations=["minmax"], aggregations=["arithmetic"], missing=["reweight"], weight_range=0.5)
    model = prepare(values, fw, ["i0", "i1", "i2", "i3"])
    result = run(model, 4000, (5, 95), seed=2)
    assert np.all(result.low <= result.median) and np.all(result.median <= result.high)
    assert np.any(result.high > result.low)
    assert result.total["weights"] > 0.5
    for factor in ("normalisation", "aggregation", "missing"):
        assert result.first_order[factor] == 0 and result.total[factor] == 0


def test_a_unit_below_the_minimum_coverage_is_not_ranked() -> None:
    values = np.arange(52, dtype=float).reshape(13, 4)
    values[0, 1:] = np.nan
    model = prepare(values, framework(), ["i0", "i1", "i2", "i3"])
    assert not model.ranked[0] and model.ranked[1:].all()
    scores, _ = evaluate(model, np.full((1, model.dims), 0.5))
    assert np.isnan(scores[0, 0]) and not np.isnan(scores[0, 1:]).any()
    assert np.isnan(ranks(scores)[0, 0])
