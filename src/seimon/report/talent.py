"""The talent-shortage catalogue (紧缺人才目录, plan 四(八)) of the yearly guide, through disclosure control.

Per plan industry, the occupations most in demand in a year: the headcount enterprises ask for and how many
enterprises ask. Figures come from the ``talent-demand`` import as known on the guide's date (each row's
vintage), one statement per enterprise and occupation: the latest period of the year it gave (a whole-year
figure, else its latest month), since a month's figure restates the demand and summing months would count
the same posts twice. An enterprise classified in two plan industries counts in both, as in every SEI table.

Each occupation × industry cell is judged by the disclosure stage's primary rules (fewer than 3 enterprises;
one or two dominating by the p % rule) and the industry's total is protected by
:func:`seimon.disclose.breakdown.protect_breakdown`; withheld cells are never ranked: they are listed apart,
in name order, as ``—``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from seimon.disclose.breakdown import BreakdownDecision, protect_breakdown
from seimon.disclose.cells import Cell
from seimon.disclose.rules import Rules
from seimon.report.content import SUPPRESSED, Lang, Section, Table, fmt_num, tr
from seimon.store import Store

logger = logging.getLogger(__name__)

TOP_OCCUPATIONS = 10
"""Occupations ranked per industry in the catalogue."""


@dataclass(frozen=True)
class IndustryCatalogue:
    """One industry's demand cells by occupation, its total and the disclosure decision over them."""

    industry: str
    cells: dict[str, Cell]
    total: Cell
    decision: BreakdownDecision


def demand_statements(store: Store, year: int, as_of: dt.date | None = None) -> dict[tuple[str, str], float]:
    """``(credit code, occupation) → headcount`` for ``year``, as known on ``as_of`` (default: now).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     demand_statements(s, 2019)
    {}
    """
    if not store.table_exists("talent_demand"):
        return {}
    if as_of is None:
        known, params = "is_current", [year]
    else:
        known = "vintage < ?"
        params = [year, dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())]
    rows = store.fetchall(
        "SELECT credit_code, occupation, demand, end_month, period_kind FROM ("
        " SELECT t.*, ROW_NUMBER() OVER (PARTITION BY credit_code, period, occupation"
        " ORDER BY vintage DESC, batch_id DESC) AS newest"
        f" FROM talent_demand t WHERE year = ? AND {known}) v WHERE newest = 1",
        tuple(params),
    )
    latest: dict[tuple[str, str], tuple[tuple[int, int], float]] = {}
    for code, occupation, demand, end_month, kind in rows:
        rank = (int(end_month), 1 if kind == "year" else 0)  # the whole year beats its December
        key = (str(code), str(occupation))
        if key not in latest or rank > latest[key][0]:
            latest[key] = (rank, float(demand or 0.0))
    return {key: value for key, (_, value) in latest.items()}


def _industries_of(store: Store) -> dict[str, set[str]]:
    """Each current enterprise's plan industries (assigned classifications)."""
    rows = store.fetchall(
        "SELECT DISTINCT c.credit_code, c.plan_industry FROM enterprise_classifications c"
        " JOIN enterprises e ON e.credit_code = c.credit_code AND e.is_current"
        " WHERE c.status = 'assigned' AND c.plan_industry IS NOT NULL"
    )
    out: dict[str, set[str]] = {}
    for code, industry in rows:
        out.setdefault(str(code), set()).add(str(industry))
    return out


def build_catalogue(store: Store, year: int, rules: Rules, as_of: dt.date | None = None) -> list[IndustryCatalogue]:
    """Cells, totals and disclosure decisions per plan industry (industries with no demand left out)."""
    statements = demand_statements(store, year, as_of)
    industries = _industries_of(store) if statements else {}
    by_industry: dict[str, dict[str, Cell]] = {}
    for (code, occupation), demand in sorted(statements.items()):
        if demand <= 0:
            continue  # an enterprise stating no demand asks for nobody
        for industry in industries.get(code, ()):
            cells = by_industry.setdefault(industry, {})
            cells.setdefault(occupation, Cell(("talent:" + industry, (occupation,)))).add(demand)
    out = []
    for industry, cells in by_industry.items():
        total = _enterprise_total(statements, industries, industry)
        out.append(IndustryCatalogue(industry, cells, total, protect_breakdown(cells, total, rules)))
    return out


def _enterprise_total(statements: dict[tuple[str, str], float], industries: dict[str, set[str]], industry: str) -> Cell:
    """The industry's total as one contribution per enterprise (its whole demand): what the rules judge."""
    per_firm: dict[str, float] = {}
    for (code, _occupation), demand in statements.items():
        if demand > 0 and industry in industries.get(code, ()):
            per_firm[code] = per_firm.get(code, 0.0) + demand
    total = Cell(("talent:" + industry, ("total",)))
    for value in per_firm.values():
        total.add(value)
    return total


def catalogue_section(  # noqa: PLR0917 - one section of the guide
    store: Store, year: int, rules: Rules, industry_names: dict[str, str], lang: Lang, as_of: dt.date | None
) -> Section:
    """Section 五 of the guide: the catalogue table, ranked published cells, withheld ones apart."""
    catalogues = {c.industry: c for c in build_catalogue(store, year, rules, as_of)}
    rows: list[list[str]] = []
    withheld = 0
    for industry, name in industry_names.items():
        found = catalogues.get(industry)
        if found is None:
            continue
        shown = sorted(
            ((cell.value, key) for key, cell in found.cells.items() if key not in found.decision.withheld),
            key=lambda vk: (-vk[0], vk[1]),
        )
        for rank, (_value, key) in enumerate(shown[:TOP_OCCUPATIONS], 1):
            cell = found.cells[key]
            rows.append([name, str(rank), key, fmt_num(cell.value, 0), fmt_num(cell.contributors, 0)])
        for key in sorted(found.decision.withheld):
            withheld += 1
            rows.append([name, SUPPRESSED, key, SUPPRESSED, SUPPRESSED])
        total = found.total
        published = found.decision.total_published
        rows.append(
            [
                name,
                "",
                tr(lang, "合计", "total"),
                fmt_num(total.value, 0) if published else SUPPRESSED,
                fmt_num(total.contributors, 0) if published else SUPPRESSED,
            ]
        )
    when = as_of.isoformat() if as_of else tr(lang, "编制时", "compilation")
    if not rows:
        paragraphs = [
            tr(
                lang,
                f"{year}年尚无“人才需求”（talent-demand）数据，紧缺人才目录暂缺。",
                f"No talent-demand data for {year}: the talent-shortage catalogue is empty.",
            )
        ]
        return Section(tr(lang, "五、紧缺人才目录", "5. Talent-shortage catalogue"), paragraphs, [])
    paragraphs = [
        tr(
            lang,
            f"各规划产业{year}年需求人数最多的职业（前{TOP_OCCUPATIONS}位），据企业报送的人才需求，截至{when}已知的数据；"
            f"另有{withheld}个职业×产业单元格依法不予公布，不参与排序，按名称列于各产业之后。",
            f"Occupations most in demand per plan industry in {year} (top {TOP_OCCUPATIONS}), from the talent demand "
            f"enterprises reported, as known at {when}; {withheld} occupation × industry cells are withheld by law, "
            "not ranked, and listed after each industry in name order.",
        )
    ]
    table = Table(
        "talent_catalogue",
        tr(lang, "表5 紧缺人才目录", "Table 5 Talent-shortage catalogue"),
        [
            tr(lang, "产业", "industry"),
            tr(lang, "位次", "rank"),
            tr(lang, "职业（岗位）", "occupation"),
            tr(lang, "需求人数（人）", "demand (persons)"),
            tr(lang, "提出需求的企业数（家）", "enterprises asking"),
        ],
        rows,
        tr(
            lang,
            "“—”为依法不予公布的数据：少于3家企业或由一两家企业支配的单元格，以及为使其不能由合计推算而一并不予公布的单元格"
            "（或合计）。",
            "“—”: withheld by law — cells resting on fewer than 3 enterprises or dominated by one or two, and the "
            "cells (or total) withheld so that they cannot be recovered from the industry's total.",
        ),
    )
    return Section(tr(lang, "五、紧缺人才目录", "5. Talent-shortage catalogue"), paragraphs, [table])


__all__ = ["TOP_OCCUPATIONS", "IndustryCatalogue", "build_catalogue", "catalogue_section", "demand_statements"]
