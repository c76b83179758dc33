"""Benchmark: the appraisal Monte Carlo, 10 000 draws for 13 units × 20 indicators, vectorised vs a per-draw loop.

    python benchmarks/appraise.py [--draws 10000] [--units 13] [--indicators 20] [--loop-draws 300]

Builds a framework of 4 pillars × 5 indicators with every alternative in play (five normalisations, two
aggregations, three treatments of gaps, winsorisation or none, weights ±25 %), a units × indicators matrix with
a few gaps and an outlier, and times :func:`seimon.appraise.montecarlo.run`: ``draws`` evaluations for the rank
intervals plus the Saltelli A_B matrices for the Sobol indices (``evaluations`` = draws/2 × (factors + 2)). The
baseline, measured in the same run on the same data, evaluates draws one at a time in a Python loop (normalise,
aggregate, rank per draw, winsorising too when the draw asks for it, as a straightforward implementation would)
on ``--loop-draws`` draws; its time per evaluation × the evaluations gives ``baseline_seconds`` and the ratio.
Goal: ≤ 5 s on 2 cores. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import time

import numpy as np

from seimon.appraise.aggregate import weighted_mean
from seimon.appraise.framework import Framework
from seimon.appraise.montecarlo import FACTORS, impute, prepare, run
from seimon.appraise.normalise import normalise
from seimon.appraise.outliers import winsorise

logger = logging.getLogger(__name__)


def framework(n_indicators: int, draws: int) -> Framework:
    per = max(n_indicators // 4, 1)
    pillars = []
    for p in range(4):
        ind = [
            {
                "id": f"p{p}_i{k}",
                "name_zh": "指标",
                "name_en": "indicator",
                "source": {"indicator": "sei_va"},
                "direction": "lower" if k == 4 else "higher",
                "weight": 1 + (k % 3),
                "target": 80.0,
                "goalposts": [0.0, 100.0],
            }
            for k in range(per)
        ]
        pillars.append({"id": f"p{p}", "name_zh": "维度", "name_en": "pillar", "indicators": ind})
    return Framework.model_validate(
        {
            "id": "bench",
            "name_zh": "基准",
            "name_en": "benchmark",
            "units": {"cities": {"source": "region"}},
            "uncertainty": {
                "draws": draws,
                "normalisations": ["minmax", "zscore", "rank", "distance_to_target", "goalposts"],
                "aggregations": ["arithmetic", "geometric"],
                "missing": ["reweight", "mean", "median"],
            },
            "pillars": pillars,
        }
    )


def loop_baseline(values: np.ndarray, fw: Framework, design: np.ndarray) -> float:
    """Seconds for evaluating ``design`` one draw at a time (normalise, aggregate and rank inside the loop)."""
    inds = fw.indicators()
    dirs = [i.direction for i in inds]
    targets = [i.target for i in inds]
    posts = [i.goalposts for i in inds]
    pillar_of = np.array(fw.pillar_index())
    u = fw.uncertainty
    n_i, n_p = len(inds), len(fw.pillars)
    w_i = np.array([i.weight for i in inds])
    w_p = np.array([p.weight for p in fw.pillars])
    start = time.perf_counter()
    for row in design:
        wi = w_i * (1 + u.weight_range * (2 * row[:n_i] - 1))
        wp = w_p * (1 + u.weight_range * (2 * row[n_i : n_i + n_p] - 1))
        k = n_i + n_p
        norm = u.normalisations[min(int(row[k] * len(u.normalisations)), len(u.normalisations) - 1)]
        agg = u.aggregations[min(int(row[k + 1] * len(u.aggregations)), len(u.aggregations) - 1)]
        miss = u.missing[min(int(row[k + 2] * len(u.missing)), len(u.missing) - 1)]
        treat = u.outliers[min(int(row[k + 3] * len(u.outliers)), len(u.outliers) - 1)]
        raw = values
        if treat == "winsorise":
            raw = np.column_stack([winsorise(values[:, j])[0] for j in range(values.shape[1])])
        scores = normalise(impute(raw, miss), norm, dirs, targets, posts)
        pillars = np.column_stack(
            [weighted_mean(scores[:, pillar_of == p], wi[pillar_of == p], agg) for p in range(n_p)]
        )
        index = weighted_mean(pillars, wp, agg)
        np.argsort(np.argsort(-index))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=13)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--loop-draws", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    values = rng.lognormal(3.5, 0.4, size=(args.units, args.indicators))
    values[rng.random(values.shape) < 0.05] = np.nan  # 5 % gaps
    values[0, 0] = values[:, 0][~np.isnan(values[:, 0])].max() * 20  # an outlier to winsorise
    fw = framework(args.indicators, args.draws)
    ids = [i.id for i in fw.indicators()]
    start = time.perf_counter()
    model = prepare(values, fw, ids)
    prepare_seconds = time.perf_counter() - start
    best = float("inf")
    result = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = run(model, args.draws, (5.0, 95.0), seed=1)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    design = rng.random((args.loop_draws, model.dims))
    loop = loop_baseline(values, fw, design)
    baseline = loop / args.loop_draws * result.evaluations
    out = {
        "benchmark": "appraise_monte_carlo",
        "units": args.units,
        "indicators": args.indicators,
        "draws": result.draws,
        "evaluations": result.evaluations,
        "factors": list(FACTORS),
        "prepare_seconds": round(prepare_seconds, 4),
        "seconds": round(best, 4),
        "baseline_seconds": round(baseline, 3),
        "baseline_loop_draws": args.loop_draws,
        "speedup_vs_loop": round(baseline / best, 1),
        "goal_seconds": 5.0,
        "meets_goal": best <= 5.0,
        "cores": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
