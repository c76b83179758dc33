"""`seimon appraise` and `seimon report appraisal`: thin shells over :mod:`seimon.appraise` and the appraisal bulletin.

The root app registers :func:`appraise_command` and, on the report sub-app, :func:`report_appraisal_command`.
Exit codes: 0 done, 2 a located error (bad year, units or date, a framework file with a mistake, no data).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_error, print_json
from seimon.errors import SeimonError

logger = logging.getLogger(__name__)


class UnitsChoice(StrEnum):
    cities = "cities"
    departments = "departments"
    bases = "bases"


YearOption = Annotated[int, typer.Option("--year", help="考核年度 / the year appraised, e.g. 2019")]
UnitsOption = Annotated[
    UnitsChoice, typer.Option("--units", help="考核对象 / units: cities（含定州、辛集）| departments | bases")
]
FrameworkOption = Annotated[
    Path | None,
    typer.Option(
        "--framework",
        help="考核框架文件（YAML）/ framework file; 默认为内置框架 / default: the built-in framework",
        show_default=False,
        dir_okay=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="截至日期 YYYY-MM-DD（此后发布的数据不计）/ use only data published by then"),
]
DrawsOption = Annotated[
    int | None,
    typer.Option(
        "--draws", help="蒙特卡洛次数（默认取框架设定）/ Monte Carlo draws (default: the framework's)", min=10
    ),
]


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def appraise_command(  # noqa: PLR0917 - Typer passes options positionally
    year: YearOption,
    units: UnitsOption = UnitsChoice.cities,
    framework: FrameworkOption = None,
    as_of: AsOfOption = None,
    draws: DrawsOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """考核评价 / appraise cities, departments or bases: score, rank, 5–95% rank interval, pillar profile."""
    from rich.table import Table

    from seimon.appraise import appraise
    from seimon.cli.assess import parse_as_of
    from seimon.store import open_store

    try:
        day = parse_as_of(as_of) if as_of else None
        with open_store(store) as opened:
            result = appraise(opened, year, units=units.value, framework=framework, as_of=day, draws=draws)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    data = result.to_dict()
    if as_json:
        print_json(data)
        return
    title = f"{result.framework.name_zh} / {result.framework.name_en}（{year}"
    title += f"，截至 / as of {day})" if day else "）"
    table = Table(title=title)
    for header in ("名次 / rank", "5–95% 区间 / interval", "单位 / unit", "得分 / score"):
        table.add_column(header)
    for pillar in result.pillars:
        table.add_column(f"{pillar['name_zh']}\n{pillar['name_en']}", justify="right")
    for unit in result.units:
        interval = f"{unit.rank_low}–{unit.rank_high}" if unit.rank is not None else "—"
        table.add_row(
            str(unit.rank or "—"),
            interval,
            f"{unit.unit} {unit.name_zh}",
            _fmt(unit.score),
            *[_fmt(unit.pillars.get(p["id"])) for p in result.pillars],
        )
    console.print(table)
    s = result.sensitivity
    shares = "，".join(f"{k} {s['first_order'][k]:.2f}/{s['total'][k]:.2f}" for k in s["first_order"])
    console.print(f"名次敏感性（一阶/总 Sobol 指数）/ rank sensitivity (first-order/total Sobol): {shares}")
    for warning in data["warnings"]:
        console.print(f"[yellow]提示[/] {warning['zh']} / {warning['en']}", highlight=False)


def report_appraisal_command(  # noqa: PLR0917 - Typer passes options positionally
    year: YearOption,
    format: Annotated[str, typer.Option("--format", "-f", help="输出格式 / output format: docx | pdf | html | xlsx")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件 / output file", dir_okay=False)],
    lang: Annotated[str, typer.Option("--lang", help="语言 / language: zh | en")] = "zh",
    units: UnitsOption = UnitsChoice.cities,
    framework: FrameworkOption = None,
    as_of: AsOfOption = None,
    draws: DrawsOption = None,
    store: StoreOption = None,
) -> None:
    """考核结果通报 / the appraisal bulletin: ranking with rank intervals, profiles, leaders and laggards."""
    from seimon.cli.assess import parse_as_of
    from seimon.errors import Location
    from seimon.report import render
    from seimon.report.appraisal import build_appraisal_bulletin
    from seimon.store import open_store

    try:
        if lang not in ("zh", "en"):
            raise SeimonError(
                f"--lang 应为 zh 或 en：{lang}",
                f"--lang must be zh or en: {lang}",
                Location(field="--lang"),
                "bad_option",
            )
        day = parse_as_of(as_of) if as_of else None
        with open_store(store) as opened:
            report = build_appraisal_bulletin(
                opened,
                year,
                lang,
                units=units.value,
                framework=framework,
                as_of=day,
                draws=draws,  # type: ignore[arg-type]
            )
        data = render(report, format)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    console.print(f"已写入 / written: {output}（{len(data):,} 字节 / bytes）", highlight=False)
