"""`seimon plan` commands: show, summary, targets, schema, lint (and extract, from plan_extract).

A thin shell: everything it prints comes from :mod:`seimon.plan`. Located errors (bad plan files) are
raised as :class:`SeimonError` and turned into exit code 2 by the root app.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from seimon.cli.options import JsonOption, PlanOption
from seimon.cli.output import console, print_json
from seimon.cli.plan_extract import extract_command
from seimon.cli.plan_new import new_command
from seimon.plan import Plan, find_item, lint_plan, load_plan
from seimon.plan.model import Target
from seimon.plan.show import item_to_dict, plan_to_dict

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="规划：查看、目标、模式、检查 / plan: show, targets, schema, lint",
    no_args_is_help=True,
)

_KIND_ZH = {"level": "存量", "cumulative": "累计", "annual_flow": "年流量", "count": "数量", "share": "比重"}


def _value(target: Target) -> str:
    shown = f"{target.value:g}" + (f"–{target.value_max:g}" if target.value_max is not None else "")
    return shown + (" (力争)" if target.aspirational else "")


def _targets_table(plan: Plan) -> Table:
    table = Table(title="目标 / targets", show_lines=False)
    table.add_column("id", no_wrap=True)
    headers = ("名称 / name", "目标值 / value", "单位 / unit", "比较 / cmp", "类型 / kind", "含义 / semantics")
    for header in (*headers, "期限 / deadline"):
        table.add_column(header, overflow="fold")
    for t in plan.targets:
        kind = f"{_KIND_ZH[t.kind]} {t.kind}"
        semantics = f"{_SEMANTICS_ZH[str(t.semantics)]} {t.semantics}"
        table.add_row(t.id, t.name_zh, _value(t), t.unit, t.comparator, kind, semantics, str(t.deadline))
    return table


# Target semantics as the table shows them.
_SEMANTICS_ZH = {"stock": "存量", "flow": "期间新增", "annual_flow": "每年", "rate": "比率", "range": "区间"}


@app.command("show")
def show(
    item: Annotated[
        str | None, typer.Argument(help="条目标识（目标、产业、专栏、基地、工程、措施）/ item id", show_default=False)
    ] = None,
    plan_file: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """显示规划或其中一个条目及原文句子 / show the plan, or one item with its original sentence."""
    plan = load_plan(plan_file)
    if item is None:
        if json_output:
            print_json(plan_to_dict(plan))
            return
        _print_summary(plan)
        return
    data = item_to_dict(plan, find_item(plan, item))
    if json_output:
        print_json(data)
        return
    body = json.dumps({k: v for k, v in data.items() if k != "sentence"}, ensure_ascii=False, indent=2)
    console.print(Panel(body, title=f"{data['kind_of_item']}: {item}", expand=False), highlight=False)
    console.print(Panel(data["sentence"] or "—", title="原文 / original sentence", expand=False), highlight=False)


def _print_summary(plan: Plan) -> None:
    meta = plan.metadata
    console.print(
        Panel(
            f"{meta.title_zh}\n{meta.title_en}\n{meta.issuer_zh} / {meta.issuer_en}，{meta.date.isoformat()}\n"
            f"规划期 / period {meta.period_start}–{meta.period_end}，基年 / base year {meta.base_year}",
            title=meta.id,
            expand=False,
        ),
        highlight=False,
    )
    counts = Table(title="构成 / contents")
    counts.add_column("部分 / part")
    counts.add_column("数量 / count", justify="right")
    national = sum(1 for b in plan.bases if b.level == "national")
    rows = [
        ("产业 / industries", len(plan.industries)),
        ("细分领域 / sub-fields", sum(len(i.subfields) for i in plan.industries)),
        ("专栏 / roadmap boxes", len(plan.roadmap_boxes)),
        ("功能区 / zones", len(plan.zones)),
        (f"基地 / bases（国家级 {national}，省级 {len(plan.bases) - national}）", len(plan.bases)),
        ("重大专项工程 / projects", len(plan.projects)),
        ("保障措施 / measures", len(plan.measures)),
        ("目标 / targets", len(plan.targets)),
        ("定性目标 / qualitative targets", len(plan.qualitative_targets)),
        ("剔除数字 / set aside", len(plan.set_aside)),
    ]
    for name, count in rows:
        counts.add_row(name, str(count))
    console.print(counts)
    console.print(_targets_table(plan))
    if plan.qualitative_targets:
        qualitative = Table(title="定性目标 / qualitative targets")
        for header in ("id", "表述 / statement", "期限 / deadline"):
            qualitative.add_column(header, overflow="fold")
        for q in plan.qualitative_targets:
            qualitative.add_row(q.id, q.statement, str(q.deadline))
        console.print(qualitative)


@app.command("summary")
def summary(plan_file: PlanOption = None) -> None:
    """规划概览：构成与目标表 / overview: counts and the targets table."""
    _print_summary(load_plan(plan_file))


@app.command("targets")
def targets(plan_file: PlanOption = None, json_output: JsonOption = False) -> None:
    """目标表 / the targets table."""
    plan = load_plan(plan_file)
    if json_output:
        print_json([t.model_dump(mode="json") for t in plan.targets])
        return
    console.print(_targets_table(plan))


@app.command("schema")
def schema(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="写入文件 / write to this file", show_default=False)
    ] = None,
) -> None:
    """规划文件的 JSON Schema（供编辑器校验）/ the plan file's JSON Schema, for editors."""
    text = json.dumps(Plan.model_json_schema(mode="validation"), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    console.print(f"已写入 / written: {output}", highlight=False)


@app.command("lint")
def lint(plan_file: PlanOption = None, json_output: JsonOption = False) -> None:
    """检查原文中每个数字均为目标或附理由剔除 / check every number of the text is a target or set aside."""
    plan = load_plan(plan_file)
    report = lint_plan(plan)
    if json_output:
        print_json(report.to_dict())
    else:
        by_rule = Table(title="按规则覆盖 / covered by rule")
        for header in ("类别 / category", "数量 / count", "理由 / reason"):
            by_rule.add_column(header, overflow="fold")
        for category, count in sorted(report.by_category.items()):
            by_rule.add_row(category, str(count.count), f"{count.reason_zh} / {count.reason_en}")
        console.print(by_rule)
        console.print(
            f"目标覆盖 / by targets: {report.by_target}；剔除覆盖 / by set-asides: {report.by_set_aside}",
            highlight=False,
        )
        for finding in report.findings:
            style = "bold red" if finding.severity == "error" else "yellow"
            where = f"[{finding.start}:{finding.end}] " if finding.start is not None else ""
            console.print(
                f"[{style}]{finding.severity}[/] {where}{finding.message_zh} / {finding.message_en}", highlight=False
            )
        semantics = "，".join(f"{k} {v}" for k, v in sorted(report.by_semantics.items()))
        console.print(
            f"目标含义 / targets by semantics: {semantics}；定性目标 / qualitative targets: {report.qualitative}",
            highlight=False,
        )
        console.print(f"覆盖率 / coverage: {report.coverage:.1%}", highlight=False)
        console.print(f"covered {report.covered}/{report.total}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


# `seimon plan extract FILE [--json]` is the extractor stage's command, registered here.
app.command("extract")(extract_command)
# `seimon plan new TEXT_FILE -o plan.yaml`: draft a plan file from a plan's text.
app.command("new")(new_command)
