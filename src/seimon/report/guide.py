"""The yearly industry development guide (产业发展指南, plan 五(八)): every figure through disclosure control.

Per plan industry: value added, growth, share of SEI value added and enterprises; the fastest-growing SEI
categories (withheld ones are never ranked: they are counted apart); the distribution of SEI value added over
the reporting units; per industry, its sub-fields and bases from the plan; and the talent-shortage catalogue
(紧缺人才目录, 四(八)) from the ``talent-demand`` import (:mod:`seimon.report.talent`). It is always a public
document: cells come from :func:`seimon.disclose.public.public_rows` and the catalogue's from
:func:`seimon.disclose.breakdown.protect_breakdown`. ``as_of`` reads every figure as known on that date.
"""

from __future__ import annotations

import datetime as dt
import logging

from seimon.disclose.public import Decisions, public_rows, split_ranking
from seimon.disclose.rules import load_rules
from seimon.indicators.query import query
from seimon.indicators.registry import load_registry
from seimon.plan import Plan, load_plan
from seimon.reference.regions import load_regions
from seimon.reference.sei import sei_category
from seimon.report.content import SUPPRESSED, Guide, Lang, Section, Table, fmt_num, tr
from seimon.report.talent import catalogue_section
from seimon.store import Store

logger = logging.getLogger(__name__)

YI = 10_000.0  # 万元 per 亿元
TOP = 10


def _cells(store: Store, decisions: Decisions, indicator: str, year: int, by: str) -> dict[str, float | None]:
    """Published values of ``indicator`` by ``by`` for the whole year (None where withheld), as of the decisions'."""
    rows = query(indicator, period=str(year), by=by, store=store, vintage=decisions.vintage)
    column = "region" if by == "region" else by
    shown = public_rows(store, rows, indicator, by=by, decisions=decisions)
    return {str(r[column]): r["value"] for r in shown}


def _amount(value: float | None) -> str:
    return SUPPRESSED if value is None else fmt_num(value / YI, 1)


def _industries_section(store: Store, decisions: Decisions, year: int, plan: Plan, lang: Lang) -> Section:
    """Section 1: value added, growth, share of SEI and enterprises per plan industry (withheld cells "—")."""
    t = "zh" if lang == "zh" else "en"
    va = _cells(store, decisions, "sei_va", year, "plan_industry")
    growth = _cells(store, decisions, "sei_va_real_growth", year, "plan_industry")
    count = _cells(store, decisions, "sei_enterprises", year, "plan_industry")
    headline = query("sei_va", period=str(year), store=store, vintage=decisions.vintage)
    total = public_rows(store, headline, "sei_va", decisions=decisions)
    total_va = total[0]["value"] if total else None  # None when withheld: no share then
    rows = []
    for industry in plan.industries:
        value = va.get(industry.id)
        share = None if value is None or not total_va else 100 * value / total_va
        rows.append(
            [
                getattr(industry, f"name_{t}"),
                _amount(value),
                SUPPRESSED if growth.get(industry.id) is None else fmt_num(growth[industry.id]),
                SUPPRESSED if share is None else fmt_num(share),
                fmt_num(count.get(industry.id), 0) if count.get(industry.id) is not None else "0",
            ]
        )
    return Section(
        tr(lang, "一、各产业发展情况", "1. Industries"),
        [
            tr(
                lang,
                f"{year}年各规划产业增加值、增速与比重。",
                f"Value added, growth and share by plan industry, {year}.",
            )
        ],
        [
            Table(
                "by_industry",
                tr(lang, "表1 分规划产业", "Table 1 By plan industry"),
                [
                    tr(lang, "产业", "industry"),
                    tr(lang, "增加值（亿元）", "value added (100 mn yuan)"),
                    tr(lang, "增速（%）", "growth (%)"),
                    tr(lang, "占战略性新兴产业比重（%）", "share of SEI (%)"),
                    tr(lang, "企业数（家）", "enterprises"),
                ],
                rows,
                tr(lang, "“—”为依法不予公布的数据。", "“—”: withheld by law."),
            )
        ],
    )


def _fastest_section(store: Store, decisions: Decisions, year: int, lang: Lang) -> Section:
    """Section 2: the SEI categories ranked by growth; withheld ones counted apart, never ranked."""
    t = "zh" if lang == "zh" else "en"
    item_growth = _cells(store, decisions, "sei_va_real_growth", year, "sei_item")
    items = sorted(item_growth.items(), key=lambda kv: -(kv[1] if kv[1] is not None else -1e9))
    ranked, apart = split_ranking(items, lambda kv: kv[1] is None, lambda kv: kv[0])
    fastest = [
        [str(n), f"{code} {getattr(sei_category(code), f'name_{t}')}", fmt_num(rate)]
        for n, (code, rate) in enumerate(ranked[:TOP], 1)
    ]
    return Section(
        tr(lang, "二、增长最快的领域", "2. Fastest-growing fields"),
        [
            tr(
                lang,
                f"按增速排列的战略性新兴产业类别（前{TOP}位）；另有{len(apart)}个类别的数据依法不予公布，不参与排序。",
                f"SEI categories ranked by growth (top {TOP}); {len(apart)} more are withheld by law and not ranked.",
            )
        ],
        [
            Table(
                "fastest",
                tr(lang, "表2 增长最快的类别", "Table 2 Fastest-growing categories"),
                [tr(lang, "位次", "rank"), tr(lang, "类别", "category"), tr(lang, "增速（%）", "growth (%)")],
                fastest,
            )
        ],
    )


def _regions_section(store: Store, decisions: Decisions, year: int, lang: Lang) -> Section:
    """Section 3: SEI value added by region, in code order."""
    t = "zh" if lang == "zh" else "en"
    regions = load_regions()
    by_region = _cells(store, decisions, "sei_va", year, "region")
    region_rows = [[getattr(regions.get(code), f"name_{t}"), _amount(v)] for code, v in sorted(by_region.items())]
    return Section(
        tr(lang, "三、区域分布", "3. Regional distribution"),
        [],
        [
            Table(
                "by_region",
                tr(lang, "表3 战略性新兴产业增加值分地区", "Table 3 SEI value added by region"),
                [tr(lang, "地区", "region"), tr(lang, "增加值（亿元）", "value added (100 mn yuan)")],
                region_rows,
                tr(lang, "按区划代码排列；“—”为依法不予公布的数据。", "In code order; “—”: withheld by law."),
            )
        ],
    )


def _plan_fields_section(plan: Plan, lang: Lang) -> Section:
    """Section 4: each industry's sub-fields and bases as the plan names them."""
    t = "zh" if lang == "zh" else "en"
    plan_rows = []
    for industry in plan.industries:
        subfields = "、".join(getattr(s, f"name_{t}") or "" for s in industry.subfields) or SUPPRESSED
        bases = [getattr(b, f"name_{t}") or b.id for b in plan.bases if industry.id in b.industries]
        plan_rows.append([getattr(industry, f"name_{t}"), subfields, "、".join(bases) or SUPPRESSED])
    return Section(
        tr(lang, "四、细分领域与产业基地", "4. Sub-fields and bases"),
        [],
        [
            Table(
                "plan_fields",
                tr(lang, "表4 规划细分领域与产业基地", "Table 4 Sub-fields and bases in the plan"),
                [tr(lang, "产业", "industry"), tr(lang, "细分领域", "sub-fields"), tr(lang, "基地", "bases")],
                plan_rows,
            )
        ],
    )


def build_guide(store: Store, year: int, lang: Lang = "zh", as_of: dt.date | None = None) -> Guide:
    """The development guide for ``year`` (whole-year figures), public edition, as known on ``as_of`` (default: now).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     g = build_guide(s, 2019)
    >>> g.kind, g.sections[0].tables[0].key
    ('guide', 'by_industry')
    """
    plan = load_plan()
    rules = load_rules()
    decisions = Decisions(store, load_registry(), rules, as_of.isoformat() if as_of else None)
    t = "zh" if lang == "zh" else "en"
    s1 = _industries_section(store, decisions, year, plan, lang)
    s2 = _fastest_section(store, decisions, year, lang)
    s3 = _regions_section(store, decisions, year, lang)
    s4 = _plan_fields_section(plan, lang)
    s5 = catalogue_section(store, year, rules, {i.id: getattr(i, f"name_{t}") for i in plan.industries}, lang, as_of)
    title = tr(lang, "河北省战略性新兴产业发展指南", "Hebei Strategic Emerging Industries Development Guide")
    notes = [
        tr(
            lang,
            "注：按《统计法》第九条、第二十五条，可识别或推断单个企业数据的单元格不予公布（docs/disclosure.md）。",
            "Note: cells that identify or allow one to infer a single enterprise's data are withheld (Statistics "
            "Law arts. 9, 25).",
        )
    ]
    return Guide("guide", title, tr(lang, f"{year}年", str(year)), lang, "public", [s1, s2, s3, s4, s5], notes)
