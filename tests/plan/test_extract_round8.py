"""The rules of round 8 (tuned on real_plans_r7.yaml), each shown on sentences written for the test, not quoted
from the labelled sets, and each with the case it must leave alone (docs/plan.md, "Round 8")."""

from __future__ import annotations

from seimon.plan.extract import Commitment, extract_commitments


def _by_number(found: list[Commitment]) -> dict[str, Commitment]:
    return {c.number_text: c for c in found}


def test_a_colon_paragraph_with_a_deadline_before_its_last_sentence_announces_the_items_under_it() -> None:
    text = "《方案》明确，到2027年，基本建成数字经济强市。具体包括：\n数字产业强。核心产业营业收入力争突破5000亿元。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["5000亿元"].role, found["5000亿元"].year) == ("commitment", 2027)
    # A colon paragraph on a year before the document's reviews, announces nothing.
    past = "2021年，全市基本建成数字经济强市。主要成绩有：\n数字产业强。核心产业营业收入突破3000亿元。"
    assert _by_number(extract_commitments(past, 2024))["3000亿元"].year is None


def test_a_heading_titling_the_goals_then_their_deadline_carries_it() -> None:
    text = "（三）主要目标。到2027年，建成现代化产业强县。\n工业规模更大。规模以上工业企业达到500家。"
    assert _by_number(extract_commitments(text, 2024))["500家"].year == 2027
    # A heading whose deadline stands after a sentence of its own does not carry it.
    text = "（三）主要目标。全县上下奋力拼搏，成效显著。到2027年的任务很重。\n工业规模更大。规上工业企业达到500家。"
    assert _by_number(extract_commitments(text, 2024))["500家"].year is None


def test_a_span_of_years_with_one_figure_each_gives_each_its_year() -> None:
    text = "2024-2026年，全市数字经济核心产业增加值分别达到800亿元、900亿元、1000亿元，年均增长12%。"
    found = _by_number(extract_commitments(text, 2023))
    assert [found[n].year for n in ("800亿元", "900亿元", "1000亿元")] == [2024, 2025, 2026]
    assert found["12%"].year == 2026
    # Counts that do not match the span keep the span's end.
    text = "2024-2026年，全市数字经济核心产业增加值分别达到800亿元、1000亿元。"
    found = _by_number(extract_commitments(text, 2023))
    assert [found[n].year for n in ("800亿元", "1000亿元")] == [2026, 2026]


def test_a_clause_turning_to_this_year_ends_a_review_inside_its_sentence() -> None:
    text = "去年全县签约亿元以上项目60个的成绩还在眼前，今年再加压：计划全年新签约亿元以上项目70个。"
    title = "某县招商引资攻坚行动方案（2025年）"
    found = _by_number(extract_commitments(text, 2025, title=title))
    assert found["60个"].role == "status"
    assert (found["70个"].role, found["70个"].year) == ("commitment", 2025)
    # 今年以来 and 今年1-6月 are still the past.
    text = "去年全县签约亿元以上项目60个，今年1-6月又签约亿元以上项目35个。"
    assert _by_number(extract_commitments(text, 2025, title=title))["35个"].role == "status"


def test_an_estimate_of_a_year_before_the_documents_is_its_outcome() -> None:
    text = "据初步预计，全县2024年全年实现地区生产总值210亿元，增长6.5%。"
    found = _by_number(extract_commitments(text, 2025))
    assert (found["210亿元"].role, found["6.5%"].role) == ("status", "status")
    # An estimate of the document's own year is a goal.
    ahead = _by_number(extract_commitments("预计，全县2025年全年实现地区生产总值225亿元。", 2025))
    assert ahead["225亿元"].role == "commitment"


def test_a_count_of_digits_is_no_figure() -> None:
    found = _by_number(extract_commitments("到2027年，软件业务收入年均增速保持两位数以上。", 2024))
    assert "两位" not in found
    # A count of people (位) stays a figure.
    found = _by_number(extract_commitments("到2027年，引进两位院士。", 2024))
    assert found["两位"].role == "commitment"


def test_a_count_restating_how_many_items_were_just_named_is_no_target() -> None:
    text = "到2027年，打造100亿级新材料、80亿级食品和60亿级纺织的三大产业集群，规上工业产值突破900亿元。"
    found = _by_number(extract_commitments(text, 2024))
    assert found["三大"].role == "descriptor"
    assert found["900亿元"].role == "commitment"
    text = "到2027年，形成化工、建材2个产值过百亿元和机械1个产值过50亿元的产业集群。"
    assert _by_number(extract_commitments(text, 2024))["2个"].role == "descriptor"
    # A count after 等 (more than named), after a list of figures, or with nothing listed stays a target.
    text = "到2027年，建成新材料、食品等5个产业园，新建特色街区6个、休闲街区2个，新增省级园区2个。"
    found = extract_commitments(text, 2024)
    assert [c.role for c in found if c.number_text in ("5个", "2个")] == ["commitment"] * 3
    # 及 inside a word (惠及) lists nothing; shares of the items named are no count of them.
    found = _by_number(extract_commitments("到2027年，光伏装机达到30万千瓦，惠及农户2万户。", 2024))
    assert found["2万户"].role == "commitment"
    found = _by_number(extract_commitments("到2027年，化学需氧量、氨氮排放量分别下降2%和3%。", 2024))
    assert found["2%"].role == "commitment"
    # A bound after the count makes it a number to reach.
    found = _by_number(extract_commitments("到2027年，打造100亿级新材料、80亿级食品产业集群2个以上。", 2024))
    assert found["2个"].role == "commitment"


def test_a_quotation_stating_a_figure_to_reach_is_no_name() -> None:
    text = "到2027年，全区落实“产业引导基金规模超50亿元”的要求。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["50亿元"].role, found["50亿元"].year) == ("commitment", 2027)
    # A slogan or programme name in quotes stays a name.
    found = _by_number(extract_commitments("到2027年，实施“双百”工程和“1+3+1”集群计划。", 2024))
    assert found == {}


def test_a_title_naming_one_year_in_brackets_dates_the_undated_goals() -> None:
    text = "新引进亿元以上项目40个。"
    found = _by_number(extract_commitments(text, 2026, title="某区招商引资攻坚行动方案（2026年）"))
    assert found["40个"].year == 2026
    # A span in brackets does not: a multi-year plan's undated goals keep no year (labels disagree on its end).
    span = "某区招商三年行动计划（2024—2026年）"
    found = _by_number(extract_commitments("新引进亿元以上项目40个。", 2024, title=span))
    assert found["40个"].year is None


def test_zhaoyin_attracting_projects_is_a_flow() -> None:
    found = _by_number(extract_commitments("到2027年，全县招引亿元以上项目60个。", 2024))
    assert found["60个"].kind == "flow"
    # A level of projects is not.
    found = _by_number(extract_commitments("到2027年，全县在库亿元以上项目达到60个。", 2024))
    assert found["60个"].kind == "stock"


def test_a_clause_stating_only_the_base_gives_it_to_the_figure_after_the_comma() -> None:
    text = "到2027年，全县规上工业营业收入在2023年的基础上实现翻番，突破800亿元。"
    assert _by_number(extract_commitments(text, 2024))["800亿元"].base_year == 2023
    # A base clause with a figure of its own keeps it to itself.
    text = "到2027年，全县规上工业营业收入在2023年的基础上增长50%，利润突破80亿元。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["50%"].base_year, found["80亿元"].base_year) == (2023, None)


def test_a_figure_inside_a_zuowei_apposition_describes_the_subject() -> None:
    text = "作为GDP突破800亿元、占据全省区县经济前列的都市圈极核，该区该如何作答？"
    assert _by_number(extract_commitments(text, 2025))["800亿元"].role == "status"
    # A goal after an opening 作为 clause stays a goal.
    text = "作为工业强县，到2027年全县规上工业产值突破800亿元。"
    assert _by_number(extract_commitments(text, 2025))["800亿元"].role == "commitment"


def test_an_amount_after_a_count_and_guo_is_the_size_each_item_passes() -> None:
    text = "到2027年，形成新材料3个产值过100亿元、食品2个产值过50亿元的产业集群。"
    found = _by_number(extract_commitments(text, 2024))
    assert (found["100亿元"].role, found["50亿元"].role) == ("qualifier", "qualifier")
    # An amount that ends the clause is the target of what the clause counts.
    text = "到2027年，新增规上企业30家，产值超过100亿元。"
    assert _by_number(extract_commitments(text, 2024))["100亿元"].role == "commitment"
