"""The services half of SEI statistics, recomputed by hand with pandas and compared across the three engines.

Independent sums from the raw rows of the shared dataset (tests/indicators/conftest.py): services revenue,
same-enterprise (同口径) revenue growth, the income-approach value added, SEI revenue of both halves and the GDP
share built from industry measured plus services estimated.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from seimon.indicators import load_registry, query
from seimon.indicators.compile import Cut, compile_frame
from seimon.indicators.engines import open_engine
from seimon.store import Store

NEW = [
    "sei_services_revenue",
    "above_scale_services_revenue",
    "sei_services_revenue_growth",
    "sei_services_va",
    "sei_va_total",
    "sei_revenue",
    "sei_industry_revenue",
    "sei_profit_margin",
]
SPECIAL = {"130682", "130181"}


def _frames(dataset: dict[str, Any]) -> dict[str, pd.DataFrame]:
    return {t: pd.DataFrame(rows, columns=cols) for t, (cols, rows) in dataset.items()}


@pytest.fixture(scope="module")
def services(dataset: dict[str, Any]) -> pd.DataFrame:
    """Current services rows with the enterprise's county and its SEI plan industries (one row per industry)."""
    f = _frames(dataset)
    s = f["service_reports"][f["service_reports"].is_current & (f["service_reports"].start_month == 1)]
    e = f["enterprises"][["credit_code", "region", "industry"]]
    s = s.merge(e, on="credit_code")
    cls = f["enterprise_classifications"]
    assigned = cls[cls.status == "assigned"]
    s["is_sei"] = s.credit_code.isin(assigned.credit_code)
    s["va_est"] = s.payroll + s.taxes.fillna(0) + s.vat.fillna(0) + s.depreciation.fillna(0) + s.operating_profit
    return s


def _one(rows: list[dict[str, Any]], region: str = "130000") -> float:
    found = [r["value"] for r in rows if r["region"] == region]
    assert len(found) == 1, (region, rows)
    return float(found[0])


@pytest.mark.parametrize(("year", "month", "label"), [(2019, 12, "2019"), (2019, 9, "2019年1-9月"), (2018, 12, "2018")])
def test_services_revenue_is_the_sum_of_sei_services_enterprises(
    duck_store: Store, services: pd.DataFrame, year: int, month: int, label: str
) -> None:
    p = services[(services.year == year) & (services.end_month == month)]
    assert p.is_sei.sum() >= 3 and (~p.is_sei).sum() >= 1  # the dataset has both, or the test proves nothing
    got = _one(query("sei_services_revenue", store=duck_store, period=label))
    assert math.isclose(got, p[p.is_sei].revenue.sum(), rel_tol=1e-12)
    everyone = _one(query("above_scale_services_revenue", store=duck_store, period=label))
    assert math.isclose(everyone, p.revenue.sum(), rel_tol=1e-12)
    by_city = {
        r["region"]: r["value"] for r in query("sei_services_revenue", store=duck_store, period=label, by="region")
    }
    p = p[p.is_sei].assign(city=[c if c in SPECIAL else c[:4] + "00" for c in p[p.is_sei].region])
    expected = p.groupby("city").revenue.sum()
    assert set(by_city) == set(expected.index)
    for city, value in expected.items():
        assert math.isclose(by_city[city], value, rel_tol=1e-12), city


def test_services_revenue_growth_is_same_enterprise(duck_store: Store, services: pd.DataFrame) -> None:
    p = services[(services.year == 2019) & (services.end_month == 12) & services.is_sei]
    same = p[p.revenue.notna() & p.revenue_prior.notna()]
    assert len(same) < len(p)  # the 2019 entrant has no prior value and stays out of 同口径
    expected = (same.revenue.sum() / same.revenue_prior.sum() - 1) * 100
    assert math.isclose(
        _one(query("sei_services_revenue_growth", store=duck_store, period="2019")), expected, rel_tol=1e-12
    )
    # not the growth of the published totals: entries would inflate it
    naive = (
        p.revenue.sum() / services[(services.year == 2018) & (services.end_month == 12) & services.is_sei].revenue.sum()
        - 1
    ) * 100
    assert not math.isclose(expected, naive, rel_tol=1e-6)
    by = {
        r["plan_industry"]: r["value"]
        for r in query("sei_services_revenue_growth", store=duck_store, period="2019", by="plan_industry")
    }
    assert set(by) == {"next_gen_it", "energy_saving_env"}
    for industry, classes in (("next_gen_it", "6520"), ("energy_saving_env", "7722")):
        g = same[same.industry == classes]
        assert math.isclose(by[industry], (g.revenue.sum() / g.revenue_prior.sum() - 1) * 100, rel_tol=1e-12)


def test_income_approach_value_added(duck_store: Store, services: pd.DataFrame, dataset: dict[str, Any]) -> None:
    p = services[(services.year == 2019) & (services.end_month == 12) & services.is_sei]
    assert p.operating_profit.isna().any()  # an enterprise without 营业利润 is left out, not counted as zero VA
    expected = p.va_est.sum()
    assert math.isclose(_one(query("sei_services_va", store=duck_store, period="2019")), expected, rel_tol=1e-12)
    r = _frames(dataset)["reports"]
    cls = _frames(dataset)["enterprise_classifications"]
    sei = set(cls[cls.status == "assigned"].credit_code)
    r = r[r.is_current & (r.year == 2019) & (r.end_month == 12) & r.credit_code.isin(sei)]
    total = _one(query("sei_va_total", store=duck_store, period="2019"))
    assert math.isclose(total, r.value_added.sum() + expected, rel_tol=1e-12)
    both = _one(query("sei_revenue", store=duck_store, period="2019"))
    assert math.isclose(both, r.revenue.sum() + p.revenue.sum(), rel_tol=1e-12)
    industry = _one(query("sei_industry_revenue", store=duck_store, period="2019"))
    assert math.isclose(industry, r.revenue.sum(), rel_tol=1e-12)
    margin = _one(query("sei_profit_margin", store=duck_store, period="2019"))
    assert math.isclose(margin, r.profit.sum() / r.revenue.sum() * 100, rel_tol=1e-12)  # industrial revenue only


def _run(store: Store, engine: str) -> dict[str, pd.DataFrame]:
    registry = load_registry()
    regions = (("reporting", "province"), ("reporting", "city"), ("geographic", "city"))
    out = {}
    with open_engine(engine, store) as eng:
        for extra in (None, "plan_industry", "sei_item", "division"):
            cut = Cut(regions, extra)
            ids = [i for i in NEW if registry[i].supports(extra)]
            frame = eng.execute(compile_frame(registry, ids, cut, eng.table))
            out[extra or "total"] = frame.sort_values(list(cut.keys)).reset_index(drop=True)
    return out


@pytest.mark.postgres
def test_three_engines_agree_on_the_services_indicators(duck_store: Store, pg_store: Store, spark: object) -> None:
    base = _run(duck_store, "duckdb")
    assert base["total"]["sei_services_revenue_growth"].notna().sum() >= 5
    assert base["division"]["sei_services_revenue"].notna().any()
    for engine, store in (("postgres", pg_store), ("spark", duck_store)):
        theirs = _run(store, engine)
        for name, frame in base.items():
            other = theirs[name]
            assert list(frame.columns) == list(other.columns) and len(frame) == len(other), (engine, name)
            for col in frame.columns:
                for a, b in zip(frame[col].tolist(), other[col].tolist(), strict=True):
                    if isinstance(a, str) or isinstance(b, str):
                        assert a == b, (engine, name, col)
                    elif a is None or (isinstance(a, float) and math.isnan(a)):
                        assert b is None or (isinstance(b, float) and math.isnan(b)), (engine, name, col)
                    else:
                        assert math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9), (engine, name, col)


def test_assessment_says_what_was_measured_and_what_estimated(duck_store: Store) -> None:
    import datetime as dt

    from seimon.assess.inputs import composition_notes

    as_of = dt.date(2030, 1, 1)
    notes = composition_notes(duck_store, "sei_va_share_gdp", "130000", "2019", as_of)
    assert [n.code for n in notes] == ["measured_and_estimated"]
    measured = _one(query("sei_va", store=duck_store, period="2019")) / 10000
    estimated = _one(query("sei_services_va", store=duck_store, period="2019")) / 10000
    assert f"{measured:.1f}亿元为企业报送（实测）" in notes[0].zh and f"{estimated:.1f}亿元为收入法估算" in notes[0].zh
    assert composition_notes(duck_store, "sei_va_share_above_scale", "130000", "2019", as_of) == []
