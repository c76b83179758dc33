"""Reference registers (regions, GB/T 4754 industries, SEI 2018 and its concordance) and the
classification of enterprises into SEI items.

Packaged tables are our own, each citing the official standard it was written from; users can import the
official full tables into the store, which then replace the built-in ones.
"""

from __future__ import annotations

from seimon.reference.classify import (
    Classification,
    Enterprise,
    classify_and_store,
    classify_enterprise,
    pending_enterprises,
)
from seimon.reference.concordance import Candidate, Lookup, active_concordance, builtin_concordance, lookup_class
from seimon.reference.decisions import NOT_SEI, Decision, find_decision, record_decision
from seimon.reference.editions import INDUSTRY_EDITION, REGION_EDITION, SEI_EDITION
from seimon.reference.regions import Level, RegionRegister, View, load_regions
from seimon.reference.sei import PlanIndustryMap, plan_industry_map, sei_categories
from seimon.reference.totals import SeiTotals, count_distinct_sei, sum_distinct_sei

__all__ = [
    "INDUSTRY_EDITION",
    "NOT_SEI",
    "REGION_EDITION",
    "SEI_EDITION",
    "Candidate",
    "Classification",
    "Decision",
    "Enterprise",
    "Level",
    "Lookup",
    "PlanIndustryMap",
    "RegionRegister",
    "SeiTotals",
    "View",
    "active_concordance",
    "builtin_concordance",
    "classify_and_store",
    "classify_enterprise",
    "count_distinct_sei",
    "find_decision",
    "load_regions",
    "lookup_class",
    "pending_enterprises",
    "plan_industry_map",
    "record_decision",
    "sei_categories",
    "sum_distinct_sei",
]
