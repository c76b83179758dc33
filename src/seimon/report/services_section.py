"""The services part of the bulletin: 战略性新兴服务业营业收入 and its same-enterprise growth, with its own scope.

Why a part of its own: SEI statistics have two halves with different forms, scopes and headline figures. Provincial
bulletins report industry by value added (增加值增长, share of above-scale industry) and services by revenue
(营业收入增长, 同口径, current prices); mixing them under one scope note ("工业企业") misstates both. This module builds
the services section from the services indicators (``resources/indicators/services.yaml``) and nothing else, so the
industrial sections of :mod:`seimon.report.bulletin` stay as they are.

Disclosure: the public edition withholds the cells the disclosure stage withholds for ``sei_services_revenue``
(:func:`seimon.disclose.public.public_rows`: threshold and dominance counted on the services form, then secondary
suppression over the linked tables — the headline total, plan industries, divisions — with the release's pattern
once the period is released).
"""

from __future__ import annotations

import datetime as dt
import logging

from seimon.disclose import load_rules
from seimon.disclose.public import Decisions, public_rows
from seimon.indicators.query import query, ytd_key_for
from seimon.indicators.registry import load_registry
from seimon.plan import load_plan
from seimon.reference.industries import divisions
from seimon.report.content import SUPPRESSED, Edition, Lang, Section, Table, fmt_num, tr
from seimon.report.narrative import YI_EN
from seimon.store import Store

logger = logging.getLogger(__name__)

YI = 10_000.0  # 万元 per 亿元


def _amount(value: float | None) -> str:
    return fmt_num(None if value is None else value / YI, 1)


def _one(store: Store, indicator: str, period: str, as_of: dt.date | None) -> float | None:
    rows = query(indicator, period=period, store=store, vintage=as_of)
    return rows[0]["value"] if rows else None


def _by(store: Store, indicator: str, period: str, by: str, as_of: dt.date | None) -> dict[str, float]:
    rows = query(indicator, period=period, store=store, by=by, vintage=as_of)
    return {str(r[by]): float(r["value"]) for r in rows if r["value"] is not None}


def contributors(store: Store, period: str, by: str) -> dict[str, list[float]]:
    """Each cell's SEI services enterprises' 营业收入, largest first (current rows): who a cell rests on.

    ``by`` is ``plan_industry`` or ``division``. An enterprise in two plan industries contributes to both cells.
    """
    if not store.table_exists("service_reports"):
        return {}
    year, end_month = ytd_key_for(period)
    key = "c.plan_industry" if by == "plan_industry" else "substr(e.industry, 1, 2)"
    rows = store.fetchall(
        f"SELECT DISTINCT {key} AS cell, s.credit_code, s.revenue FROM service_reports s"
        " JOIN enterprises e ON e.credit_code = s.credit_code AND e.is_current"
        " JOIN enterprise_classifications c ON c.credit_code = s.credit_code AND c.status = 'assigned'"
        " WHERE s.is_current AND s.start_month = 1 AND s.year = ? AND s.end_month = ?",
        (year, end_month),
    )
    out: dict[str, list[float]] = {}
    for cell, _code, revenue in rows:
        if cell is not None:
            out.setdefault(str(cell), []).append(float(revenue or 0.0))
    return {cell: sorted(values, reverse=True) for cell, values in out.items()}


def withheld_cells(
    store: Store, period: str, by: str, as_of: dt.date | None, decisions: Decisions | None = None
) -> set[str]:
    """Cells of a services breakdown the public edition withholds: the disclosure stage's decisions for
    ``sei_services_revenue`` (threshold and dominance on the services form, then secondary suppression over the
    linked tables, so that the headline total minus the published cells recovers no withheld one)."""
    registry = load_registry()
    vintage = as_of.isoformat() if as_of else None
    rows = query("sei_services_revenue", period=period, store=store, by=by, vintage=as_of)
    decisions = decisions or Decisions(store, registry, load_rules(), vintage)
    shown = public_rows(store, rows, "sei_services_revenue", by=by, registry=registry, decisions=decisions)
    return {str(r[by]) for r in shown if r["suppressed"]}


def _breakdown(  # noqa: PLR0917 - one table of the section
    store: Store,
    period: str,
    by: str,
    names: dict[str, str],
    lang: Lang,
    as_of: dt.date | None,
    decisions: Decisions | None,
) -> tuple[list[list[str]], int]:
    """Rows (name, revenue, growth, enterprises) of a breakdown; the number of rows withheld. ``decisions``: the
    public edition's disclosure decisions (None in the internal edition: nothing withheld)."""
    revenue = _by(store, "sei_services_revenue", period, by, as_of)
    growth = _by(store, "sei_services_revenue_growth", period, by, as_of)
    cells = contributors(store, period, by)
    hidden_cells = withheld_cells(store, period, by, as_of, decisions) if decisions is not None else set()
    rows, withheld = [], 0
    for code in sorted(revenue):
        parts = cells.get(code, [])
        hidden = code in hidden_cells
        withheld += hidden
        rows.append(
            [
                names.get(code, code),
                SUPPRESSED if hidden else _amount(revenue[code]),
                SUPPRESSED if hidden else fmt_num(growth.get(code)),
                fmt_num(len(parts), 0),
            ]
        )
    return rows, withheld


def services_section(
    store: Store,
    period: str,
    *,
    heading: str,
    first_table: int = 1,
    edition: Edition = "public",
    lang: Lang = "zh",
    as_of: dt.date | None = None,
) -> Section:
    """The services part: headline revenue and growth, by plan industry, by services division, and its scope note
    (the headline table's note). Its three tables are numbered from ``first_table``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     part = services_section(s, "2020", heading="六、战略性新兴服务业", first_table=9)
    >>> part.title, part.tables[0].title, part.tables[0].rows[0][1]
    ('六、战略性新兴服务业', '表9 战略性新兴服务业主要指标', '—')
    """
    revenue = _one(store, "sei_services_revenue", period, as_of)
    growth = _one(store, "sei_services_revenue_growth", period, as_of)
    everyone = _one(store, "above_scale_services_revenue", period, as_of)
    estimate = _one(store, "sei_services_va", period, as_of)
    share = revenue / everyone * 100 if revenue is not None and everyone else None
    yi = tr(lang, "亿元", "100 mn yuan")
    head = Table(
        "services_headline",
        tr(lang, f"表{first_table} 战略性新兴服务业主要指标", f"Table {first_table} SEI services headline indicators"),
        [tr(lang, "指标", "indicator"), tr(lang, "本期", "this period"), tr(lang, "单位", "unit")],
        [
            [tr(lang, "营业收入", "revenue"), _amount(revenue), yi],
            [tr(lang, "营业收入增速（同口径，现价）", "revenue growth (same enterprises)"), fmt_num(growth), "%"],
            [tr(lang, "占规模以上服务业营业收入比重", "share of above-scale services revenue"), fmt_num(share), "%"],
            [tr(lang, "增加值（收入法估算）", "value added (income-approach estimate)"), _amount(estimate), yi],
        ],
        scope_note(lang),
    )  # fmt: skip
    t_lang = "zh" if lang == "zh" else "en"
    industries = {i.id: getattr(i, f"name_{t_lang}") for i in load_plan().industries}
    division_names = {d.code: f"{d.code} {getattr(d, f'name_{t_lang}')}" for d in divisions()}
    columns = [
        tr(lang, "营业收入（亿元）", "revenue (100 mn yuan)"),
        tr(lang, "增速（%）", "growth (%)"),
        tr(lang, "企业数（家）", "enterprises"),
    ]
    # one set of decisions for both tables: the period's pattern is solved once (public edition only)
    vintage = as_of.isoformat() if as_of else None
    decisions = Decisions(store, load_registry(), load_rules(), vintage) if edition == "public" else None
    by_industry, hidden_i = _breakdown(store, period, "plan_industry", industries, lang, as_of, decisions)
    by_division, hidden_d = _breakdown(store, period, "division", division_names, lang, as_of, decisions)
    withheld_note = tr(
        lang,
        "“—”表示依法不予公布的数据（企业数少于3家或由个别企业主导）。",
        "“—” marks figures withheld by law (fewer than 3 enterprises, or dominated by one or two).",
    )
    tables = [
        head,
        Table(
            "services_by_plan_industry",
            tr(
                lang,
                f"表{first_table + 1} 战略性新兴服务业分规划产业",
                f"Table {first_table + 1} SEI services by plan industry",
            ),
            [tr(lang, "规划产业", "plan industry"), *columns],
            by_industry,
            withheld_note if hidden_i else None,
        ),
        Table(
            "services_by_division",
            tr(
                lang,
                f"表{first_table + 2} 战略性新兴服务业按国民经济行业大类",
                f"Table {first_table + 2} SEI services by industry division",
            ),
            [tr(lang, "行业大类", "division"), *columns],
            by_division,
            withheld_note if hidden_d else None,
        ),
    ]
    text = tr(
        lang,
        f"规模以上服务业战略性新兴产业企业实现营业收入{_amount(revenue)}亿元，同口径增长{fmt_num(growth)}%，"
        f"占规模以上服务业营业收入的{fmt_num(share)}%。",
        f"Above-scale services SEI enterprises earned revenue of {_amount(revenue)} {YI_EN}, "
        f"{fmt_num(growth)}% more than the same enterprises a year earlier, {fmt_num(share)}% of above-scale "
        "services revenue.",
    )
    return Section(heading, [text], tables)


def scope_note(lang: Lang) -> str:
    """The services part's own scope note (the industrial part keeps the industrial one)."""
    return tr(
        lang,
        "服务业部分统计范围：规模以上服务业企业（年营业收入2000万元及以上的交通运输、仓储和邮政业，信息传输、软件和"
        "信息技术服务业，水利、环境和公共设施管理业和卫生；1000万元及以上的租赁和商务服务业，科学研究和技术服务业，"
        "教育和物业管理等房地产业行业小类；500万元及以上的居民服务、修理和其他服务业，文化、体育和娱乐业和社会工作）"
        "中按《战略性新兴产业分类（2018）》认定的企业；营业收入增速按现价、同口径计算；增加值为收入法估算"
        "（劳动者报酬＋生产税净额＋固定资产折旧＋营业盈余），非企业报送数。",
        "Services part scope: above-scale services enterprises (annual revenue ≥ 20 million yuan in transport, "
        "information and software, water and environment, health; ≥ 10 million in leasing and business services, "
        "research and technical services, education and four real-estate classes; ≥ 5 million in residents' "
        "services, culture, sports and entertainment, social work) classified under SEI 2018; revenue growth at "
        "current prices on the same enterprises; value added is an income-approach estimate, not reported.",
    )


__all__ = ["contributors", "scope_note", "services_section"]
