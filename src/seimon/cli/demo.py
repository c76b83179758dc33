"""`seimon demo` commands: generate synthetic Hebei demo data in the import formats.

A thin shell over :func:`seimon.demo.generate_demo`; the lead registers ``app`` as ``seimon demo``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated

import typer

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json
from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

app = typer.Typer(help="演示数据 / demo data", no_args_is_help=True)


@app.callback()
def demo() -> None:
    """演示数据：合成的河北数据，导入格式 / synthetic Hebei demo data in the import formats."""
    # keeps `generate` a sub-command (Typer would otherwise collapse a one-command app) and leaves room for `load`


# 2015-2020, 2015–2020, 2020 (one year)
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–~至]\s*(\d{4}))?\s*$")


def parse_years(text: str) -> tuple[int, int]:
    """Read ``--years``: ``2015-2020`` or a single year.

    >>> parse_years("2015-2020"), parse_years("2020")
    ((2015, 2020), (2020, 2020))
    """
    m = _YEARS.match(text)
    if not m or (m[2] and int(m[2]) < int(m[1])):
        raise SeimonError(
            f"年份范围应写成 2015-2020，实为“{text}”",
            f"years must look like 2015-2020, got '{text}'",
            Location(field="--years"),
            "bad_option",
        )
    return int(m[1]), int(m[2] or m[1])


@app.command("generate")
def generate(
    out: Annotated[Path, typer.Option("--out", help="输出目录 / output directory", file_okay=False)],
    enterprises: Annotated[int, typer.Option("--enterprises", help="企业数 / number of enterprises")] = 10000,
    years: Annotated[str, typer.Option("--years", help="年份范围 / years, e.g. 2015-2020")] = "2015-2020",
    seed: Annotated[int, typer.Option("--seed", help="随机种子 / random seed")] = 2016,
    as_json: JsonOption = False,
) -> None:
    """生成演示数据 / write synthetic Hebei data files and manifest.json into a directory."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from seimon.demo import generate_demo

    span = parse_years(years)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console, disable=as_json
    ) as bar:
        task = bar.add_task("演示数据 / demo data", total=None)

        def report(text: str, done: int, total: int) -> None:
            bar.update(task, description=text, completed=done, total=total)

        manifest = generate_demo(out, enterprises=enterprises, years=span, seed=seed, progress=report)
    if as_json:
        print_json(manifest.to_dict())
        return
    table = Table(title=f"演示数据 / demo data: {out}")
    for column in ("顺序 / order", "文件 / file", "类型 / kind", "格式 / format", "行数 / rows"):
        table.add_column(column)
    for f in sorted(manifest.files, key=lambda f: f.order):
        fmt = f.format if f.encoding is None else f"{f.format} ({f.encoding})"
        table.add_row(str(f.order), f.path, f.kind, fmt, str(f.rows))
    console.print(table)
    console.print(f"故意植入的错误 / planted errors: {len(manifest.errors)}（见 / see manifest.json）")


_LOAD_COLUMNS = ("文件 / file", "类型 / kind", "状态 / status", "读入 / read", "入库 / loaded", "隔离 / quarantined")


@app.command("load")
def load(
    directory: Annotated[
        Path,
        typer.Argument(help="演示数据目录（含 manifest.json）/ demo directory with manifest.json", file_okay=False),
    ],
    store_url: StoreOption = None,
    user: Annotated[str | None, typer.Option("--user", help="导入人 / who imports")] = None,
    as_json: JsonOption = False,
) -> None:
    """按顺序导入演示数据（与用户导入同一路径）/ import a demo directory through the ordinary import path, in order.

    Exit code 0 when every file loaded (rows the demo plants as errors are quarantined, as they should be);
    2 when a file was rejected whole.
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from seimon.ingest.directory import load_directory
    from seimon.store import open_store

    with (
        open_store(store_url) as store,
        Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console, disable=as_json
        ) as bar,
    ):
        task = bar.add_task("导入 / importing", total=None)

        def report(done: int, total: int, name: str, _summary: object) -> None:
            bar.update(task, description=f"导入 / importing {name}", completed=done, total=total)

        summaries = load_directory(store, directory, user=user, progress=report)
    if as_json:
        print_json([s.to_dict() for s in summaries])
    else:
        table = Table(title=f"演示数据导入 / demo load: {directory}")
        for column in _LOAD_COLUMNS:
            table.add_column(column)
        for s in summaries:
            row = (Path(s.file).name, s.kind, s.status, s.rows_read, s.rows_loaded, s.rows_quarantined)
            table.add_row(*map(str, row))
        console.print(table)
        loaded = sum(s.rows_loaded for s in summaries)
        quarantined = sum(s.rows_quarantined for s in summaries)
        console.print(f"入库 / loaded {loaded} 行 rows；隔离 / quarantined {quarantined} 行 rows")
        console.print("查看隔离区 / see the quarantine: seimon quarantine list")
    if any(s.status == "rejected" for s in summaries):
        raise typer.Exit(2)


@app.command("accounts")
def accounts(store_url: StoreOption = None, as_json: JsonOption = False) -> None:
    """创建演示账号（每个角色一个，口令公开）/ create the demo accounts, one per role (well-known passwords).

    For a demonstration store only: the passwords are printed.
    """
    from rich.table import Table

    from seimon.access.demo_accounts import seed_demo_accounts
    from seimon.store import open_store

    with open_store(store_url) as store:
        made = seed_demo_accounts(store)
    if as_json:
        print_json([vars(a) for a in made])
        return
    table = Table(title="演示账号 / demo accounts")
    for column in ("用户名 / user", "口令 / password", "角色 / role", "范围 / scope"):
        table.add_column(column)
    for a in made:
        table.add_row(a.username, a.password, a.role, a.region or a.credit_code or "全省 / province")
    console.print(table)
