"""NBS 战略性新兴产业分类（2018）: the 9 fields and 40 items, and how the plan's industries map onto them.

The plan's 8 industries are not the NBS fields (先进装备制造 is broader than 高端装备制造; the plan has no
相关服务业), so the plan lists, for each of its industries, the SEI field or item codes it covers. Here
those codes are turned into a lookup from any SEI code to the plan industry, the most specific code
winning: if one industry claims field "2" and another item "2.1", then 2.1 goes to the second and 2.2
to the first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from seimon.errors import Location, SeimonError
from seimon.reference.packaged import packaged_table

logger = logging.getLogger(__name__)

SEI_TABLE = "sei2018_categories.csv"


@dataclass(frozen=True)
class SeiCategory:
    """A field (level 1, "5") or item (level 2, "5.2") of SEI 2018."""

    code: str
    level: int
    parent: str | None
    name_zh: str
    name_en: str


class PlanIndustryLike(Protocol):
    """What we need from a plan industry (``seimon.plan`` model or any stand-in of the same shape)."""

    id: str
    name_zh: str
    name_en: str
    sei_codes: list[str]


@lru_cache(maxsize=1)
def sei_categories() -> tuple[SeiCategory, ...]:
    """The 9 fields and 40 items in official order.

    >>> cats = sei_categories()
    >>> sum(c.level == 1 for c in cats), sum(c.level == 2 for c in cats)
    (9, 40)
    """
    return tuple(
        SeiCategory(r["code"], int(r["level"]), r["parent"] or None, r["name_zh"], r["name_en"])
        for r in packaged_table(SEI_TABLE).rows
    )


@lru_cache(maxsize=1)
def _by_code() -> dict[str, SeiCategory]:
    return {c.code: c for c in sei_categories()}


def is_sei_code(code: str) -> bool:
    """Whether ``code`` is an SEI 2018 field or item.

    >>> is_sei_code("5.2"), is_sei_code("3"), is_sei_code("5.9")
    (True, True, False)
    """
    return code in _by_code()


def sei_category(code: str) -> SeiCategory:
    """The field or item with ``code``; a bilingual error otherwise.

    >>> sei_category("5.1").name_zh
    '新能源汽车整车制造'
    """
    try:
        return _by_code()[code]
    except KeyError:
        raise SeimonError(
            f"未知战略性新兴产业分类代码：{code}",
            f"unknown SEI 2018 code: {code}",
            Location(field="sei_code"),
            code="unknown_sei",
        ) from None


def field_of(code: str) -> str:
    """The field (level-1 code) of an item or field code.

    >>> field_of("5.2"), field_of("3")
    ('5', '3')
    """
    return code.split(".", 1)[0]


def default_industries() -> Sequence[PlanIndustryLike]:
    """The industries of the built-in plan (imported lazily: the plan stage loads YAML)."""
    from seimon.plan import load_plan

    return load_plan().industries


class PlanIndustryMap:
    """SEI code -> plan industry id, most specific plan code winning.

    Codes come from each industry's ``sei_codes`` and, where only one industry claims them, from its
    sub-fields' ``sei_codes`` (the Hebei plan files 4.4 生物质能 under 新能源 through a sub-field).

    >>> from types import SimpleNamespace as NS
    >>> m = PlanIndustryMap([NS(id="equip", sei_codes=["2"]), NS(id="rail", sei_codes=["2.4"])])
    >>> m.industry_for("2.4"), m.industry_for("2.1"), m.industry_for("9.1")
    ('rail', 'equip', None)
    """

    def __init__(self, industries: Iterable[Any]) -> None:
        self.industries = list(industries)
        self._codes: dict[str, str] = {}
        # the industry's own codes first: an explicit claim at equal specificity beats a sub-field's
        for industry in self.industries:
            for code in industry.sei_codes:
                owner = self._codes.setdefault(code, industry.id)
                if owner != industry.id:
                    logger.debug("SEI code %s claimed by %s and %s; keeping %s", code, owner, industry.id, owner)
        # sub-field codes refine the map where exactly one industry claims them (2.3 is claimed by two
        # sub-fields of the Hebei plan, so it stays with the industry claiming field 2)
        sub_owners: dict[str, set[str]] = {}
        for industry in self.industries:
            for sub in getattr(industry, "subfields", None) or []:
                for code in getattr(sub, "sei_codes", None) or []:
                    sub_owners.setdefault(code, set()).add(industry.id)
        for code, owners in sub_owners.items():
            if code not in self._codes and len(owners) == 1:
                self._codes[code] = next(iter(owners))

    def industry_for(self, sei_code: str | None) -> str | None:
        """The plan industry of ``sei_code`` (an item, or a field when the item is unknown)."""
        if not sei_code:
            return None
        if sei_code in self._codes:
            return self._codes[sei_code]
        if "." not in sei_code:
            # a bare field ("3", item lost in the source file): its industry if all its mapped items agree
            owners = {v for k, v in self._codes.items() if field_of(k) == sei_code}
            return owners.pop() if len(owners) == 1 else None
        return self._codes.get(field_of(sei_code))

    def codes(self) -> dict[str, str]:
        return dict(self._codes)


def plan_industry_map(industries: Iterable[Any] | None = None) -> PlanIndustryMap:
    """A :class:`PlanIndustryMap` for ``industries`` (default: the built-in plan's 8 industries)."""
    return PlanIndustryMap(default_industries() if industries is None else industries)


def sei_records(industries: Iterable[Any] | None = None) -> list[dict[str, object]]:
    """Fields and items with their plan industry, for listings and JSON output."""
    mapping = plan_industry_map(industries)
    return [
        {
            "code": c.code,
            "name": c.name_zh,
            "name_en": c.name_en,
            "level": c.level,
            "parent": c.parent,
            "plan_industry": mapping.industry_for(c.code),
        }
        for c in sei_categories()
    ]
