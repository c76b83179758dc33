"""Options shared by many commands, declared once so help texts stay identical."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="SEIMON_STORE",
        help="数据库地址 / store URL: duckdb:///path.duckdb 或 postgresql://host/db；默认 ./seimon.duckdb",
        show_default=False,
    ),
]

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        envvar="SEIMON_PLAN",
        help="规划文件（YAML）/ plan file (YAML); 默认为内置河北省规划 / default: the built-in Hebei plan",
        show_default=False,
        exists=True,
        dir_okay=False,
    ),
]

JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")]
