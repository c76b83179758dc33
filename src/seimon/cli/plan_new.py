"""`seimon plan new TEXT_FILE -o plan.yaml`: draft a plan file from another plan's text.

A thin shell over :func:`seimon.plan.draft.draft_plan`: reads the text (UTF-8 or GB18030), writes the YAML next to
where it says, loads it back with the plan loader (so the draft is a valid plan file) and prints what it drafted
and the lint's coverage. Registered by ``seimon.cli.plan`` (``app.command("new")(new_command)``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from seimon.cli.output import console, print_json
from seimon.cli.plan_extract import read_plan_text
from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)


def new_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="规划文本文件（UTF-8 或 GB18030）/ plan text file", exists=True, dir_okay=False, readable=True
        ),
    ],
    *,
    output: Annotated[Path, typer.Option("-o", "--output", help="写入的规划文件 / plan YAML to write")],
    plan_id: Annotated[str | None, typer.Option("--id", help="规划标识 / plan id (snake_case)")] = None,
    region: Annotated[
        str, typer.Option("--region", help="目标所属区划代码 / region code the targets are scoped to")
    ] = "000000",
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件 / overwrite an existing file")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False,
) -> None:
    """从另一规划原文起草规划文件 / Draft a plan file from another plan's text."""
    import yaml

    from seimon.plan import load_plan
    from seimon.plan.draft import draft_plan
    from seimon.plan.lint import lint_plan

    if output.exists() and not force:
        raise SeimonError(
            "输出文件已存在（加 --force 覆盖）", "output exists (use --force to overwrite)", Location(file=str(output))
        )
    text = read_plan_text(file)
    relative = os.path.relpath(file.resolve(), output.resolve().parent)
    data = draft_plan(text, source_text=relative, plan_id=plan_id, region=region)
    header = (
        f"# 由 seimon plan new 从 {file.name} 起草，须人工核对 / drafted by seimon plan new from {file.name}; review\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    output.write_text(header + body, encoding="utf-8")
    plan = load_plan(output)
    report = lint_plan(plan)
    summary = {
        "output": str(output),
        "plan_id": plan.metadata.id,
        "industries": len(plan.industries),
        "roadmap_boxes": len(plan.roadmap_boxes),
        "projects": len(plan.projects),
        "measures": len(plan.measures),
        "targets": len(plan.targets),
        "qualitative_targets": len(plan.qualitative_targets),
        "set_aside": len(plan.set_aside),
        "coverage": round(report.coverage, 4),
        "lint_ok": report.ok,
    }
    if json_output:
        print_json(summary)
        return
    console.print(
        f"已起草 / drafted {output}: 目标 targets {summary['targets']}，定性目标 qualitative "
        f"{summary['qualitative_targets']}，剔除 set aside {summary['set_aside']}，产业 industries "
        f"{summary['industries']}，专栏 boxes {summary['roadmap_boxes']}；覆盖率 coverage {report.coverage:.1%}",
        highlight=False,
    )
