"""Importing the SEI 2018 concordance: the fixture's defects become warnings; lookups follow the file."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import Workbook

from seimon.errors import SeimonError
from seimon.reference.concordance import active_concordance, lookup_class
from seimon.reference.editions import REGISTER_CONCORDANCE, current_edition
from seimon.reference.industries import class_name, import_industry_classes
from seimon.reference.sei_import import import_sei_classification, read_sei_classification
from seimon.store import Store

FIXTURE = "sei2018_to_gbt4754_thirdparty.csv"
NO_PLAN: list[object] = []


def _fixture_rows(reference_dir: Path) -> list[tuple[int, dict[str, str]]]:
    with (reference_dir / FIXTURE).open(encoding="utf-8") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))  # line 1 is the header


def test_fixture_imports_with_its_defects_as_warnings(store: Store, reference_dir: Path) -> None:
    rows = _fixture_rows(reference_dir)
    summary = import_sei_classification(store, reference_dir / FIXTURE)
    assert summary.layout == "flat"
    assert summary.rows == len(rows)
    pairs = {(r["sei_l2_code"] or r["sei_l1_code"], r["gb4754_code"]) for _, r in rows}
    assert summary.pairs == len(pairs)
    assert summary.classes == len({r["gb4754_code"] for _, r in rows})
    assert summary.items == len({r["sei_l2_code"] for _, r in rows if r["sei_l2_code"]})
    # rows whose level-2 code was lost: one warning each, with the file's line number
    lost = {line for line, r in rows if not r["sei_l2_code"]}
    assert lost, "the fixture is known to have lost the new-materials level 2"
    assert {w.rows[0] for w in summary.warnings if w.code == "missing_level2"} == lost
    assert {w.sei_code for w in summary.warnings if w.code == "missing_level2"} == {"3"}
    # classes starred in one item and not in another, computed independently from the file
    stars: dict[str, set[str]] = defaultdict(set)
    for _, r in rows:
        stars[r["gb4754_code"]].add(r["star"])
    mixed = {code for code, s in stars.items() if len(s) > 1}
    assert {w.class_code for w in summary.warnings if w.code == "inconsistent_star"} == mixed
    assert current_edition(store, REGISTER_CONCORDANCE).row_count > 0
    payload = summary.to_dict()
    assert payload["warning_counts"]["missing_level2"] == len(lost)
    assert all(w["rows"] for w in payload["warnings"])


def test_lookup_agrees_with_the_file_on_every_unambiguous_row(store: Store, reference_dir: Path) -> None:
    rows = _fixture_rows(reference_dir)
    import_sei_classification(store, reference_dir / FIXTURE)
    assert active_concordance(store).origin == FIXTURE
    by_class: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _, r in rows:
        by_class[r["gb4754_code"]].append(r)
    checked = 0
    for _, r in rows:
        if not r["sei_l2_code"]:
            continue  # ambiguous: the item is unknown
        result = lookup_class(r["gb4754_code"], store, industries=NO_PLAN)
        cands = {c.sei_code: c for c in result.candidates}
        assert r["sei_l2_code"] in cands, r
        same_item = [x for x in by_class[r["gb4754_code"]] if x["sei_l2_code"] == r["sei_l2_code"]]
        assert cands[r["sei_l2_code"]].partial == all(x["star"] == "*" for x in same_item), r
        items = {x["sei_l2_code"] or x["sei_l1_code"] for x in by_class[r["gb4754_code"]]}
        single_whole = len(items) == 1 and "." in next(iter(items)) and cands[r["sei_l2_code"]].partial is False
        assert result.automatic == single_whole, r
        assert set(cands) == items
        checked += 1
    assert checked == sum(1 for _, r in rows if r["sei_l2_code"])
    # the required codes still resolve as the standard says
    assert lookup_class("3612", store, NO_PLAN).automatic
    assert lookup_class("3973", store, NO_PLAN).sei_codes == ["1.2"]
    assert lookup_class("3841", store, NO_PLAN).sei_codes == ["1.2", "5.2"]


def test_synthetic_defects_are_reported_with_rows(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "defects.csv"
    path.write_text(
        "sei_l1_code,sei_l1,sei_l2_code,sei_l2,sei_item,gb4754_code,gb4754_name,star\n"
        "1,新一代信息技术产业,1.2,电子核心产业,高储能和关键电子材料制造,3841,锂离子电池制造,*\n"  # line 2
        "5,新能源汽车产业,5.2,新能源汽车装置、配件制造,新能源汽车储能装置制造,3841,锂离子电池制造,\n"  # line 3
        "5,新能源汽车产业,5.1,新能源汽车整车制造,新能源汽车整车制造,361,新能源车整车制造,\n"  # line 4: 3 digits
        "3,新材料产业,,,专用化学品及材料制造,2661,化学试剂和助剂制造,*\n"  # line 5: no level 2
        "7,节能环保产业,7.9,不存在,不存在,3591,环境保护专用设备制造,\n"  # line 6: unknown SEI item
        "7,节能环保产业,7.2,先进环保产业,x,9912,不存在的行业,\n"  # line 7: no such division
        "4,生物产业,5.1,新能源汽车整车制造,x,2761,生物药品制造,\n",  # line 8: level 2 not under level 1
        encoding="utf-8",
    )
    summary = import_sei_classification(store, path)
    found = {(w.code, w.rows) for w in summary.warnings}
    assert ("inconsistent_star", (2, 3)) in found
    assert ("bad_class_code", (4,)) in found
    assert ("missing_level2", (5,)) in found
    assert ("unknown_sei_code", (6,)) in found
    assert ("unknown_class", (7,)) in found
    assert ("level_mismatch", (8,)) in found
    assert summary.skipped == 2
    result = lookup_class("3841", store, NO_PLAN)
    assert {c.sei_code: c.partial for c in result.candidates} == {"1.2": True, "5.2": False}
    assert not result.automatic


def test_official_layout_xlsx_with_merged_codes_and_stars(tmp_path: Path, store: Store) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["战略性新兴产业分类与国民经济行业分类对照表"])
    sheet.append(["分类代码", "分类名称", "国民经济行业代码", "国民经济行业名称"])
    sheet.append(["5", "新能源汽车产业", None, None])
    sheet.append(["5.1", "新能源汽车整车制造", None, None])
    sheet.append(["5.1.1", "新能源汽车整车制造", 3612, "新能源车整车制造"])
    sheet.append(["5.2.1", "新能源汽车储能装置制造", "3841*", "锂离子电池制造"])
    sheet.append([None, None, "3842*", "镍氢电池制造"])  # merged SEI cell: carried down
    sheet.append(["1.2.3", "高储能和关键电子材料制造", "3841*", "锂离子电池制造"])
    sheet.append(["1.2.4", "集成电路制造", "39730", "集成电路制造"])  # five digits: reported
    path = tmp_path / "official.xlsx"
    book.save(path)
    summary = import_sei_classification(store, path)
    assert summary.layout == "official"
    assert [w.code for w in summary.warnings] == ["bad_class_code"]
    assert summary.warnings[0].rows == (9,)
    assert lookup_class("3612", store, NO_PLAN).automatic
    assert lookup_class("3842", store, NO_PLAN).sei_codes == ["5.2"]
    assert not lookup_class("3842", store, NO_PLAN).automatic  # starred
    assert lookup_class("3841", store, NO_PLAN).sei_codes == ["1.2", "5.2"]
    # reimporting the same edition replaces rows instead of doubling them
    import_sei_classification(store, path)
    assert len(active_concordance(store).rows) == 4


def test_unknown_layout_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("分类代码,名字\n1,abc\n", encoding="gb18030")
    with pytest.raises(SeimonError) as info:
        read_sei_classification(path)
    assert info.value.code == "layout" and info.value.location.file == str(path)


def test_import_industry_classes_then_unknown_classes_warned(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "gbt4754.csv"
    path.write_text(
        "代码,类别名称\nC,制造业\n38,电气机械和器材制造业\n384,电池制造\n3841,锂离子电池制造\n3612,新能源车整车制造\n"
        "38x1,坏代码\n",
        encoding="gb18030",
    )
    summary = import_industry_classes(store, path)
    assert summary.classes == 2 and summary.skipped_other_levels == 3
    assert [w["row"] for w in summary.warnings] == [7]
    assert class_name("3841", store) == "锂离子电池制造"
    sei = tmp_path / "sei.csv"
    sei.write_text(
        "sei_l1_code,sei_l1,sei_l2_code,sei_l2,sei_item,gb4754_code,gb4754_name,star\n"
        "5,新能源汽车产业,5.1,新能源汽车整车制造,x,3612,新能源车整车制造,\n"
        "1,新一代信息技术产业,1.2,电子核心产业,x,3973,集成电路制造,\n",
        encoding="utf-8",
    )
    result = import_sei_classification(store, sei)
    assert [(w.code, w.class_code) for w in result.warnings] == [("unknown_class", "3973")]
