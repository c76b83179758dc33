"""Totals count each enterprise once per total (property-based)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seimon.plan import load_plan
from seimon.reference.classify import Enterprise, classify_enterprise
from seimon.reference.sei import field_of, plan_industry_map, sei_categories
from seimon.reference.totals import count_distinct_sei, sum_distinct_sei

ITEMS = [c.code for c in sei_categories() if c.level == 2]
CREDITS = [f"9113010000000{n:04d}X" for n in range(30)]
PLAN_MAP = plan_industry_map(load_plan().industries)

assignment_sets = st.dictionaries(
    st.sampled_from(CREDITS), st.lists(st.sampled_from(ITEMS), min_size=0, max_size=5), max_size=30
)


@settings(max_examples=120, deadline=None)
@given(assignment_sets)
def test_totals_count_distinct_enterprises(assigned: dict[str, list[str]]) -> None:
    pairs = [(credit, code) for credit, codes in assigned.items() for code in codes]
    # the same pair twice (two imports) must not count twice either
    totals = count_distinct_sei(pairs + pairs[:3], PLAN_MAP)
    classified = {credit for credit, codes in assigned.items() if codes}
    assert totals.sei_total == len(classified)
    for field in {field_of(code) for _, code in pairs}:
        expected = {credit for credit, codes in assigned.items() if any(field_of(c) == field for c in codes)}
        assert totals.by_field[field] == len(expected)
        assert totals.by_field[field] <= totals.sei_total
    for item, count in totals.by_item.items():
        assert count == sum(1 for codes in assigned.values() if item in codes)
    for industry, count in totals.by_plan_industry.items():
        members = {c for c, codes in assigned.items() if any(PLAN_MAP.industry_for(x) == industry for x in codes)}
        assert count == len(members)
    assert sum(totals.by_field.values()) >= totals.sei_total
    values = {credit: float(index + 1) for index, credit in enumerate(CREDITS)}
    sums = sum_distinct_sei(values, pairs, PLAN_MAP)
    assert sums["sei_total"] == sum(values[c] for c in classified)


def test_two_items_of_one_field_count_once_for_the_field_and_the_total() -> None:
    totals = count_distinct_sei([("A", "1.2"), ("A", "1.4"), ("B", "1.2"), ("B", "5.2")], PLAN_MAP)
    assert totals.sei_total == 2
    assert totals.by_field == {"1": 2, "5": 1}
    assert totals.by_item == {"1.2": 2, "1.4": 1, "5.2": 1}
    assert totals.by_plan_industry == {"next_gen_it": 2, "nev": 1}


def test_classifications_feed_totals_and_pending_counts_nothing() -> None:
    industries = load_plan().industries
    results = [
        classify_enterprise(Enterprise(CREDITS[0], "3841", "动力电池、手机电池"), industries=industries),
        classify_enterprise(Enterprise(CREDITS[1], "3841"), industries=industries),  # pending
        classify_enterprise(Enterprise(CREDITS[2], "3612"), industries=industries),
    ]
    totals = count_distinct_sei(results)
    assert totals.sei_total == 2
    assert totals.by_field == {"1": 1, "5": 2}
    assert totals.by_plan_industry == {"nev": 2, "next_gen_it": 1}
