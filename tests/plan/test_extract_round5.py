"""The rules of round 5 (tuned on real_plans_r4.yaml), each shown on sentences written for the test, not quoted
from the labelled sets, and each with the case it must leave alone (docs/plan.md, "Round 5")."""

from __future__ import annotations

from seimon.plan.achieved import is_past_dated_level, is_reported_review
from seimon.plan.annual_plan import annual_plan_year
from seimon.plan.extract import Commitment, extract_commitments
from seimon.plan.number_scan import scan_numbers
from seimon.plan.review_passages import is_review_document


def _by_number(found: list[Commitment]) -> dict[str, Commitment]:
    return {c.number_text: c for c in found}


def test_a_reported_review_finding_is_a_status_and_a_reported_goal_is_not() -> None:
    found = _by_number(
        extract_commitments("评估报告显示，全省高新技术企业数量超过5000家；数字经济占GDP比重提升至41%。", 2024)
    )
    assert (found["5000家"].role, found["41%"].role) == ("status", "status")
    found = _by_number(extract_commitments("数据表明，两年多来，全市新增就业38万人。", 2024))
    assert found["38万人"].role == "status"
    goals = _by_number(extract_commitments("报告提出，2025年全市主要预期目标是：地区生产总值增长6%左右。", 2025))
    assert (goals["6%"].role, goals["6%"].year) == ("commitment", 2025)
    ahead = _by_number(extract_commitments("报告指出，到2027年，新增专精特新企业300家。", 2024))
    assert (ahead["300家"].role, ahead["300家"].year) == ("commitment", 2027)
    found = _by_number(extract_commitments("据统计，全市高新技术企业达到5200家。评估认为，能耗累计下降11%。", 2024))
    assert (found["5200家"].role, found["11%"].role) == ("status", "status")
    found = _by_number(extract_commitments("规划纲要实施以来，城镇化率提高到65.2%。今年，新增企业500家。", 2023))
    assert (found["65.2%"].role, found["500家"].role) == ("status", "commitment")
    assert extract_commitments("据测算，到2025年，可带动投资500亿元。", 2023)[0].role == "commitment"
    assert is_reported_review("报告还称，研发投入强度提高到")
    assert not is_reported_review("报告指出，今年要新增") and not is_reported_review("《规划》指出，全市新增")


def test_a_level_dated_to_a_past_year_and_the_start_of_its_change_are_reached() -> None:
    found = _by_number(extract_commitments("消费对增长的贡献率由2021年的60.2%提高到2023年的71.5%。", 2024))
    assert (found["60.2%"].role, found["71.5%"].role) == ("status", "status")
    ahead = _by_number(extract_commitments("研发投入强度由2020年的2.1%提高到2025年的2.8%。", 2021))
    assert ahead["2.8%"].role == "commitment" and ahead["2.1%"].role == "baseline"
    assert is_past_dated_level("由2021年的", "提高到2023年的71.5%", 2024)
    assert not is_past_dated_level("提高到2025年的", "", 2021) and not is_past_dated_level("达到", "", 2024)


def test_an_evaluation_title_is_a_review_document_and_a_plan_title_is_not() -> None:
    assert is_review_document("《某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》实施中期评估报告")
    assert is_review_document("某市“十三五”工业发展规划终期评估")
    assert not is_review_document("某市“十四五”规划实施评估与“十五五”目标建议")
    assert not is_review_document("某省数字经济发展规划（2021—2025年）")


def test_counts_of_a_documents_programmes_its_indicators_and_a_shares_subject_are_descriptors() -> None:
    cases = {
        "《规划》围绕六大领域提出85项重大工程。": "85项",
        "《方案》将实施智能制造、绿色制造等五大工程和32项重点任务。": "32项",
        "规划确定的18项主要指标中，15项达到预期进度。": "15项",
        "纲要围绕重点领域提出102项重大工程项目。": "102项",
        "到2027年，4 个集群占全市工业产值比重达 60%。": "4 个",
    }
    for text, number in cases.items():
        token = next(t for t in scan_numbers(text) if t.text == number)
        assert token.descriptor, text
    # A deadline in the clause makes the document's count a target; a count with no share after it stays one.
    found = _by_number(extract_commitments("落实《方案》实施技术改造项目500项。", 2024, plan_year=2024))
    assert found["500项"].role == "commitment"
    found = _by_number(extract_commitments("计划实施技术改造项目600项。", 2024, plan_year=2024))
    assert found["600项"].role == "commitment"
    found = _by_number(extract_commitments("《方案》明确到2027年培育120家专精特新企业。", 2024))
    assert (found["120家"].role, found["120家"].year) == ("commitment", 2027)
    found = _by_number(extract_commitments("到2027年，培育4 个千亿级集群，占全市工业产值比重达 60%。", 2024))
    assert found["4 个"].role == "commitment"


def test_a_decimal_point_with_spaces_and_years_of_schooling() -> None:
    text = "主要预期目标是：经济增长5 . 5%左右，受教育年限提高到11.2年。"
    found = _by_number(extract_commitments(text, plan_year=2025))
    assert (found["5 . 5%"].value, found["5 . 5%"].year) == (5.5, 2025)
    assert (found["11.2年"].role, found["11.2年"].value, found["11.2年"].year) == ("commitment", 11.2, 2025)
    # A list marker "1. " is not a decimal, and "用三年时间" stays a duration.
    assert [t.text for t in scan_numbers("1. 到2025年，产值达到500亿元。") if t.category == "quantity"] == ["500亿元"]
    assert next(t for t in scan_numbers("用3年时间，新增企业100家。") if t.text == "3年").descriptor


def test_a_plan_report_is_for_the_year_it_plans_and_a_goal_sentence_names_its_year() -> None:
    assert annual_plan_year("关于某市2025年国民经济和社会发展计划执行情况与2026年计划草案的报告") == 2026
    county = "关于某县2023年国民经济和社会发展计划执行情况及2024年国民经济和社会发展计划草案的报告"
    assert annual_plan_year(county) == 2024
    assert annual_plan_year("某市2025年政府工作报告") == 2025
    title = "关于某省2025年国民经济和社会发展计划执行情况与2026年计划草案的报告"
    found = _by_number(extract_commitments("报告提出，城镇新增就业50万人左右。", 2026, title=title))
    assert found["50万人"].year == 2026


def test_a_five_year_plan_presented_in_a_work_report_gives_its_goals_the_period_end() -> None:
    text = (
        "国务院编制了《国民经济和社会发展第十五个五年规划纲要(草案)》,提交大会审查。这里就主要目标指标作简要报告。\n"
        "创新驱动方面\n"
        "围绕创新投入提出2项指标。其中,提出研发经费投入年均增长7%以上\n"
    )
    found = _by_number(extract_commitments(text, 2026, plan_year=2026))
    assert found["7%"].year == 2030
    # A review of a plan's progress names no draft presented: the work report's year stays.
    text = "“十四五”规划实施以来，主要目标进展顺利。\n今年，研发经费投入增长8%以上。\n"
    assert _by_number(extract_commitments(text, 2024, plan_year=2024))["8%"].year == 2024


def test_a_paragraph_opening_on_a_period_already_over_is_a_review() -> None:
    text = "“十三五”时期，全市营业收入突破5000亿元，新增企业300家。"
    assert {c.role for c in extract_commitments(text, 2020)} == {"status"}
    plan = "“十三五”期间，全市营业收入突破5000亿元，新增企业300家。"
    assert {(c.role, c.year) for c in extract_commitments(plan, 2016)} == {("commitment", 2020)}


def test_session_numbers_are_names_and_selections_awards_and_approvals_are_flows() -> None:
    tokens = {t.text: t.category for t in scan_numbers("认真执行省十四届人大三次会议批准的计划，举办三次培训。")}
    assert tokens["十四届人大三次会议"] == "identifier" and tokens["三次"] == "quantity"
    text = "到2027年，选树200家标杆企业，省级重点研发计划立项15项，获得省级科技奖励3项以上，培育50家链主企业。"
    kinds = {c.number_text: c.kind for c in extract_commitments(text, 2024)}
    assert kinds == {"200家": "flow", "15项": "flow", "3项": "flow", "50家": "stock"}
    assert extract_commitments("到2027年，获奖企业达到100家。", 2024)[0].kind == "stock"
