"""Classifying enterprises: automatic, product rule, pending, decisions reused, stored with editions."""

from __future__ import annotations

import pytest

from seimon.errors import SeimonError
from seimon.plan import load_plan
from seimon.reference.classify import (
    Enterprise,
    Method,
    Status,
    classify_and_store,
    classify_enterprise,
    pending_enterprises,
    reclassify,
    stored_classifications,
)
from seimon.reference.decisions import NOT_SEI, decision_history, find_decision, record_decision
from seimon.reference.totals import count_distinct_sei
from seimon.store import Store

A = "91130100MA0000001A"
B = "91130100MA0000002B"
C = "91130100MA0000003C"
D = "91130100MA0000004D"


@pytest.fixture(scope="module")
def industries() -> list[object]:
    return list(load_plan().industries)


def test_rules_without_a_store(industries: list[object]) -> None:
    auto = classify_enterprise(Enterprise(A, "3612"), industries=industries)
    assert auto.status is Status.ASSIGNED and auto.sei_codes == ["5.1"]
    assert auto.assignments[0].method is Method.AUTOMATIC and auto.assignments[0].plan_industry == "nev"
    both = classify_enterprise(Enterprise(B, "3841", "动力锂离子电池；手机电池"), industries=industries)
    assert both.sei_codes == ["1.2", "5.2"]
    assert {a.method for a in both.assignments} == {Method.PRODUCT_RULE}
    assert "手机电池" in both.assignments[0].reason_zh and "动力锂离子电池" in both.assignments[1].reason_en
    pending = classify_enterprise(Enterprise(C, "3841", "电池隔膜"), industries=industries)
    assert pending.status is Status.PENDING and pending.sei_codes == []
    assert [c.sei_code for c in pending.lookup.candidates] == ["1.2", "5.2"]
    assert "pending" in pending.reason_en and "待人工确认" in pending.reason_zh
    outside = classify_enterprise(Enterprise(D, "0111"), industries=industries)
    assert outside.status is Status.NOT_SEI


def test_bad_inputs_are_bilingual_errors() -> None:
    with pytest.raises(SeimonError) as info:
        classify_enterprise(Enterprise(A, "38"), industries=[])
    assert info.value.location.field == "industry_class"


def test_store_decide_and_reuse(store: Store, industries: list[object]) -> None:
    results = classify_and_store(
        store,
        [Enterprise(A, "3612"), Enterprise(B, "3841", "动力电池"), Enterprise(C, "3841"), Enterprise(D, "7320")],
        industries,
    )
    assert [r.status for r in results] == [Status.ASSIGNED, Status.ASSIGNED, Status.PENDING, Status.PENDING]
    rows = stored_classifications(store)
    assert {r["edition"] for r in rows} == {"SEI-2018"}
    assert {r["industry_edition"] for r in rows} == {"GB/T 4754-2017+2019修改单"}
    assert {r["concordance_origin"] for r in rows} == {"builtin"}
    assert [e.credit_code for e in pending_enterprises(store)] == [C, D]

    with pytest.raises(SeimonError) as info:
        record_decision(store, C, "3841", "4.1", reason="x", who="王", allowed=results[2].lookup.sei_codes)
    assert info.value.code == "not_a_candidate"
    with pytest.raises(SeimonError):
        record_decision(store, C, "3841", "5.2", reason="  ", who="王")

    record_decision(store, C, "3841", "1.2", reason="生产手机电池 / phone cells", who="张")
    record_decision(store, C, "3841", "5.2", reason="复核：主要为动力电池 / mostly traction cells", who="王")
    record_decision(store, D, "7320", NOT_SEI, reason="传统工艺研究 / conventional R&D", who="王")
    assert len(decision_history(store, C)) == 2  # nothing overwritten
    assert find_decision(store, C, "3841").sei_code == "5.2"  # newest applies

    again = reclassify(store, C, industries)
    assert again.sei_codes == ["5.2"] and again.assignments[0].method is Method.DECISION
    assert again.decision is not None and again.decision.who == "王"
    assert reclassify(store, D, industries).status is Status.NOT_SEI
    assert pending_enterprises(store) == []

    # a later import of the same enterprise reuses the decision
    later = classify_and_store(store, [Enterprise(C, "3841", None)], industries)[0]
    assert later.sei_codes == ["5.2"] and later.assignments[0].method is Method.DECISION
    stored = stored_classifications(store, C)
    assert [(r["sei_code"], r["method"], r["plan_industry"]) for r in stored] == [("5.2", "decision", "nev")]

    # totals from what the store holds: A (5.1), B (5.2), C (5.2) -> 3 in field 5, 3 in total
    pairs = [
        (r["credit_code"], r["sei_code"], r["plan_industry"]) for r in stored_classifications(store) if r["sei_code"]
    ]
    totals = count_distinct_sei(pairs)
    assert totals.sei_total == 3 and totals.by_field == {"5": 3} and totals.by_plan_industry == {"nev": 3}


def test_decision_on_a_field_level_candidate_is_allowed(store: Store) -> None:
    decision = record_decision(store, A, "2661", "3", reason="新材料 / new materials", who="李", allowed=["3"])
    assert decision.sei_code == "3" and decision.is_sei
