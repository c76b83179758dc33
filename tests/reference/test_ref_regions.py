"""The region register against the NBS 2023 fixture, and aggregation without double counting."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seimon.errors import SeimonError
from seimon.reference.regions import PROVINCE_CODE, XIONGAN, View, load_regions

REG = load_regions()
COUNTY_CODES = sorted(r.code for r in REG.county_units())


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_counties_agree_with_nbs_2023_fixture(reference_dir: Path) -> None:
    fixture = {r["code"]: r for r in _read(reference_dir / "hebei_counties_nbs2023.csv")}
    ours = {r.code: r for r in REG.county_units()}
    assert set(ours) == set(fixture)
    for code, row in fixture.items():
        region = ours[code]
        assert region.name_zh == row["name"], code
        assert region.geo_parent == row["city_code"], code
        assert region.is_development_zone == (row["is_functional_zone"] == "1"), code
        assert (region.kind == "zone") == (row["is_functional_zone"] == "1"), code


def test_top_levels_agree_with_fixture(reference_dir: Path) -> None:
    rows = [r for r in _read(reference_dir / "hebei_regions_top.csv") if r["code"]]
    for row in rows:
        region = REG.get(row["code"])
        assert region.name_zh == row["name"]
        assert region.geo_parent == (row["parent_code"] or None)
    cities = [r["code"] for r in rows if r["level"] == "prefecture"]
    assert sorted(c.code for c in REG.cities()) == sorted(cities)
    assert all(c.name_en for c in REG.cities()) and REG.get(PROVINCE_CODE).name_en


def test_dingzhou_and_xinji_in_both_views() -> None:
    reporting = [r.code for r in REG.reporting_units()]
    assert len(reporting) == 13 and {"130682", "130181"} <= set(reporting)
    assert "130682" not in [r.code for r in REG.children("130600", View.REPORTING)]
    assert "130682" in [r.code for r in REG.children("130600", View.GEOGRAPHIC)]
    assert "130181" in [r.code for r in REG.children("130100", View.GEOGRAPHIC)]
    assert len(REG.children(PROVINCE_CODE, View.GEOGRAPHIC)) == 11
    assert REG.ancestor_at("130181", "city", View.REPORTING) == "130181"
    assert REG.ancestor_at("130181", "city", View.GEOGRAPHIC) == "130100"
    assert REG.ancestor_at("130671", "city", View.REPORTING) == "130600"  # a zone counts under its city


def test_xiongan_group_and_zones() -> None:
    assert XIONGAN.members == ("130629", "130632", "130638")
    assert {r.code for r in REG.county_units() if "xiongan" in r.flags} == set(XIONGAN.members)
    zones = [r for r in REG.county_units() if r.is_development_zone]
    assert zones and all(r.code[4] == "7" for r in zones)  # 13xx7x


def test_aggregate_refuses_a_unit_with_its_ancestor() -> None:
    with pytest.raises(SeimonError) as info:
        REG.aggregate({"130600": 1.0, "130682": 2.0}, "city", View.REPORTING)
    assert info.value.code == "double_count"
    with pytest.raises(SeimonError):
        REG.get("139999")


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(COUNTY_CODES), st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1)
)
def test_province_total_equals_sum_over_reporting_and_geographic_units(values: dict[str, float]) -> None:
    expected = sum(values.values())
    reporting = REG.aggregate(values, "city", View.REPORTING)
    geographic = REG.aggregate(values, "city", View.GEOGRAPHIC)
    reporting_units = {r.code for r in REG.reporting_units()}
    assert set(reporting) <= reporting_units
    assert set(geographic) <= {c.code for c in REG.cities()}
    assert sum(reporting.values()) == pytest.approx(expected)
    assert sum(geographic.values()) == pytest.approx(expected)
    for view in View:
        province = REG.aggregate(values, "province", view)
        assert list(province) == [PROVINCE_CODE]
        assert province[PROVINCE_CODE] == pytest.approx(sum(REG.aggregate(values, "city", view).values()))
    # 定州 is counted in 保定 only in the geographic view, never in both 保定 and 定州
    dz = values.get("130682", 0.0)
    if "130682" in values:
        assert reporting["130682"] == pytest.approx(dz)
    baoding_geo = sum(v for k, v in values.items() if REG.ancestor_at(k, "city", View.GEOGRAPHIC) == "130600")
    assert geographic.get("130600", 0.0) == pytest.approx(baoding_geo)
    assert reporting.get("130600", 0.0) == pytest.approx(baoding_geo - dz)
