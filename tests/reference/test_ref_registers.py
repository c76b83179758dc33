"""GB/T 4754 sections/divisions, SEI 2018 fields/items and the plan-industry map."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from seimon.plan import load_plan
from seimon.reference.industries import builtin_classes, divisions, sections
from seimon.reference.packaged import packaged_table
from seimon.reference.sei import PlanIndustryMap, plan_industry_map, sei_categories, sei_records


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sections_and_divisions_agree_with_fixture(reference_dir: Path) -> None:
    fixture_sections = {r["section"]: r["section_name"] for r in _read(reference_dir / "gbt4754_2017_sections.csv")}
    assert {s.code: s.name_zh for s in sections()} == fixture_sections
    fixture_divisions = {
        r["division"]: (r["section"], r["division_name"]) for r in _read(reference_dir / "gbt4754_2017_divisions.csv")
    }
    assert {d.code: (d.parent, d.name_zh) for d in divisions()} == fixture_divisions
    assert len(sections()) == 20 and len(divisions()) == 97


def test_sei_categories_agree_with_fixture(reference_dir: Path) -> None:
    fixture = {
        r["sei_code"]: (r["sei_name"], int(r["level"]), r["parent_code"] or None)
        for r in _read(reference_dir / "sei2018_categories.csv")
    }
    assert {c.code: (c.name_zh, c.level, c.parent) for c in sei_categories()} == fixture
    assert all(c.name_en for c in sei_categories())


def test_packaged_tables_name_their_source() -> None:
    for name in (
        "regions_hebei.csv",
        "gbt4754_sections.csv",
        "gbt4754_divisions.csv",
        "gbt4754_classes_sei.csv",
        "sei2018_categories.csv",
        "sei2018_concordance.csv",
    ):
        table = packaged_table(name)
        assert table.source, name
        assert table.edition in {"NBS-2023", "GB/T 4754-2017+2019修改单", "SEI-2018"}, name


def test_every_concordance_class_has_a_name_and_a_division() -> None:
    classes = builtin_classes()
    division_codes = {d.code for d in divisions()}
    for row in packaged_table("sei2018_concordance.csv").rows:
        assert row["class_code"] in classes, row
        assert row["class_code"][:2] in division_codes
    for code in ("3612", "3973", "3841", "2761"):
        assert code in classes


@dataclass
class StandIn:
    """A plan industry of the contract's shape, without pydantic."""

    id: str
    sei_codes: list[str]
    name_zh: str = ""
    name_en: str = ""
    subfields: list[object] = field(default_factory=list)


def test_most_specific_code_wins_with_stand_in() -> None:
    mapping = PlanIndustryMap([StandIn("equip", ["2"]), StandIn("rail", ["2.4"]), StandIn("bio", ["4"])])
    assert mapping.industry_for("2.4") == "rail"
    assert mapping.industry_for("2.1") == "equip"
    assert mapping.industry_for("4.1") == "bio"
    assert mapping.industry_for("9.1") is None


def test_real_plan_maps_every_field_but_related_services() -> None:
    plan = load_plan()
    mapping = plan_industry_map(plan.industries)
    ids = {i.id for i in plan.industries}
    for category in sei_categories():
        owner = mapping.industry_for(category.code)
        if category.code.startswith("9"):
            assert owner is None  # the plan has no 相关服务业
        else:
            assert owner in ids, category.code
    assert {r["code"]: r["plan_industry"] for r in sei_records()}["5.1"] == mapping.industry_for("5.1")
