"""Target semantics: the value a target's rule compares (issue 20), on the built-in plan's own targets."""

from __future__ import annotations

import pytest

from seimon.assess.semantics import comparable_value, meets_target
from seimon.plan import load_plan


@pytest.fixture(scope="module")
def targets() -> dict:
    plan = load_plan()
    return {t.id: t for t in plan.targets}


def test_new_workstations_count_what_was_added_since_2015(targets: dict) -> None:
    target = targets["academician_workstations"]
    assert (target.semantics, target.counted_from, target.value) == ("flow", 2015, 500)
    levels = {2015: 118, 2016: 190, 2018: 380, 2020: 640}
    found = comparable_value(target.semantics, levels, series_kind="stock", counted_from=target.counted_from)
    assert (found.value, found.years) == (522.0, (2015, 2020))
    assert meets_target(target.semantics, found.value, value=target.value, comparator=target.comparator).met
    # Read as a stock (the old reading) the same data would compare 640 with 500.
    as_of_2019 = comparable_value("flow", levels, series_kind="stock", counted_from=2015, as_of_year=2019)
    assert as_of_2019.value == 262.0
    assert not meets_target("flow", as_of_2019.value, value=500, comparator="=").met


def test_flow_from_yearly_flows_needs_every_year() -> None:
    flows = {2016: 80, 2017: 90, 2018: 100, 2019: 110, 2020: 130}
    assert comparable_value("flow", flows, series_kind="flow", counted_from=2015).value == 510.0
    gap = comparable_value("flow", {2016: 80, 2018: 100}, series_kind="flow", counted_from=2015)
    assert gap.value is None and "2017" in gap.rule_en
    with pytest.raises(ValueError, match="counted_from"):
        comparable_value("flow", flows, series_kind="flow")


def test_one_to_two_makers_is_a_range(targets: dict) -> None:
    target = targets["nev_leading_makers"]
    assert (target.semantics, target.value, target.value_max) == ("range", 1, 2)
    verdicts = [meets_target("range", n, value=target.value, value_max=target.value_max) for n in (0, 1, 2, 3)]
    assert [(v.met, v.position) for v in verdicts] == [
        (False, "below"),
        (True, "inside"),
        (True, "inside"),
        (False, "above"),
    ]


def test_annual_flow_must_hold_every_year(targets: dict) -> None:
    target = targets["hitech_projects_per_year"]
    assert target.semantics == "annual_flow"
    found = comparable_value("annual_flow", {2016: 120, 2017: 96, 2018: 130}, series_kind="flow", counted_from=2015)
    assert (found.value, found.years) == (96.0, (2016, 2017, 2018))
    assert not meets_target("annual_flow", found.value, value=100, comparator="≥").met
    from_levels = comparable_value(
        "annual_flow", {2015: 10, 2016: 120, 2017: 240}, series_kind="stock", counted_from=2015
    )
    assert from_levels.value == 110.0


def test_stock_and_rate_take_the_latest_value_as_of_a_year() -> None:
    series = {2016: 10.5, 2017: 11.2, 2018: 12.4}
    assert comparable_value("rate", series, series_kind="stock", as_of_year=2017).value == 11.2
    assert comparable_value("stock", {}, series_kind="stock").value is None
    assert meets_target("stock", 1499, value=1500, comparator="≥").met is False
    assert meets_target("rate", 3.9, value=4.5, comparator="≤").met is True
    with pytest.raises(ValueError):
        meets_target("stock", 1, value=1, comparator="~")
