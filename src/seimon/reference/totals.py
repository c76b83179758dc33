"""Totals over classified enterprises that count each enterprise once per total.

An enterprise may sit in several SEI items (3841 serves 1.2 and 5.2; a product rule can place it in
both). Summing item counts into a field, or fields into the SEI total, would then count it twice. Here
every total is built from the *set* of enterprises under it, so an enterprise in 1.2 and 1.4 counts once
for field 1 and once for the SEI total, and an enterprise in 1.2 and 5.2 counts once in each field but
still once in the SEI total. The same holds for plan industries. Field and plan-industry totals may
therefore add up to more than the SEI total; that is correct, not a defect.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from seimon.reference.classify import Classification
from seimon.reference.sei import PlanIndustryMap, field_of

# (credit code, SEI code) or (credit code, SEI code, plan industry)
AssignedPair = tuple[str, str] | tuple[str, str, str | None]


@dataclass(frozen=True)
class DistinctSets:
    """Which enterprises sit under each total: the SEI total, each field, item and plan industry."""

    sei: frozenset[str]
    by_field: Mapping[str, frozenset[str]]
    by_item: Mapping[str, frozenset[str]]
    by_plan_industry: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class SeiTotals:
    """Enterprise counts per level, each enterprise counted once per total."""

    sei_total: int
    by_field: dict[str, int] = field(default_factory=dict)
    by_item: dict[str, int] = field(default_factory=dict)
    by_plan_industry: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "sei_total": self.sei_total,
            "by_field": self.by_field,
            "by_item": self.by_item,
            "by_plan_industry": self.by_plan_industry,
        }


def _pairs(
    assignments: Iterable[Classification | AssignedPair], plan_map: PlanIndustryMap | None
) -> Iterable[tuple[str, str, str | None]]:
    for entry in assignments:
        if isinstance(entry, Classification):
            for a in entry.assignments:
                yield entry.credit_code, a.sei_code, a.plan_industry
        else:
            credit, code = entry[0], entry[1]
            industry = entry[2] if len(entry) > 2 else (plan_map.industry_for(code) if plan_map else None)
            yield credit, code, industry


def distinct_sets(
    assignments: Iterable[Classification | AssignedPair], plan_map: PlanIndustryMap | None = None
) -> DistinctSets:
    """The set of enterprises under every total.

    >>> s = distinct_sets([("A", "1.2"), ("A", "5.2"), ("B", "1.2")])
    >>> sorted(s.sei), sorted(s.by_field["1"]), sorted(s.by_field["5"])
    (['A', 'B'], ['A', 'B'], ['A'])
    """
    sei: set[str] = set()
    fields: dict[str, set[str]] = defaultdict(set)
    items: dict[str, set[str]] = defaultdict(set)
    industries: dict[str, set[str]] = defaultdict(set)
    for credit, code, industry in _pairs(assignments, plan_map):
        sei.add(credit)
        fields[field_of(code)].add(credit)
        if "." in code:
            items[code].add(credit)
        if industry:
            industries[industry].add(credit)
    return DistinctSets(
        frozenset(sei),
        {k: frozenset(v) for k, v in fields.items()},
        {k: frozenset(v) for k, v in items.items()},
        {k: frozenset(v) for k, v in industries.items()},
    )


def count_distinct_sei(
    assignments: Iterable[Classification | AssignedPair], plan_map: PlanIndustryMap | None = None
) -> SeiTotals:
    """Count enterprises per SEI total, field, item and plan industry, each once per total.

    Accepts :class:`Classification` results or plain ``(credit_code, sei_code[, plan_industry])`` pairs;
    pending and not-SEI classifications contribute nothing.

    >>> t = count_distinct_sei([("A", "1.2"), ("A", "1.4"), ("A", "5.2"), ("B", "5.1")])
    >>> t.sei_total, t.by_field, t.by_item["1.2"]
    (2, {'1': 1, '5': 2}, 1)
    """
    sets = distinct_sets(assignments, plan_map)
    return SeiTotals(
        sei_total=len(sets.sei),
        by_field={k: len(v) for k, v in sorted(sets.by_field.items())},
        by_item={k: len(v) for k, v in sorted(sets.by_item.items())},
        by_plan_industry={k: len(v) for k, v in sorted(sets.by_plan_industry.items())},
    )


def sum_distinct_sei(
    values: Mapping[str, float],
    assignments: Iterable[Classification | AssignedPair],
    plan_map: PlanIndustryMap | None = None,
) -> dict[str, dict[str, float] | float]:
    """Sum an enterprise-level value (value added, revenue) per total, each enterprise once per total.

    Enterprises without a value contribute nothing (a missing value is not zero; the caller reports it).

    >>> sum_distinct_sei({"A": 10.0, "B": 5.0}, [("A", "1.2"), ("A", "5.2"), ("B", "5.1")])["sei_total"]
    15.0
    """
    sets = distinct_sets(assignments, plan_map)

    def total(members: frozenset[str]) -> float:
        return float(sum(values[m] for m in members if m in values))

    return {
        "sei_total": total(sets.sei),
        "by_field": {k: total(v) for k, v in sorted(sets.by_field.items())},
        "by_item": {k: total(v) for k, v in sorted(sets.by_item.items())},
        "by_plan_industry": {k: total(v) for k, v in sorted(sets.by_plan_industry.items())},
    }
