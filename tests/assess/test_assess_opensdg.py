"""The three progress formulas on hand-computed cases, including the Open SDG edge cases."""

from __future__ import annotations

import math

import pytest

from seimon.assess.progress import cagr, extrapolation_progress, linear_progress, opensdg_progress
from seimon.assess.status import Thresholds

BASE = {"baseline_t": 2016.0, "deadline_t": 2021.0}


def sdg(**kw: object):
    return opensdg_progress(**BASE, **kw)


# --------------------------------------------------------------------------------------------- Open SDG ratio


def test_higher_is_better_acceleration_needed() -> None:
    # 100 → 121 in 2 years: CAGR 10%; 100 → 200 in 5 years needs 2^(1/5) − 1 = 14.87%/yr.
    r = sdg(baseline_value=100, latest_value=121, latest_t=2018.0, target_value=200, direction="higher")
    assert r.cagr_observed == pytest.approx(0.10)
    assert r.cagr_required == pytest.approx(2 ** (1 / 5) - 1)
    assert r.ratio == pytest.approx(0.10 / 0.148698355, rel=1e-6)  # 0.6725
    assert r.status == "acceleration_needed"
    assert r.progress_share == pytest.approx(0.21)
    assert r.time_share == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("latest", "ratio", "status"),
    [
        (150.0, (1.5**0.5 - 1) / (2**0.2 - 1), "on_track"),  # 1.511
        (102.0, (1.02**0.5 - 1) / (2**0.2 - 1), "limited"),  # 0.0669
        (95.0, (0.95**0.5 - 1) / (2**0.2 - 1), "deteriorating"),  # −0.1708
    ],
)
def test_higher_is_better_bands(latest: float, ratio: float, status: str) -> None:
    r = sdg(baseline_value=100, latest_value=latest, latest_t=2018.0, target_value=200, direction="higher")
    assert r.ratio == pytest.approx(ratio)
    assert r.status == status


def test_lower_is_better() -> None:
    # 10 → 8.1 in 2 years: CAGR −10%; 10 → 5 in 5 years needs 0.5^(1/5) − 1 = −12.94%/yr.
    r = sdg(baseline_value=10, latest_value=8.1, latest_t=2018.0, target_value=5, direction="lower")
    assert r.cagr_observed == pytest.approx(-0.10)
    assert r.cagr_required == pytest.approx(0.5**0.2 - 1)
    assert r.ratio == pytest.approx(0.10 / (1 - 0.5**0.2))  # 0.7725
    # Open SDG's own cagr_o / cagr_r gives the same number when the target lies in the stated direction.
    assert r.ratio == pytest.approx(r.cagr_observed / r.cagr_required)
    assert r.status == "acceleration_needed"


def test_lower_is_better_moving_up_deteriorates() -> None:
    r = sdg(baseline_value=10, latest_value=12, latest_t=2018.0, target_value=5, direction="lower")
    assert r.ratio < 0
    assert r.status == "deteriorating"


def test_same_data_opposite_direction_gives_opposite_verdict() -> None:
    """Why direction has no default: the reference's silent 'lower is better' inverts a growth target."""
    kw = {"baseline_value": 100, "latest_value": 150, "latest_t": 2018.0, "target_value": 200}
    assert sdg(**kw, direction="higher").status == "on_track"
    # Read as "lower is better", 150 is already below the target of 200: the growth target would be "achieved".
    assert sdg(**kw, direction="lower").status == "achieved"
    with pytest.raises(ValueError, match="direction"):
        sdg(**kw, direction="up")


def test_target_behind_baseline_is_flagged_not_rewarded() -> None:
    # Higher is better, yet the target (90) is below the baseline (100) and the value fell to 80:
    # Open SDG's plain cagr_o / cagr_r would be positive ("progress"); R = d·CAGR_obs/|CAGR_req| is negative.
    r = sdg(baseline_value=100, latest_value=80, latest_t=2018.0, target_value=90, direction="higher")
    assert r.cagr_observed / r.cagr_required > 0
    assert r.ratio < 0
    assert r.status == "deteriorating"
    assert "target_behind_baseline" in r.reason_codes


@pytest.mark.parametrize(
    ("latest", "target", "comparator", "direction", "expected"),
    [
        (210.0, 200.0, "≥", "higher", "achieved"),
        (200.0, 200.0, "≥", "higher", "achieved"),
        (4.9, 5.0, "≤", "lower", "achieved"),
        (195.0, 200.0, "≈", "higher", "achieved"),  # within the 5% tolerance of 左右
        (200.0, 200.0, ">", "higher", "on_track"),  # strictly more is required: not met, R = 2.79
    ],
)
def test_target_already_reached(latest: float, target: float, comparator: str, direction: str, expected: str) -> None:
    r = sdg(
        baseline_value=100 if direction == "higher" else 10,
        latest_value=latest,
        latest_t=2018.0,
        target_value=target,
        direction=direction,
        comparator=comparator,
    )
    assert r.status == expected
    assert ("target_met" in r.reason_codes) == (expected == "achieved")


def test_achieved_is_decided_before_the_minimum_span() -> None:
    # Reached within half a year of the baseline: no ratio would be computed, but the target is met.
    r = sdg(baseline_value=100, latest_value=250, latest_t=2016.5, target_value=200, direction="higher")
    assert r.status == "achieved"


def test_less_than_one_year_is_insufficient() -> None:
    r = sdg(baseline_value=100, latest_value=110, latest_t=2016.5, target_value=200, direction="higher")
    assert r.status == "insufficient_data"
    assert "too_short" in r.reason_codes
    assert r.ratio is None
    # The linear method has no such rule: half a year is 10% of the period.
    lin = linear_progress(
        **BASE, baseline_value=100, latest_value=110, latest_t=2016.5, target_value=200, direction="higher"
    )
    assert lin.time_share == pytest.approx(0.1)
    assert lin.ratio == pytest.approx(1.0)


def test_only_a_baseline_is_insufficient() -> None:
    r = sdg(baseline_value=100, latest_value=100, latest_t=2016.0, target_value=200, direction="higher")
    assert r.status == "insufficient_data"
    assert "no_later_value" in r.reason_codes


def test_zero_baseline_uses_linear_rate_ratio() -> None:
    # 0 → 30 in 2 years (15/yr) against 0 → 100 in 5 years (20/yr): 0.75.
    r = sdg(baseline_value=0, latest_value=30, latest_t=2018.0, target_value=100, direction="higher")
    assert r.cagr_observed is None
    assert r.cagr_required is None
    assert r.ratio == pytest.approx(0.75)
    assert r.status == "acceleration_needed"
    assert "cagr_undefined_linear" in r.reason_codes


def test_zero_baseline_can_be_configured_as_insufficient() -> None:
    th = Thresholds(opensdg={"undefined_cagr": "insufficient_data"})
    r = sdg(baseline_value=0, latest_value=30, latest_t=2018.0, target_value=100, direction="higher", thresholds=th)
    assert r.status == "insufficient_data"
    assert r.ratio is None
    assert "cagr_undefined" in r.reason_codes


def test_zero_target_lower_is_better() -> None:
    # 50 → 40 in 2 years (−5/yr) against 50 → 0 in 5 years (−10/yr): 0.5 → limited.
    r = sdg(baseline_value=50, latest_value=40, latest_t=2018.0, target_value=0, direction="lower")
    assert r.ratio == pytest.approx(0.5)
    assert r.status == "limited"
    assert "cagr_undefined_linear" in r.reason_codes


def test_negative_values_sign_corrected_as_in_open_sdg() -> None:
    # −10 → −5 in 2 years, target −2 by year 5, higher is better: sign = −1 (negative base).
    r = sdg(baseline_value=-10, latest_value=-5, latest_t=2018.0, target_value=-2, direction="higher")
    cagr_o = 0.5**0.5 - 1
    cagr_r = 0.2**0.2 - 1
    assert r.cagr_observed == pytest.approx(cagr_o)
    assert r.ratio == pytest.approx(-1 * cagr_o / abs(cagr_r))  # 1.064
    assert r.status == "on_track"
    assert "negative_values" in r.reason_codes


def test_change_of_sign_uses_linear_rate_ratio() -> None:
    # −10 → 5 in 2 years (7.5/yr) against −10 → 20 in 5 years (6/yr): 1.25.
    r = sdg(baseline_value=-10, latest_value=5, latest_t=2018.0, target_value=20, direction="higher")
    assert r.ratio == pytest.approx(1.25)
    assert r.status == "on_track"
    assert "cagr_undefined_linear" in r.reason_codes


@pytest.mark.parametrize(
    ("latest", "status"),
    [(90.0, "deteriorating"), (100.0, "achieved"), (105.0, "achieved")],
)
def test_target_equal_to_baseline(latest: float, status: str) -> None:
    r = sdg(baseline_value=100, latest_value=latest, latest_t=2018.0, target_value=100, direction="higher")
    assert r.status == status
    if status != "achieved":
        assert r.ratio is None
        assert "target_equals_baseline" in r.reason_codes


def test_target_equal_to_baseline_strict_comparator_no_change_is_limited() -> None:
    r = sdg(baseline_value=100, latest_value=100, latest_t=2018.0, target_value=100, direction="higher", comparator=">")
    assert r.status == "limited"


def test_thresholds_are_overridable() -> None:
    kw = {"baseline_value": 100, "latest_value": 121, "latest_t": 2018.0, "target_value": 200, "direction": "higher"}
    assert sdg(**kw).status == "acceleration_needed"
    th = Thresholds(opensdg={"on_track": 0.6, "acceleration_needed": 0.3})
    assert sdg(**kw, thresholds=th).status == "on_track"


def test_cagr_helper() -> None:
    assert cagr(121, 100, 2018.0, 2016.0) == pytest.approx(0.1)
    assert cagr(1, 1, 2016.0, 2016.0) is None
    assert cagr(-5, -10, 2018.0, 2016.0) == pytest.approx(0.5**0.5 - 1)
    assert cagr(0, 10, 2018.0, 2016.0) is None


# ------------------------------------------------------------------------------------------ linear share of time


def test_linear_share_of_time() -> None:
    # 240 → 868 after 2 of 5 years against 1500: progress (868−240)/(1500−240) = 0.4984, time 0.4.
    r = linear_progress(
        **BASE, baseline_value=240, latest_value=868, latest_t=2018.0, target_value=1500, direction="higher"
    )
    assert r.progress_share == pytest.approx(628 / 1260)
    assert r.time_share == pytest.approx(0.4)
    assert r.ratio == pytest.approx((628 / 1260) / 0.4)
    assert r.status == "on_track"


def test_linear_lower_is_better_half_done_at_a_quarter_time() -> None:
    r = linear_progress(
        **BASE, baseline_value=1.0, latest_value=0.9, latest_t=2017.25, target_value=0.8, direction="lower"
    )
    assert r.progress_share == pytest.approx(0.5)
    assert r.time_share == pytest.approx(0.25)
    assert r.status == "on_track"
    slow = linear_progress(
        **BASE, baseline_value=1.0, latest_value=0.97, latest_t=2018.5, target_value=0.8, direction="lower"
    )
    assert slow.ratio == pytest.approx(0.15 / 0.5)
    assert slow.status == "limited"


# --------------------------------------------------------------------------------------------------- extrapolation


def test_extrapolation_cagr_projection() -> None:
    # v_T = 121 · 1.1^3 = 161.051; share of the required change 61.051 / 100.
    r = extrapolation_progress(
        **BASE, baseline_value=100, latest_value=121, latest_t=2018.0, target_value=200, direction="higher"
    )
    assert r.projected_value == pytest.approx(161.051)
    assert r.ratio == pytest.approx(0.61051)
    assert r.status == "acceleration_needed"


@pytest.mark.parametrize(
    ("latest", "status"),
    [(150.0, "on_track"), (102.0, "limited"), (95.0, "deteriorating")],
)
def test_extrapolation_bands(latest: float, status: str) -> None:
    r = extrapolation_progress(
        **BASE, baseline_value=100, latest_value=latest, latest_t=2018.0, target_value=200, direction="higher"
    )
    growth = (latest / 100) ** 0.5
    assert r.projected_value == pytest.approx(latest * growth**3)
    assert r.ratio == pytest.approx((latest * growth**3 - 100) / 100)
    assert r.status == status


def test_extrapolation_zero_baseline_projects_linearly() -> None:
    r = extrapolation_progress(
        **BASE, baseline_value=0, latest_value=30, latest_t=2018.0, target_value=100, direction="higher"
    )
    assert r.projected_value == pytest.approx(75.0)
    assert r.ratio == pytest.approx(0.75)
    assert "cagr_undefined_linear" in r.reason_codes


def test_extrapolation_lower_is_better() -> None:
    r = extrapolation_progress(
        **BASE, baseline_value=10, latest_value=8.1, latest_t=2018.0, target_value=5, direction="lower"
    )
    projected = 8.1 * 0.9**3
    assert r.projected_value == pytest.approx(projected)
    assert r.ratio == pytest.approx((10 - projected) / 5)
    assert math.isclose(r.ratio, 0.81902, rel_tol=1e-4)
    assert r.status == "acceleration_needed"
