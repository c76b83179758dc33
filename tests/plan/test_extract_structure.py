"""Issue 20: the extractor reads structure — deadline scope, base years, qualifiers, ranges, flows, subjects.

Sentences here are composed for the tests (in the register of real plans); the real-plan corpus is scored in
tests/plan/test_extract_real_plans.py.
"""

from __future__ import annotations

from seimon.plan.extract import Commitment, extract_commitments


def _by_number(text: str, document_year: int | None = None) -> dict[str, Commitment]:
    return {c.number_text: c for c in extract_commitments(text, document_year=document_year)}


def test_deadline_carries_over_semicolon_clauses_and_later_sentences() -> None:
    found = _by_number("到2020年，技改投资占工业投资比重达到60%以上；研发投入强度提高2个百分点。质量指数达到82.5。")
    assert [found[n].year for n in ("60%", "2个百分点", "82.5")] == [2020, 2020, 2020]


def test_nearest_deadline_wins_and_named_years_are_not_deadlines() -> None:
    found = _by_number("到2025年，比重达到8%左右，到2027年，比重达到10%左右。")
    assert (found["8%"].year, found["10%"].year) == (2025, 2027)
    text = "到2025年，绿色制造水平全面提升，为2030年工业领域碳达峰奠定基础。其中，碳排放降低18%。"
    assert _by_number(text)["18%"].year == 2025


def test_goal_paragraph_carries_its_deadline_to_the_paragraphs_under_it() -> None:
    text = "到2025年，全市增加值超2500亿元。\n在创新水平上，国家级创新平台超过80家。\n（二）重点任务\n建设10个园区。"
    found = _by_number(text)
    assert found["80家"].year == 2025
    assert found["10个"].year is None  # a heading ends the goal section


def test_plan_period_deadlines() -> None:
    assert _by_number("“十三五”期间，累计推广新能源汽车30万辆。")["30万辆"].year == 2020
    assert _by_number("到年底，新增企业100家。", document_year=2019)["100家"].year == 2019


def test_base_year_relations_and_baselines() -> None:
    found = _by_number("到2025年，网民规模从2020年的9.89亿提高到12亿，能耗比2015年下降18%，产值比2015年翻一番。")
    assert (found["9.89亿"].role, found["9.89亿"].base_year, found["9.89亿"].kind) == ("baseline", 2020, "baseline")
    assert (found["12亿"].role, found["12亿"].year, found["12亿"].base_year) == ("commitment", 2025, 2020)
    assert (found["18%"].relation, found["18%"].base_year, found["18%"].kind) == ("decrease_by", 2015, "rate")
    assert (found["翻一番"].relation, found["翻一番"].base_year) == ("multiply", 2015)


def test_thresholds_and_unit_phrases_are_qualifiers_not_targets() -> None:
    found = _by_number("到2020年，实施投资1亿元以上的技术改造项目760项，万元增加值能耗比2015年下降18%。")
    assert (found["1亿元"].role, found["1亿元"].kind) == ("qualifier", "qualifier")
    assert (found["760项"].role, found["760项"].year) == ("commitment", 2020)
    assert found["万元"].role == "qualifier"
    assert [c.number_text for c in extract_commitments("成熟度达2级及以上的企业超过50%") if c.role == "qualifier"] == [
        "2级"
    ]


def test_ranges_and_fractions() -> None:
    found = _by_number("培育1至2家整车企业，比重提高到15%—20%，制造业比重保持在三分之一左右。")
    assert (found["1至2家"].value, found["1至2家"].value_max, found["1至2家"].kind) == (1, 2, "range")
    assert (found["15%—20%"].value, found["15%—20%"].value_max) == (15, 20)
    assert round(found["三分之一"].value, 3) == 33.333 and found["三分之一"].unit == "%"


def test_flows_annual_flows_stocks_and_rates() -> None:
    text = (
        "新建500家院士工作站，累计推广新能源汽车30万辆，平均每年带动新增就业100万人以上，"
        "高新技术企业达到8000家，实施数字化转型的企业数量达到5万家，比重达到15%。"
    )
    found = _by_number(text)
    kinds = {n: found[n].kind for n in ("500家", "30万辆", "100万人", "8000家", "5万家", "15%")}
    assert kinds == {
        "500家": "flow",
        "30万辆": "flow",
        "100万人": "annual_flow",
        "8000家": "stock",
        "5万家": "stock",
        "15%": "rate",
    }


def test_subject_is_the_measured_phrase() -> None:
    found = _by_number("到2020年，战略性新兴产业增加值占GDP比重达到12%以上，新建500家院士工作站。")
    assert found["12%"].subject == "战略性新兴产业增加值占GDP比重"
    assert found["500家"].subject == "院士工作站"


def test_status_figures_need_the_document_year() -> None:
    text = "截至2020年底，全省电动汽车保有量达到50.16万辆。"
    assert _by_number(text, document_year=2023)["50.16万辆"].role == "status"
    assert _by_number(text)["50.16万辆"].role == "commitment"  # "截至2025年底…" may be a target


def test_structure_counts_are_not_targets() -> None:
    found = _by_number("《规划》还提出了4个行动：核心技术攻关行动、关键基础提升行动、创新产品发展行动。")
    assert found["4个"].role == "descriptor"
    found = _by_number("在全力推进14个新兴产业集群发展的基础上，选定10个产业集群率先突破。")
    assert (found["14个"].role, found["10个"].role) == ("descriptor", "commitment")


def test_set_names_and_start_years_are_not_targets() -> None:
    found = _by_number("到2025年，三大先导产业总规模达1.8万亿元，重点实施十大工程。")
    assert (found["三大"].role, found["十大"].role) == ("descriptor", "commitment")
    found = _by_number("2021年起，公共领域新增车辆中新能源汽车比例不低于80%。")
    assert found["80%"].year is None


def test_plan_periods_used_as_a_time_but_not_as_a_name() -> None:
    assert _by_number("同时，“十二五”新材料产品综合保障能力提高到70%。")["70%"].year == 2015
    assert _by_number("根据“十三五”规划纲要，建设100个基地。")["100个"].year is None
    goals = "《规划》提出了“十四五”工业经济高质量发展的五大重点目标：\n工业战略性新兴产业产值占比达42%。"
    assert _by_number(goals)["42%"].year == 2025
