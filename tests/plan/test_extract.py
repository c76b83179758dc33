"""The quantitative-commitment extractor: Hebei plan examples, offsets, full numeral coverage, corpora, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from seimon.cli.plan_extract import extract_command
from seimon.numerals import CHINESE_NUMERAL_CHARS
from seimon.plan.extract import CATEGORIES, Commitment, extract_commitments, scan_numbers

CORPUS = Path(__file__).parent / "corpus"
MATCH_FIELDS = ("value", "unit", "value_max", "comparator", "year", "relation", "base_year", "aspirational")


@pytest.fixture(scope="module")
def hebei(shared_plan_text: str) -> tuple[str, list[Commitment]]:
    return shared_plan_text, extract_commitments(shared_plan_text)


def _find(commitments: list[Commitment], number_text: str, clause_part: str) -> Commitment:
    hits = [c for c in commitments if c.number_text == number_text and clause_part in c.text]
    assert len(hits) >= 1, f"{number_text} in {clause_part!r} not found"
    return hits[0]


# --------------------------------------------------------------------------- Hebei plan examples


def test_hebei_photovoltaic_target(hebei: tuple[str, list[Commitment]]) -> None:
    text, found = hebei
    clause = "光伏发电装机容量达到1500万千瓦以上"
    c = _find(found, "1500万千瓦", clause)
    assert (c.value, c.unit, c.value_normalized, c.unit_normalized) == (1500, "万千瓦", 1.5e7, "千瓦")
    assert (c.comparator, c.year, c.deadline_text, c.role) == ("≥", 2020, "到2020年", "commitment")
    assert c.text == clause
    assert c.start == text.index(clause)
    assert text[c.value_start : c.value_end] == "1500万千瓦"


def test_hebei_nev_target_across_a_box_line(hebei: tuple[str, list[Commitment]]) -> None:
    text, found = hebei
    c = _find(found, "30万辆", "累计推广各类新能源汽车")
    assert (c.value, c.unit, c.value_normalized, c.unit_normalized) == (30, "万辆", 300_000, "辆")
    # The plan wraps "“十三五”时│　　│　　　　　　　│期累计推广…": the period is still found.
    assert c.year == 2020
    assert c.deadline_text == "十三五时期"
    assert c.text == "期累计推广各类新能源汽车30万辆"
    assert text[c.start : c.end] == c.text


def test_hebei_range_approximate_and_chinese_numerals(hebei: tuple[str, list[Commitment]]) -> None:
    _, found = hebei
    makers = _find(found, "1至2家", "国内领先")
    assert (makers.value, makers.value_max, makers.unit, makers.year) == (1, 2, "家", 2020)
    leaders = _find(found, "200名", "创新创业领军人才")
    assert (leaders.value, leaders.unit, leaders.comparator) == (200, "名", "≈")
    projects = _find(found, "百项", "重大产业化项目")
    assert (projects.value, projects.unit, projects.value_normalized) == (100, "项", 100)
    assert projects.text.startswith("省每年滚动实施百项")
    ten = _find(found, "十大", "技术创新专项")
    assert (ten.value, ten.role) == (10, "commitment")
    firms = _find(found, "百家", "创新型领军企业")
    assert (firms.value, firms.unit) == (100, "家")
    bio = _find(found, "1500亿元", "主营业务收入")
    assert (bio.comparator, bio.year, bio.text) == (">", 2020, "主营业务收入超过1500亿元")
    workers = _find(found, "15万名", "高技能人才")
    assert (workers.value, workers.unit, workers.value_normalized, workers.unit_normalized) == (
        15,
        "万名",
        150_000,
        "名",
    )


def test_hebei_goals_under_a_colon_inherit_deadline_and_aspiration(hebei: tuple[str, list[Commitment]]) -> None:
    _, found = hebei
    share = _find(found, "12%", "占GDP比重")
    assert (share.value, share.comparator, share.year, share.aspirational) == (12, "≥", 2020, True)
    centres = _find(found, "600家", "企业技术中心")
    assert (centres.year, centres.comparator) == (2020, "≥")


@pytest.mark.parametrize(
    ("mention", "role"),
    [
        ("500千伏", "descriptor"),
        ("220千伏", "descriptor"),
        ("5兆瓦", "descriptor"),
        ("8.5代", "descriptor"),
        ("8吋", "descriptor"),
        ("第六代", "descriptor"),
        # "沿海百万千瓦风电基地" qualifies the noun (issue 20 made such sizes qualifiers); "百万千瓦级" is a class.
        ("百万千瓦", "descriptor qualifier"),
    ],
)
def test_hebei_descriptors_are_set_aside_with_a_reason(
    hebei: tuple[str, list[Commitment]], mention: str, role: str
) -> None:
    _, found = hebei
    hits = [c for c in found if c.number_text == mention]
    assert hits
    for c in hits:
        assert c.role in role.split()
        assert "非目标" in c.reason_zh and "not a target" in c.reason_en


def test_hebei_enumeration_summaries_are_descriptors(hebei: tuple[str, list[Commitment]]) -> None:
    _, found = hebei
    chains = _find(found, "三大", "智能电网三大产业链")
    assert chains.role == "descriptor"
    assert "列举" in chains.reason_zh


def test_hebei_offsets_round_trip(hebei: tuple[str, list[Commitment]]) -> None:
    text, found = hebei
    assert len(found) > 50
    for c in found:
        assert text[c.start : c.end] == c.text
        assert text[c.value_start : c.value_end] == c.number_text
        assert c.start <= c.value_start < c.value_end <= c.end
        assert c.text == c.text.strip(" \u3000\t")
        json.dumps(c.to_dict(), ensure_ascii=False)


def test_every_numeral_in_the_hebei_plan_is_categorised(shared_plan_text: str) -> None:
    text = shared_plan_text
    tokens = scan_numbers(text)
    owner: dict[int, str] = {}
    for token in tokens:
        assert token.category in CATEGORIES
        assert token.reason_zh and token.reason_en
        assert text[token.start : token.end] == token.text
        for i in range(token.start, token.end):
            assert i not in owner, f"overlapping tokens at {i}: {text[i - 5 : i + 5]!r}"
            owner[i] = token.category
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    numerals = [i for i, ch in enumerate(text) if ch in CHINESE_NUMERAL_CHARS]
    assert len(digits) > 250 and len(numerals) > 150
    missing = [text[max(0, i - 5) : i + 5] for i in digits + numerals if i not in owner]
    assert missing == []
    # Arabic digits are never left to the "unlisted word" fallback.
    unlisted = [t for t in tokens if t.reason_en.startswith("unlisted")]
    assert all(not any(ch.isdigit() for ch in t.text) for t in unlisted)
    # Chinese numeral characters outside idioms, names and quantities are rare: here only the company
    # name 四方三伊 (a proper name no lexicon can know).
    print("unlisted:", [(t.text, text[t.start - 4 : t.end + 4]) for t in unlisted])
    assert len(unlisted) <= 2
    categories = {t.category for t in tokens}
    assert categories == set(CATEGORIES)


def test_scan_categories_on_a_composed_text() -> None:
    text = (
        "河北省人民政府办公厅\n2016年9月12日\n"
        "　　（一）发展目标。“十三五”时期，实施“8358”计划，推进3D打印、IPv6、4G/5G和PM2.5治理，"
        "提高小鹰500飞机产能。专栏3　一、1.到2020年，形成一批百家企业，第三方评价，大众创业万众创新。"
    )
    got = {(t.text, t.category) for t in scan_numbers(text)}
    expected = {
        ("2016年9月12日", "date"),
        ("一", "list_marker"),
        ("十三五", "period_name"),
        ("8358", "identifier"),
        ("3D", "identifier"),
        ("IPv6", "identifier"),
        ("4G", "identifier"),
        ("5G", "identifier"),
        ("PM2.5", "identifier"),
        ("500", "identifier"),
        ("3", "box_number"),
        ("2020", "year"),
        ("一批", "idiom"),
        ("百家", "quantity"),
        ("第三方", "idiom"),
        ("大众创业万众创新", "idiom"),
    }
    assert expected <= got


# --------------------------------------------------------------------------- other behaviour


def test_relative_forms_and_base_years() -> None:
    text = "到2020年，单位GDP能耗比2015年下降18%，研发投入年均增长15%，比重提高2个百分点，产值翻一番。"
    by_number = {c.number_text: c for c in extract_commitments(text)}
    assert (by_number["18%"].relation, by_number["18%"].base_year, by_number["18%"].year) == ("decrease_by", 2015, 2020)
    assert by_number["15%"].relation == "cagr"
    pp = by_number["2个百分点"]
    assert (pp.relation, pp.unit_normalized, pp.value_normalized) == ("pp_change", "百分点", 2)
    doubling = by_number["翻一番"]
    assert (doubling.relation, doubling.value, doubling.value_normalized, doubling.unit_normalized) == (
        "multiply",
        1,
        2,
        "倍",
    )


def test_year_end_uses_the_document_date() -> None:
    dated = "2018年3月1日\n到年底，新增企业500家。"
    assert extract_commitments(dated)[0].year == 2018
    assert extract_commitments("到年底，新增企业500家。")[0].year is None
    assert extract_commitments("到年底，新增企业500家。", document_year=2021)[0].year == 2021
    assert extract_commitments("到年底，新增企业500家。")[0].deadline_text == "到年底"


def test_comparators() -> None:
    cases = {
        "达到50家": "≥",
        "不少于50家": "≥",
        "50家以上": "≥",
        "超过50家": ">",
        "突破50家": ">",
        "50家左右": "≈",
        "约50家": "≈",
        "控制在5%以内": "≤",
        "不超过5%": "≤",
        "低于5%": "<",
        "新增50家": "=",
        "50余家": ">",
    }
    for clause, comparator in cases.items():
        (c,) = extract_commitments(clause)
        assert c.comparator == comparator, clause


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    app.command("extract")(extract_command)

    @app.command("noop")
    def _noop() -> None:  # a second command keeps "extract" a named sub-command
        """noop"""

    return app


def test_cli_json_on_a_gb18030_file(cli: typer.Typer, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes("到2020年，全省新能源汽车保有量达到50万辆以上，培育1至2家龙头企业。".encode("gb18030"))
    result = CliRunner().invoke(cli, ["extract", str(plan), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["value"], r["unit"], r["comparator"], r["year"]) for r in rows] == [
        (50, "万辆", "≥", 2020),
        (1, "家", "=", 2020),
    ]
    assert rows[1]["value_max"] == 2
    assert {"value_normalized", "unit_normalized", "start", "end", "text"} <= set(rows[0])


def test_cli_table_and_missing_file(cli: typer.Typer, tmp_path: Path, shared_plan_text: str) -> None:
    plan = tmp_path / "hebei.txt"
    plan.write_text(shared_plan_text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(plan)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "序号" in result.stdout and "1500" in result.stdout
    missing = CliRunner().invoke(cli, ["extract", str(tmp_path / "none.txt")])
    assert missing.exit_code != 0


# --------------------------------------------------------------------------- rules added for the independent corpus
# Each sentence below is composed for these tests and appears in no corpus.


def _commitments(text: str) -> list[tuple[object, ...]]:
    return [
        (c.number_text, c.value, c.unit, c.comparator, c.year, c.relation, c.base_year)
        for c in extract_commitments(text)
        if c.role == "commitment"
    ]


def test_compute_storage_and_event_units() -> None:
    text = "到2026年，全市智能算力达到8EFLOPS，数据存储容量超过500PB，举办供需对接活动30场。"
    assert _commitments(text) == [
        ("8EFLOPS", 8, "EFLOPS", "≥", 2026, None, None),
        ("500PB", 500, "PB", ">", 2026, None, None),
        ("30场", 30, "场", "=", 2026, None, None),
    ]
    (compute,) = [c for c in extract_commitments(text) if c.unit == "EFLOPS"]
    assert (compute.value_normalized, compute.unit_normalized) == (8000, "PFLOPS")
    # "一场" is the article ("打赢一场攻坚战"), not one event.
    assert _commitments("全面打赢一场污染防治攻坚战。") == []


def test_latin_unit_followed_by_chinese_is_not_an_identifier() -> None:
    # "20GW以上": a Chinese character after GW does not make "20GW" a model name, unlike "5G网络".
    assert _commitments("到2028年，海上风电装机规模达到20GW以上，分布式光伏新增800MW。") == [
        ("20GW", 20, "GW", "≥", 2028, None, None),
        ("800MW", 800, "MW", "=", 2028, None, None),
    ]
    assert [(t.text, t.category) for t in scan_numbers("建设5G网络")] == [("5G", "identifier")]


def test_chinese_numeral_years_are_deadlines() -> None:
    assert _commitments("到二〇二七年，全县建成八个以上智慧农业示范基地。") == [
        ("八个", 8, "个", "≥", 2027, None, None)
    ]
    assert _commitments("二〇三〇年前，全县光伏装机突破300万千瓦。") == [
        ("300万千瓦", 300, "万千瓦", ">", 2030, None, None)
    ]
    # A Chinese-numeral date is not a deadline: "二〇一九年六月" dates the text.
    assert _commitments("二〇一九年六月，签约项目金额80亿元。")[0][4] is None


def test_multiple_of_a_year_is_a_multiply_relation_with_that_base_year() -> None:
    # "达到2021年的1.5倍": the 2021 level is the base; the deadline stays 到2026年.
    assert _commitments("到2026年，全县跨境电商交易额达到2021年的1.5倍，海外仓增至12个。") == [
        ("1.5倍", 1.5, "倍", "≥", 2026, "multiply", 2021),
        ("12个", 12, "个", "≥", 2026, None, None),  # the base year before it is not its deadline
    ]


def test_base_year_from_a_foundation_phrase() -> None:
    # "在2022年基础上" and "以2022年为基数" name the base year, as "比2022年" does.
    assert _commitments("到2032年，全市数字经济规模在2022年基础上翻两番。") == [
        ("翻两番", 2, "番", "=", 2032, "multiply", 2022)
    ]
    assert _commitments("到2030年，县域旅游收入以2022年为基数翻一番。") == [
        ("翻一番", 1, "番", "=", 2030, "multiply", 2022)
    ]


def test_compound_units_are_kept_whole() -> None:
    got = _commitments("到2027年，城市公交车平均能耗降至45千瓦时/百公里，单位产值能耗降到0.3吨标准煤/万元。")
    assert got == [
        ("45千瓦时/百公里", 45, "千瓦时/百公里", "≤", 2027, None, None),
        ("0.3吨标准煤/万元", 0.3, "吨标准煤/万元", "≤", 2027, None, None),
    ]
    (bus,) = extract_commitments("公交车能耗降至45千瓦时/百公里。")
    assert (bus.value_normalized, bus.unit_normalized) == (pytest.approx(45e-5), "千瓦时/米")
    assert _commitments("建成年产8-12万吨/年的绿色甲醇项目。")[0][2] == "万吨/年"
    assert _commitments("全市细颗粒物年均浓度降到28微克/立方米。")[0][2] == "微克/立方米"


def test_a_suffix_wins_over_a_strict_prefix() -> None:
    assert [c.comparator for c in extract_commitments("攻克卡脖子技术突破60项以上。")] == ["≥"]
    assert [c.comparator for c in extract_commitments("不良贷款率低于2%以下。")] == ["≤"]


@pytest.mark.parametrize(
    ("clause", "comparator"),
    [
        ("全县省级专精特新企业增至80家", "≥"),
        ("服务业增加值比重上升至52%", "≥"),
        ("全市经济总量迈上6000亿元台阶", "≥"),
        ("县域经济跃上300亿元新台阶", "≥"),
    ],
)
def test_level_reaching_verbs_are_at_least(clause: str, comparator: str) -> None:
    (c,) = extract_commitments(clause)
    assert (c.comparator, c.relation) == (comparator, None)


def test_price_rise_is_an_increase() -> None:
    (c,) = extract_commitments("全年居民消费价格涨幅控制在2.5%左右。")
    assert (c.value, c.comparator, c.relation) == (2.5, "≈", "increase_by")


def test_unitless_ratio_after_a_comparator() -> None:
    # PUE, 基尼系数: no unit, so the comparator right before and the clause end right after mark the target.
    assert _commitments("到2027年，新建数据中心PUE值不高于1.2，老旧数据中心电能利用效率降到1.4以下。") == [
        ("1.2", 1.2, "", "≤", 2027, None, None),
        ("1.4", 1.4, "", "≤", 2027, None, None),
    ]
    (c,) = extract_commitments("居民收入基尼系数控制在0.38以内。")
    assert (c.value_normalized, c.unit_normalized) == (0.38, "")
    # A bare number without a comparator or followed by more words stays an identifier: model names.
    for text in ("引进运12飞机生产线。", "产量达到500型号标准。"):
        assert _commitments(text) == [], text


def test_congress_names_are_identifiers_not_counts() -> None:
    tokens = scan_numbers("全面贯彻党的二十大和二十届三中全会精神，落实十九大以来部署，实施十大提升工程。")
    got = [(t.text, t.category, t.reason_en.split(" (")[0]) for t in tokens]
    assert got[:3] == [
        ("二十大", "identifier", "name of a congress or plenum"),
        ("二十届三中全会", "identifier", "name of a congress or plenum"),
        ("十九大", "identifier", "name of a congress or plenum"),
    ]
    assert (got[3][0], got[3][1]) == ("十大", "quantity")  # "十大提升工程" is a programme count


def test_age_groups_are_descriptors() -> None:
    found = extract_commitments(
        "全县65岁及以上老年人健康管理率达到75%，0-6岁儿童眼保健覆盖率达到92%，人均预期寿命提高0.8岁。"
    )
    roles = {c.number_text: c.role for c in found}
    assert roles == {
        "65岁": "descriptor",
        "75%": "commitment",
        "0-6岁": "descriptor",
        "92%": "commitment",
        "0.8岁": "commitment",
    }
    assert "年龄段" in next(c for c in found if c.number_text == "65岁").reason_zh
    (life,) = [c for c in found if c.number_text == "0.8岁"]
    assert life.relation == "increase_by"


def test_vague_amounts_are_not_figures() -> None:
    text = "吸引数百家配套企业落户，带动几十万人就业，培育十几个区域品牌，全县企业总数十万家。"
    assert _commitments(text) == [("十万家", 10, "万家", "=", None, None, None)]
    vague = [t for t in scan_numbers(text) if t.reason_en.startswith("vague")]
    assert [t.text for t in vague] == ["百", "十万", "十"]
    assert all(t.category == "idiom" for t in vague)
