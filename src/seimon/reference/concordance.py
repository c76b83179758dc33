"""SEI 2018 <-> GB/T 4754 concordance and the class lookup that drives enterprise classification.

The concordance is many-to-many: 3841 锂离子电池制造 serves 1.2 电子核心产业 and 5.2 新能源汽车装置、配件制造;
7320 R&D appears under 14 items. A class marked ``*`` (``partial``) belongs only through its listed key
products. A lookup therefore returns *candidates* and says whether the class places an enterprise
automatically: only when it maps to exactly one item and is not partial.

Lookups use the concordance imported into the store when there is one (the official full table), and
the built-in subset otherwise.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from seimon.reference.editions import BUILTIN, REGISTER_CONCORDANCE, SEI_EDITION, current_edition
from seimon.reference.industries import known_classes
from seimon.reference.packaged import packaged_table
from seimon.reference.sei import PlanIndustryMap, field_of, is_sei_code, plan_industry_map, sei_category
from seimon.store import Store

logger = logging.getLogger(__name__)

CONCORDANCE_TABLE = "sei2018_concordance.csv"
# key products are listed with the Chinese semicolon: "动力电池；电池包" -> ["动力电池", "电池包"]
PRODUCT_SEPARATORS = ("；", ";", "、", "|")


def split_products(text: str | None) -> tuple[str, ...]:
    """Split a key-products cell into words.

    >>> split_products("动力电池；电池包;  充电桩")
    ('动力电池', '电池包', '充电桩')
    """
    if not text:
        return ()
    for sep in PRODUCT_SEPARATORS[1:]:
        text = text.replace(sep, PRODUCT_SEPARATORS[0])
    return tuple(p.strip() for p in text.split(PRODUCT_SEPARATORS[0]) if p.strip())


@dataclass(frozen=True)
class ConcordanceRow:
    """One (SEI item, GB/T class) pair; ``sei_code`` is a field when the source lost the item."""

    sei_code: str
    class_code: str
    partial: bool
    item_zh: str = ""
    key_products: tuple[str, ...] = ()
    class_name_zh: str = ""
    source_row: int | None = None


@dataclass(frozen=True)
class Candidate:
    """An SEI item a class may place an enterprise in, with the reason in both languages."""

    sei_code: str
    sei_name: str
    field_code: str
    partial: bool
    plan_industry: str | None
    items_zh: tuple[str, ...]
    key_products: tuple[str, ...]
    reason_zh: str
    reason_en: str

    def to_dict(self) -> dict[str, object]:
        return {
            "sei_code": self.sei_code,
            "sei_name": self.sei_name,
            "field_code": self.field_code,
            "partial": self.partial,
            "plan_industry": self.plan_industry,
            "items_zh": list(self.items_zh),
            "key_products": list(self.key_products),
            "reason_zh": self.reason_zh,
            "reason_en": self.reason_en,
        }


@dataclass(frozen=True)
class Lookup:
    """What the concordance says about one GB/T 4754 class."""

    code: str
    class_name: str | None
    candidates: tuple[Candidate, ...]
    automatic: bool
    edition: str
    origin: str
    reason_zh: str
    reason_en: str

    @property
    def sei_codes(self) -> list[str]:
        return [c.sei_code for c in self.candidates]

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "class_name": self.class_name,
            "candidates": [c.to_dict() for c in self.candidates],
            "automatic": self.automatic,
            "edition": self.edition,
            "origin": self.origin,
            "reason_zh": self.reason_zh,
            "reason_en": self.reason_en,
        }


@dataclass
class Concordance:
    """A set of concordance rows with its edition and origin (``builtin`` or the imported file name)."""

    rows: list[ConcordanceRow]
    edition: str = SEI_EDITION
    origin: str = BUILTIN
    class_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_class: dict[str, list[ConcordanceRow]] = defaultdict(list)
        for row in self.rows:
            self.by_class[row.class_code].append(row)

    def classes(self) -> set[str]:
        return set(self.by_class)

    def pairs(self) -> set[tuple[str, str]]:
        return {(r.sei_code, r.class_code) for r in self.rows}

    def lookup(self, class_code: str, plan_map: PlanIndustryMap | None = None) -> Lookup:
        """Candidates for ``class_code``; automatic only for one unstarred item.

        >>> lk = builtin_concordance().lookup("3841", PlanIndustryMap([]))
        >>> lk.sei_codes, lk.automatic
        (['1.2', '5.2'], False)
        """
        code = class_code.strip()
        mapping = plan_map if plan_map is not None else plan_industry_map()
        grouped: dict[str, list[ConcordanceRow]] = defaultdict(list)
        for row in self.by_class.get(code, []):
            grouped[row.sei_code].append(row)
        name = self.class_names.get(code) or known_classes().get(code)
        many = len(grouped) > 1
        candidates = []
        for sei_code in sorted(grouped, key=_code_key):
            rows = grouped[sei_code]
            # within one item the class is whole if any of its level-3 lines lists it without "*"
            partial = all(r.partial for r in rows)
            items = tuple(dict.fromkeys(r.item_zh for r in rows if r.item_zh))
            products = tuple(dict.fromkeys(p for r in rows for p in r.key_products))
            category = sei_category(sei_code) if is_sei_code(sei_code) else None
            zh, en = _candidate_reason(code, sei_code, partial, many, products, level1=("." not in sei_code))
            candidates.append(
                Candidate(
                    sei_code=sei_code,
                    sei_name=category.name_zh if category else sei_code,
                    field_code=field_of(sei_code),
                    partial=partial,
                    plan_industry=mapping.industry_for(sei_code),
                    items_zh=items,
                    key_products=products,
                    reason_zh=zh,
                    reason_en=en,
                )
            )
        automatic = len(candidates) == 1 and not candidates[0].partial and "." in candidates[0].sei_code
        if not candidates:
            zh, en = f"行业 {code} 不在战略性新兴产业分类对照表中", f"class {code} is not in the SEI 2018 concordance"
        elif automatic:
            zh = f"行业 {code} 仅对应 {candidates[0].sei_code} 且非部分（无*），自动归类"
            en = f"class {code} maps to {candidates[0].sei_code} only and is not partial (no *): assigned automatically"
        else:
            zh = f"行业 {code} 对应 {len(candidates)} 个候选类别，需按产品规则或人工确认"
            en = f"class {code} has {len(candidates)} candidate(s); needs a product rule or a reviewed decision"
        return Lookup(code, name, tuple(candidates), automatic, self.edition, self.origin, zh, en)


def _code_key(code: str) -> tuple[int, ...]:
    """Sort SEI codes numerically: "1.10" after "1.9"."""
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


def _candidate_reason(
    class_code: str, sei_code: str, partial: bool, many: bool, products: tuple[str, ...], *, level1: bool
) -> tuple[str, str]:
    parts_zh, parts_en = [], []
    if level1:
        parts_zh.append(f"来源表缺少二级分类，仅知属于领域 {sei_code}")
        parts_en.append(f"the source lost the level-2 item; only field {sei_code} is known")
    if partial:
        parts_zh.append(f"行业 {class_code} 在 {sei_code} 中标*，仅部分产品属于")
        parts_en.append(f"class {class_code} is starred (*) in {sei_code}: only some products count")
        if products:
            parts_zh.append("重点产品：" + "、".join(products))
            parts_en.append("key products: " + ", ".join(products))
    else:
        parts_zh.append(f"行业 {class_code} 整体属于 {sei_code}")
        parts_en.append(f"class {class_code} belongs to {sei_code} as a whole")
    if many:
        parts_zh.append("该行业同时对应多个类别")
        parts_en.append("the class serves several items")
    return "；".join(parts_zh), "; ".join(parts_en)


@lru_cache(maxsize=1)
def builtin_concordance() -> Concordance:
    """The concordance shipped with the product (common classes, authored from the NBS table).

    >>> builtin_concordance().lookup("3612", PlanIndustryMap([])).automatic
    True
    """
    table = packaged_table(CONCORDANCE_TABLE)
    rows = [
        ConcordanceRow(
            sei_code=r["sei_code"],
            class_code=r["class_code"],
            partial=r["partial"] == "1",
            item_zh=r["item_zh"],
            key_products=split_products(r["key_products"]),
            source_row=None,
        )
        for r in table.rows
    ]
    return Concordance(rows, edition=table.edition or SEI_EDITION, origin=BUILTIN)


def stored_concordance(store: Store) -> Concordance | None:
    """The newest imported concordance in the store, or ``None``."""
    edition = current_edition(store, REGISTER_CONCORDANCE)
    if edition is None:
        return None
    records = store.fetchall(
        "SELECT sei_code, class_code, partial, item_zh, key_products, class_name_zh, source_row"
        " FROM ref_sei_concordance WHERE edition = ? ORDER BY source_row",
        (edition.edition,),
    )
    # official tables name key products inside item texts, not in a column: where the imported row has
    # none, the key products we ship for the same (item, class) pair keep product rules working
    known = {(r.sei_code, r.class_code): r.key_products for r in builtin_concordance().rows}
    rows = [
        ConcordanceRow(
            r[0], r[1], bool(r[2]), r[3] or "", split_products(r[4]) or known.get((r[0], r[1]), ()), r[5] or "", r[6]
        )
        for r in records
    ]
    names = {r.class_code: r.class_name_zh for r in rows if r.class_name_zh}
    return Concordance(rows, edition=edition.edition, origin=edition.origin, class_names=names)


def active_concordance(store: Store | None = None) -> Concordance:
    """The concordance lookups use: the imported one in ``store`` if any, else the built-in one."""
    if store is not None:
        stored = stored_concordance(store)
        if stored is not None:
            return stored
    return builtin_concordance()


def lookup_class(class_code: str, store: Store | None = None, industries: Iterable[Any] | None = None) -> Lookup:
    """Look up a GB/T 4754 class in the active concordance, with plan industries attached.

    >>> from types import SimpleNamespace as NS
    >>> lk = lookup_class("3612", industries=[NS(id="nev", sei_codes=["5"])])
    >>> lk.automatic, lk.candidates[0].sei_code, lk.candidates[0].plan_industry
    (True, '5.1', 'nev')
    """
    return active_concordance(store).lookup(class_code, plan_industry_map(industries))
