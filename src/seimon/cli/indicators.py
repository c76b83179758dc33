"""`seimon indicators`, `seimon query`, `seimon compute`: thin shells over :mod:`seimon.indicators`.

The lead registers the three functions on the root app; each prints JSON with ``--json`` or a Rich table.
Values are rounded only here, for people; JSON carries the full values.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json

logger = logging.getLogger(__name__)

IndicatorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--indicators",
        envvar="SEIMON_INDICATORS",
        help="用户指标定义（YAML 文件或目录，可重复）/ user indicator files or directories",
        show_default=False,
    ),
]
EngineOption = Annotated[
    str | None,
    typer.Option("--engine", help="计算引擎 / engine: duckdb | postgres | spark（默认随数据库）", show_default=False),
]


def indicators_command(indicators: IndicatorsOption = None, as_json: JsonOption = False) -> None:
    """指标体系 / list the indicator system (id, names, unit, definition, plan targets)."""
    from seimon.indicators.registry import load_registry

    registry = load_registry(indicators or [])
    listing = [spec.listing() for spec in registry]
    if as_json:
        print_json(listing)
        return
    table = Table("id", "名称 / name", "单位 / unit", "规划目标 / targets", "口径 / definition", show_lines=False)
    for item in listing:
        table.add_row(
            str(item["id"]),
            f"{item['name_zh']}\n{item['name_en']}",
            str(item["unit"]),
            ", ".join(item["targets"]),
            str(item["definition"]),
        )  # type: ignore[arg-type]
    console.print(table)


_DIMENSION_HEADERS = {
    "plan_industry": "规划产业 / plan industry",
    "sei_field": "战新领域 / SEI field",
    "sei_item": "战新类别 / SEI item",
    "base": "基地 / base",
    "size": "企业规模 / size",
    "division": "行业大类 / division (GB/T 4754)",
}


def _format_value(value: float | None) -> str:
    """Presentation rounding, done once here: counts without decimals, other values to 2 decimals."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _dimension_labels(dimension: str) -> dict[str, str]:
    """Chinese names for the keys of a breakdown, so a table shows 先进装备制造 beside advanced_equipment."""
    if dimension == "plan_industry":
        from seimon.plan import load_plan

        return {industry.id: industry.name_zh for industry in load_plan().industries}
    if dimension in ("sei_field", "sei_item"):
        from seimon.reference.sei import sei_categories

        return {category.code: category.name_zh for category in sei_categories()}
    if dimension == "base":
        from seimon.plan import load_plan

        return {base.id: base.name_zh or "" for base in load_plan().bases}
    if dimension == "division":
        from seimon.reference.industries import divisions

        return {division.code: division.name_zh for division in divisions()}
    return {}


def query_command(  # noqa: PLR0917 - Typer passes options positionally
    indicator: Annotated[str, typer.Argument(help="指标 id / indicator id, e.g. sei_va_share_above_scale")],
    region: Annotated[str, typer.Option("--region", help="区划代码 / region code")] = "130000",
    period: Annotated[
        str | None, typer.Option("--period", help="时期 / period: 2019（全年）、2019-09 或 2019年1-9月（1–9月累计）")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="分组 / break down by: region|plan_industry|sei_field|sei_item|base|size|division"
            "（division = 国民经济行业大类 GB/T 4754）",
        ),
    ] = None,
    view: Annotated[str, typer.Option("--view", help="reporting（含定州、辛集）| geographic")] = "reporting",
    vintage: Annotated[
        str | None, typer.Option("--vintage", help="数据版本日期 / data as published up to DATE (YYYY-MM-DD)")
    ] = None,
    single_month: Annotated[
        bool, typer.Option("--single-month", help="由累计值之差得到单月值 / single months from cumulative values")
    ] = False,
    engine: EngineOption = None,
    store: StoreOption = None,
    indicators: IndicatorsOption = None,
    edition: Annotated[
        str,
        typer.Option(
            "--edition",
            help="internal（全部数值 / every value）| public（按保密规则抑制 / "
            "withheld cells: value null, suppressed true）",
        ),
    ] = "internal",
    as_json: JsonOption = False,
) -> None:
    """查询指标值 / values of one indicator with unit and period."""
    from seimon.indicators.query import query
    from seimon.indicators.registry import load_registry
    from seimon.reference.regions import load_regions
    from seimon.store import open_store

    if edition not in ("internal", "public"):
        from seimon.errors import Location, SeimonError

        raise SeimonError(
            "--edition 应为 internal 或 public", "--edition must be internal or public", Location(field="--edition")
        )
    registry = load_registry(indicators or [])
    with open_store(store) as opened:
        rows = query(
            indicator,
            region=region,
            period=period,
            by=by,
            view=view,
            vintage=vintage,
            engine=engine,
            store=opened,
            registry=registry,
            single_month=single_month,
        )
        if edition == "public":
            from seimon.disclose.public import public_rows

            rows = public_rows(
                opened,
                rows,
                indicator,
                region=region,
                by=by,
                view=view,
                registry=registry,
                vintage=vintage,
                single_month=single_month,
            )
    if as_json:
        print_json(rows)
        return
    spec = registry[indicator]
    names = load_regions().regions
    table = Table(title=f"{spec.name_zh} / {spec.name_en}（{spec.unit}）")
    extra = by if by not in (None, "region") else None
    labels = _dimension_labels(extra) if extra else {}
    for col in (
        "地区 / region",
        *([_DIMENSION_HEADERS.get(extra, extra)] if extra else []),
        "时期 / period",
        "值 / value",
    ):
        table.add_column(col)
    for row in rows:
        name = names[row["region"]].name_zh if row["region"] in names else ""
        key = str(row[extra]) if extra else ""
        cells = [
            f"{row['region']} {name}",
            *([f"{key} {labels.get(key, '')}".strip()] if extra else []),
            row["period"],
            _format_value(row["value"]),
        ]
        table.add_row(*cells)
    console.print(table)
    if not rows:
        console.print("没有数据 / no data")


def compute_command(  # noqa: PLR0917 - Typer passes options positionally
    from_period: Annotated[str | None, typer.Option("--from", help="起始时期 / first period, e.g. 2019-02")] = None,
    to_period: Annotated[str | None, typer.Option("--to", help="截止时期 / last period, e.g. 2020")] = None,
    full: Annotated[bool, typer.Option("--full", help="全部重算 / recompute every period")] = False,
    engine: EngineOption = None,
    store: StoreOption = None,
    indicators: IndicatorsOption = None,
    as_json: JsonOption = False,
) -> None:
    """计算指标立方体 / materialise the indicator cube (only periods touched by new data)."""
    from seimon.indicators.cube import compute_cube
    from seimon.indicators.query import ytd_key_for
    from seimon.indicators.registry import load_registry
    from seimon.store import open_store

    registry = load_registry(indicators or [])
    with open_store(store) as opened:
        summary = compute_cube(
            opened,
            engine=engine,
            from_period=ytd_key_for(from_period) if from_period else None,
            to_period=ytd_key_for(to_period) if to_period else None,
            registry=registry,
            full=full,
        )
    if as_json:
        print_json(summary)
        return
    console.print(
        f"已写入 {summary['rows']} 行，重算 {len(summary['periods'])} 个时期"
        f"（{summary['engine']}，{summary['seconds']} 秒）"
        f" / wrote {summary['rows']} rows, recomputed {len(summary['periods'])} periods"
    )
    if summary["compared_with_stored"]:
        periods = ", ".join(summary["compared_with_stored"])
        console.print(f"对比期取自已存立方体 / compared with the stored cube rows of: {periods}")
    if summary["register_reused"]:
        console.print("企业名录侧沿用上次计算 / register side read from the last run (register unchanged)")
