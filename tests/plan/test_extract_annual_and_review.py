"""Annual documents' targets take the year their title names; review chapters and achievement clauses are status."""

from __future__ import annotations

from seimon.plan.annual_plan import annual_plan_year
from seimon.plan.extract import extract_commitments


def _read(text: str, **kwargs: object) -> list[tuple[str, str, int | None, str]]:
    return [(c.number_text, c.role, c.year, c.kind) for c in extract_commitments(text, **kwargs)]  # type: ignore[arg-type]


def test_an_annual_document_gives_its_year_to_undated_targets() -> None:
    text = "合肥市2024年政府工作报告\n主要预期目标：地区生产总值增长6%左右，新增“四上”企业1400户左右。"
    assert _read(text) == [("6%", "commitment", 2024, "rate"), ("1400户", "commitment", 2024, "flow")]
    # A document whose title names no single year gets no year for its undated targets.
    assert _read("浙江省新材料产业发展行动计划\n\n组建10个工作专班。")[0][2] is None
    assert annual_plan_year("关于下达2020年浙江省国民经济和社会发展计划的通知") == 2020
    assert annual_plan_year("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要") is None


def test_a_stated_deadline_wins_over_the_annual_year() -> None:
    assert _read("到2025年，产值达到1万亿元。", plan_year=2024) == [("1万亿元", "commitment", 2025, "stock")]


def test_review_chapter_figures_are_status_by_heading_or_section() -> None:
    text = "一、发展基础\n高技术制造业增加值占比达到15.1%。\n二、发展目标\n到2025年，占比达到20%。"
    assert [(n, r) for n, r, _, _ in _read(text, document_year=2021)] == [("15.1%", "status"), ("20%", "commitment")]
    assert _read("规模以上工业单位增加值能耗降低约16%。", section="发展基础")[0][1] == "status"
    assert _read("规模以上工业单位增加值能耗降低约16%。")[0][1] == "commitment"


def test_achievement_clauses_are_status_unless_a_deadline_lies_ahead() -> None:
    assert _read("分别提高了3.3和1.9个百分点。")[0][1] == "status"
    assert _read("钢铁行业提前完成1.5亿吨去产能目标。")[0][1] == "status"
    assert _read("到2020年，形成了20多家大型企业。", document_year=2016)[0][:3] == ("20多家", "commitment", 2020)


def test_a_past_years_baseline_is_status_too() -> None:
    roles = _read("2020年，产值由2015年的4000亿元增加至7600亿元。", document_year=2021)
    assert [r for _, r, _, _ in roles] == ["status", "status"]


def test_flow_verbs_units_and_articles() -> None:
    assert [k for *_, k in _read("举办促销活动500场，引入首店100家，淘汰1000家企业落后产能。")] == ["flow"] * 3
    assert _read("研发投入达到300亿元。")[0][3] == "stock"
    assert _read("投入资金300亿元。")[0][3] == "flow"
    assert [(n, r, k) for n, r, _, k in _read("实施亿元以上项目2200个，其中百亿项目5个以上。")] == [
        ("亿元", "qualifier", "qualifier"),
        ("2200个", "commitment", "flow"),
        ("百亿", "qualifier", "qualifier"),
        ("5个", "commitment", "flow"),
    ]
    found = extract_commitments("增速力争保持万亿城市前列。")[0]
    assert (found.value, found.unit, found.role) == (1.0, "万亿", "qualifier")
    assert [r for _, r, _, _ in _read("生物产业是国家确定的一项战略性新兴产业。")] == ["descriptor"]
