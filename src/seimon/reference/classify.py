"""Place enterprises in SEI 2018 items from their industry class, products and recorded decisions.

Rules, in order:

1. a recorded decision for (credit code, class) wins (method ``decision``; ``none`` = not SEI);
2. a class outside the concordance is not SEI (status ``not_sei``);
3. a class mapping to exactly one item without ``*`` assigns automatically (method ``automatic``);
4. otherwise the enterprise's products text is matched against each candidate's key products; every
   candidate matched is assigned (method ``product_rule``) — an enterprise making both traction and
   consumer lithium cells sits in 5.2 *and* 1.2, and the totals count it once;
5. otherwise the enterprise is *pending* review, with its candidates and the reasons.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.reference.concordance import Candidate, Concordance, Lookup, active_concordance
from seimon.reference.decisions import NOT_SEI, Decision, decisions_in_force, find_decision
from seimon.reference.editions import INDUSTRY_EDITION, REGISTER_INDUSTRIES, current_edition
from seimon.reference.sei import PlanIndustryMap, field_of, is_sei_code, plan_industry_map, sei_category
from seimon.store import Store

logger = logging.getLogger(__name__)

# a unified social credit code: 18 characters of digits and capitals (GB 32100-2015): "91130100MA0000001X"
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
# a four-digit GB/T 4754 class: "3841"
CLASS_CODE = re.compile(r"^\d{4}$")


class Method(StrEnum):
    AUTOMATIC = "automatic"
    PRODUCT_RULE = "product_rule"
    DECISION = "decision"


class Status(StrEnum):
    ASSIGNED = "assigned"
    PENDING = "pending"
    NOT_SEI = "not_sei"


@dataclass(frozen=True)
class Enterprise:
    """What classification needs: credit code, GB/T 4754 class, optional products text and base."""

    credit_code: str
    industry_class: str
    products: str | None = None
    base: str | None = None

    def validate(self) -> Enterprise:
        """Tidy and check the codes; bilingual errors name the field."""
        credit = self.credit_code.strip().upper()
        klass = self.industry_class.strip()
        if not credit:
            raise SeimonError(
                "缺少统一社会信用代码", "credit code missing", Location(field="credit_code"), code="credit_code"
            )
        if not CLASS_CODE.match(klass):
            raise SeimonError(
                f"行业代码应为4位数字：{klass!r}",
                f"industry class must be 4 digits: {klass!r}",
                Location(field="industry_class"),
                code="class_code",
            )
        if not CREDIT_CODE.match(credit):
            logger.warning("credit code %s is not an 18-character unified social credit code", credit)
        return Enterprise(credit, klass, (self.products or "").strip() or None, self.base)


@dataclass(frozen=True)
class Assignment:
    """One SEI item an enterprise is counted in, how, and why."""

    sei_code: str
    sei_name: str
    field_code: str
    plan_industry: str | None
    method: Method
    reason_zh: str
    reason_en: str

    def to_dict(self) -> dict[str, object]:
        return {
            "sei_code": self.sei_code,
            "sei_name": self.sei_name,
            "field_code": self.field_code,
            "plan_industry": self.plan_industry,
            "method": self.method.value,
            "reason_zh": self.reason_zh,
            "reason_en": self.reason_en,
        }


@dataclass(frozen=True)
class Classification:
    """The outcome for one enterprise: assignments (possibly several), or pending / not SEI."""

    enterprise: Enterprise
    lookup: Lookup
    assignments: tuple[Assignment, ...]
    status: Status
    reason_zh: str
    reason_en: str
    decision: Decision | None = None

    @property
    def credit_code(self) -> str:
        return self.enterprise.credit_code

    @property
    def sei_codes(self) -> list[str]:
        return [a.sei_code for a in self.assignments]

    @property
    def is_sei(self) -> bool:
        return bool(self.assignments)

    def to_dict(self) -> dict[str, object]:
        return {
            "credit_code": self.enterprise.credit_code,
            "class_code": self.enterprise.industry_class,
            "class_name": self.lookup.class_name,
            "products": self.enterprise.products,
            "status": self.status.value,
            "automatic": self.lookup.automatic,
            "assignments": [a.to_dict() for a in self.assignments],
            "candidates": [c.to_dict() for c in self.lookup.candidates],
            "decision": self.decision.to_dict() if self.decision else None,
            "edition": self.lookup.edition,
            "concordance_origin": self.lookup.origin,
            "reason_zh": self.reason_zh,
            "reason_en": self.reason_en,
        }


def _normalise(text: str) -> str:
    """Compare products without case or spaces: "动力 锂离子电池" ~ "动力锂离子电池"."""
    return re.sub(r"\s+", "", text).casefold()


def matched_products(candidate: Candidate, products: str | None) -> list[str]:
    """Key products of ``candidate`` found in the enterprise's products text.

    >>> from seimon.reference.concordance import builtin_concordance
    >>> from seimon.reference.sei import PlanIndustryMap
    >>> cand = builtin_concordance().lookup("3841", PlanIndustryMap([])).candidates[1]
    >>> matched_products(cand, "主要产品：动力锂离子电池、电池包")
    ['动力锂离子电池', '电池包']
    """
    if not products:
        return []
    text = _normalise(products)
    return [p for p in candidate.key_products if _normalise(p) in text]


def _assignment(candidate: Candidate, method: Method, zh: str, en: str) -> Assignment:
    return Assignment(
        candidate.sei_code, candidate.sei_name, candidate.field_code, candidate.plan_industry, method, zh, en
    )


def classify_enterprise(
    enterprise: Enterprise,
    *,
    store: Store | None = None,
    concordance: Concordance | None = None,
    industries: Iterable[Any] | None = None,
    plan_map: PlanIndustryMap | None = None,
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> Classification:
    """Classify one enterprise (see the module doc for the rules).

    ``decisions`` (from :func:`decisions_in_force`) replaces the per-enterprise look-up in ``store`` when many
    enterprises are classified at once.

    >>> from types import SimpleNamespace as NS
    >>> inds = [NS(id="nev", sei_codes=["5"]), NS(id="it", sei_codes=["1"])]
    >>> c = classify_enterprise(Enterprise("91130100MA0000001X", "3841", "动力电池"), industries=inds)
    >>> c.status.value, c.sei_codes, c.assignments[0].method.value, c.assignments[0].plan_industry
    ('assigned', ['5.2'], 'product_rule', 'nev')
    >>> classify_enterprise(Enterprise("91130100MA0000001X", "3841"), industries=inds).status.value
    'pending'
    """
    ent = enterprise.validate()
    mapping = plan_map or plan_industry_map(industries)
    lookup = (concordance or active_concordance(store)).lookup(ent.industry_class, mapping)
    if decisions is not None:
        decision = decisions.get((ent.credit_code, ent.industry_class))
    else:
        decision = find_decision(store, ent.credit_code, ent.industry_class) if store is not None else None
    if decision is not None:
        return _from_decision(ent, lookup, decision, mapping)
    if not lookup.candidates:
        return Classification(ent, lookup, (), Status.NOT_SEI, lookup.reason_zh, lookup.reason_en)
    if lookup.automatic:
        cand = lookup.candidates[0]
        assignment = _assignment(cand, Method.AUTOMATIC, lookup.reason_zh, lookup.reason_en)
        return Classification(ent, lookup, (assignment,), Status.ASSIGNED, lookup.reason_zh, lookup.reason_en)
    matched: list[Assignment] = []
    for cand in lookup.candidates:
        words = matched_products(cand, ent.products)
        if words:
            zh = f"产品“{'、'.join(words)}”为 {cand.sei_code} {cand.sei_name} 的重点产品"
            en = f"products {', '.join(words)} are key products of {cand.sei_code} ({cand.sei_name})"
            matched.append(_assignment(cand, Method.PRODUCT_RULE, zh, en))
    if matched:
        zh = "按产品规则归类：" + "；".join(a.reason_zh for a in matched)
        en = "placed by product rule: " + "; ".join(a.reason_en for a in matched)
        return Classification(ent, lookup, tuple(matched), Status.ASSIGNED, zh, en)
    codes = "、".join(lookup.sei_codes)
    zh = f"{lookup.reason_zh}；产品信息未匹配任何候选类别（{codes}），待人工确认"
    en = f"{lookup.reason_en}; products matched no candidate ({', '.join(lookup.sei_codes)}): pending review"
    return Classification(ent, lookup, (), Status.PENDING, zh, en)


def _from_decision(ent: Enterprise, lookup: Lookup, decision: Decision, mapping: PlanIndustryMap) -> Classification:
    when = decision.decided_at.strftime("%Y-%m-%d %H:%M")
    if decision.sei_code == NOT_SEI:
        zh = f"人工决定不属于战略性新兴产业（{decision.who}，{when}）：{decision.reason}"
        en = f"decided not SEI ({decision.who}, {when}): {decision.reason}"
        return Classification(ent, lookup, (), Status.NOT_SEI, zh, en, decision)
    code = decision.sei_code
    name = sei_category(code).name_zh if is_sei_code(code) else code
    zh = f"人工决定归入 {code} {name}（{decision.who}，{when}）：{decision.reason}"
    en = f"decided {code} ({decision.who}, {when}): {decision.reason}"
    assignment = Assignment(code, name, field_of(code), mapping.industry_for(code), Method.DECISION, zh, en)
    return Classification(ent, lookup, (assignment,), Status.ASSIGNED, zh, en, decision)


_COLUMNS = (
    "credit_code",
    "class_code",
    "products",
    "base",
    "edition",
    "industry_edition",
    "concordance_origin",
    "sei_code",
    "field_code",
    "plan_industry",
    "method",
    "status",
    "reason_zh",
    "reason_en",
    "classified_at",
)


def _classification_rows(result: Classification, industry_edition: str, when: Any) -> list[tuple[Any, ...]]:
    """The stored rows of one classification: one per assigned item, or one row when pending / not SEI."""
    ent = result.enterprise
    base = (
        ent.credit_code,
        ent.industry_class,
        ent.products,
        ent.base,
        result.lookup.edition,
        industry_edition,
        result.lookup.origin,
    )
    if result.assignments:
        return [
            (
                *base,
                a.sei_code,
                a.field_code,
                a.plan_industry,
                a.method.value,
                result.status.value,
                a.reason_zh,
                a.reason_en,
                when,
            )
            for a in result.assignments
        ]
    method = Method.DECISION.value if result.decision else "none"
    return [(*base, None, None, None, method, result.status.value, result.reason_zh, result.reason_en, when)]


def _industry_edition(store: Store) -> str:
    edition = current_edition(store, REGISTER_INDUSTRIES)
    return edition.edition if edition else INDUSTRY_EDITION


def store_classification(store: Store, result: Classification) -> None:
    """Replace the stored classification of ``result``'s enterprise with ``result``."""
    rows = _classification_rows(result, _industry_edition(store), utc_now())
    with store.transaction():
        store.execute("DELETE FROM enterprise_classifications WHERE credit_code = ?", (result.enterprise.credit_code,))
        store.bulk_insert("enterprise_classifications", _COLUMNS, rows)


def classify_and_store(
    store: Store, enterprises: Iterable[Enterprise], industries: Iterable[Any] | None = None
) -> list[Classification]:
    """Classify ``enterprises`` and keep the results in the store (the entry point for data imports).

    Decisions already recorded are reused; each enterprise's previous classification is replaced.

    >>> from types import SimpleNamespace as NS
    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     out = classify_and_store(s, [Enterprise("91130100MA0000001X", "3612")], [NS(id="nev", sei_codes=["5"])])
    ...     [(r["credit_code"], r["sei_code"], r["method"]) for r in stored_classifications(s)]
    [('91130100MA0000001X', '5.1', 'automatic')]
    """
    mapping = plan_industry_map(industries)
    concordance = active_concordance(store)
    decisions = decisions_in_force(store)
    industry_edition = _industry_edition(store)
    when = utc_now()
    results = [
        classify_enterprise(enterprise, concordance=concordance, plan_map=mapping, decisions=decisions)
        for enterprise in enterprises
    ]
    latest = {result.enterprise.credit_code: result for result in results}  # a repeated code: the last row wins
    rows = [row for result in latest.values() for row in _classification_rows(result, industry_edition, when)]
    codes = sorted(latest)
    with store.transaction():
        for start in range(0, len(codes), 500):  # bounded IN lists keep statements small on both engines
            chunk = codes[start : start + 500]
            store.execute(
                f"DELETE FROM enterprise_classifications WHERE credit_code IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
        store.bulk_insert("enterprise_classifications", _COLUMNS, rows)
    logger.info("classified %d enterprises", len(results))
    return results


def stored_classifications(store: Store, credit_code: str | None = None) -> list[dict[str, Any]]:
    """Stored classification rows (one per assigned item; one row for pending / not SEI)."""
    sql = f"SELECT {', '.join(_COLUMNS)} FROM enterprise_classifications"
    params: Sequence[str] = ()
    if credit_code:
        sql += " WHERE credit_code = ?"
        params = (credit_code,)
    return store.fetch_dicts(sql + " ORDER BY credit_code, sei_code", params)


def stored_enterprise(store: Store, credit_code: str) -> Enterprise | None:
    """The enterprise inputs kept with its classification, to classify it again."""
    rows = stored_classifications(store, credit_code.strip().upper())
    if not rows:
        return None
    first = rows[0]
    return Enterprise(first["credit_code"], first["class_code"], first["products"], first["base"])


def pending_enterprises(store: Store) -> list[Enterprise]:
    """Enterprises classified in the store with no automatic or product-rule answer and no decision."""
    rows = store.fetchall(
        "SELECT DISTINCT credit_code, class_code, products, base FROM enterprise_classifications"
        " WHERE status = ? ORDER BY credit_code",
        (Status.PENDING.value,),
    )
    return [Enterprise(*row) for row in rows]


def reclassify(store: Store, credit_code: str, industries: Iterable[Any] | None = None) -> Classification:
    """Classify a stored enterprise again (after a decision or a new concordance) and store the result."""
    enterprise = stored_enterprise(store, credit_code)
    if enterprise is None:
        raise SeimonError(
            f"数据库中没有企业 {credit_code} 的分类记录",
            f"no classification of enterprise {credit_code} in the store",
            Location(field="credit_code"),
            code="unknown_enterprise",
        )
    return classify_and_store(store, [enterprise], industries)[0]
