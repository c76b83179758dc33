"""`seimon projects`: thin shell over :mod:`seimon.tracking.projects` and :mod:`seimon.tracking.schedule`.

Exit codes: 0 done, 2 a located error (a bad date, an unknown grouping).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated, Any

import typer

from seimon.cli.assess import AsOfOption, parse_as_of
from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_error, print_json
from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

ByOption = Annotated[
    str | None,
    typer.Option("--by", help="分组汇总 / roll up by: city | industry | department | base", show_default=False),
]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _projects_table(doc: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title=f"重点项目 / projects（{doc['as_of']}）")
    for header in (
        "项目 / project",
        "责任单位 / department",
        "总投资 / total (万元)",
        "完成 / done (万元)",
        "完成率 / rate",
        "状态 / status",
        "计划竣工 / due",
        "逾期 / overdue",
    ):
        table.add_column(header, overflow="fold")
    for p in doc["projects"]:
        table.add_row(
            f"{p['name']}\n[dim]{p['id']}[/]",
            p["department"],
            f"{p['planned_investment']:,.0f}",
            f"{p['completed_investment']:,.0f}",
            _pct(p["completion_rate"]),
            f"{p['status']}\n[dim]{p['status_en']}[/]",
            p["planned_finish"],
            f"[bold red]{p['days_overdue']} 天 / days[/]" if p["overdue"] else "",
        )
    console.print(table)
    rows = [{"name": "合计 / total", **doc["totals"]}, *doc.get("groups", [])]
    summary = Table(title="汇总 / roll-up" + (f"（按 / by {doc['by']}）" if doc.get("by") else ""))
    for header in ("", "项目 / projects", "投资完成率", "开工率 / start", "竣工率 / finish", "逾期 / overdue"):
        summary.add_column(header, overflow="fold")
    for g in rows:
        summary.add_row(
            g["name"],
            str(g["projects"]),
            _pct(g["investment_completion_rate"]),
            _pct(g["start_rate"]),
            _pct(g["finish_rate"]),
            str(g["overdue"]),
        )
    console.print(summary)


def projects_command(
    *,
    as_of: AsOfOption = None,
    by: ByOption = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列逾期项目 / only overdue projects")] = False,
    store: StoreOption = None,
    json_output: JsonOption = False,
) -> None:
    """重点项目：投资完成率、开工率、竣工率、逾期 / project register as of a date: completion, starts, overdue."""
    from seimon.store import open_store
    from seimon.tracking.projects import GROUPINGS, projects_report
    from seimon.tracking.schedule import behind_schedule

    try:
        day: dt.date = parse_as_of(as_of)
        if by is not None and by not in GROUPINGS:
            raise SeimonError(
                f"未知的分组“{by}”（可选：{'、'.join(GROUPINGS)}）",
                f"unknown --by '{by}' (choose from {', '.join(GROUPINGS)})",
                code="bad_option",
            )
        with open_store(store) as opened:
            doc = projects_report(opened, day, by=by)
            doc["warnings"] = [w.__dict__ for w in behind_schedule(opened, day)]
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    if overdue:
        doc["projects"] = [p for p in doc["projects"] if p["overdue"]]
    if json_output:
        print_json(doc)
    else:
        _projects_table(doc)


def responsibilities_command(*, store: StoreOption = None, json_output: JsonOption = False) -> None:
    """目标分解与责任部门 / targets broken down to cities and departments, and whether the parts add up."""
    from rich.table import Table

    from seimon.store import open_store
    from seimon.tracking.responsibilities import consistency, departments, duties, read_breakdown

    try:
        with open_store(store) as opened:
            rows = read_breakdown(opened)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    doc = {
        "rows": [r.to_dict() for r in rows],
        "duties": {k: {"lead": d.lead, "partners": d.partners} for k, d in duties(rows).items()},
        "departments": departments(rows),
        "consistency": [c.to_dict() for c in consistency(rows)],
    }
    if json_output:
        print_json(doc)
        return
    table = Table(title="目标分解 / breakdown")
    for header in ("目标 / target", "牵头 / lead", "配合 / partners", "分解 / parts", "一致 / adds up"):
        table.add_column(header, overflow="fold")
    checks = {c["target"]: c for c in doc["consistency"]}
    for target, duty in doc["duties"].items():
        check = checks.get(target)
        ok = "—" if check is None or check["consistent"] is None else "✔" if check["consistent"] else "✘"
        table.add_row(
            target, duty["lead"] or "—", "、".join(duty["partners"]) or "—", str(check["parts"]) if check else "0", ok
        )
    console.print(table)


def tasks_command(
    *,
    as_of: AsOfOption = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列逾期任务 / only overdue tasks")] = False,
    store: StoreOption = None,
    json_output: JsonOption = False,
) -> None:
    """专栏行动与保障措施任务：责任单位、时限、进展、逾期 / roadmap actions and measures as tasks."""
    from rich.table import Table

    from seimon.store import open_store
    from seimon.tracking.tasks import tasks_report

    try:
        day = parse_as_of(as_of)
        with open_store(store) as opened:
            doc = tasks_report(opened, day, overdue_only=overdue)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    if json_output:
        print_json(doc)
        return
    table = Table(title=f"任务 / tasks（{doc['as_of']}）")
    for header in (
        "任务 / task",
        "责任单位 / unit",
        "时限 / due",
        "状态 / status",
        "进展 / progress",
        "逾期 / overdue",
    ):
        table.add_column(header, overflow="fold")
    for t in doc["tasks"]:
        table.add_row(
            f"{t['title']}\n[dim]{t['id']}[/]",
            t["department"] or "—",
            t["deadline"],
            f"{t['status']}\n[dim]{t['status_en']}[/]",
            (t["progress"] or "—")
            + (f"\n[dim]附件 / evidence: {', '.join(t['attachments'])}[/]" if t["attachments"] else ""),
            f"[bold red]{t['days_overdue']} 天 / days[/]" if t["overdue"] else "",
        )
    console.print(table)
    summary = Table(title="汇总 / roll-up")
    for header in ("", "任务 / tasks", "完成 / done", "逾期 / overdue"):
        summary.add_column(header)
    for g in [{"name": "合计 / total", **doc["totals"]}, *doc["by_box"], *doc["by_department"]]:
        summary.add_row(g["name"], str(g["tasks"]), str(g["done"]), str(g["overdue"]))
    console.print(summary)


def bases_command(
    *,
    as_of: AsOfOption = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="报告期 / report period, e.g. 2019年1-12月; 默认最新 / default latest"),
    ] = None,
    store: StoreOption = None,
    json_output: JsonOption = False,
) -> None:
    """35个产业基地：名称、功能区、企业、营业收入、增速与排名 / the 35 bases: profile, enterprises, figures, ranking."""
    from rich.table import Table

    from seimon.store import open_store
    from seimon.tracking.bases import bases_report

    try:
        day = parse_as_of(as_of)
        with open_store(store) as opened:
            doc = bases_report(opened, day, period)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    if json_output:
        print_json(doc)
        return
    table = Table(title=f"产业基地 / bases（{doc['as_of']}，{doc['period'] or '—'}）")
    for header in (
        "基地 / base",
        "级别 / level",
        "功能区 / zone",
        "企业 / firms",
        "营业收入 / revenue (万元)",
        "增速 / growth",
        "排名 / rank",
    ):
        table.add_column(header, overflow="fold")
    for b in sorted(doc["bases"], key=lambda b: (b["rank_revenue"] or 10**6, b["base"])):
        table.add_row(
            f"{b['name'] or '（待填 / unnamed）'}\n[dim]{b['base']}[/]",
            b["level_zh"],
            b["zone_name"] or "—",
            f"{b['reporting']}/{b['enterprises']}",
            f"{b['revenue']:,.0f}",
            _pct(b["growth"]),
            str(b["rank_revenue"] or "—"),
        )
    console.print(table)
