"""Build the monitoring bulletin (战略性新兴产业监测简报) for one year-to-date period.

Numbers come from :func:`seimon.indicators.query.query` (and, for loss-makers and key enterprises, from
:mod:`seimon.report.enterprises`). Each figure is rounded once into a table cell; the narrative is built from those
cells. In the public edition a cell resting on fewer than 3 enterprises is shown as "—", and so is any cell from which
such a figure could be derived as the total minus the rest (:mod:`seimon.disclose`). Industries are shown two ways:
by SEI 2018 category and by GB/T 4754 division (国民经济行业大类, ``query(..., by="division")``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from seimon.assess.releases import HEADLINE_MIN_RATE, period_state
from seimon.assess.warnings import run_warnings
from seimon.disclose import MIN_ENTERPRISES, load_rules
from seimon.disclose.public import Decisions, public_rows
from seimon.disclose.redact import redact_warnings
from seimon.errors import Location, SeimonError
from seimon.indicators.compile import UNKNOWN
from seimon.indicators.query import period_code, query, ytd_key_for
from seimon.indicators.registry import load_registry
from seimon.ingest.known import release_date
from seimon.periods import parse_period
from seimon.plan import Plan, load_plan
from seimon.reference.industries import divisions
from seimon.reference.regions import RegionRegister, load_regions
from seimon.reference.sei import sei_category
from seimon.report import charts, narrative
from seimon.report.content import (
    SUPPRESSED,
    Bulletin,
    Chart,
    Edition,
    Lang,
    Section,
    Table,
    cell_value,
    fmt_num,
    tr,
)
from seimon.report.enterprises import key_enterprises, loss_makers
from seimon.report.numbering import Numbering
from seimon.report.services_section import scope_note, services_section
from seimon.report.tracking import tracking_section
from seimon.store import Store

logger = logging.getLogger(__name__)

YI = 10_000.0  # 万元 per 亿元: bulletins print amounts in 亿元
MAX_WARNINGS = 30
SHARE_TARGET = "sei_va_share_above_scale_industry"  # plan target: SEI share of above-scale industry ≥ 20% by 2020


class _Source:
    """Queries one period on one store and remembers every raw value it hands out (for ``Report.numbers``)."""

    def __init__(self, store: Store, period: str, as_of: dt.date | None = None) -> None:
        self.store, self.period, self.as_of = store, period, as_of
        self.numbers: dict[str, float | None] = {}
        self.decisions: Decisions | None = None

    def one(self, indicator: str, period: str | None = None) -> float | None:
        rows = query(indicator, period=period or self.period, store=self.store, vintage=self.as_of)
        value = rows[0]["value"] if rows else None
        self.numbers[f"{indicator}@{period or self.period}"] = value
        return value

    def by(self, indicator: str, by: str) -> dict[str, float]:
        key = "region" if by == "region" else by
        rows = query(indicator, period=self.period, store=self.store, by=by, vintage=self.as_of)
        return {str(r[key]): float(r["value"]) for r in rows if r["value"] is not None}

    def withheld(self, by: str, codes: list[str]) -> set[str]:
        """Units of a breakdown the public edition withholds (value added or growth), by disclosure control."""
        if self.decisions is None:
            self.decisions = Decisions(self.store, load_registry(), load_rules())
        column = "region" if by == "region" else by
        code = period_code(*ytd_key_for(self.period), load_registry()["sei_va"])
        rows = [{column: c, "period": code, "value": 0.0} for c in codes]
        hidden: set[str] = set()
        for indicator in ("sei_va", "sei_va_real_growth"):
            out = public_rows(self.store, rows, indicator, by=by, decisions=self.decisions)
            hidden |= {str(r[column]) for r in out if r["suppressed"]}
        return hidden


def _amount(value: float | None) -> str:
    return fmt_num(None if value is None else value / YI, 1)


def _check_period(period: str) -> tuple[int, int]:
    year, end_month = ytd_key_for(period)
    if end_month == 1:
        raise SeimonError(
            "1月数据与2月合并发布，请用 1-2月（如 2020-02）",
            "January is published together with February: ask for 1-2 (e.g. 2020-02)",
            Location(field="--period"),
            code="bad_period",
        )
    return year, end_month


def _breakdown_table(  # noqa: PLR0917
    src: _Source, by: str, names: dict[str, str], edition: Edition, lang: Lang, key: str, title: str, label: str
) -> tuple[Table, list[tuple[str, str, str]], Table | None]:
    """VA, growth and enterprise count per unit of ``by``; returns the table, (name, growth cell, va cell) of its
    rows, and — for the ranked region table of the public edition — the withheld units listed apart.

    In the public edition the cells withheld are those of :func:`seimon.disclose.public.public_rows` (the
    release's pattern, or one computed over every linked table of the period). A ranked table never places a
    withheld unit: its rank would tell the range of its value, so it goes to a list of its own, by name.
    """
    va, growth, count = src.by("sei_va", by), src.by("sei_va_real_growth", by), src.by("sei_enterprises", by)
    rows: list[list[str]] = []
    cells: list[tuple[str, str, str]] = []
    if by == "region":  # every reporting unit, ranked
        codes = sorted(set(va) | set(count), key=lambda c: (-(growth.get(c) or -1e9), c))
    else:  # a division where only non-SEI enterprises report has a count of 0 and no value: not a row of its own
        codes = sorted(c for c in set(va) | set(count) if count.get(c) or va.get(c) is not None)
    withheld: set[str] = set()
    if edition == "public":
        withheld = src.withheld(by, codes)
    apart: list[tuple[str, list[str]]] = []  # (pinyin name, row): alphabetical alike in Chinese and English
    for code in codes:
        hidden = code in withheld
        va_cell = SUPPRESSED if hidden else _amount(va.get(code))
        growth_cell = SUPPRESSED if hidden else fmt_num(growth.get(code))
        name = names.get(code, code)
        row = [name, va_cell, growth_cell, fmt_num(count.get(code), 0)]
        if hidden and by == "region":
            apart.append((_pinyin_name(code), [name, fmt_num(count.get(code), 0)]))
            continue
        rows.append(row)
        cells.append((name, growth_cell, va_cell))
    if by == "region":
        for rank, row in enumerate(rows, 1):
            row.insert(0, str(rank))
    columns = [
        tr(lang, "增加值（亿元）", "value added (100 mn yuan)"),
        tr(lang, "增速（%）", "real growth (%)"),
        tr(lang, "企业数（家）", "enterprises"),
    ]
    columns.insert(0, label)
    if by == "region":
        columns.insert(0, tr(lang, "位次", "rank"))
    note = None
    suppressed = sum(r[-3] == SUPPRESSED for r in rows)
    if suppressed:
        note = tr(
            lang,
            f"“—”表示依法不予公布的数据：企业数少于{MIN_ENTERPRISES}家或由个别企业主导的单元格，以及可由已公布数据"
            f"推算出此类数据的单元格（共{suppressed}行）。",
            f"“—” marks figures withheld by law: cells resting on fewer than {MIN_ENTERPRISES} enterprises or "
            f"dominated by one or two, and cells from which such figures could be derived ({suppressed} "
            f"{'row' if suppressed == 1 else 'rows'}).",
        )
    listed = None
    if apart:
        listed = Table(
            f"{key}_withheld",
            tr(
                lang,
                f"{title.split(maxsplit=1)[0]} （续）不予公布数据的地区（按名称拼音排列，不参与排序）",
                " ".join(title.split()[:2]) + " (cont.) Units withheld, alphabetically (not ranked)",
            ),
            [label, tr(lang, "企业数（家）", "enterprises")],
            [row for _, row in sorted(apart)],
            tr(
                lang,
                "以上地区的增加值与增速依法不予公布，故不列入位次。",
                "Value added and growth of these units are withheld by law, so they are not ranked.",
            ),
        )
    return Table(key, title, columns, rows, note), cells, listed


def _pinyin_name(code: str) -> str:
    """A region's name in pinyin (its English name in the register), the alphabetical order of both editions."""
    regions = load_regions()
    return regions.get(code).name_en or code if code in regions else code


def warning_counts_table(warned: list[Any], lang: Lang, key: str, title: str) -> Table:
    """How many warnings of each severity, and the total (the sentence about warnings quotes this table)."""
    counts: dict[str, int] = {}
    for w in warned:
        label = w.to_dict()["severity_zh"] if lang == "zh" else w.severity
        counts[label] = counts.get(label, 0) + 1
    rows = [[k, str(v)] for k, v in counts.items()] + [[tr(lang, "合计", "total"), str(len(warned))]]
    return Table(key, title, [tr(lang, "级别", "severity"), tr(lang, "条数", "count")], rows)


def _share_trend(store: Store, plan: Plan, year: int, end_month: int, lang: Lang, *, title: str) -> Chart:
    """Whole-year shares up to the period, the period itself, and the plan's share target, as a chart.

    Points sit at the end of their period in years (the end of 2018 is 2019.0), the convention of the trend chart.
    """
    rows = query("sei_va_share_above_scale", store=store)
    points = [(int(r["period"]) + 1.0, r["value"]) for r in rows if r["period"].isdigit() and int(r["period"]) < year]
    current = [
        r["value"] for r in rows if r["period"] == (str(year) if end_month == 12 else f"{year}-01..{end_month:02d}")
    ]
    points += [(year + end_month / 12, current[0])] if current else []
    target = next((t for t in plan.targets if t.id == SHARE_TARGET), None)
    return charts.trend_chart(
        "share_trend",
        title,
        points,
        "%",
        lang,
        target=(target.deadline + 1.0, target.value) if target is not None else None,
        caption=tr(
            lang,
            "各年为全年值，最后一点为本期累计值；点线为规划目标。",
            "Whole years, then the current year to date; dotted: the plan target.",
        ),
    )


def _division_names(lang: Lang) -> dict[str, str]:
    """Row labels of the division table: ``"38 电气机械和器材制造业"`` (code, then the register's name).

    An enterprise whose class code is missing falls in a cell of its own (the compiler's 未填报), labelled here.

    >>> _division_names("zh")["39"]
    '39 计算机、通信和其他电子设备制造业'
    >>> _division_names("en")[UNKNOWN]
    'not reported'
    """
    names = {d.code: f"{d.code} {d.name_zh if lang == 'zh' else d.name_en or d.name_zh}" for d in divisions()}
    names[UNKNOWN] = tr(lang, UNKNOWN, "not reported")
    return names


def _growth_leader(cells: list[tuple[str, str, str]]) -> tuple[str, str, str | None, str]:
    """(published count, count that grew, fastest name, its rate) over published cells only."""
    shown = [(n, g) for n, g, _ in cells if g != SUPPRESSED]
    grew = [(n, g) for n, g in shown if (cell_value(g) or 0) > 0]
    if not shown:
        return "0", "0", None, SUPPRESSED
    name, rate = max(shown, key=lambda x: cell_value(x[1]) or -1e9)
    return str(len(shown)), str(len(grew)), name, rate


def _provisional_note(store: Store, year: int, end_month: int, as_of: dt.date | None, lang: Lang) -> list[str]:
    """A first paragraph when the period is neither released nor complete: its figures are provisional."""
    state = period_state(store, year, end_month, as_of or dt.date.today())
    if state.basis != "partial" or not state.expected:
        return []
    return [
        tr(
            lang,
            f"【初步数据】本期尚未发布，应报企业 {state.expected} 家中已报 {state.reported} 家（报送率 "
            f"{state.rate:.1%}，低于 {HEADLINE_MIN_RATE:.0%}），以下数据将随报送补齐而变动。",
            f"[Provisional] This period is not yet released: of the {state.expected} enterprises expected to report,"
            f" {state.reported} have (a reporting rate of {state.rate:.1%}, below {HEADLINE_MIN_RATE:.0%}); the "
            "figures below will change as reports come in.",
        )
    ]


def bulletin_warnings(
    store: Store, year: int, end_month: int, *, include_internal: bool, as_of: dt.date | None = None
) -> list[Any]:
    """The warnings a bulletin of 1–``end_month``月 ``year`` lists: those of its own period, as known on its issue day.

    The issue day is the period's release date (the 27th of the next month, never later than today), so a
    bulletin for 2019年1—6月 made today lists what was known then about 1—6月 — not this year's warnings.
    Warnings with no period (a target's status) are kept; warnings of other periods are not. A bulletin made as
    of an earlier date (``as_of``) lists what was known then.
    """
    issued = min(release_date("ytd", year, end_month), as_of or dt.date.today())

    def own(w: Any) -> bool:
        if not w.period:
            return True
        try:
            p = parse_period(w.period)
        except SeimonError:
            return False
        return (p.year, p.end_month) == (year, end_month)

    return [w for w in run_warnings(store, as_of=issued, include_internal=include_internal) if own(w)]


@dataclass
class _Context:
    """What every section builder of one bulletin shares: the period, the edition, the data and the numbering."""

    store: Store
    period: str
    edition: Edition
    lang: Lang
    as_of: dt.date | None
    year: int
    end_month: int
    src: _Source
    plan: Plan
    regions: RegionRegister
    numbering: Numbering

    @property
    def t_lang(self) -> str:
        """The suffix of the register's name fields (``name_zh`` / ``name_en``)."""
        return "zh" if self.lang == "zh" else "en"

    @cached_property
    def industry_names(self) -> dict[str, str]:
        """Plan industries by id, in the bulletin's language (rows of 表2 and subjects of warnings)."""
        return {i.id: getattr(i, f"name_{self.t_lang}") for i in self.plan.industries}

    def table(self, zh: str, en: str) -> str:
        """The next table's title (see :class:`seimon.report.numbering.Numbering`)."""
        return self.numbering.table(zh, en)


def _overview(ctx: _Context, heading: str) -> Section:
    """一、总体情况: the headline table, two sentences and the share trend."""
    src, lang, year, end_month = ctx.src, ctx.lang, ctx.year, ctx.end_month
    prior = f"{year - 1}-{end_month:02d}" if end_month < 12 else str(year - 1)
    va, growth = src.one("sei_va"), src.one("sei_va_real_growth")
    above_growth, gap = src.one("above_scale_va_real_growth"), src.one("sei_growth_gap")
    share, share_prior = src.one("sei_va_share_above_scale"), src.one("sei_va_share_above_scale", prior)
    share_change = share - share_prior if share is not None and share_prior is not None else None
    src.numbers["share_change"] = share_change
    contrib, pull = src.one("sei_contribution_rate"), src.one("sei_pull")
    c = {
        "va": _amount(va),
        "growth": fmt_num(growth),
        "above": fmt_num(above_growth),
        "gap": fmt_num(gap),
        "share": fmt_num(share),
        "share_prior": fmt_num(share_prior),
        "change": fmt_num(share_change),
        "contrib": fmt_num(contrib),
        "pull": fmt_num(pull),
    }
    head = Table(
        "headline",
        ctx.table("战略性新兴产业主要指标", "SEI headline indicators"),
        [tr(lang, "指标", "indicator"), tr(lang, "本期", "this period"), tr(lang, "单位", "unit")],
        [
            [tr(lang, "增加值（现价）", "value added (current prices)"), c["va"], tr(lang, "亿元", "100 mn yuan")],
            [tr(lang, "增加值增速（可比价）", "real growth of value added"), c["growth"], "%"],
            [tr(lang, "规模以上工业增加值增速", "above-scale industry real growth"), c["above"], "%"],
            [
                tr(lang, "增速高于规模以上工业", "growth gap to above-scale industry"),
                c["gap"],
                tr(lang, "百分点", "pp"),
            ],
            [tr(lang, "占规模以上工业比重（现价）", "share of above-scale industry"), c["share"], "%"],
            [tr(lang, "上年同期比重", "share a year earlier"), c["share_prior"], "%"],
            [tr(lang, "比重变化", "change in share"), c["change"], tr(lang, "百分点", "pp")],
            [tr(lang, "对规模以上工业增长的贡献率", "contribution to growth"), c["contrib"], "%"],
            [tr(lang, "拉动规模以上工业增长", "pull on growth"), c["pull"], tr(lang, "百分点", "pp")],
        ],
    )
    label = narrative.period_label(year, end_month, lang)
    trend_title = ctx.numbering.figure(
        "战略性新兴产业增加值占规模以上工业比重（%）", "SEI share of above-scale industry (%)"
    )
    return Section(
        heading,
        [
            *_provisional_note(ctx.store, year, end_month, ctx.as_of, lang),
            narrative.headline(label, c["growth"], c["gap"], c["share"], c["change"], lang),
            narrative.contribution(c["va"], c["contrib"], c["pull"], lang),
        ],
        [head],
        [_share_trend(ctx.store, ctx.plan, year, end_month, lang, title=trend_title)],
    )


def _by_plan_industry(ctx: _Context, heading: str) -> Section:
    """二、分产业情况: by plan industry and by SEI field."""
    src, lang = ctx.src, ctx.lang
    t_ind, ind_cells, _ = _breakdown_table(
        src,
        "plan_industry",
        ctx.industry_names,
        ctx.edition,
        lang,
        "by_plan_industry",
        ctx.table("分规划产业", "By plan industry"),
        tr(lang, "规划产业", "plan industry"),
    )
    field_names = {}
    for code in src.by("sei_enterprises", "sei_field"):
        cat = sei_category(code)
        field_names[code] = f"{code} {getattr(cat, f'name_{ctx.t_lang}')}"
    t_field, _, _ = _breakdown_table(
        src,
        "sei_field",
        field_names,
        ctx.edition,
        lang,
        "by_sei_field",
        ctx.table("分战略性新兴产业领域", "By SEI field"),
        tr(lang, "领域", "field"),
    )
    n, grew, fastest, rate = _growth_leader(ind_cells)
    return Section(
        heading, [narrative.breakdown("规划产业", "plan industries", n, grew, fastest, rate, lang)], [t_ind, t_field]
    )


def _by_industry(ctx: _Context, heading: str) -> Section:
    """三、分行业情况: SEI categories (SEI 2018 items) and GB/T 4754 divisions (国民经济行业大类), and how many grew."""
    src, lang = ctx.src, ctx.lang
    item_names = {}
    for code in src.by("sei_enterprises", "sei_item"):
        item_names[code] = f"{code} {getattr(sei_category(code), f'name_{ctx.t_lang}')}"
    t_item, item_cells, _ = _breakdown_table(
        src,
        "sei_item",
        item_names,
        ctx.edition,
        lang,
        "by_sei_item",
        ctx.table(
            "按战略性新兴产业类别（战略性新兴产业分类2018第二层）",
            "By SEI category (second level of the SEI 2018 classification)",
        ),
        tr(lang, "类别", "category"),
    )
    t_div, div_cells, _ = _breakdown_table(
        src,
        "division",
        _division_names(lang),
        ctx.edition,
        lang,
        "by_division",
        ctx.table("按国民经济行业大类（GB/T 4754）", "By industry division (GB/T 4754)"),
        tr(lang, "行业大类", "division"),
    )
    item_n, item_grew, item_fastest, item_rate = _growth_leader(item_cells)
    div_n, div_grew, div_fastest, div_rate = _growth_leader(div_cells)
    t_breadth = Table(
        "by_industry_summary",
        ctx.table("分行业增长面", "How many industries grew"),
        [
            tr(lang, "项目", "item"),
            tr(lang, "战略性新兴产业类别", "SEI categories"),
            tr(lang, "国民经济行业大类", "industry divisions"),
        ],
        [
            [tr(lang, "可公布个数（个）", "published"), item_n, div_n],
            [tr(lang, "增加值同比增长的个数（个）", "grew"), item_grew, div_grew],
            [
                tr(lang, "增长最快的", "fastest-growing"),
                item_fastest or SUPPRESSED,
                div_fastest or SUPPRESSED,
            ],
            [tr(lang, "最快增速（%）", "fastest growth (%)"), item_rate, div_rate],
        ],
        tr(
            lang,
            "类别按《战略性新兴产业分类（2018）》第二层（40个类别）划分，一企多项时在各类别中各计一次；"
            "行业大类按企业所属国民经济行业小类代码（GB/T 4754）的前两位划分，每个企业只属一个大类。",
            "Categories are the 40 items of the SEI 2018 classification (an enterprise in several counts in each); "
            "divisions are the first two digits of the enterprise's GB/T 4754 class (one division per enterprise).",
        ),
    )
    return Section(
        heading,
        [
            narrative.breakdown("国民经济行业大类", "industry divisions", div_n, div_grew, div_fastest, div_rate, lang),
            narrative.breakdown(
                "战略性新兴产业类别", "SEI categories", item_n, item_grew, item_fastest, item_rate, lang
            ),
        ],
        [t_item, t_div, t_breadth],
    )


def _by_region(ctx: _Context, heading: str) -> Section:
    """四、分地区情况: the ranked region table (withheld units listed apart), a bar chart and a map."""
    lang = ctx.lang
    region_names = {r.code: getattr(r, f"name_{ctx.t_lang}") for r in ctx.regions.reporting_units()}
    t_reg, reg_cells, reg_apart = _breakdown_table(
        ctx.src,
        "region",
        region_names,
        ctx.edition,
        lang,
        "by_region",
        ctx.table("分地区（按增速排序）", "By region (ranked by growth)"),
        tr(lang, "地区", "region"),
    )
    top = [(nm, g) for nm, g, _ in reg_cells if g != SUPPRESSED][:3]
    by_name = {nm: cell_value(g) for nm, g, _ in reg_cells}
    code_values = {code: by_name.get(nm) for code, nm in region_names.items()}
    return Section(
        heading,
        [narrative.ranking([t[0] for t in top], [t[1] for t in top], lang)],
        [t_reg, *([reg_apart] if reg_apart else [])],
        [
            charts.ranking_bars(
                "region_bars",
                ctx.numbering.figure("分地区增加值增速（%）", "Growth by region (%)"),
                [nm for nm, _, _ in reg_cells],
                [cell_value(g) for _, g, _ in reg_cells],
                "%",
                lang,
            ),
            charts.region_map(
                "region_map",
                ctx.numbering.figure("分地区增速示意图（%）", "Growth by region, schematic (%)"),
                code_values,
                region_names,
                lang,
            ),
        ],
    )


def _finance(ctx: _Context, heading: str) -> Section:
    """五、效益、研发与企业: revenue, profit, loss-makers, R&D and the enterprise count."""
    src, lang = ctx.src, ctx.lang
    losers = loss_makers(ctx.store, ctx.year, ctx.end_month, ctx.as_of)
    src.numbers["loss_makers"] = float(losers)
    f = {
        "revenue": _amount(src.one("sei_industry_revenue")),  # the industrial part: industrial revenue only
        "profit": _amount(src.one("sei_profit")),
        "margin": fmt_num(src.one("sei_profit_margin")),
        "losers": str(losers),
        "rd": _amount(src.one("sei_rd_expenditure")),
        "intensity": fmt_num(src.one("sei_rd_intensity")),
        "count": fmt_num(src.one("sei_enterprises"), 0),
        "entries": fmt_num(src.one("sei_entries"), 0),
        "exits": fmt_num(src.one("sei_exits"), 0),
    }
    yi, pct, jia = tr(lang, "亿元", "100 mn yuan"), "%", tr(lang, "家", "enterprises")
    t_fin = Table(
        "finance",
        ctx.table("效益、研发与企业", "Finance, R&D and enterprises"),
        [tr(lang, "指标", "indicator"), tr(lang, "本期", "this period"), tr(lang, "单位", "unit")],
        [
            [tr(lang, "营业收入", "revenue"), f["revenue"], yi],
            [tr(lang, "利润总额", "total profit"), f["profit"], yi],
            [tr(lang, "营业收入利润率", "profit margin"), f["margin"], pct],
            [tr(lang, "亏损企业", "loss-making enterprises"), f["losers"], jia],
            [tr(lang, "研发经费支出", "R&D expenditure"), f["rd"], yi],
            [tr(lang, "研发经费投入强度", "R&D intensity"), f["intensity"], pct],
            [tr(lang, "期末企业数", "enterprises at period end"), f["count"], jia],
            [tr(lang, "新进入企业", "entries"), f["entries"], jia],
            [tr(lang, "退出企业", "exits"), f["exits"], jia],
        ],
    )
    return Section(
        heading,
        [
            narrative.finance(f["revenue"], f["profit"], f["margin"], f["losers"], lang),
            narrative.research(f["rd"], f["intensity"], lang),
            narrative.enterprises(f["count"], f["entries"], f["exits"], lang),
        ],
        [t_fin],
    )


def _services(ctx: _Context, heading: str) -> Section:
    """The services half (营业收入增长, its own scope), after the industrial part (seimon.report.services_section)."""
    section = services_section(
        ctx.store, ctx.period, heading=heading, first_table=ctx.numbering.next_table,
        edition=ctx.edition, lang=ctx.lang, as_of=ctx.as_of,
    )  # fmt: skip
    ctx.numbering.took_tables(len(section.tables))
    return section


def _key_enterprises(ctx: _Context, heading: str) -> Section:
    """The ten largest enterprises by value added (internal edition only)."""
    lang = ctx.lang
    firms = key_enterprises(ctx.store, ctx.year, ctx.end_month, as_of=ctx.as_of)
    all_names = {r.code: getattr(r, f"name_{ctx.t_lang}") for r in ctx.regions.regions.values()}
    table = Table(
        "key_enterprises",
        ctx.table("增加值前十位企业", "Top ten enterprises by value added"),
        [
            tr(lang, "企业名称", "enterprise"),
            tr(lang, "统一社会信用代码", "credit code"),
            tr(lang, "所在地区", "region"),
            tr(lang, "增加值（亿元）", "value added (100 mn yuan)"),
        ],
        [[k.name, k.credit_code, all_names.get(k.region, k.region), _amount(k.value_added)] for k in firms],
    )
    return Section(heading, [], [table])


def _warnings(ctx: _Context, heading: str) -> Section:
    """监测预警: counts by severity and the list (public edition: a warning on a withheld cell names no value)."""
    lang = ctx.lang
    warned = bulletin_warnings(
        ctx.store, ctx.year, ctx.end_month, include_internal=ctx.edition == "internal", as_of=ctx.as_of
    )
    subjects = {**{b.id: getattr(b, f"name_{ctx.t_lang}") or b.id for b in ctx.plan.bases}, **ctx.industry_names}
    # the subject of a warning: a region by its name in the report's language, else a base or plan industry
    subjects.update({r.code: getattr(r, f"name_{ctx.t_lang}") for r in ctx.regions.regions.values()})
    listed = [w.to_dict() for w in warned[:MAX_WARNINGS]]
    if ctx.edition == "public":  # a warning on a withheld cell names the cell, not its value
        listed = redact_warnings(ctx.store, listed)
    w_rows = [
        [
            w["severity_zh"] if lang == "zh" else w["severity"],
            subjects.get(w["region"] or "") or subjects.get(w["industry"] or "", w["industry"]) or SUPPRESSED,
            w["period"] or SUPPRESSED,
            w["message_zh"] if lang == "zh" else w["message_en"],
        ]
        for w in listed
    ]
    counts = warning_counts_table(warned, lang, "warning_counts", ctx.table("预警汇总", "Warnings by severity"))
    table = Table(
        "warnings",
        ctx.table("预警信息", "Warnings"),
        [
            tr(lang, "级别", "severity"),
            tr(lang, "对象", "subject"),
            tr(lang, "期别", "period"),
            tr(lang, "内容", "message"),
        ],
        w_rows,
        tr(
            lang,
            f"按严重程度排列，最多列出{MAX_WARNINGS}条；预警条数为{len(warned)}。",
            f"Most severe first, at most {MAX_WARNINGS} listed; {len(warned)} warnings in all.",
        ),
    )
    text = tr(lang, f"本期监测预警规则共触发{len(warned)}条预警。", f"The warning rules raised {len(warned)} warnings.")
    return Section(heading, [text], [counts, table])


def _tracking(ctx: _Context, heading: str) -> Section:
    """重点项目与任务落实, as of the period's last day (seimon.report.tracking)."""
    period_end = dt.date(ctx.year, ctx.end_month, calendar.monthrange(ctx.year, ctx.end_month)[1])
    section = tracking_section(ctx.store, period_end, ctx.lang, heading=heading, first_table=ctx.numbering.next_table)
    ctx.numbering.took_tables(len(section.tables))
    return section


@dataclass(frozen=True)
class _Part:
    """One section of the bulletin: its heading without a number, its builder, and whether only internal."""

    zh: str
    en: str
    build: Callable[[_Context, str], Section]
    internal_only: bool = False


# The bulletin's sections in order; headings and table numbers are counted over those the edition holds.
PARTS: tuple[_Part, ...] = (
    _Part("总体情况", "Overview", _overview),
    _Part("分产业情况", "By industry and field", _by_plan_industry),
    _Part("分行业情况", "By industry", _by_industry),
    _Part("分地区情况", "By region", _by_region),
    _Part("效益、研发与企业", "Finance, R&D and enterprises", _finance),
    _Part("战略性新兴服务业", "SEI services", _services),
    _Part("重点企业（内部资料，不得公开）", "Key enterprises (internal, not for release)", _key_enterprises, True),
    _Part("监测预警", "Warnings", _warnings),
    _Part("重点项目与任务落实", "Projects and tasks", _tracking),
)


def build_bulletin(
    store: Store, period: str, edition: Edition = "public", lang: Lang = "zh", as_of: dt.date | None = None
) -> Bulletin:
    """The monitoring bulletin for a year-to-date period (``2020-09`` = 1—9月, ``2020`` = the whole year).

    ``as_of`` reads the data as known on that date (the bulletin as it could have been issued then, whatever was
    revised later); by default the latest data.

    ``edition="public"`` withholds cells from fewer than 3 enterprises and every enterprise-level datum;
    ``"internal"`` adds the key-enterprise list and internal warnings. Sections, tables and figures are numbered
    over what the edition holds, without gaps.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     b = build_bulletin(s, "2020-09")
    >>> b.title, b.sections[0].tables[0].rows[0][1]
    ('河北省战略性新兴产业监测简报', '—')
    """
    year, end_month = _check_period(period)
    src = _Source(store, period, as_of)
    ctx = _Context(
        store, period, edition, lang, as_of, year, end_month, src, load_plan(), load_regions(), Numbering(lang)
    )
    sections = [
        part.build(ctx, ctx.numbering.section(part.zh, part.en))
        for part in PARTS
        if edition == "internal" or not part.internal_only
    ]
    notes = _notes(lang, edition)
    title = tr(lang, "河北省战略性新兴产业监测简报", "Hebei Strategic Emerging Industries Monitoring Bulletin")
    edition_label = tr(lang, "公开版", "public edition") if edition == "public" else tr(lang, "内部版", "internal")
    label = narrative.period_label(year, end_month, lang)
    subtitle = f"{label}（{edition_label}）" if lang == "zh" else f"{label} ({edition_label})"
    return Bulletin("bulletin", title, subtitle, lang, edition, sections, notes, src.numbers)


def _notes(lang: Lang, edition: Edition) -> list[str]:
    notes = [
        tr(lang, "注：", "Notes:"),
        tr(
            lang,
            "1．工业部分（一至五）统计范围为年主营业务收入2000万元及以上的工业企业中按《战略性新兴产业分类（2018）》"
            "认定的企业，一企多项只计一次。服务业部分（六）" + scope_note(lang).removeprefix("服务业部分"),
            "1. Industrial part (sections 1–5) scope: above-scale industrial enterprises (revenue ≥ 20 million yuan) "
            "classified under the SEI 2018 classification, each counted once. " + scope_note(lang),
        ),
        tr(
            lang,
            "2．增加值增速按可比价格、同口径计算；比重按现价计算；贡献率为战略性新兴产业增加值增量与规模以上工业"
            "增加值增量之比；拉动为战略性新兴产业增加值增量与上年同期规模以上工业增加值之比。",
            "2. Growth is real (comparable prices, same enterprises); shares use current prices; contribution is the "
            "SEI increment over the above-scale increment; pull is the SEI increment over last year's above-scale VA.",
        ),
        tr(
            lang,
            "3．1—2月数据合并发布。部分数据因四舍五入，分项之和与总计可能略有出入。",
            "3. January and February are published together. Parts may not add to totals because of rounding.",
        ),
    ]
    if edition == "public":
        notes.append(
            tr(
                lang,
                f"4．按《统计法》第九条、第二十五条规定，企业数少于{MIN_ENTERPRISES}家或由个别企业主导（p%规则）的单元格"
                "以“—”表示（初级抑制）；可由已公布的合计、各视图与各分组推算出被抑制数据的单元格一并不予公布"
                "（次级抑制，经线性规划审核）；排序表不列被抑制的地区。",
                f"4. Under the Statistics Law (arts. 9, 25), cells resting on fewer than {MIN_ENTERPRISES} enterprises "
                "or dominated by one or two (p% rule) show “—” (primary suppression), and so do cells that would let "
                "a withheld figure be derived from the published totals, views and breakdowns (secondary "
                "suppression, audited by linear programming); ranked tables leave withheld units out.",
            )
        )
    else:
        notes.append(
            tr(
                lang,
                "4．本版含企业级数据，仅供内部使用，不得公开。",
                "4. This edition contains enterprise-level data: internal use only.",
            )
        )
    return notes


def as_dict(report: Bulletin) -> dict[str, Any]:
    """A JSON-ready view of a report (for the web platform and ``--json``)."""
    return {
        "kind": report.kind,
        "title": report.title,
        "subtitle": report.subtitle,
        "edition": report.edition,
        "lang": report.lang,
        "sections": [
            {
                "title": s.title,
                "paragraphs": s.paragraphs,
                "tables": [
                    {"key": t.key, "title": t.title, "columns": t.columns, "rows": t.rows, "note": t.note}
                    for t in s.tables
                ],
            }
            for s in report.sections
        ],
        "notes": report.notes,
        "generated": dt.date.today().isoformat(),
    }
