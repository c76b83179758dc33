"""The rules of round 7 (tuned on real_plans_r6.yaml), each shown on sentences written for the test, not quoted
from the labelled sets, and each with the case it must leave alone (docs/plan.md, "Round 7")."""

from __future__ import annotations

from seimon.plan.achieved import is_past_dated_level
from seimon.plan.extract import Commitment, extract_commitments


def _by_number(found: list[Commitment]) -> dict[str, Commitment]:
    return {c.number_text: c for c in found}


def test_a_paragraph_opening_on_an_earlier_year_reviews_that_year_until_it_turns_ahead() -> None:
    text = "2023年，全市上下团结奋斗，经济稳中向好。全年工业增加值增长6.1%、总量达1.2万亿元。今年，工业增加值增长6%。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["6.1%"].role, found["1.2万亿元"].role) == ("status", "status")
    assert found["6%"].role == "commitment"
    # The document's own year (or a later one) opening the paragraph is a plan, not a review.
    ahead = _by_number(extract_commitments("2024年，全市上下团结奋斗。全年工业增加值增长6%左右。", 2024))
    assert ahead["6%"].role == "commitment"


def test_a_meeting_since_which_opens_a_review() -> None:
    text = "市发展改革委介绍，市委三届七次全会以来，全市加快发展。全市地区生产总值增长6.3%，总量迈上2万亿台阶。"
    found = _by_number(extract_commitments(text, 2025))
    assert found["6.3%"].role == "status"
    goal = _by_number(extract_commitments("全会要求，全市地区生产总值增长6%左右。", 2025))
    assert goal["6%"].role == "commitment"


def test_a_level_at_a_month_of_this_year_is_a_status() -> None:
    text = "据介绍，截至今年6月底，全省储能装机180万千瓦，同比增长40%。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["180万千瓦"].role, found["40%"].role) == ("status", "status")
    # 到今年底 is still ahead.
    goal = _by_number(extract_commitments("力争到今年底，全省储能装机达到200万千瓦。", 2024))
    assert goal["200万千瓦"].role == "commitment"


def test_a_change_between_relative_dates_already_seen_is_a_status() -> None:
    text = "全省高新技术企业从去年底的1200家增长到今年9月底的1350家。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["1200家"].role, found["1350家"].role) == ("status", "status")
    assert is_past_dated_level("从上年末的", "提高到今年3月的42%", 2024)
    # A change to a year ahead stays a target.
    assert not is_past_dated_level("从去年底的", "增长到2027年的2000家", 2024)
    goal = _by_number(extract_commitments("全省高新技术企业从去年底的1200家增长到2027年的2000家。", 2024))
    assert goal["2000家"].role == "commitment"


def test_a_documents_parts_counted_after_gong_or_fenwei_are_structure() -> None:
    found = _by_number(extract_commitments("《意见》共四大板块、十个部分、36条。", 2025))
    assert all(c.role == "descriptor" for c in found.values())
    assert _by_number(extract_commitments("报告分为四部分。", 2025))["四部"].role == "descriptor"
    # A count whose subject is no document stays a target.
    goal = _by_number(extract_commitments("到2027年，全省共建成5G基站10万个。", 2025))
    assert goal["10万个"].role == "commitment"


def test_a_figure_inside_an_example_of_a_counted_list_names_it() -> None:
    text = "推动某某集团年产200兆瓦光伏组件项目、某某公司三期项目等30个重大项目开工建设。"
    found = _by_number(extract_commitments(text, 2024))
    assert found["200兆瓦"].role == "descriptor"
    assert found["30个"].role == "commitment"
    assert "三期" not in found
    # A figure with no 等N after it in its clause stays a target.
    goal = _by_number(extract_commitments("推动光伏组件产能达到200兆瓦，培育重点企业30个。", 2024))
    assert goal["200兆瓦"].role == "commitment"


def test_a_session_number_and_the_three_sectors_are_not_counts() -> None:
    text = "按照市委七届六次全会部署，优化三次产业结构，地区生产总值增长6%。"
    found = _by_number(extract_commitments(text, 2025))
    assert found["六次"].role != "commitment"
    assert "三次" not in found
    assert found["6%"].role == "commitment"
    assert _by_number(extract_commitments("全年开展执法检查三次。", 2025))["三次"].role == "commitment"


def test_an_annual_work_focus_title_names_its_year() -> None:
    from seimon.plan.annual_plan import annual_plan_year

    assert annual_plan_year("某省新材料产业2021年度工作重点") == 2021
    assert annual_plan_year("某省新材料产业发展重点（2021-2025年）") is None


def test_year_end_will_and_the_years_planned_spending_are_the_documents_year() -> None:
    text = "截至目前，全区风电已建成并网50万千瓦，年底将建成80万千瓦。"
    found = _by_number(extract_commitments(text, 2012))
    assert (found["80万千瓦"].role, found["80万千瓦"].year) == ("commitment", 2012)
    news = _by_number(extract_commitments("全区重点项目共20项，当年计划投资30亿元。", 2019))
    assert (news["30亿元"].year, news["30亿元"].kind) == (2019, "flow")
    # A year named before 年底 keeps its own year.
    dated = _by_number(extract_commitments("力争2027年底将建成100万千瓦。", 2024))
    assert dated["100万千瓦"].year == 2027


def test_planned_spending_projects_starting_and_expansion_are_flows() -> None:
    text = "到2026年，完成产业规划投资500亿元以上，推动某某项目等20个重大项目开工建设，扩建码头6座。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["500亿元"].kind, found["20个"].kind, found["6座"].kind) == ("flow", "flow", "flow")
    # A level stays a stock.
    level = _by_number(extract_commitments("到2026年，产业投资规模达到500亿元，在建项目20个。", 2024))
    assert (level["500亿元"].kind, level["20个"].kind) == ("stock", "stock")
    results = _by_number(extract_commitments("到2026年，力争产生5项重大科技成果。", 2024))
    assert results["5项"].kind == "flow"


def test_counts_a_plan_sets_out_by_aspect_its_lists_and_its_named_goals_are_structure() -> None:
    text = "行动方案从产业投资、人才引进等5个方面提出了30项重点任务，并列出120项重大项目清单。"
    found = _by_number(extract_commitments(text, 2024))
    assert all(c.role == "descriptor" for c in found.values())
    goals = _by_number(extract_commitments("全市要努力实现以下目标，包括三个“走在前列”的目标：", 2024))
    assert goals["三个"].role == "descriptor"
    # Counts to reach stay targets.
    tasks = _by_number(extract_commitments("到2026年，完成重点任务30项，新增目标企业120家。", 2024))
    assert (tasks["30项"].role, tasks["120家"].role) == ("commitment", "commitment")


def test_two_round_amounts_before_ji_are_size_classes() -> None:
    found = _by_number(extract_commitments("培育壮大百亿千亿元级产业集群。", 2024))
    assert found["百亿"].role == "descriptor"
    goal = _by_number(extract_commitments("到2027年，培育形成2至3个千亿级产业集群。", 2024))
    assert goal["2至3个"].role == "commitment"


def test_a_size_made_by_a_creation_verb_is_a_target_not_a_threshold() -> None:
    found = _by_number(extract_commitments("到2027年，打造总体规模超500亿元的产业投资基金群。", 2024))
    assert (found["500亿元"].role, found["500亿元"].kind) == ("commitment", "stock")
    # A count of things of that size keeps the amount a threshold.
    count = _by_number(extract_commitments("到2027年，培育规模超500亿元的企业10家。", 2024))
    assert count["500亿元"].role == "qualifier"


def test_square_kilometres_and_a_year_after_jiyu_are_read() -> None:
    text = "到2035年，湿地面积不低于80.5平方千米，建设用地规模控制在基于2020年规模的1.2倍以内。"
    found = _by_number(extract_commitments(text, 2023))
    assert (found["80.5平方千米"].unit, found["80.5平方千米"].year) == ("平方千米", 2035)
    assert (found["1.2倍"].role, found["1.2倍"].year, found["1.2倍"].base_year) == ("commitment", 2035, 2020)
    # 于 as a time word stays a deadline.
    assert _by_number(extract_commitments("力争于2027年建成湿地30平方千米。", 2023))["30平方千米"].year == 2027


def test_a_news_item_on_something_done_reports_it() -> None:
    text = "近日，全市秋季集中开工项目共25项，投资总额120亿元，当年计划投资40亿元。"
    found = _by_number(extract_commitments(text, 2019))
    assert (found["25项"].role, found["120亿元"].role) == ("status", "status")
    assert found["40亿元"].role == "commitment"
    # A news item on a plan keeps its targets.
    plan = _by_number(extract_commitments("近日，市政府印发方案，新增高新技术企业100家。", 2019))
    assert plan["100家"].role == "commitment"


def test_a_ratio_to_one_is_a_unitless_rate() -> None:
    found = _by_number(extract_commitments("到2027年，城乡居民收入比缩小至2.2∶1。", 2024))
    assert (found["2.2"].role, found["2.2"].kind, found["2.2"].year) == ("commitment", "rate", 2027)
    # A proportion of two terms is not a bound.
    assert "25" not in _by_number(extract_commitments("轻重工业比达到25:75。", 2024))


def test_a_fraction_with_a_bound_is_a_share() -> None:
    found = _by_number(extract_commitments("到2027年，制造业增加值占比达到2/5以上。", 2024))
    assert (round(found["2/5"].value, 6), found["2/5"].unit, found["2/5"].kind) == (40.0, "%", "rate")
    # A date or a bare fraction without a bound is left alone.
    assert "6/30" not in _by_number(extract_commitments("截止日期为6/30，届时提交材料。", 2024))


def test_a_class_with_ji_yishang_before_a_noun_and_listed_thresholds_are_qualifiers() -> None:
    found = _by_number(extract_commitments("加快10兆瓦及以上大容量机组规模化应用。", 2024))
    assert found["10兆瓦"].role == "qualifier"
    goal = _by_number(extract_commitments("到2027年，海上风电装机达到800万千瓦以上。", 2024))
    assert goal["800万千瓦"].role == "commitment"
    text = "到2027年，培育3家营业收入超200亿元、8家营业收入超80亿元的龙头企业。"
    listed = _by_number(extract_commitments(text, 2024))
    assert (listed["200亿元"].role, listed["80亿元"].role) == ("qualifier", "qualifier")
    assert (listed["3家"].role, listed["8家"].role) == ("commitment", "commitment")


def test_a_paragraph_going_on_from_a_goal_paragraph_keeps_its_last_year_ahead() -> None:
    text = (
        "首先，经济实力迈上新台阶。2024年增速赶上全国，2026年如期实现规划目标。\n"
        "此外，产业结构持续优化。工业营业收入达到3万亿元。"
    )
    found = _by_number(extract_commitments(text, 2024))
    assert (found["3万亿元"].role, found["3万亿元"].year) == ("commitment", 2026)
    # A paragraph not going on (no 此外/同时 …) does not inherit it.
    alone = "首先，经济实力迈上新台阶。2026年如期实现规划目标。\n产业结构持续优化。工业营业收入达到3万亿元。"
    assert _by_number(extract_commitments(alone, 2024))["3万亿元"].year is None
