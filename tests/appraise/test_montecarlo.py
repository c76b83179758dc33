"""The Monte Carlo and Sobol indices on matrices built here (no store): dominance, intervals, which factor matters."""

from __future__ import annotations

import numpy as np

from seimon.appraise.framework import Framework
from seimon.appraise.montecarlo import evaluate, prepare, ranks, run


def framework(*, outliers_off: bool = True, **uncertainty: object) -> Framework:
    """Two pillars of two indicators, every normalisation and aggregation in the Monte Carlo."""
    ind = [
        {"id": f"i{k}", "name_zh": "指标", "name_en": "ind", "source": {"indicator": "sei_va"},
         "direction": "lower" if k == 3 else "higher", "weight": 1 + k, "target": 50.0, "goalposts": [0.0, 100.0]}
        for k in range(4)
    ]  # fmt: skip
    return Framework.model_validate(
        {
            "id": "t", "name_zh": "测试", "name_en": "test", "units": {"cities": {"source": "region"}},
            "outliers": {"treat": not outliers_off},
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
    fw = framework(
        normalisations=["minmax"],
        aggregations=["arithmetic"],
        missing=["reweight"],
        outliers=["none"],
        weight_range=0.5,
    )
    model = prepare(values, fw, ["i0", "i1", "i2", "i3"])
    result = run(model, 4000, (5, 95), seed=2)
    assert np.all(result.low <= result.median) and np.all(result.median <= result.high)
    assert np.any(result.high > result.low)
    assert result.total["weights"] > 0.5
    for factor in ("normalisation", "aggregation", "missing", "outliers"):
        assert result.first_order[factor] == 0 and result.total[factor] == 0


def test_a_unit_below_the_minimum_coverage_is_not_ranked() -> None:
    values = np.arange(52, dtype=float).reshape(13, 4)
    values[0, 1:] = np.nan
    model = prepare(values, framework(), ["i0", "i1", "i2", "i3"])
    assert not model.ranked[0] and model.ranked[1:].all()
    scores, _ = evaluate(model, np.full((1, model.dims), 0.5))
    assert np.isnan(scores[0, 0]) and not np.isnan(scores[0, 1:]).any()
    assert np.isnan(ranks(scores)[0, 0])


def test_an_outlier_is_winsorised_before_normalisation_and_recorded() -> None:
    values = np.tile(np.arange(1.0, 14.0)[:, None], (1, 4))
    values[12, 0] = 400.0  # one unit far ahead on the first indicator: skew and kurtosis beyond COINr's limits
    fw = framework(outliers_off=False, normalisations=["minmax"], aggregations=["arithmetic"], missing=["reweight"],
                   outliers=["winsorise"])  # fmt: skip
    model = prepare(values, fw, ["i0", "i1", "i2", "i3"])
    assert [(t.row, t.before, t.after) for t in model.treated[0]] == [(12, 400.0, 12.0)]
    assert list(model.treated) == [0] and model.untreatable == []
    # after treatment the first indicator spreads the other units over 0–100 instead of crushing them near 0
    scores = model.matrices[("minmax", "reweight", "winsorise")][:, 0]
    assert scores[11] == scores[12] == 100.0 and abs(scores[5] - 500 / 11) < 1e-9
    untreated = prepare(values, framework(outliers=["none"]), ["i0", "i1", "i2", "i3"])
    assert untreated.treated == {} and untreated.matrices[("minmax", "reweight", "none")][11, 0] < 3
    # with both in the Monte Carlo, the nominal treatment comes first and the other is the alternative
    both = prepare(values, framework(outliers_off=False), ["i0", "i1", "i2", "i3"])
    assert both.outliers == ["winsorise", "none"] and both.treated
