"""Round 3 rules (from the fourth held-out set's errors): review passages and titles, the next five years, starts
"from now", flows named after the number, thresholds and units written with spaces."""

from __future__ import annotations

from seimon.plan.extract import extract_commitments
from seimon.plan.review_passages import is_review_document, review_passage_spans


def _read(text: str, **kwargs: object) -> list[tuple[str, str, int | None, str]]:
    return [(c.number_text, c.role, c.year, c.kind) for c in extract_commitments(text, **kwargs)]  # type: ignore[arg-type]


def test_a_paragraph_opening_on_a_past_time_is_a_review_until_it_looks_ahead() -> None:
    text = "去年，新增单项冠军企业41家。集中开工建设997个重大项目。今年，新增单项冠军企业50家。"
    assert [(n, r) for n, r, _, _ in _read(text, plan_year=2021)] == [
        ("41家", "status"),
        ("997个", "status"),
        ("50家", "commitment"),
    ]
    assert _read("“十四五”以来，全市新增高新技术企业651家。")[0][1] == "status"
    assert _read("会议指出，预计2022年全年，规模以上工业增加值同比增长3.6%。", document_year=2023)[0][1] == "status"
    assert _read("全市新增高新技术企业651家。")[0][1] == "commitment"
    assert review_passage_spans("比上年提高0.5个百分点。") == []


def test_review_headings_and_titles() -> None:
    section = "一、2022年国民经济和社会发展计划执行情况"
    assert _read("全年实现地区生产总值2651.25亿元。", section=section)[0][1] == "status"
    assert _read("新增孵化载体53个。", section="2021年主要工作和成效")[0][1] == "status"
    assert _read("创建45个国家级先进制造业集群。", title="全国工业和信息化工作会议（2022年工作回顾）")[0][1] == "status"
    assert not is_review_document("关于2022年计划执行情况与2023年计划（草案）的报告")
    assert not is_review_document("一、发展基础")


def test_the_next_five_years_end_five_years_after_the_document_unless_a_period_is_named() -> None:
    found = _read("未来五年主要目标任务\n地区生产总值年均要增长7%以上。", document_year=2022)
    assert found[-1][:3] == ("7%", "commitment", 2027)
    text = "“十四五”主要目标\n今后五年的主要任务\n高新技术企业增加到4000家以上。"
    assert _read(text, document_year=2021)[-1][:3] == ("4000家", "commitment", 2025)


def test_starts_from_now_flows_after_the_number_and_amounts_per_year() -> None:
    found = _read("全员劳动生产率年均增长1万元、从目前的14.4万元增加到20万元左右。")
    assert [(n, r, k) for n, r, _, k in found] == [
        ("1万元", "commitment", "annual_flow"),
        ("14.4万元", "baseline", "baseline"),
        ("20万元", "commitment", "stock"),
    ]
    assert _read("高新企业数量从107家增加到500家以上。")[0][1] == "baseline"
    assert [(n, k) for n, _, _, k in _read("实现不少于600万本省和700万外省农业转移人口落户城镇。")] == [
        ("600万", "flow"),
        ("700万", "flow"),
    ]
    assert _read("湛江至海安铁路扩能工程等，建设里程1350公里。")[0][3] == "flow"


def test_durations_naming_an_area_and_milestones_are_not_targets() -> None:
    assert [r for _, r, _, _ in _read("在城市社区建设15分钟健身圈，覆盖率达到100%。")] == ["descriptor", "commitment"]
    found = extract_commitments("出口首破 5000 亿元大关。")[0]
    assert (found.value, found.unit, found.role) == (5000.0, "亿元", "qualifier")
