"""The built-in Hebei plan, checked against its own text and the shared reference tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from seimon.plan import Plan, find_item, load_plan, sentence_of
from seimon.plan.loader import builtin_plan_path, iter_sources
from seimon.plan.model import ACTION_CATEGORY_LABELS
from seimon.plan.show import plan_to_dict
from seimon.resources import resource_path


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def test_packaged_text_is_the_plan_text(plan: Plan, shared_plan_text: str) -> None:
    assert plan.text == shared_plan_text


def test_metadata(plan: Plan) -> None:
    meta = plan.metadata
    assert meta.issuer_zh == "河北省人民政府办公厅"
    assert meta.date.isoformat() == "2016-09-12"
    assert (meta.period_start, meta.period_end, meta.base_year) == (2016, 2020, 2015)


def test_counts(plan: Plan) -> None:
    assert len(plan.industries) == 8
    assert [len(i.subfields) for i in plan.industries] == [7, 5, 4, 4, 5, 3, 0, 2]
    assert len(plan.roadmap_boxes) == 12
    assert len(plan.projects) == 8
    assert len(plan.measures) == 8
    assert len(plan.targets) >= 35
    assert [b.level for b in plan.bases].count("national") == 5
    assert [b.level for b in plan.bases].count("provincial") == 30


def test_every_source_round_trips(plan: Plan) -> None:
    sources = iter_sources(plan)
    assert len(sources) > 200
    for path, ref in sources:
        assert ref.start is not None and ref.end is not None, path
        assert plan.text[ref.start : ref.end] == ref.quote, path
        assert plan.text.count(ref.quote) == 1 or ref.occurrence is not None, path


def test_every_target_clause_holds_its_value(plan: Plan) -> None:
    for target in plan.targets:
        assert target.value_text in plan.text[target.source.start : target.source.end], target.id
        assert target.value_normalized is not None and target.unit_normalized, target.id
        assert target.direction in ("higher", "lower")


def test_every_target_states_its_direction_in_the_yaml() -> None:
    raw = yaml.safe_load(builtin_plan_path().read_text(encoding="utf-8"))
    assert all("direction" in t and "kind" in t and "comparator" in t for t in raw["targets"])
    assert all("start" not in t["source"] for t in raw["targets"]), "offsets are computed, not authored"


@pytest.mark.parametrize(
    "case",
    [
        ("sei_va_share_gdp", 12, "%", 12, "%", "≥", "share"),
        ("sei_va_share_above_scale_industry", 20, "%", 20, "%", "≥", "share"),
        ("enterprise_tech_centres", 600, "家", 600, "家", "≥", "level"),
        ("new_engineering_research_centres", 100, "家", 100, "家", "=", "count"),
        ("pv_capacity", 1500, "万千瓦", 1.5e7, "千瓦", "≥", "level"),
        ("wind_capacity", 2000, "万千瓦", 2e7, "千瓦", "≥", "level"),
        ("nev_production_capacity", 50, "万辆", 5e5, "辆", "=", "level"),
        ("nev_promoted_cumulative", 30, "万辆", 3e5, "辆", "=", "cumulative"),
        ("sjz_bio_base_revenue", 1500, "亿元", 1.5e11, "元", ">", "annual_flow"),
        ("zjk_annual_generation", 400, "亿千瓦时", 4e10, "千瓦时", "≥", "annual_flow"),
        ("hitech_projects_per_year", 100, "项", 100, "项", "=", "annual_flow"),
        ("tech_smes", 8, "万家", 8e4, "家", "≥", "level"),
        ("skilled_workers", 15, "万名", 1.5e5, "名", "=", "count"),
        ("innovation_leaders", 200, "名", 200, "名", "≈", "count"),
    ],
)
def test_known_targets(plan: Plan, case: tuple[str, float, str, float, str, str, str]) -> None:
    target_id, value, unit, normalized, unit_normalized, comparator, kind = case
    t = find_item(plan, target_id)
    assert (t.value, t.unit, t.comparator, t.kind, t.deadline) == (value, unit, comparator, kind, 2020)
    assert t.value_normalized == pytest.approx(normalized)
    assert t.unit_normalized == unit_normalized


def test_range_and_aspirational_targets(plan: Plan) -> None:
    makers = find_item(plan, "nev_leading_makers")
    assert (makers.value, makers.value_max, makers.value_text) == (1, 2, "1至2")
    assert find_item(plan, "sei_va_share_gdp").aspirational is True
    assert find_item(plan, "zjk_renewable_capacity").aspirational is True
    assert find_item(plan, "baoding_base_revenue").aspirational is False


def test_targets_ids_are_unique_snake_case(plan: Plan) -> None:
    ids = [t.id for t in plan.targets]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i == i.lower() for i in ids)


def test_base_targets_point_at_their_bases(plan: Plan) -> None:
    for base in plan.bases:
        for target_id in base.targets:
            target = find_item(plan, target_id)
            assert target.scope.type == "base" and target.scope.id == base.id


def test_industry_sei_codes_exist_in_the_nbs_classification(plan: Plan, reference_dir: Path) -> None:
    with (reference_dir / "sei2018_categories.csv").open(encoding="utf-8") as fh:
        codes = {row["sei_code"] for row in csv.DictReader(fh)}
    fields = {i.id: i.sei_codes for i in plan.industries}
    assert fields["next_gen_it"] == ["1"]
    assert fields["nev"] == ["5"]
    assert fields["advanced_equipment"] == ["2"]
    for industry in plan.industries:
        assert set(industry.sei_codes) <= codes, industry.id
        for sub in industry.subfields:
            assert set(sub.sei_codes) <= codes, sub.id
    equipment = find_item(plan, "advanced_equipment")
    assert "汽车及其关键部件" in (equipment.note_zh or "")
    assert find_item(plan, "ae_automobile").sei_codes == []


def test_nev_records_its_chain(plan: Plan) -> None:
    nev = find_item(plan, "nev")
    assert nev.subfields == []
    assert nev.chain_zh[0] == "整车" and "动力电池" in nev.chain_zh
    assert nev.chain_source is not None and "动力电池" in nev.chain_source.quote


def test_roadmap_boxes(plan: Plan) -> None:
    for number, box in enumerate(plan.roadmap_boxes, start=1):
        assert box.number == number
        assert box.goal.text.startswith("到2020年")
        assert box.actions, box.id
        for action in box.actions:
            assert action.source.text.startswith(action.label)
            if action.label in ACTION_CATEGORY_LABELS:
                assert action.category == ACTION_CATEGORY_LABELS[action.label]
    rail = find_item(plan, "box_02")
    assert [(a.label, a.category) for a in rail.actions] == [
        ("关键技术开发", "key_technology"),
        ("技术改造及应用", "industrialisation"),
    ]
    nev = find_item(plan, "box_12")
    assert nev.industry == "nev" and nev.subfield is None
    assert [a.category for a in nev.actions][-1] == "infrastructure"
    assert find_item(plan, "box_09").subfield == "ne_solar"


def test_national_bases_and_regions(plan: Plan) -> None:
    national = {b.id: b.regions for b in plan.bases if b.level == "national"}
    assert national == {
        "national_sjz_bio": ["130100"],
        "national_baoding_new_energy": ["130600"],
        "national_zjk_renewable": ["130700"],
        "national_bigdata_zone": ["130700", "131000", "130800", "130100", "130300"],
        "national_langfang_info": ["131000"],
    }


def test_provincial_slots(plan: Plan) -> None:
    slots = [b for b in plan.bases if b.level == "provincial"]
    assert all(b.name_zh is None for b in slots)
    zones = {z.id: z for z in plan.zones}
    allocated = [b for b in slots if b.zone is not None]
    assert len(allocated) == sum(len(z.focus_zh) for z in zones.values()) == 18
    for slot in allocated:
        assert slot.regions == zones[slot.zone].regions
        assert slot.focus_zh[0] in zones[slot.zone].focus_zh
    assert {(b.zone, b.focus_zh[0]) for b in allocated} == {(z.id, f) for z in zones.values() for f in z.focus_zh}
    assert all(b.regions == [] and b.focus_zh == [] for b in slots if b.zone is None)
    assert zones["zone_northwest"].regions == ["130700", "130800"]


def test_monitoring_measures_keep_their_text(plan: Plan) -> None:
    monitoring = [m for m in plan.measures if m.monitoring]
    assert [m.number for m in monitoring] == [7, 8]
    assert "统计监测指标体系" in monitoring[1].source.quote
    assert "第三方评价机制" in monitoring[1].source.quote
    assert monitoring[1].source.quote.endswith("如期实现。")


def test_set_asides_have_reasons_and_their_numbers(plan: Plan) -> None:
    texts = {s.number_text for s in plan.set_aside}
    assert {"500千伏", "220千伏", "5兆瓦级", "8.5代", "8吋", "第六代"} <= texts
    for item in plan.set_aside:
        assert item.number_text in item.source.quote, item.id
        assert item.reason_zh and item.reason_en


def test_sentence_of_box_target_unwraps_the_table(plan: Plan) -> None:
    sentence = sentence_of(plan, find_item(plan, "nev_promoted_cumulative").source)
    assert sentence.startswith("“十三五”时期累计推广各类新能源汽车30万辆")
    assert "│" not in sentence


def test_plan_to_dict_is_json_with_offsets(plan: Plan) -> None:
    data = json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))
    target = data["targets"][0]
    assert {"section", "start", "end", "quote"} <= set(target["source"])
    assert data["counts"]["targets"] == len(plan.targets)


def test_committed_schema_is_current() -> None:
    committed = json.loads(resource_path("schemas", "plan.schema.json").read_text(encoding="utf-8"))
    assert committed == Plan.model_json_schema(mode="validation")


def test_builtin_plan_is_cached() -> None:
    assert load_plan() is load_plan()
