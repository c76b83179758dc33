"""Store → assess with hand-made, real-world-shaped sparse series: the statuses a planner would give.

Each test writes observations straight into the observations table (as the import pipeline stores them: the
target id as indicator, values in the target's normalised unit, every vintage kept) and assesses as of a date.
Runs on DuckDB and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from seimon.assess.explain import explain_assessment
from seimon.assess.report import assess_plan
from seimon.periods import parse_period
from seimon.plan import load_plan
from seimon.store import Store

COLUMNS = [
    "indicator", "region", "period", "period_kind", "year", "start_month", "end_month", "point_date", "value",
    "unit", "source", "reliability", "note", "published", "extra_json", "batch_id", "row_number", "vintage",
    "is_current",
]  # fmt: skip


def row(
    indicator: str,
    period: str,
    value: float,
    unit: str,
    published: str,
    *,
    batch: int = 1,
    number: int = 1,
    note: str | None = None,
    region: str = "130000",
    current: bool = True,
    extra: str | None = None,
) -> tuple:
    """One stored observation row; ``period`` as a release writes it (2016年10月末, 2017年1-4月)."""
    p = parse_period(period)
    day = dt.date.fromisoformat(published)
    return (
        indicator, region, p.code, p.kind, p.year, p.start_month, p.end_month, p.date, value, unit,
        "测试来源 / test source", "A", note, day, extra, batch, number, dt.datetime.combine(day, dt.time()), current,
    )  # fmt: skip


def assess(store: Store, target: str, as_of: str, method: str = "opensdg") -> dict:
    result = assess_plan(store, as_of=dt.date.fromisoformat(as_of), method=method, target_ids=[target])[0]
    return result.to_dict()


def test_stock_as_of_october_and_december_against_a_2020_target(store: Store) -> None:
    # PV capacity 1500万千瓦 by 2020; no 2015 figure, a stock "as of October 2016" and one at the end of 2017.
    store.bulk_insert(
        "observations",
        COLUMNS,
        [
            row("pv_capacity", "2016年10月末", 5_200_000, "千瓦", "2016-11-20", number=1),
            row("pv_capacity", "2017年末", 8_700_000, "千瓦", "2018-01-25", number=2),
        ],
    )
    got = assess(store, "pv_capacity", "2018-03-31")
    assert got["baseline_period"] == "2016-10-31" and got["baseline_kind"] == "baseline_earliest"
    assert got["reasons"][0].startswith("最早观测值（缺基年值）")  # stated as such, first
    assert got["baseline_value"] == pytest.approx(520.0) and got["unit"] == "万千瓦"
    assert got["latest_value"] == pytest.approx(870.0) and got["latest_period"] == "2017-12-31"
    assert got["target_value"] == pytest.approx(1500.0) and got["deadline"] == 2020
    t0, t, deadline = 2016 + 10 / 12, 2018.0, 2021.0
    observed = (870 / 520) ** (1 / (t - t0)) - 1
    required = (1500 / 520) ** (1 / (deadline - t0)) - 1
    assert got["cagr_observed"] == pytest.approx(observed, rel=1e-4)
    assert got["cagr_required"] == pytest.approx(required, rel=1e-4)
    assert got["ratio"] == pytest.approx(observed / required, rel=1e-4)
    assert got["status"] == "on_track"
    assert got["time_share"] == pytest.approx((t - t0) / (deadline - t0), rel=1e-4)
    assert got["progress_share"] == pytest.approx((870 - 520) / (1500 - 520), rel=1e-4)
    # two points: the forecast says why it cannot be made, rather than guessing
    assert got["forecast"]["status"] == "insufficient_data" and got["probability_meet"] is None
    linear = assess(store, "pv_capacity", "2018-03-31", "linear")
    assert linear["method"] == "linear"
    assert linear["ratio"] == pytest.approx(linear["progress_share"] / linear["time_share"], rel=1e-4)


def test_a_year_to_date_figure_is_not_compared_with_an_annual_target(store: Store) -> None:
    # Zhangjiakou generation ≥400亿千瓦时 in 2020 (an annual flow): full years 2015, 2016, then only 1–4月 2017.
    rows = [
        row("zjk_annual_generation", "2015年", 1.6e10, "千瓦时", "2016-02-20", number=1, region="130700"),
        row("zjk_annual_generation", "2016年", 1.9e10, "千瓦时", "2017-02-20", number=2, region="130700"),
        row("zjk_annual_generation", "2017年1-4月", 0.7e10, "千瓦时", "2017-05-20", number=3, region="130700"),
    ]
    store.bulk_insert("observations", COLUMNS, rows)
    got = assess(store, "zjk_annual_generation", "2017-06-30")
    assert got["latest_period"] == "2016" and got["latest_value"] == pytest.approx(190.0)
    assert "partial_year_flow" in got["reason_codes"]
    assert got["baseline_period"] == "2015" and got["baseline_kind"] == "baseline_base_year"
    assert got["status"] in {"limited", "acceleration_needed"}  # 160 → 190 against 400: behind, not deteriorating
    assert got["ratio"] == pytest.approx((190 / 160 - 1) / ((400 / 160) ** (1 / 5) - 1), rel=1e-4)


def test_cumulative_target_is_a_sum_of_annual_flows_with_the_trailing_ytd_as_counted(store: Store) -> None:
    # 30万 NEVs promoted over 2016–2020: annual flows 2016, 2017 and 1–4月 2018; a 2015 flow is before the period.
    note = "当年推广量（年度流量）/ promoted in the year (annual flow)"
    rows = [
        row("nev_promoted_cumulative", "2015年", 8_000, "辆", "2016-02-01", number=1, note=note),
        row("nev_promoted_cumulative", "2016年", 30_000, "辆", "2017-02-01", number=2, note=note),
        row("nev_promoted_cumulative", "2017年", 50_000, "辆", "2018-02-01", number=3, note=note),
        row("nev_promoted_cumulative", "2018年1-4月", 20_000, "辆", "2018-05-20", number=4, note=note),
    ]
    store.bulk_insert("observations", COLUMNS, rows)
    got = assess(store, "nev_promoted_cumulative", "2018-06-30", "linear")
    assert got["baseline_value"] == 0.0 and got["baseline_period"] == "2015"
    assert got["latest_value"] == pytest.approx(10.0) and got["latest_period"] == "2018-01..04"
    assert {"before_period", "partial_year_added", "cumulative_sum"} <= set(got["reason_codes"])
    time_share = (2018 + 4 / 12 - 2016) / 5
    assert got["progress_share"] == pytest.approx(10 / 30) and got["time_share"] == pytest.approx(time_share)
    assert got["status"] == "acceleration_needed"  # a third of the total in 47% of the time
    assert got["forecast"]["status"] == "ok"  # forecast of the running sum 0, 3, 8 to the end of 2020
    assert 0.0 <= got["probability_meet"] <= 1.0
    # a year missing in between: no sum, no guess
    store.execute("DELETE FROM observations WHERE period = '2016'")
    gap = assess(store, "nev_promoted_cumulative", "2018-06-30")
    assert gap["status"] == "insufficient_data" and "missing_years" in gap["reason_codes"]


def test_capacity_reached_before_the_deadline_is_achieved(store: Store) -> None:
    rows = [
        row("nev_production_capacity", "2015年末", 200_000, "辆", "2016-01-20", number=1),
        row("nev_production_capacity", "2017年末", 380_000, "辆", "2018-01-20", number=2),
        row("nev_production_capacity", "2018年末", 520_000, "辆", "2019-01-20", number=3),
    ]
    store.bulk_insert("observations", COLUMNS, rows)
    got = assess(store, "nev_production_capacity", "2019-03-31")
    assert got["status"] == "achieved" and "target_met" in got["reason_codes"]
    assert got["latest_value"] == pytest.approx(52.0) and got["target_value"] == pytest.approx(50.0)
    before = assess(store, "nev_production_capacity", "2018-12-31")  # the 2018 figure was not out yet
    assert before["status"] != "achieved" and before["latest_period"] == "2017-12-31"


def test_figures_published_after_the_as_of_date_are_ignored_vintages_included(store: Store) -> None:
    rows = [
        row("wind_capacity", "2015年", 10_220_000, "千瓦", "2016-02-10", number=1),
        row("wind_capacity", "2017年", 14_000_000, "千瓦", "2018-02-20", number=2, current=False),
        row("wind_capacity", "2017年", 11_000_000, "千瓦", "2018-09-01", batch=2, number=1),  # revision
        row("wind_capacity", "2018年", 18_000_000, "千瓦", "2019-02-25", number=3),
    ]
    store.bulk_insert("observations", COLUMNS, rows)
    mid_2018 = assess(store, "wind_capacity", "2018-06-30")
    assert mid_2018["latest_period"] == "2017" and mid_2018["latest_value"] == pytest.approx(1400.0)
    assert "published_after_as_of" in mid_2018["reason_codes"]
    end_2018 = assess(store, "wind_capacity", "2018-12-31")  # the revision is out; 2018 is not
    assert end_2018["latest_value"] == pytest.approx(1100.0) and "older_vintage" in end_2018["reason_codes"]
    assert status_rank(end_2018["status"]) < status_rank(mid_2018["status"])
    spring_2019 = assess(store, "wind_capacity", "2019-03-31")
    assert spring_2019["latest_period"] == "2018" and spring_2019["latest_value"] == pytest.approx(1800.0)


def status_rank(status: str) -> int:
    from seimon.assess.report import status_rank as rank

    value = rank(status)
    assert value is not None
    return value


def test_a_single_figure_gives_insufficient_data_not_a_guess(store: Store) -> None:
    store.bulk_insert("observations", COLUMNS, [row("maker_spaces", "2017年末", 260, "家", "2018-02-01")])
    got = assess(store, "maker_spaces", "2018-06-30")
    assert got["status"] == "insufficient_data"
    assert got["ratio"] is None and got["cagr_observed"] is None
    assert got["forecast"]["value"] is None and got["probability_meet"] is None
    assert "no_later_value" in got["reason_codes"]


def test_a_flow_is_never_compared_with_a_stock_target(store: Store) -> None:
    rows = [
        row("pv_capacity", "2015年末", 2_400_000, "千瓦", "2016-02-01", number=1),
        row("pv_capacity", "2017年1-4月", 900_000, "千瓦", "2017-05-20", number=2, note="1-4月新增装机"),
        row("pv_capacity", "2017年", 300_000, "千瓦", "2018-02-01", number=3, note="当年新增 / added in the year",
            extra='{"measure": "flow"}'),
    ]  # fmt: skip
    store.bulk_insert("observations", COLUMNS, rows)
    got = assess(store, "pv_capacity", "2018-06-30")
    assert "measure" in got["reason_codes"] and got["status"] == "insufficient_data"
    explained = explain_assessment(assess_plan(store, as_of=dt.date(2018, 6, 30), target_ids=["pv_capacity"])[0])
    aside = {o["period"]: o["reason"] for o in explained.set_aside}
    assert set(aside) == {"2017-01..04", "2017"} and all("口径不符" in r for r in aside.values())


def test_share_target_from_observations_when_the_indicator_system_has_no_values(store: Store) -> None:
    rows = [
        row("sei_va_share_gdp", "2015年", 9.5, "%", "2016-03-01", number=1),
        row("sei_va_share_gdp", "2017年", 10.9, "%", "2018-03-01", number=2),
        row("sei_va_share_gdp", "2018年上半年", 11.8, "%", "2018-08-01", number=3),
    ]
    store.bulk_insert("observations", COLUMNS, rows)
    got = assess(store, "sei_va_share_gdp", "2018-09-30")
    assert got["source"] == "observations" and "indicator_empty" in got["reason_codes"]
    # the half-year share, newer than every full year, is the current reading of the share (issue 15)
    assert "partial_year_share_latest" in got["reason_codes"] and got["latest_value"] == 11.8
    assert got["status"] == "on_track"  # 9.5 → 11.8 in two and a half years against 12 in five
    assert got["ratio"] == pytest.approx(((11.8 / 9.5) ** (1 / 2.5) - 1) / ((12 / 9.5) ** 0.2 - 1), rel=1e-3)


def test_relative_target_uses_the_base_year_value(store: Store) -> None:
    from seimon.plan.model import SourceRef

    plan = load_plan()
    template = next(t for t in plan.targets if t.id == "sei_va_share_gdp")
    relative = template.model_copy(
        update={
            "id": "energy_intensity",
            "name_zh": "单位工业增加值能耗",
            "value": 18.0,
            "value_normalized": 18.0,
            "unit": "%",
            "unit_normalized": "%",
            "comparator": "≤",
            "kind": "level",
            "direction": "lower",
            "base_year": 2015,
            "source": SourceRef(section="测试", quote="单位工业增加值能耗比2015年下降18%"),
        }
    )
    custom = plan.model_copy(update={"targets": [relative]})
    unit = "吨标准煤/万元"
    rows = [
        row("energy_intensity", "2015年", 1.00, unit, "2016-03-01", number=1),
        row("energy_intensity", "2017年", 0.90, unit, "2018-03-01", number=2),
    ]
    store.bulk_insert("observations", COLUMNS, rows)
    got = assess_plan(store, custom, as_of=dt.date(2018, 6, 30), use_indicators=False)[0].to_dict()
    assert got["target_value"] == pytest.approx(0.82) and got["baseline_value"] == pytest.approx(1.0)
    ratio = -(0.9**0.5 - 1) / abs(0.82**0.2 - 1)
    assert got["ratio"] == pytest.approx(ratio, rel=1e-4) and got["status"] == "on_track"
    assert not math.isnan(got["time_share"])
