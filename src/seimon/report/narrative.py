"""Deterministic sentences in statistical Chinese (and English) built from formatted table cells.

Every function takes the *cells* (strings as the tables print them), never raw floats, so a sentence cannot state
a number the tables do not show. Signs pick the words the way releases do: 增长/下降, 高于/低于, 提高/下降.

The English edition states the same numbers: amounts stay in 亿元, written "hundred million yuan" in sentences
(a digit in the unit, "100 million", would read as a second figure), and :func:`unit_label` renders the plan's
Chinese units.
"""

from __future__ import annotations

import logging

from seimon.report.content import SUPPRESSED, Lang, cell_value, tr

logger = logging.getLogger(__name__)

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def period_label(year: int, end_month: int, lang: Lang) -> str:
    """How a year-to-date period is named in a release (the dash in 1—9月 is an em dash; 1–2月 are together).

    >>> period_label(2020, 9, "zh"), period_label(2020, 12, "zh"), period_label(2020, 9, "en")
    ('2020年1—9月', '2020年', 'January–September 2020')
    """
    if end_month == 12:
        return tr(lang, f"{year}年", f"{year}")
    return tr(lang, f"{year}年1—{end_month}月", f"January–{MONTHS_EN[end_month - 1]} {year}")


YI_EN = "hundred million yuan"  # 亿元 in an English sentence

# The plan's units in English: multiplier prefixes and base units. Counters of things the target's name already
# says (家 enterprises or centres, 个 bases, 项 projects) are a plain "number", as English statistical tables write.
UNIT_PREFIXES_EN = {"万": "10,000", "亿": "100 mn", "千": "1,000"}
UNITS_EN = {
    "%": "%",
    "百分点": "pp",
    "个百分点": "pp",
    "元": "yuan",
    "千瓦": "kW",
    "千瓦时": "kWh",
    "家": "number",
    "个": "number",
    "项": "number",
    "名": "persons",
    "人": "persons",
    "辆": "vehicles",
    "倍": "times",
    "年": "years",
}


def unit_label(unit: str, lang: Lang) -> str:
    """A plan unit as the report's language writes it: unchanged in Chinese; in English a prefix (万 10,000,
    亿 100 mn) and the base unit, so ``万千瓦`` is ``10,000 kW``, ``亿元`` is ``100 mn yuan`` and ``万家`` is
    ``10,000``.

    A unit with no English form is kept as written (and logged), rather than guessed.

    >>> unit_label("万千瓦", "zh"), unit_label("万千瓦", "en"), unit_label("亿千瓦时", "en"), unit_label("家", "en")
    ('万千瓦', '10,000 kW', '100 mn kWh', 'number')
    >>> unit_label("万家", "en"), unit_label("万名", "en"), unit_label("万辆", "en")
    ('10,000', '10,000 persons', '10,000 vehicles')
    """
    if lang == "zh" or unit in UNITS_EN:
        return unit if lang == "zh" else UNITS_EN[unit]
    for prefix, words in UNIT_PREFIXES_EN.items():
        if unit.startswith(prefix) and unit[len(prefix) :] in UNITS_EN:
            base = UNITS_EN[unit[len(prefix) :]]
            return words if base == "number" else f"{words} {base}"
    logger.warning("单位没有英文写法，保留原文 / no English form for the unit %s, kept as written", unit)
    return unit


def _abs(cell: str) -> str:
    return cell[1:] if cell.startswith("-") else cell


def change_phrase(cell: str, lang: Lang, *, up_zh: str = "增长", down_zh: str = "下降", unit: str = "%") -> str:
    """``增长5.2%`` / ``下降1.3%`` from a signed cell; English ``grew by 5.2%`` / ``fell by 1.3%``.

    >>> change_phrase("5.2", "zh"), change_phrase("-1.3", "zh"), change_phrase("-1.3", "en")
    ('增长5.2%', '下降1.3%', 'fell by 1.3%')
    """
    value = cell_value(cell)
    if value is None:
        return tr(lang, "增速不详", "growth not available")
    unit_en = "%" if unit == "%" else f" {unit}"
    if value < 0:
        return tr(lang, f"{down_zh}{_abs(cell)}{unit}", f"fell by {_abs(cell)}{unit_en}")
    return tr(lang, f"{up_zh}{cell}{unit}", f"grew by {cell}{unit_en}")


def headline(label: str, growth: str, gap: str, share: str, share_change: str, lang: Lang) -> str:  # noqa: PLR0917 (cells in sentence order)
    """The first sentence of a bulletin: growth, gap to above-scale industry, share and its change.

    >>> headline("1—9月", "5.2", "2.9", "20.6", "1.0", "zh")
    '1—9月，全省规模以上工业战略性新兴产业增加值同比增长5.2%，高于规模以上工业2.9个百分点；占规模以上工业增加值的比重为20.6%，比上年同期提高1.0个百分点。'
    >>> headline("1—9月", "-1.5", "-0.4", "20.6", "-0.2", "zh")[23:]
    '同比下降1.5%，低于规模以上工业0.4个百分点；占规模以上工业增加值的比重为20.6%，比上年同期下降0.2个百分点。'
    """
    gap_v, chg_v = cell_value(gap), cell_value(share_change)
    if lang == "zh":
        text = f"{label}，全省规模以上工业战略性新兴产业增加值同比{change_phrase(growth, lang)}"
        if gap_v is not None:
            text += f"，{'低于' if gap_v < 0 else '高于'}规模以上工业{_abs(gap)}个百分点"
        text += f"；占规模以上工业增加值的比重为{share}%"
        if chg_v is not None:
            word = "持平" if chg_v == 0 else ("下降" if chg_v < 0 else "提高")
            text += "，与上年同期持平" if chg_v == 0 else f"，比上年同期{word}{_abs(share_change)}个百分点"
        return text + "。"
    text = (
        f"In {label}, value added of strategic emerging industries (SEI) in the province's above-scale industry "
        f"{change_phrase(growth, lang)} year on year"
    )
    if gap_v is not None:
        text += f", {_abs(gap)} percentage points {'below' if gap_v < 0 else 'above'} all above-scale industry"
    text += f"; its share of above-scale industrial value added was {share}%"
    if chg_v is not None:
        text += (
            ", unchanged on a year earlier"
            if chg_v == 0
            else f", {'down' if chg_v < 0 else 'up'} {_abs(share_change)} percentage points on a year earlier"
        )
    return text + "."


def contribution(value_added: str, contribution_rate: str, pull: str, lang: Lang) -> str:
    """Level, contribution rate (贡献率) and pull (拉动) of SEI value added.

    >>> contribution("1503.2", "45.2", "1.0", "zh")
    '战略性新兴产业实现增加值1503.2亿元，对规模以上工业增长的贡献率为45.2%，拉动规模以上工业增长1.0个百分点。'
    """
    return tr(
        lang,
        f"战略性新兴产业实现增加值{value_added}亿元，对规模以上工业增长的贡献率为{contribution_rate}%，"
        f"拉动规模以上工业增长{pull}个百分点。",
        f"SEI value added was {value_added} {YI_EN}; SEI contributed {contribution_rate}% of the growth "
        f"of above-scale industry and pulled it up by {pull} percentage points.",
    )


def breakdown(  # noqa: PLR0917 (cells in sentence order)
    what_zh: str, what_en: str, total: str, grew: str, fastest: str | None, rate: str, lang: Lang
) -> str:
    """How many units of a breakdown grew, and which grew fastest.

    >>> breakdown("行业", "classes", "19", "17", "1.2 电子核心产业", "9.8", "zh")
    '19个行业中，有17个增加值同比增长；其中1.2 电子核心产业增长最快，增速为9.8%。'
    """
    if lang == "zh":
        text = f"{total}个{what_zh}中，有{grew}个增加值同比增长"
        if fastest is not None and rate != SUPPRESSED:
            text += f"；其中{fastest}增长最快，增速为{rate}%"
        return text + "。"
    text = f"Of {total} {what_en}, {grew} grew in value added year on year"
    if fastest is not None and rate != SUPPRESSED:
        text += f"; {fastest} grew fastest, at {rate}%"
    return text + "."


def ranking(names: list[str], rates: list[str], lang: Lang) -> str:
    """The leading regions by growth, as releases list them.

    >>> ranking(["石家庄市", "唐山市"], ["9.1", "8.0"], "zh")
    '分地区看，增速居前的是石家庄市、唐山市，分别增长9.1%、8.0%。'
    """
    if not names:
        return tr(lang, "分地区数据均不宜公布。", "No regional figure can be published.")
    return tr(
        lang,
        f"分地区看，增速居前的是{'、'.join(names)}，分别增长{'%、'.join(rates)}%。",
        f"By region, the fastest growth was in {', '.join(names)}: {'%, '.join(rates)}% respectively.",
    )


def finance(revenue: str, profit: str, margin: str, losers: str, lang: Lang) -> str:
    """Revenue, profit, margin and loss-makers.

    >>> finance("5321.0", "401.2", "7.5", "12", "zh")
    '战略性新兴产业实现营业收入5321.0亿元，利润总额401.2亿元，营业收入利润率为7.5%；亏损企业12家。'
    """
    return tr(
        lang,
        f"战略性新兴产业实现营业收入{revenue}亿元，利润总额{profit}亿元，营业收入利润率为{margin}%；亏损企业{losers}家。",
        f"SEI revenue was {revenue} {YI_EN} and total profit {profit} {YI_EN}, a margin of "
        f"{margin}%; {losers} enterprises made a loss.",
    )


def research(expenditure: str, intensity: str, lang: Lang) -> str:
    """R&D expenditure and intensity.

    >>> research("40.1", "1.3", "zh")
    '战略性新兴产业研发经费支出40.1亿元，研发经费投入强度为1.3%。'
    """
    return tr(
        lang,
        f"战略性新兴产业研发经费支出{expenditure}亿元，研发经费投入强度为{intensity}%。",
        f"SEI R&D expenditure was {expenditure} {YI_EN}, an R&D intensity of {intensity}%.",
    )


def enterprises(count: str, entries: str, exits: str, lang: Lang) -> str:
    """Enterprise counts, entries and exits.

    >>> enterprises("2048", "176", "35", "zh")
    '期末战略性新兴产业规模以上工业企业2048家，本期新进入176家，退出35家。'
    """
    return tr(
        lang,
        f"期末战略性新兴产业规模以上工业企业{count}家，本期新进入{entries}家，退出{exits}家。",
        f"At the end of the period there were {count} above-scale SEI enterprises; {entries} entered and "
        f"{exits} exited during the period.",
    )


def overall(counts: list[tuple[str, str]], total: str, lang: Lang) -> str:
    """The overall judgement of an evaluation: how many targets stand where.

    >>> overall([("已实现", "3"), ("进展顺利", "5")], "35", "zh")
    '规划共设35项量化目标，其中已实现3项，进展顺利5项。'
    """
    parts_zh = "，".join(f"{label}{n}项" for label, n in counts)
    parts_en = ", ".join(f"{n} {label}" for label, n in counts)
    return tr(
        lang,
        f"规划共设{total}项量化目标，其中{parts_zh}。",
        f"The plan sets {total} quantitative targets: {parts_en}.",
    )
