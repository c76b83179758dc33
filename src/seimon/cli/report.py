"""`seimon report bulletin|evaluation`: thin shells over :mod:`seimon.report` (the lead registers ``app``).

Exit codes: 0 written, 2 a located error (bad period, date, format or edition).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from seimon.cli.options import StoreOption
from seimon.cli.output import console, print_error
from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="报告 / reports: 监测简报与规划评估报告 / monitoring bulletin and plan evaluation", no_args_is_help=True
)


class Format(StrEnum):
    docx = "docx"
    pdf = "pdf"
    html = "html"
    xlsx = "xlsx"


class EditionChoice(StrEnum):
    public = "public"
    internal = "internal"


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="输出格式 / output format")]
OutOption = Annotated[Path, typer.Option("--output", "-o", help="输出文件 / output file", dir_okay=False)]
LangOption = Annotated[LangChoice, typer.Option("--lang", help="语言 / language")]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    console.print(f"已写入 / written: {path}（{len(data):,} 字节 / bytes）", highlight=False)


@app.command("bulletin")
def bulletin_command(
    *,
    period: Annotated[str, typer.Option("--period", help="期别 / period: 2020-09 = 1—9月, 2020 = 全年 / whole year")],
    format: FormatOption,
    output: OutOption,
    edition: Annotated[
        EditionChoice, typer.Option("--edition", help="公开版（不含企业数据）或内部版 / public or internal")
    ] = EditionChoice.public,
    lang: LangOption = LangChoice.zh,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="按该日已知的数据编制 YYYY-MM-DD（默认最新数据）/ the data as known on this date (default: latest)",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """监测简报 / the monitoring bulletin for a year-to-date period.

    内部版的每次生成均记入审计日志 / every internal edition written is recorded in the audit log.
    """
    from seimon.cli.assess import parse_as_of
    from seimon.cli.users import cli_actor
    from seimon.services.reports import BulletinOrder, bulletin
    from seimon.store import open_store

    try:
        day = parse_as_of(as_of) if as_of else None
        order = BulletinOrder(period, edition=edition.value, lang=lang.value, format=format.value, as_of=day)
        with open_store(store) as opened:
            data = bulletin(opened, cli_actor(), order, output=str(output))  # the internal edition is audited
        _write(output, data)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None


@app.command("evaluation")
def evaluation_command(
    *,
    format: FormatOption,
    output: OutOption,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="评估日期 YYYY-MM-DD / as-of date (或用 --evaluation / or give --evaluation)"),
    ] = None,
    evaluation: Annotated[
        int | None,
        typer.Option(
            "--evaluation",
            help="载入该第三方评估的意见与签署页（默认：该日已签署的最新评估）/ carry this third-party evaluation's "
            "opinions and signature page (default: the latest signed one of the as-of date)",
            min=1,
            show_default=False,
        ),
    ] = None,
    lang: LangOption = LangChoice.zh,
    store: StoreOption = None,
) -> None:
    """规划评估报告 / the plan evaluation report as of a date, with the third-party evaluator's opinions."""
    from seimon.cli.assess import parse_as_of
    from seimon.report import build_evaluation, render
    from seimon.store import open_store

    try:
        if as_of is None and evaluation is None:
            raise SeimonError(
                "须给出 --as-of 或 --evaluation",
                "give --as-of or --evaluation",
                Location(field="--as-of"),
                "bad_option",
            )
        day = parse_as_of(as_of) if as_of else None
        with open_store(store) as opened:
            report = build_evaluation(opened, day, lang.value, evaluation_id=evaluation)  # type: ignore[arg-type]
        _write(output, render(report, format.value))
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None


@app.command("guide")
def guide_command(
    *,
    year: Annotated[int, typer.Option("--year", help="年份 / year (whole-year figures)")],
    format: FormatOption,
    output: OutOption,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="按该日已知的数据编制 YYYY-MM-DD（默认：全部已知数据）/ use only figures known on this date "
            "(default: everything known)",
        ),
    ] = None,
    lang: LangOption = LangChoice.zh,
    store: StoreOption = None,
) -> None:
    """产业发展指南（公开版，经保密控制，含紧缺人才目录）/ the yearly industry development guide (public,
    disclosure-controlled, with the talent-shortage catalogue)."""
    from seimon.cli.assess import parse_as_of
    from seimon.report import render
    from seimon.report.guide import build_guide
    from seimon.store import open_store

    try:
        day = parse_as_of(as_of) if as_of else None
        with open_store(store) as opened:
            report = build_guide(opened, year, lang.value, as_of=day)  # type: ignore[arg-type]
        _write(output, render(report, format.value))
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
