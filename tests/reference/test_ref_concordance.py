"""Lookups in the built-in concordance."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from seimon.plan import load_plan
from seimon.reference.concordance import builtin_concordance, lookup_class
from seimon.reference.sei import is_sei_code


@pytest.fixture(scope="module")
def industries() -> list[object]:
    return list(load_plan().industries)


def test_required_lookups(industries: list[object]) -> None:
    nev = lookup_class("3612", industries=industries)
    assert nev.sei_codes == ["5.1"] and nev.automatic and not nev.candidates[0].partial
    assert nev.candidates[0].plan_industry == "nev"
    ic = lookup_class("3973", industries=industries)
    assert ic.sei_codes == ["1.2"] and ic.automatic
    assert ic.candidates[0].plan_industry == "next_gen_it"
    li = lookup_class("3841", industries=industries)
    assert li.sei_codes == ["1.2", "5.2"] and not li.automatic
    assert {c.plan_industry for c in li.candidates} == {"next_gen_it", "nev"}
    bio = lookup_class("2761", industries=industries)
    assert bio.sei_codes == ["4.1"] and bio.candidates[0].plan_industry == "biology"


def test_candidates_carry_reasons_in_both_languages(industries: list[object]) -> None:
    li = lookup_class("3841", industries=industries)
    for cand in li.candidates:
        assert "3841" in cand.reason_zh and "3841" in cand.reason_en
        assert cand.partial and cand.key_products
    assert li.reason_zh and li.reason_en
    outside = lookup_class("0111", industries=industries)
    assert outside.candidates == () and not outside.automatic and "0111" in outside.reason_en


def test_every_candidate_of_every_class_has_a_plan_industry_except_services(industries: list[object]) -> None:
    concordance = builtin_concordance()
    for class_code in sorted(concordance.classes()):
        for cand in lookup_class(class_code, industries=industries).candidates:
            if cand.field_code != "9":
                assert cand.plan_industry, (class_code, cand.sei_code)


def test_builtin_pairs_exist_in_the_third_party_parse(reference_dir: Path) -> None:
    """Cross-check: every pair we ship is also in the third-party parse (item codes are right)."""
    with (reference_dir / "sei2018_to_gbt4754_thirdparty.csv").open(encoding="utf-8") as handle:
        fixture = {(r["sei_l2_code"] or r["sei_l1_code"], r["gb4754_code"]) for r in csv.DictReader(handle)}
    missing = [
        (row.sei_code, row.class_code)
        for row in builtin_concordance().rows
        if (row.sei_code, row.class_code) not in fixture and (row.sei_code[0], row.class_code) not in fixture
    ]
    assert missing == []
    assert all(is_sei_code(r.sei_code) and "." in r.sei_code for r in builtin_concordance().rows)
    assert 50 <= len(builtin_concordance().rows) <= 150
