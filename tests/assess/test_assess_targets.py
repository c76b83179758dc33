"""assess_target on hand-made sparse series shaped like real provincial releases (values are illustrative)."""

from __future__ import annotations

from datetime import date

import pytest

from seimon.assess.progress import assess_target, select_observations
from seimon.assess.series import Observation, TargetSpec
from seimon.errors import SeimonError
from seimon.periods import month_end, time_to_date, year_end

PLAN = {"start": 2016.0, "deadline_t": 2021.0, "base_year": 2015}


def stock(t: float, value: float, code: str, published: date | None = None, **kw: object) -> Observation:
    kind = "year" if abs(t - round(t)) < 1e-9 else "point"
    return Observation(t, value, code, "stock", kind, 12 if kind == "year" else 0, as_published=published, **kw)


def flow(year: int, value: float, published: date | None = None, **kw: object) -> Observation:
    return Observation(year_end(year), value, str(year), "flow", "year", 12, as_published=published, **kw)


def ytd(year: int, months: int, value: float, **kw: object) -> Observation:
    return Observation(month_end(year, months), value, f"{year}-01..{months:02d}", "flow", "ytd", months, **kw)


PV = TargetSpec(id="pv_capacity", value=1500, comparator="≥", direction="higher", kind="level", **PLAN)


# ---------------------------------------------------------------------------------------------- time convention


def test_time_convention() -> None:
    assert year_end(2015) == 2016.0
    assert month_end(2016, 10) == pytest.approx(2016 + 10 / 12)
    assert time_to_date(month_end(2016, 10)) == date(2016, 10, 31)
    assert time_to_date(month_end(2016, 2)) == date(2016, 2, 29)
    assert time_to_date(2021.0) == date(2020, 12, 31)


# ------------------------------------------------------------------------------------------------ PV capacity


def pv_series() -> list[Observation]:
    return [
        stock(2016.0, 239.0, "2015", date(2016, 2, 25)),
        stock(month_end(2016, 10), 420.0, "2016-10", date(2016, 11, 20)),
        stock(2018.0, 868.0, "2017", date(2018, 2, 20)),
    ]


def test_pv_stock_as_of_october_and_december() -> None:
    r = assess_target(PV, pv_series(), 2018.25, "opensdg")
    assert r.baseline_note.code == "baseline_base_year"
    assert (r.baseline_value, r.baseline_t) == (239.0, 2016.0)
    assert (r.latest_value, r.latest_t, r.latest_period) == (868.0, 2018.0, "2017")
    expected = ((868 / 239) ** 0.5 - 1) / ((1500 / 239) ** 0.2 - 1)
    assert r.ratio == pytest.approx(expected)  # 1.0455
    assert r.status == "on_track"


def test_pv_as_of_before_the_december_release_uses_october_stock() -> None:
    # As of end of 2017 the December 2017 stock is not out yet (published 2018-02-20); October 2016 is the latest.
    r = assess_target(PV, pv_series(), 2018.0, "linear")
    assert r.latest_period == "2016-10"
    assert r.latest_t == pytest.approx(2016 + 10 / 12)
    assert r.time_share == pytest.approx((10 / 12) / 5)
    assert r.progress_share == pytest.approx((420 - 239) / (1500 - 239))
    assert "published_after_as_of" in r.reason_codes
    # Open SDG needs a year between baseline and latest value: October 2016 is only 10 months on.
    assert assess_target(PV, pv_series(), 2018.0, "opensdg").status == "insufficient_data"


def test_pv_without_base_year_uses_earliest_observation_and_says_so() -> None:
    r = assess_target(PV, pv_series()[1:], 2018.25, "opensdg")
    assert r.baseline_note.code == "baseline_earliest"
    assert "基年" in r.baseline_note.zh
    assert "base year missing" in r.baseline_note.en
    assert r.baseline_t == pytest.approx(2016 + 10 / 12)
    span = 2018.0 - (2016 + 10 / 12)
    expected = ((868 / 420) ** (1 / span) - 1) / ((1500 / 420) ** (1 / (2021.0 - 2016 - 10 / 12)) - 1)
    assert r.ratio == pytest.approx(expected)


def test_capacity_reached_before_deadline_is_achieved() -> None:
    obs = [*pv_series(), stock(2020.0, 1608.0, "2019", date(2020, 2, 28))]
    for method in ("opensdg", "linear", "extrapolation"):
        r = assess_target(PV, obs, 2020.5, method)
        assert r.status == "achieved", method
        assert r.latest_value == 1608.0


def test_figure_published_after_as_of_is_ignored_and_revisions_follow_the_as_of_date() -> None:
    obs = [
        stock(2016.0, 239.0, "2015", date(2016, 2, 25)),
        stock(2017.0, 500.0, "2016", date(2017, 2, 28)),
        stock(2017.0, 530.0, "2016", date(2017, 6, 30)),  # revision of 2016
        stock(2018.0, 868.0, "2017", date(2018, 2, 20)),
    ]
    early = assess_target(PV, obs, 2017.25, "linear")  # 2017-03-31: first release of 2016 only
    assert early.latest_value == 500.0
    mid = assess_target(PV, obs, 2017.75, "linear")  # revision known, 2017 not yet published
    assert mid.latest_value == 530.0
    assert "older_vintage" in mid.reason_codes
    late = assess_target(PV, obs, 2018.25, "linear")
    assert late.latest_value == 868.0
    kept, _ = select_observations(PV, obs, 2017.75)
    assert [o.value for o in kept] == [239.0, 530.0]


def test_as_of_date_overrides_the_date_of_as_of_t() -> None:
    r = assess_target(PV, pv_series(), 2018.0, "linear", as_of_date=date(2018, 3, 1))
    assert r.latest_period == "2017"


# ----------------------------------------------------------------------------------- flows, stocks, partial years


REVENUE = TargetSpec(id="base_revenue", value=1000, comparator="≥", direction="higher", kind="annual_flow", **PLAN)


def test_jan_apr_cumulative_is_not_compared_with_an_annual_target() -> None:
    obs = [flow(2015, 600.0), flow(2016, 700.0), ytd(2017, 4, 260.0)]
    r = assess_target(REVENUE, obs, 2017.5, "opensdg")
    assert r.latest_period == "2016"
    assert r.latest_value == 700.0
    assert "partial_year_flow" in r.reason_codes
    # With only the base year and the 1–4月 figure, there is nothing to assess.
    only = assess_target(REVENUE, [flow(2015, 600.0), ytd(2017, 4, 260.0)], 2017.5, "linear")
    assert only.status == "insufficient_data"
    assert "partial_year_flow" in only.reason_codes


def test_jan_apr_cumulative_scaled_only_with_a_stated_seasonal_share() -> None:
    obs = [flow(2015, 600.0), flow(2016, 700.0), ytd(2017, 4, 260.0)]
    r = assess_target(REVENUE, obs, 2017.5, "linear", seasonal_shares={4: 0.3})
    assert r.latest_value == pytest.approx(260.0 / 0.3)
    assert r.latest_t == 2018.0
    note = next(n for n in r.reasons if n.code == "seasonal_assumption")
    assert "30.0%" in note.zh and "30.0%" in note.en
    # A share for another month does not apply to a 1–4月 figure.
    other = assess_target(REVENUE, obs, 2017.5, "linear", seasonal_shares={6: 0.45})
    assert other.latest_period == "2016"


def test_flow_for_a_stock_target_is_insufficient() -> None:
    r = assess_target(PV, [flow(2016, 300.0), flow(2017, 450.0)], 2018.5, "opensdg")
    assert r.status == "insufficient_data"
    assert "measure" in r.reason_codes
    assert "no_observation" in r.reason_codes


def test_no_observation_is_insufficient() -> None:
    r = assess_target(PV, [], 2018.5, "extrapolation")
    assert r.status == "insufficient_data"
    assert r.target_value == 1500


def test_only_a_baseline_is_insufficient() -> None:
    r = assess_target(PV, pv_series()[:1], 2018.5, "linear")
    assert r.status == "insufficient_data"
    assert "no_later_value" in r.reason_codes


def test_share_target_compared_as_level_and_part_year_shares_set_aside() -> None:
    spec = TargetSpec(id="sei_share_gdp", value=12.0, comparator="≥", direction="higher", kind="share", **PLAN)
    obs = [
        Observation(2016.0, 8.0, "2015", "share", "year"),
        Observation(2018.0, 9.8, "2017", "share", "year"),
        Observation(month_end(2018, 6), 10.5, "2018H1", "share", "half", 6),
    ]
    r = assess_target(spec, obs, 2018.75, "linear")
    assert r.latest_value == 9.8
    assert r.progress_share == pytest.approx(1.8 / 4.0)
    assert {"partial_year_share", "share_as_level"} <= set(r.reason_codes)


# ------------------------------------------------------------------------------------------------ cumulative


NEV = TargetSpec(id="nev_promoted", value=30.0, comparator="≥", direction="higher", kind="cumulative", **PLAN)


def test_cumulative_nev_promotion_sums_annual_flows() -> None:
    obs = [flow(2015, 1.2), flow(2016, 3.1), flow(2017, 5.2), flow(2018, 6.8), stock(2019.0, 12.0, "fleet")]
    r = assess_target(NEV, obs, 2019.2, "linear")
    assert r.latest_value == pytest.approx(15.1)  # 2015 is before the plan period and not counted
    assert r.baseline_value == 0.0
    assert r.baseline_note.code == "baseline_cumulative_zero"
    assert r.progress_share == pytest.approx(15.1 / 30)
    assert r.time_share == pytest.approx(0.6)
    assert r.ratio == pytest.approx((15.1 / 30) / 0.6)  # 0.839
    assert r.status == "acceleration_needed"
    assert {"before_period", "measure", "cumulative_sum"} <= set(r.reason_codes)

    ext = assess_target(NEV, obs, 2019.2, "extrapolation")
    assert ext.projected_value == pytest.approx(15.1 + 15.1 / 3 * 2)
    assert ext.ratio == pytest.approx(ext.projected_value / 30)

    sdg = assess_target(NEV, obs, 2019.2, "opensdg")
    assert sdg.method == "opensdg"
    assert sdg.ratio == pytest.approx(r.ratio)
    assert "cumulative_rate_ratio" in sdg.reason_codes


def test_cumulative_with_a_missing_year_is_insufficient() -> None:
    r = assess_target(NEV, [flow(2016, 3.1), flow(2018, 6.8)], 2019.2, "linear")
    assert r.status == "insufficient_data"
    note = next(n for n in r.reasons if n.code == "missing_years")
    assert "2017" in note.zh and "2017" in note.en


def test_cumulative_adds_trailing_year_to_date_as_counted() -> None:
    obs = [flow(2016, 3.1), flow(2017, 5.2), flow(2018, 6.8), flow(2019, 8.0), ytd(2020, 6, 5.0)]
    r = assess_target(NEV, obs, 2020.75, "linear")
    assert r.latest_value == pytest.approx(28.1)
    assert r.time_share == pytest.approx(4.5 / 5)
    assert "partial_year_added" in r.reason_codes
    done = assess_target(NEV, [*obs[:4], ytd(2020, 10, 7.5)], 2020.9, "opensdg")
    assert done.status == "achieved"


# ----------------------------------------------------------------------------------------------- relative targets


def test_doubling_relative_to_base_year() -> None:
    spec = TargetSpec(
        id="double", value=2, comparator="≥", direction="higher", kind="level", relation="multiply", **PLAN
    )
    obs = [stock(2016.0, 150.0, "2015"), stock(2018.0, 210.0, "2017")]
    r = assess_target(spec, obs, 2018.5, "opensdg")
    assert r.target_value == 300.0
    assert r.ratio == pytest.approx((1.4**0.5 - 1) / (2**0.2 - 1))  # 1.232
    assert r.status == "on_track"
    # Without the base-year value the doubling has no meaning: no guess from a later observation.
    missing = assess_target(spec, [*obs[1:], stock(2019.0, 260.0, "2018")], 2019.5, "opensdg")
    assert missing.status == "insufficient_data"
    assert "relative_needs_base_year" in missing.reason_codes
    # The plan's stated base value serves as well.
    stated = TargetSpec(
        id="double",
        value=2,
        comparator="≥",
        direction="higher",
        kind="level",
        relation="multiply",
        base_value=150.0,
        **PLAN,
    )
    assert assess_target(stated, obs[1:], 2018.5, "opensdg").ratio == pytest.approx(r.ratio)


def test_decrease_by_and_average_growth() -> None:
    down = TargetSpec(
        id="energy_intensity", value=18, comparator="≤", direction="lower", kind="level", relation="decrease_by", **PLAN
    )
    r = assess_target(down, [stock(2016.0, 1.0, "2015"), stock(2018.0, 0.9, "2017")], 2018.5, "opensdg")
    assert r.target_value == pytest.approx(0.82)
    assert r.ratio == pytest.approx((1 - 0.9**0.5) / (1 - 0.82**0.2))  # 1.318
    assert r.status == "on_track"
    growth = TargetSpec(
        id="sei_va", value=15, comparator="≥", direction="higher", kind="annual_flow", relation="cagr", **PLAN
    )
    g = assess_target(growth, [flow(2015, 100.0), flow(2017, 125.0)], 2018.5, "linear")
    assert g.target_value == pytest.approx(100 * 1.15**5)


def test_target_spec_refuses_contradictions() -> None:
    with pytest.raises(SeimonError, match="direction"):
        TargetSpec(id="x", value=18, comparator="≈", direction="higher", kind="level", relation="decrease_by", **PLAN)
    with pytest.raises(SeimonError, match="comparator"):
        TargetSpec(id="x", value=10, comparator="≥", direction="lower", kind="level", **PLAN)
    with pytest.raises(SeimonError, match="base year"):
        TargetSpec(
            id="x",
            value=10,
            comparator="≥",
            direction="higher",
            kind="level",
            start=2016.0,
            deadline_t=2021.0,
            base_year=2016,
        )
    with pytest.raises(TypeError):
        TargetSpec(id="x", value=10, comparator="≥", kind="level", start=2016.0, deadline_t=2021.0)  # no direction


# ------------------------------------------------------------------------------------------------------ proxies


def test_proxy_is_stated_and_can_be_excluded() -> None:
    obs = [
        stock(2016.0, 239.0, "2015"),
        stock(2018.0, 900.0, "2017", proxy=True, source="高新技术产业统计"),
    ]
    r = assess_target(PV, obs, 2018.5, "linear")
    assert r.latest_value == 900.0
    note = next(n for n in r.reasons if n.code == "proxy")
    assert "高新技术产业统计" in note.zh
    excluded = assess_target(PV, obs, 2018.5, "linear", use_proxies=False)
    assert excluded.status == "insufficient_data"
    assert "proxy_excluded" in excluded.reason_codes


def test_non_proxy_value_preferred_for_the_same_period() -> None:
    obs = [
        stock(2016.0, 239.0, "2015"),
        stock(2018.0, 900.0, "2017", date(2018, 3, 1), proxy=True),
        stock(2018.0, 868.0, "2017", date(2018, 2, 1)),
    ]
    r = assess_target(PV, obs, 2018.5, "linear")
    assert r.latest_value == 868.0
    assert "proxy" not in r.reason_codes
