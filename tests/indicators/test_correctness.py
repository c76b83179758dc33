"""Key indicators recomputed independently with plain pandas from the raw rows, compared with query()."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from seimon.indicators import query
from seimon.store import Store

SPECIAL = {"130682", "130181"}  # 定州, 辛集: own units in the reporting view


def _frames(dataset: dict[str, Any]) -> dict[str, pd.DataFrame]:
    return {t: pd.DataFrame(rows, columns=cols) for t, (cols, rows) in dataset.items()}


def _city(code: str, view: str) -> str:
    if view == "reporting" and code in SPECIAL:
        return code
    return code[:4] + "00"


@pytest.fixture(scope="module")
def facts(dataset: dict[str, Any]) -> pd.DataFrame:
    f = _frames(dataset)
    r = f["reports"][f["reports"].is_current & (f["reports"].start_month == 1)]
    e = f["enterprises"][["credit_code", "region", "industry"]]
    df = r.merge(e, on="credit_code")
    df["division"] = df.industry.str[:2]
    d = f["deflators"][["division", "year", "end_month", "index_value"]]
    df = df.merge(d, on=["division", "year", "end_month"], how="left")
    cls = f["enterprise_classifications"]
    sei = set(cls[cls.status == "assigned"].credit_code)
    df["is_sei"] = df.credit_code.isin(sei)
    ok = df.value_added.notna() & df.value_added_prior.notna() & df.index_value.notna()
    df["va_real"] = (df.value_added / (df.index_value / 100)).where(ok)
    df["va_prior_c"] = df.value_added_prior.where(ok)
    return df


def _value(rows: list[dict[str, Any]], region: str) -> float:
    found = [r["value"] for r in rows if r["region"] == region]
    assert len(found) == 1, (region, rows)
    return found[0]


@pytest.mark.parametrize(("year", "month", "label"), [(2019, 12, "2019"), (2019, 9, "2019年1-9月")])
@pytest.mark.parametrize("view", ["reporting", "geographic"])
def test_share_of_above_scale_by_city_and_province(  # noqa: PLR0917 - parametrised
    duck_store: Store, facts: pd.DataFrame, year: int, month: int, label: str, view: str
) -> None:
    p = facts[(facts.year == year) & (facts.end_month == month)].copy()
    p["city"] = [_city(c, view) for c in p.region]
    expected_city = p[p.is_sei].groupby("city").value_added.sum() / p.groupby("city").value_added.sum() * 100
    rows = query("sei_va_share_above_scale", store=duck_store, period=label, by="region", view=view)
    got = {r["region"]: r["value"] for r in rows}
    assert set(got) == {c for c, v in expected_city.items() if not math.isnan(v)}
    for city, value in expected_city.dropna().items():
        assert math.isclose(got[city], value, rel_tol=1e-12), city
    if view == "geographic":
        assert "130682" not in got and "130181" not in got  # inside 保定 / 石家庄
    province = query("sei_va_share_above_scale", store=duck_store, period=label, view=view)
    assert math.isclose(
        _value(province, "130000"), p[p.is_sei].value_added.sum() / p.value_added.sum() * 100, rel_tol=1e-12
    )


def test_real_growth_contribution_and_pull(duck_store: Store, facts: pd.DataFrame) -> None:
    p = facts[(facts.year == 2019) & (facts.end_month == 12)]
    s = p[p.is_sei]
    growth_sei = (s.va_real.sum() / s.va_prior_c.sum() - 1) * 100
    growth_all = (p.va_real.sum() / p.va_prior_c.sum() - 1) * 100
    delta_sei = s.va_real.sum() - s.va_prior_c.sum()
    delta_all = p.va_real.sum() - p.va_prior_c.sum()
    checks = {
        "sei_va_real_growth": growth_sei,
        "above_scale_va_real_growth": growth_all,
        "sei_growth_gap": growth_sei - growth_all,
        "sei_contribution_rate": delta_sei / delta_all * 100,
        "sei_pull": delta_sei / p.va_prior_c.sum() * 100,
    }
    for indicator, expected in checks.items():
        got = _value(query(indicator, store=duck_store, period="2019"), "130000")
        assert math.isclose(got, expected, rel_tol=1e-12), indicator
    # 同口径: an enterprise without a prior-year value (i == 7) or a deflator (division 39) is left out of both sides
    assert p.va_real.isna().sum() > 0


def test_enterprise_counts_without_double_counting(
    duck_store: Store, facts: pd.DataFrame, dataset: dict[str, Any]
) -> None:
    p = facts[(facts.year == 2019) & (facts.end_month == 9) & facts.is_sei]
    total = _value(query("sei_enterprises", store=duck_store, period="2019-09"), "130000")
    assert total == p.credit_code.nunique()
    cls = _frames(dataset)["enterprise_classifications"]
    assert (cls[cls.status == "assigned"].groupby("credit_code").size() > 1).any()  # overlaps exist
    by_field = query("sei_enterprises", store=duck_store, period="2019-09", by="sei_field")
    assert sum(r["value"] for r in by_field) > total  # an enterprise in fields 5 and 1 appears in both cells
    for view in ("reporting", "geographic"):
        rows = query("sei_enterprises", store=duck_store, period="2019-09", by="region", view=view)
        assert sum(r["value"] for r in rows) == total, view  # 定州/辛集 counted once in either view
    geo = {
        r["region"]: r["value"]
        for r in query("sei_enterprises", store=duck_store, period="2019-09", by="region", view="geographic")
    }
    expected_baoding = p[p.region.str.startswith("1306")].credit_code.nunique()
    assert geo["130600"] == expected_baoding


def test_entries_and_exits(duck_store: Store, facts: pd.DataFrame) -> None:
    def ids(year: int, month: int) -> set[str]:
        x = facts[(facts.year == year) & (facts.end_month == month) & facts.is_sei]
        return set(x.credit_code)

    for month, label in ((12, "2019"), (9, "2019-09")):
        now, before = ids(2019, month), ids(2018, month)
        assert _value(query("sei_entries", store=duck_store, period=label), "130000") == len(now - before)
        assert _value(query("sei_exits", store=duck_store, period=label), "130000") == len(before - now)


def test_share_of_gdp_converts_units(duck_store: Store, facts: pd.DataFrame, dataset: dict[str, Any]) -> None:
    p = facts[(facts.year == 2019) & (facts.end_month == 12) & facts.is_sei]
    s = _frames(dataset)["service_reports"]
    cls = _frames(dataset)["enterprise_classifications"]
    s = s[
        s.is_current
        & (s.year == 2019)
        & (s.end_month == 12)
        & s.credit_code.isin(cls[cls.status == "assigned"].credit_code)
    ]
    # services SEI value added by the income approach (test_services checks it alone): industry measured + services
    services = (s.payroll + s.taxes.fillna(0) + s.vat.fillna(0) + s.depreciation.fillna(0) + s.operating_profit).sum()
    expected = (p.value_added.sum() + services) / (36010.3 * 10000) * 100  # GDP given in 亿元, VA in 万元
    assert math.isclose(
        _value(query("sei_va_share_gdp", store=duck_store, period="2019"), "130000"), expected, rel_tol=1e-12
    )


def test_single_month_is_a_difference_of_cumulative_values(duck_store: Store, facts: pd.DataFrame) -> None:
    rows = query("sei_va", store=duck_store, period="2019-12", by=None, single_month=True)
    # 1-11月 is not in the data, so December alone cannot be derived: no row rather than a wrong one
    assert rows == []
    feb = query("sei_va", store=duck_store, period="2019-02", single_month=True)
    p = facts[(facts.year == 2019) & (facts.end_month == 2) & facts.is_sei]
    assert math.isclose(_value(feb, "130000"), p.value_added.sum(), rel_tol=1e-12)  # 1–2月 stays combined


def test_cut_by_division(duck_store: Store, facts: pd.DataFrame) -> None:
    """行业大类 = the first two digits of the class code; every enterprise in exactly one division."""
    p = facts[(facts.year == 2019) & (facts.end_month == 12)]
    s = p[p.is_sei]
    assert p.division.nunique() >= 4
    by = {
        ind: {r["division"]: r["value"] for r in query(ind, store=duck_store, period="2019", by="division")}
        for ind in ("sei_va", "sei_va_real_growth", "sei_enterprises", "above_scale_va", "sei_growth_gap")
    }
    assert set(by["sei_enterprises"]) == set(s.division)
    for division, group in s.groupby("division"):
        assert math.isclose(by["sei_va"][division], group.value_added.sum(), rel_tol=1e-12), division
        assert by["sei_enterprises"][division] == group.credit_code.nunique(), division
        if group.va_prior_c.sum() > 0:
            expected = (group.va_real.sum() / group.va_prior_c.sum() - 1) * 100
            assert math.isclose(by["sei_va_real_growth"][division], expected, rel_tol=1e-12), division
            everyone = p[p.division == division]
            gap = expected - (everyone.va_real.sum() / everyone.va_prior_c.sum() - 1) * 100
            assert math.isclose(by["sei_growth_gap"][division], gap, rel_tol=1e-9, abs_tol=1e-9), division
        else:  # no deflator (division 39) or no prior: no comparable growth, never a fabricated one
            assert division not in by["sei_va_real_growth"], division
    total = _value(query("sei_enterprises", store=duck_store, period="2019"), "130000")
    assert sum(by["sei_enterprises"].values()) == total  # one division per enterprise: cells add up
    for division, group in p.groupby("division"):
        assert math.isclose(by["above_scale_va"][division], group.value_added.sum(), rel_tol=1e-12), division
