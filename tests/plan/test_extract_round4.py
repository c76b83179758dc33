"""The rules of round 4 (tuned on real_plans_r3.yaml), each shown on sentences written for the test, not quoted
from the labelled sets, and each with the case it must leave alone (docs/plan.md, "Round 4")."""

from __future__ import annotations

from seimon.plan.achieved import is_review_heading
from seimon.plan.extract import Commitment, extract_commitments
from seimon.plan.number_scan import scan_numbers
from seimon.units import normalize_quantity


def _by_number(found: list[Commitment]) -> dict[str, Commitment]:
    return {c.number_text: c for c in found}


def test_review_headings_of_achievements_and_of_an_earlier_years_work() -> None:
    assert is_review_heading("一、“十四五”时期重大成就") and is_review_heading("（一）2025年工作取得显著成效")
    assert is_review_heading("2025年主要工作", 2026) and is_review_heading("“十四五”时期主要成果", 2026)
    assert not is_review_heading("2026年主要工作", 2026) and not is_review_heading("二、主要目标")
    assert not is_review_heading("三、重点任务") and not is_review_heading("（二）夯实发展基础")
    assert not is_review_heading("（四）提升治理成效") and not is_review_heading("（五）巩固拓展脱贫攻坚成果")
    assert is_review_heading("二、主要指标完成情况") and is_review_heading("一、2025年工作总结")
    text = "一、2025年主要工作\n●新增高新技术企业800家。\n二、2026年主要工作\n●新增高新技术企业1000家。"
    roles = {c.number_text: c.role for c in extract_commitments(text, 2026, plan_year=2026)}
    assert roles == {"800家": "status", "1000家": "commitment"}


def test_a_day_alone_in_a_news_lead_is_a_date() -> None:
    tokens = {t.text: t.category for t in scan_numbers("省长王某12日在省政府工作报告中提出，审批时限压缩至5日内。")}
    assert tokens == {"12日": "date", "5日": "quantity"}
    assert [c.number_text for c in extract_commitments("记者3日从省工信厅获悉，今年新增企业200家。", 2024)] == ["200家"]


def test_counts_of_a_list_or_of_the_documents_structure_are_descriptors() -> None:
    cases = {
        "重点抓好钢铁、石化、建材、纺织等12条产业链": "12条",
        "电子信息、装备制造和现代物流等3个产业集群营业收入突破千亿元": "3个",
        "建设研发、中试和检测认证3大平台": "3大",
        "共设置4类共20项指标": "4类",
        "三项重点工作为：一是稳增长，二是调结构，三是促改革": "三项",
    }
    for text, number in cases.items():
        token = next(t for t in scan_numbers(text) if t.text == number)
        assert token.descriptor, text
    # A count to build, longer than the sample the list names, stays a target.
    found = _by_number(extract_commitments("到2025年，打造电子信息、装备制造等8个千亿级产业集群。", 2021))
    assert found["8个"].role == "commitment"


def test_a_milestone_to_reach_and_a_size_class_reached_are_targets() -> None:
    found = _by_number(extract_commitments("到2027年，全市工业总产值迈上2万亿元台阶，两大集群规模分别达到5000亿级。"))
    assert (found["2万亿元"].role, found["2万亿元"].year) == ("commitment", 2027)
    assert (found["5000亿"].role, found["5000亿"].year) == ("commitment", 2027)
    assert extract_commitments("到2026年，软件业务收入冲刺千亿元大关。")[0].role == "commitment"
    review = _by_number(extract_commitments("2023年，出口首破3000亿元大关。新增5000亿级集群2个。", 2024))
    assert review["3000亿元"].role == "status" and review["5000亿"].role == "descriptor"


def test_an_amount_the_counted_part_exceeds_is_a_qualifier() -> None:
    found = _by_number(extract_commitments("到2025年，产值超百亿元的企业达到10家，其中4家营业收入超500亿元。", 2021))
    assert (found["4家"].role, found["500亿元"].role) == ("commitment", "qualifier")


def test_deadlines_named_after_the_goals_in_a_lead_in_and_within_n_years() -> None:
    found = extract_commitments("会议确定了力争工业投资年均增长10%以上，到2027年数字经济比重达到50%的主要目标。", 2024)
    assert [(c.number_text, c.year) for c in found] == [("10%", 2027), ("50%", 2027)]
    named = extract_commitments("报告显示，2024年产值达到9000亿元。产值迈上1万亿元台阶被列为2025年的首要目标。", 2025)
    assert [(c.number_text, c.role, c.year) for c in named] == [
        ("9000亿元", "status", 2024),
        ("1万亿元", "commitment", 2025),
    ]
    span = extract_commitments("方案提出2024-2026年发展目标，预计三年内新增装机200万千瓦。", 2024)
    assert span[0].year == 2026
    carried = extract_commitments(
        "省政府日前印发《某某产业发展规划》，明确，“十五五”期间，产业规模年均增长8%。\n"
        "结构方面，高端产品占比提高到40%。",
        2026,
    )
    assert [(c.number_text, c.year) for c in carried] == [("8%", 2030), ("40%", 2030)]
    long_title = extract_commitments(
        "《某某省先进制造业集群培育行动方案（2024—2027年）》确定，到2027年，集群营业收入达到3万亿元。\n"
        "创新方面，研发投入强度达到3%。",
        2024,
    )
    assert [(c.number_text, c.year) for c in long_title] == [("3万亿元", 2027), ("3%", 2027)]


def test_flows_of_incubation_issuance_and_investment_driven() -> None:
    text = (
        "2025年，孵化科技型企业500家，发行地方政府债券800亿元，带动社会投资约1000亿元，"
        "培育专精特新企业300家，推进20个重大项目建设，全市企业总数达到5万家。"
    )
    kinds = {c.number_text: c.kind for c in extract_commitments(text, 2025)}
    # 培育 and 推进…建设 count what is reached, as the labelled sets read them (real_plans.md, round 4).
    assert kinds == {
        "500家": "flow",
        "800亿元": "flow",
        "1000亿元": "flow",
        "300家": "stock",
        "20个": "stock",
        "5万家": "stock",
    }


def test_teu_is_a_unit() -> None:
    found = extract_commitments("到2025年，港口集装箱吞吐量达到1200万标箱。")
    assert (found[0].unit, found[0].year) == ("万标箱", 2025)
    assert normalize_quantity(1200, "万标箱") == (12_000_000.0, "标箱")
