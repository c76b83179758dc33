"""The rules of round 6 (tuned on real_plans_r5.yaml), each shown on sentences written for the test, not quoted
from the labelled sets, and each with the case it must leave alone (docs/plan.md, "Round 6")."""

from __future__ import annotations

from seimon.plan.achieved import is_current_level, is_standing_sentence
from seimon.plan.deadlines import issued_plan_deadline
from seimon.plan.extract import Commitment, extract_commitments
from seimon.plan.number_scan import scan_numbers


def _by_number(found: list[Commitment]) -> dict[str, Commitment]:
    return {c.number_text: c for c in found}


def test_a_past_year_naming_what_a_figure_counts_does_not_make_the_sentence_a_review() -> None:
    text = "2026年全市计划\n加快建设风电基地，2025年800万千瓦风电项目全部并网，新建光伏装机300万千瓦。"
    found = _by_number(extract_commitments(text, 2026))
    assert (found["800万千瓦"].role, found["800万千瓦"].year) == ("commitment", 2026)
    assert (found["300万千瓦"].role, found["300万千瓦"].year) == ("commitment", 2026)
    # A year opening its sentence stays a time: the figures after it are that year's, reached.
    review = _by_number(extract_commitments("2025年，全市新建光伏装机300万千瓦。", 2026))
    assert review["300万千瓦"].role == "status"


def test_a_year_written_with_a_white_circle_is_a_year() -> None:
    found = _by_number(extract_commitments("市长指出，二○二四年全市经济稳中有进，地区生产总值年增百分之四点八。", 2025))
    assert found["百分之四点八"].role == "status"
    assert _by_number(extract_commitments("到二○三○年，研发投入强度达到3%。", 2025))["3%"].year == 2030


def test_the_year_just_past_opens_a_review_passage() -> None:
    text = "市长在会上说，刚刚过去的一年，是极不平凡的一年。全市获国家级表彰12项，新增高新技术企业320家。"
    found = _by_number(extract_commitments(text, 2023))
    assert (found["12项"].role, found["320家"].role) == ("status", "status")
    goal = _by_number(extract_commitments("刚刚过去的一年，全市经济稳中有进。今年，新增高新技术企业350家。", 2023))
    assert goal["350家"].role == "commitment"


def test_a_level_reached_by_now_is_a_status_whatever_goal_follows() -> None:
    text = "目前，全区光伏装机已率先突破500万千瓦，年底将提前完成规划目标。"
    assert _by_number(extract_commitments(text, 2024))["500万千瓦"].role == "status"
    goal = _by_number(extract_commitments("目前，全区正加快建设，力争年底光伏装机达到600万千瓦。", 2024))
    assert goal["600万千瓦"].role == "commitment"
    assert is_current_level("当前,储能装机已突破", "储能装机已突破")
    assert not is_current_level("到2027年,已建成", "已建成")


def test_a_standing_or_an_honour_with_no_deadline_is_a_review() -> None:
    text = "全省拥有国家级专精特新“小巨人”企业150家、位居全国前列，获评国家级示范区2个。"
    found = _by_number(extract_commitments(text, 2025))
    assert (found["150家"].role, found["2个"].role) == ("status", "status")
    assert is_standing_sentence("受国家部委表彰8项。")
    # Looking ahead, with a deadline, or a measure of ownership: targets.
    assert not is_standing_sentence("力争主要指标位居全国前列。")
    ahead = _by_number(extract_commitments("到2027年，全省拥有国家级“小巨人”企业200家。", 2025))
    assert ahead["200家"].role == "commitment"
    assert _by_number(extract_commitments("每万人口高价值发明专利拥有量达到15件。", 2025))["15件"].role == "commitment"
    # In an annual document a task sentence may rank without a deadline of its own: only an honour makes it past.
    annual = "推动高新技术企业突破1200家、位居全省前列。受国家部委表彰9项。"
    found = _by_number(extract_commitments(annual, 2025, title="某市2025年政府工作报告"))
    assert (found["1200家"].role, found["1200家"].year, found["9项"].role) == ("commitment", 2025, "status")


def test_a_threshold_before_a_count_qualifies_it() -> None:
    text = "到2028年，培育产值超500亿元的3个、超200亿元的8个产业集群。"
    found = _by_number(extract_commitments(text, 2025))
    assert [found[n].role for n in ("500亿元", "3个", "200亿元", "8个")] == [
        "qualifier",
        "commitment",
        "qualifier",
        "commitment",
    ]
    level = _by_number(extract_commitments("到2028年，集群产值达到500亿元。", 2025))
    assert level["500亿元"].role == "commitment"


def test_a_restatement_in_brackets_a_text_length_and_a_focus_count_are_descriptors() -> None:
    found = _by_number(extract_commitments("2026年，新增储能装机300万千瓦(3GW)。", 2026))
    assert (found["300万千瓦"].role, found["3GW"].role) == ("commitment", "descriptor")
    lead = _by_number(extract_commitments("长达1.8万余字的规划全文公布。", 2025))
    assert lead["1.8万"].role == "descriptor"
    focus = _by_number(extract_commitments("方案提出，聚焦12个重点产业集群和30条产业链，实施三大工程。", 2025))
    assert (focus["12个"].role, focus["30条"].role) == ("descriptor", "descriptor")
    chosen = _by_number(extract_commitments("规划将全省有基础的10类新材料作为发展重点。", 2025))
    assert chosen["10类"].role == "descriptor"
    built = _by_number(extract_commitments("到2027年，聚焦先进制造业，培育10个产业集群。", 2025))
    assert built["10个"].role == "commitment"


def test_an_issued_plans_period_governs_the_goals_after_it() -> None:
    text = "5月8日，省发展改革委印发《某省“十五五”数字经济发展规划》，提出要建设数字强省。力争核心产业规模破5000亿元。"
    found = _by_number(extract_commitments(text, 2026))
    assert (found["5000亿元"].role, found["5000亿元"].year) == ("commitment", 2030)
    ranged = issued_plan_deadline("市政府发布《某市制造业提升行动方案(2025-2027年)》，明确了主攻方向")
    assert ranged is not None and ranged.year == 2027
    assert issued_plan_deadline("《方案》印发以来，新增企业100家") is None


def test_tenths_written_cheng_are_percentages() -> None:
    quantities = {t.text: t for t in scan_numbers("到2027年，规上企业数增幅超6成，占比近三成，建成3个基地。")}
    assert (quantities["6成"].value, quantities["6成"].unit) == (60.0, "%")
    assert (quantities["三成"].value, quantities["三成"].unit) == (30.0, "%")
    assert "3个" in quantities and not any(text.endswith("成为") for text in quantities)
    assert not [t for t in scan_numbers("形成5成套设备") if t.unit == "%"]


def test_a_cumulative_verb_governs_the_items_of_its_list() -> None:
    text = "到2027年，累计培育省级制造业单项冠军100家和专精特新企业800家，创新型中小企业5000家以上。"
    found = _by_number(extract_commitments(text, 2024))
    assert [found[n].kind for n in ("100家", "800家", "5000家")] == ["flow", "flow", "flow"]
    added = _by_number(extract_commitments("到2027年，新增单项冠军、独角兽和上市企业等12家。", 2024))
    assert added["12家"].role == "commitment"  # 新增 governs: not a sample of the list
    sample = _by_number(extract_commitments("重点发展光伏、风电、储能等8条产业链。", 2024))
    assert sample["8条"].role == "descriptor"
    own = _by_number(extract_commitments("到2027年，累计培育专精特新企业800家，高新技术企业达到5000家。", 2024))
    assert own["5000家"].kind == "stock"


def test_starting_commissioning_treating_and_leveraging_are_flows() -> None:
    text = "2026年，开工抽水蓄能装机240万千瓦，建成投产风电装机500万千瓦，完成水土流失治理80万亩。"
    found = _by_number(extract_commitments(text, 2026))
    assert [found[n].kind for n in ("240万千瓦", "500万千瓦", "80万亩")] == ["flow", "flow", "flow"]
    fund = _by_number(extract_commitments("到2027年，产业基金撬动社会资本超200亿元，投资科技项目超50个。", 2024))
    assert (fund["200亿元"].kind, fund["50个"].kind) == ("flow", "flow")
    assert _by_number(extract_commitments("到2027年，风电装机达到500万千瓦。", 2024))["500万千瓦"].kind == "stock"
    levels = _by_number(extract_commitments("到2027年，建成智慧治理平台10个，投资强度达到300万元。", 2024))
    assert (levels["10个"].kind, levels["300万元"].kind) == ("stock", "stock")
