"""Each warning rule type on hand-made enterprise reports and observations (DuckDB and PostgreSQL).

The dataset: three cities (石家庄 130100, 保定 130600, 张家口 130700), each with two SEI enterprises and one
other above-scale enterprise, year-to-date reports 1–2月 … 1–6月 of 2018 and 2019 (deflator 100, so real
growth is the plain same-enterprise growth). Planted: 张家口's SEI enterprises fall 10% from 1–4月 2019; one 保定
SEI enterprise jumps fivefold in June 2019 (an outlier); 保定's other enterprise halves (a sharp drop); 石家庄's
other enterprise has not reported 1–6月 2019; the 1–6月 2019 reports of 保定 and 张家口 arrive through platform
submissions, 保定's late (15 August) and 张家口's on time; everything else was loaded from files.
"""

from __future__ import annotations

import datetime as dt

import pytest

from seimon.assess.warnings import load_rules, run_warnings
from seimon.assess.warnings.rules import RuleSet
from seimon.errors import SeimonError
from seimon.periods import parse_period
from seimon.store import Store

CITIES = {"130100": ("130102", "national_sjz_bio"), "130600": ("130602", "national_baoding_new_energy"),
          "130700": ("130702", "national_zjk_renewable")}  # fmt: skip
T0 = dt.datetime(2019, 1, 1)
# city -> (batch, submission time) of the 1–6月 2019 reports that came through the platform
SUBMITTED = {"130600": (2, dt.datetime(2019, 8, 15)), "130700": (3, dt.datetime(2019, 7, 12))}
AS_OF = dt.date(2019, 8, 31)


def _period(year: int, month: int) -> tuple[str, str, int, int, int]:
    return (str(year) if month == 12 else f"{year}-01..{month:02d}", "ytd", year, 1, month)


def build(store: Store) -> None:
    enterprises, classes, reports, deflators = [], [], [], []
    n = 0
    for city, (county, base) in CITIES.items():
        for k in range(3):
            n += 1
            code = f"91{city}MA{n:07d}X"
            sei = k < 2
            enterprises.append((code, f"企业{city}-{k}", county, "3841", base if sei else None, "中型",
                                1, n, T0, True))  # fmt: skip
            status = "assigned" if sei else "not_sei"
            classes.append(
                (
                    code,
                    "3841",
                    "SEI-2018",
                    "GB/T 4754-2017",
                    "builtin",
                    "5.2" if sei else None,
                    "5" if sei else None,
                    "nev" if sei else None,
                    "automatic",
                    status,
                    "测试",
                    "test",
                    T0,
                )
            )
            size = 1000.0 if city != "130700" else 300.0
            for year in (2018, 2019):
                for month in range(2, 7):
                    prior = size * month
                    growth = 1.08
                    if sei and city == "130700" and year == 2019 and month >= 4:
                        growth = 0.90
                    if sei and city == "130600" and k == 0 and year == 2019 and month == 6:
                        growth = 5.0
                    if not sei and city == "130600" and year == 2019 and month == 6:
                        growth = 0.5
                    if not sei and city == "130100" and year == 2019 and month == 6:
                        continue  # not reported
                    if year == 2018:
                        growth = 1.05
                    loaded = dt.datetime(year, month + 1, 10)
                    batch = 1
                    if city in SUBMITTED and year == 2019 and month == 6:
                        batch, loaded = SUBMITTED[city]
                    va = prior * growth
                    reports.append((code, *_period(year, month), va * 4, va, prior, va * 0.1, None, 100.0,
                                    batch, len(reports) + 1, loaded, True))  # fmt: skip
    for year in (2018, 2019):
        for month in range(2, 7):
            deflators.append(("38", *_period(year, month), 100.0, 1, len(deflators) + 1, T0, True))
    per = ["period", "period_kind", "year", "start_month", "end_month"]
    fact = ["batch_id", "row_number", "vintage", "is_current"]
    store.bulk_insert("enterprises", ["credit_code", "name", "region", "industry", "base", "size", *fact], enterprises)
    store.bulk_insert("enterprise_classifications", ["credit_code", "class_code", "edition", "industry_edition",
                      "concordance_origin", "sei_code", "field_code", "plan_industry", "method", "status",
                      "reason_zh", "reason_en", "classified_at"], classes)  # fmt: skip
    store.bulk_insert("reports", ["credit_code", *per, "revenue", "value_added", "value_added_prior", "profit",
                      "rd_expenditure", "employees", *fact], reports)  # fmt: skip
    store.bulk_insert("deflators", ["division", *per, "index_value", *fact], deflators)
    store.bulk_insert(
        "submissions",
        ["id", "kind", "filename", "content", "sha256", "size", "status", "validation_status", "submitted_by",
         "created_at", "submitted_at", "batch_id", "report"],
        [(batch, "reports", f"{city}.xlsx", b"", "0", 0, "approved", "loaded", city, when, when, batch, "{}")
         for city, (batch, when) in SUBMITTED.items()],
    )  # fmt: skip


OBS_COLUMNS = [
    "indicator",
    "region",
    "period",
    "period_kind",
    "year",
    "start_month",
    "end_month",
    "point_date",
    "value",
    "unit",
    "published",
    "batch_id",
    "row_number",
    "vintage",
    "is_current",
]


def obs_rows() -> list[tuple]:
    """PV 240万千瓦 (2015), 800万千瓦 (2018, Feb 2019), revised to 300万千瓦 in July 2019."""
    spec = [
        ("2015年末", 2_400_000, "2016-02-01", 1),
        ("2017年末", 5_000_000, "2018-02-01", 1),
        ("2018年末", 8_000_000, "2019-02-01", 1),
        ("2018年末", 3_000_000, "2019-07-15", 2),
    ]
    rows = []
    for number, (text, value, published, batch) in enumerate(spec, 1):
        p = parse_period(text)
        day = dt.date.fromisoformat(published)
        rows.append(("pv_capacity", "130000", p.code, p.kind, p.year, p.start_month, p.end_month, p.date, value,
                     "千瓦", day, batch, number, dt.datetime.combine(day, dt.time()), True))  # fmt: skip
    return rows


def rules(*specs: dict) -> RuleSet:
    return RuleSet.model_validate({"rules": list(specs)})


@pytest.fixture
def data_store(store: Store) -> Store:
    build(store)
    return store


def test_consecutive_decline_flags_the_city_with_three_falling_releases(data_store: Store) -> None:
    found = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "d", "type": "consecutive_decline"}))
    assert [w.region for w in found] == ["130700"]
    w = found[0]
    assert w.numbers["periods"] == ["2019-01..04", "2019-01..05", "2019-01..06"]
    assert w.numbers["values"] == pytest.approx([-10.0, -10.0, -10.0])
    assert "张家口市" in w.message_zh and "consecutive" in w.message_en
    longer = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "d", "type": "consecutive_decline", "months": 4}))
    assert longer == []
    early = run_warnings(
        data_store, as_of=dt.date(2019, 5, 31), rules=rules({"id": "d", "type": "consecutive_decline"})
    )
    assert early == []  # only 1–4月 had been released


def test_sei_growth_below_above_scale_industry(data_store: Store) -> None:
    found = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "g", "type": "growth_below_industry"}))
    by_region = {w.region: w for w in found}
    assert "130700" in by_region and "130600" not in by_region
    w = by_region["130700"]
    assert w.numbers["gap_pp"] == pytest.approx(w.numbers["sei_growth"] - w.numbers["above_scale_growth"])
    assert w.numbers["gap_pp"] < 0 and w.period == "2019-01..06"


def test_ranking_bottom_city_and_base(data_store: Store) -> None:
    cities = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "r", "type": "ranking_bottom"}))
    assert [(w.region, w.numbers["rank"], w.numbers["of"]) for w in cities] == [("130700", 3, 3)]
    bases = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "b", "type": "ranking_bottom", "by": "base"}))
    assert [w.industry for w in bases] == ["national_zjk_renewable"]


def test_outliers_z_mad_and_same_month_band(data_store: Store) -> None:
    found = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "o", "type": "outlier", "band_tolerance": 0.15}))
    codes = {(w.region, w.reason_code) for w in found}
    # two years hold too few changes on the same month a year earlier for z and MAD: only the band judges
    assert {("130600", "outlier_band")} == {c for c in codes if c[0] == "130600"}
    assert not any(region == "130100" for region, _ in codes)  # 石家庄 grew 8%: inside its band
    band = next(w for w in found if w.reason_code == "outlier_band" and w.region == "130600")
    assert band.numbers["value"] > band.numbers["upper"]


def test_reporting_completeness_and_timeliness(data_store: Store) -> None:
    found = run_warnings(data_store, as_of=AS_OF, rules=rules({"id": "c", "type": "reporting_completeness"}))
    codes = {(w.region, w.reason_code) for w in found}
    assert ("130100", "reporting_incomplete") in codes and ("130000", "reporting_incomplete") in codes
    assert ("130600", "reporting_late") in codes and ("130700", "reporting_late") not in codes
    sjz = next(w for w in found if w.region == "130100" and w.reason_code == "reporting_incomplete")
    assert (sjz.numbers["expected"], sjz.numbers["reported"]) == (3, 2)
    before_late = run_warnings(data_store, as_of=dt.date(2019, 7, 31),
                               rules=rules({"id": "c", "type": "reporting_completeness"}))  # fmt: skip
    # 保定's 1–6月 reports were not loaded yet: incomplete there, not late
    assert ("130600", "reporting_incomplete") in {(w.region, w.reason_code) for w in before_late}


def test_history_loaded_late_is_not_late_and_dormant_enterprises_are_not_expected(data_store: Store) -> None:
    # everything loaded from files long after the fact: no receipt time, so no timeliness verdict
    data_store.execute("UPDATE reports SET batch_id = 1, vintage = ? WHERE batch_id <> 1", [dt.datetime(2026, 12, 1)])
    # an enterprise that last reported 1–2月 2018, and one that exited in 2018, are not expected in 2019
    fact = ["batch_id", "row_number", "vintage", "is_current"]
    data_store.bulk_insert("enterprises", ["credit_code", "name", "region", "industry", "extra_json", *fact],
                           [("91130100MA0000098X", "久未报送", "130102", "3841", None, 1, 98, T0, True),
                            ("91130100MA0000099X", "已退出", "130102", "3841", '{"exited":"2018-10-31"}', 1, 99, T0,
                             True)])  # fmt: skip
    data_store.bulk_insert(
        "reports",
        ["credit_code", "period", "period_kind", "year", "start_month", "end_month", "value_added", *fact],
        [("91130100MA0000098X", *_period(2018, 2), 5.0, 1, 998, T0, True),
         ("91130100MA0000099X", *_period(2018, 6), 5.0, 1, 999, T0, True)],
    )  # fmt: skip
    found = run_warnings(data_store, as_of=dt.date(2026, 12, 7),
                         rules=rules({"id": "c", "type": "reporting_completeness"}))  # fmt: skip
    assert not [w for w in found if w.reason_code == "reporting_late"]
    province = next(w for w in found if w.region == "130000" and w.reason_code == "reporting_incomplete")
    assert province.numbers["expected"] == 9 and province.numbers["treated_as_exited"] == 2
    assert "2 家已退出" in province.message_zh and "2 treated as exited" in province.message_en


def test_enterprise_sharp_drops_are_internal_only(data_store: Store) -> None:
    rule = rules({"id": "e", "type": "enterprise_drop"})
    assert run_warnings(data_store, as_of=AS_OF, rules=rule) == []
    found = run_warnings(data_store, as_of=AS_OF, rules=rule, include_internal=True)
    assert [w.numbers["credit_code"] for w in found] == ["91130600MA0000006X"]
    assert found[0].internal and found[0].numbers["change"] == pytest.approx(-0.5)
    assert "【内部】" in found[0].message_zh


def test_status_downgrade_against_the_previous_quarter(store: Store) -> None:
    store.bulk_insert("observations", OBS_COLUMNS, obs_rows())
    found = run_warnings(store, as_of=AS_OF, rules=rules({"id": "s", "type": "status_downgrade"}))
    assert [w.numbers["target_id"] for w in found] == ["pv_capacity"]
    w = found[0]
    assert (w.numbers["status_before"], w.numbers["as_of_before"]) == ("on_track", "2019-05-31")
    assert w.numbers["status_now"] in {"limited", "deteriorating", "acceleration_needed"}
    assert "降为" in w.message_zh


def test_rule_files_are_validated_with_located_errors(tmp_path) -> None:
    assert {r.type for r in load_rules().rules} >= {"status_downgrade", "enterprise_drop", "outlier"}
    bad = tmp_path / "rules.yaml"
    text = "rules:\n  - id: ok\n    type: outlier\n  - id: drop\n    type: enterprise_drop\n    internal: false\n"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SeimonError) as err:
        load_rules(bad)
    assert err.value.location.line == 4 and "internal" in err.value.message_en
    typo = tmp_path / "typo.yaml"
    typo.write_text("rules:\n  - id: g\n    type: growth_below_industry\n    treshold: 1\n", encoding="utf-8")
    with pytest.raises(SeimonError):
        load_rules(typo)


def seasonal_store(store: Store, december_2019: float) -> Store:
    """One SEI enterprise of 石家庄 reporting 1–N月 for 2016–2019: every December is three times a usual month,
    every year 5 % up on the last; December 2019 is ``december_2019`` times its expected value."""
    fact = ["batch_id", "row_number", "vintage", "is_current"]
    code = "91130100MA0000001X"
    store.bulk_insert("enterprises", ["credit_code", "name", "region", "industry", "base", "size", *fact],
                      [(code, "季节企业", "130102", "3841", None, "中型", 1, 1, T0, True)])  # fmt: skip
    store.bulk_insert("enterprise_classifications", ["credit_code", "class_code", "edition", "industry_edition",
                      "concordance_origin", "sei_code", "field_code", "plan_industry", "method", "status",
                      "reason_zh", "reason_en", "classified_at"],
                      [(code, "3841", "SEI-2018", "GB/T 4754-2017", "builtin", "5.2", "5", "nev", "automatic",
                        "assigned", "测试", "test", T0)])  # fmt: skip
    reports, deflators = [], []
    for year in range(2016, 2020):
        level = 100.0 * 1.05 ** (year - 2016)
        total = prior_total = 0.0
        for month in range(1, 13):
            single = level * (3.0 if month == 12 else 1.0)
            if year == 2019 and month == 12:
                single *= december_2019
            total += single
            prior_total += single / 1.05
            if month == 1:
                continue  # 1–2月 are released together
            reports.append((code, *_period(year, month), total * 4, total, prior_total, None, None, 100.0, 1,
                            len(reports) + 1, dt.datetime(year, month, 28), True))  # fmt: skip
            deflators.append(("38", *_period(year, month), 100.0, 1, len(deflators) + 1, T0, True))
    per = ["period", "period_kind", "year", "start_month", "end_month"]
    store.bulk_insert("reports", ["credit_code", *per, "revenue", "value_added", "value_added_prior", "profit",
                      "rd_expenditure", "employees", *fact], reports)  # fmt: skip
    store.bulk_insert("deflators", ["division", *per, "index_value", *fact], deflators)
    return store


@pytest.mark.parametrize(("december", "flagged"), [(1.0, False), (2.0, True)])
def test_single_months_are_judged_against_the_same_month_a_year_earlier(
    store: Store, december: float, flagged: bool
) -> None:
    seasonal_store(store, december)
    rule = rules({"id": "o", "type": "outlier", "indicator": "sei_va", "methods": ["z", "mad"], "region": "130000"})
    found = run_warnings(store, as_of=dt.date(2020, 2, 1), rules=rule)
    # a routine December (three times November) is no outlier; a December twice its usual size is
    assert bool(found) is flagged
    if flagged:
        assert {w.period for w in found} == {"2019-12"} and "上年同月" in found[0].message_zh
