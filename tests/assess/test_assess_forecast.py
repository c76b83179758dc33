"""Forecast tiers, back-test selection, interval coverage and the probability of meeting a target."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from seimon.assess.backtest import backtest, best, choose_metric, rolling_origin_pairs
from seimon.assess.forecast import drift_predict, forecast_to
from seimon.assess.series import Observation
from seimon.periods import month_end, year_end


def annual(values: list[float], first_year: int = 2010, measure: str = "stock") -> list[Observation]:
    return [
        Observation(year_end(first_year + i), v, str(first_year + i), measure, "year") for i, v in enumerate(values)
    ]


def test_fewer_than_three_points_gives_no_forecast() -> None:
    f = forecast_to(annual([100.0, 110.0]), 2021.0, 150.0)
    assert f.status == "insufficient_data"
    assert f.value is None and f.probability_meet is None
    assert "too_few_points" in f.reason_codes
    assert f.n_points == 2


def test_short_series_uses_simple_candidates_and_picks_cagr_for_geometric_growth() -> None:
    f = forecast_to(annual([100.0 * 1.12**i for i in range(6)]), 2021.0, 250.0)
    assert set(f.candidates) == {"drift", "linear", "cagr"}
    assert f.method == "cagr"
    assert f.backtest_metric == "MASE"
    assert f.backtest_error == pytest.approx(0.0, abs=1e-9)
    assert f.value == pytest.approx(100.0 * 1.12**10)
    assert f.candidates["linear"] > 0 and f.candidates["drift"] > 0


def test_non_positive_values_exclude_cagr() -> None:
    f = forecast_to(annual([-3.0, -1.0, 0.5, 2.0, 4.5]), 2021.0, 10.0)
    assert "cagr" not in f.candidates
    assert "cagr_skipped" in f.reason_codes
    assert f.status == "ok"


def test_ten_regular_points_add_ets_and_arima() -> None:
    rng = np.random.default_rng(7)
    values = list(50.0 + 3.0 * np.arange(12) + rng.normal(0, 1.5, 12))
    f = forecast_to(annual(values, 2008), 2021.0, 95.0)
    assert {"drift", "linear", "cagr", "ets", "arima"} == set(f.candidates)
    assert f.method in f.candidates
    assert f.backtest_error == pytest.approx(min(f.candidates.values()))
    assert f.lower < f.value < f.upper


def test_ten_irregular_points_stay_in_the_simple_tier() -> None:
    times = [2008.0, 2009.0, 2010.5, 2011.0, 2012.0, 2013.25, 2014.0, 2015.0, 2016.0, 2017.0]
    obs = [Observation(t, 10.0 + 2.0 * (t - 2008), f"p{i}", "stock", "point", 0) for i, t in enumerate(times)]
    f = forecast_to(obs, 2021.0, 40.0)
    assert set(f.candidates) == {"drift", "linear", "cagr"}
    assert "rich_skipped" in f.reason_codes
    assert f.value == pytest.approx(36.0)  # the exact line through irregular times


def test_drift_on_irregular_times() -> None:
    t = np.array([2016.0 + 10 / 12, 2018.0, 2019.0])
    y = np.array([420.0, 868.0, 1200.0])
    p = drift_predict(t, y, 2021.0)
    slope = (1200.0 - 420.0) / (2019.0 - t[0])
    assert p.mean == pytest.approx(1200.0 + 2 * slope)
    assert p.df == 1
    assert p.sd > 0


@pytest.mark.parametrize("kind", ["linear", "geometric"])
def test_intervals_contain_the_truth_in_most_seeds(kind: str) -> None:
    """80% intervals on series with known parameters: coverage near 80% (tolerant bound, fixed seeds)."""
    n, h, seeds = 8, 3, 200
    hits = 0
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        t = np.arange(2010.0, 2010.0 + n)
        deadline = t[-1] + h
        if kind == "linear":
            y = 50 + 4 * (t - 2010) + rng.normal(0, 2, n)
            truth = 50 + 4 * (deadline - 2010) + rng.normal(0, 2)
        else:
            y = np.exp(math.log(100) + 0.15 * (t - 2010) + rng.normal(0, 0.03, n))
            truth = math.exp(math.log(100) + 0.15 * (deadline - 2010) + rng.normal(0, 0.03))
        obs = [Observation(float(a), float(b), str(a), "stock", "year") for a, b in zip(t, y, strict=True)]
        f = forecast_to(obs, float(deadline), None)
        assert f.level == 0.80
        hits += f.lower <= truth <= f.upper
    assert 0.70 <= hits / seeds <= 0.92


def test_probability_meet_is_monotone_in_the_target() -> None:
    rng = np.random.default_rng(3)
    obs = annual(list(100 + 8 * np.arange(7) + rng.normal(0, 3, 7)))
    targets = np.linspace(120, 260, 15)
    up = [forecast_to(obs, 2021.0, float(x), comparator="≥").probability_meet for x in targets]
    down = [forecast_to(obs, 2021.0, float(x), comparator="≤").probability_meet for x in targets]
    assert all(0.0 <= p <= 1.0 for p in up + down)
    assert all(a >= b for a, b in itertools.pairwise(up))
    assert all(a <= b for a, b in itertools.pairwise(down))
    assert up[0] > 0.95 and up[-1] < 0.05
    assert up[5] + down[5] == pytest.approx(1.0)
    # "≈" needs an explicit direction and is easier to meet than "≥" (5% tolerance).
    with pytest.raises(ValueError, match="direction"):
        forecast_to(obs, 2021.0, 180.0, comparator="≈")
    approx = forecast_to(obs, 2021.0, 180.0, comparator="≈", direction="higher").probability_meet
    assert approx > forecast_to(obs, 2021.0, 180.0, comparator="≥").probability_meet


def test_deadline_already_observed() -> None:
    f = forecast_to(annual([1.0, 2.0, 3.0]), 2013.0, 5.0)
    assert f.status == "insufficient_data"
    assert "deadline_observed" in f.reason_codes


def ytd_years(shares: dict[int, float], totals: dict[int, float], months: int = 4) -> list[Observation]:
    obs = []
    for year, total in totals.items():
        obs.append(
            Observation(month_end(year, months), total * shares[year], f"{year}-{months}", "flow", "ytd", months)
        )
        obs.append(Observation(year_end(year), total, f"{year}-12", "flow", "ytd", 12))
    return obs


def test_year_to_date_forecast_by_seasonal_ratio() -> None:
    shares = {2015: 0.28, 2016: 0.30, 2017: 0.32}
    obs = ytd_years(shares, {2015: 500.0, 2016: 560.0, 2017: 640.0})
    obs.append(Observation(month_end(2018, 4), 210.0, "2018-4", "flow", "ytd", 4))
    f = forecast_to(obs, year_end(2018), 700.0)
    gmean = math.exp(np.mean(np.log(list(shares.values()))))
    assert f.method == "seasonal_ratio"
    assert f.value == pytest.approx(210.0 / gmean)
    assert f.lower < f.value < f.upper
    assert f.backtest_metric == "MAPE"
    # Rolling origin: 2016 predicted with the 2015 share, 2017 with the 2015–2016 mean share.
    e2016 = abs(560 - 560 * 0.30 / 0.28) / 560
    e2017 = abs(640 - 640 * 0.32 / math.sqrt(0.28 * 0.30)) / 640
    assert f.backtest_error == pytest.approx(100 * (e2016 + e2017) / 2)
    assert 0.0 < f.probability_meet < 1.0
    assert f.n_points == 4


def test_year_to_date_with_one_prior_year_has_no_interval() -> None:
    obs = ytd_years({2017: 0.3}, {2017: 600.0})
    obs.append(Observation(month_end(2018, 4), 200.0, "2018-4", "flow", "ytd", 4))
    f = forecast_to(obs, year_end(2018), 700.0)
    assert f.value == pytest.approx(200.0 / 0.3)
    assert f.lower is None and f.upper is None and f.probability_meet is None
    assert "no_interval" in f.reason_codes


def test_year_to_date_without_prior_year_is_insufficient() -> None:
    obs = [Observation(month_end(2018, 4), 200.0, "2018-4", "flow", "ytd", 4)]
    f = forecast_to(obs, year_end(2018), 700.0)
    assert f.status == "insufficient_data"
    assert "no_prior_year" in f.reason_codes


def test_part_year_flows_are_set_aside_from_an_annual_series() -> None:
    obs = [
        *annual([10.0, 12.0, 14.0, 16.0], measure="flow"),
        Observation(month_end(2014, 6), 9.0, "2014H1", "flow", "ytd", 6),
    ]
    f = forecast_to(obs, 2017.0, 20.0)
    assert "partial_year_flow" in f.reason_codes
    assert f.n_points == 4


# ------------------------------------------------------------------------------------------------------ back-test


def test_rolling_origin_and_metrics() -> None:
    naive = lambda tt, yy, tn: np.full(len(tn), yy[-1])  # noqa: E731
    pairs = rolling_origin_pairs([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 4.0, 8.0], naive, min_train=2, max_horizon=2.0)
    # origin 2 predicts points 3 and 4 (horizons 1 and 2), origin 3 predicts point 4.
    assert pairs == [(4.0, 2.0), (8.0, 2.0), (8.0, 4.0)]
    assert choose_metric([1.0, 3.0, 4.0]) == ("MASE", 1.5)
    assert choose_metric([5.0, 5.0]) == ("MAPE", 1.0)
    assert choose_metric([0.0, 0.0]) == ("MAE", 1.0)
    broken = lambda tt, yy, tn: np.full(len(tn), np.nan)  # noqa: E731
    res = backtest([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 4.0, 8.0], {"naive": naive, "broken": broken}, min_train=2)
    assert set(res) == {"naive"}
    assert res["naive"].error == pytest.approx(((4 - 2) + (8 - 4)) / 2 / (7 / 3))
    assert best(res, ["naive"]).method == "naive"


def test_year_to_date_series_to_a_later_deadline_uses_the_annual_values() -> None:
    obs = ytd_years(dict.fromkeys(range(2014, 2018), 0.3), {2014: 400.0, 2015: 450.0, 2016: 500.0, 2017: 550.0})
    obs.append(Observation(month_end(2018, 4), 180.0, "2018-4", "flow", "ytd", 4))
    f = forecast_to(obs, year_end(2020), 700.0, level=0.9)
    assert "ytd_as_annual" in f.reason_codes
    assert f.n_points == 4
    assert f.method in {"drift", "linear", "cagr"}
    assert f.level == 0.9
    if f.method in {"drift", "linear"}:
        assert f.value == pytest.approx(700.0)
